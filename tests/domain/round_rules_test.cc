#include "server/domain/round_rules.h"

#include <cstdint>
#include <string>
#include <vector>

#include "common/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/domain/types.h"
#include "tests/testing/status_matchers.h"

namespace talent::domain {
namespace {

using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr absl::StatusCode kInvalid = absl::StatusCode::kInvalidArgument;
constexpr absl::StatusCode kExists = absl::StatusCode::kAlreadyExists;
constexpr absl::StatusCode kPrecondition = absl::StatusCode::kFailedPrecondition;

// 2024-03-01T00:00:00Z.
constexpr int64_t kNoticeStart = 1709251200;

Cohort MakeCohort(CohortState state) {
  Cohort c;
  c.id = 1;
  c.programme_code = "SCSW";
  c.year = 2023;
  c.state = state;
  c.quotas = {10, 10, 10};
  return c;
}

Round MakeRound(const std::string& name, int position, bool final = false,
                RoundState state = RoundState::kDraft) {
  Round r;
  r.cohort_id = 1;
  r.name = name;
  r.position = position;
  r.final = final;
  r.state = state;
  return r;
}

// A cohort with a mid-term round at 1 and the annual (final) round at 10.
std::vector<Round> MidTermAndFinal() {
  return {MakeRound("中期考核", 1), MakeRound("年度考核", 10, /*final=*/true)};
}

// --- RoundStateKey ---------------------------------------------------------

TEST(RoundStateKeyTest, NamesEveryStateAsInTheApi) {
  EXPECT_STREQ(RoundStateKey(RoundState::kDraft), "ROUND_STATE_DRAFT");
  EXPECT_STREQ(RoundStateKey(RoundState::kOpen), "ROUND_STATE_OPEN");
  EXPECT_STREQ(RoundStateKey(RoundState::kScored), "ROUND_STATE_SCORED");
  EXPECT_STREQ(RoundStateKey(RoundState::kNotice), "ROUND_STATE_NOTICE");
  EXPECT_STREQ(RoundStateKey(RoundState::kConfirmed), "ROUND_STATE_CONFIRMED");
  EXPECT_STREQ(RoundStateKey(RoundState::kUnspecified), "ROUND_STATE_UNSPECIFIED");
}

// --- CheckCreateRound ------------------------------------------------------

TEST(CheckCreateRoundTest, AcceptsRoundWhileEnrollingOrCultivating) {
  for (CohortState state : {CohortState::kEnrolling, CohortState::kCultivating}) {
    SCOPED_TRACE(CohortStateKey(state));
    Round r = MakeRound("中期考核", 1);
    EXPECT_THAT(CheckCreateRound(MakeCohort(state), {}, &r), IsOk());
  }
}

TEST(CheckCreateRoundTest, RefusesRoundWhileDraftOrClosed) {
  for (CohortState state : {CohortState::kDraft, CohortState::kClosed}) {
    SCOPED_TRACE(CohortStateKey(state));
    Round r = MakeRound("中期考核", 1);
    EXPECT_THAT(CheckCreateRound(MakeCohort(state), {}, &r),
                StatusIs(kPrecondition, AllOf(HasSubstr("SCSW/2023"),
                                              HasSubstr("enrolling or cultivating"))));
  }
}

TEST(CheckCreateRoundTest, TrimsTheName) {
  Round r = MakeRound("\xE3\x80\x80 中期考核\t", 1);
  ASSERT_THAT(CheckCreateRound(MakeCohort(CohortState::kCultivating), {}, &r), IsOk());
  EXPECT_EQ(r.name, "中期考核");
}

TEST(CheckCreateRoundTest, RefusesEmptyOrBlankName) {
  for (const char* name : {"", "   ", "\xE3\x80\x80"}) {
    SCOPED_TRACE(name);
    Round r = MakeRound(name, 1);
    EXPECT_THAT(CheckCreateRound(MakeCohort(CohortState::kCultivating), {}, &r),
                StatusIs(kInvalid, HasSubstr("title")));
  }
}

TEST(CheckCreateRoundTest, AcceptsFiftyCharactersAndRefusesFiftyOne) {
  std::string fifty;
  for (int i = 0; i < 50; ++i) fifty += "考";  // 50 characters, 150 bytes
  Round ok = MakeRound(fifty, 1);
  EXPECT_THAT(CheckCreateRound(MakeCohort(CohortState::kCultivating), {}, &ok), IsOk());

  Round too_long = MakeRound(fifty + "核", 1);
  EXPECT_THAT(CheckCreateRound(MakeCohort(CohortState::kCultivating), {}, &too_long),
              StatusIs(kInvalid, HasSubstr("title")));
  Round ascii = MakeRound(std::string(51, 'a'), 1);
  EXPECT_THAT(CheckCreateRound(MakeCohort(CohortState::kCultivating), {}, &ascii),
              StatusIs(kInvalid, HasSubstr("title")));
}

TEST(CheckCreateRoundTest, AcceptsPositionsOneAndHundred) {
  for (int position : {1, 100}) {
    SCOPED_TRACE(position);
    Round r = MakeRound("中期考核", position);
    EXPECT_THAT(CheckCreateRound(MakeCohort(CohortState::kCultivating), {}, &r), IsOk());
  }
}

TEST(CheckCreateRoundTest, RefusesPositionOutsideOneToHundred) {
  for (int position : {0, 101, -1}) {
    SCOPED_TRACE(position);
    Round r = MakeRound("中期考核", position);
    EXPECT_THAT(CheckCreateRound(MakeCohort(CohortState::kCultivating), {}, &r),
                StatusIs(kInvalid, HasSubstr("position")));
  }
}

TEST(CheckCreateRoundTest, RefusesDuplicateName) {
  Round r = MakeRound("中期考核", 5);
  EXPECT_THAT(CheckCreateRound(MakeCohort(CohortState::kCultivating), MidTermAndFinal(), &r),
              StatusIs(kExists, HasSubstr("中期考核")));
}

TEST(CheckCreateRoundTest, ComparesTheTrimmedNameWithExistingNames) {
  Round r = MakeRound(" 中期考核 ", 5);
  EXPECT_THAT(CheckCreateRound(MakeCohort(CohortState::kCultivating), MidTermAndFinal(), &r),
              StatusIs(kExists, HasSubstr("中期考核")));
}

TEST(CheckCreateRoundTest, RefusesDuplicatePosition) {
  Round r = MakeRound("季度考核", 1);
  EXPECT_THAT(CheckCreateRound(MakeCohort(CohortState::kCultivating), MidTermAndFinal(), &r),
              StatusIs(kExists, AllOf(HasSubstr("position 1"), HasSubstr("中期考核"))));
}

TEST(CheckCreateRoundTest, AcceptsRoundBetweenExistingRoundsBeforeTheFinal) {
  Round r = MakeRound("季度考核", 5);
  EXPECT_THAT(CheckCreateRound(MakeCohort(CohortState::kCultivating), MidTermAndFinal(), &r),
              IsOk());
}

TEST(CheckCreateRoundTest, RefusesSecondFinal) {
  // Position 20 would also be after the final; 5 isolates the "exactly one" rule.
  Round r = MakeRound("结业考核", 5, /*final=*/true);
  EXPECT_THAT(CheckCreateRound(MakeCohort(CohortState::kCultivating), MidTermAndFinal(), &r),
              StatusIs(kPrecondition, AllOf(HasSubstr("exactly one"), HasSubstr("年度考核"))));
}

TEST(CheckCreateRoundTest, RefusesRoundAfterTheFinal) {
  Round r = MakeRound("补充考核", 11);
  EXPECT_THAT(CheckCreateRound(MakeCohort(CohortState::kCultivating), MidTermAndFinal(), &r),
              StatusIs(kPrecondition, AllOf(HasSubstr("after the final"), HasSubstr("年度考核"))));
}

TEST(CheckCreateRoundTest, RefusesFinalBeforeAnExistingLaterRound) {
  std::vector<Round> existing = {MakeRound("中期考核", 1), MakeRound("年度考核", 10)};
  Round r = MakeRound("结业考核", 5, /*final=*/true);
  EXPECT_THAT(CheckCreateRound(MakeCohort(CohortState::kCultivating), existing, &r),
              StatusIs(kPrecondition, AllOf(HasSubstr("年度考核"), HasSubstr("last"))));
}

TEST(CheckCreateRoundTest, AcceptsFinalAfterEveryExistingRound) {
  std::vector<Round> existing = {MakeRound("中期考核", 1), MakeRound("季度考核", 5)};
  Round r = MakeRound("年度考核", 10, /*final=*/true);
  EXPECT_THAT(CheckCreateRound(MakeCohort(CohortState::kCultivating), existing, &r), IsOk());
}

TEST(CheckCreateRoundTest, SetsTheNewRoundToDraft) {
  Round r = MakeRound("中期考核", 1, /*final=*/false, RoundState::kConfirmed);
  ASSERT_THAT(CheckCreateRound(MakeCohort(CohortState::kEnrolling), {}, &r), IsOk());
  EXPECT_EQ(r.state, RoundState::kDraft);
}

// --- CheckRoundTransition --------------------------------------------------

TEST(CheckRoundTransitionTest, AllowsEveryStepOfTheLifecycle) {
  const RoundState order[] = {RoundState::kDraft, RoundState::kOpen, RoundState::kScored,
                              RoundState::kNotice, RoundState::kConfirmed};
  for (int i = 0; i + 1 < 5; ++i) {
    SCOPED_TRACE(RoundStateKey(order[i]));
    EXPECT_THAT(CheckRoundTransition(MakeRound("中期考核", 1, false, order[i]), order[i + 1]),
                IsOk());
  }
}

TEST(CheckRoundTransitionTest, RefusesSkippingStayingOrGoingBack) {
  const RoundState order[] = {RoundState::kDraft, RoundState::kOpen, RoundState::kScored,
                              RoundState::kNotice, RoundState::kConfirmed};
  for (int from = 0; from < 4; ++from) {
    for (int to = 0; to < 5; ++to) {
      if (to == from + 1) continue;
      SCOPED_TRACE(std::string(RoundStateKey(order[from])) + " -> " + RoundStateKey(order[to]));
      EXPECT_THAT(CheckRoundTransition(MakeRound("中期考核", 1, false, order[from]), order[to]),
                  StatusIs(kPrecondition, HasSubstr("can only go to")));
    }
  }
}

TEST(CheckRoundTransitionTest, SaysWhereTheRoundMayGo) {
  EXPECT_THAT(
      CheckRoundTransition(MakeRound("中期考核", 1, false, RoundState::kDraft),
                           RoundState::kScored),
      StatusIs(kPrecondition, AllOf(HasSubstr("中期考核"), HasSubstr("is draft"),
                                    HasSubstr("can only go to open, not scored"))));
  EXPECT_THAT(
      CheckRoundTransition(MakeRound("中期考核", 1, false, RoundState::kNotice),
                           RoundState::kOpen),
      StatusIs(kPrecondition, HasSubstr("can only go to confirmed, not open")));
}

TEST(CheckRoundTransitionTest, RefusesAnyStepFromConfirmed) {
  for (RoundState to : {RoundState::kDraft, RoundState::kOpen, RoundState::kScored,
                        RoundState::kNotice, RoundState::kConfirmed}) {
    SCOPED_TRACE(RoundStateKey(to));
    EXPECT_THAT(CheckRoundTransition(MakeRound("年度考核", 10, true, RoundState::kConfirmed), to),
                StatusIs(kPrecondition, AllOf(HasSubstr("年度考核"), HasSubstr("final"))));
  }
}

// --- CheckOpenRound --------------------------------------------------------

TEST(CheckOpenRoundTest, OpensFirstDraftRoundOfCultivatingCohort) {
  std::vector<Round> rounds = MidTermAndFinal();
  EXPECT_THAT(CheckOpenRound(MakeCohort(CohortState::kCultivating), rounds, rounds[0]), IsOk());
}

TEST(CheckOpenRoundTest, RefusesUnlessTheCohortIsCultivating) {
  for (CohortState state : {CohortState::kDraft, CohortState::kEnrolling, CohortState::kClosed}) {
    SCOPED_TRACE(CohortStateKey(state));
    std::vector<Round> rounds = MidTermAndFinal();
    EXPECT_THAT(CheckOpenRound(MakeCohort(state), rounds, rounds[0]),
                StatusIs(kPrecondition, AllOf(HasSubstr("SCSW/2023"),
                                              HasSubstr("'talentctl cohort cultivate"))));
  }
}

TEST(CheckOpenRoundTest, RefusesRoundThatIsNotDraft) {
  std::vector<Round> rounds = MidTermAndFinal();
  rounds[0].state = RoundState::kOpen;
  EXPECT_THAT(CheckOpenRound(MakeCohort(CohortState::kCultivating), rounds, rounds[0]),
              StatusIs(kPrecondition, HasSubstr("can only go to")));
}

TEST(CheckOpenRoundTest, RefusesWhileAnEarlierRoundIsNotConfirmed) {
  for (RoundState earlier : {RoundState::kDraft, RoundState::kOpen, RoundState::kScored,
                             RoundState::kNotice}) {
    SCOPED_TRACE(RoundStateKey(earlier));
    std::vector<Round> rounds = MidTermAndFinal();
    rounds[0].state = earlier;
    EXPECT_THAT(CheckOpenRound(MakeCohort(CohortState::kCultivating), rounds, rounds[1]),
                StatusIs(kPrecondition, AllOf(HasSubstr("\"中期考核\""),
                                              HasSubstr("confirm it before opening \"年度考核\""))));
  }
}

TEST(CheckOpenRoundTest, OpensOnceEveryEarlierRoundIsConfirmed) {
  std::vector<Round> rounds = {MakeRound("中期考核", 1, false, RoundState::kConfirmed),
                               MakeRound("季度考核", 5, false, RoundState::kConfirmed),
                               MakeRound("年度考核", 10, true)};
  EXPECT_THAT(CheckOpenRound(MakeCohort(CohortState::kCultivating), rounds, rounds[2]), IsOk());
}

TEST(CheckOpenRoundTest, NamesTheEarlierRoundThatIsNotConfirmed) {
  std::vector<Round> rounds = {MakeRound("中期考核", 1, false, RoundState::kConfirmed),
                               MakeRound("季度考核", 5, false, RoundState::kNotice),
                               MakeRound("年度考核", 10, true)};
  EXPECT_THAT(CheckOpenRound(MakeCohort(CohortState::kCultivating), rounds, rounds[2]),
              StatusIs(kPrecondition,
                       AllOf(HasSubstr("\"季度考核\" is notice"), Not(HasSubstr("中期考核")))));
}

TEST(CheckOpenRoundTest, IgnoresLaterRounds) {
  // The round listed first is later than the one being opened.
  std::vector<Round> rounds = {MakeRound("年度考核", 10, true, RoundState::kDraft),
                               MakeRound("季度考核", 5, false, RoundState::kDraft),
                               MakeRound("中期考核", 1, false, RoundState::kDraft)};
  EXPECT_THAT(CheckOpenRound(MakeCohort(CohortState::kCultivating), rounds, rounds[2]), IsOk());
}

// --- CheckCloseScoring -----------------------------------------------------

TEST(CheckCloseScoringTest, ClosesWhenEveryEnrolmentHasEnoughSheetsOrIsAbsent) {
  Round open = MakeRound("中期考核", 1, false, RoundState::kOpen);
  std::vector<ScoringStatus> enrolments = {{101, 3, false}, {102, 7, false}, {103, 0, true},
                                           {104, 2, true}};
  EXPECT_THAT(CheckCloseScoring(open, enrolments, 3), IsOk());
  EXPECT_THAT(CheckCloseScoring(open, {}, 3), IsOk());
}

TEST(CheckCloseScoringTest, RefusesWhenOneEnrolmentIsShort) {
  Round open = MakeRound("中期考核", 1, false, RoundState::kOpen);
  std::vector<ScoringStatus> enrolments = {{101, 3, false}, {102, 2, false}, {103, 0, true}};
  EXPECT_THAT(CheckCloseScoring(open, enrolments, 3),
              StatusIs(kPrecondition,
                       AllOf(HasSubstr("1 enrolment(s)"), HasSubstr("fewer than 3"),
                             HasSubstr("102 (2)"), Not(HasSubstr("101")),
                             Not(HasSubstr("103")), Not(HasSubstr("…")),
                             HasSubstr("mark them absent"))));
}

TEST(CheckCloseScoringTest, UsesTheCohortMinimum) {
  Round open = MakeRound("中期考核", 1, false, RoundState::kOpen);
  std::vector<ScoringStatus> enrolments = {{101, 4, false}};
  EXPECT_THAT(CheckCloseScoring(open, enrolments, 4), IsOk());
  EXPECT_THAT(CheckCloseScoring(open, enrolments, 5),
              StatusIs(kPrecondition, AllOf(HasSubstr("fewer than 5"), HasSubstr("101 (4)"))));
}

TEST(CheckCloseScoringTest, ListsFiveOfSevenShortEnrolmentsAndCountsAll) {
  Round open = MakeRound("中期考核", 1, false, RoundState::kOpen);
  std::vector<ScoringStatus> enrolments;
  for (int i = 1; i <= 7; ++i) enrolments.push_back({200 + i, i % 3, false});
  enrolments.push_back({300, 3, false});
  EXPECT_THAT(
      CheckCloseScoring(open, enrolments, 3),
      StatusIs(kPrecondition,
               AllOf(HasSubstr("7 enrolment(s)"),
                     HasSubstr("201 (1), 202 (2), 203 (0), 204 (1), 205 (2), …"),
                     Not(HasSubstr("206")), Not(HasSubstr("207")), Not(HasSubstr("300")))));
}

TEST(CheckCloseScoringTest, ListsExactlyFiveWithoutEllipsis) {
  Round open = MakeRound("中期考核", 1, false, RoundState::kOpen);
  std::vector<ScoringStatus> enrolments;
  for (int i = 1; i <= 5; ++i) enrolments.push_back({200 + i, 0, false});
  EXPECT_THAT(CheckCloseScoring(open, enrolments, 3),
              StatusIs(kPrecondition, AllOf(HasSubstr("5 enrolment(s)"), HasSubstr("205 (0)"),
                                            Not(HasSubstr("…")))));
}

TEST(CheckCloseScoringTest, RefusesRoundThatIsNotOpen) {
  for (RoundState state : {RoundState::kDraft, RoundState::kScored, RoundState::kNotice,
                           RoundState::kConfirmed}) {
    SCOPED_TRACE(RoundStateKey(state));
    EXPECT_THAT(CheckCloseScoring(MakeRound("中期考核", 1, false, state), {}, 3),
                StatusIs(kPrecondition));
  }
}

// --- NoticeEnd and CheckConfirmRound ---------------------------------------

TEST(NoticeEndTest, AddsWholeDays) {
  EXPECT_EQ(NoticeEnd(kNoticeStart, 5), kNoticeStart + 432000);
  EXPECT_EQ(NoticeEnd(kNoticeStart, 1), kNoticeStart + 86400);
  EXPECT_EQ(NoticeEnd(kNoticeStart, 30), kNoticeStart + 2592000);
}

Round InNotice(int64_t start, int days) {
  Round r = MakeRound("年度考核", 10, true, RoundState::kNotice);
  r.notice_start = start;
  r.notice_end = NoticeEnd(start, days);
  return r;
}

TEST(CheckConfirmRoundTest, RefusesBeforeTheNoticeEndsAndSaysUntilWhen) {
  Round r = InNotice(kNoticeStart, 5);
  EXPECT_THAT(CheckConfirmRound(r, r.notice_end - 1, 0),
              StatusIs(kPrecondition, AllOf(HasSubstr("年度考核"),
                                            HasSubstr("until 2024-03-06T00:00:00Z"))));
  EXPECT_THAT(CheckConfirmRound(r, kNoticeStart, 0),
              StatusIs(kPrecondition, HasSubstr(common::FormatTimestamp(r.notice_end))));
}

TEST(CheckConfirmRoundTest, ConfirmsAtExactlyTheNoticeEndAndAfter) {
  Round r = InNotice(kNoticeStart, 5);
  EXPECT_THAT(CheckConfirmRound(r, kNoticeStart + 432000, 0), IsOk());
  EXPECT_THAT(CheckConfirmRound(r, kNoticeStart + 432001, 0), IsOk());
}

TEST(CheckConfirmRoundTest, RefusesWhileAppealsAreOpen) {
  Round r = InNotice(kNoticeStart, 5);
  EXPECT_THAT(CheckConfirmRound(r, r.notice_end, 2),
              StatusIs(kPrecondition, AllOf(HasSubstr("2 appeal(s)"), HasSubstr("年度考核"),
                                            HasSubstr("resolve them"))));
  EXPECT_THAT(CheckConfirmRound(r, r.notice_end, 1),
              StatusIs(kPrecondition, HasSubstr("1 appeal(s)")));
}

TEST(CheckConfirmRoundTest, RefusesRoundNotInNotice) {
  for (RoundState state : {RoundState::kDraft, RoundState::kOpen, RoundState::kScored,
                           RoundState::kConfirmed}) {
    SCOPED_TRACE(RoundStateKey(state));
    Round r = InNotice(kNoticeStart, 5);
    r.state = state;
    EXPECT_THAT(CheckConfirmRound(r, r.notice_end + 86400, 0), StatusIs(kPrecondition));
  }
}

}  // namespace
}  // namespace talent::domain

