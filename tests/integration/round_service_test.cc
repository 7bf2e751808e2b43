// talent.v1.RoundService over a real server: creating, listing, getting and
// opening rounds, declared conflicts of interest, assigning assessors with
// recusal (named enrolments all or nothing; a track or the whole cohort
// skipping and reporting recused pairs), who sees which assignments, every
// status code the API promises, who may call what, and the audit event each
// change leaves.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "talent/v1/assessment.grpc.pb.h"
#include "talent/v1/round.grpc.pb.h"
#include "tests/testing/enrolment_fixture.h"
#include "tests/testing/status_matchers.h"

namespace talent {
namespace {

using ::talent::testing::Applicant;
using ::talent::testing::GrpcIs;
using ::talent::testing::kCohort2022;
using ::talent::testing::kCohort2023;
using ::talent::testing::kFixtureNow;
using ::talent::testing::ValidNationalId;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::UnorderedElementsAre;
using Code = grpc::StatusCode;

constexpr char kRound1[] = "programmes/SCSW/cohorts/2023/rounds/1";
constexpr char kRound2[] = "programmes/SCSW/cohorts/2023/rounds/2";

// An assignment as comparable text: "enrolments/3 张伟 TRACK_SERVICE users/expert1".
std::string Pair(const v1::Assignment& a) {
  return a.enrolment() + " " + a.candidate() + " " + v1::Track_Name(a.track()) + " " +
         a.assessor();
}

std::vector<std::string> Pairs(const v1::ListAssignmentsResponse& r) {
  std::vector<std::string> out;
  for (const v1::Assignment& a : r.assignments()) out.push_back(Pair(a));
  return out;
}

class RoundServiceTest : public testing::EnrolmentFixture {
 protected:
  void SetUp() override {
    testing::EnrolmentFixture::SetUp();
    if (HasFatalFailure()) return;
    rounds_ = v1::RoundService::NewStub(channel_);
    assessment_ = v1::AssessmentService::NewStub(channel_);
    CreateSeedProgramme();
  }

  // --- RPC wrappers (admin unless a token is given) ---------------------------

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

  grpc::Status GetRound(const std::string& name, v1::Round* out, const std::string& token = "") {
    v1::GetRoundRequest req;
    req.set_name(name);
    return rounds_->GetRound(As(token.empty() ? admin_token_ : token).get(), req, out);
  }

