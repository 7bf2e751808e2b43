#include "client/sheet_cmd.h"

#include <CLI/CLI.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "client/commands.h"
#include "client/resource_refs.h"
#include "client/rpc.h"
#include "common/resource_names.h"
#include "talent/v1/sheet.grpc.pb.h"

namespace talent::client {
namespace {

using SheetStub = v1::SheetService::Stub;

void AddTarget(CLI::App* cmd, SheetTarget* target) {
  cmd->add_option("round", target->round, kRoundOrShortArgHelp)->required();
  cmd->add_option("enrolment", target->enrolment, kEnrolmentArgHelp)->required();
}

// The round and enrolment of a request, resolved.
template <typename Request>
Request SheetRequest(CliContext& ctx, const SheetTarget& target) {
  Request req;
  req.set_round(ResolveRound(ctx, target.round));
  req.set_enrolment(EnrolmentNameArg(target.enrolment));
  return req;
}

}  // namespace

void PrintSheet(const CliContext& ctx, const v1::Sheet& sheet) {
  if (ctx.format() == Format::kJson) return ctx.PrintJson(sheet);
  Rows rows;
  for (const v1::Score& s : sheet.scores()) rows.push_back({s.criterion(), s.points()});
  rows.push_back({ctx.L("TOTAL"), sheet.total()});
  ctx.PrintRows({"H_CRITERION", "H_POINTS"}, rows);
  if (ctx.format() == Format::kTable) {
    ctx.Note(absl::StrCat(ShortUserName(sheet.assessor()), ", ",
                          ctx.L(v1::SheetState_Name(sheet.state())),
                          sheet.comment().empty() ? "" : ": " + sheet.comment()));
  }
}

std::vector<std::string> SheetChangeRow(const v1::SheetChange& c) {
  return {c.time(), ShortUserName(c.user()), c.change(), c.old_value(), c.new_value(), c.reason()};
}

v1::Score ParsePoints(const std::string& item) {
  std::pair<std::string, std::string> kv = absl::StrSplit(item, absl::MaxSplits('=', 1));
  if (kv.first.empty() || item.find('=') == std::string::npos) {
    throw CliError{kExitUsage, "--points takes CODE=POINTS, got \"" + item + "\""};
  }
  v1::Score score;
  score.set_criterion(kv.first);
  score.set_points(kv.second);
  return score;
}

void SetupScoreCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* group = app.add_subcommand("score", "score sheets (assessors: your own)");
  group->require_subcommand(1);
  SetupScoreSet(*group, ctx);
  SetupScoreSubmit(*group, ctx);
  SetupScoreShow(*group, ctx);
  SetupScoreReopen(*group, ctx);
  SetupScoreImport(*group, ctx);
  SetupScoreHistory(*group, ctx);
}

void SetupScoreSet(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<ScoreSetOptions>();
  CLI::App* cmd = group.add_subcommand("set", "set points per criterion on your sheet");
  AddTarget(cmd, &opt->target);
  cmd->add_option("--points", opt->points, "CODE=POINTS, e.g. theory=12.5,ethics=14")
      ->delimiter(',');
  CLI::Option* comment = cmd->add_option("--comment", opt->comment, "your comment");
  cmd->callback([opt, comment, &ctx] {
    opt->comment_given = comment->count() > 0;
    RunScoreSet(*opt, ctx);
  });
}

v1::SetScoresRequest SetScoresRequestOf(const ScoreSetOptions& opt, const std::string& round_name) {
  v1::SetScoresRequest req;
  req.set_round(round_name);
  req.set_enrolment(EnrolmentNameArg(opt.target.enrolment));
  for (const std::string& item : opt.points) *req.add_scores() = ParsePoints(item);
  if (opt.comment_given) req.set_comment(opt.comment);
  return req;
}

void RunScoreSet(const ScoreSetOptions& opt, CliContext& ctx) {
  v1::SetScoresRequest req = SetScoresRequestOf(opt, ResolveRound(ctx, opt.target.round));
  PrintSheet(ctx, Rpc(ctx, &SheetStub::SetScores, req));
}

void SetupScoreSubmit(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<ScoreSubmitOptions>();
  CLI::App* cmd = group.add_subcommand("submit", "submit (lock) your sheet");
  AddTarget(cmd, &opt->target);
  cmd->callback([opt, &ctx] { RunScoreSubmit(*opt, ctx); });
}

void RunScoreSubmit(const ScoreSubmitOptions& opt, CliContext& ctx) {
  auto req = SheetRequest<v1::SubmitSheetRequest>(ctx, opt.target);
  PrintSheet(ctx, Rpc(ctx, &SheetStub::SubmitSheet, req));
}

void SetupScoreShow(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<ScoreShowOptions>();
  CLI::App* cmd = group.add_subcommand("show", "show a sheet (yours, or an assessor's for admins)");
  AddTarget(cmd, &opt->target);
  cmd->add_option("--assessor", opt->assessor, "username (admins)");
  cmd->callback([opt, &ctx] { RunScoreShow(*opt, ctx); });
}

void RunScoreShow(const ScoreShowOptions& opt, CliContext& ctx) {
  auto req = SheetRequest<v1::GetSheetRequest>(ctx, opt.target);
  if (!opt.assessor.empty()) req.set_assessor(common::UserName(opt.assessor));
  PrintSheet(ctx, Rpc(ctx, &SheetStub::GetSheet, req));
}

void SetupScoreReopen(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<ScoreReopenOptions>();
  CLI::App* cmd = group.add_subcommand("reopen", "reopen a submitted sheet (admins)");
  AddTarget(cmd, &opt->target);
  cmd->add_option("--assessor", opt->assessor, "username")->required();
  cmd->add_option("--reason", opt->reason, "why")->required();
  cmd->callback([opt, &ctx] { RunScoreReopen(*opt, ctx); });
}

void RunScoreReopen(const ScoreReopenOptions& opt, CliContext& ctx) {
  ctx.Confirm("Reopen " + opt.assessor + "'s sheet for enrolment " + opt.target.enrolment + "?");
  auto req = SheetRequest<v1::ReopenSheetRequest>(ctx, opt.target);
  req.set_assessor(common::UserName(opt.assessor));
  req.set_reason(opt.reason);
  PrintSheet(ctx, Rpc(ctx, &SheetStub::ReopenSheet, req));
}

void SetupScoreHistory(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<ScoreShowOptions>();
  CLI::App* cmd = group.add_subcommand("history", "every change of a sheet (admins)");
  AddTarget(cmd, &opt->target);
  cmd->add_option("--assessor", opt->assessor, "username")->required();
  cmd->callback([opt, &ctx] { RunScoreHistory(*opt, ctx); });
}

void RunScoreHistory(const ScoreShowOptions& opt, CliContext& ctx) {
  auto req = SheetRequest<v1::ListSheetHistoryRequest>(ctx, opt.target);
  req.set_assessor(common::UserName(opt.assessor));
  v1::ListSheetHistoryResponse resp = Rpc(ctx, &SheetStub::ListSheetHistory, req);
  if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
  Rows rows;
  for (const v1::SheetChange& c : resp.changes()) rows.push_back(SheetChangeRow(c));
  ctx.PrintRows({"H_TIME", "H_USERNAME", "H_METHOD", "H_OLD", "H_NEW", "H_REASON"}, rows);
}

}  // namespace talent::client
