// talent.v1.SheetService over a real server: an assessor writing points
// per criterion (0..max, one decimal; docs/rules.md §1), the sheet in
// rubric order with its total (rule 2), submitting and the lock, an
// administrator reopening with a reason, reading sheets (own, or any as
// admin), the history of every change (rule 11), every status code the API
// promises, who may call what, and the audit events left.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
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
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using Code = grpc::StatusCode;
using Points = std::vector<std::pair<std::string, std::string>>;

constexpr char kRound1[] = "programmes/SCSW/cohorts/2023/rounds/1";
constexpr char kRound2[] = "programmes/SCSW/cohorts/2023/rounds/2";
// kFixtureNow as the API writes it.
constexpr char kNowText[] = "2023-06-01T00:00:00Z";

// Every criterion of the default rubric, in rubric order, scored: 90.0 in all.
Points FullMarks() {
  return {{"theory", "12.5"}, {"competence", "13"},  {"system", "18"},
          {"talent", "17.5"}, {"charity", "14.0"},   {"ethics", "15"}};
}

// "code=points" of each score of a sheet, in order.
std::vector<std::string> Scores(const v1::Sheet& sheet) {
  std::vector<std::string> out;
  for (const v1::Score& s : sheet.scores()) out.push_back(s.criterion() + "=" + s.points());
  return out;
}

// "user change old→new [reason]" of each change, in order.
std::vector<std::string> Changes(const v1::ListSheetHistoryResponse& r) {
  std::vector<std::string> out;
  for (const v1::SheetChange& c : r.changes()) {
    out.push_back(c.user() + " " + c.change() + " " + c.old_value() + "→" + c.new_value() +
                  (c.reason().empty() ? "" : " [" + c.reason() + "]"));
  }
  return out;
}

class SheetServiceTest : public testing::EnrolmentFixture {
 protected:
  void SetUp() override {
    testing::EnrolmentFixture::SetUp();
    if (HasFatalFailure()) return;
    sheets_ = v1::SheetService::NewStub(channel_);
    rounds_ = v1::RoundService::NewStub(channel_);
    MakeOpenRound();
  }

  // Cohort 2023 CULTIVATING with 张伟 and 王芳 ACTIVE (of an organisation no
  // assessor belongs to); round 1 (中期考核) OPEN with expert1 (the fixture's)
  // assigned 张伟 only and expert2 assigned both; round 2 (年度考核, final)
  // still DRAFT with expert1 assigned 张伟.
  void MakeOpenRound() {
    CreateSeedProgramme();
    CreateCohort(2023, 3, 3, 3, /*open=*/true);
    zhang_ = Enrol(kCohort2023, "张伟", 21, v1::TRACK_SERVICE);
    wang_ = Enrol(kCohort2023, "王芳", 22, v1::TRACK_SERVICE);
    ASSERT_FALSE(HasFailure());
    RecommendAndSelect(zhang_.name());
    RecommendAndSelect(wang_.name());
    StartCultivating2023();
    if (HasFatalFailure()) return;
    expert2_token_ = MakeUser("expert2", domain::Role::kAssessor, "四川大学");
    ASSERT_FALSE(HasFailure());

    ASSERT_THAT(CreateRound(1, "中期考核", false), GrpcIs(Code::OK));
    ASSERT_THAT(CreateRound(2, "年度考核", true), GrpcIs(Code::OK));
    ASSERT_THAT(Assign(kRound1, "users/expert1", {zhang_.name()}), GrpcIs(Code::OK));
    ASSERT_THAT(Assign(kRound1, "users/expert2", {zhang_.name(), wang_.name()}),
                GrpcIs(Code::OK));
    ASSERT_THAT(Assign(kRound2, "users/expert1", {zhang_.name()}), GrpcIs(Code::OK));
    v1::OpenRoundRequest open;
    open.set_name(kRound1);
    v1::Round round;
    ASSERT_THAT(rounds_->OpenRound(AsAdmin().get(), open, &round), GrpcIs(Code::OK));
    ASSERT_EQ(round.state(), v1::ROUND_STATE_OPEN);
  }