  grpc::Status OpenRound(const std::string& name, v1::Round* out = nullptr,
                         const std::string& token = "") {
    v1::OpenRoundRequest req;
    req.set_name(name);
    v1::Round resp;
    return rounds_->OpenRound(As(token.empty() ? admin_token_ : token).get(), req,
                              out ? out : &resp);
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
  // (management) ACTIVE, each of another organisation; 刘静 (education & research) recommended but never
  // selected, so NOT_SELECTED. Assessors: expert1 (the fixture's, 西南财经大学,
  // recused from no one); expert2, of 张伟's organisation written with a
  // space; expert3, of 王芳's written in full-width letters, another case,
  // an ideographic space and a hyphen.
  void MakeCultivating2023() {
    CreateCohort(2023, 3, 3, 3, /*open=*/true);
    zhang_ = Enrol(kCohort2023, "张伟", 11, v1::TRACK_SERVICE);
    v1::Enrolment wang_in =
        Applicant(kCohort2023, "王芳", ValidNationalId(12), v1::TRACK_SERVICE);
    wang_in.set_organisation("Chengdu ABC Social Work Centre");
    ASSERT_THAT(TryEnrol(wang_in, &wang_), GrpcIs(Code::OK));
    v1::Enrolment li_in =
        Applicant(kCohort2023, "李明", ValidNationalId(13), v1::TRACK_MANAGEMENT);
    li_in.set_organisation("成都市金牛区心理健康服务中心");
    ASSERT_THAT(TryEnrol(li_in, &li_), GrpcIs(Code::OK));
    liu_ = Enrol(kCohort2023, "刘静", 14, v1::TRACK_EDUCATION_RESEARCH);
    ASSERT_FALSE(HasFailure());
    RecommendAndSelect(zhang_.name());
    RecommendAndSelect(wang_.name());
    RecommendAndSelect(li_.name());
    ASSERT_THAT(Recommend(liu_.name(), v1::LEVEL_COUNTY), GrpcIs(Code::OK));
    StartCultivating2023();
    if (HasFatalFailure()) return;
    expert2_token_ =
        MakeUser("expert2", domain::Role::kAssessor, "成都市锦江区 社会工作服务中心");
    expert3_token_ = MakeUser("expert3", domain::Role::kAssessor,
                              "ＣＨＥＮＧＤＵ\xE3\x80\x80ａｂｃ social-work centre");
    ASSERT_FALSE(HasFailure());
  }

  // MakeCultivating2023 plus round 1 (中期考核) and the final round 2 (年度考核).
  void MakeTwoRounds() {
    MakeCultivating2023();
    if (HasFatalFailure()) return;
    ASSERT_THAT(CreateRound(kCohort2023, "中期考核", 1), GrpcIs(Code::OK));
    ASSERT_THAT(CreateRound(kCohort2023, "年度考核", 2, /*final=*/true), GrpcIs(Code::OK));
  }

  std::string Id(const v1::Enrolment& e) { return e.name().substr(std::string("enrolments/").size()); }

  std::unique_ptr<v1::RoundService::Stub> rounds_;
  std::unique_ptr<v1::AssessmentService::Stub> assessment_;
  v1::Enrolment zhang_, wang_, li_, liu_;
  std::string expert2_token_, expert3_token_;
};

// --- CreateRound -------------------------------------------------------------

TEST_F(RoundServiceTest, CreateRoundInCultivatingCohortIsDraft) {
  MakeCultivating2023();
  if (HasFatalFailure()) return;
  v1::Round round;
  ASSERT_THAT(CreateRound(kCohort2023, "  中期考核  ", 1, false, &round), GrpcIs(Code::OK));
  EXPECT_EQ(round.name(), kRound1);
  EXPECT_EQ(round.cohort(), kCohort2023);
  EXPECT_EQ(round.title(), "中期考核");  // trimmed
  EXPECT_EQ(round.position(), 1);
  EXPECT_FALSE(round.final());
  EXPECT_EQ(round.state(), v1::ROUND_STATE_DRAFT);
  EXPECT_EQ(round.notice_start(), "");
  EXPECT_EQ(round.notice_end(), "");
  v1::Round final_round;
  ASSERT_THAT(CreateRound(kCohort2023, "年度考核", 2, true, &final_round), GrpcIs(Code::OK));
  EXPECT_EQ(final_round.name(), kRound2);
  EXPECT_TRUE(final_round.final());
}

TEST_F(RoundServiceTest, CreateRoundWhileEnrollingIsAllowed) {
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  v1::Round round;
  ASSERT_THAT(CreateRound(kCohort2023, "中期考核", 1, false, &round), GrpcIs(Code::OK));
  EXPECT_EQ(round.state(), v1::ROUND_STATE_DRAFT);
}

TEST_F(RoundServiceTest, CreateRoundInDraftCohortIsFailedPrecondition) {
  CreateCohort(2023, 10, 10, 10, /*open=*/false);
  EXPECT_THAT(CreateRound(kCohort2023, "中期考核", 1),
              GrpcIs(Code::FAILED_PRECONDITION, AllOf(HasSubstr("SCSW/2023"), HasSubstr("draft"))));
  v1::ListRoundsResponse list;
  ASSERT_THAT(ListRounds(kCohort2023, &list), GrpcIs(Code::OK));
  EXPECT_EQ(list.rounds_size(), 0);
}

TEST_F(RoundServiceTest, TakenTitleOrPositionIsAlreadyExists) {
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  ASSERT_THAT(CreateRound(kCohort2023, "中期考核", 1), GrpcIs(Code::OK));
  EXPECT_THAT(CreateRound(kCohort2023, "中期考核", 2),
              GrpcIs(Code::ALREADY_EXISTS, HasSubstr("中期考核")));
  // The same title once trimmed is the same title.
  EXPECT_THAT(CreateRound(kCohort2023, " 中期考核\xE3\x80\x80", 3),
              GrpcIs(Code::ALREADY_EXISTS, HasSubstr("中期考核")));
  EXPECT_THAT(CreateRound(kCohort2023, "年度考核", 1),
              GrpcIs(Code::ALREADY_EXISTS, HasSubstr("position 1")));
  v1::ListRoundsResponse list;
  ASSERT_THAT(ListRounds(kCohort2023, &list), GrpcIs(Code::OK));
  EXPECT_EQ(list.rounds_size(), 1);
}

TEST_F(RoundServiceTest, SecondFinalRoundIsFailedPrecondition) {
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  ASSERT_THAT(CreateRound(kCohort2023, "年度考核", 5, /*final=*/true), GrpcIs(Code::OK));
  EXPECT_THAT(CreateRound(kCohort2023, "终期考核", 3, /*final=*/true),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("年度考核")));
  EXPECT_THAT(CreateRound(kCohort2023, "终期考核", 6, /*final=*/true),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("年度考核")));
  v1::ListRoundsResponse list;
  ASSERT_THAT(ListRounds(kCohort2023, &list), GrpcIs(Code::OK));
  EXPECT_EQ(list.rounds_size(), 1);
}

TEST_F(RoundServiceTest, RoundAfterTheFinalIsFailedPrecondition) {
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  ASSERT_THAT(CreateRound(kCohort2023, "年度考核", 2, /*final=*/true), GrpcIs(Code::OK));
  EXPECT_THAT(CreateRound(kCohort2023, "补充考核", 3),
              GrpcIs(Code::FAILED_PRECONDITION,
                     AllOf(HasSubstr("after the final round"), HasSubstr("年度考核"))));
  // Before it is fine.
  EXPECT_THAT(CreateRound(kCohort2023, "中期考核", 1), GrpcIs(Code::OK));
  v1::ListRoundsResponse list;
  ASSERT_THAT(ListRounds(kCohort2023, &list), GrpcIs(Code::OK));
  EXPECT_EQ(list.rounds_size(), 2);
}

TEST_F(RoundServiceTest, FinalRoundBeforeALaterRoundIsFailedPrecondition) {
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  ASSERT_THAT(CreateRound(kCohort2023, "第三次考核", 3), GrpcIs(Code::OK));
  EXPECT_THAT(CreateRound(kCohort2023, "年度考核", 2, /*final=*/true),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("第三次考核")));
  EXPECT_THAT(CreateRound(kCohort2023, "年度考核", 4, /*final=*/true), GrpcIs(Code::OK));
}

TEST_F(RoundServiceTest, BadTitleOrPositionIsInvalidArgument) {
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  EXPECT_THAT(CreateRound(kCohort2023, "", 1), GrpcIs(Code::INVALID_ARGUMENT));
  EXPECT_THAT(CreateRound(kCohort2023, " \xE3\x80\x80 ", 1), GrpcIs(Code::INVALID_ARGUMENT));
  EXPECT_THAT(CreateRound(kCohort2023, std::string(51, 'x'), 1), GrpcIs(Code::INVALID_ARGUMENT));
  EXPECT_THAT(CreateRound(kCohort2023, "中期考核", 0),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("position")));
  EXPECT_THAT(CreateRound(kCohort2023, "中期考核", 101),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("position")));
  EXPECT_THAT(CreateRound(kCohort2023, "中期考核", -1),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("position")));
  v1::ListRoundsResponse list;
  ASSERT_THAT(ListRounds(kCohort2023, &list), GrpcIs(Code::OK));
  EXPECT_EQ(list.rounds_size(), 0);
  // The limits themselves are fine: 50 characters (CJK count as one), 100.
  std::string fifty;
  for (int i = 0; i < 50; ++i) fifty += "考";
  EXPECT_THAT(CreateRound(kCohort2023, fifty, 100), GrpcIs(Code::OK));
}

// docs/architecture.md §5: INVALID_ARGUMENT names the bad field. The request's field is
// round.title (Round.name is the output-only resource name).
TEST_F(RoundServiceTest, EmptyTitleMessageNamesTheTitleField) {
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  EXPECT_THAT(CreateRound(kCohort2023, "", 1),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("title")));
}

TEST_F(RoundServiceTest, MissingCohortIsNotFoundAndMalformedIsInvalidArgument) {
  CreateCohort(2022, 10, 10, 10, /*open=*/true);
  EXPECT_THAT(CreateRound(kCohort2023, "中期考核", 1), GrpcIs(Code::NOT_FOUND, HasSubstr("2023")));
  EXPECT_THAT(CreateRound("programmes/GDSW/cohorts/2022", "中期考核", 1),
              GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(CreateRound("", "中期考核", 1),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("round.cohort")));
  EXPECT_THAT(CreateRound("programmes/SCSW/cohorts/twenty", "中期考核", 1),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("round.cohort")));
  v1::ListRoundsResponse list;
  EXPECT_THAT(ListRounds(kCohort2023, &list), GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(ListRounds("cohorts/2023", &list), GrpcIs(Code::INVALID_ARGUMENT));
  EXPECT_TRUE(AuditEvents("CreateRound").empty());
}

