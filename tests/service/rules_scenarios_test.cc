// Scoring and rating under a cohort's own rules and rubric (docs/rules.md
// §3–§6, §13), computed over two rounds through a real server and its
// database: the excellent cap with a tie across it, the median of an even
// number of sheets, a minimum of four sheets holding scoring open, and a
// seven-criterion rubric whose veto is not ethics. Every expected table is
// worked out by hand in the comments. With the default rubric a sheet is
// written as its six points in rubric order (theory 15, competence 15,
// system 20, talent 20, charity 15, ethics 15 — the veto, whose line is
// 60 % × 15.0 = 9.00). The fixture is RulesScenarioFixture.
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "talent/v1/assessment.grpc.pb.h"
#include "talent/v1/round.grpc.pb.h"
#include "tests/service/assessment_fixture.h"
#include "tests/service/round_flow_fixture.h"
#include "tests/service/rules_scenario_fixture.h"
#include "tests/testing/status_matchers.h"

namespace talent {
namespace {

using ::talent::testing::GrpcIs;
using ::talent::testing::kRound1;
using ::talent::testing::kRound2;
using ::talent::testing::Lines;
using ::talent::testing::MakeCriterion;
using ::talent::testing::Points;
using ::talent::testing::Sheet;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::Not;
using Code = grpc::StatusCode;

class RulesScenarioTest : public testing::RulesScenarioFixture {};

// --- The excellent cap --------------------------------------------------------------

TEST_F(RulesScenarioTest, ExcellentCapOfThirtyPercentKeepsATieAcrossItWhole) {
  BuildCohort(9);
  ASSERT_FALSE(HasFatalFailure());
  v1::AssessmentRules rules, set;
  rules.set_excellent_cap_percent(30);
  ASSERT_THAT(SetRules(rules, {"excellent_cap_percent"}, &set), GrpcIs(Code::OK));
  ASSERT_EQ(set.excellent_cap_percent(), 30);
  OpenWith(kRound1, 3, 9);
  ASSERT_FALSE(HasFatalFailure());

  // Round 1, every assessor giving the same sheet unless shown:
  //   张伟 15 15 20 19 14 13   = 96.0 EXCELLENT
  //   王芳 15 15 20 20 15 8.9  = 93.9, ethics 8.90 < 9.00: FAIL by the veto
  //   刘洋 and 李明 15 15 19 19 14 11.5 = 93.5 EXCELLENT (equal keys)
  //   陈静 14 14 19 19 14 11   = 91.0, … 12.5 = 92.5, … 12.6 = 92.6:
  //        276.1 / 3 = 92.033… → 92.03 EXCELLENT by score, spread 1.6
  //   杨帆 14 14 19 18 13 12   = 90.0 EXCELLENT by score
  //   赵磊 14 14 19 18 13 11.9 = 89.9 GOOD
  //   孙丽 12 12 16 15 10 10   = 75.0 PASS
  //   周杰  9  9 12 11  9 9.9  = 59.9 FAIL
  // Cap: ⌊9 assessed × 30 / 100⌋ = ⌊2.7⌋ = 2. EXCELLENT after the veto, by
  // rank: 张伟, then 刘洋 and 李明 (places 2–3: the tie starts within the cap
  // and ends beyond it, so both stay EXCELLENT, flagged), then 陈静 and 杨帆
  // (capped to GOOD). 王芳, ranked 2nd by score, takes no place: were she
  // counted, the tie would start beyond the cap and be capped.
  ScoreAll(zhang_, Sheet("15", "15", "20", "19", "14", "13"), kRound1);
  ScoreAll(wang_, Sheet("15", "15", "20", "20", "15", "8.9"), kRound1);
  ScoreAll(liu_, Sheet("15", "15", "19", "19", "14", "11.5"), kRound1);
  ScoreAll(li_, Sheet("15", "15", "19", "19", "14", "11.5"), kRound1);
  ScoreEach(chen_,
            {Sheet("14", "14", "19", "19", "14", "11"), Sheet("14", "14", "19", "19", "14", "12.5"),
             Sheet("14", "14", "19", "19", "14", "12.6")},
            kRound1);
  ScoreAll(yang_, Sheet("14", "14", "19", "18", "13", "12"), kRound1);
  ScoreAll(zhao_, Sheet("14", "14", "19", "18", "13", "11.9"), kRound1);
  ScoreAll(sun_, Sheet("12", "12", "16", "15", "10", "10"), kRound1);
  ScoreAll(zhou_, Sheet("9", "9", "12", "11", "9", "9.9"), kRound1);
  ASSERT_FALSE(HasFatalFailure());
  ASSERT_THAT(CloseScoring(kRound1), GrpcIs(Code::OK));
  const std::vector<std::string> round1 = {
      "1 张伟 96.00 RATING_EXCELLENT sheets=3 spread=0.0",
      "2 王芳 93.90 RATING_FAIL sheets=3 spread=0.0 veto eliminated: rated fail by the veto "
      "criterion",
      "3 刘洋 93.50 RATING_EXCELLENT sheets=3 spread=0.0 tie_over_cap",
      "3 李明 93.50 RATING_EXCELLENT sheets=3 spread=0.0 tie_over_cap",
      "5 陈静 92.03 RATING_GOOD sheets=3 spread=1.6 capped",
      "6 杨帆 90.00 RATING_GOOD sheets=3 spread=0.0 capped",
      "7 赵磊 89.90 RATING_GOOD sheets=3 spread=0.0",
      "8 孙丽 75.00 RATING_PASS sheets=3 spread=0.0",
      "9 周杰 59.90 RATING_FAIL sheets=3 spread=0.0 eliminated: rated fail",
  };
  v1::RoundResults results = Results(kRound1);
  EXPECT_THAT(Lines(results), ElementsAreArray(round1));
  EXPECT_EQ(results.assessed(), 9);
  EXPECT_EQ(results.excellent_cap(), 2);
  EXPECT_TRUE(results.cap_exceeded_by_tie());
  NoticeAndConfirm(kRound1);
  ASSERT_FALSE(HasFatalFailure());
  results = Results(kRound1);
  EXPECT_THAT(Lines(results), ElementsAreArray(round1));
  EXPECT_EQ(results.excellent_cap(), 2);
  EXPECT_TRUE(results.cap_exceeded_by_tie());

  // Round 2, the seven still active:
  //   刘洋 and 李明 15 15 20 19 14 12 = 95.0 (equal keys)
  //   张伟 15 15 19 19 14 12 = 94.0   陈静 14 14 19 19 14 11 = 91.0
  //   杨帆 14 14 18 18 13 11 = 88.0   赵磊 13 13 17 17 10 10 = 80.0
  //   孙丽 11 11 15 14 10  9 = 70.0
  // Cap: ⌊7 × 30 / 100⌋ = ⌊2.1⌋ = 2. The tie fills places 1–2 and ends at
  // the cap: within it, no flag. 张伟 and 陈静 are capped.
  OpenWith(kRound2, 3, 7);
  ASSERT_FALSE(HasFatalFailure());
  ScoreAll(liu_, Sheet("15", "15", "20", "19", "14", "12"), kRound2);
  ScoreAll(li_, Sheet("15", "15", "20", "19", "14", "12"), kRound2);
  ScoreAll(zhang_, Sheet("15", "15", "19", "19", "14", "12"), kRound2);
  ScoreAll(chen_, Sheet("14", "14", "19", "19", "14", "11"), kRound2);
  ScoreAll(yang_, Sheet("14", "14", "18", "18", "13", "11"), kRound2);
  ScoreAll(zhao_, Sheet("13", "13", "17", "17", "10", "10"), kRound2);
  ScoreAll(sun_, Sheet("11", "11", "15", "14", "10", "9"), kRound2);
  ASSERT_FALSE(HasFatalFailure());
  ASSERT_THAT(CloseScoring(kRound2), GrpcIs(Code::OK));
  results = Results(kRound2);
  EXPECT_THAT(Lines(results), ElementsAre("1 刘洋 95.00 RATING_EXCELLENT sheets=3 spread=0.0",
                                          "1 李明 95.00 RATING_EXCELLENT sheets=3 spread=0.0",
                                          "3 张伟 94.00 RATING_GOOD sheets=3 spread=0.0 capped",
                                          "4 陈静 91.00 RATING_GOOD sheets=3 spread=0.0 capped",
                                          "5 杨帆 88.00 RATING_GOOD sheets=3 spread=0.0",
                                          "6 赵磊 80.00 RATING_GOOD sheets=3 spread=0.0",
                                          "7 孙丽 70.00 RATING_PASS sheets=3 spread=0.0"));
  EXPECT_EQ(results.assessed(), 7);
  EXPECT_EQ(results.excellent_cap(), 2);
  EXPECT_FALSE(results.cap_exceeded_by_tie());
}

// --- The median -------------------------------------------------------------------

TEST_F(RulesScenarioTest, MedianOfAnEvenCountIsTheMeanOfTheMiddleTwo) {
  BuildCohort(4);
  ASSERT_FALSE(HasFatalFailure());
  v1::AssessmentRules rules, set;
  rules.set_aggregation(v1::AGGREGATION_MEDIAN);
  ASSERT_THAT(SetRules(rules, {"aggregation"}, &set), GrpcIs(Code::OK));
  ASSERT_EQ(set.aggregation(), v1::AGGREGATION_MEDIAN);
  OpenWith(kRound1, 4, 4);
  ASSERT_FALSE(HasFatalFailure());

  // Round 1; a median of tenths is exact in hundredths (half of a sum of
  // tenths), so no rounding is ever needed. Totals sorted:
  //   张伟 50.0, 80.0, 80.3, 90.0 → (80.0 + 80.3) / 2 = 80.15 GOOD, spread
  //        40.0 > 20.0: disagreement (the mean, 300.3 / 4 → 75.08, is PASS)
  //   王芳 70.0, 88.0, 91.0 (expert4 none) → 88.00 GOOD, spread 21.0
  //   刘洋 58.0, 59.0, 59.5, 96.0 → (59.0 + 59.5) / 2 = 59.25 FAIL (the mean,
  //        272.5 / 4 → 68.13, passes); ethics 9, 9, 9, 13 → 9.00, not below
  //   李明 90.0, 90.1, 92.4, 93.0 → (90.1 + 92.4) / 2 = 91.25 EXCELLENT
  // 张伟's criteria, each its own median: theory 8 12 12 14 → 12.00,
  // competence 8 12 12 13 → 12.00, system 10 16 16 18 → 16.00, talent
  // 10 16 16.3 18 → 16.15, charity 7 12 12 14 → 12.00, ethics 7 12 12 13 → 12.00.
  ScoreEach(
      zhang_,
      {Sheet("8", "8", "10", "10", "7", "7"), Sheet("12", "12", "16", "16", "12", "12"),
       Sheet("12", "12", "16", "16.3", "12", "12"), Sheet("14", "13", "18", "18", "14", "13")},
      kRound1);
  ScoreEach(wang_,
            {Sheet("11", "11", "14", "14", "10", "10"), Sheet("13", "13", "18", "18", "13", "13"),
             Sheet("14", "14", "18", "18", "14", "13")},
            kRound1);
  ScoreEach(liu_,
            {Sheet("9", "9", "12", "11", "8", "9"), Sheet("9", "9", "12", "12", "8", "9"),
             Sheet("9", "9", "12", "12", "8.5", "9"), Sheet("15", "15", "20", "19", "14", "13")},
            kRound1);
  ScoreEach(
      li_,
      {Sheet("14", "14", "19", "18", "13", "12"), Sheet("14", "14", "19", "18", "13", "12.1"),
       Sheet("14", "14", "19", "19", "14", "12.4"), Sheet("14", "14", "19", "19", "14", "13")},
      kRound1);
  ASSERT_FALSE(HasFatalFailure());
  ASSERT_THAT(CloseScoring(kRound1), GrpcIs(Code::OK));
  const std::vector<std::string> round1 = {
      "1 李明 91.25 RATING_EXCELLENT sheets=4 spread=3.0",
      "2 王芳 88.00 RATING_GOOD sheets=3 spread=21.0 disagreement",
      "3 张伟 80.15 RATING_GOOD sheets=4 spread=40.0 disagreement",
      "4 刘洋 59.25 RATING_FAIL sheets=4 spread=38.0 disagreement eliminated: rated fail",
  };
  v1::RoundResults results = Results(kRound1);
  EXPECT_THAT(Lines(results), ElementsAreArray(round1));
  ASSERT_EQ(results.results_size(), 4);
  EXPECT_THAT(results.results(2).criteria(),
              ElementsAre("12.00", "12.00", "16.00", "16.15", "12.00", "12.00"));
  NoticeAndConfirm(kRound1);
  ASSERT_FALSE(HasFatalFailure());
  results = Results(kRound1);
  EXPECT_THAT(Lines(results), ElementsAreArray(round1));
  ASSERT_EQ(results.results_size(), 4);
  EXPECT_THAT(results.results(2).criteria(),
              ElementsAre("12.00", "12.00", "16.00", "16.15", "12.00", "12.00"));

  // Round 2, the three still active:
  //   张伟 81.0, 82.0, 84.0, 88.0 → (82.0 + 84.0) / 2 = 83.00 GOOD, spread 7.0
  //   王芳 70.1, 79.8, 80.3, 85.0 → (79.8 + 80.3) / 2 = 80.05 GOOD, spread
  //        14.9 (the mean, 315.2 / 4 = 78.80, is PASS); ethics 10.1 11.8 12
  //        12 → (11.8 + 12.0) / 2 = 11.90
  //   李明 89.9, 90.0, 99.0 (expert2 none) → 90.00 EXCELLENT, spread 9.1
  OpenWith(kRound2, 4, 3);
  ASSERT_FALSE(HasFatalFailure());
  ScoreEach(zhang_,
            {Sheet("13", "13", "17", "16", "11", "11"), Sheet("13", "13", "17", "17", "11", "11"),
             Sheet("13", "13", "17", "17", "12", "12"), Sheet("14", "14", "18", "18", "12", "12")},
            kRound2);
  ScoreEach(
      wang_,
      {Sheet("11", "11", "14", "14", "10", "10.1"), Sheet("12", "12", "16", "16", "12", "11.8"),
       Sheet("12", "12", "16", "16.3", "12", "12"), Sheet("13", "13", "17", "17", "13", "12")},
      kRound2);
  ScoreEach(li_,
            {Sheet("14", "14", "19", "18", "13", "11.9"),
             {},
             Sheet("14", "14", "19", "18", "13", "12"),
             Sheet("15", "15", "20", "20", "15", "14")},
            kRound2);
  ASSERT_FALSE(HasFatalFailure());
  ASSERT_THAT(CloseScoring(kRound2), GrpcIs(Code::OK));
  results = Results(kRound2);
  EXPECT_THAT(Lines(results), ElementsAre("1 李明 90.00 RATING_EXCELLENT sheets=3 spread=9.1",
                                          "2 张伟 83.00 RATING_GOOD sheets=4 spread=7.0",
                                          "3 王芳 80.05 RATING_GOOD sheets=4 spread=14.9"));
  ASSERT_EQ(results.results_size(), 3);
  EXPECT_THAT(results.results(2).criteria(),
              ElementsAre("12.00", "12.00", "16.00", "16.15", "12.00", "11.90"));
}

// --- A minimum of four sheets -------------------------------------------------------

// CloseScoring's refusal lists enrolment `id` among those short of sheets,
// as "<id> (<submitted>)" after ": " or ", ".
::testing::Matcher<const std::string&> ListsShort(int64_t id, const std::string& submitted = "") {
  return ::testing::ContainsRegex(
      absl::StrCat("[:,] ", id, " \\(", submitted.empty() ? "[0-9]+" : submitted, "\\)"));
}

TEST_F(RulesScenarioTest, FourSheetsNeededHoldScoringOpenUntilAFourthSheetOrAnAbsence) {
  BuildCohort(3);
  ASSERT_FALSE(HasFatalFailure());
  v1::AssessmentRules rules, set;
  rules.set_min_sheets(4);
  ASSERT_THAT(SetRules(rules, {"min_sheets"}, &set), GrpcIs(Code::OK));
  ASSERT_EQ(set.min_sheets(), 4);
  OpenWith(kRound1, 4, 3);
  ASSERT_FALSE(HasFatalFailure());

  // Round 1 (the trimmed mean of four sheets is their mean):
  //   张伟 85.0, 86.0, 87.0, 90.1 → 348.1 / 4 = 87.025 → 87.03 (half away
  //        from zero) GOOD, spread 5.1
  //   王芳 70.1, 72.0, 74.0 submitted, expert4's 76.0 a draft: short of 4
  //   刘洋 80.0 from expert1–3 only: short of 4
  const Points wang4 = Sheet("12", "12", "16", "16", "10", "10");
  ScoreEach(
      zhang_,
      {Sheet("14", "14", "18", "17", "11", "11"), Sheet("14", "14", "18", "17", "12", "11"),
       Sheet("14", "14", "18", "17", "12", "12"), Sheet("15", "15", "18", "18", "12", "12.1")},
      kRound1);
  ScoreEach(wang_,
            {Sheet("11", "11", "15", "14", "10", "9.1"), Sheet("11", "11", "15", "15", "10", "10"),
             Sheet("12", "12", "15", "15", "10", "10")},
            kRound1);
  ASSERT_THAT(SetScores(Expert(4), wang_.name(), wang4, kRound1), GrpcIs(Code::OK));
  ScoreAll(liu_, Sheet("13", "13", "17", "17", "10", "10"), kRound1);
  ASSERT_FALSE(HasFatalFailure());
  EXPECT_THAT(CloseScoring(kRound1),
              GrpcIs(Code::FAILED_PRECONDITION,
                     AllOf(HasSubstr("fewer than 4"), ListsShort(wang_.id(), "3"),
                           ListsShort(liu_.id(), "3"), Not(ListsShort(zhang_.id())))));
  EXPECT_EQ(RoundState(kRound1), v1::ROUND_STATE_OPEN);
  // 王芳's fourth sheet: only 刘洋 is short now.
  ASSERT_THAT(Submit(Expert(4), wang_.name(), kRound1), GrpcIs(Code::OK));
  EXPECT_THAT(CloseScoring(kRound1),
              GrpcIs(Code::FAILED_PRECONDITION,
                     AllOf(ListsShort(liu_.id(), "3"), Not(ListsShort(wang_.id())),
                           Not(ListsShort(zhang_.id())))));
  EXPECT_EQ(RoundState(kRound1), v1::ROUND_STATE_OPEN);
  // 刘洋 absent with an excuse: his three sheets do not count.
  ASSERT_THAT(MarkAbsent(liu_.name(), true, "借调省厅", kRound1), GrpcIs(Code::OK));
  ASSERT_THAT(CloseScoring(kRound1), GrpcIs(Code::OK));
  //   王芳 70.1, 72.0, 74.0, 76.0 → 292.1 / 4 = 73.025 → 73.03 PASS, spread 5.9;
  //        ethics 9.1 10 10 10 → 39.1 / 4 = 9.775 → 9.78, not below 9.00
  const std::vector<std::string> round1 = {
      "1 张伟 87.03 RATING_GOOD sheets=4 spread=5.1",
      "2 王芳 73.03 RATING_PASS sheets=4 spread=5.9",
      "0 刘洋 - RATING_UNSPECIFIED sheets=0 spread=- absent excused",
  };
  v1::RoundResults results = Results(kRound1);
  EXPECT_THAT(Lines(results), ElementsAreArray(round1));
  EXPECT_EQ(results.assessed(), 2);
  NoticeAndConfirm(kRound1);
  ASSERT_FALSE(HasFatalFailure());
  EXPECT_THAT(Lines(Results(kRound1)), ElementsAreArray(round1));

  // Round 2, all three active:
  //   张伟 14 14 19 18 13 12 = 90.0 from all four → 90.00 EXCELLENT
  //   刘洋 78.0, 80.0, 82.0, 84.0 → 324.0 / 4 = 81.00 GOOD, spread 6.0
  //   王芳 75.0 from expert1–3 only: short of 4 until marked absent, without
  //        an excuse this time, so eliminated
  OpenWith(kRound2, 4, 3);
  ASSERT_FALSE(HasFatalFailure());
  ScoreAll(zhang_, Sheet("14", "14", "19", "18", "13", "12"), kRound2, 4);
  ScoreEach(liu_,
            {Sheet("12", "12", "17", "17", "10", "10"), Sheet("13", "13", "17", "17", "10", "10"),
             Sheet("13", "13", "17", "17", "11", "11"), Sheet("14", "14", "17", "17", "11", "11")},
            kRound2);
  ScoreAll(wang_, Sheet("12", "12", "16", "15", "10", "10"), kRound2);
  ASSERT_FALSE(HasFatalFailure());
  EXPECT_THAT(CloseScoring(kRound2),
              GrpcIs(Code::FAILED_PRECONDITION,
                     AllOf(HasSubstr("fewer than 4"), ListsShort(wang_.id(), "3"),
                           Not(ListsShort(zhang_.id())), Not(ListsShort(liu_.id())))));
  EXPECT_EQ(RoundState(kRound2), v1::ROUND_STATE_OPEN);
  ASSERT_THAT(MarkAbsent(wang_.name(), false, "未参加年度考核", kRound2), GrpcIs(Code::OK));
  ASSERT_THAT(CloseScoring(kRound2), GrpcIs(Code::OK));
  const std::vector<std::string> round2 = {
      "1 张伟 90.00 RATING_EXCELLENT sheets=4 spread=0.0",
      "2 刘洋 81.00 RATING_GOOD sheets=4 spread=6.0",
      "0 王芳 - RATING_UNSPECIFIED sheets=0 spread=- absent eliminated: absent without an "
      "accepted excuse",
  };
  EXPECT_THAT(Lines(Results(kRound2)), ElementsAreArray(round2));
  NoticeAndConfirm(kRound2);
  ASSERT_FALSE(HasFatalFailure());
  EXPECT_THAT(Lines(Results(kRound2)), ElementsAreArray(round2));
  EXPECT_EQ(StageOf(wang_), "STAGE_ELIMINATED [年度考核: absent without an accepted excuse]");
}

// --- A rubric of seven criteria -----------------------------------------------------

// Seven criteria summing to 100.0; the veto is safeguarding (line 60 % ×
// 12.5 = 7.50), and ethics, worth 20.0 here, is no veto.
v1::Rubric SevenCriteria() {
  v1::Rubric r;
  *r.add_criteria() = MakeCriterion("theory", "理论学习", "Theory", "5.0");
  *r.add_criteria() = MakeCriterion("casework", "个案工作", "Casework", "10.0");
  *r.add_criteria() =
      MakeCriterion("safeguarding", "安全保护", "Safeguarding", "12.5", /*veto=*/true);
  *r.add_criteria() = MakeCriterion("groupwork", "小组工作", "Group work", "15.0");
  *r.add_criteria() = MakeCriterion("community", "社区工作", "Community work", "17.5");
  *r.add_criteria() = MakeCriterion("research", "调查研究", "Research", "20.0");
  *r.add_criteria() = MakeCriterion("ethics", "职业伦理", "Professional ethics", "20.0");
  return r;
}

// A full sheet of SevenCriteria, in its order.
Points Sheet7(const char* theory, const char* casework, const char* safeguarding,
              const char* groupwork, const char* community, const char* research,
              const char* ethics) {
  return {{"theory", theory},       {"casework", casework},   {"safeguarding", safeguarding},
          {"groupwork", groupwork}, {"community", community}, {"research", research},
          {"ethics", ethics}};
}

TEST_F(RulesScenarioTest, SevenCriterionRubricVetoesOnItsOwnVetoCriterion) {
  BuildCohort(5, SevenCriteria());
  ASSERT_FALSE(HasFatalFailure());
  OpenWith(kRound1, 3, 5);
  ASSERT_FALSE(HasFatalFailure());

  // Sheets are held to this rubric: its maxima, its codes, all seven.
  EXPECT_THAT(SetScores(Expert(1), zhang_.name(), {{"theory", "5.1"}}, kRound1),
              GrpcIs(Code::INVALID_ARGUMENT, AllOf(HasSubstr("theory"), HasSubstr("5.0"))));
  EXPECT_THAT(SetScores(Expert(1), zhang_.name(), {{"safeguarding", "12.6"}}, kRound1),
              GrpcIs(Code::INVALID_ARGUMENT, AllOf(HasSubstr("safeguarding"), HasSubstr("12.5"))));
  EXPECT_THAT(SetScores(Expert(1), zhang_.name(), {{"charity", "10"}}, kRound1),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("charity")));
  ASSERT_THAT(SetScores(Expert(1), zhang_.name(), {{"ethics", "20"}}, kRound1), GrpcIs(Code::OK));
  EXPECT_THAT(
      Submit(Expert(1), zhang_.name(), kRound1),
      GrpcIs(Code::FAILED_PRECONDITION,
             AllOf(HasSubstr("safeguarding"), HasSubstr("community"), Not(HasSubstr("ethics")))));

