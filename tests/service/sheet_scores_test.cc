// talent.v1.SheetService over a real server, writing a sheet: an assessor
// sets points per criterion (0..max, one decimal; docs/rules.md §1) and a
// comment, the sheet is kept in rubric order with its total (rule 2), bad
// points change nothing, and every status code SetScores promises,
// including who may write which sheet.
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "talent/v1/sheet.grpc.pb.h"
#include "tests/service/sheet_fixture.h"
#include "tests/testing/status_matchers.h"

namespace talent {
namespace {

using ::talent::testing::GrpcIs;
using ::talent::testing::kNowText;
using ::talent::testing::kRound1;
using ::talent::testing::kRound2;
using ::talent::testing::Points;
using ::talent::testing::Scores;
using ::talent::testing::SheetServiceTest;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Code = grpc::StatusCode;

// The fixture is talent::testing::SheetServiceTest (sheet_fixture.h).

// --- SetScores ------------------------------------------------------------------

TEST_F(SheetServiceTest, FirstPointsMakeADraftWithEveryCriterionInRubricOrder) {
  v1::Sheet sheet;
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "12.5"}}, {}, &sheet),
              GrpcIs(Code::OK));
  EXPECT_EQ(sheet.name(), ZhangSheet("expert1"));
  EXPECT_EQ(sheet.round(), kRound1);
  EXPECT_EQ(sheet.enrolment(), zhang_.name());
  EXPECT_EQ(sheet.assessor(), "users/expert1");
  EXPECT_EQ(sheet.state(), v1::SHEET_STATE_DRAFT);
  EXPECT_THAT(Scores(sheet), ElementsAre("theory=12.5", "competence=", "system=", "talent=",
                                         "charity=", "ethics="));
  EXPECT_EQ(sheet.total(), "12.5");
  EXPECT_EQ(sheet.comment(), "");
  EXPECT_EQ(sheet.update_time(), kNowText);
  // What GetSheet reads back is what SetScores returned.
  v1::Sheet read = Expert1Sheet();
  EXPECT_EQ(read.SerializeAsString(), sheet.SerializeAsString());
}

TEST_F(SheetServiceTest, SettingMorePointsKeepsTheEarlierOnes) {
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "12.5"}}), GrpcIs(Code::OK));
  clock_.Advance(60);
  v1::Sheet sheet;
  ASSERT_THAT(
      SetScores(assessor_token_, zhang_.name(), {{"ethics", "9.5"}, {"competence", "10"}}, {},
                &sheet),
      GrpcIs(Code::OK));
  EXPECT_THAT(Scores(sheet), ElementsAre("theory=12.5", "competence=10.0", "system=", "talent=",
                                         "charity=", "ethics=9.5"));
  EXPECT_EQ(sheet.total(), "32.0");
  EXPECT_EQ(sheet.update_time(), "2023-06-01T00:01:00Z");
  // Changing one criterion replaces only its points.
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "13"}}, {}, &sheet),
              GrpcIs(Code::OK));
  EXPECT_THAT(Scores(sheet), ElementsAre("theory=13.0", "competence=10.0", "system=", "talent=",
                                         "charity=", "ethics=9.5"));
  EXPECT_EQ(sheet.total(), "32.5");
  EXPECT_EQ(Scores(Expert1Sheet()), Scores(sheet));
}

TEST_F(SheetServiceTest, BoundaryPointsAreAccepted) {
  v1::Sheet sheet;
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(),
                        {{"theory", "15.0"}, {"system", "20"}, {"ethics", "0"}, {"talent", " 0.5 "}},
                        {}, &sheet),
              GrpcIs(Code::OK));
  EXPECT_THAT(Scores(sheet), ElementsAre("theory=15.0", "competence=", "system=20.0",
                                         "talent=0.5", "charity=", "ethics=0.0"));
  EXPECT_EQ(sheet.total(), "35.5");
}

