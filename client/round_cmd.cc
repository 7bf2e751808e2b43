// talentctl round create|list|open, conflict add|list, assignment add|list.
#include <CLI/CLI.hpp>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "client/commands.h"
#include "common/resource_names.h"
#include "talent/v1/round.grpc.pb.h"

namespace talent::client {
namespace {

std::vector<std::string> RoundRow(CliContext& ctx, const v1::Round& r) {
  return {absl::StrCat(r.position()), r.title(), r.final() ? ctx.L("FINAL") : "",
          ctx.L(v1::RoundState_Name(r.state())), r.notice_end()};
}

const std::vector<std::string> kRoundHeadings = {"H_POSITION", "H_TITLE", "H_FINAL", "H_STATE",
                                                 "H_NOTICE_END"};

void PrintRound(CliContext& ctx, const v1::Round& r) {
  if (ctx.format() == Format::kJson) return ctx.PrintJson(r);
  ctx.PrintRows(kRoundHeadings, {RoundRow(ctx, r)});
}

}  // namespace

void AddRoundCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* rounds = app.add_subcommand("round", "assessment rounds of a cohort");
  rounds->require_subcommand(1);

  struct CreateOptions {
    std::string cohort, title;
    int position = 0;
    bool final = false;
  };
  auto create_opts = std::make_shared<CreateOptions>();
  CLI::App* create = rounds->add_subcommand("create", "create a round (in draft)");
  create->add_option("cohort", create_opts->cohort, "cohort: CODE/YEAR (or YEAR)")->required();
  create->add_option("--title", create_opts->title, "e.g. 中期考核")->required();
  create->add_option("--position", create_opts->position, "order in the cohort, from 1")
      ->required();
  create->add_flag("--final", create_opts->final, "the final round (exactly one, the last)");
  create->callback([&ctx, create_opts] {
    v1::CreateRoundRequest req;
    req.mutable_round()->set_cohort(ResolveCohort(ctx, create_opts->cohort));
    req.mutable_round()->set_title(create_opts->title);
    req.mutable_round()->set_position(create_opts->position);
    req.mutable_round()->set_final(create_opts->final);
    auto stub = v1::RoundService::NewStub(ctx.channel());
    v1::Round resp;
    ctx.Check(stub->CreateRound(ctx.Call().get(), req, &resp));
    PrintRound(ctx, resp);
  });

  auto list_cohort = std::make_shared<std::string>();
  CLI::App* list = rounds->add_subcommand("list", "list a cohort's rounds");
  list->add_option("cohort", *list_cohort, "cohort: CODE/YEAR (or YEAR)")->required();
  list->callback([&ctx, list_cohort] {
    v1::ListRoundsRequest req;
    req.set_cohort(ResolveCohort(ctx, *list_cohort));
    auto stub = v1::RoundService::NewStub(ctx.channel());
    v1::ListRoundsResponse resp;
    ctx.Check(stub->ListRounds(ctx.Call().get(), req, &resp));
    if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
    std::vector<std::vector<std::string>> rows;
    for (const v1::Round& r : resp.rounds()) rows.push_back(RoundRow(ctx, r));
    ctx.PrintRows(kRoundHeadings, rows);
  });

  auto open_ref = std::make_shared<std::string>();
  CLI::App* open = rounds->add_subcommand("open", "open a round for scoring");
  open->add_option("round", *open_ref, "round: CODE/YEAR/POSITION (or YEAR/POSITION)")
      ->required();
  open->callback([&ctx, open_ref] {
    v1::OpenRoundRequest req;
    req.set_name(ResolveRound(ctx, *open_ref));
    auto stub = v1::RoundService::NewStub(ctx.channel());
    v1::Round resp;
    ctx.Check(stub->OpenRound(ctx.Call().get(), req, &resp));
    PrintRound(ctx, resp);
  });

