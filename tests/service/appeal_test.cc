// Appeals over a real server (docs/lifecycles.md §5, docs/rules.md §10):
// filing only during the notice and for an enrolment with a result,
// resolving once (rejected, or amended with the named sheets reopened and
// rewritten during the notice), an open appeal or a sheet awaiting
// resubmission blocking confirmation, the results staying listed meanwhile,
// and no sheet reopened during the notice without an appeal. The scenario
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

using ::talent::testing::AppealLines;
using ::talent::testing::GrpcIs;
using ::talent::testing::kNoticeEnd;
using ::talent::testing::kPublishTime;
using ::talent::testing::kRound1;
using ::talent::testing::kRound1Lines;
using ::talent::testing::kRound2;
using ::talent::testing::Lines;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using Code = grpc::StatusCode;

class AppealTest : public testing::RoundFlowFixture {};

// --- Appeals ------------------------------------------------------------------------

TEST_F(AppealTest, AnAppealRetriedWithItsRequestIdIsFiledOnce) {
  NoticeRound1();
  ASSERT_FALSE(HasFatalFailure());
  v1::FileAppealRequest req;
  req.set_round(kRound1);
  req.set_enrolment(wang_.name());
  req.set_reason("分数有误");
  req.set_request_id("appeal-wang-1");
  v1::Appeal first, retry;
  ASSERT_THAT(rounds_->FileAppeal(AsAdmin().get(), req, &first), GrpcIs(Code::OK));
  ASSERT_THAT(rounds_->FileAppeal(AsAdmin().get(), req, &retry), GrpcIs(Code::OK));
  EXPECT_EQ(retry.id(), first.id());
  EXPECT_EQ(retry.candidate(), "王芳");
  EXPECT_EQ(AppealList().size(), 1u);
  std::vector<domain::AuditEvent> events = AuditEvents("FileAppeal");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].resource, absl::StrCat(kRound1, "/appeals/", first.id()));
  // Another key is another appeal.
  req.set_request_id("appeal-wang-2");
  ASSERT_THAT(rounds_->FileAppeal(AsAdmin().get(), req, &retry), GrpcIs(Code::OK));
  EXPECT_NE(retry.id(), first.id());
}

TEST_F(AppealTest, FileAppealOnlyDuringTheNoticeForAnEnrolmentWithAResult) {
  ScoreRound1();
  ASSERT_FALSE(HasFatalFailure());
  EXPECT_THAT(FileAppeal(wang_.name(), "分数有误"),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("notice")));
  ASSERT_THAT(MarkAbsent(zhao_.name(), false, "未参加"), GrpcIs(Code::OK));
  ASSERT_THAT(MarkAbsent(sun_.name(), true, "病假"), GrpcIs(Code::OK));
  ASSERT_THAT(CloseScoring(), GrpcIs(Code::OK));
  EXPECT_THAT(FileAppeal(wang_.name(), "分数有误"),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("notice")));
  clock_.Set(kPublishTime);
  ASSERT_THAT(PublishNotice(), GrpcIs(Code::OK));

  // Never selected, unknown, or not an enrolment name at all.
  EXPECT_THAT(FileAppeal(zhou_.name(), "我也想参加"), GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(FileAppeal("enrolments/9999", "分数有误"), GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(FileAppeal("王芳", "分数有误"), GrpcIs(Code::INVALID_ARGUMENT));
  EXPECT_THAT(FileAppeal(wang_.name(), ""), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("reason")));
  EXPECT_THAT(FileAppeal(wang_.name(), std::string(1001, 'x')),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("reason")));
  EXPECT_THAT(FileAppeal(wang_.name(), "分数有误", nullptr, "", kRound2),
              GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_THAT(AppealList(), IsEmpty());

  clock_.Set(kPublishTime + 60);
  v1::Appeal appeal;
  ASSERT_THAT(FileAppeal(wang_.name(), "理论武装得分录入有误", &appeal), GrpcIs(Code::OK));
  EXPECT_GT(appeal.id(), 0);
  EXPECT_EQ(appeal.round(), kRound1);
  EXPECT_EQ(appeal.enrolment(), wang_.name());
  EXPECT_EQ(appeal.reason(), "理论武装得分录入有误");
  EXPECT_EQ(appeal.state(), v1::APPEAL_STATE_OPEN);
  EXPECT_EQ(appeal.resolution(), "");
  EXPECT_EQ(appeal.filed_time(), "2023-06-01T01:01:00Z");
  EXPECT_EQ(appeal.resolved_time(), "");
  EXPECT_THAT(AppealList(), ElementsAre(absl::StrCat(appeal.id(), " ", wang_.name(),
                                                     " 王芳 APPEAL_STATE_OPEN []")));
}

