// talentctl audit list|verify|export. Not thread-safe.
#ifndef TALENT_CLIENT_AUDIT_CMD_H_
#define TALENT_CLIENT_AUDIT_CMD_H_

#include <cstdint>
#include <string>
#include <vector>

#include "client/cli_context.h"
#include "talent/v1/audit.pb.h"

namespace CLI {
class App;
}

namespace talent::client {

struct AuditListOptions {
  int limit = 0;  // 0: all
  std::string user;
  int64_t token_id = 0;
  std::string resource;
  std::string since;
  std::string until;
};
void SetupAuditList(CLI::App& group, CliContext& ctx);
void RunAuditList(const AuditListOptions& options, CliContext& ctx);

struct AuditVerifyOptions {
  std::string file;    // an export to check offline
  std::string pubkey;  // the key to trust (required with --file)
};
void SetupAuditVerify(CLI::App& group, CliContext& ctx);
void RunAuditVerify(const AuditVerifyOptions& options, CliContext& ctx);

struct AuditExportOptions {
  std::string out;
};
void SetupAuditExport(CLI::App& group, CliContext& ctx);
void RunAuditExport(const AuditExportOptions& options, CliContext& ctx);

// A table row: id, time, user ("-" for none), token ("-" for none), method,
// resource, detail.
std::vector<std::string> AuditRow(const v1::AuditEvent& event);

}  // namespace talent::client

#endif  // TALENT_CLIENT_AUDIT_CMD_H_
