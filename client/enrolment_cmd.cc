// talentctl enrolment add|list|get|recommend|select|reject|withdraw
// (import is in import_cmd.cc).
#include <CLI/CLI.hpp>

#include "absl/strings/str_cat.h"
#include "client/commands.h"
#include "common/clock.h"
#include "common/resource_names.h"
#include "talent/v1/enrolment.grpc.pb.h"

namespace talent::client {
namespace {

constexpr char kTracks[] = "服务类/管理类/教育与研究类 (service, management, education-research)";

std::string LatestRecommendation(CliContext& ctx, const v1::Enrolment& e) {
  if (e.recommendations().empty()) return "";
  const v1::Recommendation& r = *e.recommendations().rbegin();
  return absl::StrCat(ctx.L(v1::RecommendationLevel_Name(r.level())), " ", r.body());
}

std::vector<std::string> Row(CliContext& ctx, const v1::Enrolment& e) {
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

const std::vector<std::string> kHeadings = {"H_ID",    "H_NAME",          "H_GENDER",
                                            "H_NATIONAL_ID", "H_TRACK", "H_ORGANISATION",
                                            "H_REGION", "H_STAGE", "H_RECOMMENDATIONS"};

void PrintEnrolment(CliContext& ctx, const v1::Enrolment& e) {
  if (ctx.format() == Format::kJson) return ctx.PrintJson(e);
  if (ctx.format() == Format::kCsv) return ctx.PrintRows(kHeadings, {Row(ctx, e)});
  std::vector<std::pair<std::string, std::string>> fields = {
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
  if (!e.stage_reason().empty()) fields.push_back({"H_REASON", e.stage_reason()});
  if (e.certificate_eligible()) fields.push_back({"H_ELIGIBLE", ctx.L("YES")});
  for (const v1::Recommendation& r : e.recommendations()) {
    fields.push_back({"H_RECOMMENDATIONS",
                      absl::StrCat(ctx.L(v1::RecommendationLevel_Name(r.level())), " ", r.body(),
                                   " ", r.date())});
  }
  ctx.PrintRecord(fields);
}

// Runs `change` on each named enrolment; prints the results; the exit code
// is that of the first failure, after trying them all.
void ForEachEnrolment(CliContext& ctx, const std::vector<std::string>& refs,
                      const std::function<grpc::Status(grpc::ClientContext*, const std::string&,
                                                       v1::Enrolment*)>& change) {
  std::vector<v1::Enrolment> done;
  std::optional<CliError> first_error;
  for (const std::string& ref : refs) {
    auto id = common::ParseEnrolmentName("enrolment", ref);
    if (!id.ok()) throw CliError{kExitUsage, std::string(id.status().message())};
    v1::Enrolment resp;
    grpc::Status status = change(ctx.Call().get(), common::EnrolmentName(*id), &resp);
    try {
      ctx.Check(status);
      done.push_back(resp);
    } catch (const CliError& e) {
      ctx.Note(absl::StrCat("talentctl: enrolment ", *id, ": ", e.message));
      if (!first_error) first_error = e;
    }
  }
  if (ctx.format() == Format::kJson) {
    v1::ListEnrolmentsResponse out;
    for (const auto& e : done) *out.add_enrolments() = e;
    ctx.PrintJson(out);
  } else {
    std::vector<std::vector<std::string>> rows;
    for (const auto& e : done) rows.push_back(Row(ctx, e));
    if (!rows.empty()) ctx.PrintRows(kHeadings, rows);
  }
  if (first_error) {
    throw CliError{first_error->exit_code,
                   absl::StrCat(refs.size() - done.size(), " of ", refs.size(), " failed")};
  }
}

}  // namespace

void AddEnrolmentCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* group = app.add_subcommand("enrolment", "candidates' enrolments in a cohort");
  group->require_subcommand(1);

  struct AddOptions {
    std::string cohort, name, national_id, track, organisation, region, phone, email,
        qualification, request_id;
    int years = 0;
  };
  auto add_opts = std::make_shared<AddOptions>();
  CLI::App* add = group->add_subcommand("add", "enrol one applicant");
  add->add_option("--cohort", add_opts->cohort, "cohort: CODE/YEAR (or YEAR)")->required();
  add->add_option("--name", add_opts->name, "full name")->required();
  add->add_option("--national-id", add_opts->national_id, "18-character national ID")->required();
  add->add_option("--track", add_opts->track, kTracks)->required();
  add->add_option("--organisation", add_opts->organisation, "employer")->required();
  add->add_option("--region", add_opts->region, "region, e.g. 成都市锦江区");
  add->add_option("--phone", add_opts->phone, "mobile number");
  add->add_option("--email", add_opts->email, "e-mail address");
  add->add_option("--qualification", add_opts->qualification, "e.g. 高级社会工作师");
  add->add_option("--years", add_opts->years, "years of experience");
  add->add_option("--request-id", add_opts->request_id, "idempotency key for retries");
  add->callback([&ctx, add_opts] {
    v1::CreateEnrolmentRequest req;
    v1::Enrolment* e = req.mutable_enrolment();
    e->set_cohort(ResolveCohort(ctx, add_opts->cohort));
    e->mutable_person()->set_full_name(add_opts->name);
    e->mutable_person()->set_national_id(add_opts->national_id);
    e->mutable_person()->set_phone(add_opts->phone);
    e->mutable_person()->set_email(add_opts->email);
    v1::Track track = v1::TRACK_UNSPECIFIED;
    v1::Track_Parse(ParseEnumArg("--track", "TRACK_", add_opts->track, kTracks), &track);
    e->set_track(track);
    e->set_organisation(add_opts->organisation);
    e->set_region(add_opts->region);
    e->set_qualification(add_opts->qualification);
    e->set_years_of_experience(add_opts->years);
    req.set_request_id(add_opts->request_id);
    auto stub = v1::EnrolmentService::NewStub(ctx.channel());
    v1::Enrolment resp;
    ctx.Check(stub->CreateEnrolment(ctx.Call().get(), req, &resp));
    PrintEnrolment(ctx, resp);
  });

  struct ListOptions {
    std::string cohort, track, stage, name;
    int limit = 0;
    bool show_id = false;
  };
  auto list_opts = std::make_shared<ListOptions>();
  CLI::App* list = group->add_subcommand("list", "list a cohort's enrolments");
  list->add_option("--cohort", list_opts->cohort, "cohort: CODE/YEAR (or YEAR)")->required();
  list->add_option("--track", list_opts->track, "only this track");
  list->add_option("--stage", list_opts->stage, "only this stage (applied, recommended, …)");
  list->add_option("--name", list_opts->name, "only names containing this");
  list->add_option("--limit", list_opts->limit, "at most this many (default: all)");
  list->add_flag("--show-national-id", list_opts->show_id, "national IDs in full (admins)");
  list->callback([&ctx, list_opts] {
    v1::ListEnrolmentsRequest req;
    req.set_cohort(ResolveCohort(ctx, list_opts->cohort));
    if (!list_opts->track.empty()) {
      v1::Track track = v1::TRACK_UNSPECIFIED;
      v1::Track_Parse(ParseEnumArg("--track", "TRACK_", list_opts->track, kTracks), &track);
      req.set_track(track);
    }
    if (!list_opts->stage.empty()) {
      v1::Stage stage = v1::STAGE_UNSPECIFIED;
      v1::Stage_Parse(ParseEnumArg("--stage", "STAGE_", list_opts->stage,
                                   "applied, recommended, selected, not-selected, active, "
                                   "eliminated, withdrawn, completed, certified"),
                      &stage);
      req.set_stage(stage);
    }
    req.set_name_contains(list_opts->name);
    req.set_show_national_id(list_opts->show_id);
    int limit = list_opts->limit > 0 ? list_opts->limit : INT32_MAX;
    auto stub = v1::EnrolmentService::NewStub(ctx.channel());
    v1::ListEnrolmentsResponse all;
    ForEachPage<v1::ListEnrolmentsRequest, v1::ListEnrolmentsResponse>(
        ctx, req,
        [&](auto* call, const auto& r, auto* resp) { return stub->ListEnrolments(call, r, resp); },
        [&](const v1::ListEnrolmentsResponse& page) {
          all.mutable_enrolments()->MergeFrom(page.enrolments());
          all.set_total_size(page.total_size());
          return all.enrolments_size() < limit;
        });
    if (all.enrolments_size() > limit) {
      all.mutable_enrolments()->DeleteSubrange(limit, all.enrolments_size() - limit);
    }
    if (ctx.format() == Format::kJson) return ctx.PrintJson(all);
    std::vector<std::vector<std::string>> rows;
    for (const v1::Enrolment& e : all.enrolments()) rows.push_back(Row(ctx, e));
    ctx.PrintRows(kHeadings, rows);
    if (ctx.format() == Format::kTable) {
      ctx.Note(absl::StrCat(all.enrolments_size(), " of ", all.total_size(),
                                    " enrolments"));
    }
  });

  struct GetOptions {
    std::string ref;
    bool show_id = false;
  };
  auto get_opts = std::make_shared<GetOptions>();
  CLI::App* get = group->add_subcommand("get", "show one enrolment");
  get->add_option("enrolment", get_opts->ref, "enrolment ID")->required();
  get->add_flag("--show-national-id", get_opts->show_id, "national ID in full (admins)");
  get->callback([&ctx, get_opts] {
    auto id = common::ParseEnrolmentName("enrolment", get_opts->ref);
    if (!id.ok()) throw CliError{kExitUsage, std::string(id.status().message())};
    v1::GetEnrolmentRequest req;
    req.set_name(common::EnrolmentName(*id));
    req.set_show_national_id(get_opts->show_id);
    auto stub = v1::EnrolmentService::NewStub(ctx.channel());
    v1::Enrolment resp;
    ctx.Check(stub->GetEnrolment(ctx.Call().get(), req, &resp));
    PrintEnrolment(ctx, resp);
  });

  struct RecommendOptions {
    std::vector<std::string> refs;
    std::string level, body, date;
  };
  auto rec_opts = std::make_shared<RecommendOptions>();
  CLI::App* recommend = group->add_subcommand("recommend", "record a recommendation");
  recommend->add_option("enrolments", rec_opts->refs, "enrolment IDs")->required();
  recommend->add_option("--level", rec_opts->level, "county, city or province (县级/市级/省级)")
      ->required();
  recommend->add_option("--by", rec_opts->body, "the recommending body")->required();
  recommend->add_option("--date", rec_opts->date, "YYYY-MM-DD (default: today)");
  recommend->callback([&ctx, rec_opts] {
    v1::RecommendationLevel level = v1::LEVEL_UNSPECIFIED;
    v1::RecommendationLevel_Parse(
        ParseEnumArg("--level", "LEVEL_", rec_opts->level, "county, city, province"), &level);
    std::string date = rec_opts->date.empty()
                           ? common::FormatDate(common::DateOfSeconds(
                                 common::SystemClock::Default()->NowSeconds()))
                           : rec_opts->date;
    auto stub = v1::EnrolmentService::NewStub(ctx.channel());
    ForEachEnrolment(ctx, rec_opts->refs, [&](grpc::ClientContext* call, const std::string& name,
                                              v1::Enrolment* resp) {
      v1::RecommendEnrolmentRequest req;
      req.set_name(name);
      req.mutable_recommendation()->set_level(level);
      req.mutable_recommendation()->set_body(rec_opts->body);
      req.mutable_recommendation()->set_date(date);
      return stub->RecommendEnrolment(call, req, resp);
    });
  });

  auto select_refs = std::make_shared<std::vector<std::string>>();
  CLI::App* select = group->add_subcommand("select", "select recommended candidates");
  select->add_option("enrolments", *select_refs, "enrolment IDs")->required();
  select->callback([&ctx, select_refs] {
    auto stub = v1::EnrolmentService::NewStub(ctx.channel());
    ForEachEnrolment(ctx, *select_refs, [&](grpc::ClientContext* call, const std::string& name,
                                            v1::Enrolment* resp) {
      v1::SelectEnrolmentRequest req;
      req.set_name(name);
      return stub->SelectEnrolment(call, req, resp);
    });
  });

  struct ReasonOptions {
    std::vector<std::string> refs;
    std::string reason;
  };
  auto reject_opts = std::make_shared<ReasonOptions>();
  CLI::App* reject = group->add_subcommand("reject", "mark candidates not selected");
  reject->add_option("enrolments", reject_opts->refs, "enrolment IDs")->required();
  reject->add_option("--reason", reject_opts->reason, "why")->required();
  reject->callback([&ctx, reject_opts] {
    ctx.Confirm(absl::StrCat("Mark ", reject_opts->refs.size(), " enrolment(s) not selected?"));
    auto stub = v1::EnrolmentService::NewStub(ctx.channel());
    ForEachEnrolment(ctx, reject_opts->refs, [&](grpc::ClientContext* call,
                                                 const std::string& name, v1::Enrolment* resp) {
      v1::RejectEnrolmentRequest req;
      req.set_name(name);
      req.set_reason(reject_opts->reason);
      return stub->RejectEnrolment(call, req, resp);
    });
  });

  auto withdraw_opts = std::make_shared<ReasonOptions>();
  CLI::App* withdraw = group->add_subcommand("withdraw", "withdraw candidates");
  withdraw->add_option("enrolments", withdraw_opts->refs, "enrolment IDs")->required();
  withdraw->add_option("--reason", withdraw_opts->reason, "why")->required();
  withdraw->callback([&ctx, withdraw_opts] {
    ctx.Confirm(absl::StrCat("Withdraw ", withdraw_opts->refs.size(), " enrolment(s)?"));
    auto stub = v1::EnrolmentService::NewStub(ctx.channel());
    ForEachEnrolment(ctx, withdraw_opts->refs, [&](grpc::ClientContext* call,
                                                   const std::string& name, v1::Enrolment* resp) {
      v1::WithdrawEnrolmentRequest req;
      req.set_name(name);
      req.set_reason(withdraw_opts->reason);
      return stub->WithdrawEnrolment(call, req, resp);
    });
  });

  AddImportCommand(*group, ctx);
}

}  // namespace talent::client