  // Round 1 (theory, casework, safeguarding, groupwork, community, research,
  // ethics):
  //   陈静 5 9.5 12 14.5 17 19 19 = 96.0 EXCELLENT
  //   张伟 5 10 7.4 15 17.5 19 19 = 92.9, then 7.5 → 93.0 twice:
  //        278.9 / 3 = 92.966… → 92.97; safeguarding 22.4 / 3 = 7.466… →
  //        7.47 < 7.50: FAIL by the veto, keeping rank 2
  //   刘洋 5 10 12.5 15 17.5 20 8 = 88.0 GOOD: ethics 8.0 of 20.0 (40 %) vetoes nothing
  //   王芳 4.5 9 7 14 16 18 18 = 86.5, then safeguarding 7.5 → 87.0, 8 → 87.5:
  //        261.0 / 3 = 87.00 GOOD; safeguarding 22.5 / 3 = 7.50, not below
  //   李明 3 6 9 10 12 14 14 = 68.0 PASS
  ScoreEach(zhang_,
            {Sheet7("5", "10", "7.4", "15", "17.5", "19", "19"),
             Sheet7("5", "10", "7.5", "15", "17.5", "19", "19"),
             Sheet7("5", "10", "7.5", "15", "17.5", "19", "19")},
            kRound1);
  ScoreEach(wang_,
            {Sheet7("4.5", "9", "7", "14", "16", "18", "18"),
             Sheet7("4.5", "9", "7.5", "14", "16", "18", "18"),
             Sheet7("4.5", "9", "8", "14", "16", "18", "18")},
            kRound1);
  ScoreAll(liu_, Sheet7("5", "10", "12.5", "15", "17.5", "20", "8"), kRound1);
  ScoreAll(li_, Sheet7("3", "6", "9", "10", "12", "14", "14"), kRound1);
  ScoreAll(chen_, Sheet7("5", "9.5", "12", "14.5", "17", "19", "19"), kRound1);
  ASSERT_FALSE(HasFatalFailure());
  ASSERT_THAT(CloseScoring(kRound1), GrpcIs(Code::OK));
  const std::vector<std::string> round1 = {
      "1 陈静 96.00 RATING_EXCELLENT sheets=3 spread=0.0",
      "2 张伟 92.97 RATING_FAIL sheets=3 spread=0.1 veto eliminated: rated fail by the veto "
      "criterion",
      "3 刘洋 88.00 RATING_GOOD sheets=3 spread=0.0",
      "4 王芳 87.00 RATING_GOOD sheets=3 spread=1.0",
      "5 李明 68.00 RATING_PASS sheets=3 spread=0.0",
  };
  auto check_round1 = [&](const v1::RoundResults& results) {
    EXPECT_THAT(Lines(results), ElementsAreArray(round1));
    EXPECT_THAT(results.criteria(), ElementsAre("theory", "casework", "safeguarding", "groupwork",
                                                "community", "research", "ethics"));
    ASSERT_EQ(results.results_size(), 5);
    EXPECT_THAT(results.results(1).criteria(),
                ElementsAre("5.00", "10.00", "7.47", "15.00", "17.50", "19.00", "19.00"));
    EXPECT_THAT(results.results(2).criteria(),
                ElementsAre("5.00", "10.00", "12.50", "15.00", "17.50", "20.00", "8.00"));
    EXPECT_THAT(results.results(3).criteria(),
                ElementsAre("4.50", "9.00", "7.50", "14.00", "16.00", "18.00", "18.00"));
  };
  check_round1(Results(kRound1));
  NoticeAndConfirm(kRound1);
  ASSERT_FALSE(HasFatalFailure());
  check_round1(Results(kRound1));
  EXPECT_EQ(StageOf(zhang_), "STAGE_ELIMINATED [中期考核: rated fail by the veto criterion]");

