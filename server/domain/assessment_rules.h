// The assessment rules of a cohort (docs/rules.md §3–§7): how sheets are
// aggregated, the rating bands, the veto threshold, the excellent cap, the
// disagreement threshold, the notice period and the elimination rules —
// with their defaults, validation, and the text printed under every result
// listing. Pure values and functions; thread-safe.
#ifndef TALENT_SERVER_DOMAIN_ASSESSMENT_RULES_H_
#define TALENT_SERVER_DOMAIN_ASSESSMENT_RULES_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "common/labels.h"

namespace talent::domain {

enum class Aggregation { kTrimmedMean = 1, kMean = 2, kMedian = 3 };

enum class Rating { kUnspecified = 0, kExcellent = 1, kGood = 2, kPass = 3, kFail = 4 };
const char* RatingKey(Rating rating);  // "RATING_EXCELLENT" …

struct AssessmentRules {
  Aggregation aggregation = Aggregation::kTrimmedMean;
  int min_sheets = 3;  // 1..20: fewer submitted sheets give no result
  // Band lower bounds in hundredths: EXCELLENT ≥ 90.00, GOOD ≥ 80.00,
  // PASS ≥ 60.00, else FAIL. Strictly decreasing.
  int64_t excellent_from = 9000;
  int64_t good_from = 8000;
  int64_t pass_from = 6000;
  // The veto criterion's aggregate below this percentage of its maximum
  // rates FAIL whatever the total. 0..100.
  int veto_percent = 60;
  // At most this percentage (rounded down) of the assessed enrolments are
  // rated EXCELLENT; 0 = no cap. 0..100.
  int excellent_cap_percent = 0;
  // Assessor totals of one enrolment spreading more than this (tenths) flag
  // the result. Default 20.0 points.
  int64_t disagreement_tenths = 200;
  int notice_days = 5;  // 1..30
  // Elimination rules.
  bool eliminate_fail = true;
  bool eliminate_absent = true;     // absent without an accepted excuse
  int eliminate_bottom_k = 0;       // 0 = off
  int eliminate_bottom_percent = 0;  // 0 = off; rounded down
  bool eliminate_two_pass = false;  // PASS in two consecutive rounds
};

// INVALID_ARGUMENT naming the field out of range.
absl::Status ValidateRules(const AssessmentRules& rules);

// The rules in words, for the foot of a result listing, e.g. "Score:
// trimmed mean of the assessors' totals …\nBands: excellent >= 90.00, …", in
// English or Chinese ("得分：各评审专家总分的截尾平均…\n等次：优秀 ≥ 90.00，…").
// Both say the same rules, line for line.
std::string DescribeRules(const AssessmentRules& rules,
                          common::Lang lang = common::Lang::kEnglish);

}  // namespace talent::domain

#endif  // TALENT_SERVER_DOMAIN_ASSESSMENT_RULES_H_
