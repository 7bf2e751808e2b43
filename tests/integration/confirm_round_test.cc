// talent.v1.RoundService over a real server, from the end of scoring to the
// final word (docs/lifecycles.md §3, docs/rules.md §3–§10): absences and
// closing scoring, provisional results with exact scores, ranks, ratings,
// veto and eliminations, the public notice and its end, appeals (filed,
// rejected, amended with reopened sheets rewritten during the notice),
// confirmation storing the results as computed, eliminations taking effect,
// the final round making the excellent eligible and closing the cohort, and
// who may call what.
//
// One scenario serves every test: cohort 2023 CULTIVATING with six ACTIVE
// candidates and one NOT_SELECTED, three assessors assigned to all of them
// in round 1 (中期考核, OPEN), round 2 (年度考核) final and DRAFT.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/storage/assessment_repository.h"
#include "server/storage/programme_repository.h"
#include "talent/v1/assessment.grpc.pb.h"
#include "talent/v1/round.grpc.pb.h"
#include "talent/v1/sheet.grpc.pb.h"
#include "tests/testing/enrolment_fixture.h"
#include "tests/testing/status_matchers.h"

namespace talent {
namespace {

using ::talent::testing::GrpcIs;
using ::talent::testing::kCohort2023;
using ::talent::testing::kFixtureNow;
using ::testing::AllOf;
using ::testing::ContainsRegex;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using Code = grpc::StatusCode;
using Points = std::vector<std::pair<std::string, std::string>>;

constexpr char kRound1[] = "programmes/SCSW/cohorts/2023/rounds/1";
constexpr char kRound2[] = "programmes/SCSW/cohorts/2023/rounds/2";
// The notice of round 1 is published an hour after kFixtureNow and lasts the
// default 5 days.
constexpr int64_t kPublishTime = kFixtureNow + 3600;
constexpr int64_t kNoticeEnd = kPublishTime + 5 * 86400;
constexpr char kPublishText[] = "2023-06-01T01:00:00Z";
constexpr char kNoticeEndText[] = "2023-06-06T01:00:00Z";

// A full sheet of the default rubric (theory 15, competence 15, system 20,
// talent 20, charity 15, ethics 15 — ethics the veto), in rubric order.
Points Sheet(const char* theory, const char* competence, const char* system,
             const char* talent, const char* charity, const char* ethics) {
  return {{"theory", theory}, {"competence", competence}, {"system", system},
          {"talent", talent}, {"charity", charity},       {"ethics", ethics}};
}

// One result as comparable text: "rank candidate score rating sheets spread
// [flags] [eliminated: reason]".
std::string Line(const v1::Result& r) {
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

std::vector<std::string> Lines(const v1::RoundResults& results) {
  std::vector<std::string> out;
  for (const v1::Result& r : results.results()) out.push_back(Line(r));
  return out;
}

// "id enrolment candidate STATE resolution" of each appeal, in order.
std::vector<std::string> AppealLines(const v1::ListAppealsResponse& r) {
  std::vector<std::string> out;
  for (const v1::Appeal& a : r.appeals()) {
    out.push_back(absl::StrCat(a.id(), " ", a.enrolment(), " ", a.candidate(), " ",
                               v1::AppealState_Name(a.state()), " [", a.resolution(), "]"));
  }
  return out;
}

// The message names enrolment `id` as a whole number.
::testing::Matcher<const std::string&> Names(int64_t id) {
  return ContainsRegex(absl::StrCat("(^|[^0-9])", id, "([^0-9]|$)"));
}

class RoundFlowFixture : public testing::EnrolmentFixture {
 protected:
  void SetUp() override {
    testing::EnrolmentFixture::SetUp();
    if (HasFatalFailure()) return;
    rounds_ = v1::RoundService::NewStub(channel_);
    sheets_ = v1::SheetService::NewStub(channel_);
    assessment_ = v1::AssessmentService::NewStub(channel_);
    MakeScenario();
  }

  // Cohort 2023 CULTIVATING: 张伟 and 王芳 (service), 李明 and 陈静
  // (management), 赵磊 and 孙丽 (education & research) ACTIVE, 周杰
  // recommended only, so NOT_SELECTED. Assessors expert1 (the fixture's),
  // expert2 and expert3, of organisations no candidate belongs to, assigned
  // to every active candidate in round 1, which is OPEN.
  void MakeScenario() {
    CreateSeedProgramme();
    CreateCohort(2023, 3, 3, 3, /*open=*/true);
    zhang_ = Enrol(kCohort2023, "张伟", 31, v1::TRACK_SERVICE);
    wang_ = Enrol(kCohort2023, "王芳", 32, v1::TRACK_SERVICE);
    li_ = Enrol(kCohort2023, "李明", 33, v1::TRACK_MANAGEMENT);
    chen_ = Enrol(kCohort2023, "陈静", 34, v1::TRACK_MANAGEMENT);
    zhao_ = Enrol(kCohort2023, "赵磊", 35, v1::TRACK_EDUCATION_RESEARCH);
    sun_ = Enrol(kCohort2023, "孙丽", 36, v1::TRACK_EDUCATION_RESEARCH);
    zhou_ = Enrol(kCohort2023, "周杰", 37, v1::TRACK_SERVICE);
    ASSERT_FALSE(HasFailure());
    for (const v1::Enrolment* e : {&zhang_, &wang_, &li_, &chen_, &zhao_, &sun_}) {
      RecommendAndSelect(e->name());
    }
    ASSERT_THAT(Recommend(zhou_.name(), v1::LEVEL_COUNTY), GrpcIs(Code::OK));
    StartCultivating2023();
    if (HasFatalFailure()) return;
    expert2_token_ = MakeUser("expert2", domain::Role::kAssessor, "四川大学");
    expert3_token_ = MakeUser("expert3", domain::Role::kAssessor, "电子科技大学");
    ASSERT_FALSE(HasFailure());

    ASSERT_THAT(CreateRound(1, "中期考核", false), GrpcIs(Code::OK));
    ASSERT_THAT(CreateRound(2, "年度考核", true), GrpcIs(Code::OK));
    v1::AssignAssessorsResponse assigned;
    ASSERT_THAT(AssignWholeCohort(kRound1, &assigned), GrpcIs(Code::OK));
    ASSERT_EQ(assigned.assigned(), 18);
    ASSERT_THAT(OpenRound(kRound1), GrpcIs(Code::OK));
  }

  // --- RPC wrappers (admin unless a token is given) -----------------------------

  grpc::Status CreateRound(int position, const std::string& title, bool final) {
    v1::CreateRoundRequest req;
    req.mutable_round()->set_cohort(kCohort2023);
    req.mutable_round()->set_title(title);
    req.mutable_round()->set_position(position);
    req.mutable_round()->set_final(final);
    v1::Round resp;
    return rounds_->CreateRound(AsAdmin().get(), req, &resp);
  }

  grpc::Status AssignWholeCohort(const std::string& round, v1::AssignAssessorsResponse* out) {
    v1::AssignAssessorsRequest req;
    req.set_round(round);
    for (const char* a : {"users/expert1", "users/expert2", "users/expert3"}) {
      req.add_assessors(a);
    }
    req.set_whole_cohort(true);
    return rounds_->AssignAssessors(AsAdmin().get(), req, out);
  }

  grpc::Status OpenRound(const std::string& name, v1::Round* out = nullptr) {
    v1::OpenRoundRequest req;
    req.set_name(name);
    v1::Round resp;
    return rounds_->OpenRound(AsAdmin().get(), req, out ? out : &resp);
  }

  grpc::Status GetRound(const std::string& name, v1::Round* out) {
    v1::GetRoundRequest req;
    req.set_name(name);
    return rounds_->GetRound(AsAdmin().get(), req, out);
  }

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

  std::unique_ptr<v1::RoundService::Stub> rounds_;
  std::unique_ptr<v1::SheetService::Stub> sheets_;
  std::unique_ptr<v1::AssessmentService::Stub> assessment_;
  v1::Enrolment zhang_, wang_, li_, chen_, zhao_, sun_, zhou_;
  std::string expert2_token_, expert3_token_;
};

// The round-1 listing (provisional or confirmed), in rank order.
const std::vector<std::string> kRound1Lines = {
    "1 张伟 92.00 RATING_EXCELLENT sheets=3 spread=0.0",
    "2 李明 86.00 RATING_FAIL sheets=3 spread=0.0 veto eliminated: rated fail by the veto "
    "criterion",
    "3 王芳 85.67 RATING_GOOD sheets=3 spread=1.0",
    "4 陈静 55.00 RATING_FAIL sheets=3 spread=0.0 eliminated: rated fail",
    "0 赵磊 - RATING_UNSPECIFIED sheets=0 spread=- absent eliminated: absent without an "
    "accepted excuse",
    "0 孙丽 - RATING_UNSPECIFIED sheets=0 spread=- absent excused",
};

class ResultsTest : public RoundFlowFixture {};
class AppealTest : public RoundFlowFixture {};
class ConfirmRoundTest : public RoundFlowFixture {};

// --- Closing scoring and provisional results ----------------------------------------

TEST_F(ResultsTest, CloseScoringNamesTheShortUntilScoredOrMarkedAbsent) {
  ScoreRound1(/*complete=*/false);
  ASSERT_FALSE(HasFatalFailure());
  // 陈静 has 2 submitted sheets (a draft does not count); 赵磊 and 孙丽 none.
  grpc::Status status = CloseScoring();
  EXPECT_THAT(status, GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_THAT(status.error_message(), AllOf(Names(chen_.id()), Names(zhao_.id()),
                                            Names(sun_.id())));
  EXPECT_EQ(RoundState(kRound1), v1::ROUND_STATE_OPEN);

  ASSERT_THAT(MarkAbsent(zhao_.name(), false, "未参加"), GrpcIs(Code::OK));
  ASSERT_THAT(MarkAbsent(sun_.name(), true, "病假"), GrpcIs(Code::OK));
  status = CloseScoring();
  EXPECT_THAT(status, GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_THAT(status.error_message(),
              AllOf(Names(chen_.id()), Not(Names(zhao_.id())), Not(Names(sun_.id()))));
  EXPECT_EQ(RoundState(kRound1), v1::ROUND_STATE_OPEN);

  ASSERT_THAT(Submit(expert3_token_, chen_.name()), GrpcIs(Code::OK));
  v1::Round round;
  ASSERT_THAT(CloseScoring(kRound1, &round), GrpcIs(Code::OK));
  EXPECT_EQ(round.state(), v1::ROUND_STATE_SCORED);
  EXPECT_EQ(round.notice_start(), "");
  EXPECT_EQ(round.notice_end(), "");
  EXPECT_EQ(RoundState(kRound1), v1::ROUND_STATE_SCORED);
  // Closing twice, or recording an absence after closing, is refused.
  EXPECT_THAT(CloseScoring(), GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_THAT(MarkAbsent(chen_.name(), true, "补记"), GrpcIs(Code::FAILED_PRECONDITION));
  // Scoring is over: no sheet can be written any more.
  EXPECT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "15"}}),
              GrpcIs(Code::FAILED_PRECONDITION));
}

TEST_F(ResultsTest, MarkAbsentChecksItsArguments) {
  EXPECT_THAT(MarkAbsent(zhao_.name(), false, ""), GrpcIs(Code::INVALID_ARGUMENT,
                                                          HasSubstr("reason")));
  EXPECT_THAT(MarkAbsent("enrolments/9999", false, "未参加"), GrpcIs(Code::NOT_FOUND));
  // 周杰 was never selected: not assessed, so not absent either.
  EXPECT_THAT(MarkAbsent(zhou_.name(), false, "未参加"), GrpcIs(Code::FAILED_PRECONDITION));
  // Round 2 is still DRAFT.
  EXPECT_THAT(MarkAbsent(zhao_.name(), false, "未参加", kRound2),
              GrpcIs(Code::FAILED_PRECONDITION));
}

TEST_F(ResultsTest, GetResultsBeforeScoringClosesIsFailedPrecondition) {
  ScoreRound1();
  ASSERT_FALSE(HasFatalFailure());
  v1::RoundResults results;
  EXPECT_THAT(GetResults(&results), GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_EQ(results.results_size(), 0);
  EXPECT_THAT(GetResults(&results, kRound2), GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_THAT(GetResults(&results, "programmes/SCSW/cohorts/2023/rounds/9"),
              GrpcIs(Code::NOT_FOUND));
}

TEST_F(ResultsTest, ProvisionalResultsAfterClosingHaveExactScoresRanksAndEliminations) {
  CloseRound1();
  ASSERT_FALSE(HasFatalFailure());
  v1::RoundResults results = Results();
  EXPECT_EQ(results.round(), kRound1);
  EXPECT_TRUE(results.provisional());
  EXPECT_THAT(Lines(results), ::testing::ElementsAreArray(kRound1Lines));
  EXPECT_EQ(results.assessed(), 4);
  EXPECT_EQ(results.excellent_cap(), -1);
  EXPECT_FALSE(results.cap_exceeded_by_tie());
  EXPECT_THAT(results.criteria(),
              ElementsAre("theory", "competence", "system", "talent", "charity", "ethics"));
  ASSERT_EQ(results.results_size(), 6);
  // Each criterion aggregated on its own, in hundredths.
  EXPECT_THAT(results.results(0).criteria(),
              ElementsAre("14.00", "14.00", "19.00", "18.00", "14.00", "13.00"));
  EXPECT_THAT(results.results(1).criteria(),
              ElementsAre("14.00", "14.00", "18.00", "18.00", "14.00", "8.00"));
  EXPECT_THAT(results.results(2).criteria(),
              ElementsAre("13.67", "13.00", "17.00", "17.00", "13.00", "12.00"));
  EXPECT_THAT(results.results(4).criteria(), IsEmpty());
  // Who is who.
  EXPECT_EQ(results.results(0).enrolment(), zhang_.name());
  EXPECT_EQ(results.results(0).track(), v1::TRACK_SERVICE);
  EXPECT_EQ(results.results(1).enrolment(), li_.name());
  EXPECT_EQ(results.results(1).track(), v1::TRACK_MANAGEMENT);
  EXPECT_EQ(results.results(4).enrolment(), zhao_.name());
  EXPECT_EQ(results.results(5).enrolment(), sun_.name());
  EXPECT_EQ(results.results(5).track(), v1::TRACK_EDUCATION_RESEARCH);
  // The rules are printed under the listing.
  EXPECT_THAT(results.rules(), AllOf(Not(IsEmpty()), HasSubstr("rated fail")));
  // Provisional results change nothing yet.
  EXPECT_EQ(StageOf(li_), "STAGE_ACTIVE");
  EXPECT_EQ(StageOf(zhao_), "STAGE_ACTIVE");
}

TEST_F(ResultsTest, StoredResultsAreNotRecomputedAfterConfirmation) {
  NoticeRound1();
  ASSERT_FALSE(HasFatalFailure());
  v1::RoundResults provisional = Results();
  clock_.Set(kNoticeEnd);
  ASSERT_THAT(ConfirmRound(), GrpcIs(Code::OK));
  v1::RoundResults confirmed = Results();
  EXPECT_FALSE(confirmed.provisional());
  EXPECT_THAT(Lines(confirmed), ::testing::ElementsAreArray(kRound1Lines));
  EXPECT_EQ(confirmed.rules(), provisional.rules());

  // The rules are frozen for the API once a round has opened ...
  v1::SetRulesRequest set;
  set.mutable_rules()->set_cohort(kCohort2023);
  set.mutable_rules()->set_pass_from("90.00");
  set.add_update_mask("pass_from");
  v1::AssessmentRules ignored;
  EXPECT_THAT(assessment_->SetRules(AsAdmin().get(), set, &ignored),
              GrpcIs(Code::FAILED_PRECONDITION));
  // ... and a confirmed round's sheets cannot be reopened.
  v1::ReopenSheetRequest reopen;
  reopen.set_round(kRound1);
  reopen.set_enrolment(wang_.name());
  reopen.set_assessor("users/expert1");
  reopen.set_reason("确认后复核");
  v1::Sheet sheet;
  EXPECT_THAT(sheets_->ReopenSheet(AsAdmin().get(), reopen, &sheet),
              GrpcIs(Code::FAILED_PRECONDITION));

  // So a later version of the rules is written behind the API's back: a
  // pass mark of 90, no elimination for failing, and 4 sheets needed.
  {
    storage::StoreOptions options;
    auto store = storage::Store::Open(dir_.File("talent.db"), options);
    ASSERT_TRUE(store.ok()) << store.status();
    absl::Status written = (*store)->Write([](storage::Connection& db) -> absl::Status {
      auto cohort = storage::CohortRepository::Find(db, "SCSW", 2023);
      if (!cohort.ok()) return cohort.status();
      auto rules = storage::AssessmentRepository::LoadRules(db, cohort->id);
      if (!rules.ok()) return rules.status();
      rules->pass_from = 9000;
      rules->good_from = 9100;
      rules->excellent_from = 9500;
      rules->eliminate_fail = false;
      rules->min_sheets = 4;
      return storage::AssessmentRepository::SaveRules(db, cohort->id, *rules, kNoticeEnd);
    });
    ASSERT_TRUE(written.ok()) << written;
  }
  v1::GetRulesRequest get;
  get.set_cohort(kCohort2023);
  v1::AssessmentRules now;
  ASSERT_THAT(assessment_->GetRules(AsAdmin().get(), get, &now), GrpcIs(Code::OK));
  ASSERT_EQ(now.pass_from(), "90.00");  // the new rules are in force
  ASSERT_EQ(now.min_sheets(), 4);

  v1::RoundResults later = Results();
  EXPECT_EQ(later.SerializeAsString(), confirmed.SerializeAsString());
  EXPECT_THAT(Lines(later), ::testing::ElementsAreArray(kRound1Lines));
  EXPECT_EQ(later.rules(), provisional.rules());
  EXPECT_NE(later.rules(), now.description());
  // The eliminated are no longer active, yet stay listed with their names.
  EXPECT_EQ(StageOf(li_), "STAGE_ELIMINATED [中期考核: rated fail by the veto criterion]");
}

// --- Public notice ----------------------------------------------------------------

TEST_F(ConfirmRoundTest, PublishNoticeStartsAFiveDayNoticeAndConfirmWaitsForItsEnd) {
  ScoreRound1();
  ASSERT_FALSE(HasFatalFailure());
  // Not before scoring is closed; no confirmation without a notice.
  EXPECT_THAT(PublishNotice(), GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_THAT(ConfirmRound(), GrpcIs(Code::FAILED_PRECONDITION));
  ASSERT_THAT(MarkAbsent(zhao_.name(), false, "未参加"), GrpcIs(Code::OK));
  ASSERT_THAT(MarkAbsent(sun_.name(), true, "病假"), GrpcIs(Code::OK));
  ASSERT_THAT(CloseScoring(), GrpcIs(Code::OK));
  EXPECT_THAT(ConfirmRound(), GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_EQ(RoundState(kRound1), v1::ROUND_STATE_SCORED);

  clock_.Set(kPublishTime);
  v1::Round round;
  ASSERT_THAT(PublishNotice(kRound1, &round), GrpcIs(Code::OK));
  EXPECT_EQ(round.name(), kRound1);
  EXPECT_EQ(round.state(), v1::ROUND_STATE_NOTICE);
  EXPECT_EQ(round.notice_start(), kPublishText);
  EXPECT_EQ(round.notice_end(), kNoticeEndText);
  v1::Round read;
  ASSERT_THAT(GetRound(kRound1, &read), GrpcIs(Code::OK));
  EXPECT_EQ(read.SerializeAsString(), round.SerializeAsString());
  EXPECT_THAT(PublishNotice(), GrpcIs(Code::FAILED_PRECONDITION));
  // Still provisional during the notice.
  EXPECT_TRUE(Results().provisional());

  // Before the end: refused, saying until when.
  EXPECT_THAT(ConfirmRound(), GrpcIs(Code::FAILED_PRECONDITION, HasSubstr(kNoticeEndText)));
  clock_.Set(kNoticeEnd - 1);
  EXPECT_THAT(ConfirmRound(), GrpcIs(Code::FAILED_PRECONDITION, HasSubstr(kNoticeEndText)));
  EXPECT_EQ(RoundState(kRound1), v1::ROUND_STATE_NOTICE);
  EXPECT_EQ(StageOf(li_), "STAGE_ACTIVE");
  // At the end it is over.
  clock_.Set(kNoticeEnd);
  v1::Round confirmed;
  ASSERT_THAT(ConfirmRound(kRound1, &confirmed), GrpcIs(Code::OK));
  EXPECT_EQ(confirmed.state(), v1::ROUND_STATE_CONFIRMED);
  EXPECT_EQ(confirmed.notice_start(), kPublishText);
  EXPECT_EQ(confirmed.notice_end(), kNoticeEndText);
}

// --- Confirmation -----------------------------------------------------------------

TEST_F(ConfirmRoundTest, ConfirmStoresTheProvisionalResultsAndEliminates) {
  NoticeRound1();
  ASSERT_FALSE(HasFatalFailure());
  v1::RoundResults provisional = Results();
  ASSERT_TRUE(provisional.provisional());
  clock_.Set(kNoticeEnd + 6 * 86400);
  v1::Round round;
  ASSERT_THAT(ConfirmRound(kRound1, &round), GrpcIs(Code::OK));
  EXPECT_EQ(round.state(), v1::ROUND_STATE_CONFIRMED);
  EXPECT_EQ(RoundState(kRound1), v1::ROUND_STATE_CONFIRMED);

  v1::RoundResults confirmed = Results();
  EXPECT_FALSE(confirmed.provisional());
  EXPECT_THAT(Lines(confirmed), ::testing::ElementsAreArray(kRound1Lines));
  v1::RoundResults expected = provisional;
  expected.set_provisional(false);
  EXPECT_EQ(confirmed.SerializeAsString(), expected.SerializeAsString())
      << confirmed.DebugString();

  // Eliminations take effect, each with the round and the reason.
  EXPECT_EQ(StageOf(zhang_), "STAGE_ACTIVE");
  EXPECT_EQ(StageOf(wang_), "STAGE_ACTIVE");
  EXPECT_EQ(StageOf(li_), "STAGE_ELIMINATED [中期考核: rated fail by the veto criterion]");
  EXPECT_EQ(StageOf(chen_), "STAGE_ELIMINATED [中期考核: rated fail]");
  EXPECT_EQ(StageOf(zhao_), "STAGE_ELIMINATED [中期考核: absent without an accepted excuse]");
  EXPECT_EQ(StageOf(sun_), "STAGE_ACTIVE");  // excused
  EXPECT_EQ(v1::Stage_Name(GetEnrolment(zhou_).stage()), "STAGE_NOT_SELECTED");
  // Not the final round: the cohort goes on.
  EXPECT_EQ(CohortState(), v1::COHORT_STATE_CULTIVATING);

  // Once only; and nothing can be appealed any more.
  EXPECT_THAT(ConfirmRound(), GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_THAT(FileAppeal(wang_.name(), "确认后申诉"), GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_THAT(AppealList(), IsEmpty());
}

TEST_F(ConfirmRoundTest, FinalRoundMakesTheExcellentEligibleAndClosesTheCohort) {
  NoticeRound1();
  ASSERT_FALSE(HasFatalFailure());
  // One round at a time: the final round waits for round 1's confirmation.
  EXPECT_THAT(OpenRound(kRound2), GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("中期考核")));
  EXPECT_EQ(RoundState(kRound2), v1::ROUND_STATE_DRAFT);
  clock_.Set(kNoticeEnd);
  ASSERT_THAT(ConfirmRound(), GrpcIs(Code::OK));

  // The eliminated are never assigned again: 3 active × 3 assessors.
  v1::AssignAssessorsResponse assigned;
  ASSERT_THAT(AssignWholeCohort(kRound2, &assigned), GrpcIs(Code::OK));
  EXPECT_EQ(assigned.assigned(), 9);
  v1::AssignAssessorsRequest named;
  named.set_round(kRound2);
  named.add_assessors("users/expert1");
  named.add_enrolments(li_.name());
  EXPECT_THAT(rounds_->AssignAssessors(AsAdmin().get(), named, &assigned),
              GrpcIs(Code::FAILED_PRECONDITION));
  v1::Round opened;
  ASSERT_THAT(OpenRound(kRound2, &opened), GrpcIs(Code::OK));
  ASSERT_EQ(opened.state(), v1::ROUND_STATE_OPEN);
  EXPECT_THAT(SetScores(assessor_token_, li_.name(), {{"theory", "15"}}, kRound2),
              GrpcIs(Code::PERMISSION_DENIED));

  // 张伟 exactly 90.0 (EXCELLENT), 王芳 85.0 (GOOD), 孙丽 absent with an
  // excuse this time too.
  for (const std::string* token : {&assessor_token_, &expert2_token_, &expert3_token_}) {
    Score(*token, zhang_, Sheet("14", "13", "18", "18", "14", "13"), kRound2);
    Score(*token, wang_, Sheet("13", "13", "17", "17", "13", "12"), kRound2);
    ASSERT_FALSE(HasFatalFailure());
  }
  ASSERT_THAT(MarkAbsent(sun_.name(), true, "产假", kRound2), GrpcIs(Code::OK));
  ASSERT_THAT(CloseScoring(kRound2), GrpcIs(Code::OK));
  clock_.Set(kNoticeEnd + 86400);
  v1::Round notice;
  ASSERT_THAT(PublishNotice(kRound2, &notice), GrpcIs(Code::OK));
  EXPECT_EQ(notice.notice_start(), "2023-06-07T01:00:00Z");
  EXPECT_EQ(notice.notice_end(), "2023-06-12T01:00:00Z");
  clock_.Set(kNoticeEnd + 6 * 86400);
  v1::Round round;
  ASSERT_THAT(ConfirmRound(kRound2, &round), GrpcIs(Code::OK));
  EXPECT_EQ(round.state(), v1::ROUND_STATE_CONFIRMED);
  EXPECT_TRUE(round.final());

  v1::RoundResults results = Results(kRound2);
  EXPECT_FALSE(results.provisional());
  EXPECT_THAT(Lines(results), ElementsAre("1 张伟 90.00 RATING_EXCELLENT sheets=3 spread=0.0",
                                          "2 王芳 85.00 RATING_GOOD sheets=3 spread=0.0",
                                          "0 孙丽 - RATING_UNSPECIFIED sheets=0 spread=- absent "
                                          "excused"));
  // The excellent stay ACTIVE, eligible for a certificate; the other active
  // ones are COMPLETED; the eliminated stay eliminated; the cohort closes.
  EXPECT_EQ(StageOf(zhang_), "STAGE_ACTIVE");
  EXPECT_EQ(StageOf(wang_), "STAGE_COMPLETED");
  EXPECT_EQ(StageOf(sun_), "STAGE_COMPLETED");
  EXPECT_EQ(StageOf(li_), "STAGE_ELIMINATED [中期考核: rated fail by the veto criterion]");
  EXPECT_EQ(StageOf(chen_), "STAGE_ELIMINATED [中期考核: rated fail]");
  EXPECT_EQ(StageOf(zhao_), "STAGE_ELIMINATED [中期考核: absent without an accepted excuse]");
  EXPECT_EQ(v1::Stage_Name(GetEnrolment(zhou_).stage()), "STAGE_NOT_SELECTED");
  EXPECT_EQ(CohortState(), v1::COHORT_STATE_CLOSED);
  EXPECT_TRUE(GetEnrolment(zhang_).certificate_eligible());
  for (const v1::Enrolment* e : {&wang_, &sun_, &li_, &chen_, &zhao_, &zhou_}) {
    EXPECT_FALSE(GetEnrolment(*e).certificate_eligible()) << e->person().full_name();
  }
  EXPECT_THAT(ConfirmRound(kRound2), GrpcIs(Code::FAILED_PRECONDITION));
}

// --- Appeals ------------------------------------------------------------------------

TEST_F(AppealTest, FileAppealOnlyDuringTheNoticeForAnEnrolmentWithAResult) {
  ScoreRound1();
  ASSERT_FALSE(HasFatalFailure());
  EXPECT_THAT(FileAppeal(wang_.name(), "分数有误"),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("notice")));
  ASSERT_THAT(MarkAbsent(zhao_.name(), false, "未参加"), GrpcIs(Code::OK));
  ASSERT_THAT(MarkAbsent(sun_.name(), true, "病假"), GrpcIs(Code::OK));
  ASSERT_THAT(CloseScoring(), GrpcIs(Code::OK));
  EXPECT_THAT(FileAppeal(wang_.name(), "分数有误"),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("notice")));
  clock_.Set(kPublishTime);
  ASSERT_THAT(PublishNotice(), GrpcIs(Code::OK));

  // Never selected, unknown, or not an enrolment name at all.
  EXPECT_THAT(FileAppeal(zhou_.name(), "我也想参加"), GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(FileAppeal("enrolments/9999", "分数有误"), GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(FileAppeal("王芳", "分数有误"), GrpcIs(Code::INVALID_ARGUMENT));
  EXPECT_THAT(FileAppeal(wang_.name(), ""), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("reason")));
  EXPECT_THAT(FileAppeal(wang_.name(), std::string(1001, 'x')),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("reason")));
  EXPECT_THAT(FileAppeal(wang_.name(), "分数有误", nullptr, "", kRound2),
              GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_THAT(AppealList(), IsEmpty());

  clock_.Set(kPublishTime + 60);
  v1::Appeal appeal;
  ASSERT_THAT(FileAppeal(wang_.name(), "理论武装得分录入有误", &appeal), GrpcIs(Code::OK));
  EXPECT_GT(appeal.id(), 0);
  EXPECT_EQ(appeal.round(), kRound1);
  EXPECT_EQ(appeal.enrolment(), wang_.name());
  EXPECT_EQ(appeal.reason(), "理论武装得分录入有误");
  EXPECT_EQ(appeal.state(), v1::APPEAL_STATE_OPEN);
  EXPECT_EQ(appeal.resolution(), "");
  EXPECT_EQ(appeal.filed_time(), "2023-06-01T01:01:00Z");
  EXPECT_EQ(appeal.resolved_time(), "");
  EXPECT_THAT(AppealList(), ElementsAre(absl::StrCat(appeal.id(), " ", wang_.name(),
                                                     " 王芳 APPEAL_STATE_OPEN []")));
}

// The Appeal that FileAppeal answers is the resource ListAppeals then lists,
// candidate included (round.proto has no field that is "list only").
TEST_F(AppealTest, FileAppealAnswersWithTheAppealAsListed) {
  NoticeRound1();
  ASSERT_FALSE(HasFatalFailure());
  v1::Appeal appeal;
  ASSERT_THAT(FileAppeal(wang_.name(), "理论武装得分录入有误", &appeal), GrpcIs(Code::OK));
  EXPECT_EQ(appeal.candidate(), "王芳");
  v1::ListAppealsResponse list;
  ASSERT_THAT(ListAppeals(&list), GrpcIs(Code::OK));
  ASSERT_EQ(list.appeals_size(), 1);
  EXPECT_EQ(list.appeals(0).candidate(), "王芳");
  EXPECT_EQ(list.appeals(0).SerializeAsString(), appeal.SerializeAsString())
      << list.appeals(0).DebugString() << "\nvs\n" << appeal.DebugString();
}

TEST_F(AppealTest, ResolveAppealChecksItsArgumentsAndResolvesOnce) {
  NoticeRound1();
  ASSERT_FALSE(HasFatalFailure());
  v1::Appeal first, second;
  ASSERT_THAT(FileAppeal(wang_.name(), "理论武装得分录入有误", &first), GrpcIs(Code::OK));
  ASSERT_THAT(FileAppeal(chen_.name(), "对伦理评分有异议", &second), GrpcIs(Code::OK));

  EXPECT_THAT(ResolveAppeal(first.id(), v1::APPEAL_STATE_REJECTED, "维持原评分",
                            {"users/expert1"}),
              GrpcIs(Code::INVALID_ARGUMENT));
  EXPECT_THAT(ResolveAppeal(first.id(), v1::APPEAL_STATE_AMENDED, "改分", {}),
              GrpcIs(Code::INVALID_ARGUMENT));
  EXPECT_THAT(ResolveAppeal(first.id(), v1::APPEAL_STATE_OPEN, "再议", {}),
              GrpcIs(Code::INVALID_ARGUMENT));
  EXPECT_THAT(ResolveAppeal(first.id(), v1::APPEAL_STATE_UNSPECIFIED, "再议", {}),
              GrpcIs(Code::INVALID_ARGUMENT));
  EXPECT_THAT(ResolveAppeal(first.id(), v1::APPEAL_STATE_REJECTED, "", {}),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("resolution")));
  EXPECT_THAT(ResolveAppeal(9999, v1::APPEAL_STATE_REJECTED, "维持原评分", {}),
              GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(ResolveAppeal(first.id(), v1::APPEAL_STATE_AMENDED, "改分", {"users/Expert 1"}),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("reopen")));
  EXPECT_THAT(ResolveAppeal(first.id(), v1::APPEAL_STATE_AMENDED, "改分", {"users/nobody"}),
              GrpcIs(Code::NOT_FOUND));
  // All or nothing: leader1 has no sheet, so expert1's does not reopen either.
  EXPECT_THAT(ResolveAppeal(first.id(), v1::APPEAL_STATE_AMENDED, "改分",
                            {"users/expert1", "users/leader1"}),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("leader1")));
  EXPECT_EQ(AdminSheet(wang_, "users/expert1").state(), v1::SHEET_STATE_SUBMITTED);
  EXPECT_THAT(AppealList(),
              ElementsAre(absl::StrCat(first.id(), " ", wang_.name(), " 王芳 APPEAL_STATE_OPEN []"),
                          absl::StrCat(second.id(), " ", chen_.name(),
                                       " 陈静 APPEAL_STATE_OPEN []")));

  clock_.Set(kPublishTime + 600);
  v1::Appeal rejected;
  ASSERT_THAT(ResolveAppeal(second.id(), v1::APPEAL_STATE_REJECTED, "经复核，评分无误", {},
                            &rejected),
              GrpcIs(Code::OK));
  EXPECT_EQ(rejected.id(), second.id());
  EXPECT_EQ(rejected.state(), v1::APPEAL_STATE_REJECTED);
  EXPECT_EQ(rejected.resolution(), "经复核，评分无误");
  EXPECT_EQ(rejected.resolved_time(), "2023-06-01T01:10:00Z");
  EXPECT_EQ(rejected.reason(), "对伦理评分有异议");
  EXPECT_EQ(rejected.candidate(), "陈静");
  // Resolving twice, either way, is refused and changes nothing.
  EXPECT_THAT(ResolveAppeal(second.id(), v1::APPEAL_STATE_REJECTED, "再次驳回", {}),
              GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_THAT(ResolveAppeal(second.id(), v1::APPEAL_STATE_AMENDED, "改为修改",
                            {"users/expert1"}),
              GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_EQ(AdminSheet(chen_, "users/expert1").state(), v1::SHEET_STATE_SUBMITTED);

  v1::Appeal amended;
  ASSERT_THAT(ResolveAppeal(first.id(), v1::APPEAL_STATE_AMENDED, "专家一理论分录入错误，重评",
                            {"users/expert1"}, &amended),
              GrpcIs(Code::OK));
  EXPECT_EQ(amended.state(), v1::APPEAL_STATE_AMENDED);
  EXPECT_THAT(ResolveAppeal(first.id(), v1::APPEAL_STATE_AMENDED, "再改", {"users/expert2"}),
              GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_EQ(AdminSheet(wang_, "users/expert2").state(), v1::SHEET_STATE_SUBMITTED);

  v1::ListAppealsResponse list;
  ASSERT_THAT(ListAppeals(&list), GrpcIs(Code::OK));
  EXPECT_THAT(AppealLines(list),
              ElementsAre(absl::StrCat(first.id(), " ", wang_.name(),
                                       " 王芳 APPEAL_STATE_AMENDED [专家一理论分录入错误，重评]"),
                          absl::StrCat(second.id(), " ", chen_.name(),
                                       " 陈静 APPEAL_STATE_REJECTED [经复核，评分无误]")));
  ASSERT_EQ(list.appeals_size(), 2);
  EXPECT_EQ(list.appeals(1).SerializeAsString(), rejected.SerializeAsString());
}

TEST_F(AppealTest, OpenAppealBlocksConfirmationUntilRejected) {
  NoticeRound1();
  ASSERT_FALSE(HasFatalFailure());
  v1::Appeal appeal;
  ASSERT_THAT(FileAppeal(chen_.name(), "对伦理评分有异议", &appeal), GrpcIs(Code::OK));
  clock_.Set(kNoticeEnd + 86400);
  EXPECT_THAT(ConfirmRound(), GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("appeal")));
  EXPECT_EQ(RoundState(kRound1), v1::ROUND_STATE_NOTICE);
  EXPECT_EQ(StageOf(chen_), "STAGE_ACTIVE");
  ASSERT_THAT(ResolveAppeal(appeal.id(), v1::APPEAL_STATE_REJECTED, "维持原评分", {}),
              GrpcIs(Code::OK));
  ASSERT_THAT(ConfirmRound(), GrpcIs(Code::OK));
  EXPECT_THAT(Lines(Results()), ::testing::ElementsAreArray(kRound1Lines));
  EXPECT_EQ(StageOf(chen_), "STAGE_ELIMINATED [中期考核: rated fail]");
  // A confirmed round's appeals are closed for good.
  EXPECT_THAT(ResolveAppeal(appeal.id(), v1::APPEAL_STATE_REJECTED, "再次驳回", {}),
              GrpcIs(Code::FAILED_PRECONDITION));
}

TEST_F(AppealTest, AmendedAppealReopensTheNamedSheetForRewritingDuringTheNotice) {
  NoticeRound1();
  ASSERT_FALSE(HasFatalFailure());
  v1::RoundResults before = Results();
  clock_.Set(kPublishTime + 60);
  v1::Appeal appeal;
  ASSERT_THAT(FileAppeal(wang_.name(), "专家一的理论武装与服务社工体系得分录入有误", &appeal),
              GrpcIs(Code::OK));
  clock_.Set(kPublishTime + 120);
  ASSERT_THAT(ResolveAppeal(appeal.id(), v1::APPEAL_STATE_AMENDED, "退回专家一重评",
                            {"users/expert1"}),
              GrpcIs(Code::OK));
  EXPECT_EQ(AdminSheet(wang_, "users/expert1").state(), v1::SHEET_STATE_DRAFT);
  EXPECT_EQ(AdminSheet(wang_, "users/expert2").state(), v1::SHEET_STATE_SUBMITTED);

  // Only the reopened sheet may be written during the notice.
  EXPECT_THAT(SetScores(expert2_token_, wang_.name(), {{"theory", "15"}}),
              GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_THAT(Submit(expert2_token_, wang_.name()), GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "15"}}),
              GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_THAT(SetScores(expert3_token_, chen_.name(), {{"theory", "15"}}),
              GrpcIs(Code::FAILED_PRECONDITION));

  // Past the notice's end, the sheet awaiting resubmission blocks confirmation.
  clock_.Set(kNoticeEnd + 60);
  EXPECT_THAT(ConfirmRound(), GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("appeal")));
  EXPECT_EQ(RoundState(kRound1), v1::ROUND_STATE_NOTICE);

  // expert1 rewrites: theory 13 → 15, system 17 → 19: 89.0 in all.
  v1::Sheet sheet;
  ASSERT_THAT(SetScores(assessor_token_, wang_.name(), {{"theory", "15"}, {"system", "19"}},
                        kRound1, &sheet),
              GrpcIs(Code::OK));
  EXPECT_EQ(sheet.total(), "89.0");
  EXPECT_EQ(sheet.state(), v1::SHEET_STATE_DRAFT);
  ASSERT_THAT(Submit(assessor_token_, wang_.name(), kRound1, &sheet), GrpcIs(Code::OK));
  EXPECT_EQ(sheet.state(), v1::SHEET_STATE_SUBMITTED);
  // Resubmitted, it is locked again.
  EXPECT_THAT(SetScores(assessor_token_, wang_.name(), {{"theory", "14"}}),
              GrpcIs(Code::FAILED_PRECONDITION));

  // Results recomputed: 王芳 (89 + 86 + 86) / 3 = 87.00 now ranks above 李明.
  v1::RoundResults after = Results();
  EXPECT_TRUE(after.provisional());
  EXPECT_THAT(Lines(before), ::testing::ElementsAreArray(kRound1Lines));
  EXPECT_THAT(Lines(after),
              ElementsAre("1 张伟 92.00 RATING_EXCELLENT sheets=3 spread=0.0",
                          "2 王芳 87.00 RATING_GOOD sheets=3 spread=3.0",
                          "3 李明 86.00 RATING_FAIL sheets=3 spread=0.0 veto eliminated: rated "
                          "fail by the veto criterion",
                          "4 陈静 55.00 RATING_FAIL sheets=3 spread=0.0 eliminated: rated fail",
                          "0 赵磊 - RATING_UNSPECIFIED sheets=0 spread=- absent eliminated: "
                          "absent without an accepted excuse",
                          "0 孙丽 - RATING_UNSPECIFIED sheets=0 spread=- absent excused"));
  ASSERT_EQ(after.results_size(), 6);
  EXPECT_THAT(after.results(1).criteria(),
              ElementsAre("14.33", "13.00", "17.67", "17.00", "13.00", "12.00"));

  // Nothing pending any more: confirmed as last listed.
  v1::Round round;
  ASSERT_THAT(ConfirmRound(kRound1, &round), GrpcIs(Code::OK));
  EXPECT_EQ(round.state(), v1::ROUND_STATE_CONFIRMED);
  v1::RoundResults confirmed = Results();
  EXPECT_FALSE(confirmed.provisional());
  after.set_provisional(false);
  EXPECT_EQ(confirmed.SerializeAsString(), after.SerializeAsString()) << confirmed.DebugString();
  EXPECT_THAT(AppealList(),
              ElementsAre(absl::StrCat(appeal.id(), " ", wang_.name(),
                                       " 王芳 APPEAL_STATE_AMENDED [退回专家一重评]")));
  EXPECT_EQ(StageOf(wang_), "STAGE_ACTIVE");
  EXPECT_EQ(StageOf(li_), "STAGE_ELIMINATED [中期考核: rated fail by the veto criterion]");
}

// round.proto: GetResults is FAILED_PRECONDITION only "before scoring is
// closed"; during the notice the provisional listing is what the public
// notice shows. A sheet reopened by an amended appeal must not take it down.
TEST_F(AppealTest, ResultsStayListedWhileAnAmendedSheetAwaitsResubmission) {
  NoticeRound1();
  ASSERT_FALSE(HasFatalFailure());
  v1::Appeal appeal;
  ASSERT_THAT(FileAppeal(wang_.name(), "理论武装得分录入有误", &appeal), GrpcIs(Code::OK));
  ASSERT_THAT(ResolveAppeal(appeal.id(), v1::APPEAL_STATE_AMENDED, "退回专家一重评",
                            {"users/expert1"}),
              GrpcIs(Code::OK));
  v1::RoundResults results;
  EXPECT_THAT(GetResults(&results), GrpcIs(Code::OK));
  EXPECT_THAT(GetResults(&results, kRound1, viewer_token_), GrpcIs(Code::OK));
  EXPECT_TRUE(results.provisional());
  EXPECT_EQ(results.results_size(), 6);
}

// sheet.proto lets an administrator reopen a submitted sheet while the round
// is in NOTICE. Whatever follows, the round must not be stranded: either the
// reopen is refused, or the assessor can resubmit and the round can still be
// confirmed once the notice is over.
TEST_F(AppealTest, SheetReopenedDuringTheNoticeWithoutAnAppealDoesNotStrandTheRound) {
  NoticeRound1();
  ASSERT_FALSE(HasFatalFailure());
  v1::ReopenSheetRequest reopen;
  reopen.set_round(kRound1);
  reopen.set_enrolment(wang_.name());
  reopen.set_assessor("users/expert1");
  reopen.set_reason("公示期间复核");
  v1::Sheet sheet;
  grpc::Status reopened = sheets_->ReopenSheet(AsAdmin().get(), reopen, &sheet);
  if (reopened.ok()) {
    EXPECT_THAT(Submit(assessor_token_, wang_.name()), GrpcIs(Code::OK))
        << "the reopened sheet cannot be resubmitted during the notice";
  } else {
    EXPECT_THAT(reopened, GrpcIs(Code::FAILED_PRECONDITION));
  }
  clock_.Set(kNoticeEnd);
  EXPECT_THAT(ConfirmRound(), GrpcIs(Code::OK));
  EXPECT_EQ(RoundState(kRound1), v1::ROUND_STATE_CONFIRMED);
}

// --- Who may call what ------------------------------------------------------------

TEST_F(ResultsTest, OnlyAdminsConfirmAndAppealViewersRead) {
  NoticeRound1();
  ASSERT_FALSE(HasFatalFailure());
  v1::Appeal appeal;
  ASSERT_THAT(FileAppeal(chen_.name(), "对伦理评分有异议", &appeal), GrpcIs(Code::OK));
  clock_.Set(kNoticeEnd);
  for (const std::string& token : {assessor_token_, viewer_token_}) {
    EXPECT_THAT(ConfirmRound(kRound1, nullptr, token),
                GrpcIs(Code::PERMISSION_DENIED, HasSubstr("ConfirmRound")));
    EXPECT_THAT(FileAppeal(wang_.name(), "分数有误", nullptr, token),
                GrpcIs(Code::PERMISSION_DENIED, HasSubstr("FileAppeal")));
    EXPECT_THAT(ResolveAppeal(appeal.id(), v1::APPEAL_STATE_REJECTED, "驳回", {}, nullptr, token),
                GrpcIs(Code::PERMISSION_DENIED));
    EXPECT_THAT(PublishNotice(kRound1, nullptr, token), GrpcIs(Code::PERMISSION_DENIED));
    EXPECT_THAT(CloseScoring(kRound1, nullptr, token), GrpcIs(Code::PERMISSION_DENIED));
    EXPECT_THAT(MarkAbsent(wang_.name(), true, "病假", kRound1, token),
                GrpcIs(Code::PERMISSION_DENIED));
  }
  EXPECT_THAT(ConfirmRound(kRound1, nullptr, "not-a-token"), GrpcIs(Code::UNAUTHENTICATED));

  // The viewer reads what the admin reads.
  v1::RoundResults as_viewer;
  ASSERT_THAT(GetResults(&as_viewer, kRound1, viewer_token_), GrpcIs(Code::OK));
  EXPECT_EQ(as_viewer.SerializeAsString(), Results().SerializeAsString());
  v1::ListAppealsResponse appeals;
  ASSERT_THAT(ListAppeals(&appeals, viewer_token_), GrpcIs(Code::OK));
  EXPECT_THAT(AppealLines(appeals),
              ElementsAre(absl::StrCat(appeal.id(), " ", chen_.name(),
                                       " 陈静 APPEAL_STATE_OPEN []")));
  // An assessor reads neither.
  v1::RoundResults as_assessor;
  EXPECT_THAT(GetResults(&as_assessor, kRound1, assessor_token_),
              GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_EQ(as_assessor.results_size(), 0);
  EXPECT_THAT(ListAppeals(&appeals, assessor_token_), GrpcIs(Code::PERMISSION_DENIED));

  // Nothing the refused calls tried happened.
  EXPECT_EQ(RoundState(kRound1), v1::ROUND_STATE_NOTICE);
  EXPECT_THAT(AppealList(), ElementsAre(absl::StrCat(appeal.id(), " ", chen_.name(),
                                                     " 陈静 APPEAL_STATE_OPEN []")));
}

}  // namespace
}  // namespace talent
