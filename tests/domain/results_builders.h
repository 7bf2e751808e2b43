// Builders of ComputeRound's input for the domain tests of the results
// rules (docs/rules.md §2–§7): sheets of the default rubric in tenths, a
// candidate scored by three identical sheets or by sheets given one by one,
// an absence, and ComputeRound run with the default rules and rubric unless
// told otherwise; plus readers of the outcome (one enrolment's result, the
// order and the ranks). Header-only; thread-compatible.
#ifndef TALENT_TESTS_DOMAIN_RESULTS_BUILDERS_H_
#define TALENT_TESTS_DOMAIN_RESULTS_BUILDERS_H_

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/domain/results.h"
#include "tests/testing/status_matchers.h"

namespace talent::domain {

// Ratings print by name in failure messages.
inline void PrintTo(Rating rating, std::ostream* os) { *os << RatingKey(rating); }

}  // namespace talent::domain

namespace talent::testing {

// One assessor's points per criterion, in tenths, in the rubric's order.
using Sheet = std::vector<int64_t>;

// Maxima of DefaultRubric(), in tenths; the last one (ethics) is the veto.
inline constexpr int64_t kMax[6] = {150, 150, 200, 200, 150, 150};

inline Sheet MakeSheet(int64_t theory, int64_t competence, int64_t system, int64_t talent,
                       int64_t charity, int64_t ethics) {
  return {theory, competence, system, talent, charity, ethics};
}

inline int64_t Total(const Sheet& sheet) {
  int64_t total = 0;
  for (int64_t points : sheet) total += points;
  return total;
}

// A sheet of the default rubric adding up to `total` tenths, spread in
// proportion to the maxima, with ethics at 12.0 or more (never vetoed)
// whenever the total allows it.
inline Sheet SheetWithTotal(int64_t total) {
  EXPECT_GE(total, 120) << "SheetWithTotal keeps ethics at 12.0";
  EXPECT_LE(total, 1000);
  Sheet sheet(6, 0);
  sheet[5] = std::min<int64_t>(150, std::max<int64_t>(120, total * 150 / 1000));
  const int64_t rest = total - sheet[5];  // over the first five, whose maxima sum to 850
  int64_t given = 0;
  for (int i = 0; i < 5; ++i) {
    sheet[i] = rest * kMax[i] / 850;
    given += sheet[i];
  }
  for (int i = 0; given < rest; i = (i + 1) % 5) {
    if (sheet[i] < kMax[i]) {
      ++sheet[i];
      ++given;
    }
  }
  EXPECT_EQ(Total(sheet), total);
  return sheet;
}

// An enrolment scored by three identical sheets: its score is total × 10.
inline domain::RoundInput Enrol(int64_t id, int64_t total,
                                domain::Rating previous = domain::Rating::kUnspecified) {
  domain::RoundInput input;
  input.enrolment_id = id;
  input.sheets = {SheetWithTotal(total), SheetWithTotal(total), SheetWithTotal(total)};
  input.previous_rating = previous;
  return input;
}

inline domain::RoundInput WithSheets(int64_t id, std::vector<Sheet> sheets) {
  domain::RoundInput input;
  input.enrolment_id = id;
  input.sheets = std::move(sheets);
  return input;
}

// One sheet per total, each spread by SheetWithTotal.
inline domain::RoundInput WithTotals(int64_t id, const std::vector<int64_t>& totals) {
  std::vector<Sheet> sheets;
  for (int64_t total : totals) sheets.push_back(SheetWithTotal(total));
  return WithSheets(id, std::move(sheets));
}

inline domain::RoundInput Absent(int64_t id, bool excuse_accepted) {
  domain::RoundInput input;
  input.enrolment_id = id;
  input.absent = true;
  input.excuse_accepted = excuse_accepted;
  return input;
}

// Ten assessed: five excellent by score (95, 94, 93, 92, 91), then 85, 82,
// 75, 70, 65.
inline std::vector<domain::RoundInput> TenWithFiveExcellent() {
  return {Enrol(1, 950), Enrol(2, 940), Enrol(3, 930), Enrol(4, 920), Enrol(5, 910),
          Enrol(6, 850), Enrol(7, 820), Enrol(8, 750), Enrol(9, 700), Enrol(10, 650)};
}

// ComputeRound, expected to succeed.
inline domain::RoundOutcome Compute(
    const std::vector<domain::RoundInput>& inputs,
    const domain::AssessmentRules& rules = domain::AssessmentRules(),
    const domain::Rubric& rubric = domain::DefaultRubric()) {
  absl::StatusOr<domain::RoundOutcome> outcome = domain::ComputeRound(rubric, rules, inputs);
  EXPECT_THAT(outcome, IsOk());
  if (!outcome.ok()) return domain::RoundOutcome();
  return *std::move(outcome);
}

// The result of enrolment `id`; a test failure if it has none.
inline domain::RoundResult Find(const domain::RoundOutcome& outcome, int64_t id) {
  for (const domain::RoundResult& r : outcome.results) {
    if (r.enrolment_id == id) return r;
  }
  ADD_FAILURE() << "no result for enrolment " << id;
  return domain::RoundResult();
}

// The enrolments in listing order.
inline std::vector<int64_t> Order(const domain::RoundOutcome& outcome) {
  std::vector<int64_t> ids;
  for (const domain::RoundResult& r : outcome.results) ids.push_back(r.enrolment_id);
  return ids;
}

// The ranks in listing order.
inline std::vector<int> Ranks(const domain::RoundOutcome& outcome) {
  std::vector<int> ranks;
  for (const domain::RoundResult& r : outcome.results) ranks.push_back(r.rank);
  return ranks;
}

inline std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace talent::testing

#endif  // TALENT_TESTS_DOMAIN_RESULTS_BUILDERS_H_
