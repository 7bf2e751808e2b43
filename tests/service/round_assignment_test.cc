// talent.v1.RoundService over a real server: assigning assessors to
// enrolments in a round with recusal (docs/lifecycles.md §4). Named
// enrolments are all or nothing; a track or the whole cohort skips and
// reports the recused pairs (same organisation, compared normalised, or a
// declared conflict); assigning again counts pairs already there; every
// refusal and its status code; and who sees which assignments.
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
using ::talent::testing::kCohort2022;
using ::talent::testing::kRound1;
using ::talent::testing::kRound2;
using ::talent::testing::Pairs;
using ::talent::testing::RoundServiceTest;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;
using Code = grpc::StatusCode;

// The fixture is talent::testing::RoundServiceTest (round_service_fixture.h).

// --- AssignAssessors: named enrolments ---------------------------------------------

TEST_F(RoundServiceTest, AssignNamedEnrolments) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  v1::AssignAssessorsResponse resp;
  ASSERT_THAT(AssignNamed({"users/expert1", "expert2"}, {wang_.name(), Id(li_)}, &resp),
              GrpcIs(Code::OK));
  EXPECT_EQ(resp.assigned(), 4);
  EXPECT_EQ(resp.already(), 0);
  EXPECT_THAT(resp.skipped(), IsEmpty());
  EXPECT_THAT(Round1Pairs(), ElementsAre(wang_.name() + " 王芳 TRACK_SERVICE users/expert1",
                                         wang_.name() + " 王芳 TRACK_SERVICE users/expert2",
                                         li_.name() + " 李明 TRACK_MANAGEMENT users/expert1",
                                         li_.name() + " 李明 TRACK_MANAGEMENT users/expert2"));
  // Round 2 is its own.
  v1::ListAssignmentsResponse round2;
  ASSERT_THAT(ListAssignments(kRound2, &round2), GrpcIs(Code::OK));
  EXPECT_EQ(round2.assignments_size(), 0);
}

TEST_F(RoundServiceTest, NamedEnrolmentOfTheAssessorsOrganisationRefusesTheWholeCall) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  // expert2's organisation is 张伟's but for a space.
  v1::AssignAssessorsResponse resp;
  EXPECT_THAT(AssignNamed({"expert1", "expert2"}, {li_.name(), zhang_.name()}, &resp),
              GrpcIs(Code::FAILED_PRECONDITION,
                     AllOf(HasSubstr("expert2"), HasSubstr("enrolment " + Id(zhang_)),
                           HasSubstr("张伟"), HasSubstr("recused"))));
  EXPECT_THAT(Round1Pairs(), IsEmpty());
  EXPECT_TRUE(AuditEvents("AssignAssessors").empty());
}

TEST_F(RoundServiceTest, OrganisationsAreComparedNormalised) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  // expert3's organisation is 王芳's in full-width letters, another case, an
  // ideographic space and a hyphen.
  EXPECT_THAT(AssignNamed({"expert3"}, {wang_.name()}),
              GrpcIs(Code::FAILED_PRECONDITION,
                     AllOf(HasSubstr("expert3"), HasSubstr("enrolment " + Id(wang_)))));
  EXPECT_THAT(Round1Pairs(), IsEmpty());
  // Neither is recused from anyone else.
  v1::AssignAssessorsResponse resp;
  ASSERT_THAT(AssignNamed({"expert3"}, {zhang_.name(), li_.name()}, &resp), GrpcIs(Code::OK));
  EXPECT_EQ(resp.assigned(), 2);
  ASSERT_THAT(AssignNamed({"expert2"}, {wang_.name(), li_.name()}, &resp), GrpcIs(Code::OK));
  EXPECT_EQ(resp.assigned(), 2);
}

TEST_F(RoundServiceTest, DeclaredConflictRecusesANamedEnrolment) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  ASSERT_THAT(AddConflict("expert1", li_.name(), "曾为其督导"), GrpcIs(Code::OK));
  EXPECT_THAT(AssignNamed({"expert1"}, {zhang_.name(), li_.name()}),
              GrpcIs(Code::FAILED_PRECONDITION,
                     AllOf(HasSubstr("expert1"), HasSubstr("enrolment " + Id(li_)),
                           HasSubstr("conflict"))));
  EXPECT_THAT(Round1Pairs(), IsEmpty());
}

