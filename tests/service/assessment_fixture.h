// AssessmentServiceTest: the fixture of the AssessmentService tests (a
// cohort's rubric and rules): the seed programme, AssessmentService
// wrappers called as the administrator unless a token is given, a valid
// three-criterion rubric, readers of a rubric, and a check that rules hold
// their defaults. For integration tests only. Not thread-safe.
#ifndef TALENT_TESTS_SERVICE_ASSESSMENT_FIXTURE_H_
#define TALENT_TESTS_SERVICE_ASSESSMENT_FIXTURE_H_

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "talent/v1/assessment.grpc.pb.h"
#include "tests/testing/enrolment_fixture.h"
#include "tests/testing/status_matchers.h"

namespace talent::testing {

inline v1::Criterion MakeCriterion(const std::string& code, const std::string& name_zh,
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
inline v1::Rubric ThreeCriteria() {
  v1::Rubric r;
  r.set_cohort(kCohort2023);
  *r.add_criteria() = MakeCriterion("practice", "实务能力", "Practice", "50.0");
  *r.add_criteria() = MakeCriterion("ethics", "职业伦理", "Ethics", "19.5", /*veto=*/true);
  *r.add_criteria() = MakeCriterion("research", "研究能力", "Research", "30.5");
  return r;
}

inline std::vector<std::string> Codes(const v1::Rubric& r) {
  std::vector<std::string> out;
  for (const v1::Criterion& c : r.criteria()) out.push_back(c.code());
  return out;
}

inline std::vector<std::string> Maxima(const v1::Rubric& r) {
  std::vector<std::string> out;
  for (const v1::Criterion& c : r.criteria()) out.push_back(c.max_points());
  return out;
}

inline std::vector<bool> Vetoes(const v1::Rubric& r) {
  std::vector<bool> out;
  for (const v1::Criterion& c : r.criteria()) out.push_back(c.veto());
  return out;
}

// Checks every rule but `except` (field names) holds its default.
inline void ExpectDefaultRules(const v1::AssessmentRules& r,
                               const std::vector<std::string>& except = {}) {
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

class AssessmentServiceTest : public EnrolmentFixture {
 protected:
  using Code = grpc::StatusCode;

  void SetUp() override {
    EnrolmentFixture::SetUp();
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

}  // namespace talent::testing

#endif  // TALENT_TESTS_SERVICE_ASSESSMENT_FIXTURE_H_
