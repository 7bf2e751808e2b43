#include "server/service/assessment_service.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/fixed_point.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "server/service/access.h"

namespace talent::service {
namespace {

// The RPCs of talent.v1.AssessmentService, checked against the API's descriptors.
const Rpc& AssessmentRpc(const char* method) {
  return FindRpc(v1::AssessmentService::service_full_name(), method);
}

using core::Caller;

static_assert(static_cast<int>(domain::Aggregation::kMedian) == v1::AGGREGATION_MEDIAN);

void ToProto(const std::string& cohort, const domain::Rubric& in, v1::Rubric* out) {
  out->set_cohort(cohort);
  for (const domain::Criterion& c : in.criteria) {
    v1::Criterion* criterion = out->add_criteria();
    criterion->set_code(c.code);
    criterion->set_name_zh(c.name_zh);
    criterion->set_name_en(c.name_en);
    criterion->set_max_points(common::FormatTenths(c.max_tenths));
    criterion->set_veto(c.veto);
  }
  out->set_total_points(common::FormatTenths(in.TotalTenths()));
}

absl::StatusOr<domain::Rubric> FromProto(const v1::Rubric& in) {
  domain::Rubric rubric;
  for (const v1::Criterion& c : in.criteria()) {
    absl::StatusOr<int64_t> max = common::ParseTenths(c.max_points());
    if (!max.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("criterion ", c.code(), " max_points: ", max.status().message()));
    }
    rubric.criteria.push_back({c.code(), c.name_zh(), c.name_en(), *max, c.veto()});
  }
  return rubric;
}

void ToProto(const std::string& cohort, const domain::AssessmentRules& in,
             v1::AssessmentRules* out) {
  out->set_cohort(cohort);
  out->set_aggregation(static_cast<v1::Aggregation>(in.aggregation));
  out->set_min_sheets(in.min_sheets);
  out->set_excellent_from(common::FormatHundredths(in.excellent_from));
  out->set_good_from(common::FormatHundredths(in.good_from));
  out->set_pass_from(common::FormatHundredths(in.pass_from));
  out->set_veto_percent(in.veto_percent);
  out->set_excellent_cap_percent(in.excellent_cap_percent);
  out->set_disagreement_points(common::FormatTenths(in.disagreement_tenths));
  out->set_notice_days(in.notice_days);
  out->set_eliminate_fail(in.eliminate_fail);
  out->set_eliminate_absent(in.eliminate_absent);
  out->set_eliminate_bottom_k(in.eliminate_bottom_k);
  out->set_eliminate_bottom_percent(in.eliminate_bottom_percent);
  out->set_eliminate_two_pass(in.eliminate_two_pass);
  out->set_description(domain::DescribeRules(in));
  out->set_description_zh(domain::DescribeRules(in, common::Lang::kChinese));
}

// Only the fields named in `mask` are read (the others may be empty).
absl::StatusOr<domain::AssessmentRules> FromProto(const v1::AssessmentRules& in,
                                                  const std::vector<std::string>& mask) {
  domain::AssessmentRules out;
  auto named = [&](const char* field) {
    return std::find(mask.begin(), mask.end(), field) != mask.end();
  };
  auto hundredths = [&](const char* field, const std::string& text,
                        int64_t* value) -> absl::Status {
    if (!named(field)) return absl::OkStatus();
    absl::StatusOr<int64_t> parsed = common::ParseHundredths(text);
    if (!parsed.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(field, ": ", parsed.status().message()));
    }
    *value = *parsed;
    return absl::OkStatus();
  };
  if (named("aggregation") && in.aggregation() == v1::AGGREGATION_UNSPECIFIED) {
    return absl::InvalidArgumentError("aggregation must be trimmed-mean, mean or median");
  }
  out.aggregation = static_cast<domain::Aggregation>(in.aggregation());
  out.min_sheets = in.min_sheets();
  RETURN_IF_ERROR(hundredths("excellent_from", in.excellent_from(), &out.excellent_from));
  RETURN_IF_ERROR(hundredths("good_from", in.good_from(), &out.good_from));
  RETURN_IF_ERROR(hundredths("pass_from", in.pass_from(), &out.pass_from));
  out.veto_percent = in.veto_percent();
  out.excellent_cap_percent = in.excellent_cap_percent();
  if (named("disagreement_points")) {
    absl::StatusOr<int64_t> parsed = common::ParseTenths(in.disagreement_points());
    if (!parsed.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("disagreement_points: ", parsed.status().message()));
    }
    out.disagreement_tenths = *parsed;
  }
  out.notice_days = in.notice_days();
  out.eliminate_fail = in.eliminate_fail();
  out.eliminate_absent = in.eliminate_absent();
  out.eliminate_bottom_k = in.eliminate_bottom_k();
  out.eliminate_bottom_percent = in.eliminate_bottom_percent();
  out.eliminate_two_pass = in.eliminate_two_pass();
  return out;
}

}  // namespace