  grpc::Status CreateRound(int position, const std::string& title, bool final) {
    v1::CreateRoundRequest req;
    req.mutable_round()->set_cohort(kCohort2023);
    req.mutable_round()->set_title(title);
    req.mutable_round()->set_position(position);
    req.mutable_round()->set_final(final);
    v1::Round resp;
    return rounds_->CreateRound(AsAdmin().get(), req, &resp);
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

  std::unique_ptr<v1::SheetService::Stub> sheets_;
  std::unique_ptr<v1::RoundService::Stub> rounds_;
  v1::Enrolment zhang_, wang_;
  std::string expert2_token_;
};

// --- SetScores ------------------------------------------------------------------

TEST_F(SheetServiceTest, FirstPointsMakeADraftWithEveryCriterionInRubricOrder) {
  v1::Sheet sheet;
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "12.5"}}, {}, &sheet),
              GrpcIs(Code::OK));
  EXPECT_EQ(sheet.name(), ZhangSheet("expert1"));
  EXPECT_EQ(sheet.round(), kRound1);
  EXPECT_EQ(sheet.enrolment(), zhang_.name());
  EXPECT_EQ(sheet.assessor(), "users/expert1");
  EXPECT_EQ(sheet.state(), v1::SHEET_STATE_DRAFT);
  EXPECT_THAT(Scores(sheet), ElementsAre("theory=12.5", "competence=", "system=", "talent=",
                                         "charity=", "ethics="));
  EXPECT_EQ(sheet.total(), "12.5");
  EXPECT_EQ(sheet.comment(), "");
  EXPECT_EQ(sheet.update_time(), kNowText);
  // What GetSheet reads back is what SetScores returned.
  v1::Sheet read = Expert1Sheet();
  EXPECT_EQ(read.SerializeAsString(), sheet.SerializeAsString());
}

TEST_F(SheetServiceTest, SettingMorePointsKeepsTheEarlierOnes) {
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "12.5"}}), GrpcIs(Code::OK));
  clock_.Advance(60);
  v1::Sheet sheet;
  ASSERT_THAT(
      SetScores(assessor_token_, zhang_.name(), {{"ethics", "9.5"}, {"competence", "10"}}, {},
                &sheet),
      GrpcIs(Code::OK));
  EXPECT_THAT(Scores(sheet), ElementsAre("theory=12.5", "competence=10.0", "system=", "talent=",
                                         "charity=", "ethics=9.5"));
  EXPECT_EQ(sheet.total(), "32.0");
  EXPECT_EQ(sheet.update_time(), "2023-06-01T00:01:00Z");
  // Changing one criterion replaces only its points.
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "13"}}, {}, &sheet),
              GrpcIs(Code::OK));
  EXPECT_THAT(Scores(sheet), ElementsAre("theory=13.0", "competence=10.0", "system=", "talent=",
                                         "charity=", "ethics=9.5"));
  EXPECT_EQ(sheet.total(), "32.5");
  EXPECT_EQ(Scores(Expert1Sheet()), Scores(sheet));
}

TEST_F(SheetServiceTest, BoundaryPointsAreAccepted) {
  v1::Sheet sheet;
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(),
                        {{"theory", "15.0"}, {"system", "20"}, {"ethics", "0"}, {"talent", " 0.5 "}},
                        {}, &sheet),
              GrpcIs(Code::OK));
  EXPECT_THAT(Scores(sheet), ElementsAre("theory=15.0", "competence=", "system=20.0",
                                         "talent=0.5", "charity=", "ethics=0.0"));
  EXPECT_EQ(sheet.total(), "35.5");
}

TEST_F(SheetServiceTest, CommentIsReplacedOnlyWhenGiven) {
  v1::Sheet sheet;
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "12.5"}}, "实务扎实", &sheet),
              GrpcIs(Code::OK));
  EXPECT_EQ(sheet.comment(), "实务扎实");
  // Points without a comment keep it.
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {{"ethics", "14"}}, {}, &sheet),
              GrpcIs(Code::OK));
  EXPECT_EQ(sheet.comment(), "实务扎实");
  EXPECT_EQ(Expert1Sheet().comment(), "实务扎实");
  // A comment alone replaces it and keeps the points.
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {}, "理论需加强", &sheet),
              GrpcIs(Code::OK));
  EXPECT_EQ(sheet.comment(), "理论需加强");
  EXPECT_EQ(sheet.total(), "26.5");
  // A present but empty comment clears it.
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {}, "", &sheet), GrpcIs(Code::OK));
  EXPECT_EQ(sheet.comment(), "");
  EXPECT_EQ(Expert1Sheet().comment(), "");
}