// The Appeal that FileAppeal answers is the resource ListAppeals then lists,
// candidate included (round.proto has no field that is "list only").
TEST_F(AppealTest, FileAppealAnswersWithTheAppealAsListed) {
  NoticeRound1();
  ASSERT_FALSE(HasFatalFailure());
  v1::Appeal appeal;
  ASSERT_THAT(FileAppeal(wang_.name(), "理论武装得分录入有误", &appeal), GrpcIs(Code::OK));
  EXPECT_EQ(appeal.candidate(), "王芳");
  v1::ListAppealsResponse list;
  ASSERT_THAT(ListAppeals(&list), GrpcIs(Code::OK));
  ASSERT_EQ(list.appeals_size(), 1);
  EXPECT_EQ(list.appeals(0).candidate(), "王芳");
  EXPECT_EQ(list.appeals(0).SerializeAsString(), appeal.SerializeAsString())
      << list.appeals(0).DebugString() << "\nvs\n" << appeal.DebugString();
}

TEST_F(AppealTest, ResolveAppealChecksItsArgumentsAndResolvesOnce) {
  NoticeRound1();
  ASSERT_FALSE(HasFatalFailure());
  v1::Appeal first, second;
  ASSERT_THAT(FileAppeal(wang_.name(), "理论武装得分录入有误", &first), GrpcIs(Code::OK));
  ASSERT_THAT(FileAppeal(chen_.name(), "对伦理评分有异议", &second), GrpcIs(Code::OK));

  EXPECT_THAT(ResolveAppeal(first.id(), v1::APPEAL_STATE_REJECTED, "维持原评分",
                            {"users/expert1"}),
              GrpcIs(Code::INVALID_ARGUMENT));
  EXPECT_THAT(ResolveAppeal(first.id(), v1::APPEAL_STATE_AMENDED, "改分", {}),
              GrpcIs(Code::INVALID_ARGUMENT));
  EXPECT_THAT(ResolveAppeal(first.id(), v1::APPEAL_STATE_OPEN, "再议", {}),
              GrpcIs(Code::INVALID_ARGUMENT));
  EXPECT_THAT(ResolveAppeal(first.id(), v1::APPEAL_STATE_UNSPECIFIED, "再议", {}),
              GrpcIs(Code::INVALID_ARGUMENT));
  EXPECT_THAT(ResolveAppeal(first.id(), v1::APPEAL_STATE_REJECTED, "", {}),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("resolution")));
  EXPECT_THAT(ResolveAppeal(9999, v1::APPEAL_STATE_REJECTED, "维持原评分", {}),
              GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(ResolveAppeal(first.id(), v1::APPEAL_STATE_AMENDED, "改分", {"users/Expert 1"}),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("reopen")));
  EXPECT_THAT(ResolveAppeal(first.id(), v1::APPEAL_STATE_AMENDED, "改分", {"users/nobody"}),
              GrpcIs(Code::NOT_FOUND));
  // All or nothing: leader1 has no sheet, so expert1's does not reopen either.
  EXPECT_THAT(ResolveAppeal(first.id(), v1::APPEAL_STATE_AMENDED, "改分",
                            {"users/expert1", "users/leader1"}),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("leader1")));
  EXPECT_EQ(AdminSheet(wang_, "users/expert1").state(), v1::SHEET_STATE_SUBMITTED);
  EXPECT_THAT(AppealList(),
              ElementsAre(absl::StrCat(first.id(), " ", wang_.name(), " 王芳 APPEAL_STATE_OPEN []"),
                          absl::StrCat(second.id(), " ", chen_.name(),
                                       " 陈静 APPEAL_STATE_OPEN []")));

  clock_.Set(kPublishTime + 600);
  v1::Appeal rejected;
  ASSERT_THAT(ResolveAppeal(second.id(), v1::APPEAL_STATE_REJECTED, "经复核，评分无误", {},
                            &rejected),
              GrpcIs(Code::OK));
  EXPECT_EQ(rejected.id(), second.id());
  EXPECT_EQ(rejected.state(), v1::APPEAL_STATE_REJECTED);
  EXPECT_EQ(rejected.resolution(), "经复核，评分无误");
  EXPECT_EQ(rejected.resolved_time(), "2023-06-01T01:10:00Z");
  EXPECT_EQ(rejected.reason(), "对伦理评分有异议");
  EXPECT_EQ(rejected.candidate(), "陈静");
  // Resolving twice, either way, is refused and changes nothing.
  EXPECT_THAT(ResolveAppeal(second.id(), v1::APPEAL_STATE_REJECTED, "再次驳回", {}),
              GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_THAT(ResolveAppeal(second.id(), v1::APPEAL_STATE_AMENDED, "改为修改",
                            {"users/expert1"}),
              GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_EQ(AdminSheet(chen_, "users/expert1").state(), v1::SHEET_STATE_SUBMITTED);

  v1::Appeal amended;
  ASSERT_THAT(ResolveAppeal(first.id(), v1::APPEAL_STATE_AMENDED, "专家一理论分录入错误，重评",
                            {"users/expert1"}, &amended),
              GrpcIs(Code::OK));
  EXPECT_EQ(amended.state(), v1::APPEAL_STATE_AMENDED);
  EXPECT_THAT(ResolveAppeal(first.id(), v1::APPEAL_STATE_AMENDED, "再改", {"users/expert2"}),
              GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_EQ(AdminSheet(wang_, "users/expert2").state(), v1::SHEET_STATE_SUBMITTED);

  v1::ListAppealsResponse list;
  ASSERT_THAT(ListAppeals(&list), GrpcIs(Code::OK));
  EXPECT_THAT(AppealLines(list),
              ElementsAre(absl::StrCat(first.id(), " ", wang_.name(),
                                       " 王芳 APPEAL_STATE_AMENDED [专家一理论分录入错误，重评]"),
                          absl::StrCat(second.id(), " ", chen_.name(),
                                       " 陈静 APPEAL_STATE_REJECTED [经复核，评分无误]")));
  ASSERT_EQ(list.appeals_size(), 2);
  EXPECT_EQ(list.appeals(1).SerializeAsString(), rejected.SerializeAsString());
}

TEST_F(AppealTest, OpenAppealBlocksConfirmationUntilRejected) {
  NoticeRound1();
  ASSERT_FALSE(HasFatalFailure());
  v1::Appeal appeal;
  ASSERT_THAT(FileAppeal(chen_.name(), "对伦理评分有异议", &appeal), GrpcIs(Code::OK));
  clock_.Set(kNoticeEnd + 86400);
  EXPECT_THAT(ConfirmRound(), GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("appeal")));
  EXPECT_EQ(RoundState(kRound1), v1::ROUND_STATE_NOTICE);
  EXPECT_EQ(StageOf(chen_), "STAGE_ACTIVE");
  ASSERT_THAT(ResolveAppeal(appeal.id(), v1::APPEAL_STATE_REJECTED, "维持原评分", {}),
              GrpcIs(Code::OK));
  ASSERT_THAT(ConfirmRound(), GrpcIs(Code::OK));
  EXPECT_THAT(Lines(Results()), ::testing::ElementsAreArray(kRound1Lines));
  EXPECT_EQ(StageOf(chen_), "STAGE_ELIMINATED [中期考核: rated fail]");
  // A confirmed round's appeals are closed for good.
  EXPECT_THAT(ResolveAppeal(appeal.id(), v1::APPEAL_STATE_REJECTED, "再次驳回", {}),
              GrpcIs(Code::FAILED_PRECONDITION));
}

TEST_F(AppealTest, AmendedAppealReopensTheNamedSheetForRewritingDuringTheNotice) {
  NoticeRound1();
  ASSERT_FALSE(HasFatalFailure());
  v1::RoundResults before = Results();
  clock_.Set(kPublishTime + 60);
  v1::Appeal appeal;
  ASSERT_THAT(FileAppeal(wang_.name(), "专家一的理论武装与服务社工体系得分录入有误", &appeal),
              GrpcIs(Code::OK));
  clock_.Set(kPublishTime + 120);
  ASSERT_THAT(ResolveAppeal(appeal.id(), v1::APPEAL_STATE_AMENDED, "退回专家一重评",
                            {"users/expert1"}),
              GrpcIs(Code::OK));
  EXPECT_EQ(AdminSheet(wang_, "users/expert1").state(), v1::SHEET_STATE_DRAFT);
  EXPECT_EQ(AdminSheet(wang_, "users/expert2").state(), v1::SHEET_STATE_SUBMITTED);

  // Only the reopened sheet may be written during the notice.
  EXPECT_THAT(SetScores(expert2_token_, wang_.name(), {{"theory", "15"}}),
              GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_THAT(Submit(expert2_token_, wang_.name()), GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "15"}}),
              GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_THAT(SetScores(expert3_token_, chen_.name(), {{"theory", "15"}}),
              GrpcIs(Code::FAILED_PRECONDITION));

  // Past the notice's end, the sheet awaiting resubmission blocks confirmation.
  clock_.Set(kNoticeEnd + 60);
  EXPECT_THAT(ConfirmRound(), GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("appeal")));
  EXPECT_EQ(RoundState(kRound1), v1::ROUND_STATE_NOTICE);

  // expert1 rewrites: theory 13 → 15, system 17 → 19: 89.0 in all.
  v1::Sheet sheet;
  ASSERT_THAT(SetScores(assessor_token_, wang_.name(), {{"theory", "15"}, {"system", "19"}},
                        kRound1, &sheet),
              GrpcIs(Code::OK));
  EXPECT_EQ(sheet.total(), "89.0");
  EXPECT_EQ(sheet.state(), v1::SHEET_STATE_DRAFT);
  ASSERT_THAT(Submit(assessor_token_, wang_.name(), kRound1, &sheet), GrpcIs(Code::OK));
  EXPECT_EQ(sheet.state(), v1::SHEET_STATE_SUBMITTED);
  // Resubmitted, it is locked again.
  EXPECT_THAT(SetScores(assessor_token_, wang_.name(), {{"theory", "14"}}),
              GrpcIs(Code::FAILED_PRECONDITION));

  // Results recomputed: 王芳 (89 + 86 + 86) / 3 = 87.00 now ranks above 李明.
  v1::RoundResults after = Results();
  EXPECT_TRUE(after.provisional());
  EXPECT_THAT(Lines(before), ::testing::ElementsAreArray(kRound1Lines));
  EXPECT_THAT(Lines(after),
              ElementsAre("1 张伟 92.00 RATING_EXCELLENT sheets=3 spread=0.0",
                          "2 王芳 87.00 RATING_GOOD sheets=3 spread=3.0",
                          "3 李明 86.00 RATING_FAIL sheets=3 spread=0.0 veto eliminated: rated "
                          "fail by the veto criterion",
                          "4 陈静 55.00 RATING_FAIL sheets=3 spread=0.0 eliminated: rated fail",
                          "0 赵磊 - RATING_UNSPECIFIED sheets=0 spread=- absent eliminated: "
                          "absent without an accepted excuse",
                          "0 孙丽 - RATING_UNSPECIFIED sheets=0 spread=- absent excused"));
  ASSERT_EQ(after.results_size(), 6);
  EXPECT_THAT(after.results(1).criteria(),
              ElementsAre("14.33", "13.00", "17.67", "17.00", "13.00", "12.00"));

  // Nothing pending any more: confirmed as last listed.
  v1::Round round;
  ASSERT_THAT(ConfirmRound(kRound1, &round), GrpcIs(Code::OK));
  EXPECT_EQ(round.state(), v1::ROUND_STATE_CONFIRMED);
  v1::RoundResults confirmed = Results();
  EXPECT_FALSE(confirmed.provisional());
  after.set_provisional(false);
  EXPECT_EQ(confirmed.SerializeAsString(), after.SerializeAsString()) << confirmed.DebugString();
  EXPECT_THAT(AppealList(),
              ElementsAre(absl::StrCat(appeal.id(), " ", wang_.name(),
                                       " 王芳 APPEAL_STATE_AMENDED [退回专家一重评]")));
  EXPECT_EQ(StageOf(wang_), "STAGE_ACTIVE");
  EXPECT_EQ(StageOf(li_), "STAGE_ELIMINATED [中期考核: rated fail by the veto criterion]");
}

