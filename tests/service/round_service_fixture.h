// RoundServiceTest: the fixture of the RoundService tests (rounds,
// conflicts of interest, assigning assessors, who may call what): the seed
// programme, RoundService wrappers called as the administrator unless a
// token is given, and cohort 2023 in cultivation with assessors chosen to
// be recused from some candidates by organisation. For integration tests
// only. Not thread-safe.
#ifndef TALENT_TESTS_SERVICE_ROUND_SERVICE_FIXTURE_H_
#define TALENT_TESTS_SERVICE_ROUND_SERVICE_FIXTURE_H_

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "talent/v1/assessment.grpc.pb.h"
#include "talent/v1/round.grpc.pb.h"
#include "tests/testing/enrolment_fixture.h"
#include "tests/testing/round_scenario.h"
#include "tests/testing/status_matchers.h"

namespace talent::testing {

// An assignment as comparable text: "enrolments/3 张伟 TRACK_SERVICE users/expert1".
inline std::string Pair(const v1::Assignment& a) {
  return a.enrolment() + " " + a.candidate() + " " + v1::Track_Name(a.track()) + " " +
         a.assessor();
}

inline std::vector<std::string> Pairs(const v1::ListAssignmentsResponse& r) {
  std::vector<std::string> out;
  for (const v1::Assignment& a : r.assignments()) out.push_back(Pair(a));
  return out;
}

class RoundServiceTest : public RoundFixture {
 protected:
  using Code = grpc::StatusCode;

  void SetUp() override {
    RoundFixture::SetUp();
    if (HasFatalFailure()) return;
    CreateSeedProgramme();
  }

  // --- RPC wrappers (admin unless a token is given; OpenRound and GetRound
  // are RoundFixture's) ----------------------------------------------------------

  grpc::Status CreateRound(const std::string& cohort, const std::string& title, int position,
                           bool final = false, v1::Round* out = nullptr,
                           const std::string& token = "") {
    v1::CreateRoundRequest req;
    req.mutable_round()->set_cohort(cohort);
    req.mutable_round()->set_title(title);
    req.mutable_round()->set_position(position);
    req.mutable_round()->set_final(final);
    v1::Round resp;
    return rounds_->CreateRound(As(token.empty() ? admin_token_ : token).get(), req,
                                out ? out : &resp);
  }

  grpc::Status ListRounds(const std::string& cohort, v1::ListRoundsResponse* out,
                          const std::string& token = "") {
    v1::ListRoundsRequest req;
    req.set_cohort(cohort);
    return rounds_->ListRounds(As(token.empty() ? admin_token_ : token).get(), req, out);
  }

  grpc::Status AddConflict(const std::string& assessor, const std::string& enrolment,
                           const std::string& reason, const std::string& token = "") {
    v1::AddConflictRequest req;
    req.set_assessor(assessor);
    req.set_enrolment(enrolment);
    req.set_reason(reason);
    v1::AddConflictResponse resp;
    return rounds_->AddConflict(As(token.empty() ? admin_token_ : token).get(), req, &resp);
  }

  grpc::Status ListConflicts(const std::string& cohort, v1::ListConflictsResponse* out,
                             const std::string& token = "") {
    v1::ListConflictsRequest req;
    req.set_cohort(cohort);
    return rounds_->ListConflicts(As(token.empty() ? admin_token_ : token).get(), req, out);
  }

  grpc::Status Assign(const v1::AssignAssessorsRequest& req,
                      v1::AssignAssessorsResponse* out = nullptr, const std::string& token = "") {
    v1::AssignAssessorsResponse resp;
    return rounds_->AssignAssessors(As(token.empty() ? admin_token_ : token).get(), req,
                                    out ? out : &resp);
  }

  // AssignAssessors in round 1 of 2023 for named enrolments.
  grpc::Status AssignNamed(const std::vector<std::string>& assessors,
                           const std::vector<std::string>& enrolments,
                           v1::AssignAssessorsResponse* out = nullptr) {
    v1::AssignAssessorsRequest req;
    req.set_round(kRound1);
    for (const std::string& a : assessors) req.add_assessors(a);
    for (const std::string& e : enrolments) req.add_enrolments(e);
    return Assign(req, out);
  }

  grpc::Status ListAssignments(const std::string& round, v1::ListAssignmentsResponse* out,
                               const std::string& token = "") {
    v1::ListAssignmentsRequest req;
    req.set_round(round);
    return rounds_->ListAssignments(As(token.empty() ? admin_token_ : token).get(), req, out);
  }

  // The pairs of round 1 of 2023, as the admin sees them.
  std::vector<std::string> Round1Pairs() {
    v1::ListAssignmentsResponse resp;
    grpc::Status status = ListAssignments(kRound1, &resp);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return Pairs(resp);
  }

  grpc::Status SetCapPercent(int percent) {
    v1::SetRulesRequest req;
    req.mutable_rules()->set_cohort(kCohort2023);
    req.mutable_rules()->set_excellent_cap_percent(percent);
    req.add_update_mask("excellent_cap_percent");
    v1::AssessmentRules resp;
    return assessment_->SetRules(AsAdmin().get(), req, &resp);
  }

  // --- Scenario -----------------------------------------------------------------

  // Cohort 2023 moved to CULTIVATING: 张伟 and 王芳 (service) and 李明
  // (management) ACTIVE, each of another organisation; 刘静 (education &
  // research) recommended but never selected, so NOT_SELECTED. Assessors:
  // expert1 (the fixture's, 西南财经大学, recused from no one); expert2, of
  // 张伟's organisation written with a space; expert3, of 王芳's written in
  // full-width letters, another case, an ideographic space and a hyphen.
  RoundScenario Cultivating2023() {
    return RoundScenario()
        .Selected(&zhang_, "张伟", 11, v1::TRACK_SERVICE)
        .Selected(&wang_, "王芳", 12, v1::TRACK_SERVICE, "Chengdu ABC Social Work Centre")
        .Selected(&li_, "李明", 13, v1::TRACK_MANAGEMENT, "成都市金牛区心理健康服务中心")
        .NotSelected(&liu_, "刘静", 14, v1::TRACK_EDUCATION_RESEARCH)
        .WithAssessor(&expert2_token_, "expert2", "成都市锦江区 社会工作服务中心")
        .WithAssessor(&expert3_token_, "expert3",
                      "ＣＨＥＮＧＤＵ\xE3\x80\x80ａｂｃ social-work centre");
  }

  void MakeCultivating2023() { Build(Cultivating2023()); }

  // MakeCultivating2023 plus round 1 (中期考核) and the final round 2 (年度考核).
  void MakeTwoRounds() {
    Build(Cultivating2023().WithRound(1, "中期考核").WithRound(2, "年度考核", /*final=*/true));
  }

  std::string Id(const v1::Enrolment& e) { return e.name().substr(std::string("enrolments/").size()); }

  v1::Enrolment zhang_, wang_, li_, liu_;
  std::string expert2_token_, expert3_token_;
};

}  // namespace talent::testing

#endif  // TALENT_TESTS_SERVICE_ROUND_SERVICE_FIXTURE_H_
