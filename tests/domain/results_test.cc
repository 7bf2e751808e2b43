#include "server/domain/results.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace talent::domain {

// Ratings print by name in failure messages.
void PrintTo(Rating rating, std::ostream* os) { *os << RatingKey(rating); }

namespace {

using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr absl::StatusCode kInvalid = absl::StatusCode::kInvalidArgument;
constexpr absl::StatusCode kPrecondition = absl::StatusCode::kFailedPrecondition;

using Sheet = std::vector<int64_t>;

// Maxima of DefaultRubric(), in tenths; the last one (ethics) is the veto.
constexpr int64_t kMax[6] = {150, 150, 200, 200, 150, 150};

Sheet MakeSheet(int64_t theory, int64_t competence, int64_t system, int64_t talent,
                int64_t charity, int64_t ethics) {
  return {theory, competence, system, talent, charity, ethics};
}

int64_t Total(const Sheet& sheet) {
  int64_t total = 0;
  for (int64_t points : sheet) total += points;
  return total;
}

// A sheet of the default rubric adding up to `total` tenths, spread in
// proportion to the maxima, with ethics at 12.0 or more (never vetoed)
// whenever the total allows it.
Sheet SheetWithTotal(int64_t total) {
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
RoundInput Enrol(int64_t id, int64_t total, Rating previous = Rating::kUnspecified) {
  RoundInput input;
  input.enrolment_id = id;
  input.sheets = {SheetWithTotal(total), SheetWithTotal(total), SheetWithTotal(total)};
  input.previous_rating = previous;
  return input;
}

RoundInput WithSheets(int64_t id, std::vector<Sheet> sheets) {
  RoundInput input;
  input.enrolment_id = id;
  input.sheets = std::move(sheets);
  return input;
}

// One sheet per total, each spread by SheetWithTotal.
RoundInput WithTotals(int64_t id, const std::vector<int64_t>& totals) {
  std::vector<Sheet> sheets;
  for (int64_t total : totals) sheets.push_back(SheetWithTotal(total));
  return WithSheets(id, std::move(sheets));
}

RoundInput Absent(int64_t id, bool excuse_accepted) {
  RoundInput input;
  input.enrolment_id = id;
  input.absent = true;
  input.excuse_accepted = excuse_accepted;
  return input;
}

RoundOutcome Compute(const std::vector<RoundInput>& inputs,
                     const AssessmentRules& rules = AssessmentRules(),
                     const Rubric& rubric = DefaultRubric()) {
  absl::StatusOr<RoundOutcome> outcome = ComputeRound(rubric, rules, inputs);
  EXPECT_THAT(outcome, IsOk());
  if (!outcome.ok()) return RoundOutcome();
  return *std::move(outcome);
}

RoundResult Find(const RoundOutcome& outcome, int64_t id) {
  for (const RoundResult& r : outcome.results) {
    if (r.enrolment_id == id) return r;
  }
  ADD_FAILURE() << "no result for enrolment " << id;
  return RoundResult();
}

std::vector<int64_t> Order(const RoundOutcome& outcome) {
  std::vector<int64_t> ids;
  for (const RoundResult& r : outcome.results) ids.push_back(r.enrolment_id);
  return ids;
}

std::vector<int> Ranks(const RoundOutcome& outcome) {
  std::vector<int> ranks;
  for (const RoundResult& r : outcome.results) ranks.push_back(r.rank);
  return ranks;
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// --- Helpers ---------------------------------------------------------------

TEST(RoundHelperTest, SheetWithTotalFitsTheDefaultRubric) {
  for (int64_t total = 120; total <= 1000; ++total) {
    Sheet sheet = SheetWithTotal(total);
    ASSERT_EQ(sheet.size(), 6u);
    for (int i = 0; i < 6; ++i) {
      ASSERT_GE(sheet[i], 0) << total;
      ASSERT_LE(sheet[i], kMax[i]) << total;
    }
    ASSERT_GE(sheet[5], 120) << total;
  }
}

// --- Aggregate -------------------------------------------------------------

TEST(AggregateTest, MeanOfTheIssueTotals) {
  // 85.5, 85.6, 85.6 → 85.5667 → 85.57.
  EXPECT_EQ(Aggregate(Aggregation::kMean, {855, 856, 856}), 8557);
}

TEST(AggregateTest, TrimmedMeanOfThreeSheetsIsTheMean) {
  EXPECT_EQ(Aggregate(Aggregation::kTrimmedMean, {855, 856, 856}), 8557);
  // Trimming would give 90.00.
  EXPECT_EQ(Aggregate(Aggregation::kTrimmedMean, {600, 900, 1000}), 8333);
}

TEST(AggregateTest, TrimmedMeanOfFourSheetsIsTheMean) {
  // Mean 82.50; trimming would give 80.00.
  EXPECT_EQ(Aggregate(Aggregation::kTrimmedMean, {700, 800, 800, 1000}), 8250);
  EXPECT_EQ(Aggregate(Aggregation::kMean, {700, 800, 800, 1000}), 8250);
}

TEST(AggregateTest, TrimmedMeanDropsHighestAndLowestFromSixSheets) {
  // The issue's numbers: drop 70.0 and 95.0, mean of 80.1, 80.0, 80.0, 80.0
  // = 80.025 → 80.03.
  EXPECT_EQ(Aggregate(Aggregation::kTrimmedMean, {700, 801, 800, 800, 800, 950}), 8003);
}

TEST(AggregateTest, TrimmedMeanDoesNotDependOnOrder) {
  EXPECT_EQ(Aggregate(Aggregation::kTrimmedMean, {950, 800, 801, 700, 800, 800}), 8003);
  EXPECT_EQ(Aggregate(Aggregation::kTrimmedMean, {800, 800, 950, 800, 801, 700}), 8003);
}

TEST(AggregateTest, TrimmedMeanDropsHighestAndLowestFromFiveSheets) {
  // Mean of 70, 80, 90; the plain mean would be 78.00.
  EXPECT_EQ(Aggregate(Aggregation::kTrimmedMean, {500, 700, 800, 900, 1000}), 8000);
}

TEST(AggregateTest, TrimmedMeanDropsExactlyOneOfDuplicatedExtremes) {
  // One 95.0 dropped, the other kept: (80 + 90 + 95) / 3 = 88.333.
  EXPECT_EQ(Aggregate(Aggregation::kTrimmedMean, {700, 800, 900, 950, 950}), 8833);
  // One 70.0 dropped, the other kept: (70 + 80 + 90) / 3.
  EXPECT_EQ(Aggregate(Aggregation::kTrimmedMean, {700, 700, 800, 900, 950}), 8000);
  // Both ends duplicated: (70 + 80 + 95) / 3 = 81.667.
  EXPECT_EQ(Aggregate(Aggregation::kTrimmedMean, {950, 700, 800, 700, 950}), 8167);
  // All equal.
  EXPECT_EQ(Aggregate(Aggregation::kTrimmedMean, {800, 800, 800, 800, 800}), 8000);
}

TEST(AggregateTest, TrimmedMeanOfSevenSheets) {
  // Drop 0.0 and 100.0: (60 + 70 + 80 + 90 + 95) / 5 = 79.00.
  EXPECT_EQ(Aggregate(Aggregation::kTrimmedMean, {0, 600, 700, 800, 900, 950, 1000}), 7900);
}

TEST(AggregateTest, MeanOfSixSheetsKeepsTheExtremes) {
  // 485.1 / 6 = 80.85.
  EXPECT_EQ(Aggregate(Aggregation::kMean, {700, 801, 800, 800, 800, 950}), 8085);
}

TEST(AggregateTest, MeanOfFiveSheetsKeepsTheExtremes) {
  EXPECT_EQ(Aggregate(Aggregation::kMean, {500, 700, 800, 900, 1000}), 7800);
}

TEST(AggregateTest, MeanRoundsHalfAwayFromZero) {
  EXPECT_EQ(Aggregate(Aggregation::kMean, {800, 800, 800, 801}), 8003);  // 80.025
  EXPECT_EQ(Aggregate(Aggregation::kMean, {800, 800, 801}), 8003);       // 80.0333
  EXPECT_EQ(Aggregate(Aggregation::kMean, {800, 801, 801}), 8007);       // 80.0667
  EXPECT_EQ(Aggregate(Aggregation::kMean, {1, 0, 0, 0}), 3);             // 0.025
  EXPECT_EQ(Aggregate(Aggregation::kMean, {1, 0, 0, 0, 0, 0, 0, 0}), 1);  // 0.0125
  EXPECT_EQ(Aggregate(Aggregation::kMean, {1, 0, 0}), 3);                // 0.0333
}

TEST(AggregateTest, MedianOfAnOddCountIsTheMiddleValue) {
  EXPECT_EQ(Aggregate(Aggregation::kMedian, {900, 600, 800}), 8000);
  EXPECT_EQ(Aggregate(Aggregation::kMedian, {1000, 500, 850, 700, 900}), 8500);
}

TEST(AggregateTest, MedianOfAnEvenCountIsTheMeanOfTheMiddleTwo) {
  EXPECT_EQ(Aggregate(Aggregation::kMedian, {800, 805}), 8025);
  EXPECT_EQ(Aggregate(Aggregation::kMedian, {1000, 805, 700, 800}), 8025);
  EXPECT_EQ(Aggregate(Aggregation::kMedian, {801, 800}), 8005);
  // The issue's six totals: 80.0 and 80.0 in the middle.
  EXPECT_EQ(Aggregate(Aggregation::kMedian, {700, 801, 800, 800, 800, 950}), 8000);
}

TEST(AggregateTest, MedianDoesNotTrim) {
  // Five values: the median is the third, not a trimmed mean (80.00).
  EXPECT_EQ(Aggregate(Aggregation::kMedian, {500, 700, 850, 900, 1000}), 8500);
}

TEST(AggregateTest, OneValueIsThatValueInHundredths) {
  for (Aggregation method : {Aggregation::kTrimmedMean, Aggregation::kMean, Aggregation::kMedian}) {
    EXPECT_EQ(Aggregate(method, {855}), 8550) << static_cast<int>(method);
    EXPECT_EQ(Aggregate(method, {0}), 0) << static_cast<int>(method);
    EXPECT_EQ(Aggregate(method, {1000}), 10000) << static_cast<int>(method);
  }
}

TEST(AggregateTest, TwoValues) {
  EXPECT_EQ(Aggregate(Aggregation::kTrimmedMean, {800, 805}), 8025);
  EXPECT_EQ(Aggregate(Aggregation::kMean, {800, 805}), 8025);
}

TEST(AggregateTest, TwentyFullMarks) {
  std::vector<int64_t> values(20, 1000);
  EXPECT_EQ(Aggregate(Aggregation::kTrimmedMean, values), 10000);
  EXPECT_EQ(Aggregate(Aggregation::kMean, values), 10000);
  EXPECT_EQ(Aggregate(Aggregation::kMedian, values), 10000);
}

// --- ComputeRound: scores --------------------------------------------------

TEST(ComputeRoundTest, EmptyRound) {
  RoundOutcome outcome = Compute({});
  EXPECT_THAT(outcome.results, IsEmpty());
  EXPECT_EQ(outcome.assessed, 0);
  EXPECT_EQ(outcome.excellent_cap, -1);
  EXPECT_FALSE(outcome.cap_exceeded_by_tie);
}

TEST(ComputeRoundTest, ScoreIsTheAggregateOfAssessorTotals) {
  RoundOutcome outcome = Compute({WithTotals(7, {855, 856, 856})});
  ASSERT_EQ(outcome.results.size(), 1u);
  const RoundResult& r = outcome.results[0];
  EXPECT_EQ(r.enrolment_id, 7);
  EXPECT_EQ(r.sheets, 3);
  EXPECT_EQ(r.score, 8557);
  EXPECT_EQ(r.spread, 1);
  EXPECT_EQ(r.rank, 1);
  EXPECT_EQ(r.rating, Rating::kGood);
  EXPECT_FALSE(r.absent);
  EXPECT_FALSE(r.disagreement);
  EXPECT_FALSE(r.veto);
  EXPECT_FALSE(r.capped);
  EXPECT_FALSE(r.eliminated);
  EXPECT_EQ(r.elimination_reason, "");
  EXPECT_EQ(outcome.assessed, 1);
}

TEST(ComputeRoundTest, SixSheetsUseTheTrimmedMeanByDefault) {
  RoundOutcome outcome = Compute({WithTotals(1, {700, 801, 800, 800, 800, 950})});
  RoundResult r = Find(outcome, 1);
  EXPECT_EQ(r.sheets, 6);
  EXPECT_EQ(r.score, 8003);
  EXPECT_EQ(r.rating, Rating::kGood);
}

TEST(ComputeRoundTest, AggregationMethodComesFromTheRules) {
  const RoundInput input = WithTotals(1, {700, 801, 800, 800, 800, 950});
  AssessmentRules mean;
  mean.aggregation = Aggregation::kMean;
  EXPECT_EQ(Find(Compute({input}, mean), 1).score, 8085);
  AssessmentRules median;
  median.aggregation = Aggregation::kMedian;
  EXPECT_EQ(Find(Compute({input}, median), 1).score, 8000);
}

TEST(ComputeRoundTest, EachCriterionIsAggregatedOnItsOwn) {
  // Totals 67.0, 67.0, 64.0, 64.0, 64.0 → trimmed (67 + 64 + 64) / 3 = 65.00.
  // Theory 15.0, 0.0, 6.0, 6.0, 6.0 → trimmed 6.00; competence likewise.
  // The criteria add up to 64.00, not to the score.
  RoundOutcome outcome = Compute({WithSheets(3, {
                                                    MakeSheet(150, 0, 150, 150, 100, 120),
                                                    MakeSheet(0, 150, 150, 150, 100, 120),
                                                    MakeSheet(60, 60, 150, 150, 100, 120),
                                                    MakeSheet(60, 60, 150, 150, 100, 120),
                                                    MakeSheet(60, 60, 150, 150, 100, 120),
                                                })});
  RoundResult r = Find(outcome, 3);
  EXPECT_EQ(r.score, 6500);
  EXPECT_THAT(r.criteria, ElementsAre(600, 600, 1500, 1500, 1000, 1200));
}

TEST(ComputeRoundTest, CriteriaAreAggregatedInHundredths) {
  RoundOutcome outcome = Compute({WithSheets(3, {
                                                    MakeSheet(100, 100, 200, 200, 100, 100),
                                                    MakeSheet(101, 100, 200, 200, 100, 101),
                                                    MakeSheet(101, 101, 200, 200, 100, 101),
                                                })});
  RoundResult r = Find(outcome, 3);
  // 10.0, 10.1, 10.1 → 10.0667; 10.0, 10.0, 10.1 → 10.0333.
  EXPECT_THAT(r.criteria, ElementsAre(1007, 1003, 2000, 2000, 1000, 1007));
  // Totals 80.0, 80.2, 80.3 → 80.1667.
  EXPECT_EQ(r.score, 8017);
}

TEST(ComputeRoundTest, PointsAtEachMaximumAndZeroAreAccepted) {
  RoundOutcome outcome = Compute({WithSheets(1, {MakeSheet(150, 150, 200, 200, 150, 150),
                                                 MakeSheet(150, 150, 200, 200, 150, 150),
                                                 MakeSheet(0, 0, 0, 0, 0, 150)})});
  RoundResult r = Find(outcome, 1);
  // (100.0 + 100.0 + 15.0) / 3 = 71.667.
  EXPECT_EQ(r.score, 7167);
  EXPECT_THAT(r.criteria, ElementsAre(1000, 1000, 1333, 1333, 1000, 1500));
  EXPECT_EQ(r.spread, 850);
  EXPECT_TRUE(r.disagreement);
}

// --- ComputeRound: input checks --------------------------------------------

TEST(ComputeRoundTest, FewerSheetsThanTheMinimumIsAPreconditionNamingTheEnrolment) {
  std::vector<RoundInput> inputs = {Enrol(1, 800), WithTotals(4711, {800, 850})};
  EXPECT_THAT(ComputeRound(DefaultRubric(), AssessmentRules(), inputs),
              StatusIs(kPrecondition, HasSubstr("4711")));
}

TEST(ComputeRoundTest, NoSheetsAndNotAbsentIsAPrecondition) {
  RoundInput input;
  input.enrolment_id = 5150;
  EXPECT_THAT(ComputeRound(DefaultRubric(), AssessmentRules(), {input}),
              StatusIs(kPrecondition, HasSubstr("5150")));
}

TEST(ComputeRoundTest, MinimumSheetsComesFromTheRules) {
  AssessmentRules rules;
  rules.min_sheets = 2;
  RoundOutcome outcome = Compute({WithTotals(1, {800, 850})}, rules);
  EXPECT_EQ(Find(outcome, 1).score, 8250);
  rules.min_sheets = 4;
  EXPECT_THAT(ComputeRound(DefaultRubric(), rules, {WithTotals(9876, {800, 850, 900})}),
              StatusIs(kPrecondition, HasSubstr("9876")));
}

TEST(ComputeRoundTest, AbsentEnrolmentNeedsNoSheets) {
  RoundOutcome outcome = Compute({Enrol(1, 800), Absent(2, true)});
  EXPECT_EQ(outcome.results.size(), 2u);
  EXPECT_EQ(outcome.assessed, 1);
}

TEST(ComputeRoundTest, SheetWithTooFewCriteriaIsInvalid) {
  RoundInput input = Enrol(1, 800);
  input.sheets[1].pop_back();
  EXPECT_THAT(ComputeRound(DefaultRubric(), AssessmentRules(), {input}), StatusIs(kInvalid));
}

TEST(ComputeRoundTest, SheetWithTooManyCriteriaIsInvalid) {
  RoundInput input = Enrol(1, 800);
  input.sheets[2].push_back(0);
  EXPECT_THAT(ComputeRound(DefaultRubric(), AssessmentRules(), {input}), StatusIs(kInvalid));
}

TEST(ComputeRoundTest, PointsAboveACriterionMaximumAreInvalid) {
  {
    RoundInput input = Enrol(1, 800);
    input.sheets[0][5] = 151;  // ethics max 15.0
    EXPECT_THAT(ComputeRound(DefaultRubric(), AssessmentRules(), {input}), StatusIs(kInvalid));
  }
  {
    RoundInput input = Enrol(1, 800);
    input.sheets[2][2] = 201;  // serving the system, max 20.0
    EXPECT_THAT(ComputeRound(DefaultRubric(), AssessmentRules(), {input}), StatusIs(kInvalid));
  }
  {
    // 16.0 fits the 20.0 criteria but not the first one (15.0).
    RoundInput input = Enrol(1, 800);
    input.sheets[1][0] = 160;
    EXPECT_THAT(ComputeRound(DefaultRubric(), AssessmentRules(), {input}), StatusIs(kInvalid));
  }
}

TEST(ComputeRoundTest, NegativePointsAreInvalid) {
  RoundInput input = Enrol(1, 800);
  input.sheets[0][0] = -1;
  EXPECT_THAT(ComputeRound(DefaultRubric(), AssessmentRules(), {input}), StatusIs(kInvalid));
}

// --- Disagreement ----------------------------------------------------------

TEST(ComputeRoundTest, SpreadOfExactlyTheThresholdIsNotADisagreement) {
  RoundResult r = Find(Compute({WithTotals(1, {700, 800, 900})}), 1);
  EXPECT_EQ(r.spread, 200);
  EXPECT_FALSE(r.disagreement);
}

TEST(ComputeRoundTest, SpreadOverTheThresholdIsADisagreement) {
  RoundResult r = Find(Compute({WithTotals(1, {699, 800, 900})}), 1);
  EXPECT_EQ(r.spread, 201);
  EXPECT_TRUE(r.disagreement);
}

TEST(ComputeRoundTest, SpreadCountsSheetsTheTrimmedMeanDrops) {
  RoundResult r = Find(Compute({WithTotals(1, {700, 801, 800, 800, 800, 950})}), 1);
  EXPECT_EQ(r.spread, 250);
  EXPECT_TRUE(r.disagreement);
}

TEST(ComputeRoundTest, DisagreementThresholdComesFromTheRules) {
  AssessmentRules rules;
  rules.disagreement_tenths = 100;
  RoundOutcome outcome =
      Compute({WithTotals(1, {800, 850, 900}), WithTotals(2, {800, 850, 901})}, rules);
  EXPECT_FALSE(Find(outcome, 1).disagreement);
  EXPECT_TRUE(Find(outcome, 2).disagreement);
  EXPECT_EQ(Find(outcome, 2).spread, 101);
}

// --- Bands -----------------------------------------------------------------

TEST(BandTest, ExactLowerBoundsBelongToTheBand) {
  RoundOutcome outcome = Compute({Enrol(1, 900), Enrol(2, 800), Enrol(3, 600)});
  EXPECT_EQ(Find(outcome, 1).score, 9000);
  EXPECT_EQ(Find(outcome, 1).rating, Rating::kExcellent);
  EXPECT_EQ(Find(outcome, 2).score, 8000);
  EXPECT_EQ(Find(outcome, 2).rating, Rating::kGood);
  EXPECT_EQ(Find(outcome, 3).score, 6000);
  EXPECT_EQ(Find(outcome, 3).rating, Rating::kPass);
}

TEST(BandTest, OneHundredthBelowABoundIsTheLowerBand) {
  // Ten sheets, nine at the bound and one 0.1 below: the mean is 0.01 below.
  auto nine_and_one = [](int64_t id, int64_t bound) {
    std::vector<int64_t> totals(9, bound);
    totals.push_back(bound - 1);
    return WithTotals(id, totals);
  };
  AssessmentRules rules;
  rules.aggregation = Aggregation::kMean;
  RoundOutcome outcome =
      Compute({nine_and_one(1, 900), nine_and_one(2, 800), nine_and_one(3, 600)}, rules);
  EXPECT_EQ(Find(outcome, 1).score, 8999);
  EXPECT_EQ(Find(outcome, 1).rating, Rating::kGood);
  EXPECT_EQ(Find(outcome, 2).score, 7999);
  EXPECT_EQ(Find(outcome, 2).rating, Rating::kPass);
  EXPECT_EQ(Find(outcome, 3).score, 5999);
  EXPECT_EQ(Find(outcome, 3).rating, Rating::kFail);
  EXPECT_FALSE(Find(outcome, 3).veto);
}

TEST(BandTest, JustBelowExcellentWithDefaultRules) {
  // 90.0, 90.0, 89.9 → 89.9667 → 89.97.
  RoundResult r = Find(Compute({WithTotals(1, {900, 900, 899})}), 1);
  EXPECT_EQ(r.score, 8997);
  EXPECT_EQ(r.rating, Rating::kGood);
}

TEST(BandTest, TheRoundedScoreDecidesTheBand) {
  // Twenty sheets: nineteen 90.0 and one 89.9 → 89.995 → 90.00 (excellent);
  // eighteen and two → 89.99 (good).
  AssessmentRules rules;
  rules.aggregation = Aggregation::kMean;
  std::vector<int64_t> one_low(19, 900);
  one_low.push_back(899);
  std::vector<int64_t> two_low(18, 900);
  two_low.push_back(899);
  two_low.push_back(899);
  RoundOutcome outcome = Compute({WithTotals(1, one_low), WithTotals(2, two_low)}, rules);
  EXPECT_EQ(Find(outcome, 1).score, 9000);
  EXPECT_EQ(Find(outcome, 1).rating, Rating::kExcellent);
  EXPECT_EQ(Find(outcome, 2).score, 8999);
  EXPECT_EQ(Find(outcome, 2).rating, Rating::kGood);
}

TEST(BandTest, FullMarksAndZero) {
  RoundOutcome outcome =
      Compute({WithSheets(1, {MakeSheet(150, 150, 200, 200, 150, 150),
                              MakeSheet(150, 150, 200, 200, 150, 150),
                              MakeSheet(150, 150, 200, 200, 150, 150)}),
               WithSheets(2, {MakeSheet(0, 0, 0, 0, 0, 0), MakeSheet(0, 0, 0, 0, 0, 0),
                              MakeSheet(0, 0, 0, 0, 0, 0)})});
  EXPECT_EQ(Find(outcome, 1).score, 10000);
  EXPECT_EQ(Find(outcome, 1).rating, Rating::kExcellent);
  EXPECT_EQ(Find(outcome, 2).score, 0);
  EXPECT_EQ(Find(outcome, 2).rating, Rating::kFail);
}

TEST(BandTest, BandsComeFromTheRules) {
  AssessmentRules rules;
  rules.excellent_from = 8500;
  rules.good_from = 7000;
  rules.pass_from = 5000;
  RoundOutcome outcome = Compute({Enrol(1, 850), WithTotals(2, {850, 850, 849}), Enrol(3, 700),
                                  Enrol(4, 500), WithTotals(5, {500, 500, 499})},
                                 rules);
  EXPECT_EQ(Find(outcome, 1).rating, Rating::kExcellent);
  EXPECT_EQ(Find(outcome, 2).score, 8497);
  EXPECT_EQ(Find(outcome, 2).rating, Rating::kGood);
  EXPECT_EQ(Find(outcome, 3).rating, Rating::kGood);
  EXPECT_EQ(Find(outcome, 4).rating, Rating::kPass);
  EXPECT_EQ(Find(outcome, 5).score, 4997);
  EXPECT_EQ(Find(outcome, 5).rating, Rating::kFail);
  EXPECT_FALSE(Find(outcome, 5).veto);
}

// --- Veto ------------------------------------------------------------------

TEST(VetoTest, EthicsBelowSixtyPercentFailsWhateverTheTotal) {
  const Sheet sheet = MakeSheet(150, 150, 200, 200, 150, 89);  // 93.9, ethics 8.9
  RoundResult r = Find(Compute({WithSheets(1, {sheet, sheet, sheet})}), 1);
  EXPECT_EQ(r.score, 9390);
  EXPECT_EQ(r.criteria[5], 890);
  EXPECT_EQ(r.rating, Rating::kFail);
  EXPECT_TRUE(r.veto);
  EXPECT_TRUE(r.eliminated);
  EXPECT_THAT(Lower(r.elimination_reason), HasSubstr("fail"));
}

TEST(VetoTest, EthicsAtExactlySixtyPercentIsNotVetoed) {
  const Sheet sheet = MakeSheet(150, 150, 200, 200, 150, 90);  // 94.0, ethics 9.0
  RoundResult r = Find(Compute({WithSheets(1, {sheet, sheet, sheet})}), 1);
  EXPECT_EQ(r.score, 9400);
  EXPECT_EQ(r.criteria[5], 900);
  EXPECT_EQ(r.rating, Rating::kExcellent);
  EXPECT_FALSE(r.veto);
  EXPECT_FALSE(r.eliminated);
}

TEST(VetoTest, TheAggregatedEthicsCountsNotEachSheet) {
  RoundOutcome outcome =
      Compute({// 8.0, 10.0, 9.0 → 9.00: not vetoed although one sheet is below.
               WithSheets(1, {MakeSheet(150, 150, 200, 200, 150, 80),
                              MakeSheet(150, 150, 200, 200, 150, 100),
                              MakeSheet(150, 150, 200, 200, 150, 90)}),
               // 9.0, 9.0, 8.9 → 8.97: vetoed although two sheets are at 9.0.
               WithSheets(2, {MakeSheet(150, 150, 200, 200, 150, 90),
                              MakeSheet(150, 150, 200, 200, 150, 90),
                              MakeSheet(150, 150, 200, 200, 150, 89)})});
  EXPECT_EQ(Find(outcome, 1).criteria[5], 900);
  EXPECT_FALSE(Find(outcome, 1).veto);
  EXPECT_EQ(Find(outcome, 1).rating, Rating::kExcellent);
  EXPECT_EQ(Find(outcome, 2).criteria[5], 897);
  EXPECT_TRUE(Find(outcome, 2).veto);
  EXPECT_EQ(Find(outcome, 2).rating, Rating::kFail);
}

TEST(VetoTest, EthicsIsAggregatedWithTheTrimmedMean) {
  // Ethics 0.0, 9.0, 9.0, 9.0, 15.0: trimmed 9.00 (the mean would be 8.40).
  RoundInput input = WithSheets(1, {MakeSheet(150, 150, 200, 200, 150, 0),
                                    MakeSheet(150, 150, 200, 200, 150, 90),
                                    MakeSheet(150, 150, 200, 200, 150, 90),
                                    MakeSheet(150, 150, 200, 200, 150, 90),
                                    MakeSheet(150, 150, 200, 200, 150, 150)});
  RoundResult r = Find(Compute({input}), 1);
  EXPECT_EQ(r.criteria[5], 900);
  EXPECT_FALSE(r.veto);
  AssessmentRules mean;
  mean.aggregation = Aggregation::kMean;
  RoundResult m = Find(Compute({input}, mean), 1);
  EXPECT_EQ(m.criteria[5], 840);
  EXPECT_TRUE(m.veto);
  EXPECT_EQ(m.rating, Rating::kFail);
}

TEST(VetoTest, LowScoreWithGoodEthicsIsAPlainFail) {
  RoundResult r = Find(Compute({Enrol(1, 500)}), 1);
  EXPECT_EQ(r.rating, Rating::kFail);
  EXPECT_FALSE(r.veto);
}

TEST(VetoTest, VetoPercentComesFromTheRules) {
  const Sheet ethics_149 = MakeSheet(150, 150, 200, 200, 150, 149);
  const Sheet ethics_150 = MakeSheet(150, 150, 200, 200, 150, 150);
  const Sheet ethics_0 = MakeSheet(150, 150, 200, 200, 150, 0);
  std::vector<RoundInput> inputs = {WithSheets(1, {ethics_149, ethics_149, ethics_149}),
                                    WithSheets(2, {ethics_150, ethics_150, ethics_150}),
                                    WithSheets(3, {ethics_0, ethics_0, ethics_0})};
  AssessmentRules all;
  all.veto_percent = 100;
  RoundOutcome outcome = Compute(inputs, all);
  EXPECT_TRUE(Find(outcome, 1).veto);
  EXPECT_FALSE(Find(outcome, 2).veto);
  EXPECT_EQ(Find(outcome, 2).rating, Rating::kExcellent);
  EXPECT_TRUE(Find(outcome, 3).veto);
  AssessmentRules none;
  none.veto_percent = 0;
  outcome = Compute(inputs, none);
  EXPECT_FALSE(Find(outcome, 3).veto);
  EXPECT_EQ(Find(outcome, 3).rating, Rating::kGood);  // 85.0
}

TEST(VetoTest, RubricWithoutVetoNeverVetoes) {
  Rubric rubric = DefaultRubric();
  rubric.criteria[5].veto = false;
  const Sheet sheet = MakeSheet(150, 150, 200, 200, 150, 0);
  RoundResult r = Find(Compute({WithSheets(1, {sheet, sheet, sheet})}, AssessmentRules(), rubric), 1);
  EXPECT_FALSE(r.veto);
  EXPECT_EQ(r.rating, Rating::kGood);  // 85.0
}

TEST(VetoTest, VetoCriterionNeedNotBeTheLast) {
  Rubric rubric = DefaultRubric();
  rubric.criteria[5].veto = false;
  rubric.criteria[0].veto = true;  // theory, max 15.0: below 9.00 fails
  const Sheet sheet = MakeSheet(89, 150, 200, 200, 150, 150);  // 93.9
  RoundResult r = Find(Compute({WithSheets(1, {sheet, sheet, sheet})}, AssessmentRules(), rubric), 1);
  EXPECT_TRUE(r.veto);
  EXPECT_EQ(r.rating, Rating::kFail);
}

TEST(VetoTest, ThresholdIsNotRoundedBeforeComparing) {
  // Veto criterion max 15.1, 61 %: the threshold is 9.211. An aggregate of
  // 9.21 is below it; 9.22 is not.
  Rubric rubric;
  Criterion work;
  work.code = "work";
  work.name_zh = "工作";
  work.name_en = "Work";
  work.max_tenths = 849;
  Criterion ethics;
  ethics.code = "ethics";
  ethics.name_zh = "伦理";
  ethics.name_en = "Ethics";
  ethics.max_tenths = 151;
  ethics.veto = true;
  rubric.criteria = {work, ethics};
  AssessmentRules rules;
  rules.veto_percent = 61;
  rules.aggregation = Aggregation::kMean;
  auto sheets = [](int high) {
    std::vector<Sheet> s(10, Sheet{849, 92});
    for (int i = 0; i < high; ++i) s[i][1] = 93;
    return s;
  };
  RoundOutcome outcome = Compute({WithSheets(1, sheets(1)), WithSheets(2, sheets(2))}, rules, rubric);
  EXPECT_EQ(Find(outcome, 1).criteria[1], 921);
  EXPECT_TRUE(Find(outcome, 1).veto);
  EXPECT_EQ(Find(outcome, 1).rating, Rating::kFail);
  EXPECT_EQ(Find(outcome, 2).criteria[1], 922);
  EXPECT_FALSE(Find(outcome, 2).veto);
  EXPECT_EQ(Find(outcome, 2).rating, Rating::kExcellent);
}

// --- Ranking ---------------------------------------------------------------

TEST(RoundRankingTest, EqualKeysShareACompetitionRank) {
  RoundOutcome outcome = Compute({Enrol(4, 800), Enrol(2, 850), Enrol(1, 900), Enrol(3, 850)});
  EXPECT_THAT(Ranks(outcome), ElementsAre(1, 2, 2, 4));
  EXPECT_EQ(Find(outcome, 1).rank, 1);
  EXPECT_EQ(Find(outcome, 2).rank, 2);
  EXPECT_EQ(Find(outcome, 3).rank, 2);
  EXPECT_EQ(Find(outcome, 4).rank, 4);
  EXPECT_EQ(outcome.results.front().enrolment_id, 1);
  EXPECT_EQ(outcome.results.back().enrolment_id, 4);
}

TEST(RoundRankingTest, FirstCriterionBreaksATieOfScores) {
  // Both 92.0; enrolment 2 has more for theory.
  const Sheet a = MakeSheet(140, 150, 200, 200, 130, 100);
  const Sheet b = MakeSheet(150, 140, 200, 200, 130, 100);
  RoundOutcome outcome = Compute({WithSheets(1, {a, a, a}), WithSheets(2, {b, b, b})});
  EXPECT_EQ(Find(outcome, 1).score, 9200);
  EXPECT_EQ(Find(outcome, 2).score, 9200);
  EXPECT_EQ(Find(outcome, 2).rank, 1);
  EXPECT_EQ(Find(outcome, 1).rank, 2);
  EXPECT_THAT(Order(outcome), ElementsAre(2, 1));
}

TEST(RoundRankingTest, LaterCriteriaBreakTiesInRubricOrder) {
  // Equal score and theory and competence; serving the system decides.
  const Sheet a = MakeSheet(150, 150, 190, 200, 130, 100);
  const Sheet b = MakeSheet(150, 150, 200, 190, 130, 100);
  RoundOutcome outcome = Compute({WithSheets(1, {a, a, a}), WithSheets(2, {b, b, b})});
  EXPECT_EQ(Find(outcome, 2).rank, 1);
  EXPECT_EQ(Find(outcome, 1).rank, 2);
}

TEST(RoundRankingTest, ScoreComesBeforeCriteria) {
  // Enrolment 1 has full theory but a lower score.
  const Sheet a = MakeSheet(150, 100, 150, 150, 100, 150);  // 80.0
  const Sheet b = MakeSheet(100, 150, 200, 150, 100, 120);  // 82.0
  RoundOutcome outcome = Compute({WithSheets(1, {a, a, a}), WithSheets(2, {b, b, b})});
  EXPECT_EQ(Find(outcome, 2).rank, 1);
  EXPECT_EQ(Find(outcome, 1).rank, 2);
}

TEST(RoundRankingTest, ResultsAreOrderedByRankWithAbsentLast) {
  RoundOutcome outcome = Compute({Absent(10, true), Enrol(11, 700), Absent(12, false),
                                  Enrol(13, 950), Enrol(14, 820)});
  ASSERT_EQ(outcome.results.size(), 5u);
  EXPECT_EQ(outcome.results[0].enrolment_id, 13);
  EXPECT_EQ(outcome.results[1].enrolment_id, 14);
  EXPECT_EQ(outcome.results[2].enrolment_id, 11);
  EXPECT_THAT(Ranks(outcome), ElementsAre(1, 2, 3, 0, 0));
  for (int i = 3; i < 5; ++i) {
    EXPECT_TRUE(outcome.results[i].absent) << i;
    EXPECT_EQ(outcome.results[i].rating, Rating::kUnspecified) << i;
    EXPECT_EQ(outcome.results[i].rank, 0) << i;
  }
  EXPECT_EQ(outcome.assessed, 3);
}

// --- Excellent cap ---------------------------------------------------------

// Ten assessed: five excellent by score (95, 94, 93, 92, 91), then 85, 82,
// 75, 70, 65.
std::vector<RoundInput> TenWithFiveExcellent() {
  return {Enrol(1, 950), Enrol(2, 940), Enrol(3, 930), Enrol(4, 920), Enrol(5, 910),
          Enrol(6, 850), Enrol(7, 820), Enrol(8, 750), Enrol(9, 700), Enrol(10, 650)};
}

TEST(ExcellentCapTest, NoCapByDefault) {
  RoundOutcome outcome = Compute(TenWithFiveExcellent());
  EXPECT_EQ(outcome.excellent_cap, -1);
  EXPECT_FALSE(outcome.cap_exceeded_by_tie);
  for (int64_t id = 1; id <= 5; ++id) {
    EXPECT_EQ(Find(outcome, id).rating, Rating::kExcellent) << id;
    EXPECT_FALSE(Find(outcome, id).capped) << id;
  }
}

TEST(ExcellentCapTest, ThirtyPercentOfTenIsThree) {
  AssessmentRules rules;
  rules.excellent_cap_percent = 30;
  RoundOutcome outcome = Compute(TenWithFiveExcellent(), rules);
  EXPECT_EQ(outcome.assessed, 10);
  EXPECT_EQ(outcome.excellent_cap, 3);
  EXPECT_FALSE(outcome.cap_exceeded_by_tie);
  for (int64_t id : {1, 2, 3}) {
    EXPECT_EQ(Find(outcome, id).rating, Rating::kExcellent) << id;
    EXPECT_FALSE(Find(outcome, id).capped) << id;
  }
  for (int64_t id : {4, 5}) {
    EXPECT_EQ(Find(outcome, id).rating, Rating::kGood) << id;
    EXPECT_TRUE(Find(outcome, id).capped) << id;
    EXPECT_FALSE(Find(outcome, id).eliminated) << id;
  }
  for (int64_t id : {6, 7, 8, 9, 10}) EXPECT_FALSE(Find(outcome, id).capped) << id;
  EXPECT_EQ(Find(outcome, 6).rating, Rating::kGood);
  EXPECT_EQ(Find(outcome, 8).rating, Rating::kPass);
  // The cap changes ratings, not ranks or scores.
  EXPECT_EQ(Find(outcome, 4).rank, 4);
  EXPECT_EQ(Find(outcome, 4).score, 9200);
  EXPECT_THAT(Ranks(outcome), ElementsAre(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
}

TEST(ExcellentCapTest, ThirtyPercentOfSevenIsTwo) {
  AssessmentRules rules;
  rules.excellent_cap_percent = 30;
  RoundOutcome outcome = Compute({Enrol(1, 950), Enrol(2, 940), Enrol(3, 930), Enrol(4, 920),
                                  Enrol(5, 850), Enrol(6, 750), Enrol(7, 650)},
                                 rules);
  EXPECT_EQ(outcome.excellent_cap, 2);
  EXPECT_EQ(Find(outcome, 1).rating, Rating::kExcellent);
  EXPECT_EQ(Find(outcome, 2).rating, Rating::kExcellent);
  EXPECT_EQ(Find(outcome, 3).rating, Rating::kGood);
  EXPECT_TRUE(Find(outcome, 3).capped);
  EXPECT_EQ(Find(outcome, 4).rating, Rating::kGood);
  EXPECT_TRUE(Find(outcome, 4).capped);
}

TEST(ExcellentCapTest, CapIsRoundedDownNotToTheNearest) {
  // 25 % of 7 is 1.75 → 1.
  AssessmentRules rules;
  rules.excellent_cap_percent = 25;
  RoundOutcome outcome = Compute({Enrol(1, 950), Enrol(2, 940), Enrol(3, 930), Enrol(4, 850),
                                  Enrol(5, 800), Enrol(6, 750), Enrol(7, 650)},
                                 rules);
  EXPECT_EQ(outcome.excellent_cap, 1);
  EXPECT_EQ(Find(outcome, 1).rating, Rating::kExcellent);
  EXPECT_EQ(Find(outcome, 2).rating, Rating::kGood);
  EXPECT_TRUE(Find(outcome, 2).capped);
  EXPECT_TRUE(Find(outcome, 3).capped);
}

TEST(ExcellentCapTest, AbsentEnrolmentsAreNotAssessed) {
  // 20 % of 10 assessed is 2 (of 15 listed it would be 3).
  std::vector<RoundInput> inputs = TenWithFiveExcellent();
  for (int64_t id = 11; id <= 15; ++id) inputs.push_back(Absent(id, true));
  AssessmentRules rules;
  rules.excellent_cap_percent = 20;
  RoundOutcome outcome = Compute(inputs, rules);
  EXPECT_EQ(outcome.assessed, 10);
  EXPECT_EQ(outcome.excellent_cap, 2);
  EXPECT_EQ(Find(outcome, 2).rating, Rating::kExcellent);
  EXPECT_EQ(Find(outcome, 3).rating, Rating::kGood);
  EXPECT_TRUE(Find(outcome, 3).capped);
}

TEST(ExcellentCapTest, FewerQualifyingThanTheCapAreNotCapped) {
  AssessmentRules rules;
  rules.excellent_cap_percent = 50;
  RoundOutcome outcome = Compute({Enrol(1, 950), Enrol(2, 850), Enrol(3, 750), Enrol(4, 650)}, rules);
  EXPECT_EQ(outcome.excellent_cap, 2);
  EXPECT_EQ(Find(outcome, 1).rating, Rating::kExcellent);
  EXPECT_FALSE(Find(outcome, 1).capped);
}

TEST(ExcellentCapTest, CapRoundedDownToZeroLeavesNoExcellent) {
  // 10 % of 5 is 0.5, rounded down to 0: a real cap, not "no cap".
  AssessmentRules rules;
  rules.excellent_cap_percent = 10;
  RoundOutcome outcome =
      Compute({Enrol(1, 950), Enrol(2, 850), Enrol(3, 750), Enrol(4, 700), Enrol(5, 650)}, rules);
  EXPECT_EQ(outcome.excellent_cap, 0);
  EXPECT_EQ(Find(outcome, 1).rating, Rating::kGood);
  EXPECT_TRUE(Find(outcome, 1).capped);
}

TEST(ExcellentCapTest, CriteriaDecideBetweenEqualScoresAtTheCap) {
  // 10 % of 10 is 1. Enrolments 1 and 2 both score 92.00; 2 has more for
  // theory and keeps EXCELLENT.
  const Sheet a = MakeSheet(140, 150, 200, 200, 130, 100);
  const Sheet b = MakeSheet(150, 140, 200, 200, 130, 100);
  std::vector<RoundInput> inputs = {WithSheets(1, {a, a, a}), WithSheets(2, {b, b, b})};
  for (int64_t id = 3; id <= 10; ++id) inputs.push_back(Enrol(id, 700));
  AssessmentRules rules;
  rules.excellent_cap_percent = 10;
  RoundOutcome outcome = Compute(inputs, rules);
  EXPECT_EQ(outcome.excellent_cap, 1);
  EXPECT_EQ(Find(outcome, 2).rating, Rating::kExcellent);
  EXPECT_FALSE(Find(outcome, 2).capped);
  EXPECT_EQ(Find(outcome, 1).rating, Rating::kGood);
  EXPECT_TRUE(Find(outcome, 1).capped);
  EXPECT_FALSE(Find(outcome, 1).tie_over_cap);
  EXPECT_FALSE(outcome.cap_exceeded_by_tie);
}

TEST(ExcellentCapTest, TieStraddlingTheCapKeepsAllTiedExcellent) {
  // Cap 3 of 10: 95, 94, then 93 and 93 tied at rank 3, then 92.
  AssessmentRules rules;
  rules.excellent_cap_percent = 30;
  RoundOutcome outcome =
      Compute({Enrol(1, 950), Enrol(2, 940), Enrol(3, 930), Enrol(4, 930), Enrol(5, 920),
               Enrol(6, 850), Enrol(7, 820), Enrol(8, 750), Enrol(9, 700), Enrol(10, 650)},
              rules);
  EXPECT_EQ(outcome.excellent_cap, 3);
  EXPECT_TRUE(outcome.cap_exceeded_by_tie);
  EXPECT_EQ(Find(outcome, 3).rank, 3);
  EXPECT_EQ(Find(outcome, 4).rank, 3);
  for (int64_t id : {3, 4}) {
    EXPECT_EQ(Find(outcome, id).rating, Rating::kExcellent) << id;
    EXPECT_TRUE(Find(outcome, id).tie_over_cap) << id;
    EXPECT_FALSE(Find(outcome, id).capped) << id;
  }
  for (int64_t id : {1, 2}) {
    EXPECT_EQ(Find(outcome, id).rating, Rating::kExcellent) << id;
    EXPECT_FALSE(Find(outcome, id).tie_over_cap) << id;
  }
  EXPECT_EQ(Find(outcome, 5).rank, 5);
  EXPECT_EQ(Find(outcome, 5).rating, Rating::kGood);
  EXPECT_TRUE(Find(outcome, 5).capped);
  EXPECT_FALSE(Find(outcome, 5).tie_over_cap);
}

TEST(ExcellentCapTest, TieInsideTheCapIsNotOverIt) {
  // Cap 3 of 10: 95, then 94 and 94 tied at rank 2, then 93 (rank 4) capped.
  AssessmentRules rules;
  rules.excellent_cap_percent = 30;
  RoundOutcome outcome =
      Compute({Enrol(1, 950), Enrol(2, 940), Enrol(3, 940), Enrol(4, 930), Enrol(5, 850),
               Enrol(6, 820), Enrol(7, 750), Enrol(8, 700), Enrol(9, 650), Enrol(10, 600)},
              rules);
  EXPECT_EQ(outcome.excellent_cap, 3);
  EXPECT_FALSE(outcome.cap_exceeded_by_tie);
  for (int64_t id : {1, 2, 3}) {
    EXPECT_EQ(Find(outcome, id).rating, Rating::kExcellent) << id;
    EXPECT_FALSE(Find(outcome, id).tie_over_cap) << id;
  }
  EXPECT_EQ(Find(outcome, 4).rank, 4);
  EXPECT_EQ(Find(outcome, 4).rating, Rating::kGood);
  EXPECT_TRUE(Find(outcome, 4).capped);
}

TEST(ExcellentCapTest, VetoedEnrolmentsDoNotTakeAPlaceUnderTheCap) {
  // Cap 2 of 10. Enrolment 1 scores 93.9 but is vetoed (FAIL); 2 and 3 keep
  // EXCELLENT, 4 is capped.
  const Sheet vetoed = MakeSheet(150, 150, 200, 200, 150, 89);
  std::vector<RoundInput> inputs = {WithSheets(1, {vetoed, vetoed, vetoed}), Enrol(2, 930),
                                    Enrol(3, 920), Enrol(4, 910)};
  for (int64_t id = 5; id <= 10; ++id) inputs.push_back(Enrol(id, 700 + id));
  AssessmentRules rules;
  rules.excellent_cap_percent = 20;
  RoundOutcome outcome = Compute(inputs, rules);
  EXPECT_EQ(outcome.excellent_cap, 2);
  EXPECT_EQ(Find(outcome, 1).rating, Rating::kFail);
  EXPECT_FALSE(Find(outcome, 1).capped);
  EXPECT_EQ(Find(outcome, 2).rating, Rating::kExcellent);
  EXPECT_EQ(Find(outcome, 3).rating, Rating::kExcellent);
  EXPECT_EQ(Find(outcome, 4).rating, Rating::kGood);
  EXPECT_TRUE(Find(outcome, 4).capped);
}

// --- Elimination -----------------------------------------------------------

TEST(EliminationTest, FailIsEliminatedWithTheReason) {
  RoundOutcome outcome = Compute({Enrol(1, 550), Enrol(2, 650)});
  RoundResult fail = Find(outcome, 1);
  EXPECT_EQ(fail.rating, Rating::kFail);
  EXPECT_TRUE(fail.eliminated);
  EXPECT_THAT(Lower(fail.elimination_reason), HasSubstr("fail"));
  RoundResult pass = Find(outcome, 2);
  EXPECT_EQ(pass.rating, Rating::kPass);
  EXPECT_FALSE(pass.eliminated);
  EXPECT_EQ(pass.elimination_reason, "");
}

TEST(EliminationTest, FailIsKeptWhenTheRuleIsOff) {
  AssessmentRules rules;
  rules.eliminate_fail = false;
  RoundResult r = Find(Compute({Enrol(1, 550)}, rules), 1);
  EXPECT_EQ(r.rating, Rating::kFail);
  EXPECT_FALSE(r.eliminated);
  EXPECT_EQ(r.elimination_reason, "");
}

TEST(EliminationTest, AbsentWithoutExcuseIsEliminated) {
  RoundResult r = Find(Compute({Enrol(1, 800), Absent(2, false)}), 2);
  EXPECT_TRUE(r.absent);
  EXPECT_FALSE(r.excused);
  EXPECT_EQ(r.rating, Rating::kUnspecified);
  EXPECT_EQ(r.rank, 0);
  EXPECT_TRUE(r.eliminated);
  EXPECT_THAT(Lower(r.elimination_reason), HasSubstr("absent"));
}

TEST(EliminationTest, AbsentWithAnAcceptedExcuseIsNotEliminated) {
  RoundResult r = Find(Compute({Enrol(1, 800), Absent(2, true)}), 2);
  EXPECT_TRUE(r.absent);
  EXPECT_TRUE(r.excused);
  EXPECT_EQ(r.rating, Rating::kUnspecified);
  EXPECT_EQ(r.rank, 0);
  EXPECT_FALSE(r.eliminated);
  EXPECT_EQ(r.elimination_reason, "");
}

TEST(EliminationTest, AbsentIsKeptWhenTheRuleIsOff) {
  AssessmentRules rules;
  rules.eliminate_absent = false;
  RoundResult r = Find(Compute({Enrol(1, 800), Absent(2, false)}, rules), 2);
  EXPECT_FALSE(r.eliminated);
}

TEST(EliminationTest, TwoConsecutivePassesAreEliminatedWhenOn) {
  AssessmentRules rules;
  rules.eliminate_two_pass = true;
  RoundOutcome outcome = Compute({Enrol(1, 700, Rating::kPass), Enrol(2, 700, Rating::kGood),
                                  Enrol(3, 850, Rating::kPass), Enrol(4, 700)},
                                 rules);
  EXPECT_TRUE(Find(outcome, 1).eliminated);
  EXPECT_THAT(Lower(Find(outcome, 1).elimination_reason), HasSubstr("pass"));
  EXPECT_FALSE(Find(outcome, 2).eliminated);  // GOOD then PASS
  EXPECT_FALSE(Find(outcome, 3).eliminated);  // PASS then GOOD
  EXPECT_FALSE(Find(outcome, 4).eliminated);  // no previous round
}

TEST(EliminationTest, TwoConsecutivePassesAreKeptByDefault) {
  RoundResult r = Find(Compute({Enrol(1, 700, Rating::kPass)}), 1);
  EXPECT_EQ(r.rating, Rating::kPass);
  EXPECT_FALSE(r.eliminated);
}

TEST(EliminationTest, BottomKRemovesTheLowest) {
  AssessmentRules rules;
  rules.eliminate_bottom_k = 2;
  RoundOutcome outcome = Compute({Enrol(1, 950), Enrol(2, 650), Enrol(3, 850), Enrol(4, 700),
                                  Enrol(5, 750), Enrol(6, 800)},
                                 rules);
  EXPECT_TRUE(Find(outcome, 2).eliminated);
  EXPECT_TRUE(Find(outcome, 4).eliminated);
  EXPECT_FALSE(Find(outcome, 2).elimination_reason.empty());
  EXPECT_FALSE(Find(outcome, 4).elimination_reason.empty());
  for (int64_t id : {1, 3, 5, 6}) {
    EXPECT_FALSE(Find(outcome, id).eliminated) << id;
    EXPECT_FALSE(Find(outcome, id).tie_at_cut) << id;
  }
  EXPECT_EQ(Find(outcome, 2).rating, Rating::kPass);  // the rating is unchanged
}

TEST(EliminationTest, BottomKCountsThoseFailEliminates) {
  AssessmentRules rules;
  rules.eliminate_bottom_k = 2;
  RoundOutcome outcome = Compute({Enrol(1, 950), Enrol(2, 500), Enrol(3, 850), Enrol(4, 650),
                                  Enrol(5, 700), Enrol(6, 800)},
                                 rules);
  EXPECT_TRUE(Find(outcome, 2).eliminated);
  EXPECT_THAT(Lower(Find(outcome, 2).elimination_reason), HasSubstr("fail"));
  EXPECT_TRUE(Find(outcome, 4).eliminated);
  for (int64_t id : {1, 3, 5, 6}) EXPECT_FALSE(Find(outcome, id).eliminated) << id;
}

TEST(EliminationTest, BottomKCountsAVetoedHighScorer) {
  // The vetoed enrolment (93.9, FAIL) is one of the two removed, so only
  // the lowest by score follows it.
  AssessmentRules rules;
  rules.eliminate_bottom_k = 2;
  const Sheet vetoed = MakeSheet(150, 150, 200, 200, 150, 89);
  RoundOutcome outcome =
      Compute({WithSheets(1, {vetoed, vetoed, vetoed}), Enrol(2, 650), Enrol(3, 700),
               Enrol(4, 750), Enrol(5, 800), Enrol(6, 850)},
              rules);
  EXPECT_TRUE(Find(outcome, 1).eliminated);
  EXPECT_TRUE(Find(outcome, 2).eliminated);
  for (int64_t id : {3, 4, 5, 6}) EXPECT_FALSE(Find(outcome, id).eliminated) << id;
}

TEST(EliminationTest, BottomKRemovesNoMoreWhenOtherRulesReachedIt) {
  AssessmentRules rules;
  rules.eliminate_bottom_k = 1;
  RoundOutcome outcome = Compute({Enrol(1, 500), Enrol(2, 550), Enrol(3, 650), Enrol(4, 700)}, rules);
  EXPECT_TRUE(Find(outcome, 1).eliminated);
  EXPECT_TRUE(Find(outcome, 2).eliminated);
  EXPECT_FALSE(Find(outcome, 3).eliminated);
  EXPECT_FALSE(Find(outcome, 4).eliminated);
}

TEST(EliminationTest, TieAtTheCutKeepsAllTiedAndFlagsThem) {
  // k = 2: 65 goes; 70 and 70 share the second-lowest place and both stay.
  AssessmentRules rules;
  rules.eliminate_bottom_k = 2;
  RoundOutcome outcome = Compute({Enrol(1, 950), Enrol(2, 650), Enrol(3, 700), Enrol(4, 700),
                                  Enrol(5, 800), Enrol(6, 850)},
                                 rules);
  EXPECT_TRUE(Find(outcome, 2).eliminated);
  EXPECT_FALSE(Find(outcome, 2).tie_at_cut);
  for (int64_t id : {3, 4}) {
    EXPECT_FALSE(Find(outcome, id).eliminated) << id;
    EXPECT_TRUE(Find(outcome, id).tie_at_cut) << id;
    EXPECT_EQ(Find(outcome, id).rank, 4) << id;
  }
  for (int64_t id : {1, 5, 6}) {
    EXPECT_FALSE(Find(outcome, id).eliminated) << id;
    EXPECT_FALSE(Find(outcome, id).tie_at_cut) << id;
  }
}

TEST(EliminationTest, TieWhollyInsideTheCutIsRemoved) {
  // k = 3: 65, 70 and 70 are the three lowest; nobody straddles the cut.
  AssessmentRules rules;
  rules.eliminate_bottom_k = 3;
  RoundOutcome outcome = Compute({Enrol(1, 950), Enrol(2, 650), Enrol(3, 700), Enrol(4, 700),
                                  Enrol(5, 800), Enrol(6, 850)},
                                 rules);
  for (int64_t id : {2, 3, 4}) {
    EXPECT_TRUE(Find(outcome, id).eliminated) << id;
    EXPECT_FALSE(Find(outcome, id).tie_at_cut) << id;
  }
  for (int64_t id : {1, 5, 6}) EXPECT_FALSE(Find(outcome, id).eliminated) << id;
}

TEST(EliminationTest, BottomPercentIsRoundedDown) {
  // 20 % of 7 assessed is 1.4 → 1.
  AssessmentRules rules;
  rules.eliminate_bottom_percent = 20;
  RoundOutcome outcome = Compute({Enrol(1, 950), Enrol(2, 650), Enrol(3, 700), Enrol(4, 750),
                                  Enrol(5, 800), Enrol(6, 850), Enrol(7, 880)},
                                 rules);
  EXPECT_TRUE(Find(outcome, 2).eliminated);
  for (int64_t id : {1, 3, 4, 5, 6, 7}) EXPECT_FALSE(Find(outcome, id).eliminated) << id;
}

TEST(EliminationTest, BottomPercentIsRoundedDownNotToTheNearest) {
  // 20 % of 9 assessed is 1.8 → 1.
  AssessmentRules rules;
  rules.eliminate_bottom_percent = 20;
  RoundOutcome outcome =
      Compute({Enrol(1, 950), Enrol(2, 650), Enrol(3, 700), Enrol(4, 750), Enrol(5, 800),
               Enrol(6, 850), Enrol(7, 880), Enrol(8, 890), Enrol(9, 900)},
              rules);
  EXPECT_TRUE(Find(outcome, 2).eliminated);
  for (int64_t id : {1, 3, 4, 5, 6, 7, 8, 9}) EXPECT_FALSE(Find(outcome, id).eliminated) << id;
}

TEST(EliminationTest, BottomPercentCountsOnlyTheAssessed) {
  // 20 % of 7 assessed is 1, although 10 are listed (20 % of 10 would be 2).
  AssessmentRules rules;
  rules.eliminate_bottom_percent = 20;
  RoundOutcome outcome =
      Compute({Enrol(1, 950), Enrol(2, 650), Enrol(3, 700), Enrol(4, 750), Enrol(5, 800),
               Enrol(6, 850), Enrol(7, 880), Absent(8, true), Absent(9, true), Absent(10, true)},
              rules);
  EXPECT_EQ(outcome.assessed, 7);
  EXPECT_TRUE(Find(outcome, 2).eliminated);
  EXPECT_FALSE(Find(outcome, 3).eliminated);
  for (int64_t id : {8, 9, 10}) EXPECT_FALSE(Find(outcome, id).eliminated) << id;
}

TEST(EliminationTest, BottomPercentOfTenIsTwo) {
  AssessmentRules rules;
  rules.eliminate_bottom_percent = 20;
  RoundOutcome outcome = Compute(TenWithFiveExcellent(), rules);
  EXPECT_TRUE(Find(outcome, 10).eliminated);
  EXPECT_TRUE(Find(outcome, 9).eliminated);
  EXPECT_FALSE(Find(outcome, 8).eliminated);
}

TEST(EliminationTest, ExcusedAbsenceIsNotInTheBottom) {
  AssessmentRules rules;
  rules.eliminate_bottom_k = 1;
  RoundOutcome outcome =
      Compute({Absent(1, true), Enrol(2, 650), Enrol(3, 700), Enrol(4, 750)}, rules);
  EXPECT_FALSE(Find(outcome, 1).eliminated);
  EXPECT_TRUE(Find(outcome, 2).eliminated);
  EXPECT_FALSE(Find(outcome, 3).eliminated);
  EXPECT_EQ(outcome.assessed, 3);
}

}  // namespace
}  // namespace talent::domain
