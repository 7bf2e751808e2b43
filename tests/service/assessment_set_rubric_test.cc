// talent.v1.AssessmentService.SetRubric over a real server: replacing a
// cohort's criteria (returned in order, the total following them, another
// cohort untouched), every invalid rubric refused naming the criterion and
// the field, and the rubric frozen once the cohort is in cultivation.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "talent/v1/assessment.grpc.pb.h"
#include "tests/service/assessment_fixture.h"
#include "tests/testing/status_matchers.h"

namespace talent {
namespace {

using ::talent::testing::AssessmentServiceTest;
using ::talent::testing::Codes;
using ::talent::testing::GrpcIs;
using ::talent::testing::kCohort2023;
using ::talent::testing::MakeCriterion;
using ::talent::testing::Maxima;
using ::talent::testing::ThreeCriteria;
using ::talent::testing::Vetoes;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Code = grpc::StatusCode;

// The fixture is talent::testing::AssessmentServiceTest (assessment_fixture.h).

// --- SetRubric ---------------------------------------------------------------

TEST_F(AssessmentServiceTest, SetRubricReplacesTheCriteriaAndGetReturnsThemInOrder) {
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  v1::Rubric set;
  ASSERT_THAT(SetRubric(ThreeCriteria(), &set), GrpcIs(Code::OK));
  EXPECT_EQ(set.cohort(), kCohort2023);
  EXPECT_THAT(Codes(set), ElementsAre("practice", "ethics", "research"));
  EXPECT_THAT(Maxima(set), ElementsAre("50.0", "19.5", "30.5"));
  EXPECT_EQ(set.total_points(), "100.0");

  v1::Rubric got = Rubric2023();
  EXPECT_EQ(got.cohort(), kCohort2023);
  EXPECT_THAT(Codes(got), ElementsAre("practice", "ethics", "research"));
  EXPECT_THAT(Maxima(got), ElementsAre("50.0", "19.5", "30.5"));
  EXPECT_THAT(Vetoes(got), ElementsAre(false, true, false));
  EXPECT_EQ(got.criteria(0).name_zh(), "实务能力");
  EXPECT_EQ(got.criteria(0).name_en(), "Practice");
  EXPECT_EQ(got.criteria(2).name_zh(), "研究能力");
  EXPECT_EQ(got.criteria(2).name_en(), "Research");
  EXPECT_EQ(got.total_points(), "100.0");
}

TEST_F(AssessmentServiceTest, SecondSetRubricReplacesTheFirstAndTotalFollows) {
  CreateCohort(2023, 10, 10, 10, /*open=*/false);
  ASSERT_THAT(SetRubric(ThreeCriteria()), GrpcIs(Code::OK));
  v1::Rubric two;
  two.set_cohort(kCohort2023);
  // Whole points without a decimal are accepted and answered with one.
  *two.add_criteria() = MakeCriterion("research", "研究能力", "Research", "40");
  *two.add_criteria() = MakeCriterion("teaching", "教学", "Teaching", "0.5");
  v1::Rubric set;
  ASSERT_THAT(SetRubric(two, &set), GrpcIs(Code::OK));
  EXPECT_EQ(set.total_points(), "40.5");
  v1::Rubric got = Rubric2023();
  EXPECT_THAT(Codes(got), ElementsAre("research", "teaching"));
  EXPECT_THAT(Maxima(got), ElementsAre("40.0", "0.5"));
  EXPECT_THAT(Vetoes(got), ElementsAre(false, false));
  EXPECT_EQ(got.total_points(), "40.5");
}

TEST_F(AssessmentServiceTest, RubricOfOneCohortLeavesAnotherAtTheDefault) {
  CreateCohort(2022, 10, 10, 10, /*open=*/false);
  CreateCohort(2023, 10, 10, 10, /*open=*/false);
  ASSERT_THAT(SetRubric(ThreeCriteria()), GrpcIs(Code::OK));
  v1::Rubric other;
  ASSERT_THAT(GetRubric(testing::kCohort2022, &other), GrpcIs(Code::OK));
  EXPECT_EQ(other.criteria_size(), 6);
  EXPECT_EQ(other.total_points(), "100.0");
}

TEST_F(AssessmentServiceTest, BadMaxPointsIsInvalidArgumentNamingTheCriterion) {
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  for (const char* max : {"60.55", "0", "100.1", "abc", "", "-5.0"}) {
    v1::Rubric r = ThreeCriteria();
    r.mutable_criteria(2)->set_max_points(max);
    EXPECT_THAT(SetRubric(r), GrpcIs(Code::INVALID_ARGUMENT,
                                     AllOf(HasSubstr("criterion research"), HasSubstr("max"))))
        << "max_points \"" << max << "\"";
  }
  // Nothing was stored: still the default.
  EXPECT_EQ(Rubric2023().criteria_size(), 6);
}

TEST_F(AssessmentServiceTest, MaxPointsAtTheBoundsAccepted) {
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  v1::Rubric r;
  r.set_cohort(kCohort2023);
  *r.add_criteria() = MakeCriterion("low", "低", "Low", "0.1");
  *r.add_criteria() = MakeCriterion("high", "高", "High", "100.0");
  v1::Rubric set;
  ASSERT_THAT(SetRubric(r, &set), GrpcIs(Code::OK));
  EXPECT_THAT(Maxima(set), ElementsAre("0.1", "100.0"));
  EXPECT_EQ(set.total_points(), "100.1");
}

TEST_F(AssessmentServiceTest, SecondVetoCriterionIsInvalidArgumentNamingIt) {
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  v1::Rubric r = ThreeCriteria();
  r.mutable_criteria(2)->set_veto(true);
  EXPECT_THAT(SetRubric(r), GrpcIs(Code::INVALID_ARGUMENT,
                                   AllOf(HasSubstr("criterion research"), HasSubstr("veto"))));
  EXPECT_EQ(Rubric2023().criteria_size(), 6);
}

TEST_F(AssessmentServiceTest, DuplicateCodeIsInvalidArgumentNamingIt) {
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  v1::Rubric r = ThreeCriteria();
  r.mutable_criteria(2)->set_code("practice");
  EXPECT_THAT(SetRubric(r), GrpcIs(Code::INVALID_ARGUMENT,
                                   AllOf(HasSubstr("practice"), HasSubstr("twice"))));
  EXPECT_EQ(Rubric2023().criteria_size(), 6);
}

TEST_F(AssessmentServiceTest, MalformedCodeIsInvalidArgumentNamingIt) {
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  for (const char* code : {"Practice", "", "a-b", "abcdefghijklmnopq"}) {
    v1::Rubric r = ThreeCriteria();
    r.mutable_criteria(0)->set_code(code);
    EXPECT_THAT(SetRubric(r), GrpcIs(Code::INVALID_ARGUMENT,
                                     HasSubstr(std::string("criterion code \"") + code + "\"")))
        << code;
  }
}

TEST_F(AssessmentServiceTest, EmptyCriteriaListIsInvalidArgument) {
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  v1::Rubric r;
  r.set_cohort(kCohort2023);
  EXPECT_THAT(SetRubric(r), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("1 to 20 criteria")));
  EXPECT_EQ(Rubric2023().criteria_size(), 6);
}

TEST_F(AssessmentServiceTest, TwentyOneCriteriaIsInvalidArgument) {
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  v1::Rubric r;
  r.set_cohort(kCohort2023);
  for (int i = 0; i < 21; ++i) {
    *r.add_criteria() = MakeCriterion("c" + std::to_string(i), "项", "Item", "1.0");
  }
  EXPECT_THAT(SetRubric(r), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("1 to 20 criteria")));
  r.mutable_criteria()->RemoveLast();
  EXPECT_THAT(SetRubric(r), GrpcIs(Code::OK));
}