TEST_F(RoundServiceTest, AssigningTheSamePairAgainCountsItAsAlready) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  v1::AssignAssessorsResponse first;
  ASSERT_THAT(AssignNamed({"expert1"}, {zhang_.name()}, &first), GrpcIs(Code::OK));
  EXPECT_EQ(first.assigned(), 1);
  EXPECT_EQ(first.already(), 0);
  v1::AssignAssessorsResponse again;
  // The same enrolment named twice in one call is one pair.
  ASSERT_THAT(AssignNamed({"expert1"}, {zhang_.name(), Id(zhang_), wang_.name()}, &again),
              GrpcIs(Code::OK));
  EXPECT_EQ(again.assigned(), 1);
  EXPECT_EQ(again.already(), 1);
  EXPECT_THAT(Round1Pairs(), ElementsAre(zhang_.name() + " 张伟 TRACK_SERVICE users/expert1",
                                         wang_.name() + " 王芳 TRACK_SERVICE users/expert1"));
}

TEST_F(RoundServiceTest, UserWhoIsNotAnAssessorIsFailedPrecondition) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  EXPECT_THAT(AssignNamed({"expert1", "leader1"}, {zhang_.name()}),
              GrpcIs(Code::FAILED_PRECONDITION,
                     AllOf(HasSubstr("leader1"), HasSubstr("not an assessor"))));
  EXPECT_THAT(AssignNamed({"admin"}, {li_.name()}),
              GrpcIs(Code::FAILED_PRECONDITION,
                     AllOf(HasSubstr("admin"), HasSubstr("not an assessor"))));
  v1::AssignAssessorsRequest req;
  req.set_round(kRound1);
  req.add_assessors("expert1");
  req.add_assessors("leader1");
  req.set_whole_cohort(true);
  EXPECT_THAT(Assign(req), GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("leader1")));
  EXPECT_THAT(Round1Pairs(), IsEmpty());
}

// round.proto: FAILED_PRECONDITION for "a user who is not an assessor" —
// whether or not the track happens to hold an active enrolment.
TEST_F(RoundServiceTest, UserWhoIsNotAnAssessorIsRefusedForATrackWithNoActiveEnrolment) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  v1::AssignAssessorsRequest req;
  req.set_round(kRound1);
  req.add_assessors("leader1");
  req.set_track(v1::TRACK_EDUCATION_RESEARCH);  // only 刘静, not selected
  v1::AssignAssessorsResponse resp;
  EXPECT_THAT(Assign(req, &resp),
              GrpcIs(Code::FAILED_PRECONDITION,
                     AllOf(HasSubstr("leader1"), HasSubstr("not an assessor"))));
  EXPECT_TRUE(AuditEvents("AssignAssessors").empty());
}

TEST_F(RoundServiceTest, DisabledAssessorIsFailedPrecondition) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  ASSERT_TRUE(core_->users.DisableUser(admin_caller_, "expert1").ok());
  EXPECT_THAT(AssignNamed({"expert1"}, {zhang_.name()}),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("expert1")));
  v1::AssignAssessorsRequest req;
  req.set_round(kRound1);
  req.add_assessors("expert1");
  req.set_whole_cohort(true);
  EXPECT_THAT(Assign(req), GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("expert1")));
  EXPECT_THAT(Round1Pairs(), IsEmpty());
}

TEST_F(RoundServiceTest, EnrolmentThatIsNotActiveIsFailedPrecondition) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  // 刘静 was never selected: NOT_SELECTED since cultivation began.
  EXPECT_THAT(AssignNamed({"expert1"}, {zhang_.name(), liu_.name()}),
              GrpcIs(Code::FAILED_PRECONDITION,
                     AllOf(HasSubstr("enrolment " + Id(liu_)), HasSubstr("刘静"),
                           HasSubstr("active"))));
  EXPECT_THAT(Round1Pairs(), IsEmpty());
}

TEST_F(RoundServiceTest, EnrolmentOfAnotherCohortIsInvalidArgument) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  CreateCohort(2022, 10, 10, 10, /*open=*/true);
  v1::Enrolment other = Enrol(kCohort2022, "赵国平", 21, v1::TRACK_SERVICE);
  EXPECT_THAT(AssignNamed({"expert1"}, {zhang_.name(), other.name()}),
              GrpcIs(Code::INVALID_ARGUMENT,
                     AllOf(HasSubstr("enrolment " + Id(other)), HasSubstr("SCSW/2023"))));
  EXPECT_THAT(Round1Pairs(), IsEmpty());
}

