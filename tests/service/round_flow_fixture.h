// RoundFlowFixture: the scenario of the tests that take round 1 of cohort
// 2023 from the end of scoring to the final word (closing, results, the
// notice, appeals, confirmation) and the round-1 story in steps (scored,
// closed, in notice, confirmed); RoundCallsFixture, its base: the RPC
// wrappers they call, for tests that build a scenario of their own. For
// integration tests only. Not thread-safe.
//
// The scenario: cohort 2023 CULTIVATING with six ACTIVE candidates and one
// NOT_SELECTED, three assessors assigned to all of them in round 1 (中期考核,
// OPEN), round 2 (年度考核) final and DRAFT.
#ifndef TALENT_TESTS_SERVICE_ROUND_FLOW_FIXTURE_H_
#define TALENT_TESTS_SERVICE_ROUND_FLOW_FIXTURE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "talent/v1/round.grpc.pb.h"
#include "talent/v1/sheet.grpc.pb.h"
#include "tests/testing/enrolment_fixture.h"
#include "tests/testing/round_scenario.h"
#include "tests/testing/status_matchers.h"

namespace talent::testing {

// The notice of round 1 is published an hour after kFixtureNow and lasts the
// default 5 days.
inline constexpr int64_t kPublishTime = kFixtureNow + 3600;
inline constexpr int64_t kNoticeEnd = kPublishTime + 5 * 86400;
inline constexpr char kPublishText[] = "2023-06-01T01:00:00Z";
inline constexpr char kNoticeEndText[] = "2023-06-06T01:00:00Z";

// A full sheet of the default rubric (theory 15, competence 15, system 20,
// talent 20, charity 15, ethics 15 — ethics the veto), in rubric order.
inline Points Sheet(const char* theory, const char* competence, const char* system,
                    const char* talent, const char* charity, const char* ethics) {
  return {{"theory", theory}, {"competence", competence}, {"system", system},
          {"talent", talent}, {"charity", charity},       {"ethics", ethics}};
}

// One result as comparable text: "rank candidate score rating sheets spread
// [flags] [eliminated: reason]".
inline std::string Line(const v1::Result& r) {
  std::string s = absl::StrCat(r.rank(), " ", r.candidate(), " ",
                               r.score().empty() ? "-" : r.score(), " ",
                               v1::Rating_Name(r.rating()), " sheets=", r.sheets(),
                               " spread=", r.spread().empty() ? "-" : r.spread());
  if (r.absent()) s += " absent";
  if (r.excused()) s += " excused";
  if (r.veto()) s += " veto";
  if (r.capped()) s += " capped";
  if (r.disagreement()) s += " disagreement";
  if (r.tie_over_cap()) s += " tie_over_cap";
  if (r.tie_at_cut()) s += " tie_at_cut";
  if (r.eliminated()) s += " eliminated: " + r.elimination_reason();
  return s;
}

inline std::vector<std::string> Lines(const v1::RoundResults& results) {
  std::vector<std::string> out;
  for (const v1::Result& r : results.results()) out.push_back(Line(r));
  return out;
}

// "id enrolment candidate STATE resolution" of each appeal, in order.
inline std::vector<std::string> AppealLines(const v1::ListAppealsResponse& r) {
  std::vector<std::string> out;
  for (const v1::Appeal& a : r.appeals()) {
    out.push_back(absl::StrCat(a.id(), " ", a.enrolment(), " ", a.candidate(), " ",
                               v1::AppealState_Name(a.state()), " [", a.resolution(), "]"));
  }
  return out;
}

// The message names enrolment `id` as a whole number.
inline ::testing::Matcher<const std::string&> Names(int64_t id) {
  return ::testing::ContainsRegex(absl::StrCat("(^|[^0-9])", id, "([^0-9]|$)"));
}

// The round-1 listing (provisional or confirmed), in rank order.
inline const std::vector<std::string> kRound1Lines = {
    "1 张伟 92.00 RATING_EXCELLENT sheets=3 spread=0.0",
    "2 李明 86.00 RATING_FAIL sheets=3 spread=0.0 veto eliminated: rated fail by the veto "
    "criterion",
    "3 王芳 85.67 RATING_GOOD sheets=3 spread=1.0",
    "4 陈静 55.00 RATING_FAIL sheets=3 spread=0.0 eliminated: rated fail",
    "0 赵磊 - RATING_UNSPECIFIED sheets=0 spread=- absent eliminated: absent without an "
    "accepted excuse",
    "0 孙丽 - RATING_UNSPECIFIED sheets=0 spread=- absent excused",
};

// RoundCallsFixture: RoundFixture plus the calls that take a round from
// scoring to the final word (sheets, absences, closing, the notice, results,
// appeals, confirmation) and readers of an enrolment and of the cohort, for
// tests that build a scenario of their own.
class RoundCallsFixture : public RoundFixture {
 protected:
  using Code = grpc::StatusCode;

