// talentctl appeal file|resolve|list (appeal_cmd.cc) and results show
// (results_cmd.cc): a round's results and the appeals against them during
// the public notice. Not thread-safe.
#ifndef TALENT_CLIENT_APPEAL_CMD_H_
#define TALENT_CLIENT_APPEAL_CMD_H_

#include <cstdint>
#include <string>
#include <vector>

#include "client/cli_context.h"
#include "talent/v1/round.pb.h"

namespace CLI {
class App;
}

namespace talent::client {

struct AppealFileOptions {
  std::string round, enrolment, reason, request_id;
};
void SetupAppealFile(CLI::App& group, CliContext& ctx);
void RunAppealFile(const AppealFileOptions& options, CliContext& ctx);

struct AppealResolveOptions {
  std::string round, resolution;
  int64_t appeal = 0;
  bool reject = false, amend = false;
  std::vector<std::string> reopen;  // assessors' usernames (amend)
};
void SetupAppealResolve(CLI::App& group, CliContext& ctx);
void RunAppealResolve(const AppealResolveOptions& options, CliContext& ctx);
// The request without its round: amended or rejected, and the sheets of
// the --reopen assessors. Throws CliError (usage) unless --reject or
// --amend was given.
v1::ResolveAppealRequest ResolveAppealRequestOf(const AppealResolveOptions& options);

// 'appeal list' and 'results show' take only the round.
struct AppealRoundOptions {
  std::string round;
};
void SetupAppealList(CLI::App& group, CliContext& ctx);
void RunAppealList(const AppealRoundOptions& options, CliContext& ctx);
void SetupResultsShow(CLI::App& group, CliContext& ctx);
void RunResultsShow(const AppealRoundOptions& options, CliContext& ctx);

// A table row of an appeal: number, candidate, state, reason, resolution.
std::vector<std::string> AppealRow(const CliContext& ctx, const v1::Appeal& appeal);

// A result's flags in words, joined by ", ": absent (excused), veto,
// capped, tie over the cap, disagreement, tie at the cut.
std::string ResultFlags(const CliContext& ctx, const v1::Result& result);
// A table row: rank ("-" for none), candidate, track, score, sheets, rating,
// flags, why eliminated.
std::vector<std::string> ResultRow(const CliContext& ctx, const v1::Result& result);
// The results table, then in a table the rules in words and the cap.
void PrintResults(const CliContext& ctx, const v1::RoundResults& results);

}  // namespace talent::client

#endif  // TALENT_CLIENT_APPEAL_CMD_H_