TEST_F(AssessmentServiceTest, EmptyNameIsInvalidArgumentNamingCriterionAndField) {
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  v1::Rubric r = ThreeCriteria();
  r.mutable_criteria(1)->set_name_zh("");
  EXPECT_THAT(SetRubric(r), GrpcIs(Code::INVALID_ARGUMENT,
                                   HasSubstr("criterion ethics name_zh is required")));
  r = ThreeCriteria();
  r.mutable_criteria(1)->set_name_en("   ");
  EXPECT_THAT(SetRubric(r), GrpcIs(Code::INVALID_ARGUMENT,
                                   HasSubstr("criterion ethics name_en is required")));
  EXPECT_EQ(Rubric2023().criteria_size(), 6);
}

TEST_F(AssessmentServiceTest, SetRubricWhileDraftOrEnrollingIsAllowed) {
  CreateCohort(2022, 10, 10, 10, /*open=*/false);
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  v1::Rubric draft = ThreeCriteria();
  draft.set_cohort(testing::kCohort2022);
  EXPECT_THAT(SetRubric(draft), GrpcIs(Code::OK));
  EXPECT_THAT(SetRubric(ThreeCriteria()), GrpcIs(Code::OK));
}

TEST_F(AssessmentServiceTest, SetRubricOnceCultivatingIsFailedPrecondition) {
  MakeCultivating2023();
  if (HasFatalFailure()) return;
  EXPECT_THAT(SetRubric(ThreeCriteria()),
              GrpcIs(Code::FAILED_PRECONDITION,
                     AllOf(HasSubstr("SCSW/2023"), HasSubstr("cultivating"))));
  EXPECT_EQ(Rubric2023().criteria_size(), 6);
  EXPECT_TRUE(AuditEvents("SetRubric").empty());
}

}  // namespace
}  // namespace talent