TEST_F(RoundServiceTest, UnknownAssessorEnrolmentOrRoundIsNotFound) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  EXPECT_THAT(AssignNamed({"expert1", "nobody"}, {zhang_.name()}),
              GrpcIs(Code::NOT_FOUND, HasSubstr("nobody")));
  EXPECT_THAT(AssignNamed({"expert1"}, {zhang_.name(), "enrolments/9999"}),
              GrpcIs(Code::NOT_FOUND, HasSubstr("9999")));
  v1::AssignAssessorsRequest req;
  req.set_round("programmes/SCSW/cohorts/2023/rounds/7");
  req.add_assessors("expert1");
  req.add_enrolments(zhang_.name());
  EXPECT_THAT(Assign(req), GrpcIs(Code::NOT_FOUND));
  req.set_round("programmes/SCSW/cohorts/2023");
  EXPECT_THAT(Assign(req), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("round")));
  EXPECT_THAT(Round1Pairs(), IsEmpty());
}

TEST_F(RoundServiceTest, EmptyAssessorsOrScopeIsInvalidArgument) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  EXPECT_THAT(AssignNamed({}, {zhang_.name()}),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("assessor")));
  EXPECT_THAT(AssignNamed({"expert1"}, {}), GrpcIs(Code::INVALID_ARGUMENT));
  v1::AssignAssessorsRequest req;
  req.set_round(kRound1);
  req.add_assessors("expert1");
  req.add_enrolments(zhang_.name());
  req.set_track(v1::TRACK_SERVICE);
  EXPECT_THAT(Assign(req), GrpcIs(Code::INVALID_ARGUMENT));
  req.set_track(v1::TRACK_UNSPECIFIED);
  req.set_whole_cohort(true);
  EXPECT_THAT(Assign(req), GrpcIs(Code::INVALID_ARGUMENT));
  v1::AssignAssessorsRequest bad_track;
  bad_track.set_round(kRound1);
  bad_track.add_assessors("expert1");
  bad_track.set_track(static_cast<v1::Track>(9));
  EXPECT_THAT(Assign(bad_track), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("track")));
  EXPECT_THAT(Round1Pairs(), IsEmpty());
}

// round.proto: "Exactly one scope"; INVALID_ARGUMENT for a double scope. A
// track and the whole cohort together are two.
TEST_F(RoundServiceTest, TrackAndWholeCohortTogetherIsInvalidArgument) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  v1::AssignAssessorsRequest req;
  req.set_round(kRound1);
  req.add_assessors("expert1");
  req.set_track(v1::TRACK_MANAGEMENT);
  req.set_whole_cohort(true);
  EXPECT_THAT(Assign(req), GrpcIs(Code::INVALID_ARGUMENT));
  EXPECT_THAT(Round1Pairs(), IsEmpty());
}

// --- AssignAssessors: a track or the whole cohort ------------------------------------

TEST_F(RoundServiceTest, WholeCohortAssignsEveryActiveEnrolmentAndReportsSkippedPairs) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  ASSERT_THAT(AddConflict("expert1", li_.name(), "曾为其督导"), GrpcIs(Code::OK));
  v1::AssignAssessorsRequest req;
  req.set_round(kRound1);
  req.add_assessors("expert1");
  req.add_assessors("users/expert2");
  req.add_assessors("expert3");
  req.set_whole_cohort(true);
  v1::AssignAssessorsResponse resp;
  ASSERT_THAT(Assign(req, &resp), GrpcIs(Code::OK));
  // 3 active × 3 assessors, less 3 recused; 刘静 (not selected) never.
  EXPECT_EQ(resp.assigned(), 6);
  EXPECT_EQ(resp.already(), 0);
  ASSERT_EQ(resp.skipped_size(), 3);
  EXPECT_THAT(resp.skipped(),
              UnorderedElementsAre(AllOf(HasSubstr("expert1"), HasSubstr("enrolment " + Id(li_)),
                                         HasSubstr("conflict")),
                                   AllOf(HasSubstr("expert2"), HasSubstr("enrolment " + Id(zhang_))),
                                   AllOf(HasSubstr("expert3"), HasSubstr("enrolment " + Id(wang_)))));
  EXPECT_THAT(Round1Pairs(), ElementsAre(zhang_.name() + " 张伟 TRACK_SERVICE users/expert1",
                                         zhang_.name() + " 张伟 TRACK_SERVICE users/expert3",
                                         wang_.name() + " 王芳 TRACK_SERVICE users/expert1",
                                         wang_.name() + " 王芳 TRACK_SERVICE users/expert2",
                                         li_.name() + " 李明 TRACK_MANAGEMENT users/expert2",
                                         li_.name() + " 李明 TRACK_MANAGEMENT users/expert3"));
  // Again: everything already there, the same pairs skipped, nothing doubled.
  v1::AssignAssessorsResponse again;
  ASSERT_THAT(Assign(req, &again), GrpcIs(Code::OK));
  EXPECT_EQ(again.assigned(), 0);
  EXPECT_EQ(again.already(), 6);
  EXPECT_EQ(again.skipped_size(), 3);
  EXPECT_EQ(Round1Pairs().size(), 6u);
}

