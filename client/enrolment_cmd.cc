#include "client/enrolment_cmd.h"

#include <cstdint>

#include <CLI/CLI.hpp>

#include "absl/strings/str_cat.h"
#include "client/args.h"
#include "client/commands.h"
#include "client/resource_refs.h"
#include "client/rpc.h"
#include "talent/v1/enrolment.grpc.pb.h"

namespace talent::client {
namespace {

using EnrolmentStub = v1::EnrolmentService::Stub;

std::string LatestRecommendation(const CliContext& ctx, const v1::Enrolment& e) {
  if (e.recommendations().empty()) return "";
  const v1::Recommendation& r = *e.recommendations().rbegin();
  return absl::StrCat(ctx.L(v1::RecommendationLevel_Name(r.level())), " ", r.body());
}

}  // namespace

const std::vector<std::string> kEnrolmentHeadings = {
    "H_ID",           "H_NAME",   "H_GENDER", "H_NATIONAL_ID",    "H_TRACK",
    "H_ORGANISATION", "H_REGION", "H_STAGE",  "H_RECOMMENDATIONS"};

std::vector<std::string> EnrolmentRow(const CliContext& ctx, const v1::Enrolment& e) {
  return {absl::StrCat(e.id()),
          e.person().full_name(),
          ctx.L(v1::Gender_Name(e.person().gender())),
          e.person().national_id(),
          ctx.L(v1::Track_Name(e.track())),
          e.organisation(),
          e.region(),
          ctx.L(v1::Stage_Name(e.stage())) +
              (e.certificate_eligible() ? " (" + ctx.L("ELIGIBLE") + ")" : ""),
          LatestRecommendation(ctx, e)};
}

Fields EnrolmentFields(const CliContext& ctx, const v1::Enrolment& e) {
  Fields fields = {
      {"H_ID", absl::StrCat(e.id())},
      {"H_COHORT", e.cohort()},
      {"H_NAME", e.person().full_name()},
      {"H_GENDER", ctx.L(v1::Gender_Name(e.person().gender()))},
      {"H_NATIONAL_ID", e.person().national_id()},
      {"H_BIRTH_DATE", e.person().birth_date()},
      {"H_PHONE", e.person().phone()},
      {"H_EMAIL", e.person().email()},
      {"H_TRACK", ctx.L(v1::Track_Name(e.track()))},
      {"H_ORGANISATION", e.organisation()},
      {"H_REGION", e.region()},
      {"H_QUALIFICATION", e.qualification()},
      {"H_EXPERIENCE", absl::StrCat(e.years_of_experience())},
      {"H_STAGE", ctx.L(v1::Stage_Name(e.stage()))},
  };
  if (!e.stage_reason().empty()) fields.push_back({"H_REASON", ctx.Reason(e.stage_reason())});
  if (e.certificate_eligible()) fields.push_back({"H_ELIGIBLE", ctx.L("YES")});
  for (const v1::Recommendation& r : e.recommendations()) {
    fields.push_back(
        {"H_RECOMMENDATIONS", absl::StrCat(ctx.L(v1::RecommendationLevel_Name(r.level())), " ",
                                           r.body(), " ", r.date())});
  }
  return fields;
}

void PrintEnrolment(const CliContext& ctx, const v1::Enrolment& e) {
  if (ctx.format() == Format::kJson) return ctx.PrintJson(e);
  if (IsDataFormat(ctx.format()))
    return ctx.PrintRows(kEnrolmentHeadings, {EnrolmentRow(ctx, e)});
  ctx.PrintRecord(EnrolmentFields(ctx, e));
}

void SetupEnrolmentCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* group = app.add_subcommand("enrolment", "candidates' enrolments in a cohort");
  group->require_subcommand(1);
  SetupEnrolmentAdd(*group, ctx);
  SetupEnrolmentList(*group, ctx);
  SetupEnrolmentGet(*group, ctx);
  SetupEnrolmentRecommend(*group, ctx);
  SetupEnrolmentSelect(*group, ctx);
  SetupEnrolmentReject(*group, ctx);
  SetupEnrolmentWithdraw(*group, ctx);
  SetupEnrolmentImport(*group, ctx);
}

void SetupEnrolmentAdd(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<EnrolmentAddOptions>();
  CLI::App* cmd = group.add_subcommand("add", "enrol one applicant");
  cmd->add_option("--cohort", opt->cohort, kCohortArgHelp)->required();
  cmd->add_option("--name", opt->name, "full name")->required();
  cmd->add_option("--national-id", opt->national_id, "18-character national ID")->required();
  cmd->add_option("--track", opt->track, kTracksAccepted)->required();
  cmd->add_option("--organisation", opt->organisation, "employer")->required();
  cmd->add_option("--region", opt->region, "region, e.g. 成都市锦江区");
  cmd->add_option("--phone", opt->phone, "mobile number");
  cmd->add_option("--email", opt->email, "e-mail address");
  cmd->add_option("--qualification", opt->qualification, "e.g. 高级社会工作师");
  cmd->add_option("--years", opt->years, "years of experience");
  cmd->add_option("--request-id", opt->request_id, "idempotency key for retries");
  cmd->callback([opt, &ctx] { RunEnrolmentAdd(*opt, ctx); });
}

