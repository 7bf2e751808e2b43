#include "server/core/assessment.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/fixed_point.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "server/domain/programme_rules.h"
#include "server/storage/assessment_repository.h"
#include "server/storage/audit_log.h"
#include "server/storage/programme_repository.h"
#include "server/storage/round_repository.h"

namespace talent::core {

using domain::AssessmentRules;
using domain::Cohort;
using domain::Rubric;
using storage::AssessmentRepository;
using storage::CohortRepository;
using storage::Connection;

namespace {

std::string RubricDetail(const Rubric& rubric) {
  std::vector<std::string> parts;
  for (const domain::Criterion& c : rubric.criteria) {
    parts.push_back(absl::StrCat(c.code, "=", common::FormatTenths(c.max_tenths),
                                 c.veto ? "(veto)" : ""));
  }
  return absl::StrJoin(parts, " ");
}

// Copies one named field of `from` into `to`; false for an unknown name.
bool CopyRule(const std::string& field, const AssessmentRules& from, AssessmentRules* to) {
  if (field == "aggregation") {
    to->aggregation = from.aggregation;
  } else if (field == "min_sheets") {
    to->min_sheets = from.min_sheets;
  } else if (field == "excellent_from") {
    to->excellent_from = from.excellent_from;
  } else if (field == "good_from") {
    to->good_from = from.good_from;
  } else if (field == "pass_from") {
    to->pass_from = from.pass_from;
  } else if (field == "veto_percent") {
    to->veto_percent = from.veto_percent;
  } else if (field == "excellent_cap_percent") {
    to->excellent_cap_percent = from.excellent_cap_percent;
  } else if (field == "disagreement_points") {
    to->disagreement_tenths = from.disagreement_tenths;
  } else if (field == "notice_days") {
    to->notice_days = from.notice_days;
  } else if (field == "eliminate_fail") {
    to->eliminate_fail = from.eliminate_fail;
  } else if (field == "eliminate_absent") {
    to->eliminate_absent = from.eliminate_absent;
  } else if (field == "eliminate_bottom_k") {
    to->eliminate_bottom_k = from.eliminate_bottom_k;
  } else if (field == "eliminate_bottom_percent") {
    to->eliminate_bottom_percent = from.eliminate_bottom_percent;
  } else if (field == "eliminate_two_pass") {
    to->eliminate_two_pass = from.eliminate_two_pass;
  } else {
    return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<Rubric> Assessment::GetRubric(const std::string& code, int year) {
  Rubric rubric;
  RETURN_IF_ERROR(ctx_->store().Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(Cohort cohort, CohortRepository::Find(db, code, year, /*counts=*/false));
    ASSIGN_OR_RETURN(rubric, AssessmentRepository::LoadRubric(db, cohort.id));
    return absl::OkStatus();
  }));
  return rubric;
}

absl::StatusOr<Rubric> Assessment::SetRubric(const Caller& caller, const std::string& code, int year,
                                       Rubric rubric) {
  RETURN_IF_ERROR(domain::ValidateRubric(&rubric));
  int64_t now = ctx_->Now();
  RETURN_IF_ERROR(ctx_->store().Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(Cohort cohort, CohortRepository::Find(db, code, year, /*counts=*/false));
    RETURN_IF_ERROR(domain::CheckRubricEditable(cohort));
    RETURN_IF_ERROR(AssessmentRepository::SaveRubric(db, cohort.id, rubric));
    return storage::AuditLog::Append(db, now, caller.actor(), "SetRubric",
                                     common::CohortName(code, year), RubricDetail(rubric));
  }));
  return rubric;
}

absl::StatusOr<AssessmentRules> Assessment::GetRules(const std::string& code, int year) {
  AssessmentRules rules;
  RETURN_IF_ERROR(ctx_->store().Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(Cohort cohort, CohortRepository::Find(db, code, year, /*counts=*/false));
    ASSIGN_OR_RETURN(rules, AssessmentRepository::LoadRules(db, cohort.id));
    return absl::OkStatus();
  }));
  return rules;
}

absl::StatusOr<AssessmentRules> Assessment::SetRules(const Caller& caller, const std::string& code,
                                               int year, const AssessmentRules& values,
                                               const std::vector<std::string>& mask) {
  if (mask.empty()) {
    return absl::InvalidArgumentError("update_mask must name the rules to change");
  }
  int64_t now = ctx_->Now();
  AssessmentRules rules;
  RETURN_IF_ERROR(ctx_->store().Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(Cohort cohort, CohortRepository::Find(db, code, year, /*counts=*/false));
    ASSIGN_OR_RETURN(std::vector<domain::Round> rounds, storage::RoundRepository::List(db, cohort.id));
    int opened = 0;
    for (const domain::Round& round : rounds) {
      if (round.state != domain::RoundState::kDraft) ++opened;
    }
    RETURN_IF_ERROR(domain::CheckRulesEditable(cohort, opened));
    ASSIGN_OR_RETURN(rules, AssessmentRepository::LoadRules(db, cohort.id));
    for (const std::string& field : mask) {
      if (!CopyRule(field, values, &rules)) {
        return absl::InvalidArgumentError(
            absl::StrCat("update_mask names \"", field, "\", which is not a rule"));
      }
    }
    RETURN_IF_ERROR(domain::ValidateRules(rules));
    RETURN_IF_ERROR(AssessmentRepository::SaveRules(db, cohort.id, rules, now));
    return storage::AuditLog::Append(db, now, caller.actor(), "SetRules",
                                     common::CohortName(code, year),
                                     absl::StrCat("changed ", absl::StrJoin(mask, ",")));
  }));
  return rules;
}

}  // namespace talent::core
