// Rules of assessment rounds (docs/lifecycles.md §3, docs/rules.md §3 and §10):
// creating rounds (exactly one final), the lifecycle DRAFT → OPEN → SCORED
// → NOTICE → CONFIRMED, closing scoring only when every enrolment has
// enough submitted sheets or is absent, the notice period, and confirming
// only after it with no appeal open. Pure functions on plain values;
// thread-safe.
#ifndef TALENT_SERVER_DOMAIN_ROUND_RULES_H_
#define TALENT_SERVER_DOMAIN_ROUND_RULES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "server/domain/types.h"

namespace talent::domain {

enum class RoundState { kUnspecified = 0, kDraft = 1, kOpen = 2, kScored = 3, kNotice = 4,
                        kConfirmed = 5 };
const char* RoundStateKey(RoundState state);  // "ROUND_STATE_OPEN" …

struct Round {
  int64_t id = 0;
  int64_t cohort_id = 0;
  std::string name;  // e.g. "中期考核"; 1–50 characters, unique in the cohort
  int position = 0;  // order in the cohort, 1..100, unique
  bool final = false;
  RoundState state = RoundState::kDraft;
  int64_t notice_start = 0;  // seconds; set when the notice is published
  int64_t notice_end = 0;
  int64_t confirm_time = 0;  // seconds; set when the round is confirmed
};

// Checks (and trims) a new round against the cohort and its other rounds:
// the cohort is ENROLLING or CULTIVATING; name and position valid and
// unique; at most one final round, and no round after the final one.
// INVALID_ARGUMENT for a bad field, ALREADY_EXISTS for a taken name or
// position, FAILED_PRECONDITION otherwise.
absl::Status CheckCreateRound(const Cohort& cohort, const std::vector<Round>& existing,
                              Round* round);

// FAILED_PRECONDITION saying the round's state and what it allows:
// 'round "中期考核" is Scored; <what>'.
absl::Status RoundStateError(const Round& round, const std::string& what);

// Checks `to` directly follows the round's state. FAILED_PRECONDITION
// saying what is allowed.
absl::Status CheckRoundTransition(const Round& round, RoundState to);

// Opening a round: DRAFT, the cohort CULTIVATING, and every earlier round
// (by position) CONFIRMED — one round runs at a time.
absl::Status CheckOpenRound(const Cohort& cohort, const std::vector<Round>& rounds,
                            const Round& round);

// Assessors are assigned while the round is DRAFT or OPEN.
absl::Status CheckAssign(const Round& round);

// An absence is recorded while the round is OPEN, for an ACTIVE enrolment.
// FAILED_PRECONDITION saying which.
absl::Status CheckMarkAbsent(const Round& round, const Enrolment& enrolment);

// Provisional results exist while the round is SCORED or in NOTICE (once
// CONFIRMED they are read as stored). FAILED_PRECONDITION before scoring
// is closed.
absl::Status CheckProvisionalResults(const Round& round);

// Where one enrolment stands when scoring is to close.
struct ScoringStatus {
  int64_t enrolment_id = 0;
  int submitted_sheets = 0;
  bool absent = false;
};

// Closing scoring: OPEN, and every enrolment has at least `min_sheets`
// submitted sheets or is marked absent. FAILED_PRECONDITION naming (up to
// five of) the enrolments still short.
absl::Status CheckCloseScoring(const Round& round, const std::vector<ScoringStatus>& enrolments,
                               int min_sheets);

// The end of a notice published at `start` for `days` days.
int64_t NoticeEnd(int64_t start, int days);

// Confirming: NOTICE, the notice period over at `now`, and no appeal open.
// FAILED_PRECONDITION saying which, and until when.
absl::Status CheckConfirmRound(const Round& round, int64_t now, int open_appeals);

}  // namespace talent::domain

#endif  // TALENT_SERVER_DOMAIN_ROUND_RULES_H_