v1::CreateEnrolmentRequest CreateEnrolmentRequestOf(const EnrolmentAddOptions& opt,
                                                    const std::string& cohort_name) {
  v1::CreateEnrolmentRequest req;
  v1::Enrolment* e = req.mutable_enrolment();
  e->set_cohort(cohort_name);
  e->mutable_person()->set_full_name(opt.name);
  e->mutable_person()->set_national_id(opt.national_id);
  e->mutable_person()->set_phone(opt.phone);
  e->mutable_person()->set_email(opt.email);
  e->set_track(ParseTrackArg(opt.track, kTracksAccepted));
  e->set_organisation(opt.organisation);
  e->set_region(opt.region);
  e->set_qualification(opt.qualification);
  e->set_years_of_experience(opt.years);
  req.set_request_id(opt.request_id);
  return req;
}

void RunEnrolmentAdd(const EnrolmentAddOptions& opt, CliContext& ctx) {
  v1::CreateEnrolmentRequest req = CreateEnrolmentRequestOf(opt, ResolveCohort(ctx, opt.cohort));
  PrintEnrolment(ctx, Rpc(ctx, &EnrolmentStub::CreateEnrolment, req));
}

void SetupEnrolmentList(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<EnrolmentListOptions>();
  CLI::App* cmd = group.add_subcommand("list", "list a cohort's enrolments");
  cmd->add_option("--cohort", opt->cohort, kCohortArgHelp)->required();
  cmd->add_option("--track", opt->track, "only this track");
  cmd->add_option("--stage", opt->stage, "only this stage (applied, recommended, …)");
  cmd->add_option("--name", opt->name, "only names containing this");
  cmd->add_option("--limit", opt->limit, "at most this many (default: all)");
  cmd->add_flag("--show-personal-data,--show-national-id", opt->show_personal_data,
                "national IDs, birth dates, phones and e-mails in full (admins; audited)");
  cmd->callback([opt, &ctx] { RunEnrolmentList(*opt, ctx); });
}

v1::ListEnrolmentsRequest ListEnrolmentsRequestOf(const EnrolmentListOptions& opt,
                                                  const std::string& cohort_name) {
  v1::ListEnrolmentsRequest req;
  req.set_cohort(cohort_name);
  if (!opt.track.empty()) req.set_track(ParseTrackArg(opt.track, kTracksAccepted));
  if (!opt.stage.empty()) req.set_stage(ParseStageArg(opt.stage));
  req.set_name_contains(opt.name);
  req.set_show_personal_data(opt.show_personal_data);
  return req;
}

void RunEnrolmentList(const EnrolmentListOptions& opt, CliContext& ctx) {
  v1::ListEnrolmentsRequest req = ListEnrolmentsRequestOf(opt, ResolveCohort(ctx, opt.cohort));
  int limit = opt.limit > 0 ? opt.limit : INT32_MAX;
  v1::ListEnrolmentsResponse all;
  ForEachPage(ctx, &EnrolmentStub::ListEnrolments, req,
              [&](const v1::ListEnrolmentsResponse& page) {
                all.mutable_enrolments()->MergeFrom(page.enrolments());
                all.set_total_size(page.total_size());
                return all.enrolments_size() < limit;
              });
  if (all.enrolments_size() > limit) {
    all.mutable_enrolments()->DeleteSubrange(limit, all.enrolments_size() - limit);
  }
  if (ctx.format() == Format::kJson) return ctx.PrintJson(all);
  Rows rows;
  for (const v1::Enrolment& e : all.enrolments()) rows.push_back(EnrolmentRow(ctx, e));
  ctx.PrintRows(kEnrolmentHeadings, rows);
  if (ctx.format() == Format::kTable) {
    ctx.Note(absl::StrCat(all.enrolments_size(), " of ", all.total_size(), " enrolments"));
  }
}

void SetupEnrolmentGet(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<EnrolmentGetOptions>();
  CLI::App* cmd = group.add_subcommand("get", "show one enrolment");
  cmd->add_option("enrolment", opt->enrolment, kEnrolmentArgHelp)->required();
  cmd->add_flag("--show-personal-data,--show-national-id", opt->show_personal_data,
                "national ID, birth date, phone and e-mail in full (admins; audited)");
  cmd->callback([opt, &ctx] { RunEnrolmentGet(*opt, ctx); });
}

void RunEnrolmentGet(const EnrolmentGetOptions& opt, CliContext& ctx) {
  v1::GetEnrolmentRequest req;
  req.set_name(EnrolmentNameArg(opt.enrolment));
  req.set_show_personal_data(opt.show_personal_data);
  PrintEnrolment(ctx, Rpc(ctx, &EnrolmentStub::GetEnrolment, req));
}

}  // namespace talent::client
