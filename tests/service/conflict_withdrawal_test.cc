// A conflict of interest declared after assessors were assigned: the
// assessor's pending assignments and draft sheets for that candidate are
// withdrawn in every round still DRAFT or OPEN; a sheet already submitted is
// on the record and stays, and the answer says where.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/service/round_flow_fixture.h"
#include "tests/testing/status_matchers.h"

namespace talent {
namespace {

using ::talent::testing::GrpcIs;
using ::talent::testing::kRound1;
using ::talent::testing::kRound2;
using ::talent::testing::Sheet;
using ::testing::ElementsAre;
using Code = grpc::StatusCode;

class ConflictWithdrawalTest : public testing::RoundFlowFixture {
 protected:
  grpc::Status AddConflict(const std::string& assessor, const v1::Enrolment& e,
                           v1::AddConflictResponse* out) {
    v1::AddConflictRequest req;
    req.set_assessor(assessor);
    req.set_enrolment(e.name());
    req.set_reason("曾为其督导");
    return rounds_->AddConflict(AsAdmin().get(), req, out);
  }

  // How many assignments `assessor` has for `e` in `round`.
  int Assigned(const std::string& round, const std::string& assessor, const v1::Enrolment& e) {
    v1::ListAssignmentsRequest req;
    req.set_round(round);
    v1::ListAssignmentsResponse resp;
    EXPECT_THAT(rounds_->ListAssignments(AsAdmin().get(), req, &resp), GrpcIs(Code::OK));
    int n = 0;
    for (const v1::Assignment& a : resp.assignments()) {
      if (a.assessor() == assessor && a.enrolment() == e.name()) ++n;
    }
    return n;
  }

  grpc::Status GetSheet(const v1::Enrolment& e, const std::string& assessor) {
    v1::GetSheetRequest req;
    req.set_round(kRound1);
    req.set_enrolment(e.name());
    req.set_assessor(assessor);
    v1::Sheet sheet;
    return sheets_->GetSheet(AsAdmin().get(), req, &sheet);
  }
};

TEST_F(ConflictWithdrawalTest, WithdrawsPendingAssignmentsAndDraftsKeepsSubmittedSheets) {
  // Round 2 (DRAFT) is assigned too; in round 1 expert2 has a draft of
  // 张伟's sheet and expert3 has submitted theirs.
  v1::AssignAssessorsResponse assigned;
  ASSERT_THAT(AssignWholeCohort(kRound2, &assigned), GrpcIs(Code::OK));
  ASSERT_THAT(SetScores(expert2_token_, zhang_.name(), Sheet("14", "14", "19", "18", "14", "13")),
              GrpcIs(Code::OK));
  Score(expert3_token_, zhang_, Sheet("14", "14", "19", "18", "14", "13"));
  ASSERT_FALSE(HasFatalFailure());

  v1::AddConflictResponse out;
  ASSERT_THAT(AddConflict("users/expert2", zhang_, &out), GrpcIs(Code::OK));
  EXPECT_EQ(out.withdrawn_assignments(), 2);  // rounds 1 and 2
  EXPECT_EQ(out.withdrawn_drafts(), 1);
  EXPECT_EQ(out.submitted_sheets_kept_size(), 0);
  EXPECT_EQ(Assigned(kRound1, "users/expert2", zhang_), 0);
  EXPECT_EQ(Assigned(kRound2, "users/expert2", zhang_), 0);
  EXPECT_EQ(Assigned(kRound1, "users/expert2", wang_), 1) << "another candidate was touched";
  EXPECT_THAT(GetSheet(zhang_, "users/expert2"), GrpcIs(Code::NOT_FOUND));
  // The assessor can no longer score the candidate.
  EXPECT_FALSE(
      SetScores(expert2_token_, zhang_.name(), Sheet("14", "14", "19", "18", "14", "13")).ok());

  ASSERT_THAT(AddConflict("users/expert3", zhang_, &out), GrpcIs(Code::OK));
  EXPECT_EQ(out.withdrawn_assignments(), 1);  // round 2 only
  EXPECT_EQ(out.withdrawn_drafts(), 0);
  EXPECT_THAT(out.submitted_sheets_kept(), ElementsAre(kRound1));
  EXPECT_EQ(Assigned(kRound1, "users/expert3", zhang_), 1);
  EXPECT_THAT(GetSheet(zhang_, "users/expert3"), GrpcIs(Code::OK));

  std::vector<domain::AuditEvent> events = AuditEvents("AddConflict");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].detail, "assessor=expert2 withdrew 2 assignment(s) and 1 draft sheet(s)");
  EXPECT_EQ(events[1].detail,
            std::string("assessor=expert3 withdrew 1 assignment(s) and 0 draft sheet(s); "
                        "submitted sheets kept in ") + kRound1);
}

TEST_F(ConflictWithdrawalTest, RoundsPastScoringAreLeftAsTheyAre) {
  CloseRound1();
  ASSERT_FALSE(HasFatalFailure());
  v1::AddConflictResponse out;
  ASSERT_THAT(AddConflict("users/expert1", li_, &out), GrpcIs(Code::OK));
  EXPECT_EQ(out.withdrawn_assignments(), 0);
  EXPECT_EQ(out.withdrawn_drafts(), 0);
  EXPECT_EQ(out.submitted_sheets_kept_size(), 0);
  EXPECT_EQ(Assigned(kRound1, "users/expert1", li_), 1);
}

}  // namespace
}  // namespace talent