// --- ListRounds, GetRound ------------------------------------------------------

TEST_F(RoundServiceTest, ListRoundsIsByPosition) {
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  ASSERT_THAT(CreateRound(kCohort2023, "年度考核", 30, /*final=*/true), GrpcIs(Code::OK));
  ASSERT_THAT(CreateRound(kCohort2023, "中期考核", 10), GrpcIs(Code::OK));
  ASSERT_THAT(CreateRound(kCohort2023, "第二次考核", 20), GrpcIs(Code::OK));
  ASSERT_THAT(CreateRound(kCohort2023, "开班考核", 2), GrpcIs(Code::OK));
  v1::ListRoundsResponse list;
  ASSERT_THAT(ListRounds(kCohort2023, &list), GrpcIs(Code::OK));
  std::vector<std::string> seen;
  for (const v1::Round& r : list.rounds()) {
    seen.push_back(std::to_string(r.position()) + " " + r.title() + (r.final() ? " final" : ""));
  }
  EXPECT_THAT(seen, ElementsAre("2 开班考核", "10 中期考核", "20 第二次考核", "30 年度考核 final"));
  EXPECT_EQ(list.rounds(3).name(), "programmes/SCSW/cohorts/2023/rounds/30");
  // Every role reads them.
  v1::ListRoundsResponse as_assessor;
  EXPECT_THAT(ListRounds(kCohort2023, &as_assessor, assessor_token_), GrpcIs(Code::OK));
  EXPECT_EQ(as_assessor.rounds_size(), 4);
  v1::ListRoundsResponse as_viewer;
  EXPECT_THAT(ListRounds(kCohort2023, &as_viewer, viewer_token_), GrpcIs(Code::OK));
  EXPECT_EQ(as_viewer.rounds_size(), 4);
  // Another cohort's list is its own.
  CreateCohort(2024, 10, 10, 10, /*open=*/true);
  v1::ListRoundsResponse other;
  ASSERT_THAT(ListRounds("programmes/SCSW/cohorts/2024", &other), GrpcIs(Code::OK));
  EXPECT_EQ(other.rounds_size(), 0);
}

TEST_F(RoundServiceTest, GetRoundByFullAndShortName) {
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  ASSERT_THAT(CreateRound(kCohort2023, "中期考核", 1), GrpcIs(Code::OK));
  ASSERT_THAT(CreateRound(kCohort2023, "年度考核", 2, true), GrpcIs(Code::OK));
  v1::Round full;
  ASSERT_THAT(GetRound(kRound2, &full), GrpcIs(Code::OK));
  EXPECT_EQ(full.title(), "年度考核");
  EXPECT_TRUE(full.final());
  EXPECT_EQ(full.name(), kRound2);
  v1::Round short_form;
  ASSERT_THAT(GetRound("SCSW/2023/1", &short_form, assessor_token_), GrpcIs(Code::OK));
  EXPECT_EQ(short_form.title(), "中期考核");
  EXPECT_EQ(short_form.name(), kRound1);
  EXPECT_EQ(short_form.state(), v1::ROUND_STATE_DRAFT);
}

TEST_F(RoundServiceTest, GetMissingRoundIsNotFoundAndMalformedIsInvalidArgument) {
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  ASSERT_THAT(CreateRound(kCohort2023, "中期考核", 1), GrpcIs(Code::OK));
  v1::Round r;
  EXPECT_THAT(GetRound("programmes/SCSW/cohorts/2023/rounds/3", &r),
              GrpcIs(Code::NOT_FOUND, HasSubstr("position 3")));
  EXPECT_THAT(GetRound("programmes/SCSW/cohorts/2024/rounds/1", &r), GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(GetRound("programmes/GDSW/cohorts/2023/rounds/1", &r), GrpcIs(Code::NOT_FOUND));
  for (const char* bad : {"", "programmes/SCSW/cohorts/2023", "programmes/SCSW/cohorts/2023/rounds/0",
                          "programmes/SCSW/cohorts/2023/rounds/x", "SCSW/2023",
                          "programmes/SCSW/cohorts/2023/stages/1", "SCSW/23/1"}) {
    EXPECT_THAT(GetRound(bad, &r), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("name"))) << bad;
  }
}

// --- OpenRound -------------------------------------------------------------------

TEST_F(RoundServiceTest, OpenRoundMovesDraftToOpen) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  v1::Round opened;
  ASSERT_THAT(OpenRound("SCSW/2023/1", &opened), GrpcIs(Code::OK));
  EXPECT_EQ(opened.state(), v1::ROUND_STATE_OPEN);
  EXPECT_EQ(opened.name(), kRound1);
  v1::Round got;
  ASSERT_THAT(GetRound(kRound1, &got), GrpcIs(Code::OK));
  EXPECT_EQ(got.state(), v1::ROUND_STATE_OPEN);
  ASSERT_THAT(GetRound(kRound2, &got), GrpcIs(Code::OK));
  EXPECT_EQ(got.state(), v1::ROUND_STATE_DRAFT);
}

TEST_F(RoundServiceTest, OpenRoundBeforeCultivationIsFailedPrecondition) {
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  ASSERT_THAT(CreateRound(kCohort2023, "中期考核", 1), GrpcIs(Code::OK));
  EXPECT_THAT(OpenRound(kRound1), GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("cultivat")));
  v1::Round got;
  ASSERT_THAT(GetRound(kRound1, &got), GrpcIs(Code::OK));
  EXPECT_EQ(got.state(), v1::ROUND_STATE_DRAFT);
}

TEST_F(RoundServiceTest, OpenSecondRoundBeforeTheFirstIsConfirmedNamesTheFirst) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  // The first still a draft.
  EXPECT_THAT(OpenRound(kRound2),
              GrpcIs(Code::FAILED_PRECONDITION, AllOf(HasSubstr("中期考核"), HasSubstr("draft"))));
  // The first open, not confirmed.
  ASSERT_THAT(OpenRound(kRound1), GrpcIs(Code::OK));
  EXPECT_THAT(OpenRound(kRound2),
              GrpcIs(Code::FAILED_PRECONDITION, AllOf(HasSubstr("中期考核"), HasSubstr("open"))));
  v1::Round got;
  ASSERT_THAT(GetRound(kRound2, &got), GrpcIs(Code::OK));
  EXPECT_EQ(got.state(), v1::ROUND_STATE_DRAFT);
}

