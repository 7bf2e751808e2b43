// talent.v1.AssessmentService over a real server: the default rubric and
// rules of a new cohort, replacing the rubric, changing rules by
// update_mask, every status code the API promises, who may read and write,
// and the audit event each change leaves.
#include <algorithm>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "talent/v1/assessment.grpc.pb.h"
#include "tests/testing/enrolment_fixture.h"
#include "tests/testing/status_matchers.h"

namespace talent {
namespace {

using ::talent::testing::GrpcIs;
using ::talent::testing::kCohort2023;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using Code = grpc::StatusCode;

v1::Criterion MakeCriterion(const std::string& code, const std::string& name_zh,
                            const std::string& name_en, const std::string& max_points,
                            bool veto = false) {
  v1::Criterion c;
  c.set_code(code);
  c.set_name_zh(name_zh);
  c.set_name_en(name_en);
  c.set_max_points(max_points);
  c.set_veto(veto);
  return c;
}

// A valid three-criterion rubric of cohort 2023 summing to 100.0.
v1::Rubric ThreeCriteria() {
  v1::Rubric r;
  r.set_cohort(kCohort2023);
  *r.add_criteria() = MakeCriterion("practice", "实务能力", "Practice", "50.0");
  *r.add_criteria() = MakeCriterion("ethics", "职业伦理", "Ethics", "19.5", /*veto=*/true);
  *r.add_criteria() = MakeCriterion("research", "研究能力", "Research", "30.5");
  return r;
}

std::vector<std::string> Codes(const v1::Rubric& r) {
  std::vector<std::string> out;
  for (const v1::Criterion& c : r.criteria()) out.push_back(c.code());
  return out;
}

std::vector<std::string> Maxima(const v1::Rubric& r) {
  std::vector<std::string> out;
  for (const v1::Criterion& c : r.criteria()) out.push_back(c.max_points());
  return out;
}

std::vector<bool> Vetoes(const v1::Rubric& r) {
  std::vector<bool> out;
  for (const v1::Criterion& c : r.criteria()) out.push_back(c.veto());
  return out;
}

// Checks every rule but `except` (field names) holds its default.
void ExpectDefaultRules(const v1::AssessmentRules& r, const std::vector<std::string>& except = {}) {
  auto check = [&](const std::string& field) {
    return std::find(except.begin(), except.end(), field) == except.end();
  };
  if (check("aggregation")) { EXPECT_EQ(r.aggregation(), v1::AGGREGATION_TRIMMED_MEAN); }
  if (check("min_sheets")) { EXPECT_EQ(r.min_sheets(), 3); }
  if (check("excellent_from")) { EXPECT_EQ(r.excellent_from(), "90.00"); }
  if (check("good_from")) { EXPECT_EQ(r.good_from(), "80.00"); }
  if (check("pass_from")) { EXPECT_EQ(r.pass_from(), "60.00"); }
  if (check("veto_percent")) { EXPECT_EQ(r.veto_percent(), 60); }
  if (check("excellent_cap_percent")) { EXPECT_EQ(r.excellent_cap_percent(), 0); }
  if (check("disagreement_points")) { EXPECT_EQ(r.disagreement_points(), "20.0"); }
  if (check("notice_days")) { EXPECT_EQ(r.notice_days(), 5); }
  if (check("eliminate_fail")) { EXPECT_TRUE(r.eliminate_fail()); }
  if (check("eliminate_absent")) { EXPECT_TRUE(r.eliminate_absent()); }
  if (check("eliminate_bottom_k")) { EXPECT_EQ(r.eliminate_bottom_k(), 0); }
  if (check("eliminate_bottom_percent")) { EXPECT_EQ(r.eliminate_bottom_percent(), 0); }
  if (check("eliminate_two_pass")) { EXPECT_FALSE(r.eliminate_two_pass()); }
}

class AssessmentServiceTest : public testing::EnrolmentFixture {
 protected:
  void SetUp() override {
    testing::EnrolmentFixture::SetUp();
    if (HasFatalFailure()) return;
    assessment_ = v1::AssessmentService::NewStub(channel_);
    CreateSeedProgramme();
  }

  grpc::Status GetRubric(const std::string& cohort, v1::Rubric* out,
                         const std::string& token = "") {
    v1::GetRubricRequest req;
    req.set_cohort(cohort);
    return assessment_->GetRubric(As(token.empty() ? admin_token_ : token).get(), req, out);
  }

  grpc::Status SetRubric(const v1::Rubric& rubric, v1::Rubric* out = nullptr,
                         const std::string& token = "") {
    v1::SetRubricRequest req;
    *req.mutable_rubric() = rubric;
    v1::Rubric resp;
    return assessment_->SetRubric(As(token.empty() ? admin_token_ : token).get(), req,
                                  out ? out : &resp);
  }

  grpc::Status GetRules(const std::string& cohort, v1::AssessmentRules* out,
                        const std::string& token = "") {
    v1::GetRulesRequest req;
    req.set_cohort(cohort);
    return assessment_->GetRules(As(token.empty() ? admin_token_ : token).get(), req, out);
  }

  grpc::Status SetRules(const v1::AssessmentRules& rules, const std::vector<std::string>& mask,
                        v1::AssessmentRules* out = nullptr, const std::string& token = "") {
    v1::SetRulesRequest req;
    *req.mutable_rules() = rules;
    for (const std::string& field : mask) req.add_update_mask(field);
    v1::AssessmentRules resp;
    return assessment_->SetRules(As(token.empty() ? admin_token_ : token).get(), req,
                                 out ? out : &resp);
  }

  // Rules of cohort 2023 with nothing else set.
  static v1::AssessmentRules Rules2023() {
    v1::AssessmentRules r;
    r.set_cohort(kCohort2023);
    return r;
  }

  // The current rubric of cohort 2023 (admin).
  v1::Rubric Rubric2023() {
    v1::Rubric r;
    grpc::Status status = GetRubric(kCohort2023, &r);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return r;
  }

  v1::AssessmentRules CurrentRules2023() {
    v1::AssessmentRules r;
    grpc::Status status = GetRules(kCohort2023, &r);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return r;
  }

  // Cohort 2023 moved to CULTIVATING with one selected candidate.
  void MakeCultivating2023() {
    CreateCohort(2023, 2, 1, 1, /*open=*/true);
    v1::Enrolment e = Enrol(kCohort2023, "张伟", 11, v1::TRACK_SERVICE);
    RecommendAndSelect(e.name());
    StartCultivating2023();
  }

  std::unique_ptr<v1::AssessmentService::Stub> assessment_;
};

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
