// RulesScenarioFixture: cohort 2023 assessed over two rounds under rules,
// and optionally a rubric, of the test's own — the scenarios in which
// non-default assessment rules (docs/rules.md §3–§7, §13) reach results
// through the server and the database. The cast: up to nine ACTIVE
// candidates, three per track, enrolled in this order (so with ascending
// enrolment numbers): 张伟, 王芳, 刘洋 (service), 李明, 陈静, 杨帆
// (management), 赵磊, 孙丽, 周杰 (education & research). Assessors expert1
// (the fixture's) to expert4, of organisations no candidate belongs to.
// Rounds 1 (中期考核) and 2 (年度考核), neither final, both DRAFT. For
// integration tests only. Not thread-safe.
#ifndef TALENT_TESTS_SERVICE_RULES_SCENARIO_FIXTURE_H_
#define TALENT_TESTS_SERVICE_RULES_SCENARIO_FIXTURE_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "talent/v1/assessment.grpc.pb.h"
#include "talent/v1/round.grpc.pb.h"
#include "tests/service/round_flow_fixture.h"
#include "tests/testing/round_scenario.h"
#include "tests/testing/status_matchers.h"

namespace talent::testing {

class RulesScenarioFixture : public RoundCallsFixture {
 protected:
  // The seed programme and cohort 2023 CULTIVATING with the first
  // `candidates` (1–9) of the cast ACTIVE, the four assessors, the two
  // rounds and, when given, `rubric` instead of the default one.
  void BuildCohort(int candidates, std::optional<v1::Rubric> rubric = std::nullopt) {
    struct Member {
      v1::Enrolment* out;
      const char* name;
      v1::Track track;
    };
    const Member cast[] = {
        {&zhang_, "张伟", v1::TRACK_SERVICE},
        {&wang_, "王芳", v1::TRACK_SERVICE},
        {&liu_, "刘洋", v1::TRACK_SERVICE},
        {&li_, "李明", v1::TRACK_MANAGEMENT},
        {&chen_, "陈静", v1::TRACK_MANAGEMENT},
        {&yang_, "杨帆", v1::TRACK_MANAGEMENT},
        {&zhao_, "赵磊", v1::TRACK_EDUCATION_RESEARCH},
        {&sun_, "孙丽", v1::TRACK_EDUCATION_RESEARCH},
        {&zhou_, "周杰", v1::TRACK_EDUCATION_RESEARCH},
    };
    ASSERT_TRUE(candidates >= 1 && candidates <= 9) << candidates;
    CreateSeedProgramme();
    RoundScenario scenario;
    for (int i = 0; i < candidates; ++i) {
      scenario.Selected(cast[i].out, cast[i].name, 41 + i, cast[i].track);
    }
    scenario.WithAssessor(&expert2_token_, "expert2", "四川大学")
        .WithAssessor(&expert3_token_, "expert3", "电子科技大学")
        .WithAssessor(&expert4_token_, "expert4", "西南交通大学")
        .WithRound(1, "中期考核")
        .WithRound(2, "年度考核");
    if (rubric) scenario.WithRubric(*std::move(rubric));
    Build(scenario);
  }

  // SetRules for cohort 2023 changing the fields in `mask` to their values
  // in `rules`, as the administrator; `*out` receives the rules now in force.
  grpc::Status SetRules(v1::AssessmentRules rules, const std::vector<std::string>& mask,
                        v1::AssessmentRules* out) {
    v1::SetRulesRequest req;
    rules.set_cohort(kCohort2023);
    *req.mutable_rules() = std::move(rules);
    for (const std::string& field : mask) req.add_update_mask(field);
    return assessment_->SetRules(AsAdmin().get(), req, out);
  }

  // Assigns the first `assessors` (1–4) of expert1 … expert4 to each of the
  // `active` candidates and opens `round`; both must succeed.
  void OpenWith(const std::string& round, int assessors, int active) {
    v1::AssignAssessorsRequest req;
    req.set_round(round);
    for (int i = 1; i <= assessors; ++i) req.add_assessors("users/expert" + std::to_string(i));
    req.set_whole_cohort(true);
    v1::AssignAssessorsResponse assigned;
    ASSERT_THAT(rounds_->AssignAssessors(AsAdmin().get(), req, &assigned), GrpcIs(Code::OK));
    ASSERT_EQ(assigned.assigned(), assessors * active) << round;
    ASSERT_THAT(OpenRound(round), GrpcIs(Code::OK)) << round;
  }

  // The token of expert`n` (1–4).
  const std::string& Expert(int n) const {
    const std::string* tokens[] = {&assessor_token_, &expert2_token_, &expert3_token_,
                                   &expert4_token_};
    return *tokens[n - 1];
  }

  // expert1, expert2 … each submit their sheet of `e` in `round`, in the
  // order given; an empty sheet: that assessor submits nothing.
  void ScoreEach(const v1::Enrolment& e, const std::vector<Points>& sheets,
                 const std::string& round) {
    for (size_t i = 0; i < sheets.size(); ++i) {
      if (sheets[i].empty()) continue;
      Score(Expert(static_cast<int>(i) + 1), e, sheets[i], round);
      if (HasFatalFailure()) return;
    }
  }

  // The first `assessors` each submit the same sheet of `e` in `round`.
  void ScoreAll(const v1::Enrolment& e, const Points& sheet, const std::string& round,
                int assessors = 3) {
    ScoreEach(e, std::vector<Points>(assessors, sheet), round);
  }

  // With scoring of `round` closed: publishes its notice an hour later, lets
  // the default five days run out and confirms it; the results then read
  // from storage must be the provisional ones, no longer provisional.
  void NoticeAndConfirm(const std::string& round) {
    v1::RoundResults provisional = Results(round);
    ASSERT_TRUE(provisional.provisional()) << round;
    clock_.Advance(3600);
    ASSERT_THAT(PublishNotice(round), GrpcIs(Code::OK)) << round;
    clock_.Advance(5 * 86400);
    ASSERT_THAT(ConfirmRound(round), GrpcIs(Code::OK)) << round;
    v1::RoundResults stored = Results(round);
    EXPECT_FALSE(stored.provisional()) << round;
    provisional.set_provisional(false);
    EXPECT_EQ(stored.SerializeAsString(), provisional.SerializeAsString()) << stored.DebugString();
  }

  v1::Enrolment zhang_, wang_, liu_, li_, chen_, yang_, zhao_, sun_, zhou_;
  std::string expert2_token_, expert3_token_, expert4_token_;
};

}  // namespace talent::testing

#endif  // TALENT_TESTS_SERVICE_RULES_SCENARIO_FIXTURE_H_
