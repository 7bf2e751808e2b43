// ComputeRound (docs/rules.md §2–§3): a candidate's score as the aggregate of
// the assessors' totals, each criterion aggregated on its own, the sheets it
// refuses (too few, the wrong length, points out of range) and the spread
// that flags a disagreement; and the sheet builder these tests rely on.
#include "server/domain/results.h"

#include <cstdint>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/domain/results_builders.h"
#include "tests/testing/status_matchers.h"

namespace talent::domain {
namespace {

using ::talent::testing::Absent;
using ::talent::testing::Compute;
using ::talent::testing::Enrol;
using ::talent::testing::Find;
using ::talent::testing::kMax;
using ::talent::testing::MakeSheet;
using ::talent::testing::Sheet;
using ::talent::testing::SheetWithTotal;
using ::talent::testing::StatusIs;
using ::talent::testing::WithSheets;
using ::talent::testing::WithTotals;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr absl::StatusCode kInvalid = absl::StatusCode::kInvalidArgument;
constexpr absl::StatusCode kPrecondition = absl::StatusCode::kFailedPrecondition;

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

}  // namespace
}  // namespace talent::domain
