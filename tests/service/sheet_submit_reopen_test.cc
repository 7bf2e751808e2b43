// talent.v1.SheetService over a real server, a sheet's lifecycle
// (docs/lifecycles.md §4): submitting a complete sheet locks it, an
// administrator reopens a submitted one with a reason and the assessor
// resubmits, every refusal with its status code, and the audit events that
// submitting and reopening leave.
#include <sqlite3.h>

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

using ::talent::testing::FullMarks;
using ::talent::testing::GrpcIs;
using ::talent::testing::kFixtureNow;
using ::talent::testing::Scores;
using ::talent::testing::SheetServiceTest;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using Code = grpc::StatusCode;

// The fixture is talent::testing::SheetServiceTest (sheet_fixture.h).

// --- SubmitSheet ------------------------------------------------------------------

TEST_F(SheetServiceTest, SubmitWithCriteriaMissingIsFailedPreconditionListingThem) {
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "12.5"}, {"ethics", "14"}}),
              GrpcIs(Code::OK));
  EXPECT_THAT(Submit(assessor_token_, zhang_.name()),
              GrpcIs(Code::FAILED_PRECONDITION,
                     AllOf(HasSubstr("competence"), HasSubstr("system"), HasSubstr("talent"),
                           HasSubstr("charity"), Not(HasSubstr("theory")),
                           Not(HasSubstr("ethics")))));
  EXPECT_EQ(Expert1Sheet().state(), v1::SHEET_STATE_DRAFT);
  EXPECT_THAT(Expert1History(), ElementsAre("users/expert1 points:theory →12.5",
                                            "users/expert1 points:ethics →14.0"));
  EXPECT_THAT(AuditEvents("SubmitSheet"), IsEmpty());
}

TEST_F(SheetServiceTest, SubmitWithoutASheetIsNotFound) {
  EXPECT_THAT(Submit(assessor_token_, zhang_.name()), GrpcIs(Code::NOT_FOUND));
}

TEST_F(SheetServiceTest, SubmitLocksTheSheet) {
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), FullMarks(), "良好"), GrpcIs(Code::OK));
  clock_.Advance(120);
  v1::Sheet sheet;
  ASSERT_THAT(Submit(assessor_token_, zhang_.name(), &sheet), GrpcIs(Code::OK));
  EXPECT_EQ(sheet.state(), v1::SHEET_STATE_SUBMITTED);
  EXPECT_EQ(sheet.total(), "90.0");
  EXPECT_THAT(Scores(sheet), ElementsAre("theory=12.5", "competence=13.0", "system=18.0",
                                         "talent=17.5", "charity=14.0", "ethics=15.0"));
  EXPECT_EQ(sheet.update_time(), "2023-06-01T00:02:00Z");

  EXPECT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "10"}}),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("reopen")));
  EXPECT_THAT(SetScores(assessor_token_, zhang_.name(), {}, "改评语"),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("reopen")));
  EXPECT_THAT(Submit(assessor_token_, zhang_.name()), GrpcIs(Code::FAILED_PRECONDITION));
  v1::Sheet read = Expert1Sheet();
  EXPECT_EQ(read.SerializeAsString(), sheet.SerializeAsString());
  EXPECT_EQ(read.comment(), "良好");
}

// --- ReopenSheet ------------------------------------------------------------------

TEST_F(SheetServiceTest, AdminReopensWithAReasonAndTheAssessorResubmits) {
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), FullMarks()), GrpcIs(Code::OK));
  ASSERT_THAT(Submit(assessor_token_, zhang_.name()), GrpcIs(Code::OK));

  EXPECT_THAT(Reopen(admin_token_, zhang_.name(), "users/expert1", ""),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("reason")));
  EXPECT_THAT(Reopen(admin_token_, zhang_.name(), "users/expert1", " \t "),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("reason")));
  EXPECT_THAT(Reopen(admin_token_, zhang_.name(), "users/expert1", std::string(501, 'x')),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("reason")));
  EXPECT_EQ(Expert1Sheet().state(), v1::SHEET_STATE_SUBMITTED);

  v1::Sheet sheet;
  ASSERT_THAT(Reopen(admin_token_, zhang_.name(), "users/expert1", "理论分数录入有误", &sheet),
              GrpcIs(Code::OK));
  EXPECT_EQ(sheet.state(), v1::SHEET_STATE_DRAFT);
  EXPECT_EQ(sheet.assessor(), "users/expert1");
  EXPECT_EQ(sheet.total(), "90.0");  // the points stay

  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "13"}}, {}, &sheet),
              GrpcIs(Code::OK));
  EXPECT_EQ(sheet.total(), "90.5");
  ASSERT_THAT(Submit(assessor_token_, zhang_.name(), &sheet), GrpcIs(Code::OK));
  EXPECT_EQ(sheet.state(), v1::SHEET_STATE_SUBMITTED);
  EXPECT_EQ(sheet.total(), "90.5");
  EXPECT_EQ(Expert1Sheet().state(), v1::SHEET_STATE_SUBMITTED);
}

