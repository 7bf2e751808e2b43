// The elimination rules a cohort switches on (docs/rules.md §7), computed
// over two rounds through a real server and its database: bottom k, bottom
// p % and both together (the larger number applies), each counting those the
// round removes by the other rules, with a tie at the cut; and two
// consecutive PASS ratings, where round 2 reads round 1's stored ratings once
// round 1 is confirmed. Every expected table is worked out by hand in the
// comments; a sheet is written as its six points in rubric order (theory 15,
// competence 15, system 20, talent 20, charity 15, ethics 15 — the veto,
// whose line is 60 % × 15.0 = 9.00). The fixture is RulesScenarioFixture.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "talent/v1/assessment.grpc.pb.h"
#include "talent/v1/round.grpc.pb.h"
#include "tests/service/round_flow_fixture.h"
#include "tests/service/rules_scenario_fixture.h"
#include "tests/testing/status_matchers.h"

namespace talent {
namespace {

using ::talent::testing::GrpcIs;
using ::talent::testing::kRound1;
using ::talent::testing::kRound2;
using ::talent::testing::Lines;
using ::talent::testing::Sheet;
using ::testing::ElementsAreArray;
using Code = grpc::StatusCode;

class RulesEliminationTest : public testing::RulesScenarioFixture {};

// --- Bottom k and bottom p % --------------------------------------------------------

TEST_F(RulesEliminationTest, BottomThreeCountsTheFailedAndTheAbsentAndStopsAtATie) {
  BuildCohort(9);
  ASSERT_FALSE(HasFatalFailure());
  v1::AssessmentRules rules, set;
  rules.set_eliminate_bottom_k(3);
  ASSERT_THAT(SetRules(rules, {"eliminate_bottom_k"}, &set), GrpcIs(Code::OK));
  ASSERT_EQ(set.eliminate_bottom_k(), 3);
  OpenWith(kRound1, 3, 9);
  ASSERT_FALSE(HasFatalFailure());

  // Round 1, every assessor giving the same sheet (score = the total):
  //   张伟 14 14 18 18 12 12 = 88.0   王芳 13 13 18 17 12 12 = 85.0
  //   刘洋 13 13 17 17 11 11 = 82.0   李明 12 12 17 16 11 10 = 78.0
  //   陈静 11 11 15 15 10 10 = 72.0   杨帆 10 10 14 13 9.5 9.5 = 66.0
  //   赵磊  8  8 11 10  8 10 = 55.0 (FAIL); 孙丽 absent without an excuse,
  //   周杰 absent with one.
  // 7 assessed. k = 3; 赵磊 (rated fail) and 孙丽 (absent) count toward it, so
  // one more goes from the bottom: 赵磊 is out already, so 杨帆.
  ScoreAll(zhang_, Sheet("14", "14", "18", "18", "12", "12"), kRound1);
  ScoreAll(wang_, Sheet("13", "13", "18", "17", "12", "12"), kRound1);
  ScoreAll(liu_, Sheet("13", "13", "17", "17", "11", "11"), kRound1);
  ScoreAll(li_, Sheet("12", "12", "17", "16", "11", "10"), kRound1);
  ScoreAll(chen_, Sheet("11", "11", "15", "15", "10", "10"), kRound1);
  ScoreAll(yang_, Sheet("10", "10", "14", "13", "9.5", "9.5"), kRound1);
  ScoreAll(zhao_, Sheet("8", "8", "11", "10", "8", "10"), kRound1);
  ASSERT_FALSE(HasFatalFailure());
  ASSERT_THAT(MarkAbsent(sun_.name(), false, "未参加中期考核", kRound1), GrpcIs(Code::OK));
  ASSERT_THAT(MarkAbsent(zhou_.name(), true, "住院治疗", kRound1), GrpcIs(Code::OK));
  ASSERT_THAT(CloseScoring(kRound1), GrpcIs(Code::OK));
  const std::vector<std::string> round1 = {
      "1 张伟 88.00 RATING_GOOD sheets=3 spread=0.0",
      "2 王芳 85.00 RATING_GOOD sheets=3 spread=0.0",
      "3 刘洋 82.00 RATING_GOOD sheets=3 spread=0.0",
      "4 李明 78.00 RATING_PASS sheets=3 spread=0.0",
      "5 陈静 72.00 RATING_PASS sheets=3 spread=0.0",
      "6 杨帆 66.00 RATING_PASS sheets=3 spread=0.0 eliminated: in the bottom of the round",
      "7 赵磊 55.00 RATING_FAIL sheets=3 spread=0.0 eliminated: rated fail",
      "0 孙丽 - RATING_UNSPECIFIED sheets=0 spread=- absent eliminated: absent without an "
      "accepted excuse",
      "0 周杰 - RATING_UNSPECIFIED sheets=0 spread=- absent excused",
  };
  v1::RoundResults results = Results(kRound1);
  EXPECT_THAT(Lines(results), ElementsAreArray(round1));
  EXPECT_EQ(results.assessed(), 7);
  NoticeAndConfirm(kRound1);
  ASSERT_FALSE(HasFatalFailure());
  EXPECT_THAT(Lines(Results(kRound1)), ElementsAreArray(round1));
  EXPECT_EQ(StageOf(yang_), "STAGE_ELIMINATED [中期考核: in the bottom of the round]");
  EXPECT_EQ(StageOf(zhou_), "STAGE_ACTIVE");

  // Round 2, the six still active:
  //   张伟 14 14 18 17 12 11 = 86.0   王芳 13 13 17 17 10 10 = 80.0
  //   刘洋 and 李明 11 11 15 15 10 10 = 72.0 (equal keys: rank 3, 3)
  //   陈静 11 11 14 14  9  9 = 68.0   周杰  9  9 12 11  8  9 = 58.0 (FAIL)
  // k = 3; 周杰 (rated fail) counts, two more: 陈静 alone, then one left for
  // the group 刘洋, 李明 of two: both kept, flagged tie at cut. Two go, not 3.
  OpenWith(kRound2, 3, 6);
  ASSERT_FALSE(HasFatalFailure());
  ScoreAll(zhang_, Sheet("14", "14", "18", "17", "12", "11"), kRound2);
  ScoreAll(wang_, Sheet("13", "13", "17", "17", "10", "10"), kRound2);
  ScoreAll(liu_, Sheet("11", "11", "15", "15", "10", "10"), kRound2);
  ScoreAll(li_, Sheet("11", "11", "15", "15", "10", "10"), kRound2);
  ScoreAll(chen_, Sheet("11", "11", "14", "14", "9", "9"), kRound2);
  ScoreAll(zhou_, Sheet("9", "9", "12", "11", "8", "9"), kRound2);
  ASSERT_FALSE(HasFatalFailure());
  ASSERT_THAT(CloseScoring(kRound2), GrpcIs(Code::OK));
  const std::vector<std::string> round2 = {
      "1 张伟 86.00 RATING_GOOD sheets=3 spread=0.0",
      "2 王芳 80.00 RATING_GOOD sheets=3 spread=0.0",
      "3 刘洋 72.00 RATING_PASS sheets=3 spread=0.0 tie_at_cut",
      "3 李明 72.00 RATING_PASS sheets=3 spread=0.0 tie_at_cut",
      "5 陈静 68.00 RATING_PASS sheets=3 spread=0.0 eliminated: in the bottom of the round",
      "6 周杰 58.00 RATING_FAIL sheets=3 spread=0.0 eliminated: rated fail",
  };
  EXPECT_THAT(Lines(Results(kRound2)), ElementsAreArray(round2));
  NoticeAndConfirm(kRound2);
  ASSERT_FALSE(HasFatalFailure());
  EXPECT_THAT(Lines(Results(kRound2)), ElementsAreArray(round2));
  EXPECT_EQ(StageOf(chen_), "STAGE_ELIMINATED [年度考核: in the bottom of the round]");
  EXPECT_EQ(StageOf(liu_), "STAGE_ACTIVE");
  EXPECT_EQ(StageOf(li_), "STAGE_ACTIVE");
}

TEST_F(RulesEliminationTest, BottomFortyPercentRoundsDownAndCountsTheAbsent) {
  BuildCohort(9);
  ASSERT_FALSE(HasFatalFailure());
  v1::AssessmentRules rules, set;
  rules.set_eliminate_bottom_percent(40);
  ASSERT_THAT(SetRules(rules, {"eliminate_bottom_percent"}, &set), GrpcIs(Code::OK));
  ASSERT_EQ(set.eliminate_bottom_percent(), 40);
  OpenWith(kRound1, 3, 9);
  ASSERT_FALSE(HasFatalFailure());

  // Round 1, every assessor giving the same sheet:
  //   张伟 15 14 19 18 13 13 = 92.0   王芳 14 14 18 18 12 11 = 87.0
  //   刘洋 13 13 17 17 12 11 = 83.0   李明 12 12 17 16 11 11 = 79.0
  //   陈静 12 12 15 15 10 10 = 74.0   杨帆 11 11 14 14 10  9 = 69.0
  //   赵磊 10 10 13 12  9  9 = 63.0   孙丽  7  7 10  9  7 10 = 50.0 (FAIL)
  //   周杰 absent without an excuse.
  // 8 assessed: ⌊8 × 40 / 100⌋ = ⌊3.2⌋ = 3 to remove; 孙丽 and 周杰 count, so
  // one more from the bottom: 赵磊.
  ScoreAll(zhang_, Sheet("15", "14", "19", "18", "13", "13"), kRound1);
  ScoreAll(wang_, Sheet("14", "14", "18", "18", "12", "11"), kRound1);
  ScoreAll(liu_, Sheet("13", "13", "17", "17", "12", "11"), kRound1);
  ScoreAll(li_, Sheet("12", "12", "17", "16", "11", "11"), kRound1);
  ScoreAll(chen_, Sheet("12", "12", "15", "15", "10", "10"), kRound1);
  ScoreAll(yang_, Sheet("11", "11", "14", "14", "10", "9"), kRound1);
  ScoreAll(zhao_, Sheet("10", "10", "13", "12", "9", "9"), kRound1);
  ScoreAll(sun_, Sheet("7", "7", "10", "9", "7", "10"), kRound1);
  ASSERT_FALSE(HasFatalFailure());
  ASSERT_THAT(MarkAbsent(zhou_.name(), false, "未参加中期考核", kRound1), GrpcIs(Code::OK));
  ASSERT_THAT(CloseScoring(kRound1), GrpcIs(Code::OK));
  const std::vector<std::string> round1 = {
      "1 张伟 92.00 RATING_EXCELLENT sheets=3 spread=0.0",
      "2 王芳 87.00 RATING_GOOD sheets=3 spread=0.0",
      "3 刘洋 83.00 RATING_GOOD sheets=3 spread=0.0",
      "4 李明 79.00 RATING_PASS sheets=3 spread=0.0",
      "5 陈静 74.00 RATING_PASS sheets=3 spread=0.0",
      "6 杨帆 69.00 RATING_PASS sheets=3 spread=0.0",
      "7 赵磊 63.00 RATING_PASS sheets=3 spread=0.0 eliminated: in the bottom of the round",
      "8 孙丽 50.00 RATING_FAIL sheets=3 spread=0.0 eliminated: rated fail",
      "0 周杰 - RATING_UNSPECIFIED sheets=0 spread=- absent eliminated: absent without an "
      "accepted excuse",
  };
  v1::RoundResults results = Results(kRound1);
  EXPECT_THAT(Lines(results), ElementsAreArray(round1));
  EXPECT_EQ(results.assessed(), 8);
  NoticeAndConfirm(kRound1);
  ASSERT_FALSE(HasFatalFailure());
  EXPECT_THAT(Lines(Results(kRound1)), ElementsAreArray(round1));
  EXPECT_EQ(StageOf(zhao_), "STAGE_ELIMINATED [中期考核: in the bottom of the round]");

  // Round 2, the six still active:
  //   张伟 14 14 19 18 13 12 = 90.0   王芳 14 13 18 17 11 11 = 84.0
  //   刘洋 13 13 17 17 11 10 = 81.0   李明 12 12 16 16 11 10 = 77.0
  //   陈静 11 11 15 14 10 10 = 71.0   杨帆 absent without an excuse.
  // 5 assessed: ⌊5 × 40 / 100⌋ = 2; 杨帆, absent, is not assessed yet counts,
  // so one more: 陈静. (Not counting 杨帆 would take 李明 too.)
  OpenWith(kRound2, 3, 6);
  ASSERT_FALSE(HasFatalFailure());
  ScoreAll(zhang_, Sheet("14", "14", "19", "18", "13", "12"), kRound2);
  ScoreAll(wang_, Sheet("14", "13", "18", "17", "11", "11"), kRound2);
  ScoreAll(liu_, Sheet("13", "13", "17", "17", "11", "10"), kRound2);
  ScoreAll(li_, Sheet("12", "12", "16", "16", "11", "10"), kRound2);
  ScoreAll(chen_, Sheet("11", "11", "15", "14", "10", "10"), kRound2);
  ASSERT_FALSE(HasFatalFailure());
  ASSERT_THAT(MarkAbsent(yang_.name(), false, "未参加年度考核", kRound2), GrpcIs(Code::OK));
  ASSERT_THAT(CloseScoring(kRound2), GrpcIs(Code::OK));
  const std::vector<std::string> round2 = {
      "1 张伟 90.00 RATING_EXCELLENT sheets=3 spread=0.0",
      "2 王芳 84.00 RATING_GOOD sheets=3 spread=0.0",
      "3 刘洋 81.00 RATING_GOOD sheets=3 spread=0.0",
      "4 李明 77.00 RATING_PASS sheets=3 spread=0.0",
      "5 陈静 71.00 RATING_PASS sheets=3 spread=0.0 eliminated: in the bottom of the round",
      "0 杨帆 - RATING_UNSPECIFIED sheets=0 spread=- absent eliminated: absent without an "
      "accepted excuse",
  };
  results = Results(kRound2);
  EXPECT_THAT(Lines(results), ElementsAreArray(round2));
  EXPECT_EQ(results.assessed(), 5);
}

TEST_F(RulesEliminationTest, BottomKAndPercentTogetherRemoveTheLargerNumber) {
  BuildCohort(9);
  ASSERT_FALSE(HasFatalFailure());
  v1::AssessmentRules rules, set;
  rules.set_eliminate_bottom_k(2);
  rules.set_eliminate_bottom_percent(35);
  ASSERT_THAT(SetRules(rules, {"eliminate_bottom_k", "eliminate_bottom_percent"}, &set),
              GrpcIs(Code::OK));
  ASSERT_EQ(set.eliminate_bottom_k(), 2);
  ASSERT_EQ(set.eliminate_bottom_percent(), 35);
  OpenWith(kRound1, 3, 9);
  ASSERT_FALSE(HasFatalFailure());

  // Round 1, every assessor giving the same sheet:
  //   张伟 14 14 19 18 13 13 = 91.0   王芳 14 14 18 17 12 11 = 86.0
  //   刘洋 13 13 18 17 12 11 = 84.0   李明 13 13 17 17 10 10 = 80.0
  //   陈静 12 12 16 16 11 10 = 77.0   杨帆 12 12 15 14 10 10 = 73.0
  //   赵磊 11 11 14 14  9  9 = 68.0   孙丽 10 10 13 13  9  9 = 64.0
  //   周杰  9  9 12 11  7  9 = 57.0 (FAIL)
  // 9 assessed: ⌊9 × 35 / 100⌋ = ⌊3.15⌋ = 3 > k = 2, so 3; 周杰 counts, two
  // more: 孙丽 and 赵磊. (k alone would take 孙丽 only.)
  ScoreAll(zhang_, Sheet("14", "14", "19", "18", "13", "13"), kRound1);
  ScoreAll(wang_, Sheet("14", "14", "18", "17", "12", "11"), kRound1);
  ScoreAll(liu_, Sheet("13", "13", "18", "17", "12", "11"), kRound1);
  ScoreAll(li_, Sheet("13", "13", "17", "17", "10", "10"), kRound1);
  ScoreAll(chen_, Sheet("12", "12", "16", "16", "11", "10"), kRound1);
  ScoreAll(yang_, Sheet("12", "12", "15", "14", "10", "10"), kRound1);
  ScoreAll(zhao_, Sheet("11", "11", "14", "14", "9", "9"), kRound1);
  ScoreAll(sun_, Sheet("10", "10", "13", "13", "9", "9"), kRound1);
  ScoreAll(zhou_, Sheet("9", "9", "12", "11", "7", "9"), kRound1);
  ASSERT_FALSE(HasFatalFailure());
  ASSERT_THAT(CloseScoring(kRound1), GrpcIs(Code::OK));
  const std::vector<std::string> round1 = {
      "1 张伟 91.00 RATING_EXCELLENT sheets=3 spread=0.0",
      "2 王芳 86.00 RATING_GOOD sheets=3 spread=0.0",
      "3 刘洋 84.00 RATING_GOOD sheets=3 spread=0.0",
      "4 李明 80.00 RATING_GOOD sheets=3 spread=0.0",
      "5 陈静 77.00 RATING_PASS sheets=3 spread=0.0",
      "6 杨帆 73.00 RATING_PASS sheets=3 spread=0.0",
      "7 赵磊 68.00 RATING_PASS sheets=3 spread=0.0 eliminated: in the bottom of the round",
      "8 孙丽 64.00 RATING_PASS sheets=3 spread=0.0 eliminated: in the bottom of the round",
      "9 周杰 57.00 RATING_FAIL sheets=3 spread=0.0 eliminated: rated fail",
  };
  EXPECT_THAT(Lines(Results(kRound1)), ElementsAreArray(round1));
  NoticeAndConfirm(kRound1);
  ASSERT_FALSE(HasFatalFailure());
  EXPECT_THAT(Lines(Results(kRound1)), ElementsAreArray(round1));

  // Round 2, the six still active:
  //   张伟 15 15 19 19 13 12 = 93.0   王芳 14 14 18 18 12 12 = 88.0
  //   李明 13 13 17 17 11 11 = 82.0   陈静 12 12 16 15 11 10 = 76.0
  //   杨帆 11 11 15 14 10 10 = 71.0   刘洋 absent with an excuse.
  // 5 assessed: ⌊5 × 35 / 100⌋ = ⌊1.75⌋ = 1 < k = 2, so 2, nobody out by
  // another rule: 杨帆 and 陈静. (35 % alone would take 杨帆 only.)
  OpenWith(kRound2, 3, 6);
  ASSERT_FALSE(HasFatalFailure());
  ScoreAll(zhang_, Sheet("15", "15", "19", "19", "13", "12"), kRound2);
  ScoreAll(wang_, Sheet("14", "14", "18", "18", "12", "12"), kRound2);
  ScoreAll(li_, Sheet("13", "13", "17", "17", "11", "11"), kRound2);
  ScoreAll(chen_, Sheet("12", "12", "16", "15", "11", "10"), kRound2);
  ScoreAll(yang_, Sheet("11", "11", "15", "14", "10", "10"), kRound2);
  ASSERT_FALSE(HasFatalFailure());
  ASSERT_THAT(MarkAbsent(liu_.name(), true, "产假", kRound2), GrpcIs(Code::OK));
  ASSERT_THAT(CloseScoring(kRound2), GrpcIs(Code::OK));
  v1::RoundResults results = Results(kRound2);
  EXPECT_THAT(Lines(results),
              ElementsAreArray({
                  "1 张伟 93.00 RATING_EXCELLENT sheets=3 spread=0.0",
                  "2 王芳 88.00 RATING_GOOD sheets=3 spread=0.0",
                  "3 李明 82.00 RATING_GOOD sheets=3 spread=0.0",
                  "4 陈静 76.00 RATING_PASS sheets=3 spread=0.0 eliminated: in the bottom of the "
                  "round",
                  "5 杨帆 71.00 RATING_PASS sheets=3 spread=0.0 eliminated: in the bottom of the "
                  "round",
                  "0 刘洋 - RATING_UNSPECIFIED sheets=0 spread=- absent excused",
              }));
  EXPECT_EQ(results.assessed(), 5);
}

// --- Two consecutive PASS -----------------------------------------------------------

TEST_F(RulesEliminationTest, PassInTwoConsecutiveRoundsEliminatesByThePreviousConfirmedRound) {
  BuildCohort(7);
  ASSERT_FALSE(HasFatalFailure());
  v1::AssessmentRules rules, set;
  rules.set_eliminate_two_pass(true);
  ASSERT_THAT(SetRules(rules, {"eliminate_two_pass"}, &set), GrpcIs(Code::OK));
  ASSERT_TRUE(set.eliminate_two_pass());
  OpenWith(kRound1, 3, 7);
  ASSERT_FALSE(HasFatalFailure());

  // Round 1:
  //   张伟 12 12 16 15 10  9   = 74.0, 12 12 16 15 10 10 = 75.0,
  //        12 12 16 15 11 10.5 = 76.5: 225.5 / 3 = 75.166… → 75.17 PASS
  //   王芳 11 11 15 14 10  9   = 70.0 PASS
  //   刘洋 13 13 18 17 12 12   = 85.0 GOOD
  //   李明 10 10 14 13 9.5 9.5 = 66.0 PASS
  //   杨帆 11 11 15 15 10 10   = 72.0 PASS
  //   赵磊 14 14 19 18 13 12   = 90.0 EXCELLENT
  //   陈静 absent with an excuse.
  // No round before it: four PASS, nobody eliminated.
  ScoreEach(zhang_,
            {Sheet("12", "12", "16", "15", "10", "9"), Sheet("12", "12", "16", "15", "10", "10"),
             Sheet("12", "12", "16", "15", "11", "10.5")},
            kRound1);
  ScoreAll(wang_, Sheet("11", "11", "15", "14", "10", "9"), kRound1);
  ScoreAll(liu_, Sheet("13", "13", "18", "17", "12", "12"), kRound1);
  ScoreAll(li_, Sheet("10", "10", "14", "13", "9.5", "9.5"), kRound1);
  ScoreAll(yang_, Sheet("11", "11", "15", "15", "10", "10"), kRound1);
  ScoreAll(zhao_, Sheet("14", "14", "19", "18", "13", "12"), kRound1);
  ASSERT_FALSE(HasFatalFailure());
  ASSERT_THAT(MarkAbsent(chen_.name(), true, "外出培训", kRound1), GrpcIs(Code::OK));
  ASSERT_THAT(CloseScoring(kRound1), GrpcIs(Code::OK));
  const std::vector<std::string> round1 = {
      "1 赵磊 90.00 RATING_EXCELLENT sheets=3 spread=0.0",
      "2 刘洋 85.00 RATING_GOOD sheets=3 spread=0.0",
      "3 张伟 75.17 RATING_PASS sheets=3 spread=2.5",
      "4 杨帆 72.00 RATING_PASS sheets=3 spread=0.0",
      "5 王芳 70.00 RATING_PASS sheets=3 spread=0.0",
      "6 李明 66.00 RATING_PASS sheets=3 spread=0.0",
      "0 陈静 - RATING_UNSPECIFIED sheets=0 spread=- absent excused",
  };
  EXPECT_THAT(Lines(Results(kRound1)), ElementsAreArray(round1));
  NoticeAndConfirm(kRound1);
  ASSERT_FALSE(HasFatalFailure());
  EXPECT_THAT(Lines(Results(kRound1)), ElementsAreArray(round1));

  // Round 2, against round 1's stored ratings:
  //   王芳 13 13 17 17 11 11   = 82.0 GOOD          (PASS before: kept)
  //   杨帆 13 13 17 17 9.5 8.5 = 78.0, ethics 8.50 < 9.00: FAIL by the veto
  //        (PASS before, but the rating compared is the one after the veto)
  //   张伟 11 11 15 15 10 10   = 72.0 PASS          (PASS before: eliminated)
  //   赵磊 11 11 14 14  9  9   = 68.0 PASS          (EXCELLENT before: kept)
  //   陈静 10 10 14 13  9  9   = 65.0 PASS          (absent before: no rating)
  //   刘洋 10 10 13 13  9  9   = 64.0 PASS          (GOOD before: kept)
  //   李明 absent with an excuse                    (PASS before: no rating now)
  OpenWith(kRound2, 3, 7);
  ASSERT_FALSE(HasFatalFailure());
  ScoreAll(wang_, Sheet("13", "13", "17", "17", "11", "11"), kRound2);
  ScoreAll(yang_, Sheet("13", "13", "17", "17", "9.5", "8.5"), kRound2);
  ScoreAll(zhang_, Sheet("11", "11", "15", "15", "10", "10"), kRound2);
  ScoreAll(zhao_, Sheet("11", "11", "14", "14", "9", "9"), kRound2);
  ScoreAll(chen_, Sheet("10", "10", "14", "13", "9", "9"), kRound2);
  ScoreAll(liu_, Sheet("10", "10", "13", "13", "9", "9"), kRound2);
  ASSERT_FALSE(HasFatalFailure());
  ASSERT_THAT(MarkAbsent(li_.name(), true, "病假", kRound2), GrpcIs(Code::OK));
  ASSERT_THAT(CloseScoring(kRound2), GrpcIs(Code::OK));
  const std::vector<std::string> round2 = {
      "1 王芳 82.00 RATING_GOOD sheets=3 spread=0.0",
      "2 杨帆 78.00 RATING_FAIL sheets=3 spread=0.0 veto eliminated: rated fail by the veto "
      "criterion",
      "3 张伟 72.00 RATING_PASS sheets=3 spread=0.0 eliminated: pass in two consecutive rounds",
      "4 赵磊 68.00 RATING_PASS sheets=3 spread=0.0",
      "5 陈静 65.00 RATING_PASS sheets=3 spread=0.0",
      "6 刘洋 64.00 RATING_PASS sheets=3 spread=0.0",
      "0 李明 - RATING_UNSPECIFIED sheets=0 spread=- absent excused",
  };
  EXPECT_THAT(Lines(Results(kRound2)), ElementsAreArray(round2));
  NoticeAndConfirm(kRound2);
  ASSERT_FALSE(HasFatalFailure());
  EXPECT_THAT(Lines(Results(kRound2)), ElementsAreArray(round2));
  EXPECT_EQ(StageOf(zhang_), "STAGE_ELIMINATED [年度考核: pass in two consecutive rounds]");
  EXPECT_EQ(StageOf(yang_), "STAGE_ELIMINATED [年度考核: rated fail by the veto criterion]");
  for (const v1::Enrolment* e : {&wang_, &liu_, &li_, &chen_, &zhao_}) {
    EXPECT_EQ(StageOf(*e), "STAGE_ACTIVE") << e->person().full_name();
  }
}

}  // namespace
}  // namespace talent