namespace talent::domain {
namespace {

TEST(CheckConfirmRoundEdgeTest, NoticeNeverPublishedIsFailedPrecondition) {
  Round round;
  round.name = "期末考核";
  round.state = RoundState::kNotice;
  round.notice_end = 0;
  absl::Status status = CheckConfirmRound(round, 1700000000, 0);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(std::string(status.message()).find("no public notice period"), std::string::npos);
}

}  // namespace
}  // namespace talent::domain

namespace talent::domain {
namespace {

using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;

constexpr absl::StatusCode kRoundPrecondition = absl::StatusCode::kFailedPrecondition;

Round RoundIn(RoundState state) {
  Round r;
  r.name = "中期考核";
  r.position = 1;
  r.state = state;
  return r;
}

// --- RoundStateError, CheckAssign, CheckMarkAbsent, CheckProvisionalResults --

TEST(RoundStateErrorTest, SaysTheRoundItsStateAndWhatItAllows) {
  EXPECT_THAT(RoundStateError(RoundIn(RoundState::kNotice), "do this while it is open"),
              StatusIs(kRoundPrecondition,
                       "round \"中期考核\" is notice; do this while it is open"));
}

TEST(CheckAssignTest, WhileDraftOrOpenOnly) {
  EXPECT_THAT(CheckAssign(RoundIn(RoundState::kDraft)), IsOk());
  EXPECT_THAT(CheckAssign(RoundIn(RoundState::kOpen)), IsOk());
  for (RoundState state : {RoundState::kScored, RoundState::kNotice, RoundState::kConfirmed}) {
    SCOPED_TRACE(RoundStateKey(state));
    EXPECT_THAT(CheckAssign(RoundIn(state)),
                StatusIs(kRoundPrecondition,
                         ::testing::HasSubstr("; assessors are assigned while it is draft or "
                                              "open")));
  }
}

TEST(CheckMarkAbsentTest, AnActiveEnrolmentInAnOpenRound) {
  Enrolment e;
  e.id = 5;
  e.stage = Stage::kActive;
  EXPECT_THAT(CheckMarkAbsent(RoundIn(RoundState::kOpen), e), IsOk());
  EXPECT_THAT(CheckMarkAbsent(RoundIn(RoundState::kScored), e),
              StatusIs(kRoundPrecondition,
                       "round \"中期考核\" is scored; absences are recorded while it is open"));
  e.stage = Stage::kWithdrawn;
  EXPECT_THAT(CheckMarkAbsent(RoundIn(RoundState::kOpen), e),
              StatusIs(kRoundPrecondition,
                       "enrolment 5 is withdrawn; only active candidates are assessed"));
}

TEST(CheckProvisionalResultsTest, OnceScoringIsClosedAndBeforeConfirmation) {
  EXPECT_THAT(CheckProvisionalResults(RoundIn(RoundState::kScored)), IsOk());
  EXPECT_THAT(CheckProvisionalResults(RoundIn(RoundState::kNotice)), IsOk());
  EXPECT_THAT(CheckProvisionalResults(RoundIn(RoundState::kOpen)),
              StatusIs(kRoundPrecondition,
                       "round \"中期考核\" is open; results are listed once scoring is closed "
                       "('talentctl round close')"));
}

}  // namespace
}  // namespace talent::domain