TEST_F(SheetServiceTest, ReopeningADraftIsFailedPrecondition) {
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), FullMarks()), GrpcIs(Code::OK));
  EXPECT_THAT(Reopen(admin_token_, zhang_.name(), "users/expert1", "复核"),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("not submitted")));
  // Reopening twice: the second finds a draft.
  ASSERT_THAT(Submit(assessor_token_, zhang_.name()), GrpcIs(Code::OK));
  ASSERT_THAT(Reopen(admin_token_, zhang_.name(), "users/expert1", "复核"), GrpcIs(Code::OK));
  EXPECT_THAT(Reopen(admin_token_, zhang_.name(), "users/expert1", "复核"),
              GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_EQ(AuditEvents("ReopenSheet").size(), 1u);
}

TEST_F(SheetServiceTest, ReopenWithoutASheetOrAsAnAssessorIsRefused) {
  EXPECT_THAT(Reopen(admin_token_, zhang_.name(), "users/expert1", "复核"),
              GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(Reopen(admin_token_, zhang_.name(), "users/nobody", "复核"),
              GrpcIs(Code::NOT_FOUND));
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), FullMarks()), GrpcIs(Code::OK));
  ASSERT_THAT(Submit(assessor_token_, zhang_.name()), GrpcIs(Code::OK));
  EXPECT_THAT(Reopen(assessor_token_, zhang_.name(), "users/expert1", "我想改"),
              GrpcIs(Code::PERMISSION_DENIED, HasSubstr("ReopenSheet")));
  EXPECT_THAT(Reopen(viewer_token_, zhang_.name(), "users/expert1", "复核"),
              GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_EQ(Expert1Sheet().state(), v1::SHEET_STATE_SUBMITTED);
}

// --- Audit ------------------------------------------------------------------------

TEST_F(SheetServiceTest, SubmitAndReopenLeaveAuditEvents) {
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), FullMarks()), GrpcIs(Code::OK));
  clock_.Advance(30);
  ASSERT_THAT(Submit(assessor_token_, zhang_.name()), GrpcIs(Code::OK));
  clock_.Advance(30);
  ASSERT_THAT(Reopen(admin_token_, zhang_.name(), "users/expert1", "申诉改分"), GrpcIs(Code::OK));

  std::vector<domain::AuditEvent> submits = AuditEvents("SubmitSheet");
  ASSERT_EQ(submits.size(), 1u);
  EXPECT_EQ(submits[0].username, "expert1");
  EXPECT_EQ(submits[0].resource, ZhangSheet("expert1"));
  EXPECT_EQ(submits[0].time, kFixtureNow + 30);

  std::vector<domain::AuditEvent> reopens = AuditEvents("ReopenSheet");
  ASSERT_EQ(reopens.size(), 1u);
  EXPECT_EQ(reopens[0].username, "admin");
  EXPECT_EQ(reopens[0].resource, ZhangSheet("expert1"));
  EXPECT_THAT(reopens[0].detail, HasSubstr("申诉改分"));
  EXPECT_EQ(reopens[0].time, kFixtureNow + 60);
  EXPECT_GT(reopens[0].id, submits[0].id);

  // Refused calls leave none.
  EXPECT_THAT(Reopen(admin_token_, zhang_.name(), "users/expert1", "再次"),
              GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_THAT(Submit(expert2_token_, zhang_.name()), GrpcIs(Code::NOT_FOUND));
  EXPECT_EQ(AuditEvents("ReopenSheet").size(), 1u);
  EXPECT_EQ(AuditEvents("SubmitSheet").size(), 1u);
  auto checked = core_->audit.VerifyAuditLog();
  ASSERT_THAT(checked, testing::IsOk());
  EXPECT_GE(checked->covered, 1);

  // A point edited in the file, the audit rows untouched, is found.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir_.File("talent.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE sheet_points SET tenths = tenths + 1", nullptr, nullptr,
                         nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  EXPECT_THAT(core_->audit.VerifyAuditLog(),
              testing::StatusIs(absl::StatusCode::kDataLoss,
                                HasSubstr("differs from what audit event")));
}

}  // namespace
}  // namespace talent