TEST_F(SheetServiceTest, CommentIsReplacedOnlyWhenGiven) {
  v1::Sheet sheet;
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "12.5"}}, "实务扎实", &sheet),
              GrpcIs(Code::OK));
  EXPECT_EQ(sheet.comment(), "实务扎实");
  // Points without a comment keep it.
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {{"ethics", "14"}}, {}, &sheet),
              GrpcIs(Code::OK));
  EXPECT_EQ(sheet.comment(), "实务扎实");
  EXPECT_EQ(Expert1Sheet().comment(), "实务扎实");
  // A comment alone replaces it and keeps the points.
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {}, "理论需加强", &sheet),
              GrpcIs(Code::OK));
  EXPECT_EQ(sheet.comment(), "理论需加强");
  EXPECT_EQ(sheet.total(), "26.5");
  // A present but empty comment clears it.
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {}, "", &sheet), GrpcIs(Code::OK));
  EXPECT_EQ(sheet.comment(), "");
  EXPECT_EQ(Expert1Sheet().comment(), "");
}

TEST_F(SheetServiceTest, BadPointsAreInvalidArgumentNamingTheCriterionAndChangeNothing) {
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "12.5"}, {"ethics", "14"}},
                        "初评"),
              GrpcIs(Code::OK));
  const v1::Sheet before = Expert1Sheet();
  const std::vector<std::string> history = Expert1History();
  ASSERT_EQ(history.size(), 3u);

  struct Case {
    Points points;
    std::string named;   // the criterion the message must name
    std::string detail;  // and something of why
  };
  const std::vector<Case> cases = {
      {{{"theory", "15.1"}}, "theory", "15.0"},           // above its maximum 15.0
      {{{"competence", "8.55"}}, "competence", "decimal"},  // two decimals
      {{{"charity", "-1"}}, "charity", "-1"},               // negative
      {{{"system", "abc"}}, "system", "abc"},               // not a number
      {{{"talent", ""}}, "talent", "number"},               // empty
      {{{"leadership", "5"}}, "leadership", "rubric"},      // unknown code
      // A valid change next to a refused one is not applied either.
      {{{"theory", "14"}, {"ethics", "15.5"}}, "ethics", "15.0"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.named + " " + c.points.back().second);
    EXPECT_THAT(SetScores(assessor_token_, zhang_.name(), c.points, "改过的评语"),
                GrpcIs(Code::INVALID_ARGUMENT, AllOf(HasSubstr(c.named), HasSubstr(c.detail))));
  }
  v1::Sheet after = Expert1Sheet();
  EXPECT_THAT(Scores(after), ElementsAre("theory=12.5", "competence=", "system=", "talent=",
                                         "charity=", "ethics=14.0"));
  EXPECT_EQ(after.total(), "26.5");
  EXPECT_EQ(after.comment(), "初评");
  EXPECT_EQ(after.SerializeAsString(), before.SerializeAsString());
  EXPECT_EQ(Expert1History(), history);
}

TEST_F(SheetServiceTest, TooLongCommentOrEmptyRequestIsInvalidArgument) {
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "12.5"}}, "初评"),
              GrpcIs(Code::OK));
  std::string long_comment;
  for (int i = 0; i < 2001; ++i) long_comment += "评";
  EXPECT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "10"}}, long_comment),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("comment")));
  EXPECT_THAT(SetScores(assessor_token_, zhang_.name(), {}),
              GrpcIs(Code::INVALID_ARGUMENT));
  v1::Sheet sheet = Expert1Sheet();
  EXPECT_EQ(sheet.total(), "12.5");
  EXPECT_EQ(sheet.comment(), "初评");
  // 2000 characters are fine.
  long_comment.resize(long_comment.size() - std::string("评").size());
  EXPECT_THAT(SetScores(assessor_token_, zhang_.name(), {}, long_comment), GrpcIs(Code::OK));
}

