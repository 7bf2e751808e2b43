// talent.v1.AssessmentService over a real server: the default rubric and
// rules of a new cohort, cohort names (short, missing, malformed), who may
// read and write, and the audit event each change leaves. Replacing the
// rubric is in assessment_set_rubric_test.cc, changing the rules in
// assessment_set_rules_test.cc.
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
using ::talent::testing::ExpectDefaultRules;
using ::talent::testing::GrpcIs;
using ::talent::testing::kCohort2023;
using ::talent::testing::Maxima;
using ::talent::testing::ThreeCriteria;
using ::talent::testing::Vetoes;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Code = grpc::StatusCode;

// The fixture is talent::testing::AssessmentServiceTest (assessment_fixture.h).

// --- Defaults ----------------------------------------------------------------

TEST_F(AssessmentServiceTest, NewCohortHasTheSixAreaDefaultRubric) {
  CreateCohort(2023, 10, 10, 10, /*open=*/false);
  v1::Rubric r;
  ASSERT_THAT(GetRubric(kCohort2023, &r), GrpcIs(Code::OK));
  EXPECT_EQ(r.cohort(), kCohort2023);
  EXPECT_THAT(Codes(r),
              ElementsAre("theory", "competence", "system", "talent", "charity", "ethics"));
  EXPECT_THAT(Maxima(r), ElementsAre("15.0", "15.0", "20.0", "20.0", "15.0", "15.0"));
  EXPECT_THAT(Vetoes(r), ElementsAre(false, false, false, false, false, true));
  EXPECT_EQ(r.criteria(5).name_zh(), "坚守行业伦理");
  EXPECT_EQ(r.criteria(5).name_en(), "Professional ethics");
  EXPECT_EQ(r.total_points(), "100.0");
}

TEST_F(AssessmentServiceTest, NewCohortHasTheDefaultRules) {
  CreateCohort(2023, 10, 10, 10, /*open=*/false);
  v1::AssessmentRules r;
  ASSERT_THAT(GetRules(kCohort2023, &r), GrpcIs(Code::OK));
  EXPECT_EQ(r.cohort(), kCohort2023);
  ExpectDefaultRules(r);
  EXPECT_THAT(r.description(), HasSubstr("trimmed mean"));
  EXPECT_THAT(r.description(), HasSubstr("Excellent cap: none"));
}

TEST_F(AssessmentServiceTest, ShortCohortNameIsAcceptedAndAnsweredInFull) {
  CreateCohort(2023, 10, 10, 10, /*open=*/false);
  v1::Rubric rubric;
  ASSERT_THAT(GetRubric("SCSW/2023", &rubric), GrpcIs(Code::OK));
  EXPECT_EQ(rubric.cohort(), kCohort2023);
  v1::AssessmentRules rules;
  ASSERT_THAT(GetRules("SCSW/2023", &rules), GrpcIs(Code::OK));
  EXPECT_EQ(rules.cohort(), kCohort2023);
}

// --- Names, authentication and roles -----------------------------------------

TEST_F(AssessmentServiceTest, MissingCohortIsNotFound) {
  CreateCohort(2022, 10, 10, 10, /*open=*/true);
  v1::Rubric rubric;
  EXPECT_THAT(GetRubric(kCohort2023, &rubric), GrpcIs(Code::NOT_FOUND, HasSubstr("2023")));
  EXPECT_THAT(SetRubric(ThreeCriteria()), GrpcIs(Code::NOT_FOUND, HasSubstr("2023")));
  v1::AssessmentRules rules;
  EXPECT_THAT(GetRules(kCohort2023, &rules), GrpcIs(Code::NOT_FOUND, HasSubstr("2023")));
  v1::AssessmentRules values = Rules2023();
  values.set_notice_days(10);
  EXPECT_THAT(SetRules(values, {"notice_days"}), GrpcIs(Code::NOT_FOUND, HasSubstr("2023")));
  // Nor does a missing programme exist.
  EXPECT_THAT(GetRubric("programmes/GDSW/cohorts/2023", &rubric), GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(GetRules("programmes/GDSW/cohorts/2023", &rules), GrpcIs(Code::NOT_FOUND));
  EXPECT_TRUE(AuditEvents("SetRubric").empty());
  EXPECT_TRUE(AuditEvents("SetRules").empty());
}

TEST_F(AssessmentServiceTest, MalformedCohortNameIsInvalidArgumentNamingTheField) {
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  v1::Rubric rubric;
  EXPECT_THAT(GetRubric("programmes/SCSW", &rubric),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("cohort")));
  v1::Rubric r = ThreeCriteria();
  r.set_cohort("");
  EXPECT_THAT(SetRubric(r), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("rubric.cohort")));
  v1::AssessmentRules rules;
  EXPECT_THAT(GetRules("cohorts/2023", &rules),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("cohort")));
  v1::AssessmentRules values;
  values.set_cohort("SCSW-2023");
  values.set_notice_days(10);
  EXPECT_THAT(SetRules(values, {"notice_days"}),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("rules.cohort")));
}