grpc::Status AssessmentService::GetRubric(grpc::ServerContext* context,
                                          const v1::GetRubricRequest* req, v1::Rubric* resp) {
  return Call(users_, context, AssessmentRpc("GetRubric"), [&](const Caller&) -> absl::Status {
    ASSIGN_OR_RETURN(common::CohortRef ref, common::ParseCohortName("cohort", req->cohort()));
    ASSIGN_OR_RETURN(domain::Rubric rubric, assessment_->GetRubric(ref.code, ref.year));
    ToProto(common::CohortName(ref.code, ref.year), rubric, resp);
    return absl::OkStatus();
  });
}

grpc::Status AssessmentService::SetRubric(grpc::ServerContext* context,
                                          const v1::SetRubricRequest* req, v1::Rubric* resp) {
  return Call(users_, context, AssessmentRpc("SetRubric"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(common::CohortRef ref,
                     common::ParseCohortName("rubric.cohort", req->rubric().cohort()));
    ASSIGN_OR_RETURN(domain::Rubric rubric, FromProto(req->rubric()));
    ASSIGN_OR_RETURN(rubric, assessment_->SetRubric(caller, ref.code, ref.year, std::move(rubric)));
    ToProto(common::CohortName(ref.code, ref.year), rubric, resp);
    return absl::OkStatus();
  });
}

grpc::Status AssessmentService::GetRules(grpc::ServerContext* context,
                                         const v1::GetRulesRequest* req,
                                         v1::AssessmentRules* resp) {
  return Call(users_, context, AssessmentRpc("GetRules"), [&](const Caller&) -> absl::Status {
    ASSIGN_OR_RETURN(common::CohortRef ref, common::ParseCohortName("cohort", req->cohort()));
    ASSIGN_OR_RETURN(domain::AssessmentRules rules, assessment_->GetRules(ref.code, ref.year));
    ToProto(common::CohortName(ref.code, ref.year), rules, resp);
    return absl::OkStatus();
  });
}

grpc::Status AssessmentService::SetRules(grpc::ServerContext* context,
                                         const v1::SetRulesRequest* req,
                                         v1::AssessmentRules* resp) {
  return Call(users_, context, AssessmentRpc("SetRules"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(common::CohortRef ref,
                     common::ParseCohortName("rules.cohort", req->rules().cohort()));
    std::vector<std::string> mask(req->update_mask().begin(), req->update_mask().end());
    ASSIGN_OR_RETURN(domain::AssessmentRules values, FromProto(req->rules(), mask));
    ASSIGN_OR_RETURN(domain::AssessmentRules rules,
                     assessment_->SetRules(caller, ref.code, ref.year, values, mask));
    ToProto(common::CohortName(ref.code, ref.year), rules, resp);
    return absl::OkStatus();
  });
}

}  // namespace talent::service
