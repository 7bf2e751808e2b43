#include "server/domain/programme_rules.h"

#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace talent::domain {
namespace {

using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;
using ::testing::HasSubstr;

constexpr absl::StatusCode kInvalid = absl::StatusCode::kInvalidArgument;
constexpr absl::StatusCode kPrecondition = absl::StatusCode::kFailedPrecondition;

const char kCodeMessage[] =
    "code must be 2–12 upper-case letters or digits starting with a letter, e.g. SCSW";

Programme ValidProgramme() {
  Programme p;
  p.code = "SCSW";
  p.title = "四川社会工作人才计划";
  p.issuer = "四川省民政厅";
  p.start_year = 2020;
  p.end_year = 2030;
  p.talent_target = 300;
  return p;
}

Cohort MakeCohort(CohortState state) {
  Cohort c;
  c.programme_code = "SCSW";
  c.year = 2023;
  c.state = state;
  c.quotas = {10, 10, 10};
  return c;
}

absl::Status ValidateWithCode(const std::string& code) {
  Programme p = ValidProgramme();
  p.code = code;
  return ValidateProgramme(&p);
}

// --- ValidateProgramme -----------------------------------------------------

TEST(ValidateProgrammeTest, AcceptsValidProgrammeAndTrimsFields) {
  Programme p = ValidProgramme();
  p.code = "  SCSW\t";
  p.title = "\xE3\x80\x80四川社会工作人才计划 ";
  p.issuer = " 四川省民政厅\xE3\x80\x80";
  EXPECT_THAT(ValidateProgramme(&p), IsOk());
  EXPECT_EQ(p.code, "SCSW");
  EXPECT_EQ(p.title, "四川社会工作人才计划");
  EXPECT_EQ(p.issuer, "四川省民政厅");
}

TEST(ValidateProgrammeTest, CodeOfTwoAndTwelveCharactersAccepted) {
  EXPECT_THAT(ValidateWithCode("AB"), IsOk());
  EXPECT_THAT(ValidateWithCode("ABCDEFGHIJKL"), IsOk());
  EXPECT_THAT(ValidateWithCode("SC2020"), IsOk());
}

TEST(ValidateProgrammeTest, CodeOfOneOrThirteenCharactersRefused) {
  EXPECT_THAT(ValidateWithCode("A"), StatusIs(kInvalid, kCodeMessage));
  EXPECT_THAT(ValidateWithCode("ABCDEFGHIJKLM"), StatusIs(kInvalid, kCodeMessage));
  EXPECT_THAT(ValidateWithCode(""), StatusIs(kInvalid, kCodeMessage));
}

TEST(ValidateProgrammeTest, LowerCaseCodeRefused) {
  EXPECT_THAT(ValidateWithCode("scsw"), StatusIs(kInvalid, kCodeMessage));
  EXPECT_THAT(ValidateWithCode("SCsw"), StatusIs(kInvalid, kCodeMessage));
}

TEST(ValidateProgrammeTest, CodeStartingWithDigitOrHoldingPunctuationRefused) {
  EXPECT_THAT(ValidateWithCode("1SCSW"), StatusIs(kInvalid, kCodeMessage));
  EXPECT_THAT(ValidateWithCode("SC-SW"), StatusIs(kInvalid, kCodeMessage));
  EXPECT_THAT(ValidateWithCode("SC SW"), StatusIs(kInvalid, kCodeMessage));
  EXPECT_THAT(ValidateWithCode("社工"), StatusIs(kInvalid, kCodeMessage));
}

TEST(ValidateProgrammeTest, TitleRequiredAndAtMostHundredCharacters) {
  Programme p = ValidProgramme();
  p.title = " ";
  EXPECT_THAT(ValidateProgramme(&p), StatusIs(kInvalid, "title is required"));
  p.title = std::string(100, 'T');
  EXPECT_THAT(ValidateProgramme(&p), IsOk());
  p.title = std::string(101, 'T');
  EXPECT_THAT(ValidateProgramme(&p), StatusIs(kInvalid, "title must be 1–100 characters, got 101"));
}

TEST(ValidateProgrammeTest, ObjectionContactOptionalTrimmedAndAtMostThreeHundredCharacters) {
  Programme p = ValidProgramme();
  EXPECT_THAT(ValidateProgramme(&p), IsOk());  // empty until an administrator sets it
  p.objection_contact = " 电话 028-86000000；邮箱 rcb@example.cn ";
  EXPECT_THAT(ValidateProgramme(&p), IsOk());
  EXPECT_EQ(p.objection_contact, "电话 028-86000000；邮箱 rcb@example.cn");
  p.objection_contact = std::string(300, 'c');
  EXPECT_THAT(ValidateProgramme(&p), IsOk());
  p.objection_contact = std::string(301, 'c');
  EXPECT_THAT(ValidateProgramme(&p),
              StatusIs(kInvalid, "objection_contact must be 0–300 characters, got 301"));
  p.objection_contact = "电话\x01";
  EXPECT_THAT(ValidateProgramme(&p), StatusIs(kInvalid, HasSubstr("objection_contact")));
}

TEST(ValidateProgrammeTest, IssuerRequired) {
  Programme p = ValidProgramme();
  p.issuer = "";
  EXPECT_THAT(ValidateProgramme(&p), StatusIs(kInvalid, "issuer is required"));
}

TEST(ValidateProgrammeTest, YearsFrom2000To2100Accepted) {
  Programme p = ValidProgramme();
  p.start_year = 2000;
  p.end_year = 2100;
  EXPECT_THAT(ValidateProgramme(&p), IsOk());
}

TEST(ValidateProgrammeTest, YearsOutside2000To2100Refused) {
  Programme p = ValidProgramme();
  p.start_year = 1999;
  EXPECT_THAT(ValidateProgramme(&p),
              StatusIs(kInvalid, "start_year must be between 2000 and 2100, got 1999"));
  p = ValidProgramme();
  p.end_year = 2101;
  EXPECT_THAT(ValidateProgramme(&p),
              StatusIs(kInvalid, "end_year must be between 2000 and 2100, got 2101"));
}

TEST(ValidateProgrammeTest, StartAfterEndRefusedButSameYearAccepted) {
  Programme p = ValidProgramme();
  p.start_year = 2031;
  p.end_year = 2030;
  EXPECT_THAT(ValidateProgramme(&p), StatusIs(kInvalid, "end_year 2030 is before start_year 2031"));
  p.start_year = 2030;
  EXPECT_THAT(ValidateProgramme(&p), IsOk());
}

TEST(ValidateProgrammeTest, TalentTargetFromOneToHundredThousand) {
  Programme p = ValidProgramme();
  p.talent_target = 0;
  EXPECT_THAT(ValidateProgramme(&p),
              StatusIs(kInvalid, "talent_target must be between 1 and 100000, got 0"));
  p.talent_target = 1;
  EXPECT_THAT(ValidateProgramme(&p), IsOk());
  p.talent_target = 100000;
  EXPECT_THAT(ValidateProgramme(&p), IsOk());
  p.talent_target = 100001;
  EXPECT_THAT(ValidateProgramme(&p),
              StatusIs(kInvalid, "talent_target must be between 1 and 100000, got 100001"));
}

// --- CohortLabel / ValidateCohort -----------------------------------------

TEST(CohortLabelTest, JoinsCodeAndYear) {
  EXPECT_EQ(CohortLabel(MakeCohort(CohortState::kDraft)), "SCSW/2023");
}

TEST(ValidateCohortTest, YearsAtProgrammeBoundsAccepted) {
  Cohort c = MakeCohort(CohortState::kDraft);
  c.year = 2020;
  EXPECT_THAT(ValidateCohort(ValidProgramme(), c), IsOk());
  c.year = 2030;
  EXPECT_THAT(ValidateCohort(ValidProgramme(), c), IsOk());
}

TEST(ValidateCohortTest, YearOutsideProgrammeYearsRefused) {
  Cohort c = MakeCohort(CohortState::kDraft);
  c.year = 2019;
  EXPECT_THAT(ValidateCohort(ValidProgramme(), c),
              StatusIs(kInvalid, "year 2019 is outside programme SCSW's years 2020–2030"));
  c.year = 2031;
  EXPECT_THAT(ValidateCohort(ValidProgramme(), c),
              StatusIs(kInvalid, "year 2031 is outside programme SCSW's years 2020–2030"));
}

TEST(ValidateCohortTest, QuotasOfZeroAndThousandAccepted) {
  Cohort c = MakeCohort(CohortState::kDraft);
  c.quotas = {0, 1000, 1};
  EXPECT_THAT(ValidateCohort(ValidProgramme(), c), IsOk());
}

TEST(ValidateCohortTest, QuotaOfMinusOneOrThousandAndOneRefusedNamingTheField) {
  const std::vector<std::pair<PerTrack, std::string>> cases = {
      {{-1, 10, 10}, "quotas.service must be between 0 and 1000, got -1"},
      {{10, 1001, 10}, "quotas.management must be between 0 and 1000, got 1001"},
      {{10, 10, -1}, "quotas.education_research must be between 0 and 1000, got -1"},
      {{10, 10, 1001}, "quotas.education_research must be between 0 and 1000, got 1001"},
  };
  for (const auto& [quotas, message] : cases) {
    Cohort c = MakeCohort(CohortState::kDraft);
    c.quotas = quotas;
    EXPECT_THAT(ValidateCohort(ValidProgramme(), c), StatusIs(kInvalid, message));
  }
}

// --- CheckCohortTransition --------------------------------------------------

TEST(CheckCohortTransitionTest, AllowsEachForwardStep) {
  EXPECT_THAT(CheckCohortTransition(MakeCohort(CohortState::kDraft), CohortState::kEnrolling),
              IsOk());
  EXPECT_THAT(
      CheckCohortTransition(MakeCohort(CohortState::kEnrolling), CohortState::kCultivating),
      IsOk());
  EXPECT_THAT(CheckCohortTransition(MakeCohort(CohortState::kCultivating), CohortState::kClosed),
              IsOk());
}

TEST(CheckCohortTransitionTest, RefusesEveryOtherMoveNamingTheAllowedOne) {
  struct Case {
    CohortState from;
    CohortState to;
    std::string message;
  };
  const std::vector<Case> cases = {
      {CohortState::kDraft, CohortState::kDraft,
       "cohort SCSW/2023 is draft; from there it can only go to enrolling, not draft"},
      {CohortState::kDraft, CohortState::kCultivating,
       "cohort SCSW/2023 is draft; from there it can only go to enrolling, not cultivating"},
      {CohortState::kDraft, CohortState::kClosed,
       "cohort SCSW/2023 is draft; from there it can only go to enrolling, not closed"},
      {CohortState::kEnrolling, CohortState::kDraft,
       "cohort SCSW/2023 is enrolling; from there it can only go to cultivating, not draft"},
      {CohortState::kEnrolling, CohortState::kEnrolling,
       "cohort SCSW/2023 is enrolling; from there it can only go to cultivating, not enrolling"},
      {CohortState::kEnrolling, CohortState::kClosed,
       "cohort SCSW/2023 is enrolling; from there it can only go to cultivating, not closed"},
      {CohortState::kCultivating, CohortState::kDraft,
       "cohort SCSW/2023 is cultivating; from there it can only go to closed, not draft"},
      {CohortState::kCultivating, CohortState::kEnrolling,
       "cohort SCSW/2023 is cultivating; from there it can only go to closed, not enrolling"},
      {CohortState::kCultivating, CohortState::kCultivating,
       "cohort SCSW/2023 is cultivating; from there it can only go to closed, not cultivating"},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(CheckCohortTransition(MakeCohort(c.from), c.to), StatusIs(kPrecondition, c.message));
  }
}

TEST(CheckCohortTransitionTest, ClosedCohortCannotChangeAnyMore) {
  for (CohortState to : {CohortState::kDraft, CohortState::kEnrolling, CohortState::kCultivating,
                         CohortState::kClosed}) {
    EXPECT_THAT(CheckCohortTransition(MakeCohort(CohortState::kClosed), to),
                StatusIs(kPrecondition, "cohort SCSW/2023 is closed; it cannot change any more"));
  }
}

// --- CheckStartCultivation --------------------------------------------------

TEST(CheckStartCultivationTest, RefusesWithNobodySelected) {
  Cohort c = MakeCohort(CohortState::kEnrolling);
  c.applied = {5, 5, 5};  // applicants, but none selected
  EXPECT_THAT(CheckStartCultivation(c),
              StatusIs(kPrecondition,
                       "cohort SCSW/2023 has nobody selected; select candidates "
                       "('talentctl enrolment select') first"));
}

TEST(CheckStartCultivationTest, AcceptsWithOneSelectedOnAnyTrack) {
  for (Track track : kTracks) {
    Cohort c = MakeCohort(CohortState::kEnrolling);
    c.selected[track] = 1;
    EXPECT_THAT(CheckStartCultivation(c), IsOk()) << TrackKey(track);
  }
}

TEST(CheckStartCultivationTest, RefusesOutsideEnrolling) {
  Cohort c = MakeCohort(CohortState::kDraft);
  c.selected = {1, 1, 1};
  EXPECT_THAT(CheckStartCultivation(c),
              StatusIs(kPrecondition, HasSubstr("can only go to enrolling, not cultivating")));
  c.state = CohortState::kCultivating;
  EXPECT_THAT(CheckStartCultivation(c),
              StatusIs(kPrecondition, HasSubstr("can only go to closed, not cultivating")));
}

// --- CheckEnrolmentOpen -----------------------------------------------------

TEST(CheckEnrolmentOpenTest, OpenWhileEnrolling) {
  EXPECT_THAT(CheckEnrolmentOpen(MakeCohort(CohortState::kEnrolling)), IsOk());
}

TEST(CheckEnrolmentOpenTest, DraftSaysHowToOpenIt) {
  EXPECT_THAT(CheckEnrolmentOpen(MakeCohort(CohortState::kDraft)),
              StatusIs(kPrecondition,
                       "cohort SCSW/2023 is draft; open it first ('talentctl cohort open "
                       "SCSW/2023')"));
}

TEST(CheckEnrolmentOpenTest, CultivatingAndClosedAreFrozen) {
  EXPECT_THAT(CheckEnrolmentOpen(MakeCohort(CohortState::kCultivating)),
              StatusIs(kPrecondition, "cohort SCSW/2023 is cultivating; enrolment is frozen"));
  EXPECT_THAT(CheckEnrolmentOpen(MakeCohort(CohortState::kClosed)),
              StatusIs(kPrecondition, "cohort SCSW/2023 is closed; enrolment is frozen"));
}

// --- CheckQuotaChange -------------------------------------------------------

TEST(CheckQuotaChangeTest, AcceptsWhileDraftOrEnrolling) {
  EXPECT_THAT(CheckQuotaChange(MakeCohort(CohortState::kDraft), {0, 0, 0}), IsOk());
  EXPECT_THAT(CheckQuotaChange(MakeCohort(CohortState::kEnrolling), {1000, 1000, 1000}), IsOk());
}

TEST(CheckQuotaChangeTest, QuotaEqualToSelectedAcceptedBelowRefused) {
  Cohort c = MakeCohort(CohortState::kEnrolling);
  c.selected = {0, 5, 0};
  EXPECT_THAT(CheckQuotaChange(c, {0, 5, 0}), IsOk());
  EXPECT_THAT(CheckQuotaChange(c, {10, 4, 10}),
              StatusIs(kPrecondition,
                       "track management already has 5 selected; its quota cannot be 4 "
                       "(reject some selected candidates first)"));
}

TEST(CheckQuotaChangeTest, RefusedOnceCultivatingOrClosed) {
  EXPECT_THAT(CheckQuotaChange(MakeCohort(CohortState::kCultivating), {10, 10, 10}),
              StatusIs(kPrecondition,
                       "cohort SCSW/2023 is cultivating; quotas can no longer change"));
  EXPECT_THAT(CheckQuotaChange(MakeCohort(CohortState::kClosed), {10, 10, 10}),
              StatusIs(kPrecondition, "cohort SCSW/2023 is closed; quotas can no longer change"));
}

TEST(CheckQuotaChangeTest, OutOfRangeIsInvalidArgumentWhateverTheState) {
  EXPECT_THAT(CheckQuotaChange(MakeCohort(CohortState::kEnrolling), {10, -1, 10}),
              StatusIs(kInvalid, "quotas.management must be between 0 and 1000, got -1"));
  EXPECT_THAT(CheckQuotaChange(MakeCohort(CohortState::kClosed), {1001, 10, 10}),
              StatusIs(kInvalid, "quotas.service must be between 0 and 1000, got 1001"));
}

// --- CheckRubricEditable ----------------------------------------------------

TEST(CheckRubricEditableTest, EditableWhileDraftOrEnrolling) {
  EXPECT_THAT(CheckRubricEditable(MakeCohort(CohortState::kDraft)), IsOk());
  EXPECT_THAT(CheckRubricEditable(MakeCohort(CohortState::kEnrolling)), IsOk());
}

TEST(CheckRubricEditableTest, FrozenOnceCultivatingOrClosed) {
  EXPECT_THAT(CheckRubricEditable(MakeCohort(CohortState::kCultivating)),
              StatusIs(kPrecondition,
                       "cohort SCSW/2023 is cultivating; its rubric can no longer change"));
  EXPECT_THAT(CheckRubricEditable(MakeCohort(CohortState::kClosed)),
              StatusIs(kPrecondition,
                       "cohort SCSW/2023 is closed; its rubric can no longer change"));
}

// --- CheckRulesEditable -----------------------------------------------------

TEST(CheckRulesEditableTest, EditableBeforeAnyRoundInEveryOpenState) {
  EXPECT_THAT(CheckRulesEditable(MakeCohort(CohortState::kDraft), 0), IsOk());
  EXPECT_THAT(CheckRulesEditable(MakeCohort(CohortState::kEnrolling), 0), IsOk());
  EXPECT_THAT(CheckRulesEditable(MakeCohort(CohortState::kCultivating), 0), IsOk());
}

TEST(CheckRulesEditableTest, FrozenOnceARoundHasOpened) {
  EXPECT_THAT(CheckRulesEditable(MakeCohort(CohortState::kCultivating), 1),
              StatusIs(kPrecondition, "cohort SCSW/2023 has opened an assessment round; its "
                                      "rules can no longer change"));
  EXPECT_THAT(CheckRulesEditable(MakeCohort(CohortState::kCultivating), 3),
              StatusIs(kPrecondition, HasSubstr("opened an assessment round")));
}

TEST(CheckRulesEditableTest, FrozenOnceClosedEvenWithoutRounds) {
  EXPECT_THAT(CheckRulesEditable(MakeCohort(CohortState::kClosed), 0),
              StatusIs(kPrecondition,
                       "cohort SCSW/2023 is closed; its rules can no longer change"));
  EXPECT_THAT(CheckRulesEditable(MakeCohort(CohortState::kClosed), 2),
              StatusIs(kPrecondition, HasSubstr("closed")));
}

}  // namespace
}  // namespace talent::domain