TEST_F(SheetServiceTest, BadPointsAreInvalidArgumentNamingTheCriterionAndChangeNothing) {
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "12.5"}, {"ethics", "14"}},
                        "初评"),
              GrpcIs(Code::OK));
  const v1::Sheet before = Expert1Sheet();
  const std::vector<std::string> history = Expert1History();
  ASSERT_EQ(history.size(), 3u);

  struct Case {
    Points points;
    std::string named;   // the criterion the message must name
    std::string detail;  // and something of why
  };
  const std::vector<Case> cases = {
      {{{"theory", "15.1"}}, "theory", "15.0"},           // above its maximum 15.0
      {{{"competence", "8.55"}}, "competence", "decimal"},  // two decimals
      {{{"charity", "-1"}}, "charity", "-1"},               // negative
      {{{"system", "abc"}}, "system", "abc"},               // not a number
      {{{"talent", ""}}, "talent", "number"},               // empty
      {{{"leadership", "5"}}, "leadership", "rubric"},      // unknown code
      // A valid change next to a refused one is not applied either.
      {{{"theory", "14"}, {"ethics", "15.5"}}, "ethics", "15.0"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.named + " " + c.points.back().second);
    EXPECT_THAT(SetScores(assessor_token_, zhang_.name(), c.points, "改过的评语"),
                GrpcIs(Code::INVALID_ARGUMENT, AllOf(HasSubstr(c.named), HasSubstr(c.detail))));
  }
  v1::Sheet after = Expert1Sheet();
  EXPECT_THAT(Scores(after), ElementsAre("theory=12.5", "competence=", "system=", "talent=",
                                         "charity=", "ethics=14.0"));
  EXPECT_EQ(after.total(), "26.5");
  EXPECT_EQ(after.comment(), "初评");
  EXPECT_EQ(after.SerializeAsString(), before.SerializeAsString());
  EXPECT_EQ(Expert1History(), history);
}

TEST_F(SheetServiceTest, TooLongCommentOrEmptyRequestIsInvalidArgument) {
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "12.5"}}, "初评"),
              GrpcIs(Code::OK));
  std::string long_comment;
  for (int i = 0; i < 2001; ++i) long_comment += "评";
  EXPECT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "10"}}, long_comment),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("comment")));
  EXPECT_THAT(SetScores(assessor_token_, zhang_.name(), {}),
              GrpcIs(Code::INVALID_ARGUMENT));
  v1::Sheet sheet = Expert1Sheet();
  EXPECT_EQ(sheet.total(), "12.5");
  EXPECT_EQ(sheet.comment(), "初评");
  // 2000 characters are fine.
  long_comment.resize(long_comment.size() - std::string("评").size());
  EXPECT_THAT(SetScores(assessor_token_, zhang_.name(), {}, long_comment), GrpcIs(Code::OK));
}

TEST_F(SheetServiceTest, UnassignedEnrolmentIsPermissionDenied) {
  // expert2 is assigned 王芳; expert1 is not.
  EXPECT_THAT(SetScores(assessor_token_, wang_.name(), {{"theory", "12.5"}}),
              GrpcIs(Code::PERMISSION_DENIED, HasSubstr("not assigned")));
  EXPECT_THAT(Get(admin_token_, wang_.name(), "users/expert1"), GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(SetScores(expert2_token_, wang_.name(), {{"theory", "12.5"}}), GrpcIs(Code::OK));
}

TEST_F(SheetServiceTest, AdminAndViewerMayNotWriteOrSubmitSheets) {
  for (const std::string* token : {&admin_token_, &viewer_token_}) {
    SCOPED_TRACE(*token == admin_token_ ? "admin" : "viewer");
    EXPECT_THAT(SetScores(*token, zhang_.name(), {{"theory", "12.5"}}),
                GrpcIs(Code::PERMISSION_DENIED, HasSubstr("SetScores")));
    EXPECT_THAT(Submit(*token, zhang_.name()),
                GrpcIs(Code::PERMISSION_DENIED, HasSubstr("SubmitSheet")));
  }
  EXPECT_THAT(Get(viewer_token_, zhang_.name(), "users/expert1"),
              GrpcIs(Code::PERMISSION_DENIED, HasSubstr("GetSheet")));
  EXPECT_THAT(Get(admin_token_, zhang_.name(), "users/expert1"), GrpcIs(Code::NOT_FOUND));
}

TEST_F(SheetServiceTest, NoTokenIsUnauthenticated) {
  EXPECT_THAT(SetScores("", zhang_.name(), {{"theory", "12.5"}}), GrpcIs(Code::UNAUTHENTICATED));
  EXPECT_THAT(Get("", zhang_.name(), ""), GrpcIs(Code::UNAUTHENTICATED));
}

TEST_F(SheetServiceTest, RoundStillDraftIsFailedPrecondition) {
  // expert1 is assigned 张伟 in round 2, which was never opened.
  EXPECT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "12.5"}}, {}, nullptr, kRound2),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("open")));
  EXPECT_THAT(Get(admin_token_, zhang_.name(), "users/expert1", nullptr, kRound2),
              GrpcIs(Code::NOT_FOUND));
}

TEST_F(SheetServiceTest, UnknownRoundIsNotFound) {
  EXPECT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "12.5"}}, {}, nullptr,
                        "programmes/SCSW/cohorts/2023/rounds/9"),
              GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "12.5"}}, {}, nullptr,
                        "programmes/SCSW/cohorts/2021/rounds/1"),
              GrpcIs(Code::NOT_FOUND));
}

