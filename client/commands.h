// The talentctl command groups. Each Setup…Commands function adds one
// group's subcommands to the app; every verb, in its <group>_cmd.h, follows
// CLI11's own pattern: an options struct, a Setup function that declares
// its flags into a fresh struct, and a Run function that the parsed command
// line calls, which uses the shared CliContext and throws CliError to fail.
// Not thread-safe.
#ifndef TALENT_CLIENT_COMMANDS_H_
#define TALENT_CLIENT_COMMANDS_H_

#include <string>
#include <utility>
#include <vector>

#include "client/cli_context.h"

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
// 'programme progress', on the programme group.
void SetupProgrammeProgress(CLI::App& programme, CliContext& ctx);
void SetupReportCommands(CLI::App& app, CliContext& ctx);
// 'completion bash|zsh': a completion script made from `app`'s own command
// tree when it runs, so it lists exactly this binary's commands and flags.
// Add it last.
void SetupCompletionCommand(CLI::App& app, CliContext& ctx);

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