  // --- RPC wrappers (admin unless a token is given) -----------------------------

  // The round's state as the admin reads it.
  v1::RoundState RoundState(const std::string& name) {
    v1::Round round;
    EXPECT_THAT(GetRound(name, &round), GrpcIs(Code::OK));
    return round.state();
  }

  grpc::Status MarkAbsent(const std::string& enrolment, bool excused, const std::string& reason,
                          const std::string& round = kRound1, const std::string& token = "") {
    v1::MarkAbsentRequest req;
    req.set_round(round);
    req.set_enrolment(enrolment);
    req.set_excuse_accepted(excused);
    req.set_reason(reason);
    v1::MarkAbsentResponse resp;
    return rounds_->MarkAbsent(As(token.empty() ? admin_token_ : token).get(), req, &resp);
  }

  grpc::Status CloseScoring(const std::string& round = kRound1, v1::Round* out = nullptr,
                            const std::string& token = "") {
    v1::CloseScoringRequest req;
    req.set_name(round);
    v1::Round resp;
    return rounds_->CloseScoring(As(token.empty() ? admin_token_ : token).get(), req,
                                 out ? out : &resp);
  }

  grpc::Status PublishNotice(const std::string& round = kRound1, v1::Round* out = nullptr,
                             const std::string& token = "") {
    v1::PublishNoticeRequest req;
    req.set_name(round);
    v1::Round resp;
    return rounds_->PublishNotice(As(token.empty() ? admin_token_ : token).get(), req,
                                  out ? out : &resp);
  }

  grpc::Status GetResults(v1::RoundResults* out, const std::string& round = kRound1,
                          const std::string& token = "") {
    v1::GetResultsRequest req;
    req.set_round(round);
    return rounds_->GetResults(As(token.empty() ? admin_token_ : token).get(), req, out);
  }

  // GetResults as the admin, expected to succeed.
  v1::RoundResults Results(const std::string& round = kRound1) {
    v1::RoundResults out;
    EXPECT_THAT(GetResults(&out, round), GrpcIs(Code::OK));
    return out;
  }

  grpc::Status FileAppeal(const std::string& enrolment, const std::string& reason,
                          v1::Appeal* out = nullptr, const std::string& token = "",
                          const std::string& round = kRound1) {
    v1::FileAppealRequest req;
    req.set_round(round);
    req.set_enrolment(enrolment);
    req.set_reason(reason);
    v1::Appeal resp;
    return rounds_->FileAppeal(As(token.empty() ? admin_token_ : token).get(), req,
                               out ? out : &resp);
  }

  grpc::Status ResolveAppeal(int64_t id, v1::AppealState state, const std::string& resolution,
                             const std::vector<std::string>& reopen, v1::Appeal* out = nullptr,
                             const std::string& token = "") {
    v1::ResolveAppealRequest req;
    req.set_round(kRound1);
    req.set_appeal_id(id);
    req.set_resolution_state(state);
    req.set_resolution(resolution);
    for (const std::string& r : reopen) req.add_reopen(r);
    v1::Appeal resp;
    return rounds_->ResolveAppeal(As(token.empty() ? admin_token_ : token).get(), req,
                                  out ? out : &resp);
  }

  grpc::Status ListAppeals(v1::ListAppealsResponse* out, const std::string& token = "") {
    v1::ListAppealsRequest req;
    req.set_round(kRound1);
    return rounds_->ListAppeals(As(token.empty() ? admin_token_ : token).get(), req, out);
  }

  std::vector<std::string> AppealList() {
    v1::ListAppealsResponse resp;
    EXPECT_THAT(ListAppeals(&resp), GrpcIs(Code::OK));
    return AppealLines(resp);
  }

  grpc::Status ConfirmRound(const std::string& round = kRound1, v1::Round* out = nullptr,
                            const std::string& token = "") {
    v1::ConfirmRoundRequest req;
    req.set_name(round);
    v1::Round resp;
    return rounds_->ConfirmRound(As(token.empty() ? admin_token_ : token).get(), req,
                                 out ? out : &resp);
  }

  grpc::Status SetScores(const std::string& token, const std::string& enrolment,
                         const Points& points, const std::string& round = kRound1,
                         v1::Sheet* out = nullptr) {
    v1::SetScoresRequest req;
    req.set_round(round);
    req.set_enrolment(enrolment);
    for (const auto& [code, value] : points) {
      v1::Score* s = req.add_scores();
      s->set_criterion(code);
      s->set_points(value);
    }
    v1::Sheet resp;
    return sheets_->SetScores(As(token).get(), req, out ? out : &resp);
  }

