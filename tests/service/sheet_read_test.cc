// talent.v1.SheetService over a real server, reading sheets: an assessor
// reads their own (and no one else's), an administrator any, naming the
// assessor; and the history of every change of a sheet (docs/rules.md §11),
// in order, per sheet, for administrators only.
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

using ::talent::testing::Changes;
using ::talent::testing::GrpcIs;
using ::talent::testing::kNowText;
using ::talent::testing::Scores;
using ::talent::testing::SheetServiceTest;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Code = grpc::StatusCode;

// The fixture is talent::testing::SheetServiceTest (sheet_fixture.h).

// --- GetSheet -----------------------------------------------------------------------

TEST_F(SheetServiceTest, AssessorReadsOwnSheetWithoutNamingThemselves) {
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "12.5"}}), GrpcIs(Code::OK));
  ASSERT_THAT(SetScores(expert2_token_, zhang_.name(), {{"theory", "8"}}), GrpcIs(Code::OK));
  v1::Sheet own;
  ASSERT_THAT(Get(assessor_token_, zhang_.name(), "", &own), GrpcIs(Code::OK));
  EXPECT_EQ(own.assessor(), "users/expert1");
  EXPECT_EQ(own.total(), "12.5");
  v1::Sheet named;
  ASSERT_THAT(Get(assessor_token_, zhang_.name(), "users/expert1", &named), GrpcIs(Code::OK));
  EXPECT_EQ(named.SerializeAsString(), own.SerializeAsString());
  v1::Sheet other;
  ASSERT_THAT(Get(expert2_token_, zhang_.name(), "", &other), GrpcIs(Code::OK));
  EXPECT_EQ(other.assessor(), "users/expert2");
  EXPECT_EQ(other.name(), ZhangSheet("expert2"));
  EXPECT_EQ(other.total(), "8.0");
}

