// A candidate's rating (docs/rules.md §4–§5): the bands of the rounded score
// (their exact lower bounds, one hundredth below, bands from the rules) and
// the veto criterion that fails a candidate whatever the total (its
// threshold, aggregated like any criterion, from the rules, on any
// criterion, never rounded before comparing).
#include "server/domain/results.h"

#include <cstdint>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/domain/results_builders.h"

namespace talent::domain {
namespace {

using ::talent::testing::Compute;
using ::talent::testing::Enrol;
using ::talent::testing::Find;
using ::talent::testing::Lower;
using ::talent::testing::MakeSheet;
using ::talent::testing::Sheet;
using ::talent::testing::WithSheets;
using ::talent::testing::WithTotals;
using ::testing::HasSubstr;

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

}  // namespace
}  // namespace talent::domain
