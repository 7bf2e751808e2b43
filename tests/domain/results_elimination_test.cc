// Who a round eliminates (docs/rules.md §7): a FAIL, an absence without an
// accepted excuse and, when the rules say so, two PASS ratings in a row, the
// bottom k or the bottom percentage of the assessed (rounded down, counting
// those other rules already eliminated, keeping and flagging a tie at the
// cut), each rule with the reason it gives and the switch that turns it off.
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
using ::talent::testing::Lower;
using ::talent::testing::MakeSheet;
using ::talent::testing::Sheet;
using ::talent::testing::TenWithFiveExcellent;
using ::talent::testing::WithSheets;
using ::testing::HasSubstr;

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