// sheet.proto: SetScores answers "NOT_FOUND (round, enrolment)". An
// enrolment that does not exist is not a permission problem: the assessor
// should learn the id is wrong, not that it is "not assigned to you".
TEST_F(SheetServiceTest, UnknownEnrolmentIsNotFound) {
  EXPECT_THAT(SetScores(assessor_token_, "enrolments/99999", {{"theory", "12.5"}}),
              GrpcIs(Code::NOT_FOUND, HasSubstr("99999")));
  EXPECT_THAT(Get(assessor_token_, "enrolments/99999", ""), GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(Get(admin_token_, "enrolments/99999", "users/expert1"), GrpcIs(Code::NOT_FOUND));
  // An enrolment of another cohort is not in this round either.
  CreateCohort(2022, 3, 3, 3, /*open=*/true);
  v1::Enrolment other = Enrol(testing::kCohort2022, "李明", 23, v1::TRACK_MANAGEMENT);
  ASSERT_FALSE(other.name().empty());
  EXPECT_THAT(SetScores(assessor_token_, other.name(), {{"theory", "12.5"}}),
              GrpcIs(Code::NOT_FOUND));
}

TEST_F(SheetServiceTest, MalformedNamesAreInvalidArgument) {
  EXPECT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "12.5"}}, {}, nullptr,
                        "SCSW/2023"),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("round")));
  EXPECT_THAT(SetScores(assessor_token_, "张伟", {{"theory", "12.5"}}),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("enrolment")));
  EXPECT_THAT(Get(admin_token_, zhang_.name(), "users/Expert 1"),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("assessor")));
}

// --- SubmitSheet ------------------------------------------------------------------

TEST_F(SheetServiceTest, SubmitWithCriteriaMissingIsFailedPreconditionListingThem) {
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "12.5"}, {"ethics", "14"}}),
              GrpcIs(Code::OK));
  EXPECT_THAT(Submit(assessor_token_, zhang_.name()),
              GrpcIs(Code::FAILED_PRECONDITION,
                     AllOf(HasSubstr("competence"), HasSubstr("system"), HasSubstr("talent"),
                           HasSubstr("charity"), Not(HasSubstr("theory")),
                           Not(HasSubstr("ethics")))));
  EXPECT_EQ(Expert1Sheet().state(), v1::SHEET_STATE_DRAFT);
  EXPECT_THAT(Expert1History(), ElementsAre("users/expert1 points:theory →12.5",
                                            "users/expert1 points:ethics →14.0"));
  EXPECT_THAT(AuditEvents("SubmitSheet"), IsEmpty());
}

TEST_F(SheetServiceTest, SubmitWithoutASheetIsNotFound) {
  EXPECT_THAT(Submit(assessor_token_, zhang_.name()), GrpcIs(Code::NOT_FOUND));
}

TEST_F(SheetServiceTest, SubmitLocksTheSheet) {
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), FullMarks(), "良好"), GrpcIs(Code::OK));
  clock_.Advance(120);
  v1::Sheet sheet;
  ASSERT_THAT(Submit(assessor_token_, zhang_.name(), &sheet), GrpcIs(Code::OK));
  EXPECT_EQ(sheet.state(), v1::SHEET_STATE_SUBMITTED);
  EXPECT_EQ(sheet.total(), "90.0");
  EXPECT_THAT(Scores(sheet), ElementsAre("theory=12.5", "competence=13.0", "system=18.0",
                                         "talent=17.5", "charity=14.0", "ethics=15.0"));
  EXPECT_EQ(sheet.update_time(), "2023-06-01T00:02:00Z");

  EXPECT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "10"}}),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("reopen")));
  EXPECT_THAT(SetScores(assessor_token_, zhang_.name(), {}, "改评语"),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("reopen")));
  EXPECT_THAT(Submit(assessor_token_, zhang_.name()), GrpcIs(Code::FAILED_PRECONDITION));
  v1::Sheet read = Expert1Sheet();
  EXPECT_EQ(read.SerializeAsString(), sheet.SerializeAsString());
  EXPECT_EQ(read.comment(), "良好");
}

// --- ReopenSheet ------------------------------------------------------------------

