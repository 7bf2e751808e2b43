// The rules of a history import (docs/lifecycles.md §1.1): which years may
// be imported, and what each row of a closed cohort must hold.
#include "server/domain/history_rules.h"

#include <cstdio>
#include <string>
#include <vector>

#include "common/national_id.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace talent::domain {
namespace {

using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const common::Date kToday{2023, 6, 1};

std::string Id(int n) {
  char first17[18];
  std::snprintf(first17, sizeof first17, "51010419800101%03d", n);
  return std::string(first17) + common::NationalIdCheckCharacter(first17);
}

Programme Scsw() {
  Programme p;
  p.id = 1;
  p.code = "SCSW";
  p.start_year = 2020;
  p.end_year = 2030;
  return p;
}

Cohort CohortOf(int year, bool imported) {
  Cohort c;
  c.programme_code = "SCSW";
  c.year = year;
  c.imported = imported;
  c.state = imported ? CohortState::kClosed : CohortState::kDraft;
  return c;
}

HistoryInput Certified(int n, const std::string& track, const std::string& number) {
  HistoryInput in;
  in.full_name = "王芳";
  in.national_id = Id(n);
  in.organisation = "成都市锦江区社会工作服务中心";
  in.region = "成都市锦江区";
  in.track = track;
  in.outcome = "已认定";
  in.certificate_number = number;
  in.issue_date = "2021-12-20";
  in.final_score = "93.5";
  return in;
}

HistoryInput Other(int n, const std::string& outcome) {
  HistoryInput in = Certified(n, "服务类", "");
  in.outcome = outcome;
  in.issue_date.clear();
  in.final_score.clear();
  return in;
}

// The errors of one row of cohort 2021, as "column: reason".
std::vector<std::string> Problems(HistoryInput in) {
  HistoryPerson person;
  std::vector<FieldError> errors;
  bool ok = ParseHistoryRow(std::move(in), "SCSW", 2021, kToday, &person, &errors);
  EXPECT_EQ(ok, errors.empty());
  std::vector<std::string> out;
  for (const FieldError& e : errors) out.push_back(e.column + ": " + e.reason);
  return out;
}

TEST(HistoryYearTest, APastYearBeforeEveryCohortIsAccepted) {
  EXPECT_THAT(CheckHistoryYear(Scsw(), 2021, {CohortOf(2023, false)}, kToday), IsOk());
  EXPECT_THAT(CheckHistoryYear(Scsw(), 2020, {}, kToday), IsOk());
}

TEST(HistoryYearTest, ImportedCohortsMayBeLaterOrEarlier) {
  EXPECT_THAT(CheckHistoryYear(Scsw(), 2022,
                               {CohortOf(2020, true), CohortOf(2021, true), CohortOf(2023, false)},
                               kToday),
              IsOk());
}

TEST(HistoryYearTest, TheCurrentYearIsAccepted) {
  EXPECT_THAT(CheckHistoryYear(Scsw(), 2023, {}, kToday), IsOk());
}

TEST(HistoryYearTest, AFutureYearIsRefused) {
  EXPECT_THAT(CheckHistoryYear(Scsw(), 2024, {}, kToday),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       "the cohort of 2024 has not run yet: only a past cohort can be imported; "
                       "create a cohort that runs here with 'talentctl cohort create'"));
}

TEST(HistoryYearTest, AYearAfterACohortRunHereIsRefused) {
  EXPECT_THAT(CheckHistoryYear(Scsw(), 2022, {CohortOf(2021, false)}, kToday),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       "programme SCSW has run cohort 2021 here; history can be imported only "
                       "for years before it"));
}

TEST(HistoryYearTest, AYearWithACohortAlreadyExists) {
  EXPECT_THAT(CheckHistoryYear(Scsw(), 2021, {CohortOf(2021, true)}, kToday),
              StatusIs(absl::StatusCode::kAlreadyExists,
                       "cohort SCSW/2021 already exists (imported earlier); nothing was "
                       "imported"));
  EXPECT_THAT(CheckHistoryYear(Scsw(), 2021, {CohortOf(2021, false)}, kToday),
              StatusIs(absl::StatusCode::kAlreadyExists,
                       "cohort SCSW/2021 already exists; nothing was imported"));
}

TEST(HistoryYearTest, AYearOutsideTheProgrammeIsInvalid) {
  EXPECT_THAT(CheckHistoryYear(Scsw(), 2019, {}, kToday),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "year 2019 is outside programme SCSW's years (2020–2030)"));
}

TEST(HistoryRowTest, ACertifiedRowCarriesItsPaperCertificate) {
  HistoryPerson person;
  std::vector<FieldError> errors;
  ASSERT_TRUE(ParseHistoryRow(Certified(1, "管理类", "scsw-2021-m004"), "SCSW", 2021, kToday,
                              &person, &errors));
  EXPECT_EQ(person.outcome, Stage::kCertified);
  EXPECT_EQ(person.applicant.track, Track::kManagement);
  EXPECT_EQ(person.applicant.person.national_id, Id(1));
  EXPECT_EQ(person.certificate_number, "SCSW-2021-M004");
  EXPECT_EQ(person.sequence, 4);
  EXPECT_EQ(person.issue_date, (common::Date{2021, 12, 20}));
  EXPECT_EQ(person.final_score, 9350);
}

