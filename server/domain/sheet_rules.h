// Rules of assignments and score sheets (DESIGN.md §2, §3 rules 2 and 11,
// §9): recusal of assessors (same organisation, normalised, or a declared
// conflict), who may be assigned, who may write a sheet and when, points
// per criterion (0..max, at most one decimal), submitting and reopening.
// Pure functions on plain values; thread-safe.
#ifndef TALENT_SERVER_DOMAIN_SHEET_RULES_H_
#define TALENT_SERVER_DOMAIN_SHEET_RULES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "server/domain/round_rules.h"
#include "server/domain/rubric.h"
#include "server/domain/types.h"

namespace talent::domain {

// Checks the user can assess at all: an ASSESSOR who is not disabled.
// FAILED_PRECONDITION naming the user.
absl::Status CheckAssessor(const User& user);

// Checks the assessor may be assigned the enrolment: an ASSESSOR who is
// not disabled; the enrolment ACTIVE (never an eliminated or withdrawn
// one); not the same organisation (compared normalised: width, case,
// spaces and punctuation ignored) and no declared conflict.
// FAILED_PRECONDITION naming both sides and the reason.
absl::Status CheckAssignment(const User& assessor, const Enrolment& enrolment,
                             bool declared_conflict);

enum class SheetState { kUnspecified = 0, kDraft = 1, kSubmitted = 2 };

// Checks `caller` may change the sheet of `assessor_id` for an enrolment in
// a round: only the sheet's own assessor, only while assigned, only while
// the round is OPEN (or in NOTICE for a sheet an amended appeal reopened),
// and not once submitted. PERMISSION_DENIED for someone
// else's sheet or an unassigned enrolment, FAILED_PRECONDITION otherwise.
absl::Status CheckWriteSheet(const User& caller, int64_t assessor_id, bool assigned,
                             RoundState round, SheetState sheet,
                             bool reopened_for_appeal = false);

// Parses points given per criterion code ("8.5") against the rubric.
// Returns the points in rubric order (nullopt for criteria not given).
// INVALID_ARGUMENT naming the criterion: unknown code, not a number with at
// most one decimal, above its maximum.
absl::StatusOr<std::vector<std::optional<int64_t>>> ParsePoints(
    const Rubric& rubric, const std::vector<std::pair<std::string, std::string>>& given,
    std::vector<std::optional<int64_t>> current);

// Submitting needs every criterion scored. FAILED_PRECONDITION naming the
// criteria still missing.
absl::Status CheckSubmit(const Rubric& rubric, const std::vector<std::optional<int64_t>>& points);

// An administrator reopens a submitted sheet, with a reason, while the
// round is OPEN. (During the notice only an amended appeal reopens sheets.)
absl::Status CheckReopen(RoundState round, SheetState sheet, std::string* reason);

}  // namespace talent::domain

#endif  // TALENT_SERVER_DOMAIN_SHEET_RULES_H_
