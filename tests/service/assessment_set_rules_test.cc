// talent.v1.AssessmentService.SetRules over a real server: changing only
// the rules named in update_mask, successive changes accumulating, every
// rule settable, and every invalid mask or value refused naming the API
// field; the rules still change in cultivation until a round opens.
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
using ::talent::testing::ExpectDefaultRules;
using ::talent::testing::GrpcIs;
using ::talent::testing::kCohort2023;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using Code = grpc::StatusCode;

// The fixture is talent::testing::AssessmentServiceTest (assessment_fixture.h).

// --- SetRules ----------------------------------------------------------------

TEST_F(AssessmentServiceTest, SetRulesChangesOnlyTheNamedFields) {
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  v1::AssessmentRules values = Rules2023();
  values.set_excellent_cap_percent(20);
  values.set_aggregation(v1::AGGREGATION_MEDIAN);
  // Not named: ignored, however wrong.
  values.set_min_sheets(99);
  values.set_excellent_from("abc");
  values.set_notice_days(0);
  values.set_eliminate_fail(false);
  v1::AssessmentRules set;
  ASSERT_THAT(SetRules(values, {"excellent_cap_percent", "aggregation"}, &set),
              GrpcIs(Code::OK));
  EXPECT_EQ(set.cohort(), kCohort2023);
  EXPECT_EQ(set.excellent_cap_percent(), 20);
  EXPECT_EQ(set.aggregation(), v1::AGGREGATION_MEDIAN);
  ExpectDefaultRules(set, {"excellent_cap_percent", "aggregation"});
  EXPECT_THAT(set.description(), HasSubstr("median"));
  EXPECT_THAT(set.description(), HasSubstr("Excellent cap: 20%"));

  v1::AssessmentRules got = CurrentRules2023();
  EXPECT_EQ(got.excellent_cap_percent(), 20);
  EXPECT_EQ(got.aggregation(), v1::AGGREGATION_MEDIAN);
  ExpectDefaultRules(got, {"excellent_cap_percent", "aggregation"});
}

TEST_F(AssessmentServiceTest, SuccessiveSetRulesAccumulate) {
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  v1::AssessmentRules values = Rules2023();
  values.set_notice_days(30);
  ASSERT_THAT(SetRules(values, {"notice_days"}), GrpcIs(Code::OK));
  values = Rules2023();
  values.set_disagreement_points("12.5");
  values.set_eliminate_two_pass(true);
  ASSERT_THAT(SetRules(values, {"disagreement_points", "eliminate_two_pass"}), GrpcIs(Code::OK));
  v1::AssessmentRules got = CurrentRules2023();
  EXPECT_EQ(got.notice_days(), 30);
  EXPECT_EQ(got.disagreement_points(), "12.5");
  EXPECT_TRUE(got.eliminate_two_pass());
  ExpectDefaultRules(got, {"notice_days", "disagreement_points", "eliminate_two_pass"});
}

TEST_F(AssessmentServiceTest, EveryRuleCanBeSetThroughTheMask) {
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  v1::AssessmentRules values = Rules2023();
  values.set_aggregation(v1::AGGREGATION_MEAN);
  values.set_min_sheets(5);
  values.set_excellent_from("92.5");
  values.set_good_from("85.25");
  values.set_pass_from("65");
  values.set_veto_percent(50);
  values.set_excellent_cap_percent(30);
  values.set_disagreement_points("15.5");
  values.set_notice_days(7);
  values.set_eliminate_fail(false);
  values.set_eliminate_absent(false);
  values.set_eliminate_bottom_k(2);
  values.set_eliminate_bottom_percent(10);
  values.set_eliminate_two_pass(true);
  const std::vector<std::string> all = {
      "aggregation",         "min_sheets",     "excellent_from",   "good_from",
      "pass_from",           "veto_percent",   "excellent_cap_percent",
      "disagreement_points", "notice_days",    "eliminate_fail",   "eliminate_absent",
      "eliminate_bottom_k",  "eliminate_bottom_percent", "eliminate_two_pass"};
  ASSERT_THAT(SetRules(values, all), GrpcIs(Code::OK));
  v1::AssessmentRules got = CurrentRules2023();
  EXPECT_EQ(got.aggregation(), v1::AGGREGATION_MEAN);
  EXPECT_EQ(got.min_sheets(), 5);
  EXPECT_EQ(got.excellent_from(), "92.50");
  EXPECT_EQ(got.good_from(), "85.25");
  EXPECT_EQ(got.pass_from(), "65.00");
  EXPECT_EQ(got.veto_percent(), 50);
  EXPECT_EQ(got.excellent_cap_percent(), 30);
  EXPECT_EQ(got.disagreement_points(), "15.5");
  EXPECT_EQ(got.notice_days(), 7);
  EXPECT_FALSE(got.eliminate_fail());
  EXPECT_FALSE(got.eliminate_absent());
  EXPECT_EQ(got.eliminate_bottom_k(), 2);
  EXPECT_EQ(got.eliminate_bottom_percent(), 10);
  EXPECT_TRUE(got.eliminate_two_pass());
  EXPECT_THAT(got.description(), HasSubstr("mean of the assessors' totals"));
  EXPECT_THAT(got.description(), HasSubstr("the bottom 2"));
}

TEST_F(AssessmentServiceTest, EmptyMaskIsInvalidArgument) {
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  v1::AssessmentRules values = Rules2023();
  values.set_notice_days(10);
  EXPECT_THAT(SetRules(values, {}), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("update_mask")));
  ExpectDefaultRules(CurrentRules2023());
}