TEST(HistoryRowTest, OutcomesInEitherLanguage) {
  const std::vector<std::pair<std::string, Stage>> cases = {
      {"结业", Stage::kCompleted},      {"completed", Stage::kCompleted},
      {"淘汰", Stage::kEliminated},     {"ELIMINATED", Stage::kEliminated},
      {"退出", Stage::kWithdrawn},      {"withdrawn", Stage::kWithdrawn},
      {"STAGE_WITHDRAWN", Stage::kWithdrawn}};
  for (const auto& [text, stage] : cases) {
    HistoryPerson person;
    std::vector<FieldError> errors;
    ASSERT_TRUE(ParseHistoryRow(Other(1, text), "SCSW", 2021, kToday, &person, &errors)) << text;
    EXPECT_EQ(person.outcome, stage) << text;
  }
  HistoryInput in = Certified(1, "service", "SCSW-2021-S001");
  in.outcome = "认定";
  EXPECT_THAT(Problems(in), IsEmpty());
  in.outcome = "certified";
  EXPECT_THAT(Problems(in), IsEmpty());
  in.issue_date = "2021/12/20";
  EXPECT_THAT(Problems(in), IsEmpty());
}

TEST(HistoryRowTest, AnActiveOrUnknownOutcomeIsRefused) {
  EXPECT_THAT(Problems(Other(1, "培养中")),
              ElementsAre("outcome: outcome \"培养中\" is not one of a closed cohort's: 已认定, "
                          "结业, 淘汰, 退出 (certified, completed, eliminated, withdrawn)"));
  EXPECT_THAT(Problems(Other(1, "")),
              ElementsAre("outcome: outcome is required: 已认定, 结业, 淘汰 or 退出 (certified, "
                          "completed, eliminated, withdrawn)"));
}

TEST(HistoryRowTest, CertifiedWithoutNumberDateOrScoreIsRefused) {
  HistoryInput in = Certified(1, "服务类", "");
  in.issue_date.clear();
  in.final_score.clear();
  EXPECT_THAT(Problems(in),
              ElementsAre("certificate_number: certificate_number is required for the certified: "
                          "the paper certificate's number",
                          "issue_date: issue_date is required for the certified: the date on the "
                          "paper certificate, YYYY-MM-DD",
                          "final_score: final_score is required for the certified: the score on "
                          "the paper certificate, e.g. 92.5"));
}

TEST(HistoryRowTest, ANumberWithoutCertificationIsRefused) {
  HistoryInput in = Certified(1, "服务类", "SCSW-2021-S001");
  in.outcome = "结业";
  EXPECT_THAT(Problems(in),
              ElementsAre("certificate_number: only the certified have a certificate_number; "
                          "this row is completed",
                          "issue_date: only the certified have an issue_date; this row is "
                          "completed",
                          "final_score: only the certified have a final_score; this row is "
                          "completed"));
}

TEST(HistoryRowTest, ANumberOfAnotherYearTrackOrProgrammeIsRefused) {
  EXPECT_THAT(Problems(Certified(1, "服务类", "SCSW-2022-S001")),
              ElementsAre("certificate_number: certificate_number must be this programme's "
                          "number of 2021 for the service track, e.g. SCSW-2021-S001, got "
                          "\"SCSW-2022-S001\""));
  EXPECT_THAT(Problems(Certified(1, "服务类", "GDSW-2021-S001")),
              ElementsAre("certificate_number: certificate_number must be this programme's "
                          "number of 2021 for the service track, e.g. SCSW-2021-S001, got "
                          "\"GDSW-2021-S001\""));
  EXPECT_THAT(Problems(Certified(1, "服务类", "SCSW-2021-M001")),
              ElementsAre("certificate_number: certificate_number SCSW-2021-M001 is not of the "
                          "row's track (service numbers have S, e.g. SCSW-2021-S001)"));
  EXPECT_THAT(Problems(Certified(1, "服务类", "SCSW-2021-S01")),
              ElementsAre("certificate_number: certificate_number SCSW-2021-S01 must end in a "
                          "sequence of three digits from 001, e.g. SCSW-2021-S001"));
  EXPECT_THAT(Problems(Certified(1, "服务类", "SCSW-2021-S000")),
              ElementsAre("certificate_number: certificate_number SCSW-2021-S000 must end in a "
                          "sequence of three digits from 001, e.g. SCSW-2021-S001"));
}