TEST_F(SheetServiceTest, AdminReopensWithAReasonAndTheAssessorResubmits) {
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), FullMarks()), GrpcIs(Code::OK));
  ASSERT_THAT(Submit(assessor_token_, zhang_.name()), GrpcIs(Code::OK));

  EXPECT_THAT(Reopen(admin_token_, zhang_.name(), "users/expert1", ""),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("reason")));
  EXPECT_THAT(Reopen(admin_token_, zhang_.name(), "users/expert1", " \t "),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("reason")));
  EXPECT_THAT(Reopen(admin_token_, zhang_.name(), "users/expert1", std::string(501, 'x')),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("reason")));
  EXPECT_EQ(Expert1Sheet().state(), v1::SHEET_STATE_SUBMITTED);

  v1::Sheet sheet;
  ASSERT_THAT(Reopen(admin_token_, zhang_.name(), "users/expert1", "理论分数录入有误", &sheet),
              GrpcIs(Code::OK));
  EXPECT_EQ(sheet.state(), v1::SHEET_STATE_DRAFT);
  EXPECT_EQ(sheet.assessor(), "users/expert1");
  EXPECT_EQ(sheet.total(), "90.0");  // the points stay

  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "13"}}, {}, &sheet),
              GrpcIs(Code::OK));
  EXPECT_EQ(sheet.total(), "90.5");
  ASSERT_THAT(Submit(assessor_token_, zhang_.name(), &sheet), GrpcIs(Code::OK));
  EXPECT_EQ(sheet.state(), v1::SHEET_STATE_SUBMITTED);
  EXPECT_EQ(sheet.total(), "90.5");
  EXPECT_EQ(Expert1Sheet().state(), v1::SHEET_STATE_SUBMITTED);
}

TEST_F(SheetServiceTest, ReopeningADraftIsFailedPrecondition) {
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), FullMarks()), GrpcIs(Code::OK));
  EXPECT_THAT(Reopen(admin_token_, zhang_.name(), "users/expert1", "复核"),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("not submitted")));
  // Reopening twice: the second finds a draft.
  ASSERT_THAT(Submit(assessor_token_, zhang_.name()), GrpcIs(Code::OK));
  ASSERT_THAT(Reopen(admin_token_, zhang_.name(), "users/expert1", "复核"), GrpcIs(Code::OK));
  EXPECT_THAT(Reopen(admin_token_, zhang_.name(), "users/expert1", "复核"),
              GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_EQ(AuditEvents("ReopenSheet").size(), 1u);
}

TEST_F(SheetServiceTest, ReopenWithoutASheetOrAsAnAssessorIsRefused) {
  EXPECT_THAT(Reopen(admin_token_, zhang_.name(), "users/expert1", "复核"),
              GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(Reopen(admin_token_, zhang_.name(), "users/nobody", "复核"),
              GrpcIs(Code::NOT_FOUND));
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), FullMarks()), GrpcIs(Code::OK));
  ASSERT_THAT(Submit(assessor_token_, zhang_.name()), GrpcIs(Code::OK));
  EXPECT_THAT(Reopen(assessor_token_, zhang_.name(), "users/expert1", "我想改"),
              GrpcIs(Code::PERMISSION_DENIED, HasSubstr("ReopenSheet")));
  EXPECT_THAT(Reopen(viewer_token_, zhang_.name(), "users/expert1", "复核"),
              GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_EQ(Expert1Sheet().state(), v1::SHEET_STATE_SUBMITTED);
}

// --- GetSheet -----------------------------------------------------------------------

TEST_F(SheetServiceTest, AssessorReadsOwnSheetWithoutNamingThemselves) {
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "12.5"}}), GrpcIs(Code::OK));
  ASSERT_THAT(SetScores(expert2_token_, zhang_.name(), {{"theory", "8"}}), GrpcIs(Code::OK));
  v1::Sheet own;
  ASSERT_THAT(Get(assessor_token_, zhang_.name(), "", &own), GrpcIs(Code::OK));
  EXPECT_EQ(own.assessor(), "users/expert1");
  EXPECT_EQ(own.total(), "12.5");
  v1::Sheet named;
  ASSERT_THAT(Get(assessor_token_, zhang_.name(), "users/expert1", &named), GrpcIs(Code::OK));
  EXPECT_EQ(named.SerializeAsString(), own.SerializeAsString());
  v1::Sheet other;
  ASSERT_THAT(Get(expert2_token_, zhang_.name(), "", &other), GrpcIs(Code::OK));
  EXPECT_EQ(other.assessor(), "users/expert2");
  EXPECT_EQ(other.name(), ZhangSheet("expert2"));
  EXPECT_EQ(other.total(), "8.0");
}