  grpc::Status Submit(const std::string& token, const std::string& enrolment,
                      const std::string& round = kRound1, v1::Sheet* out = nullptr) {
    v1::SubmitSheetRequest req;
    req.set_round(round);
    req.set_enrolment(enrolment);
    v1::Sheet resp;
    return sheets_->SubmitSheet(As(token).get(), req, out ? out : &resp);
  }

  // SetScores then SubmitSheet; both must succeed.
  void Score(const std::string& token, const v1::Enrolment& e, const Points& points,
             const std::string& round = kRound1) {
    ASSERT_THAT(SetScores(token, e.name(), points, round), GrpcIs(Code::OK))
        << e.person().full_name();
    ASSERT_THAT(Submit(token, e.name(), round), GrpcIs(Code::OK)) << e.person().full_name();
  }

  // The admin's view of an assessor's sheet of an enrolment in round 1.
  v1::Sheet AdminSheet(const v1::Enrolment& e, const std::string& assessor) {
    v1::GetSheetRequest req;
    req.set_round(kRound1);
    req.set_enrolment(e.name());
    req.set_assessor(assessor);
    v1::Sheet sheet;
    EXPECT_THAT(sheets_->GetSheet(AsAdmin().get(), req, &sheet), GrpcIs(Code::OK));
    return sheet;
  }

  v1::Enrolment GetEnrolment(const v1::Enrolment& e) {
    v1::GetEnrolmentRequest req;
    req.set_name(e.name());
    v1::Enrolment out;
    EXPECT_THAT(enrolments_->GetEnrolment(AsAdmin().get(), req, &out), GrpcIs(Code::OK));
    return out;
  }

  // "STAGE [reason]" of an enrolment now.
  std::string StageOf(const v1::Enrolment& e) {
    v1::Enrolment now = GetEnrolment(e);
    return v1::Stage_Name(now.stage()) +
           (now.stage_reason().empty() ? "" : " [" + now.stage_reason() + "]");
  }

  v1::CohortState CohortState() {
    v1::GetCohortRequest req;
    req.set_name(kCohort2023);
    v1::Cohort cohort;
    EXPECT_THAT(cohorts_->GetCohort(AsAdmin().get(), req, &cohort), GrpcIs(Code::OK));
    return cohort.state();
  }
};

class RoundFlowFixture : public RoundCallsFixture {
 protected:
  void SetUp() override {
    RoundCallsFixture::SetUp();
    if (HasFatalFailure()) return;
    MakeScenario();
  }

  // Cohort 2023 CULTIVATING: 张伟 and 王芳 (service), 李明 and 陈静
  // (management), 赵磊 and 孙丽 (education & research) ACTIVE, 周杰
  // recommended only, so NOT_SELECTED. Assessors expert1 (the fixture's),
  // expert2 and expert3, of organisations no candidate belongs to, assigned
  // to every active candidate in round 1, which is OPEN.
  void MakeScenario() {
    CreateSeedProgramme();
    Build(RoundScenario()
              .Selected(&zhang_, "张伟", 31, v1::TRACK_SERVICE)
              .Selected(&wang_, "王芳", 32, v1::TRACK_SERVICE)
              .Selected(&li_, "李明", 33, v1::TRACK_MANAGEMENT)
              .Selected(&chen_, "陈静", 34, v1::TRACK_MANAGEMENT)
              .Selected(&zhao_, "赵磊", 35, v1::TRACK_EDUCATION_RESEARCH)
              .Selected(&sun_, "孙丽", 36, v1::TRACK_EDUCATION_RESEARCH)
              .NotSelected(&zhou_, "周杰", 37, v1::TRACK_SERVICE)
              .WithAssessor(&expert2_token_, "expert2", "四川大学")
              .WithAssessor(&expert3_token_, "expert3", "电子科技大学")
              .WithRound(1, "中期考核")
              .WithRound(2, "年度考核", /*final=*/true));
    if (HasFatalFailure()) return;
    v1::AssignAssessorsResponse assigned;
    ASSERT_THAT(AssignWholeCohort(kRound1, &assigned), GrpcIs(Code::OK));
    ASSERT_EQ(assigned.assigned(), 18);
    ASSERT_THAT(OpenRound(kRound1), GrpcIs(Code::OK));
  }

  // Assigns expert1, expert2 and expert3 to every active candidate.
  grpc::Status AssignWholeCohort(const std::string& round, v1::AssignAssessorsResponse* out) {
    v1::AssignAssessorsRequest req;
    req.set_round(round);
    for (const char* a : {"users/expert1", "users/expert2", "users/expert3"}) {
      req.add_assessors(a);
    }
    req.set_whole_cohort(true);
    return rounds_->AssignAssessors(AsAdmin().get(), req, out);
  }

  // --- The round-1 story ----------------------------------------------------------