TEST_F(AssessmentServiceTest, UnknownMaskNameIsInvalidArgumentNamingIt) {
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  v1::AssessmentRules values = Rules2023();
  values.set_notice_days(10);
  for (const char* field : {"colour", "description", "cohort", "disagreement_tenths"}) {
    EXPECT_THAT(SetRules(values, {"notice_days", field}),
                GrpcIs(Code::INVALID_ARGUMENT,
                       AllOf(HasSubstr("update_mask"), HasSubstr(std::string("\"") + field))))
        << field;
  }
  // The valid name beside the unknown one was not applied either.
  ExpectDefaultRules(CurrentRules2023());
}

TEST_F(AssessmentServiceTest, BandsOutOfOrderAreInvalidArgumentNamingTheBands) {
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  v1::AssessmentRules values = Rules2023();
  values.set_good_from("95.00");  // above excellent_from's 90.00
  EXPECT_THAT(SetRules(values, {"good_from"}),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("excellent_from > good_from > pass_from")));
  values = Rules2023();
  values.set_pass_from("80.00");  // equal to good_from: not strictly decreasing
  EXPECT_THAT(SetRules(values, {"pass_from"}),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("good_from > pass_from")));
  // Moving all three together in order is fine.
  values = Rules2023();
  values.set_excellent_from("95.00");
  values.set_good_from("90.00");
  values.set_pass_from("85.00");
  EXPECT_THAT(SetRules(values, {"excellent_from", "good_from", "pass_from"}), GrpcIs(Code::OK));
}

TEST_F(AssessmentServiceTest, BadDecimalIsInvalidArgumentNamingTheField) {
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  struct Case {
    const char* field;
    const char* text;
  };
  for (const Case& c : std::vector<Case>{{"excellent_from", "90.123"},
                                         {"excellent_from", "abc"},
                                         {"good_from", ""},
                                         {"pass_from", "-60"},
                                         {"disagreement_points", "20.05"},
                                         {"disagreement_points", "abc"}}) {
    v1::AssessmentRules values = Rules2023();
    if (std::string(c.field) == "excellent_from") values.set_excellent_from(c.text);
    if (std::string(c.field) == "good_from") values.set_good_from(c.text);
    if (std::string(c.field) == "pass_from") values.set_pass_from(c.text);
    if (std::string(c.field) == "disagreement_points") values.set_disagreement_points(c.text);
    EXPECT_THAT(SetRules(values, {c.field}),
                GrpcIs(Code::INVALID_ARGUMENT, HasSubstr(std::string(c.field) + ":")))
        << c.field << " = \"" << c.text << "\"";
  }
  ExpectDefaultRules(CurrentRules2023());
}

TEST_F(AssessmentServiceTest, IntegerRulesOutOfRangeAreInvalidArgumentNamingTheField) {
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  v1::AssessmentRules values = Rules2023();
  values.set_notice_days(31);
  EXPECT_THAT(SetRules(values, {"notice_days"}),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("notice_days")));
  values.set_notice_days(0);
  EXPECT_THAT(SetRules(values, {"notice_days"}),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("notice_days")));
  values = Rules2023();
  values.set_min_sheets(21);
  EXPECT_THAT(SetRules(values, {"min_sheets"}),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("min_sheets")));
  values = Rules2023();
  values.set_veto_percent(101);
  EXPECT_THAT(SetRules(values, {"veto_percent"}),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("veto_percent")));
  values = Rules2023();
  values.set_excellent_cap_percent(-1);
  EXPECT_THAT(SetRules(values, {"excellent_cap_percent"}),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("excellent_cap_percent")));
  values = Rules2023();
  values.set_eliminate_bottom_percent(101);
  EXPECT_THAT(SetRules(values, {"eliminate_bottom_percent"}),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("eliminate_bottom_percent")));
  values = Rules2023();
  values.set_aggregation(v1::AGGREGATION_UNSPECIFIED);
  EXPECT_THAT(SetRules(values, {"aggregation"}),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("aggregation")));
  ExpectDefaultRules(CurrentRules2023());
}

// The API speaks of disagreement_points in points; a value out of range must
// be reported under that name, not the storage field disagreement_tenths.
TEST_F(AssessmentServiceTest, DisagreementPointsOutOfRangeNamesTheApiField) {
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  v1::AssessmentRules values = Rules2023();
  values.set_disagreement_points("1000.1");
  EXPECT_THAT(SetRules(values, {"disagreement_points"}),
              GrpcIs(Code::INVALID_ARGUMENT,
                     AllOf(HasSubstr("disagreement_points"), Not(HasSubstr("tenths")))));
  ExpectDefaultRules(CurrentRules2023());
}

TEST_F(AssessmentServiceTest, RulesStillChangeWhileCultivatingBeforeAnyRound) {
  MakeCultivating2023();
  if (HasFatalFailure()) return;
  v1::AssessmentRules values = Rules2023();
  values.set_min_sheets(4);
  v1::AssessmentRules set;
  ASSERT_THAT(SetRules(values, {"min_sheets"}, &set), GrpcIs(Code::OK));
  EXPECT_EQ(set.min_sheets(), 4);
  EXPECT_EQ(CurrentRules2023().min_sheets(), 4);
}

}  // namespace
}  // namespace talent
