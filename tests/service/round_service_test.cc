// talent.v1.RoundService over a real server, the rounds themselves
// (docs/lifecycles.md §3): creating them (in which cohort states, titles
// and positions, one final round and none after it), listing and getting
// them by full and short name, and opening them one at a time once the
// cohort is in cultivation, which freezes the cohort's rules.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "talent/v1/round.grpc.pb.h"
#include "tests/service/round_service_fixture.h"
#include "tests/testing/status_matchers.h"

namespace talent {
namespace {

using ::talent::testing::GrpcIs;
using ::talent::testing::kCohort2023;
using ::talent::testing::kRound1;
using ::talent::testing::kRound2;
using ::talent::testing::RoundServiceTest;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Code = grpc::StatusCode;

// The fixture is talent::testing::RoundServiceTest (round_service_fixture.h).

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

}  // namespace
}  // namespace talent
