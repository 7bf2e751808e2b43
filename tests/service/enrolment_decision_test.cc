// talent.v1.EnrolmentService over a real server, the decisions on an
// enrolment (docs/lifecycles.md §2): recommendations going upward once per
// level, selection needing one and staying within the track's quota,
// rejecting a selected candidate freeing the quota, and withdrawing from
// each open stage.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/service/enrolment_service_fixture.h"
#include "tests/testing/status_matchers.h"

namespace talent {
namespace {

using ::talent::testing::EnrolmentServiceTest;
using ::talent::testing::GrpcIs;
using ::talent::testing::kCohort2023;
using ::testing::AllOf;
using ::testing::HasSubstr;
using Code = grpc::StatusCode;

// The fixture is talent::testing::EnrolmentServiceTest (enrolment_service_fixture.h).

// ---------------------------------------------------------------------------
// Recommend, select, reject, withdraw.

TEST_F(EnrolmentServiceTest, RecommendationsGoUpwardOnlyOncePerLevel) {
  CreateCohort(2023, 2, 1, 1, true);
  v1::Enrolment e = Enrol(kCohort2023, "张伟", 1, v1::TRACK_SERVICE);
  ASSERT_THAT(Recommend(e.name(), v1::LEVEL_CITY), GrpcIs(Code::OK));
  EXPECT_THAT(Recommend(e.name(), v1::LEVEL_COUNTY),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("upward")));
  EXPECT_THAT(Recommend(e.name(), v1::LEVEL_CITY),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("city")));
  v1::Enrolment out;
  ASSERT_THAT(Recommend(e.name(), v1::LEVEL_PROVINCE, "2023-06-01", &out), GrpcIs(Code::OK))
      << "today is not in the future";
  EXPECT_EQ(out.recommendations_size(), 2);
}

TEST_F(EnrolmentServiceTest, RecommendRejectsBadInput) {
  CreateCohort(2023, 2, 1, 1, true);
  v1::Enrolment e = Enrol(kCohort2023, "张伟", 1, v1::TRACK_SERVICE);
  EXPECT_THAT(Recommend(e.name(), v1::LEVEL_UNSPECIFIED),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("level")));
  EXPECT_THAT(Recommend(e.name(), static_cast<v1::RecommendationLevel>(9)),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("level")));
  EXPECT_THAT(Recommend(e.name(), v1::LEVEL_COUNTY, "2023-06-02"),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("future")));
  EXPECT_THAT(Recommend(e.name(), v1::LEVEL_COUNTY, "2023/05/01"),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("recommendation.date")));
  EXPECT_THAT(Recommend(e.name(), v1::LEVEL_COUNTY, "2023-02-30"),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("date")));
  v1::RecommendEnrolmentRequest req;
  req.set_name(e.name());
  req.mutable_recommendation()->set_level(v1::LEVEL_COUNTY);
  req.mutable_recommendation()->set_date("2023-05-01");
  v1::Enrolment out;
  EXPECT_THAT(enrolments_->RecommendEnrolment(AsAdmin().get(), req, &out),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("body")));
  EXPECT_THAT(Recommend("enrolments/999", v1::LEVEL_COUNTY), GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(Recommend("bad", v1::LEVEL_COUNTY), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("name")));
  ASSERT_THAT(Get(e.name(), &out), GrpcIs(Code::OK));
  EXPECT_EQ(out.stage(), v1::STAGE_APPLIED);
  EXPECT_EQ(out.recommendations_size(), 0);
}

TEST_F(EnrolmentServiceTest, SelectNeedsARecommendation) {
  CreateCohort(2023, 2, 1, 1, true);
  v1::Enrolment e = Enrol(kCohort2023, "张伟", 1, v1::TRACK_SERVICE);
  EXPECT_THAT(Select(e.name()),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("record a recommendation first")));
  EXPECT_THAT(Select("enrolments/999"), GrpcIs(Code::NOT_FOUND));
  RecommendAndSelect(e.name());
  EXPECT_THAT(Select(e.name()), GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("selected")));
  EXPECT_THAT(Recommend(e.name(), v1::LEVEL_PROVINCE), GrpcIs(Code::FAILED_PRECONDITION));
}

