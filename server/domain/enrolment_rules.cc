#include "server/domain/enrolment_rules.h"

#include "absl/strings/str_cat.h"
#include "common/labels.h"
#include "common/status_macros.h"
#include "server/domain/programme_rules.h"
#include "server/domain/text_field.h"

namespace talent::domain {
namespace {

std::string En(const char* key) { return common::EnglishLabel(key); }

std::string Describe(const Enrolment& e) {
  return absl::StrCat("enrolment ", e.id, " (", e.person.full_name, ") is ", En(StageKey(e.stage)));
}

}  // namespace

bool IsOpenStage(Stage stage) {
  return stage == Stage::kApplied || stage == Stage::kRecommended || stage == Stage::kSelected ||
         stage == Stage::kActive;
}

absl::Status CheckCanEnrol(const std::vector<PriorEnrolment>& prior, int year) {
  for (const PriorEnrolment& p : prior) {
    if (p.stage == Stage::kCertified) {
      return absl::FailedPreconditionError(absl::StrCat(
          "this person was certified by the programme in cohort ", p.cohort_year,
          " (enrolment ", p.id, ") and cannot enrol again"));
    }
  }
  // Checked before open enrolments elsewhere, whatever the order of `prior`:
  // withdrawing another enrolment would not make this one possible.
  for (const PriorEnrolment& p : prior) {
    if (p.cohort_year == year) {
      return absl::AlreadyExistsError(absl::StrCat("this person is already enrolled in cohort ",
                                                   year, " (enrolment ", p.id, ")"));
    }
  }
  for (const PriorEnrolment& p : prior) {
    if (IsOpenStage(p.stage)) {
      return absl::FailedPreconditionError(absl::StrCat(
          "this person holds an open enrolment in cohort ", p.cohort_year, " (enrolment ", p.id,
          ", ", En(StageKey(p.stage)), "); withdraw it first"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckRecommend(const Enrolment& e, const Cohort& cohort, Recommendation* r,
                            const common::Date& today) {
  if (r->level == Level::kUnspecified) {
    return absl::InvalidArgumentError("level must be county, city or province");
  }
  RETURN_IF_ERROR(CheckText("body", &r->body, 1, 100));
  if (!common::IsValidDate(r->date.year, r->date.month, r->date.day)) {
    return absl::InvalidArgumentError("date must be a real date, YYYY-MM-DD");
  }
  if (today < r->date) {
    return absl::InvalidArgumentError(absl::StrCat("date ", common::FormatDate(r->date),
                                                   " is in the future"));
  }
  RETURN_IF_ERROR(CheckEnrolmentOpen(cohort));
  if (e.stage != Stage::kApplied && e.stage != Stage::kRecommended) {
    return absl::FailedPreconditionError(
        absl::StrCat(Describe(e), "; only applied or recommended candidates can be recommended"));
  }
  for (const Recommendation& earlier : e.recommendations) {
    if (earlier.level >= r->level) {
      return absl::FailedPreconditionError(absl::StrCat(
          "enrolment ", e.id, " already has a ", En(LevelKey(earlier.level)),
          " recommendation; recommendations go upward (county, city, province)"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckSelect(const Enrolment& e, const Cohort& cohort) {
  RETURN_IF_ERROR(CheckEnrolmentOpen(cohort));
  if (e.stage != Stage::kRecommended) {
    return absl::FailedPreconditionError(absl::StrCat(
        Describe(e), "; only recommended candidates can be selected",
        e.stage == Stage::kApplied ? " (record a recommendation first)" : ""));
  }
  int quota = cohort.quotas[e.track];
  int count = cohort.selected[e.track];
  if (count >= quota) {
    return absl::FailedPreconditionError(absl::StrCat(
        "track ", En(TrackKey(e.track)), " is full: quota ", quota, ", selected ", count,
        " (raise the quota with 'talentctl cohort quotas' or reject someone first)"));
  }
  return absl::OkStatus();
}

absl::Status CheckReject(const Enrolment& e, const Cohort& cohort, std::string* reason) {
  RETURN_IF_ERROR(CheckText("reason", reason, 1, 500));
  RETURN_IF_ERROR(CheckEnrolmentOpen(cohort));
  if (e.stage != Stage::kApplied && e.stage != Stage::kRecommended &&
      e.stage != Stage::kSelected) {
    return absl::FailedPreconditionError(absl::StrCat(
        Describe(e), "; only applied, recommended or selected candidates can be rejected"));
  }
  return absl::OkStatus();
}

absl::Status CheckWithdraw(const Enrolment& e, const Cohort& cohort, std::string* reason) {
  RETURN_IF_ERROR(CheckText("reason", reason, 1, 500));
  if (cohort.state == CohortState::kEnrolling &&
      (e.stage == Stage::kApplied || e.stage == Stage::kRecommended ||
       e.stage == Stage::kSelected)) {
    return absl::OkStatus();
  }
  if (cohort.state == CohortState::kCultivating && e.stage == Stage::kActive) {
    return absl::OkStatus();
  }
  return absl::FailedPreconditionError(absl::StrCat(
      Describe(e), " in cohort ", CohortLabel(cohort), " (",
      En(CohortStateKey(cohort.state)), "); it cannot be withdrawn now"));
}

const std::vector<StageChange>& CultivationStageChanges() {
  static const auto* changes = new std::vector<StageChange>{
      {Stage::kSelected, Stage::kActive, false},
      {Stage::kApplied, Stage::kNotSelected, true},
      {Stage::kRecommended, Stage::kNotSelected, true},
  };
  return *changes;
}

}  // namespace talent::domain
