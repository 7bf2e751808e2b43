// talent.v1.RoundService over a real server: who may call what (assessors
// and viewers may not write, no or a forged token is UNAUTHENTICATED, and a
// refused call changes nothing) and the audit event each change of rounds,
// conflicts and assignments leaves, none for a refused one.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "talent/v1/round.grpc.pb.h"
#include "tests/service/round_service_fixture.h"
#include "tests/testing/status_matchers.h"

namespace talent {
namespace {

using ::talent::testing::GrpcIs;
using ::talent::testing::kCohort2023;
using ::talent::testing::kRound1;
using ::talent::testing::kRound2;
using ::talent::testing::RoundServiceTest;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using Code = grpc::StatusCode;

// The fixture is talent::testing::RoundServiceTest (round_service_fixture.h).

// --- Roles and authentication --------------------------------------------------------

TEST_F(RoundServiceTest, AssessorsAndViewersCannotWrite) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  for (const std::string& token : {assessor_token_, viewer_token_}) {
    EXPECT_THAT(CreateRound(kCohort2023, "补充", 3, false, nullptr, token),
                GrpcIs(Code::PERMISSION_DENIED, HasSubstr("CreateRound")));
    EXPECT_THAT(OpenRound(kRound1, nullptr, token),
                GrpcIs(Code::PERMISSION_DENIED, HasSubstr("OpenRound")));
    EXPECT_THAT(AddConflict("expert1", li_.name(), "曾为其督导", token),
                GrpcIs(Code::PERMISSION_DENIED, HasSubstr("AddConflict")));
    v1::AssignAssessorsRequest req;
    req.set_round(kRound1);
    req.add_assessors("expert1");
    req.set_whole_cohort(true);
    EXPECT_THAT(Assign(req, nullptr, token),
                GrpcIs(Code::PERMISSION_DENIED, HasSubstr("AssignAssessors")));
  }
  v1::ListConflictsResponse conflicts;
  EXPECT_THAT(ListConflicts(kCohort2023, &conflicts, assessor_token_),
              GrpcIs(Code::PERMISSION_DENIED, HasSubstr("ListConflicts")));
  EXPECT_THAT(ListConflicts(kCohort2023, &conflicts, viewer_token_), GrpcIs(Code::OK));
  // Nothing changed.
  v1::Round r;
  ASSERT_THAT(GetRound(kRound1, &r), GrpcIs(Code::OK));
  EXPECT_EQ(r.state(), v1::ROUND_STATE_DRAFT);
  v1::ListRoundsResponse list;
  ASSERT_THAT(ListRounds(kCohort2023, &list), GrpcIs(Code::OK));
  EXPECT_EQ(list.rounds_size(), 2);
  EXPECT_THAT(Round1Pairs(), IsEmpty());
  ASSERT_THAT(ListConflicts(kCohort2023, &conflicts), GrpcIs(Code::OK));
  EXPECT_EQ(conflicts.conflicts_size(), 0);
}

TEST_F(RoundServiceTest, NoTokenIsUnauthenticated) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  auto none = [this] { return As(""); };
  v1::Round round;
  v1::CreateRoundRequest create;
  create.mutable_round()->set_cohort(kCohort2023);
  create.mutable_round()->set_title("补充");
  create.mutable_round()->set_position(3);
  EXPECT_THAT(rounds_->CreateRound(none().get(), create, &round), GrpcIs(Code::UNAUTHENTICATED));
  v1::ListRoundsRequest list_req;
  list_req.set_cohort(kCohort2023);
  v1::ListRoundsResponse list;
  EXPECT_THAT(rounds_->ListRounds(none().get(), list_req, &list), GrpcIs(Code::UNAUTHENTICATED));
  v1::GetRoundRequest get;
  get.set_name(kRound1);
  EXPECT_THAT(rounds_->GetRound(none().get(), get, &round), GrpcIs(Code::UNAUTHENTICATED));
  v1::OpenRoundRequest open;
  open.set_name(kRound1);
  EXPECT_THAT(rounds_->OpenRound(none().get(), open, &round), GrpcIs(Code::UNAUTHENTICATED));
  v1::AddConflictRequest conflict;
  conflict.set_assessor("expert1");
  conflict.set_enrolment(li_.name());
  conflict.set_reason("曾为其督导");
  v1::AddConflictResponse conflict_resp;
  EXPECT_THAT(rounds_->AddConflict(none().get(), conflict, &conflict_resp),
              GrpcIs(Code::UNAUTHENTICATED));
  v1::ListConflictsRequest list_conflicts;
  list_conflicts.set_cohort(kCohort2023);
  v1::ListConflictsResponse conflicts;
  EXPECT_THAT(rounds_->ListConflicts(none().get(), list_conflicts, &conflicts),
              GrpcIs(Code::UNAUTHENTICATED));
  v1::AssignAssessorsRequest assign;
  assign.set_round(kRound1);
  assign.add_assessors("expert1");
  assign.set_whole_cohort(true);
  v1::AssignAssessorsResponse assign_resp;
  EXPECT_THAT(rounds_->AssignAssessors(none().get(), assign, &assign_resp),
              GrpcIs(Code::UNAUTHENTICATED));
  v1::ListAssignmentsRequest list_assignments;
  list_assignments.set_round(kRound1);
  v1::ListAssignmentsResponse assignments;
  EXPECT_THAT(rounds_->ListAssignments(none().get(), list_assignments, &assignments),
              GrpcIs(Code::UNAUTHENTICATED));
  // A forged token is no better.
  EXPECT_THAT(rounds_->ListRounds(As("tpm_forged").get(), list_req, &list),
              GrpcIs(Code::UNAUTHENTICATED));
  EXPECT_THAT(Round1Pairs(), IsEmpty());
}

