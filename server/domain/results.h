// Results of an assessment round (docs/rules.md §1–§7), computed from the
// submitted sheets with integer fixed point: assessor totals, aggregation
// (trimmed mean, mean, median) of the totals and of each criterion,
// disagreement, bands, veto, the excellent cap with its ranking key and
// ties, the overall rank, and the elimination rules. Pure functions on
// plain values; thread-safe.
#ifndef TALENT_SERVER_DOMAIN_RESULTS_H_
#define TALENT_SERVER_DOMAIN_RESULTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/domain/assessment_rules.h"
#include "server/domain/rubric.h"

namespace talent::domain {

// `values` aggregated by `method`, in hundredths (values in tenths):
// TRIMMED_MEAN drops one highest and one lowest from 5 or more values and
// averages the rest (3 or 4: the mean); MEAN averages; MEDIAN takes the
// middle value or the mean of the middle two. Rounds half away from zero.
// `values` must not be empty.
int64_t Aggregate(Aggregation method, std::vector<int64_t> values);

// One enrolment's input to a round.
struct RoundInput {
  int64_t enrolment_id = 0;
  // Submitted sheets: points per criterion in rubric order, in tenths.
  std::vector<std::vector<int64_t>> sheets;
  bool absent = false;
  bool excuse_accepted = false;  // only meaningful when absent
  // The enrolment's rating in the previous confirmed round, if any.
  Rating previous_rating = Rating::kUnspecified;
};

struct RoundResult {
  int64_t enrolment_id = 0;
  bool absent = false;
  bool excused = false;
  int sheets = 0;
  int64_t score = 0;                   // hundredths
  std::vector<int64_t> criteria;       // aggregated, hundredths, rubric order
  int64_t spread = 0;                  // highest − lowest total, tenths
  int rank = 0;                        // 1, 2, 2, 4 …; 0 when absent
  Rating rating = Rating::kUnspecified;  // unspecified when absent
  bool disagreement = false;  // totals spread more than the threshold
  bool veto = false;          // rated FAIL by the veto criterion
  bool capped = false;        // EXCELLENT by score, GOOD by the cap
  bool tie_over_cap = false;  // EXCELLENT in a tie that straddles the cap
  bool tie_at_cut = false;    // kept by a tie at the bottom-k/p% cut
  bool eliminated = false;
  std::string elimination_reason;  // English, e.g. "rated fail"
};

struct RoundOutcome {
  std::vector<RoundResult> results;  // ordered by rank, absent last
  int assessed = 0;                  // enrolments with a score
  int excellent_cap = -1;            // -1: no cap
  bool cap_exceeded_by_tie = false;
};

// Computes a round. Bottom k / p % (rule 7) counts everyone the round
// eliminates by the other rules — rated fail, two passes, and absent without
// an accepted excuse — toward its number; k and p % both set: the larger.
// Ranks follow rule 6 literally (score, then criteria), so an enrolment
// rated fail by the veto keeps the rank of its score.
//
// FAILED_PRECONDITION naming the enrolment when one that
// is not absent has fewer submitted sheets than rules.min_sheets (mark it
// absent or collect more sheets); INVALID_ARGUMENT when a sheet does not
// fit the rubric.
absl::StatusOr<RoundOutcome> ComputeRound(const Rubric& rubric, const AssessmentRules& rules,
                                          const std::vector<RoundInput>& inputs);

}  // namespace talent::domain

#endif  // TALENT_SERVER_DOMAIN_RESULTS_H_
