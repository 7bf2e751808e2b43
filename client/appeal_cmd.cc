#include "client/appeal_cmd.h"

#include <CLI/CLI.hpp>

#include "absl/strings/str_cat.h"
#include "client/commands.h"
#include "client/resource_refs.h"
#include "client/rpc.h"
#include "common/resource_names.h"
#include "talent/v1/round.grpc.pb.h"

namespace talent::client {
namespace {

using RoundStub = v1::RoundService::Stub;

}  // namespace

std::vector<std::string> AppealRow(const CliContext& ctx, const v1::Appeal& a) {
  return {absl::StrCat(a.id()), a.candidate(), ctx.L(v1::AppealState_Name(a.state())), a.reason(),
          a.resolution()};
}

void SetupAppealCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* group = app.add_subcommand("appeal", "appeals against results during the notice");
  group->require_subcommand(1);
  SetupAppealFile(*group, ctx);
  SetupAppealResolve(*group, ctx);
  SetupAppealList(*group, ctx);
}

void SetupAppealFile(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<AppealFileOptions>();
  CLI::App* cmd = group.add_subcommand("file", "record an appeal");
  cmd->add_option("round", opt->round, kRoundArgHelp)->required();
  cmd->add_option("enrolment", opt->enrolment, kEnrolmentArgHelp)->required();
  cmd->add_option("--reason", opt->reason, "the appeal")->required();
  cmd->add_option("--request-id", opt->request_id, "idempotency key for retries");
  cmd->callback([opt, &ctx] { RunAppealFile(*opt, ctx); });
}

void RunAppealFile(const AppealFileOptions& opt, CliContext& ctx) {
  v1::FileAppealRequest req;
  req.set_round(ResolveRound(ctx, opt.round));
  req.set_enrolment(EnrolmentNameArg(opt.enrolment));
  req.set_reason(opt.reason);
  req.set_request_id(opt.request_id);
  v1::Appeal resp = Rpc(ctx, &RoundStub::FileAppeal, req);
  if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
  ctx.Note(absl::StrCat("appeal ", resp.id(), " filed for ", resp.candidate()));
}

void SetupAppealResolve(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<AppealResolveOptions>();
  CLI::App* cmd = group.add_subcommand(
      "resolve", "reject an appeal, or amend: reopen the named assessors' sheets");
  cmd->add_option("round", opt->round, kRoundArgHelp)->required();
  cmd->add_option("appeal", opt->appeal, "appeal number")->required();
  CLI::Option* reject = cmd->add_flag("--reject", opt->reject, "reject it");
  CLI::Option* amend = cmd->add_flag("--amend", opt->amend, "amend it");
  reject->excludes(amend);
  cmd->add_option("--resolution", opt->resolution, "the decision, in words")->required();
  cmd->add_option("--reopen", opt->reopen, "assessors whose sheets reopen (amend)")->delimiter(',');
  cmd->callback([opt, &ctx] { RunAppealResolve(*opt, ctx); });
}

v1::ResolveAppealRequest ResolveAppealRequestOf(const AppealResolveOptions& opt) {
  if (!opt.reject && !opt.amend) throw CliError{kExitUsage, "give --reject or --amend"};
  v1::ResolveAppealRequest req;
  req.set_appeal_id(opt.appeal);
  req.set_resolution_state(opt.amend ? v1::APPEAL_STATE_AMENDED : v1::APPEAL_STATE_REJECTED);
  req.set_resolution(opt.resolution);
  for (const std::string& username : opt.reopen) req.add_reopen(common::UserName(username));
  return req;
}

void RunAppealResolve(const AppealResolveOptions& opt, CliContext& ctx) {
  v1::ResolveAppealRequest req = ResolveAppealRequestOf(opt);
  req.set_round(ResolveRound(ctx, opt.round));
  v1::Appeal resp = Rpc(ctx, &RoundStub::ResolveAppeal, req);
  if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
  ctx.Note(absl::StrCat("appeal ", resp.id(), ": ", ctx.L(v1::AppealState_Name(resp.state()))));
}

void SetupAppealList(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<AppealRoundOptions>();
  CLI::App* cmd = group.add_subcommand("list", "list a round's appeals");
  cmd->add_option("round", opt->round, kRoundArgHelp)->required();
  cmd->callback([opt, &ctx] { RunAppealList(*opt, ctx); });
}

void RunAppealList(const AppealRoundOptions& opt, CliContext& ctx) {
  v1::ListAppealsRequest req;
  req.set_round(ResolveRound(ctx, opt.round));
  v1::ListAppealsResponse resp = Rpc(ctx, &RoundStub::ListAppeals, req);
  if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
  Rows rows;
  for (const v1::Appeal& a : resp.appeals()) rows.push_back(AppealRow(ctx, a));
  ctx.PrintRows({"H_ID", "H_NAME", "H_STATE", "H_REASON", "H_RESOLUTION"}, rows);
}

}  // namespace talent::client
