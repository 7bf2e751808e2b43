#include "server/domain/sheet_rules.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/domain/round_rules.h"
#include "server/domain/rubric.h"
#include "server/domain/types.h"
#include "tests/testing/status_matchers.h"

namespace talent::domain {
namespace {

using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr absl::StatusCode kInvalid = absl::StatusCode::kInvalidArgument;
constexpr absl::StatusCode kPrecondition = absl::StatusCode::kFailedPrecondition;

using Points = std::vector<std::optional<int64_t>>;
using Given = std::vector<std::pair<std::string, std::string>>;

User MakeAssessor(const std::string& organisation) {
  User u;
  u.id = 7;
  u.username = "wang_li";
  u.display_name = "王力";
  u.role = Role::kAssessor;
  u.organisation = organisation;
  return u;
}

Enrolment MakeEnrolment(const std::string& organisation, Stage stage = Stage::kActive) {
  Enrolment e;
  e.id = 42;
  e.cohort_id = 1;
  e.programme_code = "SCSW";
  e.cohort_year = 2023;
  e.person.full_name = "张三";
  e.track = Track::kService;
  e.organisation = organisation;
  e.stage = stage;
  return e;
}

// --- CheckAssignment -------------------------------------------------------

TEST(CheckAssignmentTest, AssignsActiveAssessorToActiveEnrolmentOfAnotherOrganisation) {
  EXPECT_THAT(CheckAssignment(MakeAssessor("四川省社会工作协会"),
                              MakeEnrolment("成都市社工中心(锦江)"), false),
              IsOk());
}

TEST(CheckAssignmentTest, RefusesUserWhoIsNotAnAssessor) {
  for (Role role : {Role::kAdmin, Role::kViewer, Role::kUnspecified}) {
    SCOPED_TRACE(RoleKey(role));
    User u = MakeAssessor("四川省社会工作协会");
    u.role = role;
    EXPECT_THAT(CheckAssignment(u, MakeEnrolment("成都市社工中心"), false),
                StatusIs(kPrecondition, AllOf(HasSubstr("wang_li"), HasSubstr("not an assessor"))));
  }
}

TEST(CheckAssignmentTest, RefusesDisabledAssessor) {
  User u = MakeAssessor("四川省社会工作协会");
  u.disabled = true;
  EXPECT_THAT(CheckAssignment(u, MakeEnrolment("成都市社工中心"), false),
              StatusIs(kPrecondition, AllOf(HasSubstr("wang_li"), HasSubstr("disabled"))));
}

TEST(CheckAssignmentTest, RefusesEnrolmentThatIsNotActive) {
  for (Stage stage : {Stage::kEliminated, Stage::kWithdrawn, Stage::kSelected, Stage::kApplied,
                      Stage::kRecommended, Stage::kNotSelected, Stage::kCompleted,
                      Stage::kCertified}) {
    SCOPED_TRACE(StageKey(stage));
    EXPECT_THAT(CheckAssignment(MakeAssessor("四川省社会工作协会"),
                                MakeEnrolment("成都市社工中心", stage), false),
                StatusIs(kPrecondition, AllOf(HasSubstr("enrolment 42"), HasSubstr("张三"),
                                              HasSubstr("only active"))));
  }
}

TEST(CheckAssignmentTest, SaysWhichStageTheEnrolmentIsIn) {
  EXPECT_THAT(CheckAssignment(MakeAssessor("四川省社会工作协会"),
                              MakeEnrolment("成都市社工中心", Stage::kEliminated), false),
              StatusIs(kPrecondition, HasSubstr("is eliminated")));
}

TEST(CheckAssignmentTest, RecusesAssessorOfTheSameOrganisation) {
  EXPECT_THAT(CheckAssignment(MakeAssessor("成都市社工中心"), MakeEnrolment("成都市社工中心"),
                              false),
              StatusIs(kPrecondition,
                       AllOf(HasSubstr("wang_li"), HasSubstr("enrolment 42"), HasSubstr("recused"))));
}

TEST(CheckAssignmentTest, RecusesSameOrganisationSpelledWithOtherSpacesAndParentheses) {
  EXPECT_THAT(CheckAssignment(MakeAssessor("成都市 社工中心（锦江）"),
                              MakeEnrolment("成都市社工中心(锦江)"), false),
              StatusIs(kPrecondition,
                       AllOf(HasSubstr("wang_li"), HasSubstr("enrolment 42"), HasSubstr("recused"),
                             Not(HasSubstr("conflict")))));
}

TEST(CheckAssignmentTest, RecusesSameOrganisationSpelledWithOtherCaseAndPunctuation) {
  EXPECT_THAT(CheckAssignment(MakeAssessor("ABC Social Work"), MakeEnrolment("abc social-work"),
                              false),
              StatusIs(kPrecondition,
                       AllOf(HasSubstr("wang_li"), HasSubstr("enrolment 42"), HasSubstr("recused"))));
}

TEST(CheckAssignmentTest, RecusesSameOrganisationSpelledInFullWidth) {
  EXPECT_THAT(CheckAssignment(MakeAssessor("ＡＢＣ社工站　１号"), MakeEnrolment("abc社工站1号"),
                              false),
              StatusIs(kPrecondition, HasSubstr("recused")));
}

TEST(CheckAssignmentTest, DoesNotRecuseSimilarButDifferentOrganisations) {
  EXPECT_THAT(CheckAssignment(MakeAssessor("成都市社工中心（锦江）"),
                              MakeEnrolment("成都市社工中心(青羊)"), false),
              IsOk());
  EXPECT_THAT(CheckAssignment(MakeAssessor("ABC Social Work"), MakeEnrolment("ABC Social Works"),
                              false),
              IsOk());
}

TEST(CheckAssignmentTest, RecusesDeclaredConflict) {
  EXPECT_THAT(CheckAssignment(MakeAssessor("四川省社会工作协会"),
                              MakeEnrolment("成都市社工中心"), true),
              StatusIs(kPrecondition, AllOf(HasSubstr("wang_li"), HasSubstr("enrolment 42"),
                                            HasSubstr("recused"), HasSubstr("conflict"))));
}

// --- CheckWriteSheet -------------------------------------------------------

TEST(CheckWriteSheetTest, LetsADraftBeWrittenWhileOpen) {
  EXPECT_THAT(CheckWriteSheet(RoundState::kOpen, SheetState::kDraft),
              IsOk());
}

TEST(CheckWriteSheetTest, RefusesWhileTheRoundIsNotOpen) {
  for (RoundState round : {RoundState::kDraft, RoundState::kScored, RoundState::kNotice,
                           RoundState::kConfirmed}) {
    SCOPED_TRACE(RoundStateKey(round));
    EXPECT_THAT(CheckWriteSheet(round, SheetState::kDraft),
                StatusIs(kPrecondition, HasSubstr("only while it is open")));
  }
}

TEST(CheckWriteSheetTest, RefusesSubmittedSheetAndPointsToReopen) {
  EXPECT_THAT(
      CheckWriteSheet(RoundState::kOpen, SheetState::kSubmitted),
      StatusIs(kPrecondition, AllOf(HasSubstr("submitted"), HasSubstr("reopen"))));
}

// --- ParsePoints -----------------------------------------------------------

TEST(ParsePointsTest, ParsesOneCriterionIntoRubricOrder) {
  absl::StatusOr<Points> points = ParsePoints(DefaultRubric(), {{"theory", "8.5"}}, {});
  ASSERT_THAT(points, IsOk());
  EXPECT_THAT(*points, ElementsAre(std::optional<int64_t>(85), std::nullopt, std::nullopt,
                                   std::nullopt, std::nullopt, std::nullopt));
}

TEST(ParsePointsTest, PlacesEachCodeAtItsRubricIndex) {
  absl::StatusOr<Points> points =
      ParsePoints(DefaultRubric(), {{"ethics", "12"}, {"system", "19.5"}, {"theory", "1"}}, {});
  ASSERT_THAT(points, IsOk());
  EXPECT_THAT(*points, ElementsAre(std::optional<int64_t>(10), std::nullopt,
                                   std::optional<int64_t>(195), std::nullopt, std::nullopt,
                                   std::optional<int64_t>(120)));
}

TEST(ParsePointsTest, KeepsCurrentValuesOfCriteriaNotGiven) {
  Points current = {100, 110, std::nullopt, 150, std::nullopt, 130};
  absl::StatusOr<Points> points =
      ParsePoints(DefaultRubric(), {{"system", "18"}, {"theory", "9.5"}}, current);
  ASSERT_THAT(points, IsOk());
  EXPECT_THAT(*points, ElementsAre(std::optional<int64_t>(95), std::optional<int64_t>(110),
                                   std::optional<int64_t>(180), std::optional<int64_t>(150),
                                   std::nullopt, std::optional<int64_t>(130)));
}

TEST(ParsePointsTest, AcceptsTheMaximumAndZero) {
  absl::StatusOr<Points> points = ParsePoints(
      DefaultRubric(), {{"theory", "15.0"}, {"system", "20"}, {"ethics", "0"}}, {});
  ASSERT_THAT(points, IsOk());
  EXPECT_EQ((*points)[0], std::optional<int64_t>(150));
  EXPECT_EQ((*points)[2], std::optional<int64_t>(200));
  EXPECT_EQ((*points)[5], std::optional<int64_t>(0));
}

TEST(ParsePointsTest, RefusesPointsAboveTheMaximum) {
  EXPECT_THAT(ParsePoints(DefaultRubric(), {{"theory", "15.1"}}, {}),
              StatusIs(kInvalid, AllOf(HasSubstr("theory"), HasSubstr("maximum"),
                                       HasSubstr("15.0"))));
  // 20 is fine for system but not for charity.
  EXPECT_THAT(ParsePoints(DefaultRubric(), {{"charity", "20"}}, {}),
              StatusIs(kInvalid, AllOf(HasSubstr("charity"), HasSubstr("maximum"))));
}

TEST(ParsePointsTest, RefusesTextThatIsNotANumberWithOneDecimal) {
  for (const char* text : {"8.55", "-1", "abc", "", "8.", ".5", "8,5", "1e1"}) {
    SCOPED_TRACE(text);
    EXPECT_THAT(ParsePoints(DefaultRubric(), {{"competence", text}}, {}),
                StatusIs(kInvalid, HasSubstr("competence")));
  }
}

TEST(ParsePointsTest, RefusesCodeNotInTheRubric) {
  EXPECT_THAT(ParsePoints(DefaultRubric(), {{"theory", "8"}, {"leadership", "8"}}, {}),
              StatusIs(kInvalid,
                       AllOf(HasSubstr("leadership"), HasSubstr("not in the cohort's rubric"))));
  // Codes are exact: no case folding.
  EXPECT_THAT(ParsePoints(DefaultRubric(), {{"Theory", "8"}}, {}),
              StatusIs(kInvalid, HasSubstr("not in the cohort's rubric")));
}

TEST(ParsePointsTest, FailsAsAWholeWhenOneValueIsBad) {
  EXPECT_THAT(ParsePoints(DefaultRubric(), {{"theory", "8"}, {"talent", "21"}}, {}),
              StatusIs(kInvalid, HasSubstr("talent")));
}

// --- CheckSubmit -----------------------------------------------------------

TEST(CheckSubmitTest, AcceptsSheetWithEveryCriterionScored) {
  EXPECT_THAT(CheckSubmit(DefaultRubric(), {150, 0, 200, 200, 150, 150}), IsOk());
}

TEST(CheckSubmitTest, NamesTheCriteriaStillMissing) {
  EXPECT_THAT(CheckSubmit(DefaultRubric(), {150, 0, std::nullopt, 200, 150, std::nullopt}),
              StatusIs(kPrecondition, AllOf(HasSubstr("system, ethics"), Not(HasSubstr("theory")),
                                            Not(HasSubstr("competence")),
                                            Not(HasSubstr("charity")))));
}

TEST(CheckSubmitTest, NamesEveryCriterionOfAnEmptySheet) {
  EXPECT_THAT(CheckSubmit(DefaultRubric(), {}),
              StatusIs(kPrecondition,
                       HasSubstr("theory, competence, system, talent, charity, ethics")));
}

// --- CheckReopen -----------------------------------------------------------

TEST(CheckReopenTest, ReopensSubmittedSheetWhileOpen) {
  std::string reason = "复核评分";
  EXPECT_THAT(CheckReopen(RoundState::kOpen, SheetState::kSubmitted, &reason), IsOk());
}

TEST(CheckReopenTest, RefusesDuringTheNoticeWhereOnlyAnAmendedAppealReopens) {
  std::string reason = "申诉成立，复核评分";
  EXPECT_THAT(CheckReopen(RoundState::kNotice, SheetState::kSubmitted, &reason),
              StatusIs(kPrecondition, HasSubstr("appeal resolve --amend")));
}

TEST(CheckReopenTest, TrimsTheReason) {
  std::string reason = "  appeal 3 upheld\t";
  ASSERT_THAT(CheckReopen(RoundState::kOpen, SheetState::kSubmitted, &reason), IsOk());
  EXPECT_EQ(reason, "appeal 3 upheld");
}

TEST(CheckReopenTest, RefusesEmptyReason) {
  for (const char* text : {"", "  ", "\xE3\x80\x80"}) {
    SCOPED_TRACE(text);
    std::string reason = text;
    EXPECT_THAT(CheckReopen(RoundState::kOpen, SheetState::kSubmitted, &reason),
                StatusIs(kInvalid, HasSubstr("reason")));
  }
}

TEST(CheckReopenTest, RefusesSheetThatIsNotSubmitted) {
  std::string reason = "typo";
  EXPECT_THAT(CheckReopen(RoundState::kOpen, SheetState::kDraft, &reason),
              StatusIs(kPrecondition, HasSubstr("not submitted")));
}

TEST(CheckReopenTest, RefusesWhileRoundIsNotOpen) {
  for (RoundState round : {RoundState::kDraft, RoundState::kScored, RoundState::kConfirmed}) {
    SCOPED_TRACE(RoundStateKey(round));
    std::string reason = "typo";
    EXPECT_THAT(CheckReopen(round, SheetState::kSubmitted, &reason),
                StatusIs(kPrecondition, HasSubstr("while it is open")));
  }
}

}  // namespace
}  // namespace talent::domain

