#include "client/assignment_cmd.h"

#include <CLI/CLI.hpp>

#include "absl/strings/str_cat.h"
#include "client/args.h"
#include "client/commands.h"
#include "client/resource_refs.h"
#include "client/rpc.h"
#include "talent/v1/round.grpc.pb.h"

namespace talent::client {
namespace {

using RoundStub = v1::RoundService::Stub;

}  // namespace

std::vector<std::string> ConflictRow(const v1::Conflict& c) {
  return {ShortUserName(c.assessor()), ShortEnrolmentId(c.enrolment()), c.candidate(), c.reason()};
}

std::vector<std::string> AssignmentRow(const CliContext& ctx, const v1::Assignment& a) {
  return {ShortEnrolmentId(a.enrolment()), a.candidate(), ctx.L(v1::Track_Name(a.track())),
          ShortUserName(a.assessor())};
}

void SetupConflictCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* group = app.add_subcommand("conflict", "declared conflicts of interest");
  group->require_subcommand(1);
  SetupConflictAdd(*group, ctx);
  SetupConflictList(*group, ctx);
}

void SetupConflictAdd(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<ConflictAddOptions>();
  CLI::App* cmd =
      group.add_subcommand("add", "declare that an assessor must not assess a candidate");
  cmd->add_option("--assessor", opt->assessor, "username")->required();
  cmd->add_option("--enrolment", opt->enrolment, kEnrolmentArgHelp)->required();
  cmd->add_option("--reason", opt->reason, "why")->required();
  cmd->callback([opt, &ctx] { RunConflictAdd(*opt, ctx); });
}

void RunConflictAdd(const ConflictAddOptions& opt, CliContext& ctx) {
  v1::AddConflictRequest req;
  req.set_assessor(opt.assessor);
  req.set_enrolment(opt.enrolment);
  req.set_reason(opt.reason);
  v1::AddConflictResponse resp = Rpc(ctx, &RoundStub::AddConflict, req);
  ctx.Note("conflict recorded: " + opt.assessor + " will not assess enrolment " + opt.enrolment);
  if (resp.withdrawn_assignments() > 0 || resp.withdrawn_drafts() > 0) {
    ctx.Note(absl::StrCat("withdrawn: ", resp.withdrawn_assignments(), " assignment(s) and ",
                          resp.withdrawn_drafts(), " draft sheet(s)"));
  }
  for (const std::string& round : resp.submitted_sheets_kept()) {
    ctx.Note("kept: a sheet already submitted in " + round +
             " (it is on the record; an appeal can reopen it)");
  }
}

void SetupConflictList(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<ConflictListOptions>();
  CLI::App* cmd = group.add_subcommand("list", "list a cohort's conflicts");
  cmd->add_option("cohort", opt->cohort, kCohortArgHelp)->required();
  cmd->callback([opt, &ctx] { RunConflictList(*opt, ctx); });
}

void RunConflictList(const ConflictListOptions& opt, CliContext& ctx) {
  v1::ListConflictsRequest req;
  req.set_cohort(ResolveCohort(ctx, opt.cohort));
  v1::ListConflictsResponse resp = Rpc(ctx, &RoundStub::ListConflicts, req);
  if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
  Rows rows;
  for (const v1::Conflict& c : resp.conflicts()) rows.push_back(ConflictRow(c));
  ctx.PrintRows({"H_USERNAME", "H_ID", "H_NAME", "H_REASON"}, rows);
}

void SetupAssignmentCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* group = app.add_subcommand("assignment", "assessors assigned in a round");
  group->require_subcommand(1);
  SetupAssignmentAdd(*group, ctx);
  SetupAssignmentList(*group, ctx);
}

void SetupAssignmentAdd(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<AssignmentAddOptions>();
  CLI::App* cmd = group.add_subcommand(
      "add",
      "assign assessors: named enrolments (all or nothing), a track, or the whole cohort "
      "(recused pairs skipped and listed)");
  cmd->add_option("round", opt->round, kRoundOrShortArgHelp)->required();
  cmd->add_option("--assessor", opt->assessors, "username (repeat, or comma-separated)")
      ->required()
      ->delimiter(',');
  CLI::Option* named =
      cmd->add_option("--enrolment", opt->enrolments, "enrolment IDs")->delimiter(',');
  CLI::Option* track = cmd->add_option("--track", opt->track, "every active one of a track");
  CLI::Option* all = cmd->add_flag("--all", opt->all, "every active one of the cohort");
  named->excludes(track)->excludes(all);
  track->excludes(all);
  cmd->callback([opt, &ctx] { RunAssignmentAdd(*opt, ctx); });
}

v1::AssignAssessorsRequest AssignAssessorsRequestOf(const AssignmentAddOptions& opt,
                                                    const std::string& round_name) {
  v1::AssignAssessorsRequest req;
  req.set_round(round_name);
  for (const std::string& a : opt.assessors) req.add_assessors(a);
  for (const std::string& e : opt.enrolments) req.add_enrolments(e);
  if (!opt.track.empty()) req.set_track(ParseTrackArg(opt.track, "服务类/管理类/教育与研究类"));
  req.set_whole_cohort(opt.all);
  if (req.enrolments().empty() && req.track() == v1::TRACK_UNSPECIFIED && !req.whole_cohort()) {
    throw CliError{kExitUsage, "give --enrolment, --track or --all"};
  }
  return req;
}

void RunAssignmentAdd(const AssignmentAddOptions& opt, CliContext& ctx) {
  v1::AssignAssessorsRequest req = AssignAssessorsRequestOf(opt, ResolveRound(ctx, opt.round));
  v1::AssignAssessorsResponse resp = Rpc(ctx, &RoundStub::AssignAssessors, req);
  if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
  for (const std::string& reason : resp.skipped()) ctx.Print("skipped: " + reason + "\n");
  ctx.Note(absl::StrCat("assigned ", resp.assigned(), " new pair(s); ", resp.already(),
                        " already assigned; ", resp.skipped_size(), " recused"));
}

void SetupAssignmentList(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<AssignmentListOptions>();
  CLI::App* cmd = group.add_subcommand("list", "list a round's assignments");
  cmd->add_option("round", opt->round, kRoundArgHelp)->required();
  cmd->callback([opt, &ctx] { RunAssignmentList(*opt, ctx); });
}

void RunAssignmentList(const AssignmentListOptions& opt, CliContext& ctx) {
  v1::ListAssignmentsRequest req;
  req.set_round(ResolveRound(ctx, opt.round));
  v1::ListAssignmentsResponse resp = Rpc(ctx, &RoundStub::ListAssignments, req);
  if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
  Rows rows;
  for (const v1::Assignment& a : resp.assignments()) rows.push_back(AssignmentRow(ctx, a));
  ctx.PrintRows({"H_ID", "H_NAME", "H_TRACK", "H_USERNAME"}, rows);
}

}  // namespace talent::client