TEST_F(RoundServiceTest, TrackAssignsOnlyItsActiveEnrolments) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  v1::AssignAssessorsRequest req;
  req.set_round(kRound1);
  req.add_assessors("expert1");
  req.add_assessors("expert2");
  req.set_track(v1::TRACK_SERVICE);
  v1::AssignAssessorsResponse resp;
  ASSERT_THAT(Assign(req, &resp), GrpcIs(Code::OK));
  EXPECT_EQ(resp.assigned(), 3);
  ASSERT_EQ(resp.skipped_size(), 1);
  EXPECT_THAT(resp.skipped(0), AllOf(HasSubstr("expert2"), HasSubstr("enrolment " + Id(zhang_))));
  EXPECT_THAT(Round1Pairs(), ElementsAre(zhang_.name() + " 张伟 TRACK_SERVICE users/expert1",
                                         wang_.name() + " 王芳 TRACK_SERVICE users/expert1",
                                         wang_.name() + " 王芳 TRACK_SERVICE users/expert2"));
  // A track with no active enrolment assigns nothing.
  req.set_track(v1::TRACK_EDUCATION_RESEARCH);
  ASSERT_THAT(Assign(req, &resp), GrpcIs(Code::OK));
  EXPECT_EQ(resp.assigned(), 0);
  EXPECT_EQ(resp.already(), 0);
  EXPECT_EQ(resp.skipped_size(), 0);
  // The whole cohort afterwards counts what is there.
  v1::AssignAssessorsRequest all;
  all.set_round(kRound1);
  all.add_assessors("expert1");
  all.set_whole_cohort(true);
  ASSERT_THAT(Assign(all, &resp), GrpcIs(Code::OK));
  EXPECT_EQ(resp.assigned(), 1);
  EXPECT_EQ(resp.already(), 2);
}

TEST_F(RoundServiceTest, AssignInAnOpenRoundIsAllowed) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  ASSERT_THAT(OpenRound(kRound1), GrpcIs(Code::OK));
  v1::AssignAssessorsResponse resp;
  ASSERT_THAT(AssignNamed({"expert1"}, {zhang_.name()}, &resp), GrpcIs(Code::OK));
  EXPECT_EQ(resp.assigned(), 1);
}

// --- ListAssignments ---------------------------------------------------------------

TEST_F(RoundServiceTest, AssessorSeesOnlyTheirOwnAssignments) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  ASSERT_THAT(AssignNamed({"expert1", "expert2"}, {wang_.name(), li_.name()}), GrpcIs(Code::OK));
  ASSERT_THAT(AssignNamed({"expert3"}, {zhang_.name()}), GrpcIs(Code::OK));
  EXPECT_EQ(Round1Pairs().size(), 5u);
  v1::ListAssignmentsResponse as_viewer;
  ASSERT_THAT(ListAssignments(kRound1, &as_viewer, viewer_token_), GrpcIs(Code::OK));
  EXPECT_EQ(as_viewer.assignments_size(), 5);
  v1::ListAssignmentsResponse as_expert1;
  ASSERT_THAT(ListAssignments(kRound1, &as_expert1, assessor_token_), GrpcIs(Code::OK));
  EXPECT_THAT(Pairs(as_expert1), ElementsAre(wang_.name() + " 王芳 TRACK_SERVICE users/expert1",
                                             li_.name() + " 李明 TRACK_MANAGEMENT users/expert1"));
  v1::ListAssignmentsResponse as_expert3;
  ASSERT_THAT(ListAssignments("SCSW/2023/1", &as_expert3, expert3_token_), GrpcIs(Code::OK));
  EXPECT_THAT(Pairs(as_expert3), ElementsAre(zhang_.name() + " 张伟 TRACK_SERVICE users/expert3"));
  v1::ListAssignmentsResponse missing;
  EXPECT_THAT(ListAssignments("programmes/SCSW/cohorts/2023/rounds/3", &missing),
              GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(ListAssignments("", &missing), GrpcIs(Code::INVALID_ARGUMENT));
}

}  // namespace
}  // namespace talent