  struct AbsentOptions {
    std::string round, enrolment, reason;
    bool excused = false;
  };
  auto absent_opts = std::make_shared<AbsentOptions>();
  CLI::App* absent = rounds->add_subcommand("absent", "mark a candidate absent from an open round");
  absent->add_option("round", absent_opts->round, "round: CODE/YEAR/POSITION")->required();
  absent->add_option("enrolment", absent_opts->enrolment, "enrolment ID")->required();
  absent->add_option("--reason", absent_opts->reason, "why")->required();
  absent->add_flag("--excused", absent_opts->excused, "the excuse is accepted (no elimination)");
  absent->callback([&ctx, absent_opts] {
    v1::MarkAbsentRequest req;
    req.set_round(ResolveRound(ctx, absent_opts->round));
    auto id = common::ParseEnrolmentName("enrolment", absent_opts->enrolment);
    if (!id.ok()) throw CliError{kExitUsage, std::string(id.status().message())};
    req.set_enrolment(common::EnrolmentName(*id));
    req.set_excuse_accepted(absent_opts->excused);
    req.set_reason(absent_opts->reason);
    auto stub = v1::RoundService::NewStub(ctx.channel());
    v1::MarkAbsentResponse resp;
    ctx.Check(stub->MarkAbsent(ctx.Call().get(), req, &resp));
    ctx.Note(absl::StrCat("enrolment ", *id, " marked absent",
                                  absent_opts->excused ? " (excused)" : ""));
  });

  auto close_ref = std::make_shared<std::string>();
  CLI::App* close = rounds->add_subcommand("close", "close scoring (every candidate scored or absent)");
  close->add_option("round", *close_ref, "round: CODE/YEAR/POSITION")->required();
  close->callback([&ctx, close_ref] {
    v1::CloseScoringRequest req;
    req.set_name(ResolveRound(ctx, *close_ref));
    auto stub = v1::RoundService::NewStub(ctx.channel());
    v1::Round resp;
    ctx.Check(stub->CloseScoring(ctx.Call().get(), req, &resp));
    PrintRound(ctx, resp);
  });

  auto notice_ref = std::make_shared<std::string>();
  CLI::App* notice = rounds->add_subcommand("notice", "publish the results for public notice");
  notice->add_option("round", *notice_ref, "round: CODE/YEAR/POSITION")->required();
  notice->callback([&ctx, notice_ref] {
    v1::PublishNoticeRequest req;
    req.set_name(ResolveRound(ctx, *notice_ref));
    auto stub = v1::RoundService::NewStub(ctx.channel());
    v1::Round resp;
    ctx.Check(stub->PublishNotice(ctx.Call().get(), req, &resp));
    PrintRound(ctx, resp);
  });

  auto confirm_ref = std::make_shared<std::string>();
  CLI::App* confirm = rounds->add_subcommand(
      "confirm", "confirm the results after the notice: eliminations take effect; after the "
                 "final round, the excellent become eligible for a certificate");
  confirm->add_option("round", *confirm_ref, "round: CODE/YEAR/POSITION")->required();
  confirm->callback([&ctx, confirm_ref] {
    ctx.Confirm("Confirm the results of round " + *confirm_ref + " (they become final)?");
    v1::ConfirmRoundRequest req;
    req.set_name(ResolveRound(ctx, *confirm_ref));
    auto stub = v1::RoundService::NewStub(ctx.channel());
    v1::Round resp;
    ctx.Check(stub->ConfirmRound(ctx.Call().get(), req, &resp));
    PrintRound(ctx, resp);
  });

  CLI::App* appeals = app.add_subcommand("appeal", "appeals against results during the notice");
  appeals->require_subcommand(1);
  struct FileOptions {
    std::string round, enrolment, reason;
  };
  auto file_opts = std::make_shared<FileOptions>();
  CLI::App* file = appeals->add_subcommand("file", "record an appeal");
  file->add_option("round", file_opts->round, "round: CODE/YEAR/POSITION")->required();
  file->add_option("enrolment", file_opts->enrolment, "enrolment ID")->required();
  file->add_option("--reason", file_opts->reason, "the appeal")->required();
  file->callback([&ctx, file_opts] {
    v1::FileAppealRequest req;
    req.set_round(ResolveRound(ctx, file_opts->round));
    auto id = common::ParseEnrolmentName("enrolment", file_opts->enrolment);
    if (!id.ok()) throw CliError{kExitUsage, std::string(id.status().message())};
    req.set_enrolment(common::EnrolmentName(*id));
    req.set_reason(file_opts->reason);
    auto stub = v1::RoundService::NewStub(ctx.channel());
    v1::Appeal resp;
    ctx.Check(stub->FileAppeal(ctx.Call().get(), req, &resp));
    if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
    ctx.Note(absl::StrCat("appeal ", resp.id(), " filed for ", resp.candidate()));
  });

