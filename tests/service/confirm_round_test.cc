// talent.v1.RoundService over a real server, from the public notice to the
// final word (docs/lifecycles.md §3, docs/rules.md §7–§10): publishing the
// notice and waiting for its end, confirmation storing the results as
// computed, eliminations taking effect, and the final round making the
// excellent eligible for a certificate and closing the cohort. The scenario
// is RoundFlowFixture's: six active candidates, three assessors, round 1
// OPEN and round 2 final and DRAFT.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "talent/v1/round.grpc.pb.h"
#include "talent/v1/sheet.grpc.pb.h"
#include "tests/service/round_flow_fixture.h"
#include "tests/testing/status_matchers.h"

namespace talent {
namespace {

using ::talent::testing::GrpcIs;
using ::talent::testing::kNoticeEnd;
using ::talent::testing::kNoticeEndText;
using ::talent::testing::kPublishText;
using ::talent::testing::kPublishTime;
using ::talent::testing::kRound1;
using ::talent::testing::kRound1Lines;
using ::talent::testing::kRound2;
using ::talent::testing::Lines;
using ::talent::testing::Sheet;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using Code = grpc::StatusCode;

class ConfirmRoundTest : public testing::RoundFlowFixture {};

// --- Public notice ----------------------------------------------------------------

TEST_F(ConfirmRoundTest, PublishNoticeStartsAFiveDayNoticeAndConfirmWaitsForItsEnd) {
  ScoreRound1();
  ASSERT_FALSE(HasFatalFailure());
  // Not before scoring is closed; no confirmation without a notice.
  EXPECT_THAT(PublishNotice(), GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_THAT(ConfirmRound(), GrpcIs(Code::FAILED_PRECONDITION));
  ASSERT_THAT(MarkAbsent(zhao_.name(), false, "未参加"), GrpcIs(Code::OK));
  ASSERT_THAT(MarkAbsent(sun_.name(), true, "病假"), GrpcIs(Code::OK));
  ASSERT_THAT(CloseScoring(), GrpcIs(Code::OK));
  EXPECT_THAT(ConfirmRound(), GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_EQ(RoundState(kRound1), v1::ROUND_STATE_SCORED);

  clock_.Set(kPublishTime);
  v1::Round round;
  ASSERT_THAT(PublishNotice(kRound1, &round), GrpcIs(Code::OK));
  EXPECT_EQ(round.name(), kRound1);
  EXPECT_EQ(round.state(), v1::ROUND_STATE_NOTICE);
  EXPECT_EQ(round.notice_start(), kPublishText);
  EXPECT_EQ(round.notice_end(), kNoticeEndText);
  v1::Round read;
  ASSERT_THAT(GetRound(kRound1, &read), GrpcIs(Code::OK));
  EXPECT_EQ(read.SerializeAsString(), round.SerializeAsString());
  EXPECT_THAT(PublishNotice(), GrpcIs(Code::FAILED_PRECONDITION));
  // Still provisional during the notice.
  EXPECT_TRUE(Results().provisional());

  // Before the end: refused, saying until when.
  EXPECT_THAT(ConfirmRound(), GrpcIs(Code::FAILED_PRECONDITION, HasSubstr(kNoticeEndText)));
  clock_.Set(kNoticeEnd - 1);
  EXPECT_THAT(ConfirmRound(), GrpcIs(Code::FAILED_PRECONDITION, HasSubstr(kNoticeEndText)));
  EXPECT_EQ(RoundState(kRound1), v1::ROUND_STATE_NOTICE);
  EXPECT_EQ(StageOf(li_), "STAGE_ACTIVE");
  // At the end it is over.
  clock_.Set(kNoticeEnd);
  v1::Round confirmed;
  ASSERT_THAT(ConfirmRound(kRound1, &confirmed), GrpcIs(Code::OK));
  EXPECT_EQ(confirmed.state(), v1::ROUND_STATE_CONFIRMED);
  EXPECT_EQ(confirmed.notice_start(), kPublishText);
  EXPECT_EQ(confirmed.notice_end(), kNoticeEndText);
}

// --- Confirmation -----------------------------------------------------------------

TEST_F(ConfirmRoundTest, ConfirmStoresTheProvisionalResultsAndEliminates) {
  NoticeRound1();
  ASSERT_FALSE(HasFatalFailure());
  v1::RoundResults provisional = Results();
  ASSERT_TRUE(provisional.provisional());
  clock_.Set(kNoticeEnd + 6 * 86400);
  v1::Round round;
  ASSERT_THAT(ConfirmRound(kRound1, &round), GrpcIs(Code::OK));
  EXPECT_EQ(round.state(), v1::ROUND_STATE_CONFIRMED);
  EXPECT_EQ(RoundState(kRound1), v1::ROUND_STATE_CONFIRMED);

  v1::RoundResults confirmed = Results();
  EXPECT_FALSE(confirmed.provisional());
  EXPECT_THAT(Lines(confirmed), ::testing::ElementsAreArray(kRound1Lines));
  v1::RoundResults expected = provisional;
  expected.set_provisional(false);
  EXPECT_EQ(confirmed.SerializeAsString(), expected.SerializeAsString())
      << confirmed.DebugString();

  // Eliminations take effect, each with the round and the reason.
  EXPECT_EQ(StageOf(zhang_), "STAGE_ACTIVE");
  EXPECT_EQ(StageOf(wang_), "STAGE_ACTIVE");
  EXPECT_EQ(StageOf(li_), "STAGE_ELIMINATED [中期考核: rated fail by the veto criterion]");
  EXPECT_EQ(StageOf(chen_), "STAGE_ELIMINATED [中期考核: rated fail]");
  EXPECT_EQ(StageOf(zhao_), "STAGE_ELIMINATED [中期考核: absent without an accepted excuse]");
  EXPECT_EQ(StageOf(sun_), "STAGE_ACTIVE");  // excused
  EXPECT_EQ(v1::Stage_Name(GetEnrolment(zhou_).stage()), "STAGE_NOT_SELECTED");
  // Not the final round: the cohort goes on.
  EXPECT_EQ(CohortState(), v1::COHORT_STATE_CULTIVATING);

  // Once only; and nothing can be appealed any more.
  EXPECT_THAT(ConfirmRound(), GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_THAT(FileAppeal(wang_.name(), "确认后申诉"), GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_THAT(AppealList(), IsEmpty());
}

TEST_F(ConfirmRoundTest, FinalRoundMakesTheExcellentEligibleAndClosesTheCohort) {
  NoticeRound1();
  ASSERT_FALSE(HasFatalFailure());
  // One round at a time: the final round waits for round 1's confirmation.
  EXPECT_THAT(OpenRound(kRound2), GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("中期考核")));
  EXPECT_EQ(RoundState(kRound2), v1::ROUND_STATE_DRAFT);
  clock_.Set(kNoticeEnd);
  ASSERT_THAT(ConfirmRound(), GrpcIs(Code::OK));

  // The eliminated are never assigned again: 3 active × 3 assessors.
  v1::AssignAssessorsResponse assigned;
  ASSERT_THAT(AssignWholeCohort(kRound2, &assigned), GrpcIs(Code::OK));
  EXPECT_EQ(assigned.assigned(), 9);
  v1::AssignAssessorsRequest named;
  named.set_round(kRound2);
  named.add_assessors("users/expert1");
  named.add_enrolments(li_.name());
  EXPECT_THAT(rounds_->AssignAssessors(AsAdmin().get(), named, &assigned),
              GrpcIs(Code::FAILED_PRECONDITION));
  v1::Round opened;
  ASSERT_THAT(OpenRound(kRound2, &opened), GrpcIs(Code::OK));
  ASSERT_EQ(opened.state(), v1::ROUND_STATE_OPEN);
  EXPECT_THAT(SetScores(assessor_token_, li_.name(), {{"theory", "15"}}, kRound2),
              GrpcIs(Code::PERMISSION_DENIED));

  // 张伟 exactly 90.0 (EXCELLENT), 王芳 85.0 (GOOD), 孙丽 absent with an
  // excuse this time too.
  for (const std::string* token : {&assessor_token_, &expert2_token_, &expert3_token_}) {
    Score(*token, zhang_, Sheet("14", "13", "18", "18", "14", "13"), kRound2);
    Score(*token, wang_, Sheet("13", "13", "17", "17", "13", "12"), kRound2);
    ASSERT_FALSE(HasFatalFailure());
  }
  ASSERT_THAT(MarkAbsent(sun_.name(), true, "产假", kRound2), GrpcIs(Code::OK));
  ASSERT_THAT(CloseScoring(kRound2), GrpcIs(Code::OK));
  clock_.Set(kNoticeEnd + 86400);
  v1::Round notice;
  ASSERT_THAT(PublishNotice(kRound2, &notice), GrpcIs(Code::OK));
  EXPECT_EQ(notice.notice_start(), "2023-06-07T01:00:00Z");
  EXPECT_EQ(notice.notice_end(), "2023-06-12T01:00:00Z");
  clock_.Set(kNoticeEnd + 6 * 86400);
  v1::Round round;
  ASSERT_THAT(ConfirmRound(kRound2, &round), GrpcIs(Code::OK));
  EXPECT_EQ(round.state(), v1::ROUND_STATE_CONFIRMED);
  EXPECT_TRUE(round.final());

  v1::RoundResults results = Results(kRound2);
  EXPECT_FALSE(results.provisional());
  EXPECT_THAT(Lines(results), ElementsAre("1 张伟 90.00 RATING_EXCELLENT sheets=3 spread=0.0",
                                          "2 王芳 85.00 RATING_GOOD sheets=3 spread=0.0",
                                          "0 孙丽 - RATING_UNSPECIFIED sheets=0 spread=- absent "
                                          "excused"));
  // The excellent stay ACTIVE, eligible for a certificate; the other active
  // ones are COMPLETED; the eliminated stay eliminated; the cohort closes.
  EXPECT_EQ(StageOf(zhang_), "STAGE_ACTIVE");
  EXPECT_EQ(StageOf(wang_), "STAGE_COMPLETED");
  EXPECT_EQ(StageOf(sun_), "STAGE_COMPLETED");
  EXPECT_EQ(StageOf(li_), "STAGE_ELIMINATED [中期考核: rated fail by the veto criterion]");
  EXPECT_EQ(StageOf(chen_), "STAGE_ELIMINATED [中期考核: rated fail]");
  EXPECT_EQ(StageOf(zhao_), "STAGE_ELIMINATED [中期考核: absent without an accepted excuse]");
  EXPECT_EQ(v1::Stage_Name(GetEnrolment(zhou_).stage()), "STAGE_NOT_SELECTED");
  EXPECT_EQ(CohortState(), v1::COHORT_STATE_CLOSED);
  EXPECT_TRUE(GetEnrolment(zhang_).certificate_eligible());
  for (const v1::Enrolment* e : {&wang_, &sun_, &li_, &chen_, &zhao_, &zhou_}) {
    EXPECT_FALSE(GetEnrolment(*e).certificate_eligible()) << e->person().full_name();
  }
  EXPECT_THAT(ConfirmRound(kRound2), GrpcIs(Code::FAILED_PRECONDITION));
}

}  // namespace
}  // namespace talent
