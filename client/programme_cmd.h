// talentctl programme create|list|get|update. Not thread-safe.
#ifndef TALENT_CLIENT_PROGRAMME_CMD_H_
#define TALENT_CLIENT_PROGRAMME_CMD_H_

#include <string>
#include <vector>

#include "client/cli_context.h"
#include "talent/v1/programme.pb.h"

namespace CLI {
class App;
}

namespace talent::client {

struct ProgrammeCreateOptions {
  std::string code, title, issuer, objection_contact, request_id;
  int start_year = 0, end_year = 0, target = 0;
};
void SetupProgrammeCreate(CLI::App& group, CliContext& ctx);
void RunProgrammeCreate(const ProgrammeCreateOptions& options, CliContext& ctx);

// 'programme list' has no options.
void SetupProgrammeList(CLI::App& group, CliContext& ctx);
void RunProgrammeList(CliContext& ctx);

struct ProgrammeGetOptions {
  std::string code;
};
void SetupProgrammeGet(CLI::App& group, CliContext& ctx);
void RunProgrammeGet(const ProgrammeGetOptions& options, CliContext& ctx);

struct ProgrammeUpdateOptions {
  std::string code, title, issuer, objection_contact;
  int start_year = 0, end_year = 0, target = 0;
  std::vector<std::string> update_mask;  // the fields whose flag was given
};
void SetupProgrammeUpdate(CLI::App& group, CliContext& ctx);
void RunProgrammeUpdate(const ProgrammeUpdateOptions& options, CliContext& ctx);

// The request of 'programme update'. Throws CliError (usage) when no field
// is to change.
v1::UpdateProgrammeRequest UpdateProgrammeRequestOf(const ProgrammeUpdateOptions& options);

// A table row: code, title, issuer, years ("2020–2030"), target.
std::vector<std::string> ProgrammeRow(const v1::Programme& programme);
void PrintProgrammes(const CliContext& ctx, const std::vector<v1::Programme>& programmes);

}  // namespace talent::client

#endif  // TALENT_CLIENT_PROGRAMME_CMD_H_