TEST(HistoryRowTest, ADateOrScoreOutOfRangeIsRefused) {
  HistoryInput in = Certified(1, "服务类", "SCSW-2021-S001");
  in.issue_date = "2020-12-31";
  in.final_score = "100.01";
  EXPECT_THAT(Problems(in),
              ElementsAre("issue_date: issue_date 2020-12-31 must lie between 2021-01-01 and "
                          "today",
                          "final_score: final_score must be 0–100 with at most two decimals, got "
                          "\"100.01\""));
  in.issue_date = "2023-06-02";  // tomorrow
  in.final_score = "92.345";
  EXPECT_THAT(Problems(in),
              ElementsAre("issue_date: issue_date 2023-06-02 must lie between 2021-01-01 and "
                          "today",
                          "final_score: final_score must be 0–100 with at most two decimals, got "
                          "\"92.345\""));
  in.issue_date = "2021-02-30";
  in.final_score = "92";
  EXPECT_THAT(Problems(in), ElementsAre("issue_date: issue_date must be a real date, YYYY-MM-DD, "
                                        "got \"2021-02-30\""));
}

TEST(HistoryRowTest, ThePersonIsCheckedAsAnApplicantIs) {
  HistoryInput in = Certified(1, "服务类", "SCSW-2021-S001");
  in.national_id.back() = in.national_id.back() == '0' ? '1' : '0';
  in.organisation.clear();
  std::vector<std::string> problems = Problems(in);
  ASSERT_EQ(problems.size(), 2u) << problems[0] << " / " << problems.back();
  EXPECT_THAT(problems[0], HasSubstr("national_id: "));
  EXPECT_THAT(problems[0], HasSubstr("check"));
  EXPECT_THAT(problems[1], HasSubstr("organisation: "));
}

TEST(HistoryRowTest, AnUnknownTrackSkipsTheNumberCheck) {
  EXPECT_THAT(Problems(Certified(1, "志愿类", "SCSW-2021-S001")),
              ElementsAre("track: track \"志愿类\" is not one of 服务类, 管理类, 教育与研究类 "
                          "(service, management, education-research)"));
}

TEST(HistoryPersonTest, APersonCertifiedByTheProgrammeIsNeverEnrolledAgain) {
  std::vector<FieldError> errors;
  EXPECT_FALSE(CheckHistoryPerson({{7, 2020, Stage::kCertified}}, 2021, Stage::kEliminated,
                                  &errors));
  EXPECT_THAT(errors, ElementsAre(Field(&FieldError::reason,
                                        "this person was certified by the programme in cohort "
                                        "2020 (enrolment 7) and cannot be enrolled again")));
  EXPECT_EQ(errors[0].column, "national_id");
}

TEST(HistoryPersonTest, CertifyingSomeoneEnrolledLaterIsRefused) {
  std::vector<FieldError> errors;
  EXPECT_FALSE(CheckHistoryPerson({{9, 2023, Stage::kActive}}, 2021, Stage::kCertified, &errors));
  EXPECT_THAT(errors, ElementsAre(Field(&FieldError::reason,
                                        "this row certifies a person enrolled later, in cohort "
                                        "2023 (enrolment 9): a certified person is never "
                                        "enrolled again")));
}

TEST(HistoryPersonTest, EarlierAndLaterUncertifiedEnrolmentsAreFine) {
  std::vector<FieldError> errors;
  EXPECT_TRUE(CheckHistoryPerson({{3, 2020, Stage::kEliminated}, {9, 2023, Stage::kActive}}, 2021,
                                 Stage::kCompleted, &errors));
  EXPECT_TRUE(CheckHistoryPerson({{3, 2020, Stage::kWithdrawn}}, 2021, Stage::kCertified,
                                 &errors));
  EXPECT_THAT(errors, IsEmpty());
}

TEST(HistoryFiguresTest, CountsAsProgressDoes) {
  std::vector<HistoryPerson> people(5);
  people[0].applicant.track = Track::kService;
  people[0].outcome = Stage::kCertified;
  people[1].applicant.track = Track::kService;
  people[1].outcome = Stage::kWithdrawn;
  people[2].applicant.track = Track::kManagement;
  people[2].outcome = Stage::kEliminated;
  people[3].applicant.track = Track::kManagement;
  people[3].outcome = Stage::kCompleted;
  people[4].applicant.track = Track::kEducationResearch;
  people[4].outcome = Stage::kCertified;
  YearFigures y = HistoryFigures(2021, people);
  EXPECT_EQ(y.year, 2021);
  EXPECT_TRUE(y.has_cohort);
  EXPECT_EQ(y.state, CohortState::kClosed);
  EXPECT_EQ(y.service.selected, 1);  // the withdrawn are not counted as selected
  EXPECT_EQ(y.service.certified, 1);
  EXPECT_EQ(y.management.selected, 2);
  EXPECT_EQ(y.management.eliminated, 1);
  EXPECT_EQ(y.education_research.certified, 1);
  EXPECT_EQ(y.certified(), 2);
}

}  // namespace
}  // namespace talent::domain
