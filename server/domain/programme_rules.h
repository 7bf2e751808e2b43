// Rules for programmes and cohorts: field validation, the cohort lifecycle
// (DRAFT → ENROLLING → CULTIVATING → CLOSED) and quota changes. Pure
// functions on plain values; thread-safe.
#ifndef TALENT_SERVER_DOMAIN_PROGRAMME_RULES_H_
#define TALENT_SERVER_DOMAIN_PROGRAMME_RULES_H_

#include <string>

#include "absl/status/status.h"
#include "server/domain/types.h"

namespace talent::domain {

// Trims and checks every field. INVALID_ARGUMENT naming the field.
absl::Status ValidateProgramme(Programme* programme);

// "SCSW/2023": how cohorts are named to users.
std::string CohortLabel(const Cohort& cohort);

// Checks the year lies in the programme's years and each quota in 0..1000.
// INVALID_ARGUMENT naming the field.
absl::Status ValidateCohort(const Programme& programme, const Cohort& cohort);

// Checks `to` directly follows the cohort's state. FAILED_PRECONDITION
// saying which move is allowed from the current state.
absl::Status CheckCohortTransition(const Cohort& cohort, CohortState to);

// Checks the cohort's state and counts allow StartCultivation: someone must
// be selected. FAILED_PRECONDITION otherwise.
absl::Status CheckStartCultivation(const Cohort& cohort);

// Checks applications may change: the cohort is ENROLLING.
// FAILED_PRECONDITION saying what to do for DRAFT, CULTIVATING and CLOSED.
absl::Status CheckEnrolmentOpen(const Cohort& cohort);

// Checks quotas may be set now (DRAFT or ENROLLING) and none falls below
// the number already selected on its track. INVALID_ARGUMENT for a value out
// of range, FAILED_PRECONDITION otherwise.
absl::Status CheckQuotaChange(const Cohort& cohort, const PerTrack& quotas);

// The rubric may change while the cohort is DRAFT or ENROLLING.
// FAILED_PRECONDITION once cultivation has started.
absl::Status CheckRubricEditable(const Cohort& cohort);

// The assessment rules may change until the cohort's first round opens
// (`rounds_opened` counts its rounds that have ever been opened) and never
// once it is CLOSED. FAILED_PRECONDITION otherwise.
absl::Status CheckRulesEditable(const Cohort& cohort, int rounds_opened);

}  // namespace talent::domain

#endif  // TALENT_SERVER_DOMAIN_PROGRAMME_RULES_H_