TEST_F(SheetServiceTest, AssessorReadingSomeoneElsesSheetIsPermissionDenied) {
  ASSERT_THAT(SetScores(expert2_token_, zhang_.name(), {{"theory", "8"}}), GrpcIs(Code::OK));
  v1::Sheet sheet;
  EXPECT_THAT(Get(assessor_token_, zhang_.name(), "users/expert2", &sheet),
              GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_EQ(sheet.total(), "");  // nothing leaked
  // Even where no sheet exists: the answer does not depend on it.
  EXPECT_THAT(Get(assessor_token_, wang_.name(), "users/expert2"),
              GrpcIs(Code::PERMISSION_DENIED));
}

TEST_F(SheetServiceTest, AdminReadsAnySheetNamingTheAssessor) {
  ASSERT_THAT(SetScores(expert2_token_, wang_.name(), {{"ethics", "11.5"}}, "认真"),
              GrpcIs(Code::OK));
  v1::Sheet sheet;
  ASSERT_THAT(Get(admin_token_, wang_.name(), "users/expert2", &sheet), GrpcIs(Code::OK));
  EXPECT_EQ(sheet.assessor(), "users/expert2");
  EXPECT_EQ(sheet.enrolment(), wang_.name());
  EXPECT_THAT(Scores(sheet), ElementsAre("theory=", "competence=", "system=", "talent=",
                                         "charity=", "ethics=11.5"));
  EXPECT_EQ(sheet.total(), "11.5");
  EXPECT_EQ(sheet.comment(), "认真");
  EXPECT_EQ(sheet.state(), v1::SHEET_STATE_DRAFT);
  // The admin has no sheet of their own.
  EXPECT_THAT(Get(admin_token_, wang_.name(), ""), GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(Get(admin_token_, wang_.name(), "users/nobody"), GrpcIs(Code::NOT_FOUND));
}

TEST_F(SheetServiceTest, NoSheetWrittenYetIsNotFound) {
  EXPECT_THAT(Get(assessor_token_, zhang_.name(), ""),
              GrpcIs(Code::NOT_FOUND, HasSubstr("expert1")));
  EXPECT_THAT(Get(admin_token_, zhang_.name(), "users/expert1"), GrpcIs(Code::NOT_FOUND));
  // Another assessor's sheet does not count as this one's.
  ASSERT_THAT(SetScores(expert2_token_, zhang_.name(), {{"theory", "8"}}), GrpcIs(Code::OK));
  EXPECT_THAT(Get(assessor_token_, zhang_.name(), ""), GrpcIs(Code::NOT_FOUND));
}

// --- ListSheetHistory -------------------------------------------------------------

TEST_F(SheetServiceTest, HistoryListsEveryChangeInOrder) {
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "12.5"}}, "初评"),
              GrpcIs(Code::OK));
  clock_.Advance(60);
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "13"}}), GrpcIs(Code::OK));
  // Refused: leaves no trace.
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "16"}}),
              GrpcIs(Code::INVALID_ARGUMENT));
  clock_.Advance(60);
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(),
                        {{"competence", "13"}, {"system", "18"}, {"talent", "17.5"},
                         {"charity", "14"}, {"ethics", "15"}},
                        "复评"),
              GrpcIs(Code::OK));
  clock_.Advance(60);
  ASSERT_THAT(Submit(assessor_token_, zhang_.name()), GrpcIs(Code::OK));
  clock_.Advance(60);
  ASSERT_THAT(Reopen(admin_token_, zhang_.name(), "users/expert1", "伦理分数需复核"),
              GrpcIs(Code::OK));
  clock_.Advance(60);
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {{"ethics", "12"}}), GrpcIs(Code::OK));

  v1::ListSheetHistoryResponse resp;
  ASSERT_THAT(History(admin_token_, zhang_.name(), "users/expert1", &resp), GrpcIs(Code::OK));
  EXPECT_THAT(Changes(resp),
              ElementsAre("users/expert1 points:theory →12.5",             //
                          "users/expert1 comment →初评",                    //
                          "users/expert1 points:theory 12.5→13.0",         //
                          "users/expert1 points:competence →13.0",         //
                          "users/expert1 points:system →18.0",             //
                          "users/expert1 points:talent →17.5",             //
                          "users/expert1 points:charity →14.0",            //
                          "users/expert1 points:ethics →15.0",             //
                          "users/expert1 comment 初评→复评",               //
                          "users/expert1 submit draft→submitted",          //
                          "users/admin reopen submitted→draft [伦理分数需复核]",  //
                          "users/expert1 points:ethics 15.0→12.0"));
  ASSERT_EQ(resp.changes_size(), 12);
  EXPECT_EQ(resp.changes(0).time(), kNowText);
  EXPECT_EQ(resp.changes(1).time(), kNowText);
  EXPECT_EQ(resp.changes(2).time(), "2023-06-01T00:01:00Z");
  EXPECT_EQ(resp.changes(3).time(), "2023-06-01T00:02:00Z");
  EXPECT_EQ(resp.changes(9).time(), "2023-06-01T00:03:00Z");
  EXPECT_EQ(resp.changes(10).time(), "2023-06-01T00:04:00Z");
  EXPECT_EQ(resp.changes(11).time(), "2023-06-01T00:05:00Z");
  // Only the reopen carries a reason.
  for (int i = 0; i < resp.changes_size(); ++i) {
    if (i != 10) {
      EXPECT_EQ(resp.changes(i).reason(), "") << i;
    }
  }
}

