// Rules of an enrolment's nomination: who may enrol, recommendation levels,
// selection within the track quota, rejection and withdrawal. Pure
// functions on plain values; thread-safe.
#ifndef TALENT_SERVER_DOMAIN_ENROLMENT_RULES_H_
#define TALENT_SERVER_DOMAIN_ENROLMENT_RULES_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "server/domain/types.h"

namespace talent::domain {

// Stages in which an enrolment is still in the running for its programme:
// APPLIED, RECOMMENDED, SELECTED, ACTIVE.
bool IsOpenStage(Stage stage);

// Another enrolment of the same person in the same programme.
struct PriorEnrolment {
  int64_t id = 0;
  int cohort_year = 0;
  Stage stage = Stage::kUnspecified;
};

// Checks a person may enrol in the programme's cohort of `year`, given their
// other enrolments in it. ALREADY_EXISTS when enrolled in that cohort;
// FAILED_PRECONDITION when certified by the programme or holding an open
// enrolment in another cohort.
absl::Status CheckCanEnrol(const std::vector<PriorEnrolment>& prior, int year);

// Trims and checks the recommendation, then checks the enrolment may take it:
// cohort ENROLLING, stage APPLIED or RECOMMENDED, level above every earlier one, date valid and
// not after `today`. INVALID_ARGUMENT for a bad field, FAILED_PRECONDITION for
// a wrong stage or level order.
absl::Status CheckRecommend(const Enrolment& enrolment, const Cohort& cohort,
                            Recommendation* recommendation, const common::Date& today);

// RECOMMENDED → SELECTED within the cohort's quota for the enrolment's track
// (cohort.selected is the current count). FAILED_PRECONDITION naming the
// track, its quota and its count when full.
absl::Status CheckSelect(const Enrolment& enrolment, const Cohort& cohort);

// APPLIED, RECOMMENDED or SELECTED → NOT_SELECTED while the cohort is
// ENROLLING. Trims the reason.
absl::Status CheckReject(const Enrolment& enrolment, const Cohort& cohort, std::string* reason);

// Open stage → WITHDRAWN while ENROLLING; ACTIVE → WITHDRAWN while
// CULTIVATING. Trims the reason.
absl::Status CheckWithdraw(const Enrolment& enrolment, const Cohort& cohort, std::string* reason);

// One stage change applied to every enrolment of a cohort in stage `from`.
struct StageChange {
  Stage from = Stage::kUnspecified;
  Stage to = Stage::kUnspecified;
  bool with_reason = false;  // records the reason given with the change
};

// What starting cultivation does to a cohort's enrolments, in order:
// SELECTED → ACTIVE; APPLIED and RECOMMENDED → NOT_SELECTED, with the
// reason. Every other stage is left as it is.
const std::vector<StageChange>& CultivationStageChanges();

}  // namespace talent::domain

#endif  // TALENT_SERVER_DOMAIN_ENROLMENT_RULES_H_
