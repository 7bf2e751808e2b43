// Rounds, appeals, results and assignments without a server: the requests
// the flags make (--excused, --reopen, --track, --amend) and what is
// printed of the answers.
#include "client/round_cmd.h"

#include "client/appeal_cmd.h"
#include "client/assignment_cmd.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/client/captured_context.h"
#include "tests/client/cli_error_matchers.h"

namespace talent::client {
namespace {

constexpr char kRound[] = "programmes/SCSW/cohorts/2023/rounds/1";

TEST(RoundOutputTest, ChineseTableAlignsByDisplayWidth) {
  CapturedContext captured("zh");
  v1::Round round;
  round.set_position(2);
  round.set_title("期末考核");
  round.set_final(true);
  round.set_state(v1::ROUND_STATE_NOTICE);
  round.set_notice_end("2023-12-20");
  PrintRounds(captured.ctx(), {round});
  EXPECT_EQ(captured.out(),
            "序号  名称      期末  状态    公示截止\n"
            "2     期末考核  期末  公示中  2023-12-20\n");
}

TEST(RoundOutputTest, RowOfADraftRoundThatIsNotFinal) {
  CapturedContext captured("en");
  v1::Round round;
  round.set_position(1);
  round.set_title("mid-term");
  round.set_state(v1::ROUND_STATE_DRAFT);
  EXPECT_EQ(RoundRow(captured.ctx(), round),
            (std::vector<std::string>{"1", "mid-term", "", "draft", ""}));
}

TEST(RoundAbsentTest, ExcusedFlagAcceptsTheExcuse) {
  RoundAbsentOptions options{"SCSW/2023/1", "17", "ill", /*excused=*/true};
  v1::MarkAbsentRequest req = MarkAbsentRequestOf(options, kRound);
  EXPECT_EQ(req.round(), kRound);
  EXPECT_EQ(req.enrolment(), "enrolments/17");
  EXPECT_TRUE(req.excuse_accepted());
  EXPECT_EQ(req.reason(), "ill");
  EXPECT_EQ(AbsentNote(17, true), "enrolment 17 marked absent (excused)");
}

TEST(RoundAbsentTest, WithoutExcusedTheAbsenceCounts) {
  RoundAbsentOptions options{"SCSW/2023/1", "enrolments/18", "no show", /*excused=*/false};
  v1::MarkAbsentRequest req = MarkAbsentRequestOf(options, kRound);
  EXPECT_EQ(req.enrolment(), "enrolments/18");
  EXPECT_FALSE(req.excuse_accepted());
  EXPECT_EQ(AbsentNote(18, false), "enrolment 18 marked absent");
}

TEST(RoundAbsentTest, EnrolmentMustBeAnId) {
  RoundAbsentOptions options{"SCSW/2023/1", "张伟", "ill", false};
  EXPECT_CLI_ERROR(MarkAbsentRequestOf(options, kRound), kExitUsage,
                   "enrolment must look like enrolments/17 (or 17)");
}

TEST(AppealResolveTest, AmendReopensTheNamedAssessorsSheets) {
  AppealResolveOptions options;
  options.appeal = 3;
  options.amend = true;
  options.resolution = "recount";
  options.reopen = {"wang.jg", "li.ming"};
  v1::ResolveAppealRequest req = ResolveAppealRequestOf(options);
  EXPECT_EQ(req.appeal_id(), 3);
  EXPECT_EQ(req.resolution_state(), v1::APPEAL_STATE_AMENDED);
  EXPECT_EQ(req.resolution(), "recount");
  ASSERT_EQ(req.reopen_size(), 2);
  EXPECT_EQ(req.reopen(0), "users/wang.jg");
  EXPECT_EQ(req.reopen(1), "users/li.ming");
  EXPECT_EQ(req.round(), "");  // resolved by the run function
}

TEST(AppealResolveTest, RejectReopensNothing) {
  AppealResolveOptions options;
  options.appeal = 4;
  options.reject = true;
  v1::ResolveAppealRequest req = ResolveAppealRequestOf(options);
  EXPECT_EQ(req.resolution_state(), v1::APPEAL_STATE_REJECTED);
  EXPECT_EQ(req.reopen_size(), 0);
}

TEST(AppealResolveTest, NeitherRejectNorAmendIsAUsageError) {
  EXPECT_CLI_ERROR(ResolveAppealRequestOf(AppealResolveOptions{}), kExitUsage,
                   "give --reject or --amend");
}

TEST(AppealOutputTest, RowInChinese) {
  CapturedContext captured("zh");
  v1::Appeal appeal;
  appeal.set_id(2);
  appeal.set_candidate("张伟");
  appeal.set_state(v1::APPEAL_STATE_AMENDED);
  appeal.set_reason("漏评");
  appeal.set_resolution("重评");
  EXPECT_EQ(AppealRow(captured.ctx(), appeal),
            (std::vector<std::string>{"2", "张伟", "已更正", "漏评", "重评"}));
}

TEST(ResultOutputTest, FlagsInOrderJoinedByCommas) {
  CapturedContext captured("en");
  v1::Result result;
  result.set_absent(true);
  result.set_excused(true);
  result.set_tie_at_cut(true);
  result.set_veto(true);
  EXPECT_EQ(ResultFlags(captured.ctx(), result), "absent (excused), veto, tie at cut");
  EXPECT_EQ(ResultFlags(captured.ctx(), v1::Result()), "");
}

TEST(ResultOutputTest, UnrankedEliminatedRow) {
  CapturedContext captured("zh");
  v1::Result result;
  result.set_candidate("王芳");
  result.set_track(v1::TRACK_MANAGEMENT);
  result.set_score("58.50");
  result.set_sheets(5);
  result.set_rating(v1::RATING_FAIL);
  result.set_eliminated(true);
  result.set_elimination_reason("不合格");
  EXPECT_EQ(
      ResultRow(captured.ctx(), result),
      (std::vector<std::string>{"-", "王芳", "管理类", "58.50", "5", "不合格", "", "不合格"}));
}

TEST(ResultOutputTest, TheServersReasonsForAnEliminationFollowTheLanguage) {
  CapturedContext zh("zh");
  EXPECT_EQ(zh.ctx().Reason("rated fail"), "评为不合格");
  EXPECT_EQ(zh.ctx().Reason("rated fail by the veto criterion"), "否决项未达标，评为不合格");
  EXPECT_EQ(zh.ctx().Reason("absent without an accepted excuse"), "缺考且未获准假");
  EXPECT_EQ(zh.ctx().Reason("pass in two consecutive rounds"), "连续两轮评为合格");
  EXPECT_EQ(zh.ctx().Reason("in the bottom of the round"), "本轮排名末位");
  // After the round's name, as an enrolment's stage reason has it.
  EXPECT_EQ(zh.ctx().Reason("中期考核: rated fail by the veto criterion"),
            "中期考核: 否决项未达标，评为不合格");
  // What someone typed stays as typed.
  EXPECT_EQ(zh.ctx().Reason("材料不全"), "材料不全");
  EXPECT_EQ(zh.ctx().Reason("note: rated failing"), "note: rated failing");
  for (const char* typed : {"fail", "absent", "veto", "FAIL", "two pass", "bottom"}) {
    EXPECT_EQ(zh.ctx().Reason(typed), typed);
  }
  CapturedContext en("en");
  EXPECT_EQ(en.ctx().Reason("中期考核: rated fail"), "中期考核: rated fail");
  v1::Result result;
  result.set_eliminated(true);
  result.set_elimination_reason("rated fail");
  EXPECT_EQ(ResultRow(zh.ctx(), result).back(), "评为不合格");
  EXPECT_EQ(ResultRow(en.ctx(), result).back(), "rated fail");
}

v1::RoundResults OneResult() {
  v1::RoundResults results;
  results.set_provisional(true);
  results.set_rules("Trimmed mean of 5 sheets.\n");
  results.set_excellent_cap(1);
  results.set_assessed(4);
  results.set_cap_exceeded_by_tie(true);
  v1::Result* r = results.add_results();
  r->set_rank(1);
  r->set_candidate("Li");
  r->set_track(v1::TRACK_SERVICE);
  r->set_score("91.20");
  r->set_sheets(5);
  r->set_rating(v1::RATING_EXCELLENT);
  return results;
}

TEST(ResultOutputTest, TableEndsWithTheRulesAndTheCap) {
  CapturedContext captured("en");
  PrintResults(captured.ctx(), OneResult());
  EXPECT_EQ(captured.out(),
            "RANK  NAME  TRACK    SCORE  SHEETS  RATING     FLAGS  ELIMINATED\n"
            "1     Li    service  91.20  5       excellent\n"
            "\n"
            "Provisional: final once the round is confirmed.\n"
            "Trimmed mean of 5 sheets.\n"
            "Excellent cap this round: 1 of 4 assessed, exceeded by a tie.\n");
}

TEST(ResultOutputTest, InChineseTheLinesUnderTheTableAreChineseToo) {
  CapturedContext captured("zh");
  v1::RoundResults results = OneResult();
  results.set_rules_zh("得分：5 份评分表的截尾平均。\n");
  PrintResults(captured.ctx(), results);
  EXPECT_EQ(captured.out(),
            "名次  姓名  类别    得分   评分表  等次  标记  淘汰\n"
            "1     Li    服务类  91.20  5       优秀\n"
            "\n"
            "暂定结果：本轮确认后方为最终结果。\n"
            "得分：5 份评分表的截尾平均。\n"
            "本轮优秀名额：1 名，参评 4 人，因并列而超出。\n");
}

TEST(ResultOutputTest, RoundsConfirmedBeforeTheChineseRulesWereKeptShowTheEnglish) {
  CapturedContext captured("zh");
  PrintResults(captured.ctx(), OneResult());
  EXPECT_THAT(captured.out(), ::testing::HasSubstr("\nTrimmed mean of 5 sheets.\n"));
}

TEST(ResultOutputTest, CsvIsTheRowsOnly) {
  CapturedContext captured("en", "csv");
  PrintResults(captured.ctx(), OneResult());
  EXPECT_EQ(captured.out(),
            "RANK,NAME,TRACK,SCORE,SHEETS,RATING,FLAGS,ELIMINATED\n"
            "1,Li,service,91.20,5,excellent,,\n");
}

TEST(AssignmentAddTest, TrackInChinese) {
  AssignmentAddOptions options;
  options.assessors = {"wang.jg", "li.ming"};
  options.track = "教育与研究类";
  v1::AssignAssessorsRequest req = AssignAssessorsRequestOf(options, kRound);
  EXPECT_EQ(req.round(), kRound);
  ASSERT_EQ(req.assessors_size(), 2);
  EXPECT_EQ(req.assessors(1), "li.ming");
  EXPECT_EQ(req.track(), v1::TRACK_EDUCATION_RESEARCH);
  EXPECT_FALSE(req.whole_cohort());
  EXPECT_EQ(req.enrolments_size(), 0);
}

TEST(AssignmentAddTest, NamedEnrolmentsOrWholeCohort) {
  AssignmentAddOptions named;
  named.assessors = {"wang.jg"};
  named.enrolments = {"17", "18"};
  EXPECT_EQ(AssignAssessorsRequestOf(named, kRound).enrolments_size(), 2);
  AssignmentAddOptions all;
  all.assessors = {"wang.jg"};
  all.all = true;
  EXPECT_TRUE(AssignAssessorsRequestOf(all, kRound).whole_cohort());
}

TEST(AssignmentAddTest, WhomToAssignMustBeGiven) {
  AssignmentAddOptions options;
  options.assessors = {"wang.jg"};
  EXPECT_CLI_ERROR(AssignAssessorsRequestOf(options, kRound), kExitUsage,
                   "give --enrolment, --track or --all");
  options.track = "volunteer";
  EXPECT_CLI_ERROR(AssignAssessorsRequestOf(options, kRound), kExitUsage,
                   "--track must be one of 服务类/管理类/教育与研究类, got \"volunteer\"");
}

TEST(AssignmentOutputTest, UsersAndEnrolmentsShownByShortName) {
  CapturedContext captured("en");
  v1::Assignment assignment;
  assignment.set_enrolment("enrolments/17");
  assignment.set_candidate("张伟");
  assignment.set_track(v1::TRACK_SERVICE);
  assignment.set_assessor("users/wang.jg");
  EXPECT_EQ(AssignmentRow(captured.ctx(), assignment),
            (std::vector<std::string>{"17", "张伟", "service", "wang.jg"}));
  v1::Conflict conflict;
  conflict.set_assessor("users/li.ming");
  conflict.set_enrolment("enrolments/9");
  conflict.set_candidate("王芳");
  conflict.set_reason("same employer");
  EXPECT_EQ(ConflictRow(conflict),
            (std::vector<std::string>{"li.ming", "9", "王芳", "same employer"}));
}

}  // namespace
}  // namespace talent::client