TEST_F(EnrolmentServiceTest, ZeroQuotaTrackTakesNobody) {
  CreateCohort(2023, 2, 0, 1, true);
  v1::Enrolment e = Enrol(kCohort2023, "王芳", 2, v1::TRACK_MANAGEMENT);
  ASSERT_THAT(Recommend(e.name(), v1::LEVEL_COUNTY), GrpcIs(Code::OK));
  EXPECT_THAT(Select(e.name()),
              GrpcIs(Code::FAILED_PRECONDITION,
                     AllOf(HasSubstr("management"), HasSubstr("quota 0"), HasSubstr("selected 0"))));
}

TEST_F(EnrolmentServiceTest, RejectingASelectedCandidateFreesTheQuota) {
  CreateCohort(2023, 1, 1, 1, true);
  v1::Enrolment a = Enrol(kCohort2023, "张伟", 1, v1::TRACK_SERVICE);
  v1::Enrolment b = Enrol(kCohort2023, "王芳", 2, v1::TRACK_SERVICE);
  RecommendAndSelect(a.name());
  ASSERT_THAT(Recommend(b.name(), v1::LEVEL_COUNTY), GrpcIs(Code::OK));
  ASSERT_THAT(Select(b.name()), GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("quota 1")));

  EXPECT_THAT(Reject(a.name(), ""), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("reason")));
  EXPECT_THAT(Reject(a.name(), std::string(501, 'x')),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("reason")));
  v1::Enrolment out;
  ASSERT_THAT(Reject(a.name(), "材料不全", &out), GrpcIs(Code::OK));
  EXPECT_EQ(out.stage(), v1::STAGE_NOT_SELECTED);
  EXPECT_EQ(out.stage_reason(), "材料不全");
  EXPECT_THAT(Select(b.name()), GrpcIs(Code::OK));
  // Rejected is final.
  EXPECT_THAT(Reject(a.name(), "again"), GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("not-selected")));
  EXPECT_THAT(Recommend(a.name(), v1::LEVEL_PROVINCE), GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_THAT(Reject("enrolments/999", "x"), GrpcIs(Code::NOT_FOUND));
}

TEST_F(EnrolmentServiceTest, WithdrawFromEachOpenStage) {
  CreateCohort(2023, 2, 1, 1, true);
  v1::Enrolment applied = Enrol(kCohort2023, "张伟", 1, v1::TRACK_SERVICE);
  v1::Enrolment recommended = Enrol(kCohort2023, "王芳", 2, v1::TRACK_SERVICE);
  v1::Enrolment selected = Enrol(kCohort2023, "李明远", 3, v1::TRACK_MANAGEMENT);
  ASSERT_THAT(Recommend(recommended.name(), v1::LEVEL_COUNTY), GrpcIs(Code::OK));
  RecommendAndSelect(selected.name());
  EXPECT_THAT(Withdraw(applied.name(), ""), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("reason")));
  for (const v1::Enrolment* e : {&applied, &recommended, &selected}) {
    v1::Enrolment out;
    ASSERT_THAT(Withdraw(e->name(), "个人原因", &out), GrpcIs(Code::OK)) << e->name();
    EXPECT_EQ(out.stage(), v1::STAGE_WITHDRAWN);
    EXPECT_EQ(out.stage_reason(), "个人原因");
    EXPECT_THAT(Withdraw(e->name(), "again"),
                GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("cannot be withdrawn")));
  }
  EXPECT_THAT(Withdraw("enrolments/999", "x"), GrpcIs(Code::NOT_FOUND));
  v1::GetCohortRequest get;
  get.set_name(kCohort2023);
  v1::Cohort c;
  ASSERT_THAT(cohorts_->GetCohort(AsAdmin().get(), get, &c), GrpcIs(Code::OK));
  EXPECT_EQ(c.selected().management(), 0) << "a withdrawn selection still holds a place";
}

}  // namespace
}  // namespace talent