  // Round 2, the four still active:
  //   刘洋 5 10 7 15 17.5 20 20 = 94.5; safeguarding 7.00 < 7.50: FAIL by
  //        the veto, rank 1 by score
  //   陈静 5 10 12.5 14 16 18 18 = 93.5 EXCELLENT
  //   王芳 5 9 10 14 16 18 18    = 90.0 EXCELLENT
  //   李明 3 6 8 9 10 12 11.9    = 59.9 FAIL by the band (safeguarding 8 ≥ 7.5)
  OpenWith(kRound2, 3, 4);
  ASSERT_FALSE(HasFatalFailure());
  ScoreAll(liu_, Sheet7("5", "10", "7", "15", "17.5", "20", "20"), kRound2);
  ScoreAll(chen_, Sheet7("5", "10", "12.5", "14", "16", "18", "18"), kRound2);
  ScoreAll(wang_, Sheet7("5", "9", "10", "14", "16", "18", "18"), kRound2);
  ScoreAll(li_, Sheet7("3", "6", "8", "9", "10", "12", "11.9"), kRound2);
  ASSERT_FALSE(HasFatalFailure());
  ASSERT_THAT(CloseScoring(kRound2), GrpcIs(Code::OK));
  const std::vector<std::string> round2 = {
      "1 刘洋 94.50 RATING_FAIL sheets=3 spread=0.0 veto eliminated: rated fail by the veto "
      "criterion",
      "2 陈静 93.50 RATING_EXCELLENT sheets=3 spread=0.0",
      "3 王芳 90.00 RATING_EXCELLENT sheets=3 spread=0.0",
      "4 李明 59.90 RATING_FAIL sheets=3 spread=0.0 eliminated: rated fail",
  };
  EXPECT_THAT(Lines(Results(kRound2)), ElementsAreArray(round2));
  NoticeAndConfirm(kRound2);
  ASSERT_FALSE(HasFatalFailure());
  EXPECT_THAT(Lines(Results(kRound2)), ElementsAreArray(round2));
  EXPECT_EQ(StageOf(liu_), "STAGE_ELIMINATED [年度考核: rated fail by the veto criterion]");
  EXPECT_EQ(StageOf(li_), "STAGE_ELIMINATED [年度考核: rated fail]");
}

}  // namespace
}  // namespace talent