  struct ResolveOptions {
    std::string round, resolution;
    int64_t appeal = 0;
    bool reject = false, amend = false;
    std::vector<std::string> reopen;
  };
  auto resolve_opts = std::make_shared<ResolveOptions>();
  CLI::App* resolve = appeals->add_subcommand(
      "resolve", "reject an appeal, or amend: reopen the named assessors' sheets");
  resolve->add_option("round", resolve_opts->round, "round: CODE/YEAR/POSITION")->required();
  resolve->add_option("appeal", resolve_opts->appeal, "appeal number")->required();
  CLI::Option* reject = resolve->add_flag("--reject", resolve_opts->reject, "reject it");
  CLI::Option* amend = resolve->add_flag("--amend", resolve_opts->amend, "amend it");
  reject->excludes(amend);
  resolve->add_option("--resolution", resolve_opts->resolution, "the decision, in words")
      ->required();
  resolve->add_option("--reopen", resolve_opts->reopen, "assessors whose sheets reopen (amend)")
      ->delimiter(',');
  resolve->callback([&ctx, resolve_opts] {
    if (!resolve_opts->reject && !resolve_opts->amend) {
      throw CliError{kExitUsage, "give --reject or --amend"};
    }
    v1::ResolveAppealRequest req;
    req.set_round(ResolveRound(ctx, resolve_opts->round));
    req.set_appeal_id(resolve_opts->appeal);
    req.set_resolution_state(resolve_opts->amend ? v1::APPEAL_STATE_AMENDED
                                                 : v1::APPEAL_STATE_REJECTED);
    req.set_resolution(resolve_opts->resolution);
    for (const std::string& u : resolve_opts->reopen) req.add_reopen(common::UserName(u));
    auto stub = v1::RoundService::NewStub(ctx.channel());
    v1::Appeal resp;
    ctx.Check(stub->ResolveAppeal(ctx.Call().get(), req, &resp));
    if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
    ctx.Note(absl::StrCat("appeal ", resp.id(), ": ",
                                  ctx.L(v1::AppealState_Name(resp.state()))));
  });

  auto appeals_round = std::make_shared<std::string>();
  CLI::App* list_appeals = appeals->add_subcommand("list", "list a round's appeals");
  list_appeals->add_option("round", *appeals_round, "round: CODE/YEAR/POSITION")->required();
  list_appeals->callback([&ctx, appeals_round] {
    v1::ListAppealsRequest req;
    req.set_round(ResolveRound(ctx, *appeals_round));
    auto stub = v1::RoundService::NewStub(ctx.channel());
    v1::ListAppealsResponse resp;
    ctx.Check(stub->ListAppeals(ctx.Call().get(), req, &resp));
    if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
    std::vector<std::vector<std::string>> rows;
    for (const v1::Appeal& a : resp.appeals()) {
      rows.push_back({absl::StrCat(a.id()), a.candidate(), ctx.L(v1::AppealState_Name(a.state())),
                      a.reason(), a.resolution()});
    }
    ctx.PrintRows({"H_ID", "H_NAME", "H_STATE", "H_REASON", "H_RESOLUTION"}, rows);
  });