TEST_F(RoundServiceTest, OpenRoundTwiceIsFailedPrecondition) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  ASSERT_THAT(OpenRound(kRound1), GrpcIs(Code::OK));
  EXPECT_THAT(OpenRound(kRound1), GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("中期考核")));
  EXPECT_EQ(AuditEvents("OpenRound").size(), 1u);
}

TEST_F(RoundServiceTest, OpenMissingRoundIsNotFound) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  EXPECT_THAT(OpenRound("programmes/SCSW/cohorts/2023/rounds/9"), GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(OpenRound("programmes/SCSW/cohorts/2024/rounds/1"), GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(OpenRound("rounds/1"), GrpcIs(Code::INVALID_ARGUMENT));
}

TEST_F(RoundServiceTest, RulesFreezeOnceARoundOpens) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  // Draft rounds do not freeze them.
  ASSERT_THAT(SetCapPercent(15), GrpcIs(Code::OK));
  ASSERT_THAT(OpenRound(kRound1), GrpcIs(Code::OK));
  EXPECT_THAT(SetCapPercent(10),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("opened an assessment round")));
  v1::GetRulesRequest req;
  req.set_cohort(kCohort2023);
  v1::AssessmentRules rules;
  ASSERT_THAT(assessment_->GetRules(AsAdmin().get(), req, &rules), GrpcIs(Code::OK));
  EXPECT_EQ(rules.excellent_cap_percent(), 15);
}

// --- Conflicts -------------------------------------------------------------------

TEST_F(RoundServiceTest, AddConflictIsListedWithItsNames) {
  MakeCultivating2023();
  if (HasFatalFailure()) return;
  clock_.Set(kFixtureNow + 3600);
  ASSERT_THAT(AddConflict("users/expert1", li_.name(), "曾为其督导"), GrpcIs(Code::OK));
  // Short forms too.
  ASSERT_THAT(AddConflict("expert2", Id(wang_), "  同一项目组  "), GrpcIs(Code::OK));
  v1::ListConflictsResponse list;
  ASSERT_THAT(ListConflicts(kCohort2023, &list), GrpcIs(Code::OK));
  ASSERT_EQ(list.conflicts_size(), 2);
  // By enrolment: 王芳 (enrolled second) before 李明.
  EXPECT_EQ(list.conflicts(0).assessor(), "users/expert2");
  EXPECT_EQ(list.conflicts(0).enrolment(), wang_.name());
  EXPECT_EQ(list.conflicts(0).candidate(), "王芳");
  EXPECT_EQ(list.conflicts(0).reason(), "同一项目组");
  EXPECT_EQ(list.conflicts(1).assessor(), "users/expert1");
  EXPECT_EQ(list.conflicts(1).enrolment(), li_.name());
  EXPECT_EQ(list.conflicts(1).candidate(), "李明");
  EXPECT_EQ(list.conflicts(1).reason(), "曾为其督导");
  EXPECT_EQ(list.conflicts(1).create_time(), "2023-06-01T01:00:00Z");
  // A viewer reads them.
  v1::ListConflictsResponse as_viewer;
  ASSERT_THAT(ListConflicts(kCohort2023, &as_viewer, viewer_token_), GrpcIs(Code::OK));
  EXPECT_EQ(as_viewer.conflicts_size(), 2);
}

TEST_F(RoundServiceTest, AddConflictUnknownAssessorOrEnrolmentIsNotFound) {
  MakeCultivating2023();
  if (HasFatalFailure()) return;
  EXPECT_THAT(AddConflict("users/nobody", li_.name(), "曾为其督导"),
              GrpcIs(Code::NOT_FOUND, HasSubstr("nobody")));
  EXPECT_THAT(AddConflict("users/expert1", "enrolments/9999", "曾为其督导"),
              GrpcIs(Code::NOT_FOUND, HasSubstr("9999")));
  EXPECT_THAT(AddConflict("users/expert1", "enrolments/x", "曾为其督导"),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("enrolment")));
  EXPECT_THAT(AddConflict("", li_.name(), "曾为其督导"),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("assessor")));
  v1::ListConflictsResponse list;
  ASSERT_THAT(ListConflicts(kCohort2023, &list), GrpcIs(Code::OK));
  EXPECT_EQ(list.conflicts_size(), 0);
  EXPECT_TRUE(AuditEvents("AddConflict").empty());
}

TEST_F(RoundServiceTest, AddConflictWithoutReasonIsInvalidArgument) {
  MakeCultivating2023();
  if (HasFatalFailure()) return;
  EXPECT_THAT(AddConflict("users/expert1", li_.name(), ""),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("reason")));
  EXPECT_THAT(AddConflict("users/expert1", li_.name(), " \xE3\x80\x80"),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("reason")));
  std::string too_long;
  for (int i = 0; i < 501; ++i) too_long += "长";
  EXPECT_THAT(AddConflict("users/expert1", li_.name(), too_long),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("reason")));
  v1::ListConflictsResponse list;
  ASSERT_THAT(ListConflicts(kCohort2023, &list), GrpcIs(Code::OK));
  EXPECT_EQ(list.conflicts_size(), 0);
  // Then a valid one goes through: nothing else was wrong.
  EXPECT_THAT(AddConflict("users/expert1", li_.name(), too_long.substr(3)), GrpcIs(Code::OK));
}

TEST_F(RoundServiceTest, DeclaringAConflictTwiceKeepsOne) {
  MakeCultivating2023();
  if (HasFatalFailure()) return;
  ASSERT_THAT(AddConflict("users/expert1", li_.name(), "曾为其督导"), GrpcIs(Code::OK));
  ASSERT_THAT(AddConflict("users/expert1", li_.name(), "亲属关系"), GrpcIs(Code::OK));
  v1::ListConflictsResponse list;
  ASSERT_THAT(ListConflicts(kCohort2023, &list), GrpcIs(Code::OK));
  ASSERT_EQ(list.conflicts_size(), 1);
  EXPECT_EQ(list.conflicts(0).reason(), "曾为其督导");
}

