// RoundScenario and RoundFixture: cohort 2023 of the seed programme in
// cultivation, with its candidates, assessors and assessment rounds, built
// through the API for the integration tests that assign, score, close and
// confirm rounds. A RoundScenario says who enrols (and who is selected),
// which assessors exist besides the fixture's expert1, which rounds the
// cohort has and, optionally, its rubric; RoundFixture::Build makes it so
// and fills in the enrolments and the assessors' tokens. RoundFixture also
// holds the round, sheet and assessment stubs. Not thread-safe.
#ifndef TALENT_TESTS_TESTING_ROUND_SCENARIO_H_
#define TALENT_TESTS_TESTING_ROUND_SCENARIO_H_

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "talent/v1/assessment.grpc.pb.h"
#include "talent/v1/round.grpc.pb.h"
#include "talent/v1/sheet.grpc.pb.h"
#include "tests/testing/enrolment_fixture.h"
#include "tests/testing/status_matchers.h"

namespace talent::testing {

inline constexpr char kRound1[] = "programmes/SCSW/cohorts/2023/rounds/1";
inline constexpr char kRound2[] = "programmes/SCSW/cohorts/2023/rounds/2";

// A sheet's points by criterion code, as SetScores takes them.
using Points = std::vector<std::pair<std::string, std::string>>;

class RoundScenario {
 public:
  struct Candidate {
    v1::Enrolment* out;
    std::string full_name;
    int id_seq;  // the national ID is ValidNationalId(id_seq)
    v1::Track track;
    std::string organisation;  // empty: Applicant's
    bool selected;
  };
  struct Assessor {
    std::string* token;
    std::string username;
    std::string organisation;
  };
  struct Round {
    int position;
    std::string title;
    bool final;
  };

  // A candidate recommended by the county and the city and selected: ACTIVE
  // once cultivation starts. `*out` receives the enrolment.
  RoundScenario& Selected(v1::Enrolment* out, std::string full_name, int id_seq, v1::Track track,
                          std::string organisation = "") {
    candidates_.push_back(
        {out, std::move(full_name), id_seq, track, std::move(organisation), true});
    return *this;
  }

  // A candidate recommended by the county only: NOT_SELECTED once
  // cultivation starts.
  RoundScenario& NotSelected(v1::Enrolment* out, std::string full_name, int id_seq,
                             v1::Track track) {
    candidates_.push_back({out, std::move(full_name), id_seq, track, "", false});
    return *this;
  }

  // An assessor of `organisation` besides the fixture's expert1; `*token`
  // receives their token.
  RoundScenario& WithAssessor(std::string* token, std::string username,
                              std::string organisation) {
    assessors_.push_back({token, std::move(username), std::move(organisation)});
    return *this;
  }

  // A round of cohort 2023, left DRAFT.
  RoundScenario& WithRound(int position, std::string title, bool final = false) {
    rounds_.push_back({position, std::move(title), final});
    return *this;
  }

  // The cohort's rubric instead of the default one. Set while the cohort is
  // still ENROLLING: it can no longer change once cultivation starts.
  RoundScenario& WithRubric(v1::Rubric rubric) {
    rubric_ = std::move(rubric);
    return *this;
  }

  const std::vector<Candidate>& candidates() const { return candidates_; }
  const std::vector<Assessor>& assessors() const { return assessors_; }
  const std::vector<Round>& rounds() const { return rounds_; }
  const std::optional<v1::Rubric>& rubric() const { return rubric_; }

 private:
  std::vector<Candidate> candidates_;
  std::vector<Assessor> assessors_;
  std::vector<Round> rounds_;
  std::optional<v1::Rubric> rubric_;
};

class RoundFixture : public EnrolmentFixture {
 protected:
  void SetUp() override {
    EnrolmentFixture::SetUp();
    if (HasFatalFailure()) return;
    rounds_ = v1::RoundService::NewStub(channel_);
    sheets_ = v1::SheetService::NewStub(channel_);
    assessment_ = v1::AssessmentService::NewStub(channel_);
  }

  // Builds `scenario` on the seed programme (CreateSeedProgramme first):
  // cohort 2023 with quotas 3/3/3 opened; the scenario's rubric, if any,
  // set; every candidate enrolled in the order given; then the selected
  // recommended and selected, and the others recommended by the county, in
  // that order; cultivation started; the assessors created; the rounds
  // created. Any step failing fails the test.
  void Build(const RoundScenario& scenario) {
    CreateCohort(2023, 3, 3, 3, /*open=*/true);
    if (scenario.rubric()) {
      v1::SetRubricRequest req;
      *req.mutable_rubric() = *scenario.rubric();
      req.mutable_rubric()->set_cohort(kCohort2023);
      v1::Rubric set;
      ASSERT_THAT(assessment_->SetRubric(AsAdmin().get(), req, &set),
                  GrpcIs(grpc::StatusCode::OK));
    }
    for (const RoundScenario::Candidate& c : scenario.candidates()) {
      v1::Enrolment in = Applicant(kCohort2023, c.full_name, ValidNationalId(c.id_seq), c.track);
      if (!c.organisation.empty()) in.set_organisation(c.organisation);
      EXPECT_THAT(TryEnrol(in, c.out), GrpcIs(grpc::StatusCode::OK)) << c.full_name;
    }
    ASSERT_FALSE(HasFailure());
    for (const RoundScenario::Candidate& c : scenario.candidates()) {
      if (c.selected) RecommendAndSelect(c.out->name());
      if (HasFatalFailure()) return;
    }
    for (const RoundScenario::Candidate& c : scenario.candidates()) {
      if (!c.selected) {
        ASSERT_THAT(Recommend(c.out->name(), v1::LEVEL_COUNTY), GrpcIs(grpc::StatusCode::OK))
            << c.full_name;
      }
    }
    StartCultivating2023();
    if (HasFatalFailure()) return;
    for (const RoundScenario::Assessor& a : scenario.assessors()) {
      *a.token = MakeUser(a.username, domain::Role::kAssessor, a.organisation);
    }
    ASSERT_FALSE(HasFailure());
    for (const RoundScenario::Round& r : scenario.rounds()) {
      v1::CreateRoundRequest req;
      req.mutable_round()->set_cohort(kCohort2023);
      req.mutable_round()->set_title(r.title);
      req.mutable_round()->set_position(r.position);
      req.mutable_round()->set_final(r.final);
      v1::Round created;
      ASSERT_THAT(rounds_->CreateRound(AsAdmin().get(), req, &created),
                  GrpcIs(grpc::StatusCode::OK))
          << r.title;
    }
  }

  grpc::Status OpenRound(const std::string& name, v1::Round* out = nullptr,
                         const std::string& token = "") {
    v1::OpenRoundRequest req;
    req.set_name(name);
    v1::Round resp;
    return rounds_->OpenRound(As(token.empty() ? admin_token_ : token).get(), req,
                              out ? out : &resp);
  }

  grpc::Status GetRound(const std::string& name, v1::Round* out, const std::string& token = "") {
    v1::GetRoundRequest req;
    req.set_name(name);
    return rounds_->GetRound(As(token.empty() ? admin_token_ : token).get(), req, out);
  }

  std::unique_ptr<v1::RoundService::Stub> rounds_;
  std::unique_ptr<v1::SheetService::Stub> sheets_;
  std::unique_ptr<v1::AssessmentService::Stub> assessment_;
};

}  // namespace talent::testing

#endif  // TALENT_TESTS_TESTING_ROUND_SCENARIO_H_