TEST_F(SheetServiceTest, HistoryIsPerSheet) {
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "12.5"}}), GrpcIs(Code::OK));
  ASSERT_THAT(SetScores(expert2_token_, zhang_.name(), {{"ethics", "9"}}), GrpcIs(Code::OK));
  v1::ListSheetHistoryResponse resp;
  ASSERT_THAT(History(admin_token_, zhang_.name(), "users/expert2", &resp), GrpcIs(Code::OK));
  EXPECT_THAT(Changes(resp), ElementsAre("users/expert2 points:ethics →9.0"));
  EXPECT_THAT(Expert1History(), ElementsAre("users/expert1 points:theory →12.5"));
}

TEST_F(SheetServiceTest, HistoryIsForAdminsOnly) {
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), {{"theory", "12.5"}}), GrpcIs(Code::OK));
  v1::ListSheetHistoryResponse resp;
  EXPECT_THAT(History(assessor_token_, zhang_.name(), "users/expert1", &resp),
              GrpcIs(Code::PERMISSION_DENIED, HasSubstr("ListSheetHistory")));
  EXPECT_EQ(resp.changes_size(), 0);
  EXPECT_THAT(History(viewer_token_, zhang_.name(), "users/expert1", &resp),
              GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_THAT(History(admin_token_, zhang_.name(), "users/expert2", &resp),
              GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(History(admin_token_, zhang_.name(), "users/expert1", &resp), GrpcIs(Code::OK));
  EXPECT_EQ(resp.changes_size(), 1);
}

// --- Audit ------------------------------------------------------------------------

TEST_F(SheetServiceTest, SubmitAndReopenLeaveAuditEvents) {
  ASSERT_THAT(SetScores(assessor_token_, zhang_.name(), FullMarks()), GrpcIs(Code::OK));
  clock_.Advance(30);
  ASSERT_THAT(Submit(assessor_token_, zhang_.name()), GrpcIs(Code::OK));
  clock_.Advance(30);
  ASSERT_THAT(Reopen(admin_token_, zhang_.name(), "users/expert1", "申诉改分"), GrpcIs(Code::OK));

  std::vector<domain::AuditEvent> submits = AuditEvents("SubmitSheet");
  ASSERT_EQ(submits.size(), 1u);
  EXPECT_EQ(submits[0].username, "expert1");
  EXPECT_EQ(submits[0].resource, ZhangSheet("expert1"));
  EXPECT_EQ(submits[0].time, kFixtureNow + 30);

  std::vector<domain::AuditEvent> reopens = AuditEvents("ReopenSheet");
  ASSERT_EQ(reopens.size(), 1u);
  EXPECT_EQ(reopens[0].username, "admin");
  EXPECT_EQ(reopens[0].resource, ZhangSheet("expert1"));
  EXPECT_THAT(reopens[0].detail, HasSubstr("申诉改分"));
  EXPECT_EQ(reopens[0].time, kFixtureNow + 60);
  EXPECT_GT(reopens[0].id, submits[0].id);

  // Refused calls leave none.
  EXPECT_THAT(Reopen(admin_token_, zhang_.name(), "users/expert1", "再次"),
              GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_THAT(Submit(expert2_token_, zhang_.name()), GrpcIs(Code::NOT_FOUND));
  EXPECT_EQ(AuditEvents("ReopenSheet").size(), 1u);
  EXPECT_EQ(AuditEvents("SubmitSheet").size(), 1u);
  EXPECT_THAT(core_->audit.VerifyAuditLog(), testing::IsOk());
}

}  // namespace
}  // namespace talent

namespace talent {
namespace {

using ::testing::HasSubstr;
using Code = grpc::StatusCode;
using ::talent::testing::GrpcIs;

// expert2 is assigned 张伟 and 王芳 in round 1 (see MakeOpenRound).
class ImportSheetsTest : public SheetServiceTest {
 protected:
  v1::SheetRow* Row(v1::ImportSheetsRequest* req, int line, const std::string& enrolment,
                    const std::vector<std::pair<std::string, std::string>>& points,
                    bool submit) {
    v1::SheetRow* row = req->add_rows();
    row->set_line(line);
    row->set_enrolment(enrolment);
    for (const auto& [code, value] : points) {
      v1::Score* s = row->add_scores();
      s->set_criterion(code);
      s->set_points(value);
    }
    row->set_submit(submit);
    return row;
  }