  // Submitted sheets of round 1, the three assessors agreeing except on 王芳:
  //   张伟 14 14 19 18 14 13 = 92.0 from all three          → 92.00 EXCELLENT
  //   王芳 13 13 17 17 13 12 = 85.0 (expert1), theory 14 = 86.0 (expert2, 3)
  //                                                          → 85.67 GOOD
  //   李明 14 14 18 18 14  8 = 86.0, ethics 8.0 below 9.0   → 86.00 FAIL (veto)
  //   陈静  8  8 11 10  8 10 = 55.0                          → 55.00 FAIL
  // 赵磊 and 孙丽 get no sheet. Unless `complete`, expert3's sheet of 陈静 is
  // left a draft.
  void ScoreRound1(bool complete = true) {
    for (const std::string* token : {&assessor_token_, &expert2_token_, &expert3_token_}) {
      Score(*token, zhang_, Sheet("14", "14", "19", "18", "14", "13"));
      Score(*token, wang_,
            Sheet(token == &assessor_token_ ? "13" : "14", "13", "17", "17", "13", "12"));
      Score(*token, li_, Sheet("14", "14", "18", "18", "14", "8.0"));
      if (token == &expert3_token_ && !complete) {
        ASSERT_THAT(SetScores(*token, chen_.name(), Sheet("8", "8", "11", "10", "8", "10")),
                    GrpcIs(Code::OK));
      } else {
        Score(*token, chen_, Sheet("8", "8", "11", "10", "8", "10"));
      }
      if (HasFatalFailure()) return;
    }
  }

  // ScoreRound1; 赵磊 absent without an accepted excuse, 孙丽 with one;
  // scoring closed.
  void CloseRound1() {
    ScoreRound1();
    if (HasFatalFailure()) return;
    ASSERT_THAT(MarkAbsent(zhao_.name(), false, "未参加中期考核，未说明理由"), GrpcIs(Code::OK));
    ASSERT_THAT(MarkAbsent(sun_.name(), true, "住院治疗，有医院证明"), GrpcIs(Code::OK));
    ASSERT_THAT(CloseScoring(), GrpcIs(Code::OK));
  }

  // CloseRound1, then the notice published at kPublishTime.
  void NoticeRound1() {
    CloseRound1();
    if (HasFatalFailure()) return;
    clock_.Set(kPublishTime);
    v1::Round round;
    ASSERT_THAT(PublishNotice(kRound1, &round), GrpcIs(Code::OK));
    ASSERT_EQ(round.state(), v1::ROUND_STATE_NOTICE);
  }

  // NoticeRound1, the notice run out, round 1 confirmed.
  void ConfirmRound1() {
    NoticeRound1();
    if (HasFatalFailure()) return;
    clock_.Set(kNoticeEnd + 60);
    ASSERT_THAT(ConfirmRound(), GrpcIs(Code::OK));
  }

  // ConfirmRound1 at kNoticeEnd, then the final round 2: 张伟 90.0
  // (EXCELLENT) and 王芳 85.0 (GOOD) from all three assessors, 孙丽 absent
  // with an excuse; scoring closed, the notice published a day after round
  // 1's ended and, unless `confirm` is false, run out and confirmed (the
  // cohort then CLOSED).
  void FinalRound2(bool confirm = true) {
    NoticeRound1();
    if (HasFatalFailure()) return;
    clock_.Set(kNoticeEnd);
    ASSERT_THAT(ConfirmRound(), GrpcIs(Code::OK));
    v1::AssignAssessorsResponse assigned;
    ASSERT_THAT(AssignWholeCohort(kRound2, &assigned), GrpcIs(Code::OK));
    ASSERT_THAT(OpenRound(kRound2), GrpcIs(Code::OK));
    for (const std::string* token : {&assessor_token_, &expert2_token_, &expert3_token_}) {
      Score(*token, zhang_, Sheet("14", "13", "18", "18", "14", "13"), kRound2);
      Score(*token, wang_, Sheet("13", "13", "17", "17", "13", "12"), kRound2);
      if (HasFatalFailure()) return;
    }
    ASSERT_THAT(MarkAbsent(sun_.name(), true, "产假", kRound2), GrpcIs(Code::OK));
    ASSERT_THAT(CloseScoring(kRound2), GrpcIs(Code::OK));
    clock_.Set(kNoticeEnd + 86400);
    ASSERT_THAT(PublishNotice(kRound2), GrpcIs(Code::OK));
    if (!confirm) return;
    clock_.Set(kNoticeEnd + 6 * 86400);
    ASSERT_THAT(ConfirmRound(kRound2), GrpcIs(Code::OK));
  }

  v1::Enrolment zhang_, wang_, li_, chen_, zhao_, sun_, zhou_;
  std::string expert2_token_, expert3_token_;
};

}  // namespace talent::testing

#endif  // TALENT_TESTS_SERVICE_ROUND_FLOW_FIXTURE_H_
