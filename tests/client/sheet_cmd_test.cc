// Score sheets without a server: --points items, the request of 'score
// set', the columns and rows of a sheets CSV, and a printed sheet.
#include "client/sheet_cmd.h"

#include "gtest/gtest.h"
#include "tests/client/captured_context.h"
#include "tests/client/cli_error_matchers.h"

namespace talent::client {
namespace {

constexpr char kRound[] = "programmes/SCSW/cohorts/2023/rounds/1";

TEST(ParsePointsTest, CodeEqualsPoints) {
  v1::Score score = ParsePoints("theory=12.5");
  EXPECT_EQ(score.criterion(), "theory");
  EXPECT_EQ(score.points(), "12.5");
}

TEST(ParsePointsTest, OnlyTheFirstEqualsSignSplits) {
  v1::Score score = ParsePoints("ethics=1=4");
  EXPECT_EQ(score.criterion(), "ethics");
  EXPECT_EQ(score.points(), "1=4");
  EXPECT_EQ(ParsePoints("ethics=").points(), "");
}

TEST(ParsePointsTest, WithoutCodeOrEqualsSignIsAUsageError) {
  EXPECT_CLI_ERROR(ParsePoints("ethics"), kExitUsage, "--points takes CODE=POINTS, got \"ethics\"");
  EXPECT_CLI_ERROR(ParsePoints("=14"), kExitUsage, "--points takes CODE=POINTS, got \"=14\"");
}

TEST(ScoreSetTest, EachItemOfPointsInOrder) {
  // --points a=1,b=2 reaches the options as two items (split at commas).
  ScoreSetOptions options;
  options.target = {"SCSW/2023/1", "17"};
  options.points = {"a=1", "b=2"};
  v1::SetScoresRequest req = SetScoresRequestOf(options, kRound);
  EXPECT_EQ(req.round(), kRound);
  EXPECT_EQ(req.enrolment(), "enrolments/17");
  ASSERT_EQ(req.scores_size(), 2);
  EXPECT_EQ(req.scores(0).criterion(), "a");
  EXPECT_EQ(req.scores(0).points(), "1");
  EXPECT_EQ(req.scores(1).criterion(), "b");
  EXPECT_EQ(req.scores(1).points(), "2");
  EXPECT_FALSE(req.has_comment());
}

TEST(ScoreSetTest, AnEmptyCommentGivenClearsIt) {
  ScoreSetOptions options;
  options.target = {"SCSW/2023/1", "17"};
  options.comment_given = true;
  v1::SetScoresRequest req = SetScoresRequestOf(options, kRound);
  EXPECT_TRUE(req.has_comment());
  EXPECT_EQ(req.comment(), "");
  EXPECT_EQ(req.scores_size(), 0);
}

TEST(ScoreSetTest, BadItemFailsTheWholeRequest) {
  ScoreSetOptions options;
  options.target = {"SCSW/2023/1", "17"};
  options.points = {"a=1", "b"};
  EXPECT_CLI_ERROR(SetScoresRequestOf(options, kRound), kExitUsage,
                   "--points takes CODE=POINTS, got \"b\"");
}

TEST(SheetCsvTest, HeadingsInEnglishOrChinese) {
  SheetColumns columns = SheetColumnsOf({1, {"编号", " theory ", "ethics", "评语", "提交"}});
  EXPECT_EQ(columns.enrolment, 0);
  EXPECT_EQ(columns.comment, 3);
  EXPECT_EQ(columns.submit, 4);
  EXPECT_EQ(columns.headings,
            (std::vector<std::string>{"编号", "theory", "ethics", "评语", "提交"}));
}

TEST(SheetCsvTest, EnrolmentColumnIsRequired) {
  EXPECT_CLI_ERROR(SheetColumnsOf({1, {"id", "theory"}}), kExitUsage,
                   "the file needs an 'enrolment' column (the enrolment ID)");
}

TEST(SheetCsvTest, RowSkipsBlankScoresAndReadsSubmit) {
  SheetColumns columns =
      SheetColumnsOf({1, {"enrolment", "theory", "ethics", "comment", "submit"}});
  v1::SheetRow row = SheetRowOf({7, {"17", "12.5", " ", "good", "是", "extra"}}, columns);
  EXPECT_EQ(row.line(), 7);
  EXPECT_EQ(row.enrolment(), "17");
  ASSERT_EQ(row.scores_size(), 1);
  EXPECT_EQ(row.scores(0).criterion(), "theory");
  EXPECT_EQ(row.scores(0).points(), "12.5");
  EXPECT_EQ(row.comment(), "good");
  EXPECT_TRUE(row.submit());
  EXPECT_FALSE(SheetRowOf({8, {"18", "", "", "", "no"}}, columns).submit());
}

TEST(SheetOutputTest, TableThenAssessorStateAndCommentAsAMessage) {
  CapturedContext captured("zh");
  v1::Sheet sheet;
  sheet.set_assessor("users/wang.jg");
  sheet.set_state(v1::SHEET_STATE_SUBMITTED);
  sheet.set_comment("扎实");
  v1::Score* s = sheet.add_scores();
  s->set_criterion("theory");
  s->set_points("12.50");
  sheet.set_total("12.50");
  PrintSheet(captured.ctx(), sheet);
  EXPECT_EQ(captured.out(),
            "考核项目  得分\n"
            "theory    12.50\n"
            "合计      12.50\n");
  EXPECT_EQ(captured.err(), "wang.jg, 已提交: 扎实\n");
}

TEST(SheetOutputTest, CsvHasNoMessage) {
  CapturedContext captured("en", "csv");
  v1::Sheet sheet;
  sheet.set_assessor("users/wang.jg");
  sheet.set_total("0.00");
  PrintSheet(captured.ctx(), sheet);
  EXPECT_EQ(captured.out(), "CRITERION,POINTS\nTOTAL,0.00\n");
  EXPECT_EQ(captured.err(), "");
}

TEST(SheetOutputTest, ChangeShowsTheUserByShortName) {
  v1::SheetChange change;
  change.set_time("2023-06-01T10:00:00+08:00");
  change.set_user("users/admin");
  change.set_change("reopen");
  change.set_reason("appeal 2");
  EXPECT_EQ(SheetChangeRow(change), (std::vector<std::string>{"2023-06-01T10:00:00+08:00", "admin",
                                                              "reopen", "", "", "appeal 2"}));
}

}  // namespace
}  // namespace talent::client