  const std::vector<std::pair<std::string, std::string>> kFull = {
      {"theory", "13"}, {"competence", "12.5"}, {"system", "18"},
      {"talent", "17"}, {"charity", "13"},      {"ethics", "14"}};
};

TEST_F(ImportSheetsTest, WritesAndSubmitsEveryRowInOneGo) {
  v1::ImportSheetsRequest req;
  req.set_round(kRound1);
  Row(&req, 2, zhang_.name(), kFull, /*submit=*/true);
  Row(&req, 3, wang_.name(), {{"theory", "10"}}, /*submit=*/false)->set_comment("待补充");
  v1::ImportSheetsResponse resp;
  ASSERT_THAT(sheets_->ImportSheets(As(expert2_token_).get(), req, &resp), GrpcIs(Code::OK));
  EXPECT_EQ(resp.rows(), 2);
  EXPECT_EQ(resp.written(), 2);
  EXPECT_EQ(resp.submitted(), 1);
  EXPECT_TRUE(resp.errors().empty());
  v1::Sheet sheet;
  ASSERT_THAT(Get(admin_token_, zhang_.name(), "users/expert2", &sheet), GrpcIs(Code::OK));
  EXPECT_EQ(sheet.state(), v1::SHEET_STATE_SUBMITTED);
  EXPECT_EQ(sheet.total(), "87.5");
  ASSERT_THAT(Get(admin_token_, wang_.name(), "users/expert2", &sheet), GrpcIs(Code::OK));
  EXPECT_EQ(sheet.state(), v1::SHEET_STATE_DRAFT);
  EXPECT_EQ(sheet.total(), "10.0");
  EXPECT_EQ(sheet.comment(), "待补充");
}

TEST_F(ImportSheetsTest, AnyBadRowWritesNothingAndEveryProblemIsListed) {
  v1::ImportSheetsRequest req;
  req.set_round(kRound1);
  Row(&req, 2, zhang_.name(), kFull, true);
  Row(&req, 3, wang_.name(), {{"theory", "15.1"}}, false);  // above the maximum
  Row(&req, 4, wang_.name(), {{"theory", "10"}}, true);     // criteria missing
  Row(&req, 5, "enrolments/99999", {{"theory", "10"}}, false);
  Row(&req, 6, "abc", {{"theory", "10"}}, false);
  v1::ImportSheetsResponse resp;
  ASSERT_THAT(sheets_->ImportSheets(As(expert2_token_).get(), req, &resp), GrpcIs(Code::OK));
  EXPECT_EQ(resp.written(), 0);
  ASSERT_EQ(resp.errors_size(), 4);
  EXPECT_EQ(resp.errors(0).line(), 3);
  EXPECT_THAT(resp.errors(0).reason(), HasSubstr("criterion theory"));
  EXPECT_EQ(resp.errors(1).line(), 4);
  EXPECT_THAT(resp.errors(1).reason(), HasSubstr("missing"));
  EXPECT_EQ(resp.errors(2).line(), 5);
  EXPECT_THAT(resp.errors(2).reason(), HasSubstr("not found"));
  EXPECT_EQ(resp.errors(3).line(), 6);
  // Nothing was written, not even the good row.
  v1::Sheet sheet;
  EXPECT_THAT(Get(admin_token_, zhang_.name(), "users/expert2", &sheet),
              GrpcIs(Code::NOT_FOUND));
}

TEST_F(ImportSheetsTest, DryRunWritesNothing) {
  v1::ImportSheetsRequest req;
  req.set_round(kRound1);
  req.set_dry_run(true);
  Row(&req, 2, zhang_.name(), kFull, true);
  v1::ImportSheetsResponse resp;
  ASSERT_THAT(sheets_->ImportSheets(As(expert2_token_).get(), req, &resp), GrpcIs(Code::OK));
  EXPECT_TRUE(resp.errors().empty());
  EXPECT_EQ(resp.written(), 0);
  v1::Sheet sheet;
  EXPECT_THAT(Get(admin_token_, zhang_.name(), "users/expert2", &sheet),
              GrpcIs(Code::NOT_FOUND));
}

TEST_F(ImportSheetsTest, UnassignedRowsAreRowErrorsAndOnlyAssessorsImport) {
  v1::ImportSheetsRequest req;
  req.set_round(kRound1);
  Row(&req, 2, wang_.name(), kFull, false);  // expert1 is assigned 张伟 only
  v1::ImportSheetsResponse resp;
  ASSERT_THAT(sheets_->ImportSheets(As(assessor_token_).get(), req, &resp), GrpcIs(Code::OK));
  ASSERT_EQ(resp.errors_size(), 1);
  EXPECT_THAT(resp.errors(0).reason(), HasSubstr("not assigned to you"));
  EXPECT_THAT(sheets_->ImportSheets(AsAdmin().get(), req, &resp),
              GrpcIs(Code::PERMISSION_DENIED));
  req.set_round("programmes/SCSW/cohorts/2023/rounds/9");
  EXPECT_THAT(sheets_->ImportSheets(As(expert2_token_).get(), req, &resp),
              GrpcIs(Code::NOT_FOUND));
}

}  // namespace
}  // namespace talent