TEST_F(SheetServiceTest, UnassignedEnrolmentIsPermissionDenied) {
  // expert2 is assigned 王芳; expert1 is not.
  EXPECT_THAT(SetScores(assessor_token_, wang_.name(), {{"theory", "12.5"}}),
              GrpcIs(Code::PERMISSION_DENIED, HasSubstr("not assigned")));
  EXPECT_THAT(Get(admin_token_, wang_.name(), "users/expert1"), GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(SetScores(expert2_token_, wang_.name(), {{"theory", "12.5"}}), GrpcIs(Code::OK));
}

TEST_F(SheetServiceTest, AdminAndViewerMayNotWriteOrSubmitSheets) {
  for (const std::string* token : {&admin_token_, &viewer_token_}) {
    SCOPED_TRACE(*token == admin_token_ ? "admin" : "viewer");
    EXPECT_THAT(SetScores(*token, zhang_.name(), {{"theory", "12.5"}}),
                GrpcIs(Code::PERMISSION_DENIED, HasSubstr("SetScores")));
    EXPECT_THAT(Submit(*token, zhang_.name()),
                GrpcIs(Code::PERMISSION_DENIED, HasSubstr("SubmitSheet")));
  }
  EXPECT_THAT(Get(viewer_token_, zhang_.name(), "users/expert1"),
              GrpcIs(Code::PERMISSION_DENIED, HasSubstr("GetSheet")));
  EXPECT_THAT(Get(admin_token_, zhang_.name(), "users/expert1"), GrpcIs(Code::NOT_FOUND));
}

TEST_F(SheetServiceTest, NoTokenIsUnauthenticated) {
  EXPECT_THAT(SetScores("", zhang_.name(), {{"theory", "12.5"}}), GrpcIs(Code::UNAUTHENTICATED));
  EXPECT_THAT(Get("", zhang_.name(), ""), GrpcIs(Code::UNAUTHENTICATED));
}

TEST_F(SheetServiceTest, RoundStillDraftIsFailedPrecondition) {
  // expert1 is assigned 张伟 in round 2, which was never opened.
  EXPECT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "12.5"}}, {}, nullptr, kRound2),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("open")));
  EXPECT_THAT(Get(admin_token_, zhang_.name(), "users/expert1", nullptr, kRound2),
              GrpcIs(Code::NOT_FOUND));
}

TEST_F(SheetServiceTest, UnknownRoundIsNotFound) {
  EXPECT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "12.5"}}, {}, nullptr,
                        "programmes/SCSW/cohorts/2023/rounds/9"),
              GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "12.5"}}, {}, nullptr,
                        "programmes/SCSW/cohorts/2021/rounds/1"),
              GrpcIs(Code::NOT_FOUND));
}

// sheet.proto: SetScores answers "NOT_FOUND (round, enrolment)". An
// enrolment that does not exist is not a permission problem: the assessor
// should learn the id is wrong, not that it is "not assigned to you".
TEST_F(SheetServiceTest, UnknownEnrolmentIsNotFound) {
  EXPECT_THAT(SetScores(assessor_token_, "enrolments/99999", {{"theory", "12.5"}}),
              GrpcIs(Code::NOT_FOUND, HasSubstr("99999")));
  EXPECT_THAT(Get(assessor_token_, "enrolments/99999", ""), GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(Get(admin_token_, "enrolments/99999", "users/expert1"), GrpcIs(Code::NOT_FOUND));
  // An enrolment of another cohort is not in this round either.
  CreateCohort(2022, 3, 3, 3, /*open=*/true);
  v1::Enrolment other = Enrol(testing::kCohort2022, "李明", 23, v1::TRACK_MANAGEMENT);
  ASSERT_FALSE(other.name().empty());
  EXPECT_THAT(SetScores(assessor_token_, other.name(), {{"theory", "12.5"}}),
              GrpcIs(Code::NOT_FOUND));
}

TEST_F(SheetServiceTest, MalformedNamesAreInvalidArgument) {
  EXPECT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "12.5"}}, {}, nullptr,
                        "SCSW/2023"),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("round")));
  EXPECT_THAT(SetScores(assessor_token_, "张伟", {{"theory", "12.5"}}),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("enrolment")));
  EXPECT_THAT(Get(admin_token_, zhang_.name(), "users/Expert 1"),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("assessor")));
}

}  // namespace
}  // namespace talent