TEST_F(RoundServiceTest, ListConflictsIsLimitedToTheCohort) {
  MakeCultivating2023();
  if (HasFatalFailure()) return;
  CreateCohort(2022, 10, 10, 10, /*open=*/true);
  v1::Enrolment other = Enrol(kCohort2022, "赵国平", 21, v1::TRACK_SERVICE);
  ASSERT_THAT(AddConflict("users/expert1", other.name(), "曾为其督导"), GrpcIs(Code::OK));
  ASSERT_THAT(AddConflict("users/expert1", zhang_.name(), "同事"), GrpcIs(Code::OK));
  v1::ListConflictsResponse list2023;
  ASSERT_THAT(ListConflicts(kCohort2023, &list2023), GrpcIs(Code::OK));
  ASSERT_EQ(list2023.conflicts_size(), 1);
  EXPECT_EQ(list2023.conflicts(0).candidate(), "张伟");
  v1::ListConflictsResponse list2022;
  ASSERT_THAT(ListConflicts(kCohort2022, &list2022), GrpcIs(Code::OK));
  ASSERT_EQ(list2022.conflicts_size(), 1);
  EXPECT_EQ(list2022.conflicts(0).candidate(), "赵国平");
  v1::ListConflictsResponse missing;
  EXPECT_THAT(ListConflicts("programmes/SCSW/cohorts/2024", &missing), GrpcIs(Code::NOT_FOUND));
}

// --- AssignAssessors: named enrolments ---------------------------------------------

TEST_F(RoundServiceTest, AssignNamedEnrolments) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  v1::AssignAssessorsResponse resp;
  ASSERT_THAT(AssignNamed({"users/expert1", "expert2"}, {wang_.name(), Id(li_)}, &resp),
              GrpcIs(Code::OK));
  EXPECT_EQ(resp.assigned(), 4);
  EXPECT_EQ(resp.already(), 0);
  EXPECT_THAT(resp.skipped(), IsEmpty());
  EXPECT_THAT(Round1Pairs(), ElementsAre(wang_.name() + " 王芳 TRACK_SERVICE users/expert1",
                                         wang_.name() + " 王芳 TRACK_SERVICE users/expert2",
                                         li_.name() + " 李明 TRACK_MANAGEMENT users/expert1",
                                         li_.name() + " 李明 TRACK_MANAGEMENT users/expert2"));
  // Round 2 is its own.
  v1::ListAssignmentsResponse round2;
  ASSERT_THAT(ListAssignments(kRound2, &round2), GrpcIs(Code::OK));
  EXPECT_EQ(round2.assignments_size(), 0);
}

TEST_F(RoundServiceTest, NamedEnrolmentOfTheAssessorsOrganisationRefusesTheWholeCall) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  // expert2's organisation is 张伟's but for a space.
  v1::AssignAssessorsResponse resp;
  EXPECT_THAT(AssignNamed({"expert1", "expert2"}, {li_.name(), zhang_.name()}, &resp),
              GrpcIs(Code::FAILED_PRECONDITION,
                     AllOf(HasSubstr("expert2"), HasSubstr("enrolment " + Id(zhang_)),
                           HasSubstr("张伟"), HasSubstr("recused"))));
  EXPECT_THAT(Round1Pairs(), IsEmpty());
  EXPECT_TRUE(AuditEvents("AssignAssessors").empty());
}

TEST_F(RoundServiceTest, OrganisationsAreComparedNormalised) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  // expert3's organisation is 王芳's in full-width letters, another case, an
  // ideographic space and a hyphen.
  EXPECT_THAT(AssignNamed({"expert3"}, {wang_.name()}),
              GrpcIs(Code::FAILED_PRECONDITION,
                     AllOf(HasSubstr("expert3"), HasSubstr("enrolment " + Id(wang_)))));
  EXPECT_THAT(Round1Pairs(), IsEmpty());
  // Neither is recused from anyone else.
  v1::AssignAssessorsResponse resp;
  ASSERT_THAT(AssignNamed({"expert3"}, {zhang_.name(), li_.name()}, &resp), GrpcIs(Code::OK));
  EXPECT_EQ(resp.assigned(), 2);
  ASSERT_THAT(AssignNamed({"expert2"}, {wang_.name(), li_.name()}, &resp), GrpcIs(Code::OK));
  EXPECT_EQ(resp.assigned(), 2);
}

TEST_F(RoundServiceTest, DeclaredConflictRecusesANamedEnrolment) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  ASSERT_THAT(AddConflict("expert1", li_.name(), "曾为其督导"), GrpcIs(Code::OK));
  EXPECT_THAT(AssignNamed({"expert1"}, {zhang_.name(), li_.name()}),
              GrpcIs(Code::FAILED_PRECONDITION,
                     AllOf(HasSubstr("expert1"), HasSubstr("enrolment " + Id(li_)),
                           HasSubstr("conflict"))));
  EXPECT_THAT(Round1Pairs(), IsEmpty());
}

TEST_F(RoundServiceTest, AssigningTheSamePairAgainCountsItAsAlready) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  v1::AssignAssessorsResponse first;
  ASSERT_THAT(AssignNamed({"expert1"}, {zhang_.name()}, &first), GrpcIs(Code::OK));
  EXPECT_EQ(first.assigned(), 1);
  EXPECT_EQ(first.already(), 0);
  v1::AssignAssessorsResponse again;
  // The same enrolment named twice in one call is one pair.
  ASSERT_THAT(AssignNamed({"expert1"}, {zhang_.name(), Id(zhang_), wang_.name()}, &again),
              GrpcIs(Code::OK));
  EXPECT_EQ(again.assigned(), 1);
  EXPECT_EQ(again.already(), 1);
  EXPECT_THAT(Round1Pairs(), ElementsAre(zhang_.name() + " 张伟 TRACK_SERVICE users/expert1",
                                         wang_.name() + " 王芳 TRACK_SERVICE users/expert1"));
}

TEST_F(RoundServiceTest, UserWhoIsNotAnAssessorIsFailedPrecondition) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  EXPECT_THAT(AssignNamed({"expert1", "leader1"}, {zhang_.name()}),
              GrpcIs(Code::FAILED_PRECONDITION,
                     AllOf(HasSubstr("leader1"), HasSubstr("not an assessor"))));
  EXPECT_THAT(AssignNamed({"admin"}, {li_.name()}),
              GrpcIs(Code::FAILED_PRECONDITION,
                     AllOf(HasSubstr("admin"), HasSubstr("not an assessor"))));
  v1::AssignAssessorsRequest req;
  req.set_round(kRound1);
  req.add_assessors("expert1");
  req.add_assessors("leader1");
  req.set_whole_cohort(true);
  EXPECT_THAT(Assign(req), GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("leader1")));
  EXPECT_THAT(Round1Pairs(), IsEmpty());
}