TEST_F(SheetServiceTest, AssessorReadingSomeoneElsesSheetIsPermissionDenied) {
  ASSERT_THAT(SetScores(expert2_token_, zhang_.name(), {{"theory", "8"}}), GrpcIs(Code::OK));
  v1::Sheet sheet;
  EXPECT_THAT(Get(assessor_token_, zhang_.name(), "users/expert2", &sheet),
              GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_EQ(sheet.total(), "");  // nothing leaked
  // Even where no sheet exists: the answer does not depend on it.
  EXPECT_THAT(Get(assessor_token_, wang_.name(), "users/expert2"),
              GrpcIs(Code::PERMISSION_DENIED));
}

TEST_F(SheetServiceTest, AdminReadsAnySheetNamingTheAssessor) {
  ASSERT_THAT(SetScores(expert2_token_, wang_.name(), {{"ethics", "11.5"}}, "认真"),
              GrpcIs(Code::OK));
  v1::Sheet sheet;
  ASSERT_THAT(Get(admin_token_, wang_.name(), "users/expert2", &sheet), GrpcIs(Code::OK));
  EXPECT_EQ(sheet.assessor(), "users/expert2");
  EXPECT_EQ(sheet.enrolment(), wang_.name());
  EXPECT_THAT(Scores(sheet), ElementsAre("theory=", "competence=", "system=", "talent=",
                                         "charity=", "ethics=11.5"));
  EXPECT_EQ(sheet.total(), "11.5");
  EXPECT_EQ(sheet.comment(), "认真");
  EXPECT_EQ(sheet.state(), v1::SHEET_STATE_DRAFT);
  // The admin has no sheet of their own.
  EXPECT_THAT(Get(admin_token_, wang_.name(), ""), GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(Get(admin_token_, wang_.name(), "users/nobody"), GrpcIs(Code::NOT_FOUND));
}

TEST_F(SheetServiceTest, NoSheetWrittenYetIsNotFound) {
  EXPECT_THAT(Get(assessor_token_, zhang_.name(), ""),
              GrpcIs(Code::NOT_FOUND, HasSubstr("expert1")));
  EXPECT_THAT(Get(admin_token_, zhang_.name(), "users/expert1"), GrpcIs(Code::NOT_FOUND));
  // Another assessor's sheet does not count as this one's.
  ASSERT_THAT(SetScores(expert2_token_, zhang_.name(), {{"theory", "8"}}), GrpcIs(Code::OK));
  EXPECT_THAT(Get(assessor_token_, zhang_.name(), ""), GrpcIs(Code::NOT_FOUND));
}

// --- ListSheetHistory -------------------------------------------------------------

TEST_F(SheetServiceTest, HistoryListsEveryChangeInOrder) {
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "12.5"}}, "初评"),
              GrpcIs(Code::OK));
  clock_.Advance(60);
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "13"}}), GrpcIs(Code::OK));
  // Refused: leaves no trace.
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "16"}}),
              GrpcIs(Code::INVALID_ARGUMENT));
  clock_.Advance(60);
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(),
                        {{"competence", "13"}, {"system", "18"}, {"talent", "17.5"},
                         {"charity", "14"}, {"ethics", "15"}},
                        "复评"),
              GrpcIs(Code::OK));
  clock_.Advance(60);
  ASSERT_THAT(Submit(assessor_token_, zhang_.name()), GrpcIs(Code::OK));
  clock_.Advance(60);
  ASSERT_THAT(Reopen(admin_token_, zhang_.name(), "users/expert1", "伦理分数需复核"),
              GrpcIs(Code::OK));
  clock_.Advance(60);
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {{"ethics", "12"}}), GrpcIs(Code::OK));

  v1::ListSheetHistoryResponse resp;
  ASSERT_THAT(History(admin_token_, zhang_.name(), "users/expert1", &resp), GrpcIs(Code::OK));
  EXPECT_THAT(Changes(resp),
              ElementsAre("users/expert1 points:theory →12.5",             //
                          "users/expert1 comment →初评",                    //
                          "users/expert1 points:theory 12.5→13.0",         //
                          "users/expert1 points:competence →13.0",         //
                          "users/expert1 points:system →18.0",             //
                          "users/expert1 points:talent →17.5",             //
                          "users/expert1 points:charity →14.0",            //
                          "users/expert1 points:ethics →15.0",             //
                          "users/expert1 comment 初评→复评",               //
                          "users/expert1 submit draft→submitted",          //
                          "users/admin reopen submitted→draft [伦理分数需复核]",  //
                          "users/expert1 points:ethics 15.0→12.0"));
  ASSERT_EQ(resp.changes_size(), 12);
  EXPECT_EQ(resp.changes(0).time(), kNowText);
  EXPECT_EQ(resp.changes(1).time(), kNowText);
  EXPECT_EQ(resp.changes(2).time(), "2023-06-01T00:01:00Z");
  EXPECT_EQ(resp.changes(3).time(), "2023-06-01T00:02:00Z");
  EXPECT_EQ(resp.changes(9).time(), "2023-06-01T00:03:00Z");
  EXPECT_EQ(resp.changes(10).time(), "2023-06-01T00:04:00Z");
  EXPECT_EQ(resp.changes(11).time(), "2023-06-01T00:05:00Z");
  // Only the reopen carries a reason.
  for (int i = 0; i < resp.changes_size(); ++i) {
    if (i != 10) {
      EXPECT_EQ(resp.changes(i).reason(), "") << i;
    }
  }
}

TEST_F(SheetServiceTest, HistoryIsPerSheet) {
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "12.5"}}), GrpcIs(Code::OK));
  ASSERT_THAT(SetScores(expert2_token_, zhang_.name(), {{"ethics", "9"}}), GrpcIs(Code::OK));
  v1::ListSheetHistoryResponse resp;
  ASSERT_THAT(History(admin_token_, zhang_.name(), "users/expert2", &resp), GrpcIs(Code::OK));
  EXPECT_THAT(Changes(resp), ElementsAre("users/expert2 points:ethics →9.0"));
  EXPECT_THAT(Expert1History(), ElementsAre("users/expert1 points:theory →12.5"));
}

TEST_F(SheetServiceTest, HistoryIsForAdminsOnly) {
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "12.5"}}), GrpcIs(Code::OK));
  v1::ListSheetHistoryResponse resp;
  EXPECT_THAT(History(assessor_token_, zhang_.name(), "users/expert1", &resp),
              GrpcIs(Code::PERMISSION_DENIED, HasSubstr("ListSheetHistory")));
  EXPECT_EQ(resp.changes_size(), 0);
  EXPECT_THAT(History(viewer_token_, zhang_.name(), "users/expert1", &resp),
              GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_THAT(History(admin_token_, zhang_.name(), "users/expert2", &resp),
              GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(History(admin_token_, zhang_.name(), "users/expert1", &resp), GrpcIs(Code::OK));
  EXPECT_EQ(resp.changes_size(), 1);
}

}  // namespace
}  // namespace talent