// --- Audit ------------------------------------------------------------------------------

TEST_F(RoundServiceTest, EachChangeLeavesAnAuditEvent) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  std::vector<domain::AuditEvent> created = AuditEvents("CreateRound");
  ASSERT_EQ(created.size(), 2u);
  EXPECT_EQ(created[0].resource, kRound1);
  EXPECT_EQ(created[0].username, "admin");
  EXPECT_THAT(created[0].detail, HasSubstr("中期考核"));
  EXPECT_EQ(created[1].resource, kRound2);
  EXPECT_THAT(created[1].detail, HasSubstr("final"));

  ASSERT_THAT(OpenRound(kRound1), GrpcIs(Code::OK));
  std::vector<domain::AuditEvent> opened = AuditEvents("OpenRound");
  ASSERT_EQ(opened.size(), 1u);
  EXPECT_EQ(opened[0].resource, kRound1);
  EXPECT_EQ(opened[0].username, "admin");

  ASSERT_THAT(AddConflict("expert1", li_.name(), "曾为其督导"), GrpcIs(Code::OK));
  std::vector<domain::AuditEvent> conflicts = AuditEvents("AddConflict");
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_EQ(conflicts[0].resource, li_.name());
  EXPECT_THAT(conflicts[0].detail, HasSubstr("expert1"));

  v1::AssignAssessorsRequest req;
  req.set_round(kRound1);
  req.add_assessors("expert1");
  req.add_assessors("expert2");
  req.set_whole_cohort(true);
  ASSERT_THAT(Assign(req), GrpcIs(Code::OK));
  std::vector<domain::AuditEvent> assigned = AuditEvents("AssignAssessors");
  ASSERT_EQ(assigned.size(), 1u);
  EXPECT_EQ(assigned[0].resource, kRound1);
  EXPECT_THAT(assigned[0].detail,
              AllOf(HasSubstr("expert1"), HasSubstr("expert2"), HasSubstr("assigned=4"),
                    HasSubstr("skipped=2")));
  // Refused writes leave none.
  EXPECT_THAT(OpenRound(kRound1), GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_THAT(AssignNamed({"expert2"}, {zhang_.name()}), GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_THAT(CreateRound(kCohort2023, "中期考核", 3), GrpcIs(Code::ALREADY_EXISTS));
  EXPECT_EQ(AuditEvents("OpenRound").size(), 1u);
  EXPECT_EQ(AuditEvents("AssignAssessors").size(), 1u);
  EXPECT_EQ(AuditEvents("CreateRound").size(), 2u);
}

}  // namespace
}  // namespace talent