  CLI::App* results = app.add_subcommand("results", "results of assessment rounds");
  results->require_subcommand(1);
  auto results_ref = std::make_shared<std::string>();
  CLI::App* show_results = results->add_subcommand(
      "show", "the ranking of a round, with ratings, flags and eliminations, and the rules");
  show_results->add_option("round", *results_ref, "round: CODE/YEAR/POSITION")->required();
  show_results->callback([&ctx, results_ref] {
    v1::GetResultsRequest req;
    req.set_round(ResolveRound(ctx, *results_ref));
    auto stub = v1::RoundService::NewStub(ctx.channel());
    v1::RoundResults resp;
    ctx.Check(stub->GetResults(ctx.Call().get(), req, &resp));
    if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
    std::vector<std::vector<std::string>> rows;
    for (const v1::Result& r : resp.results()) {
      std::vector<std::string> flags;
      if (r.absent()) flags.push_back(ctx.L(r.excused() ? "F_ABSENT_EXCUSED" : "F_ABSENT"));
      if (r.veto()) flags.push_back(ctx.L("F_VETO"));
      if (r.capped()) flags.push_back(ctx.L("F_CAPPED"));
      if (r.tie_over_cap()) flags.push_back(ctx.L("F_TIE_OVER_CAP"));
      if (r.disagreement()) flags.push_back(ctx.L("F_DISAGREEMENT"));
      if (r.tie_at_cut()) flags.push_back(ctx.L("F_TIE_AT_CUT"));
      std::string flag_text;
      for (const std::string& f : flags) flag_text += (flag_text.empty() ? "" : ", ") + f;
      rows.push_back({r.rank() ? absl::StrCat(r.rank()) : "-", r.candidate(),
                      ctx.L(v1::Track_Name(r.track())), r.score(), absl::StrCat(r.sheets()),
                      r.rating() == v1::RATING_UNSPECIFIED ? "" : ctx.L(v1::Rating_Name(r.rating())),
                      flag_text, r.eliminated() ? r.elimination_reason() : ""});
    }
    ctx.PrintRows({"H_RANK", "H_NAME", "H_TRACK", "H_SCORE", "H_SHEETS", "H_RATING", "H_FLAGS",
                   "H_ELIMINATED"},
                  rows);
    if (ctx.format() != Format::kTable) return;
    ctx.Print(absl::StrCat(
        "\n", resp.provisional() ? "Provisional: final once the round is confirmed.\n" : "",
        resp.rules()));
    if (resp.excellent_cap() >= 0) {
      ctx.Print(absl::StrCat("Excellent cap this round: ", resp.excellent_cap(), " of ",
                             resp.assessed(), " assessed",
                             resp.cap_exceeded_by_tie() ? ", exceeded by a tie" : "", ".\n"));
    }
  });

  CLI::App* conflicts = app.add_subcommand("conflict", "declared conflicts of interest");
  conflicts->require_subcommand(1);
  struct ConflictOptions {
    std::string assessor, enrolment, reason;
  };
  auto conflict_opts = std::make_shared<ConflictOptions>();
  CLI::App* add_conflict =
      conflicts->add_subcommand("add", "declare that an assessor must not assess a candidate");
  add_conflict->add_option("--assessor", conflict_opts->assessor, "username")->required();
  add_conflict->add_option("--enrolment", conflict_opts->enrolment, "enrolment ID")->required();
  add_conflict->add_option("--reason", conflict_opts->reason, "why")->required();
  add_conflict->callback([&ctx, conflict_opts] {
    v1::AddConflictRequest req;
    req.set_assessor(conflict_opts->assessor);
    req.set_enrolment(conflict_opts->enrolment);
    req.set_reason(conflict_opts->reason);
    auto stub = v1::RoundService::NewStub(ctx.channel());
    v1::AddConflictResponse resp;
    ctx.Check(stub->AddConflict(ctx.Call().get(), req, &resp));
    ctx.Note("conflict recorded: " + conflict_opts->assessor + " will not assess enrolment " +
                     conflict_opts->enrolment);
  });
  auto conflict_cohort = std::make_shared<std::string>();
  CLI::App* list_conflicts = conflicts->add_subcommand("list", "list a cohort's conflicts");
  list_conflicts->add_option("cohort", *conflict_cohort, "cohort: CODE/YEAR (or YEAR)")
      ->required();
  list_conflicts->callback([&ctx, conflict_cohort] {
    v1::ListConflictsRequest req;
    req.set_cohort(ResolveCohort(ctx, *conflict_cohort));
    auto stub = v1::RoundService::NewStub(ctx.channel());
    v1::ListConflictsResponse resp;
    ctx.Check(stub->ListConflicts(ctx.Call().get(), req, &resp));
    if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
    std::vector<std::vector<std::string>> rows;
    for (const v1::Conflict& c : resp.conflicts()) {
      rows.push_back({ShortUserName(c.assessor()), ShortEnrolmentId(c.enrolment()), c.candidate(),
                      c.reason()});
    }
    ctx.PrintRows({"H_USERNAME", "H_ID", "H_NAME", "H_REASON"}, rows);
  });