// round.proto: FAILED_PRECONDITION for "a user who is not an assessor" —
// whether or not the track happens to hold an active enrolment.
TEST_F(RoundServiceTest, UserWhoIsNotAnAssessorIsRefusedForATrackWithNoActiveEnrolment) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  v1::AssignAssessorsRequest req;
  req.set_round(kRound1);
  req.add_assessors("leader1");
  req.set_track(v1::TRACK_EDUCATION_RESEARCH);  // only 刘静, not selected
  v1::AssignAssessorsResponse resp;
  EXPECT_THAT(Assign(req, &resp),
              GrpcIs(Code::FAILED_PRECONDITION,
                     AllOf(HasSubstr("leader1"), HasSubstr("not an assessor"))));
  EXPECT_TRUE(AuditEvents("AssignAssessors").empty());
}

TEST_F(RoundServiceTest, DisabledAssessorIsFailedPrecondition) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  ASSERT_TRUE(core_->users.DisableUser(admin_caller_, "expert1").ok());
  EXPECT_THAT(AssignNamed({"expert1"}, {zhang_.name()}),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("expert1")));
  v1::AssignAssessorsRequest req;
  req.set_round(kRound1);
  req.add_assessors("expert1");
  req.set_whole_cohort(true);
  EXPECT_THAT(Assign(req), GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("expert1")));
  EXPECT_THAT(Round1Pairs(), IsEmpty());
}

TEST_F(RoundServiceTest, EnrolmentThatIsNotActiveIsFailedPrecondition) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  // 刘静 was never selected: NOT_SELECTED since cultivation began.
  EXPECT_THAT(AssignNamed({"expert1"}, {zhang_.name(), liu_.name()}),
              GrpcIs(Code::FAILED_PRECONDITION,
                     AllOf(HasSubstr("enrolment " + Id(liu_)), HasSubstr("刘静"),
                           HasSubstr("active"))));
  EXPECT_THAT(Round1Pairs(), IsEmpty());
}

TEST_F(RoundServiceTest, EnrolmentOfAnotherCohortIsInvalidArgument) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  CreateCohort(2022, 10, 10, 10, /*open=*/true);
  v1::Enrolment other = Enrol(kCohort2022, "赵国平", 21, v1::TRACK_SERVICE);
  EXPECT_THAT(AssignNamed({"expert1"}, {zhang_.name(), other.name()}),
              GrpcIs(Code::INVALID_ARGUMENT,
                     AllOf(HasSubstr("enrolment " + Id(other)), HasSubstr("SCSW/2023"))));
  EXPECT_THAT(Round1Pairs(), IsEmpty());
}

TEST_F(RoundServiceTest, UnknownAssessorEnrolmentOrRoundIsNotFound) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  EXPECT_THAT(AssignNamed({"expert1", "nobody"}, {zhang_.name()}),
              GrpcIs(Code::NOT_FOUND, HasSubstr("nobody")));
  EXPECT_THAT(AssignNamed({"expert1"}, {zhang_.name(), "enrolments/9999"}),
              GrpcIs(Code::NOT_FOUND, HasSubstr("9999")));
  v1::AssignAssessorsRequest req;
  req.set_round("programmes/SCSW/cohorts/2023/rounds/7");
  req.add_assessors("expert1");
  req.add_enrolments(zhang_.name());
  EXPECT_THAT(Assign(req), GrpcIs(Code::NOT_FOUND));
  req.set_round("programmes/SCSW/cohorts/2023");
  EXPECT_THAT(Assign(req), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("round")));
  EXPECT_THAT(Round1Pairs(), IsEmpty());
}

TEST_F(RoundServiceTest, EmptyAssessorsOrScopeIsInvalidArgument) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  EXPECT_THAT(AssignNamed({}, {zhang_.name()}),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("assessor")));
  EXPECT_THAT(AssignNamed({"expert1"}, {}), GrpcIs(Code::INVALID_ARGUMENT));
  v1::AssignAssessorsRequest req;
  req.set_round(kRound1);
  req.add_assessors("expert1");
  req.add_enrolments(zhang_.name());
  req.set_track(v1::TRACK_SERVICE);
  EXPECT_THAT(Assign(req), GrpcIs(Code::INVALID_ARGUMENT));
  req.set_track(v1::TRACK_UNSPECIFIED);
  req.set_whole_cohort(true);
  EXPECT_THAT(Assign(req), GrpcIs(Code::INVALID_ARGUMENT));
  v1::AssignAssessorsRequest bad_track;
  bad_track.set_round(kRound1);
  bad_track.add_assessors("expert1");
  bad_track.set_track(static_cast<v1::Track>(9));
  EXPECT_THAT(Assign(bad_track), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("track")));
  EXPECT_THAT(Round1Pairs(), IsEmpty());
}

// round.proto: "Exactly one scope"; INVALID_ARGUMENT for a double scope. A
// track and the whole cohort together are two.
TEST_F(RoundServiceTest, TrackAndWholeCohortTogetherIsInvalidArgument) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  v1::AssignAssessorsRequest req;
  req.set_round(kRound1);
  req.add_assessors("expert1");
  req.set_track(v1::TRACK_MANAGEMENT);
  req.set_whole_cohort(true);
  EXPECT_THAT(Assign(req), GrpcIs(Code::INVALID_ARGUMENT));
  EXPECT_THAT(Round1Pairs(), IsEmpty());
}

// --- AssignAssessors: a track or the whole cohort ------------------------------------

