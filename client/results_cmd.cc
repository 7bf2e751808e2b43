// talentctl results show: a round's ranking with ratings, flags and
// eliminations, and the rules that made it.
#include <CLI/CLI.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/substitute.h"
#include "client/appeal_cmd.h"
#include "client/commands.h"
#include "client/resource_refs.h"
#include "client/rpc.h"
#include "talent/v1/round.grpc.pb.h"

namespace talent::client {

std::string ResultFlags(const CliContext& ctx, const v1::Result& r) {
  std::vector<std::string> flags;
  if (r.absent()) flags.push_back(ctx.L(r.excused() ? "F_ABSENT_EXCUSED" : "F_ABSENT"));
  if (r.veto()) flags.push_back(ctx.L("F_VETO"));
  if (r.capped()) flags.push_back(ctx.L("F_CAPPED"));
  if (r.tie_over_cap()) flags.push_back(ctx.L("F_TIE_OVER_CAP"));
  if (r.disagreement()) flags.push_back(ctx.L("F_DISAGREEMENT"));
  if (r.tie_at_cut()) flags.push_back(ctx.L("F_TIE_AT_CUT"));
  return JoinComma(flags);
}

std::vector<std::string> ResultRow(const CliContext& ctx, const v1::Result& r) {
  return {r.rank() ? absl::StrCat(r.rank()) : "-",
          r.candidate(),
          ctx.L(v1::Track_Name(r.track())),
          r.score(),
          absl::StrCat(r.sheets()),
          r.rating() == v1::RATING_UNSPECIFIED ? "" : ctx.L(v1::Rating_Name(r.rating())),
          ResultFlags(ctx, r),
          r.eliminated() ? ctx.Reason(r.elimination_reason()) : ""};
}

void PrintResults(const CliContext& ctx, const v1::RoundResults& results) {
  if (ctx.format() == Format::kJson) return ctx.PrintJson(results);
  Rows rows;
  for (const v1::Result& r : results.results()) rows.push_back(ResultRow(ctx, r));
  ctx.PrintRows(
      {"H_RANK", "H_NAME", "H_TRACK", "H_SCORE", "H_SHEETS", "H_RATING", "H_FLAGS", "H_ELIMINATED"},
      rows);
  if (ctx.format() != Format::kTable) return;
  const bool zh = ctx.lang() == common::Lang::kChinese;
  ctx.Print(absl::StrCat("\n", results.provisional() ? ctx.L("T_PROVISIONAL") + "\n" : "",
                         zh && !results.rules_zh().empty() ? results.rules_zh() : results.rules()));
  if (results.excellent_cap() >= 0) {
    ctx.Print(absl::StrCat(absl::Substitute(ctx.L("T_EXCELLENT_CAP"), results.excellent_cap(),
                                            results.assessed()),
                           results.cap_exceeded_by_tie() ? ctx.L("T_CAP_EXCEEDED_BY_TIE") : "",
                           zh ? "。\n" : ".\n"));
  }
}

void SetupResultsCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* group = app.add_subcommand("results", "results of assessment rounds");
  group->require_subcommand(1);
  SetupResultsShow(*group, ctx);
}

void SetupResultsShow(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<AppealRoundOptions>();
  CLI::App* cmd = group.add_subcommand(
      "show", "the ranking of a round, with ratings, flags and eliminations, and the rules");
  cmd->add_option("round", opt->round, kRoundArgHelp)->required();
  cmd->callback([opt, &ctx] { RunResultsShow(*opt, ctx); });
}

void RunResultsShow(const AppealRoundOptions& opt, CliContext& ctx) {
  v1::GetResultsRequest req;
  req.set_round(ResolveRound(ctx, opt.round));
  PrintResults(ctx, Rpc(ctx, &v1::RoundService::Stub::GetResults, req));
}

}  // namespace talent::client
