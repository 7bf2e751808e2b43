// Ranks and the cap on EXCELLENT (docs/rules.md §6): competition ranks, ties
// broken by the criteria in rubric order, the absent listed last; then the
// cap as a percentage of the assessed rounded down, the criteria deciding
// at the cap, a tie straddling it keeping all tied EXCELLENT, and vetoed
// candidates taking no place under it.
#include "server/domain/results.h"

#include <cstdint>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/domain/results_builders.h"

namespace talent::domain {
namespace {

using ::talent::testing::Absent;
using ::talent::testing::Compute;
using ::talent::testing::Enrol;
using ::talent::testing::Find;
using ::talent::testing::MakeSheet;
using ::talent::testing::Order;
using ::talent::testing::Ranks;
using ::talent::testing::Sheet;
using ::talent::testing::TenWithFiveExcellent;
using ::talent::testing::WithSheets;
using ::testing::ElementsAre;

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

}  // namespace
}  // namespace talent::domain
