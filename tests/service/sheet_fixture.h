// SheetServiceTest: the fixture of the SheetService tests (writing,
// submitting, reopening, reading and importing score sheets): cohort 2023
// in cultivation with two candidates and two assessors, round 1 OPEN, and
// SheetService wrappers called with the given token. For integration tests
// only. Not thread-safe.
#ifndef TALENT_TESTS_SERVICE_SHEET_FIXTURE_H_
#define TALENT_TESTS_SERVICE_SHEET_FIXTURE_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "talent/v1/round.grpc.pb.h"
#include "talent/v1/sheet.grpc.pb.h"
#include "tests/testing/enrolment_fixture.h"
#include "tests/testing/round_scenario.h"
#include "tests/testing/status_matchers.h"

namespace talent::testing {

// kFixtureNow as the API writes it.
inline constexpr char kNowText[] = "2023-06-01T00:00:00Z";

// Every criterion of the default rubric, in rubric order, scored: 90.0 in all.
inline Points FullMarks() {
  return {{"theory", "12.5"}, {"competence", "13"},  {"system", "18"},
          {"talent", "17.5"}, {"charity", "14.0"},   {"ethics", "15"}};
}

// "code=points" of each score of a sheet, in order.
inline std::vector<std::string> Scores(const v1::Sheet& sheet) {
  std::vector<std::string> out;
  for (const v1::Score& s : sheet.scores()) out.push_back(s.criterion() + "=" + s.points());
  return out;
}

// "user change old→new [reason]" of each change, in order.
inline std::vector<std::string> Changes(const v1::ListSheetHistoryResponse& r) {
  std::vector<std::string> out;
  for (const v1::SheetChange& c : r.changes()) {
    out.push_back(c.user() + " " + c.change() + " " + c.old_value() + "→" + c.new_value() +
                  (c.reason().empty() ? "" : " [" + c.reason() + "]"));
  }
  return out;
}

class SheetServiceTest : public RoundFixture {
 protected:
  using Code = grpc::StatusCode;

  void SetUp() override {
    RoundFixture::SetUp();
    if (HasFatalFailure()) return;
    MakeOpenRound();
  }

  // Cohort 2023 CULTIVATING with 张伟 and 王芳 ACTIVE (of an organisation no
  // assessor belongs to); round 1 (中期考核) OPEN with expert1 (the fixture's)
  // assigned 张伟 only and expert2 assigned both; round 2 (年度考核, final)
  // still DRAFT with expert1 assigned 张伟.
  void MakeOpenRound() {
    CreateSeedProgramme();
    Build(RoundScenario()
              .Selected(&zhang_, "张伟", 21, v1::TRACK_SERVICE)
              .Selected(&wang_, "王芳", 22, v1::TRACK_SERVICE)
              .WithAssessor(&expert2_token_, "expert2", "四川大学")
              .WithRound(1, "中期考核")
              .WithRound(2, "年度考核", /*final=*/true));
    if (HasFatalFailure()) return;
    ASSERT_THAT(Assign(kRound1, "users/expert1", {zhang_.name()}), GrpcIs(Code::OK));
    ASSERT_THAT(Assign(kRound1, "users/expert2", {zhang_.name(), wang_.name()}),
                GrpcIs(Code::OK));
    ASSERT_THAT(Assign(kRound2, "users/expert1", {zhang_.name()}), GrpcIs(Code::OK));
    v1::Round round;
    ASSERT_THAT(OpenRound(kRound1, &round), GrpcIs(Code::OK));
    ASSERT_EQ(round.state(), v1::ROUND_STATE_OPEN);
  }

  grpc::Status Assign(const std::string& round, const std::string& assessor,
                      const std::vector<std::string>& enrolments) {
    v1::AssignAssessorsRequest req;
    req.set_round(round);
    req.add_assessors(assessor);
    for (const std::string& e : enrolments) req.add_enrolments(e);
    v1::AssignAssessorsResponse resp;
    return rounds_->AssignAssessors(AsAdmin().get(), req, &resp);
  }

  // --- SheetService wrappers ----------------------------------------------------

  grpc::Status SetScores(const std::string& token, const std::string& enrolment,
                         const Points& points, const std::optional<std::string>& comment = {},
                         v1::Sheet* out = nullptr, const std::string& round = kRound1) {
    v1::SetScoresRequest req;
    req.set_round(round);
    req.set_enrolment(enrolment);
    for (const auto& [code, value] : points) {
      v1::Score* s = req.add_scores();
      s->set_criterion(code);
      s->set_points(value);
    }
    if (comment) req.set_comment(*comment);
    v1::Sheet resp;
    return sheets_->SetScores(As(token).get(), req, out ? out : &resp);
  }

  grpc::Status Submit(const std::string& token, const std::string& enrolment,
                      v1::Sheet* out = nullptr, const std::string& round = kRound1) {
    v1::SubmitSheetRequest req;
    req.set_round(round);
    req.set_enrolment(enrolment);
    v1::Sheet resp;
    return sheets_->SubmitSheet(As(token).get(), req, out ? out : &resp);
  }

  grpc::Status Get(const std::string& token, const std::string& enrolment,
                   const std::string& assessor, v1::Sheet* out = nullptr,
                   const std::string& round = kRound1) {
    v1::GetSheetRequest req;
    req.set_round(round);
    req.set_enrolment(enrolment);
    req.set_assessor(assessor);
    v1::Sheet resp;
    return sheets_->GetSheet(As(token).get(), req, out ? out : &resp);
  }

  grpc::Status Reopen(const std::string& token, const std::string& enrolment,
                      const std::string& assessor, const std::string& reason,
                      v1::Sheet* out = nullptr) {
    v1::ReopenSheetRequest req;
    req.set_round(kRound1);
    req.set_enrolment(enrolment);
    req.set_assessor(assessor);
    req.set_reason(reason);
    v1::Sheet resp;
    return sheets_->ReopenSheet(As(token).get(), req, out ? out : &resp);
  }

  grpc::Status History(const std::string& token, const std::string& enrolment,
                       const std::string& assessor, v1::ListSheetHistoryResponse* out) {
    v1::ListSheetHistoryRequest req;
    req.set_round(kRound1);
    req.set_enrolment(enrolment);
    req.set_assessor(assessor);
    return sheets_->ListSheetHistory(As(token).get(), req, out);
  }

  // expert1's sheet of 张伟 in round 1, read by the admin.
  v1::Sheet Expert1Sheet() {
    v1::Sheet sheet;
    EXPECT_THAT(Get(admin_token_, zhang_.name(), "users/expert1", &sheet), GrpcIs(Code::OK));
    return sheet;
  }

  // The history of expert1's sheet of 张伟, read by the admin.
  std::vector<std::string> Expert1History() {
    v1::ListSheetHistoryResponse resp;
    EXPECT_THAT(History(admin_token_, zhang_.name(), "users/expert1", &resp), GrpcIs(Code::OK));
    return Changes(resp);
  }

  // The resource name of a sheet of 张伟 in round 1.
  std::string ZhangSheet(const std::string& username) {
    return std::string(kRound1) + "/" + zhang_.name() + "/sheets/" + username;
  }

  v1::Enrolment zhang_, wang_;
  std::string expert2_token_;
};

}  // namespace talent::testing

#endif  // TALENT_TESTS_SERVICE_SHEET_FIXTURE_H_
