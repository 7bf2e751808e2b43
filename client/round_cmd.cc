#include "client/round_cmd.h"

#include <CLI/CLI.hpp>

#include "absl/strings/str_cat.h"
#include "client/commands.h"
#include "client/resource_refs.h"
#include "client/render/notice_pdf.h"
#include "client/rpc.h"
#include "common/clock.h"
#include "common/notice_text.h"
#include "common/resource_names.h"
#include "talent/v1/round.grpc.pb.h"

namespace talent::client {
namespace {

using RoundStub = v1::RoundService::Stub;

void PrintRound(const CliContext& ctx, const v1::Round& round) {
  if (ctx.format() == Format::kJson) return ctx.PrintJson(round);
  PrintRounds(ctx, {round});
}

// A verb whose only argument is the round.
void SetupRoundVerb(CLI::App& group, CliContext& ctx, const char* name, const std::string& help,
                    const char* arg_help, void (*run)(const RoundOptions&, CliContext&)) {
  auto opt = std::make_shared<RoundOptions>();
  CLI::App* cmd = group.add_subcommand(name, help);
  cmd->add_option("round", opt->round, arg_help)->required();
  cmd->callback([opt, &ctx, run] { run(*opt, ctx); });
}

// What the notice's sentences need, from the server's notice.
common::NoticeFacts NoticeFactsOf(const v1::PublicNotice& n) {
  common::NoticeFacts f;
  f.confirmed_list = n.kind() == v1::PublicNotice::KIND_CONFIRMED_LIST;
  f.programme_title = n.programme_title();
  f.issuer = n.issuer();
  f.objection_contact = n.objection_contact();
  f.round_title = n.round_title();
  f.year = n.year();
  common::ParseTimestamp(n.notice_start(), &f.notice_start);
  common::ParseTimestamp(n.notice_end(), &f.notice_end);
  common::ParseTimestamp(n.issue_time(), &f.issue_time);
  return f;
}

render::NoticeArt NoticeArtOf(const CliContext& ctx, const v1::PublicNotice& n) {
  const common::Lang lang = ctx.lang();
  const common::NoticeFacts facts = NoticeFactsOf(n);
  render::NoticeArt art;
  art.title = lang == common::Lang::kChinese ? n.title() : n.title_en();
  art.subtitle = lang == common::Lang::kChinese ? n.title_en() : n.title();
  art.paragraphs = {common::NoticeIntro(facts, lang), common::NoticePeriod(facts, lang)};
  art.headings = {ctx.L("H_SEQ"), ctx.L("H_NAME"), ctx.L("H_ORGANISATION"), ctx.L("H_TRACK"),
                  ctx.L("H_RATING")};
  art.wide_column = 2;
  int seq = 0;
  for (const v1::NoticeEntry& e : n.entries()) {
    art.rows.push_back({absl::StrCat(++seq), e.name(), e.organisation(),
                        ctx.L(v1::Track_Name(e.track())),
                        e.absent() ? ctx.L("F_ABSENT") : ctx.L(v1::Rating_Name(e.rating()))});
  }
  art.no_rows = ctx.L("NOTICE_NO_ROWS");
  art.closing = {common::NoticeObjection(facts, lang)};
  art.issuer = n.issuer();
  art.date = common::NoticeDate(facts, lang);
  art.page_label = ctx.L("NOTICE_PAGE");
  art.rehearsal = n.rehearsal();
  return art;
}

}  // namespace

std::vector<std::string> RoundRow(const CliContext& ctx, const v1::Round& r) {
  return {absl::StrCat(r.position()), r.title(), r.final() ? ctx.L("FINAL") : "",
          ctx.L(v1::RoundState_Name(r.state())), r.notice_end()};
}

void PrintRounds(const CliContext& ctx, const std::vector<v1::Round>& rounds) {
  Rows rows;
  for (const v1::Round& r : rounds) rows.push_back(RoundRow(ctx, r));
  ctx.PrintRows({"H_POSITION", "H_TITLE", "H_FINAL", "H_STATE", "H_NOTICE_END"}, rows);
}

std::string AbsentNote(int64_t enrolment_id, bool excused) {
  return absl::StrCat("enrolment ", enrolment_id, " marked absent", excused ? " (excused)" : "");
}

void SetupRoundCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* group = app.add_subcommand("round", "assessment rounds of a cohort");
  group->require_subcommand(1);
  SetupRoundCreate(*group, ctx);
  SetupRoundList(*group, ctx);
  SetupRoundOpen(*group, ctx);
  SetupRoundAbsent(*group, ctx);
  SetupRoundClose(*group, ctx);
  SetupRoundNotice(*group, ctx);
  SetupRoundConfirm(*group, ctx);
  SetupRoundNoticePdf(*group, ctx);
}

void SetupRoundCreate(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<RoundCreateOptions>();
  CLI::App* cmd = group.add_subcommand("create", "create a round (in draft)");
  cmd->add_option("cohort", opt->cohort, kCohortArgHelp)->required();
  cmd->add_option("--title", opt->title, "e.g. 中期考核")->required();
  cmd->add_option("--position", opt->position, "order in the cohort, from 1")->required();
  cmd->add_flag("--final", opt->final, "the final round (exactly one, the last)");
  cmd->callback([opt, &ctx] { RunRoundCreate(*opt, ctx); });
}

void RunRoundCreate(const RoundCreateOptions& opt, CliContext& ctx) {
  v1::CreateRoundRequest req;
  req.mutable_round()->set_cohort(ResolveCohort(ctx, opt.cohort));
  req.mutable_round()->set_title(opt.title);
  req.mutable_round()->set_position(opt.position);
  req.mutable_round()->set_final(opt.final);
  PrintRound(ctx, Rpc(ctx, &RoundStub::CreateRound, req));
}