TEST_F(RoundServiceTest, WholeCohortAssignsEveryActiveEnrolmentAndReportsSkippedPairs) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  ASSERT_THAT(AddConflict("expert1", li_.name(), "曾为其督导"), GrpcIs(Code::OK));
  v1::AssignAssessorsRequest req;
  req.set_round(kRound1);
  req.add_assessors("expert1");
  req.add_assessors("users/expert2");
  req.add_assessors("expert3");
  req.set_whole_cohort(true);
  v1::AssignAssessorsResponse resp;
  ASSERT_THAT(Assign(req, &resp), GrpcIs(Code::OK));
  // 3 active × 3 assessors, less 3 recused; 刘静 (not selected) never.
  EXPECT_EQ(resp.assigned(), 6);
  EXPECT_EQ(resp.already(), 0);
  ASSERT_EQ(resp.skipped_size(), 3);
  EXPECT_THAT(resp.skipped(),
              UnorderedElementsAre(AllOf(HasSubstr("expert1"), HasSubstr("enrolment " + Id(li_)),
                                         HasSubstr("conflict")),
                                   AllOf(HasSubstr("expert2"), HasSubstr("enrolment " + Id(zhang_))),
                                   AllOf(HasSubstr("expert3"), HasSubstr("enrolment " + Id(wang_)))));
  EXPECT_THAT(Round1Pairs(), ElementsAre(zhang_.name() + " 张伟 TRACK_SERVICE users/expert1",
                                         zhang_.name() + " 张伟 TRACK_SERVICE users/expert3",
                                         wang_.name() + " 王芳 TRACK_SERVICE users/expert1",
                                         wang_.name() + " 王芳 TRACK_SERVICE users/expert2",
                                         li_.name() + " 李明 TRACK_MANAGEMENT users/expert2",
                                         li_.name() + " 李明 TRACK_MANAGEMENT users/expert3"));
  // Again: everything already there, the same pairs skipped, nothing doubled.
  v1::AssignAssessorsResponse again;
  ASSERT_THAT(Assign(req, &again), GrpcIs(Code::OK));
  EXPECT_EQ(again.assigned(), 0);
  EXPECT_EQ(again.already(), 6);
  EXPECT_EQ(again.skipped_size(), 3);
  EXPECT_EQ(Round1Pairs().size(), 6u);
}

TEST_F(RoundServiceTest, TrackAssignsOnlyItsActiveEnrolments) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  v1::AssignAssessorsRequest req;
  req.set_round(kRound1);
  req.add_assessors("expert1");
  req.add_assessors("expert2");
  req.set_track(v1::TRACK_SERVICE);
  v1::AssignAssessorsResponse resp;
  ASSERT_THAT(Assign(req, &resp), GrpcIs(Code::OK));
  EXPECT_EQ(resp.assigned(), 3);
  ASSERT_EQ(resp.skipped_size(), 1);
  EXPECT_THAT(resp.skipped(0), AllOf(HasSubstr("expert2"), HasSubstr("enrolment " + Id(zhang_))));
  EXPECT_THAT(Round1Pairs(), ElementsAre(zhang_.name() + " 张伟 TRACK_SERVICE users/expert1",
                                         wang_.name() + " 王芳 TRACK_SERVICE users/expert1",
                                         wang_.name() + " 王芳 TRACK_SERVICE users/expert2"));
  // A track with no active enrolment assigns nothing.
  req.set_track(v1::TRACK_EDUCATION_RESEARCH);
  ASSERT_THAT(Assign(req, &resp), GrpcIs(Code::OK));
  EXPECT_EQ(resp.assigned(), 0);
  EXPECT_EQ(resp.already(), 0);
  EXPECT_EQ(resp.skipped_size(), 0);
  // The whole cohort afterwards counts what is there.
  v1::AssignAssessorsRequest all;
  all.set_round(kRound1);
  all.add_assessors("expert1");
  all.set_whole_cohort(true);
  ASSERT_THAT(Assign(all, &resp), GrpcIs(Code::OK));
  EXPECT_EQ(resp.assigned(), 1);
  EXPECT_EQ(resp.already(), 2);
}

TEST_F(RoundServiceTest, AssignInAnOpenRoundIsAllowed) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  ASSERT_THAT(OpenRound(kRound1), GrpcIs(Code::OK));
  v1::AssignAssessorsResponse resp;
  ASSERT_THAT(AssignNamed({"expert1"}, {zhang_.name()}, &resp), GrpcIs(Code::OK));
  EXPECT_EQ(resp.assigned(), 1);
}

// --- ListAssignments ---------------------------------------------------------------

TEST_F(RoundServiceTest, AssessorSeesOnlyTheirOwnAssignments) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  ASSERT_THAT(AssignNamed({"expert1", "expert2"}, {wang_.name(), li_.name()}), GrpcIs(Code::OK));
  ASSERT_THAT(AssignNamed({"expert3"}, {zhang_.name()}), GrpcIs(Code::OK));
  EXPECT_EQ(Round1Pairs().size(), 5u);
  v1::ListAssignmentsResponse as_viewer;
  ASSERT_THAT(ListAssignments(kRound1, &as_viewer, viewer_token_), GrpcIs(Code::OK));
  EXPECT_EQ(as_viewer.assignments_size(), 5);
  v1::ListAssignmentsResponse as_expert1;
  ASSERT_THAT(ListAssignments(kRound1, &as_expert1, assessor_token_), GrpcIs(Code::OK));
  EXPECT_THAT(Pairs(as_expert1), ElementsAre(wang_.name() + " 王芳 TRACK_SERVICE users/expert1",
                                             li_.name() + " 李明 TRACK_MANAGEMENT users/expert1"));
  v1::ListAssignmentsResponse as_expert3;
  ASSERT_THAT(ListAssignments("SCSW/2023/1", &as_expert3, expert3_token_), GrpcIs(Code::OK));
  EXPECT_THAT(Pairs(as_expert3), ElementsAre(zhang_.name() + " 张伟 TRACK_SERVICE users/expert3"));
  v1::ListAssignmentsResponse missing;
  EXPECT_THAT(ListAssignments("programmes/SCSW/cohorts/2023/rounds/3", &missing),
              GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(ListAssignments("", &missing), GrpcIs(Code::INVALID_ARGUMENT));
}

// --- Roles and authentication --------------------------------------------------------

TEST_F(RoundServiceTest, AssessorsAndViewersCannotWrite) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  for (const std::string& token : {assessor_token_, viewer_token_}) {
    EXPECT_THAT(CreateRound(kCohort2023, "补充", 3, false, nullptr, token),
                GrpcIs(Code::PERMISSION_DENIED, HasSubstr("CreateRound")));
    EXPECT_THAT(OpenRound(kRound1, nullptr, token),
                GrpcIs(Code::PERMISSION_DENIED, HasSubstr("OpenRound")));
    EXPECT_THAT(AddConflict("expert1", li_.name(), "曾为其督导", token),
                GrpcIs(Code::PERMISSION_DENIED, HasSubstr("AddConflict")));
    v1::AssignAssessorsRequest req;
    req.set_round(kRound1);
    req.add_assessors("expert1");
    req.set_whole_cohort(true);
    EXPECT_THAT(Assign(req, nullptr, token),
                GrpcIs(Code::PERMISSION_DENIED, HasSubstr("AssignAssessors")));
  }
  v1::ListConflictsResponse conflicts;
  EXPECT_THAT(ListConflicts(kCohort2023, &conflicts, assessor_token_),
              GrpcIs(Code::PERMISSION_DENIED, HasSubstr("ListConflicts")));
  EXPECT_THAT(ListConflicts(kCohort2023, &conflicts, viewer_token_), GrpcIs(Code::OK));
  // Nothing changed.
  v1::Round r;
  ASSERT_THAT(GetRound(kRound1, &r), GrpcIs(Code::OK));
  EXPECT_EQ(r.state(), v1::ROUND_STATE_DRAFT);
  v1::ListRoundsResponse list;
  ASSERT_THAT(ListRounds(kCohort2023, &list), GrpcIs(Code::OK));
  EXPECT_EQ(list.rounds_size(), 2);
  EXPECT_THAT(Round1Pairs(), IsEmpty());
  ASSERT_THAT(ListConflicts(kCohort2023, &conflicts), GrpcIs(Code::OK));
  EXPECT_EQ(conflicts.conflicts_size(), 0);
}