  CLI::App* assignments = app.add_subcommand("assignment", "assessors assigned in a round");
  assignments->require_subcommand(1);
  struct AssignOptions {
    std::string round, track;
    std::vector<std::string> assessors, enrolments;
    bool all = false;
  };
  auto assign_opts = std::make_shared<AssignOptions>();
  CLI::App* add = assignments->add_subcommand(
      "add", "assign assessors: named enrolments (all or nothing), a track, or the whole cohort "
             "(recused pairs skipped and listed)");
  add->add_option("round", assign_opts->round, "round: CODE/YEAR/POSITION (or YEAR/POSITION)")
      ->required();
  add->add_option("--assessor", assign_opts->assessors, "username (repeat, or comma-separated)")
      ->required()
      ->delimiter(',');
  CLI::Option* named =
      add->add_option("--enrolment", assign_opts->enrolments, "enrolment IDs")->delimiter(',');
  CLI::Option* track = add->add_option("--track", assign_opts->track, "every active one of a track");
  CLI::Option* all = add->add_flag("--all", assign_opts->all, "every active one of the cohort");
  named->excludes(track)->excludes(all);
  track->excludes(all);
  add->callback([&ctx, assign_opts] {
    v1::AssignAssessorsRequest req;
    req.set_round(ResolveRound(ctx, assign_opts->round));
    for (const std::string& a : assign_opts->assessors) req.add_assessors(a);
    for (const std::string& e : assign_opts->enrolments) req.add_enrolments(e);
    if (!assign_opts->track.empty()) {
      v1::Track track = v1::TRACK_UNSPECIFIED;
      v1::Track_Parse(ParseEnumArg("--track", "TRACK_", assign_opts->track,
                                   "服务类/管理类/教育与研究类"),
                      &track);
      req.set_track(track);
    }
    req.set_whole_cohort(assign_opts->all);
    if (req.enrolments().empty() && req.track() == v1::TRACK_UNSPECIFIED && !req.whole_cohort()) {
      throw CliError{kExitUsage, "give --enrolment, --track or --all"};
    }
    auto stub = v1::RoundService::NewStub(ctx.channel());
    v1::AssignAssessorsResponse resp;
    ctx.Check(stub->AssignAssessors(ctx.Call().get(), req, &resp));
    if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
    for (const std::string& reason : resp.skipped()) ctx.Print("skipped: " + reason + "\n");
    ctx.Note(absl::StrCat("assigned ", resp.assigned(), " new pair(s); ", resp.already(),
                                  " already assigned; ", resp.skipped_size(), " recused"));
  });

  auto list_round = std::make_shared<std::string>();
  CLI::App* list_assignments = assignments->add_subcommand("list", "list a round's assignments");
  list_assignments->add_option("round", *list_round, "round: CODE/YEAR/POSITION")->required();
  list_assignments->callback([&ctx, list_round] {
    v1::ListAssignmentsRequest req;
    req.set_round(ResolveRound(ctx, *list_round));
    auto stub = v1::RoundService::NewStub(ctx.channel());
    v1::ListAssignmentsResponse resp;
    ctx.Check(stub->ListAssignments(ctx.Call().get(), req, &resp));
    if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
    std::vector<std::vector<std::string>> rows;
    for (const v1::Assignment& a : resp.assignments()) {
      rows.push_back({ShortEnrolmentId(a.enrolment()), a.candidate(),
                      ctx.L(v1::Track_Name(a.track())), ShortUserName(a.assessor())});
    }
    ctx.PrintRows({"H_ID", "H_NAME", "H_TRACK", "H_USERNAME"}, rows);
  });
}

}  // namespace talent::client
