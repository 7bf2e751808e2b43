// The talentctl command groups. Each Setup…Commands function adds one
// group's subcommands to the app; every verb, in its <group>_cmd.h, follows
// CLI11's own pattern: an options struct, a Setup function that declares
// its flags into a fresh struct, and a Run function that the parsed command
// line calls, which uses the shared CliContext and throws CliError to fail.
// Not thread-safe.
#ifndef TALENT_CLIENT_COMMANDS_H_
#define TALENT_CLIENT_COMMANDS_H_

#include <grpcpp/client_context.h>

#include <string>
#include <utility>
#include <vector>

#include "client/args.h"
#include "client/cli_context.h"
#include "client/resource_refs.h"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace talent::client {

// Every group, in the order --help lists them.
void SetupCommands(CLI::App& app, CliContext& ctx);

void SetupProgrammeCommands(CLI::App& app, CliContext& ctx);
void SetupCohortCommands(CLI::App& app, CliContext& ctx);
void SetupEnrolmentCommands(CLI::App& app, CliContext& ctx);
// user, whoami, token and login.
void SetupUserCommands(CLI::App& app, CliContext& ctx);
void SetupTokenCommands(CLI::App& app, CliContext& ctx);
void SetupAuditCommands(CLI::App& app, CliContext& ctx);
void SetupRubricCommands(CLI::App& app, CliContext& ctx);
// 'cohort rules', on the cohort group.
void SetupCohortRules(CLI::App& cohort, CliContext& ctx);
void SetupRoundCommands(CLI::App& app, CliContext& ctx);
void SetupAppealCommands(CLI::App& app, CliContext& ctx);
void SetupResultsCommands(CLI::App& app, CliContext& ctx);
void SetupConflictCommands(CLI::App& app, CliContext& ctx);
void SetupAssignmentCommands(CLI::App& app, CliContext& ctx);
void SetupScoreCommands(CLI::App& app, CliContext& ctx);
void SetupCertCommands(CLI::App& app, CliContext& ctx);

// Groups not yet split by verb.
void AddReportCommands(CLI::App& app, CliContext& ctx);

// Calls a List RPC page after page (1000 to a page) until the last page, or
// until `take` (given each page's response) returns false.
template <typename Request, typename Response, typename Rpc, typename Take>
void ForEachPage(CliContext& ctx, Request request, Rpc rpc, Take take) {
  request.set_page_size(1000);
  for (;;) {
    Response page;
    ctx.Check(rpc(ctx.Call().get(), request, &page));
    if (!take(page) || page.next_page_token().empty()) return;
    request.set_page_token(page.next_page_token());
  }
}

// The fields (of an update mask) whose option was given on the command
// line, in the order listed.
std::vector<std::string> GivenFields(
    const std::vector<std::pair<CLI::Option*, std::string>>& options);

// Help texts of the arguments many verbs take.
inline constexpr char kCohortArgHelp[] = "cohort: CODE/YEAR (or YEAR)";
inline constexpr char kRoundArgHelp[] = "round: CODE/YEAR/POSITION";
inline constexpr char kRoundOrShortArgHelp[] = "round: CODE/YEAR/POSITION (or YEAR/POSITION)";
inline constexpr char kEnrolmentArgHelp[] = "enrolment ID";

}  // namespace talent::client

#endif  // TALENT_CLIENT_COMMANDS_H_