// round.proto: GetResults is FAILED_PRECONDITION only "before scoring is
// closed"; during the notice the provisional listing is what the public
// notice shows. A sheet reopened by an amended appeal must not take it down.
TEST_F(AppealTest, ResultsStayListedWhileAnAmendedSheetAwaitsResubmission) {
  NoticeRound1();
  ASSERT_FALSE(HasFatalFailure());
  v1::Appeal appeal;
  ASSERT_THAT(FileAppeal(wang_.name(), "理论武装得分录入有误", &appeal), GrpcIs(Code::OK));
  ASSERT_THAT(ResolveAppeal(appeal.id(), v1::APPEAL_STATE_AMENDED, "退回专家一重评",
                            {"users/expert1"}),
              GrpcIs(Code::OK));
  v1::RoundResults results;
  EXPECT_THAT(GetResults(&results), GrpcIs(Code::OK));
  EXPECT_THAT(GetResults(&results, kRound1, viewer_token_), GrpcIs(Code::OK));
  EXPECT_TRUE(results.provisional());
  EXPECT_EQ(results.results_size(), 6);
}

// sheet.proto: ReopenSheet is FAILED_PRECONDITION unless the round is OPEN;
// during the notice a sheet reopens only through an amended appeal (the
// domain's CheckReopen). The refused reopen changes nothing: the sheet stays
// submitted, no audit event is left, and the round confirms once the notice
// is over with the results it published.
TEST_F(AppealTest, SheetReopenWithoutAnAppealIsRefusedDuringTheNotice) {
  NoticeRound1();
  ASSERT_FALSE(HasFatalFailure());
  v1::ReopenSheetRequest reopen;
  reopen.set_round(kRound1);
  reopen.set_enrolment(wang_.name());
  reopen.set_assessor("users/expert1");
  reopen.set_reason("公示期间复核");
  v1::Sheet sheet;
  EXPECT_THAT(sheets_->ReopenSheet(AsAdmin().get(), reopen, &sheet),
              GrpcIs(Code::FAILED_PRECONDITION,
                     "the round is notice; sheets reopen while it is open (during the notice, "
                     "through an amended appeal: 'talentctl appeal resolve --amend')"));
  EXPECT_EQ(AdminSheet(wang_, "users/expert1").state(), v1::SHEET_STATE_SUBMITTED);
  EXPECT_THAT(AuditEvents("ReopenSheet"), IsEmpty());
  clock_.Set(kNoticeEnd);
  EXPECT_THAT(ConfirmRound(), GrpcIs(Code::OK));
  EXPECT_EQ(RoundState(kRound1), v1::ROUND_STATE_CONFIRMED);
  EXPECT_THAT(Lines(Results()), ::testing::ElementsAreArray(kRound1Lines));
}

}  // namespace
}  // namespace talent