namespace talent::domain {
namespace {

TEST(CheckAssignmentEdgeTest, PunctuationOnlyOrganisationsRecuseNoOne) {
  User assessor;
  assessor.id = 7;
  assessor.username = "wang_li";
  assessor.role = Role::kAssessor;
  assessor.organisation = "—";
  Enrolment enrolment;
  enrolment.id = 42;
  enrolment.stage = Stage::kActive;
  enrolment.organisation = "/";
  EXPECT_TRUE(CheckAssignment(assessor, enrolment, false).ok());
}

}  // namespace
}  // namespace talent::domain

namespace talent::domain {
namespace {

using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;

// --- SheetTotal, CountsTowardResult, CheckScorable -------------------------

TEST(SheetTotalTest, SumsThePointsInTenthsLeavingUnscoredOut) {
  Sheet sheet;
  sheet.points = {85, std::nullopt, 195, 0, std::nullopt, 120};
  EXPECT_EQ(SheetTotal(sheet), 400);
  EXPECT_EQ(SheetTotal(Sheet{}), 0);
}

TEST(CountsTowardResultTest, SubmittedSheetsAndSheetsReopenedByAnAppeal) {
  Sheet sheet;
  sheet.state = SheetState::kSubmitted;
  EXPECT_TRUE(CountsTowardResult(sheet));
  sheet.state = SheetState::kDraft;
  EXPECT_FALSE(CountsTowardResult(sheet));
  sheet.appeal_id = 3;  // reopened by an amended appeal: counts as it now stands
  EXPECT_TRUE(CountsTowardResult(sheet));
}

TEST(CheckScorableTest, OnlyActiveCandidatesAreScored) {
  Enrolment e;
  e.id = 42;
  e.stage = Stage::kActive;
  EXPECT_THAT(CheckScorable(e), IsOk());
  e.stage = Stage::kEliminated;
  EXPECT_THAT(CheckScorable(e), StatusIs(absl::StatusCode::kFailedPrecondition,
                                         "enrolment 42 is eliminated; only active candidates "
                                         "are scored"));
}

}  // namespace
}  // namespace talent::domain