TEST_F(AssessmentServiceTest, AssessorAndViewerMayReadButNotWrite) {
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  for (const std::string& token : {assessor_token_, viewer_token_}) {
    v1::Rubric rubric;
    EXPECT_THAT(GetRubric(kCohort2023, &rubric, token), GrpcIs(Code::OK));
    EXPECT_EQ(rubric.criteria_size(), 6);
    v1::AssessmentRules rules;
    EXPECT_THAT(GetRules(kCohort2023, &rules, token), GrpcIs(Code::OK));
    EXPECT_EQ(rules.min_sheets(), 3);

    EXPECT_THAT(SetRubric(ThreeCriteria(), nullptr, token), GrpcIs(Code::PERMISSION_DENIED));
    v1::AssessmentRules values = Rules2023();
    values.set_notice_days(10);
    EXPECT_THAT(SetRules(values, {"notice_days"}, nullptr, token),
                GrpcIs(Code::PERMISSION_DENIED));
  }
  EXPECT_EQ(Rubric2023().criteria_size(), 6);
  EXPECT_EQ(CurrentRules2023().notice_days(), 5);
  EXPECT_TRUE(AuditEvents("SetRubric").empty());
  EXPECT_TRUE(AuditEvents("SetRules").empty());
}

TEST_F(AssessmentServiceTest, NoTokenIsUnauthenticated) {
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  v1::GetRubricRequest get_rubric;
  get_rubric.set_cohort(kCohort2023);
  v1::Rubric rubric;
  EXPECT_THAT(assessment_->GetRubric(As("").get(), get_rubric, &rubric),
              GrpcIs(Code::UNAUTHENTICATED));
  v1::SetRubricRequest set_rubric;
  *set_rubric.mutable_rubric() = ThreeCriteria();
  EXPECT_THAT(assessment_->SetRubric(As("").get(), set_rubric, &rubric),
              GrpcIs(Code::UNAUTHENTICATED));
  v1::GetRulesRequest get_rules;
  get_rules.set_cohort(kCohort2023);
  v1::AssessmentRules rules;
  EXPECT_THAT(assessment_->GetRules(As("").get(), get_rules, &rules),
              GrpcIs(Code::UNAUTHENTICATED));
  v1::SetRulesRequest set_rules;
  *set_rules.mutable_rules() = Rules2023();
  set_rules.mutable_rules()->set_notice_days(10);
  set_rules.add_update_mask("notice_days");
  EXPECT_THAT(assessment_->SetRules(As("").get(), set_rules, &rules),
              GrpcIs(Code::UNAUTHENTICATED));
  // A token nobody was given is no better.
  EXPECT_THAT(assessment_->GetRules(As("not-a-token").get(), get_rules, &rules),
              GrpcIs(Code::UNAUTHENTICATED));
  EXPECT_EQ(CurrentRules2023().notice_days(), 5);
}

// --- Audit -------------------------------------------------------------------

TEST_F(AssessmentServiceTest, EverySuccessfulSetLeavesAnAuditEvent) {
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  ASSERT_THAT(SetRubric(ThreeCriteria()), GrpcIs(Code::OK));
  v1::AssessmentRules values = Rules2023();
  values.set_excellent_cap_percent(20);
  values.set_aggregation(v1::AGGREGATION_MEDIAN);
  ASSERT_THAT(SetRules(values, {"excellent_cap_percent", "aggregation"}), GrpcIs(Code::OK));
  values.set_notice_days(9);
  ASSERT_THAT(SetRules(values, {"notice_days"}), GrpcIs(Code::OK));
  // Refused changes leave nothing.
  v1::Rubric bad = ThreeCriteria();
  bad.mutable_criteria(0)->set_max_points("0");
  ASSERT_THAT(SetRubric(bad), GrpcIs(Code::INVALID_ARGUMENT));
  values.set_notice_days(31);
  ASSERT_THAT(SetRules(values, {"notice_days"}), GrpcIs(Code::INVALID_ARGUMENT));

  std::vector<domain::AuditEvent> rubric_events = AuditEvents("SetRubric");
  ASSERT_EQ(rubric_events.size(), 1u);
  EXPECT_EQ(rubric_events[0].username, "admin");
  EXPECT_EQ(rubric_events[0].resource, kCohort2023);
  EXPECT_THAT(rubric_events[0].detail,
              AllOf(HasSubstr("practice=50.0"), HasSubstr("ethics=19.5(veto)"),
                    HasSubstr("research=30.5")));

  std::vector<domain::AuditEvent> rules_events = AuditEvents("SetRules");
  ASSERT_EQ(rules_events.size(), 2u);
  EXPECT_EQ(rules_events[0].username, "admin");
  EXPECT_EQ(rules_events[0].resource, kCohort2023);
  EXPECT_THAT(rules_events[0].detail,
              AllOf(HasSubstr("excellent_cap_percent"), HasSubstr("aggregation")));
  EXPECT_THAT(rules_events[1].detail, HasSubstr("notice_days"));
  EXPECT_THAT(core_->audit.VerifyAuditLog(), testing::IsOk());
}

}  // namespace
}  // namespace talent
