// talent.v1.RoundService over a real server: declared conflicts of interest
// between an assessor and an enrolment (docs/lifecycles.md §4), listed with
// their names and reasons per cohort, declared once, and every status code
// AddConflict and ListConflicts promise. Recusal by conflict when assigning
// is in round_assignment_test.cc.
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
using ::talent::testing::kCohort2023;
using ::talent::testing::kFixtureNow;
using ::talent::testing::RoundServiceTest;
using ::testing::HasSubstr;
using Code = grpc::StatusCode;

// The fixture is talent::testing::RoundServiceTest (round_service_fixture.h).

// --- Conflicts -------------------------------------------------------------------

TEST_F(RoundServiceTest, AddConflictIsListedWithItsNames) {
  MakeCultivating2023();
  if (HasFatalFailure()) return;
  clock_.Set(kFixtureNow + 3600);
  ASSERT_THAT(AddConflict("users/expert1", li_.name(), "曾为其督导"), GrpcIs(Code::OK));
  // Short forms too.
  ASSERT_THAT(AddConflict("expert2", Id(wang_), "  同一项目组  "), GrpcIs(Code::OK));
  v1::ListConflictsResponse list;
  ASSERT_THAT(ListConflicts(kCohort2023, &list), GrpcIs(Code::OK));
  ASSERT_EQ(list.conflicts_size(), 2);
  // By enrolment: 王芳 (enrolled second) before 李明.
  EXPECT_EQ(list.conflicts(0).assessor(), "users/expert2");
  EXPECT_EQ(list.conflicts(0).enrolment(), wang_.name());
  EXPECT_EQ(list.conflicts(0).candidate(), "王芳");
  EXPECT_EQ(list.conflicts(0).reason(), "同一项目组");
  EXPECT_EQ(list.conflicts(1).assessor(), "users/expert1");
  EXPECT_EQ(list.conflicts(1).enrolment(), li_.name());
  EXPECT_EQ(list.conflicts(1).candidate(), "李明");
  EXPECT_EQ(list.conflicts(1).reason(), "曾为其督导");
  EXPECT_EQ(list.conflicts(1).create_time(), "2023-06-01T01:00:00Z");
  // A viewer reads them.
  v1::ListConflictsResponse as_viewer;
  ASSERT_THAT(ListConflicts(kCohort2023, &as_viewer, viewer_token_), GrpcIs(Code::OK));
  EXPECT_EQ(as_viewer.conflicts_size(), 2);
}

TEST_F(RoundServiceTest, AddConflictUnknownAssessorOrEnrolmentIsNotFound) {
  MakeCultivating2023();
  if (HasFatalFailure()) return;
  EXPECT_THAT(AddConflict("users/nobody", li_.name(), "曾为其督导"),
              GrpcIs(Code::NOT_FOUND, HasSubstr("nobody")));
  EXPECT_THAT(AddConflict("users/expert1", "enrolments/9999", "曾为其督导"),
              GrpcIs(Code::NOT_FOUND, HasSubstr("9999")));
  EXPECT_THAT(AddConflict("users/expert1", "enrolments/x", "曾为其督导"),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("enrolment")));
  EXPECT_THAT(AddConflict("", li_.name(), "曾为其督导"),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("assessor")));
  v1::ListConflictsResponse list;
  ASSERT_THAT(ListConflicts(kCohort2023, &list), GrpcIs(Code::OK));
  EXPECT_EQ(list.conflicts_size(), 0);
  EXPECT_TRUE(AuditEvents("AddConflict").empty());
}

TEST_F(RoundServiceTest, AddConflictWithoutReasonIsInvalidArgument) {
  MakeCultivating2023();
  if (HasFatalFailure()) return;
  EXPECT_THAT(AddConflict("users/expert1", li_.name(), ""),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("reason")));
  EXPECT_THAT(AddConflict("users/expert1", li_.name(), " \xE3\x80\x80"),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("reason")));
  std::string too_long;
  for (int i = 0; i < 501; ++i) too_long += "长";
  EXPECT_THAT(AddConflict("users/expert1", li_.name(), too_long),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("reason")));
  v1::ListConflictsResponse list;
  ASSERT_THAT(ListConflicts(kCohort2023, &list), GrpcIs(Code::OK));
  EXPECT_EQ(list.conflicts_size(), 0);
  // Then a valid one goes through: nothing else was wrong.
  EXPECT_THAT(AddConflict("users/expert1", li_.name(), too_long.substr(3)), GrpcIs(Code::OK));
}

TEST_F(RoundServiceTest, DeclaringAConflictTwiceKeepsOne) {
  MakeCultivating2023();
  if (HasFatalFailure()) return;
  ASSERT_THAT(AddConflict("users/expert1", li_.name(), "曾为其督导"), GrpcIs(Code::OK));
  ASSERT_THAT(AddConflict("users/expert1", li_.name(), "亲属关系"), GrpcIs(Code::OK));
  v1::ListConflictsResponse list;
  ASSERT_THAT(ListConflicts(kCohort2023, &list), GrpcIs(Code::OK));
  ASSERT_EQ(list.conflicts_size(), 1);
  EXPECT_EQ(list.conflicts(0).reason(), "曾为其督导");
}

TEST_F(RoundServiceTest, ListConflictsIsLimitedToTheCohort) {
  MakeCultivating2023();
  if (HasFatalFailure()) return;
  CreateCohort(2022, 10, 10, 10, /*open=*/true);
  v1::Enrolment other = Enrol(kCohort2022, "赵国平", 21, v1::TRACK_SERVICE);
  ASSERT_THAT(AddConflict("users/expert1", other.name(), "曾为其督导"), GrpcIs(Code::OK));
  ASSERT_THAT(AddConflict("users/expert1", zhang_.name(), "同事"), GrpcIs(Code::OK));
  v1::ListConflictsResponse list2023;
  ASSERT_THAT(ListConflicts(kCohort2023, &list2023), GrpcIs(Code::OK));
  ASSERT_EQ(list2023.conflicts_size(), 1);
  EXPECT_EQ(list2023.conflicts(0).candidate(), "张伟");
  v1::ListConflictsResponse list2022;
  ASSERT_THAT(ListConflicts(kCohort2022, &list2022), GrpcIs(Code::OK));
  ASSERT_EQ(list2022.conflicts_size(), 1);
  EXPECT_EQ(list2022.conflicts(0).candidate(), "赵国平");
  v1::ListConflictsResponse missing;
  EXPECT_THAT(ListConflicts("programmes/SCSW/cohorts/2024", &missing), GrpcIs(Code::NOT_FOUND));
}

}  // namespace
}  // namespace talent