void SetupRoundList(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<RoundListOptions>();
  CLI::App* cmd = group.add_subcommand("list", "list a cohort's rounds");
  cmd->add_option("cohort", opt->cohort, kCohortArgHelp)->required();
  cmd->callback([opt, &ctx] { RunRoundList(*opt, ctx); });
}

void RunRoundList(const RoundListOptions& opt, CliContext& ctx) {
  v1::ListRoundsRequest req;
  req.set_cohort(ResolveCohort(ctx, opt.cohort));
  v1::ListRoundsResponse resp = Rpc(ctx, &RoundStub::ListRounds, req);
  if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
  PrintRounds(ctx, {resp.rounds().begin(), resp.rounds().end()});
}

void SetupRoundOpen(CLI::App& group, CliContext& ctx) {
  SetupRoundVerb(group, ctx, "open", "open a round for scoring", kRoundOrShortArgHelp,
                 &RunRoundOpen);
}

void RunRoundOpen(const RoundOptions& opt, CliContext& ctx) {
  v1::OpenRoundRequest req;
  req.set_name(ResolveRound(ctx, opt.round));
  PrintRound(ctx, Rpc(ctx, &RoundStub::OpenRound, req));
}

void SetupRoundAbsent(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<RoundAbsentOptions>();
  CLI::App* cmd = group.add_subcommand("absent", "mark a candidate absent from an open round");
  cmd->add_option("round", opt->round, kRoundArgHelp)->required();
  cmd->add_option("enrolment", opt->enrolment, kEnrolmentArgHelp)->required();
  cmd->add_option("--reason", opt->reason, "why")->required();
  cmd->add_flag("--excused", opt->excused, "the excuse is accepted (no elimination)");
  cmd->callback([opt, &ctx] { RunRoundAbsent(*opt, ctx); });
}

v1::MarkAbsentRequest MarkAbsentRequestOf(const RoundAbsentOptions& opt,
                                          const std::string& round_name) {
  v1::MarkAbsentRequest req;
  req.set_round(round_name);
  req.set_enrolment(EnrolmentNameArg(opt.enrolment));
  req.set_excuse_accepted(opt.excused);
  req.set_reason(opt.reason);
  return req;
}

void RunRoundAbsent(const RoundAbsentOptions& opt, CliContext& ctx) {
  v1::MarkAbsentRequest req = MarkAbsentRequestOf(opt, ResolveRound(ctx, opt.round));
  Rpc(ctx, &RoundStub::MarkAbsent, req);
  ctx.Note(AbsentNote(EnrolmentIdArg(opt.enrolment), opt.excused));
}

void SetupRoundClose(CLI::App& group, CliContext& ctx) {
  SetupRoundVerb(group, ctx, "close", "close scoring (every candidate scored or absent)",
                 kRoundArgHelp, &RunRoundClose);
}

void RunRoundClose(const RoundOptions& opt, CliContext& ctx) {
  v1::CloseScoringRequest req;
  req.set_name(ResolveRound(ctx, opt.round));
  PrintRound(ctx, Rpc(ctx, &RoundStub::CloseScoring, req));
}

void SetupRoundNotice(CLI::App& group, CliContext& ctx) {
  SetupRoundVerb(group, ctx, "notice", "publish the results for public notice", kRoundArgHelp,
                 &RunRoundNotice);
}

void RunRoundNotice(const RoundOptions& opt, CliContext& ctx) {
  v1::PublishNoticeRequest req;
  req.set_name(ResolveRound(ctx, opt.round));
  PrintRound(ctx, Rpc(ctx, &RoundStub::PublishNotice, req));
}

void SetupRoundConfirm(CLI::App& group, CliContext& ctx) {
  SetupRoundVerb(group, ctx, "confirm",
                 "confirm the results after the notice: eliminations take effect; after the "
                 "final round, the excellent become eligible for a certificate",
                 kRoundArgHelp, &RunRoundConfirm);
}

void RunRoundConfirm(const RoundOptions& opt, CliContext& ctx) {
  ctx.Confirm("Confirm the results of round " + opt.round + " (they become final)?");
  v1::ConfirmRoundRequest req;
  req.set_name(ResolveRound(ctx, opt.round));
  PrintRound(ctx, Rpc(ctx, &RoundStub::ConfirmRound, req));
}

void SetupRoundNoticePdf(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<RoundNoticePdfOptions>();
  CLI::App* cmd = group.add_subcommand(
      "notice-pdf",
      "print the public notice (公示) of a round in notice, or the confirmed list (确认名单) of a "
      "confirmed final round, as an A4 PDF in the --lang language");
  cmd->add_option("round", opt->round, kRoundArgHelp)->required();
  cmd->add_option("-o,--out", opt->out, "the file to write, e.g. notice.pdf")->required();
  cmd->callback([opt, &ctx] { RunRoundNoticePdf(*opt, ctx); });
}

void RunRoundNoticePdf(const RoundNoticePdfOptions& opt, CliContext& ctx) {
  v1::GetPublicNoticeRequest req;
  req.set_round(ResolveRound(ctx, opt.round));
  v1::PublicNotice notice = Rpc(ctx, &RoundStub::GetPublicNotice, req);
  absl::Status status = render::WriteNoticePdf(NoticeArtOf(ctx, notice), opt.out);
  if (!status.ok()) throw CliError{kExitFailure, std::string(status.message())};
  ctx.Note(absl::StrCat("wrote ", opt.out, " (", notice.entries_size(),
                        notice.entries_size() == 1 ? " name)" : " names)"));
}

}  // namespace talent::client
