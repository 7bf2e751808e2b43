// Rules of assignments and score sheets (docs/rules.md §2 and §11,
// docs/lifecycles.md): recusal of assessors (same organisation, normalised, or a declared
// conflict), who may be assigned, when a sheet may be written, points
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

// One assessor's sheet for one enrolment in one round.
struct Sheet {
  int64_t id = 0;  // 0: not stored yet
  int64_t round_id = 0;
  int64_t enrolment_id = 0;
  int64_t assessor_id = 0;
  std::string assessor;  // username, filled when read
  SheetState state = SheetState::kDraft;
  // Per criterion in rubric order, tenths; nullopt: not scored yet.
  std::vector<std::optional<int64_t>> points;
  std::string comment;
  int64_t update_time = 0;
  // The amended appeal this sheet was reopened for, 0 if none; cleared when
  // it is submitted again.
  int64_t appeal_id = 0;
};

// One change in a sheet's history.
struct SheetChange {
  int64_t time = 0;
  std::string user;
  std::string change;  // "points:theory", "comment", "submit", "reopen"
  std::string old_value;
  std::string new_value;
  std::string reason;
  int64_t token_id = 0;  // the token it was made with; 0: none recorded
};

// A declared conflict of interest, with the names a listing shows.
struct Conflict {
  std::string assessor;  // username
  int64_t enrolment_id = 0;
  std::string candidate;  // full name
  std::string reason;
  int64_t create_time = 0;
};

// An assignment of an assessor to an enrolment, with the names a listing
// shows.
struct Assignment {
  int64_t enrolment_id = 0;
  std::string candidate;  // full name
  Track track = Track::kUnspecified;
  std::string assessor;  // username
};

// The assessor total of a sheet (rule 2): the sum of its points, in tenths;
// an unscored criterion adds nothing.
int64_t SheetTotal(const Sheet& sheet);

// Whether a sheet counts toward its enrolment's result: a SUBMITTED sheet,
// or one an amended appeal reopened, as it now stands (confirmation waits
// until it is submitted again, see PendingAppeals in appeal_rules.h).
bool CountsTowardResult(const Sheet& sheet);

// Only ACTIVE candidates are scored: never an eliminated or withdrawn one.
// FAILED_PRECONDITION naming the enrolment's stage.
absl::Status CheckScorable(const Enrolment& enrolment);

// Checks a sheet may be changed in the round's state: only while the round
// is OPEN (or in NOTICE for a sheet an amended appeal reopened), and not
// once submitted. FAILED_PRECONDITION saying which. (Whose sheet it is, and
// whether the enrolment is assigned, is decided by the ownership rules in
// server/core/authorization.h.)
absl::Status CheckWriteSheet(RoundState round, SheetState sheet,
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
