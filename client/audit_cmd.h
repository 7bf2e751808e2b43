// talentctl audit list|verify. Not thread-safe.
#ifndef TALENT_CLIENT_AUDIT_CMD_H_
#define TALENT_CLIENT_AUDIT_CMD_H_

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
};
void SetupAuditList(CLI::App& group, CliContext& ctx);
void RunAuditList(const AuditListOptions& options, CliContext& ctx);

// 'audit verify' has no options.
void SetupAuditVerify(CLI::App& group, CliContext& ctx);
void RunAuditVerify(CliContext& ctx);

// A table row: id, time, user ("-" for none), method, resource, detail.
std::vector<std::string> AuditRow(const v1::AuditEvent& event);

}  // namespace talent::client

#endif  // TALENT_CLIENT_AUDIT_CMD_H_