TEST_F(RoundServiceTest, NoTokenIsUnauthenticated) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  auto none = [this] { return As(""); };
  v1::Round round;
  v1::CreateRoundRequest create;
  create.mutable_round()->set_cohort(kCohort2023);
  create.mutable_round()->set_title("补充");
  create.mutable_round()->set_position(3);
  EXPECT_THAT(rounds_->CreateRound(none().get(), create, &round), GrpcIs(Code::UNAUTHENTICATED));
  v1::ListRoundsRequest list_req;
  list_req.set_cohort(kCohort2023);
  v1::ListRoundsResponse list;
  EXPECT_THAT(rounds_->ListRounds(none().get(), list_req, &list), GrpcIs(Code::UNAUTHENTICATED));
  v1::GetRoundRequest get;
  get.set_name(kRound1);
  EXPECT_THAT(rounds_->GetRound(none().get(), get, &round), GrpcIs(Code::UNAUTHENTICATED));
  v1::OpenRoundRequest open;
  open.set_name(kRound1);
  EXPECT_THAT(rounds_->OpenRound(none().get(), open, &round), GrpcIs(Code::UNAUTHENTICATED));
  v1::AddConflictRequest conflict;
  conflict.set_assessor("expert1");
  conflict.set_enrolment(li_.name());
  conflict.set_reason("曾为其督导");
  v1::AddConflictResponse conflict_resp;
  EXPECT_THAT(rounds_->AddConflict(none().get(), conflict, &conflict_resp),
              GrpcIs(Code::UNAUTHENTICATED));
  v1::ListConflictsRequest list_conflicts;
  list_conflicts.set_cohort(kCohort2023);
  v1::ListConflictsResponse conflicts;
  EXPECT_THAT(rounds_->ListConflicts(none().get(), list_conflicts, &conflicts),
              GrpcIs(Code::UNAUTHENTICATED));
  v1::AssignAssessorsRequest assign;
  assign.set_round(kRound1);
  assign.add_assessors("expert1");
  assign.set_whole_cohort(true);
  v1::AssignAssessorsResponse assign_resp;
  EXPECT_THAT(rounds_->AssignAssessors(none().get(), assign, &assign_resp),
              GrpcIs(Code::UNAUTHENTICATED));
  v1::ListAssignmentsRequest list_assignments;
  list_assignments.set_round(kRound1);
  v1::ListAssignmentsResponse assignments;
  EXPECT_THAT(rounds_->ListAssignments(none().get(), list_assignments, &assignments),
              GrpcIs(Code::UNAUTHENTICATED));
  // A forged token is no better.
  EXPECT_THAT(rounds_->ListRounds(As("tpm_forged").get(), list_req, &list),
              GrpcIs(Code::UNAUTHENTICATED));
  EXPECT_THAT(Round1Pairs(), IsEmpty());
}

// --- Audit ------------------------------------------------------------------------------

TEST_F(RoundServiceTest, EachChangeLeavesAnAuditEvent) {
  MakeTwoRounds();
  if (HasFatalFailure()) return;
  std::vector<domain::AuditEvent> created = AuditEvents("CreateRound");
  ASSERT_EQ(created.size(), 2u);
  EXPECT_EQ(created[0].resource, kRound1);
  EXPECT_EQ(created[0].username, "admin");
  EXPECT_THAT(created[0].detail, HasSubstr("中期考核"));
  EXPECT_EQ(created[1].resource, kRound2);
  EXPECT_THAT(created[1].detail, HasSubstr("final"));

  ASSERT_THAT(OpenRound(kRound1), GrpcIs(Code::OK));
  std::vector<domain::AuditEvent> opened = AuditEvents("OpenRound");
  ASSERT_EQ(opened.size(), 1u);
  EXPECT_EQ(opened[0].resource, kRound1);
  EXPECT_EQ(opened[0].username, "admin");

  ASSERT_THAT(AddConflict("expert1", li_.name(), "曾为其督导"), GrpcIs(Code::OK));
  std::vector<domain::AuditEvent> conflicts = AuditEvents("AddConflict");
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_EQ(conflicts[0].resource, li_.name());
  EXPECT_THAT(conflicts[0].detail, HasSubstr("expert1"));

  v1::AssignAssessorsRequest req;
  req.set_round(kRound1);
  req.add_assessors("expert1");
  req.add_assessors("expert2");
  req.set_whole_cohort(true);
  ASSERT_THAT(Assign(req), GrpcIs(Code::OK));
  std::vector<domain::AuditEvent> assigned = AuditEvents("AssignAssessors");
  ASSERT_EQ(assigned.size(), 1u);
  EXPECT_EQ(assigned[0].resource, kRound1);
  EXPECT_THAT(assigned[0].detail,
              AllOf(HasSubstr("expert1"), HasSubstr("expert2"), HasSubstr("assigned=4"),
                    HasSubstr("skipped=2")));
  // Refused writes leave none.
  EXPECT_THAT(OpenRound(kRound1), GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_THAT(AssignNamed({"expert2"}, {zhang_.name()}), GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_THAT(CreateRound(kCohort2023, "中期考核", 3), GrpcIs(Code::ALREADY_EXISTS));
  EXPECT_EQ(AuditEvents("OpenRound").size(), 1u);
  EXPECT_EQ(AuditEvents("AssignAssessors").size(), 1u);
  EXPECT_EQ(AuditEvents("CreateRound").size(), 2u);
}

}  // namespace
}  // namespace talent
