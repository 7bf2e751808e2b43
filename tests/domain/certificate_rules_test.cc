// Rules 8 and 12 on plain values: certificate numbers, when certificates
// may be issued, revocation, the issue date in China Standard Time, and a
// programme's progress and pace.
#include "server/domain/certificate_rules.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace talent::domain {
namespace {

using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Optional;

TEST(CertificateNumberTest, FollowsPrefixYearTrackAndThreeDigitSequence) {
  EXPECT_EQ(FormatCertificateNumber("SCSW", 2023, Track::kService, 1), "SCSW-2023-S001");
  EXPECT_EQ(FormatCertificateNumber("SCSW", 2023, Track::kManagement, 42), "SCSW-2023-M042");
  EXPECT_EQ(FormatCertificateNumber("GD9", 2031, Track::kEducationResearch, 999),
            "GD9-2031-E999");
  // More than 999 in a track and year takes a fourth digit; still unique.
  EXPECT_EQ(FormatCertificateNumber("SCSW", 2023, Track::kService, 1000), "SCSW-2023-S1000");
}

TEST(CertificateNumberTest, NormalisesWhatPeopleType) {
  EXPECT_THAT(NormaliseCertificateNumber("  scsw-2023-s001 "), Optional(std::string("SCSW-2023-S001")));
  EXPECT_THAT(NormaliseCertificateNumber("SCSW-2023-E1000"), Optional(std::string("SCSW-2023-E1000")));
  for (const char* bad : {"", "SCSW", "SCSW-2023", "SCSW-23-S001", "SCSW-2023-X001",
                          "SCSW-2023-S01", "SCSW-2023-S00A", "1SCSW-2023-S001", "S-2023-S001",
                          "SCSW-2023-S001-1", "SC SW-2023-S001", "证书-2023-S001"}) {
    EXPECT_EQ(NormaliseCertificateNumber(bad), std::nullopt) << bad;
  }
}

TEST(CertificateNumberTest, TheLongestNumberIsTwentyFiveCharacters) {
  const std::string longest = "ABCDEFGHIJKL-2023-S123456";
  ASSERT_EQ(longest.size(), kMaxCertificateNumberLength);
  EXPECT_THAT(NormaliseCertificateNumber(longest), Optional(longest));
  EXPECT_EQ(NormaliseCertificateNumber("ABCDEFGHIJKLM-2023-S123456"), std::nullopt);
  EXPECT_EQ(NormaliseCertificateNumber("ABCDEFGHIJKL-2023-S1234567"), std::nullopt);
  EXPECT_EQ(FormatCertificateNumber("ABCDEFGHIJKL", 2023, Track::kService, 999999),
            "ABCDEFGHIJKL-2023-S999999");
}

TEST(ChinaDateTest, IsTheCalendarDateInChinaStandardTime) {
  // 1702310400 is 2023-12-11T16:00:00Z: midnight starting 12 December in Beijing.
  EXPECT_EQ(ChinaDate(1702310400 - 1), "2023-12-11");  // 23:59:59 CST
  EXPECT_EQ(ChinaDate(1702310400), "2023-12-12");      // though still the 11th in UTC
  EXPECT_EQ(ChinaDate(1702310400 + 8 * 3600), "2023-12-12");
  EXPECT_EQ(ChinaDate(1702310400 + 24 * 3600 - 1), "2023-12-12");
  EXPECT_EQ(ChinaDate(1702310400 + 24 * 3600), "2023-12-13");
}

Cohort ClosedCohort() {
  Cohort c;
  c.programme_code = "SCSW";
  c.year = 2023;
  c.state = CohortState::kClosed;
  return c;
}

Round MakeRound(int position, bool final, RoundState state) {
  Round r;
  r.name = final ? "年度考核" : "中期考核";
  r.position = position;
  r.final = final;
  r.state = state;
  return r;
}

TEST(CheckIssueCertificatesTest, NeedsAConfirmedFinalRound) {
  Cohort cohort = ClosedCohort();
  EXPECT_THAT(CheckIssueCertificates(cohort, {}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("no final round")));
  EXPECT_THAT(CheckIssueCertificates(cohort, {MakeRound(1, false, RoundState::kConfirmed)}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("no final round")));
  for (RoundState state : {RoundState::kDraft, RoundState::kOpen, RoundState::kScored,
                           RoundState::kNotice}) {
    EXPECT_THAT(CheckIssueCertificates(cohort, {MakeRound(1, false, RoundState::kConfirmed),
                                                MakeRound(2, true, state)}),
                StatusIs(absl::StatusCode::kFailedPrecondition,
                         HasSubstr("final round of cohort SCSW 2023 (年度考核)")));
  }
  EXPECT_THAT(CheckIssueCertificates(cohort, {MakeRound(1, false, RoundState::kConfirmed),
                                              MakeRound(2, true, RoundState::kConfirmed)}),
              IsOk());
}

TEST(CheckRevokeCertificateTest, NeedsAReasonAndRevokesOnce) {
  std::string reason = "  申报材料不实\u3000";
  EXPECT_THAT(CheckRevokeCertificate(false, &reason), IsOk());
  EXPECT_EQ(reason, "申报材料不实");
  std::string empty = " ";
  EXPECT_THAT(CheckRevokeCertificate(false, &empty),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("reason")));
  std::string long_reason(501, 'x');
  EXPECT_THAT(CheckRevokeCertificate(false, &long_reason),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("reason")));
  std::string again = "再次撤销";
  EXPECT_THAT(CheckRevokeCertificate(true, &again),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("already revoked")));
}

Programme TenYears() {
  Programme p;
  p.code = "SCSW";
  p.start_year = 2023;
  p.end_year = 2032;
  p.talent_target = 300;
  return p;
}

YearFigures Year(int year, CohortState state, int service, int management, int education) {
  YearFigures y;
  y.year = year;
  y.has_cohort = true;
  y.state = state;
  y.service.certified = service;
  y.management.certified = management;
  y.education_research.certified = education;
  return y;
}

TEST(ComputeProgressTest, NoClosedCohortYetSpreadsTheTargetOverEveryYear) {
  ProgrammeProgress p = ComputeProgress(TenYears(), {});
  ASSERT_EQ(p.years.size(), 10u);
  EXPECT_EQ(p.years.front().year, 2023);
  EXPECT_EQ(p.years.back().year, 2032);
  EXPECT_FALSE(p.years.front().has_cohort);
  EXPECT_EQ(p.certified, 0);
  EXPECT_EQ(p.years_counted, 0);
  EXPECT_EQ(p.projected, 0);
  EXPECT_FALSE(p.on_track);
  EXPECT_EQ(p.remaining_years, 10);
  EXPECT_EQ(p.needed_per_year, 30);
}

TEST(ComputeProgressTest, JudgesThePaceOverTheYearsUpToTheLatestClosedCohort) {
  // 2023 closed with 5 (3 S, 1 M, 1 E); 2024 closed with 31; 2025 still
  // cultivating; a cohort outside the programme's years is ignored.
  ProgrammeProgress p = ComputeProgress(
      TenYears(), {Year(2023, CohortState::kClosed, 3, 1, 1),
                   Year(2024, CohortState::kClosed, 15, 10, 6),
                   Year(2025, CohortState::kCultivating, 0, 0, 0),
                   Year(2040, CohortState::kClosed, 99, 99, 99)});
  EXPECT_EQ(p.certified, 36);
  EXPECT_EQ(p.years[0].cumulative_certified, 5);
  EXPECT_EQ(p.years[1].cumulative_certified, 36);
  EXPECT_EQ(p.years[2].cumulative_certified, 36);
  EXPECT_EQ(p.years[9].cumulative_certified, 36);
  EXPECT_EQ(p.years_counted, 2);
  EXPECT_EQ(p.last_counted_year, 2024);
  EXPECT_EQ(p.projected, 180);  // 36 × 10 / 2
  EXPECT_FALSE(p.on_track);
  EXPECT_EQ(p.remaining_years, 8);
  EXPECT_EQ(p.needed_per_year, 33);  // 264 / 8
}

TEST(ComputeProgressTest, OnTrackWhenThePaceReachesTheTargetExactly) {
  ProgrammeProgress p = ComputeProgress(
      TenYears(), {Year(2023, CohortState::kClosed, 10, 10, 10)});
  EXPECT_EQ(p.projected, 300);
  EXPECT_TRUE(p.on_track);
  EXPECT_EQ(p.needed_per_year, 30);  // 270 over 9
  ProgrammeProgress short_by_one = ComputeProgress(
      TenYears(), {Year(2023, CohortState::kClosed, 10, 10, 9)});
  EXPECT_EQ(short_by_one.projected, 290);
  EXPECT_FALSE(short_by_one.on_track);
  EXPECT_EQ(short_by_one.needed_per_year, 31);  // 271 / 9 = 30.1, rounded up
}

TEST(ComputeProgressTest, WhenTheLastYearHasClosedNoYearRemains) {
  std::vector<YearFigures> years;
  for (int year = 2023; year <= 2032; ++year) {
    years.push_back(Year(year, CohortState::kClosed, 10, 10, 9));
  }
  ProgrammeProgress p = ComputeProgress(TenYears(), years);
  EXPECT_EQ(p.certified, 290);
  EXPECT_EQ(p.years_counted, 10);
  EXPECT_EQ(p.projected, 290);
  EXPECT_FALSE(p.on_track);
  EXPECT_EQ(p.remaining_years, 0);
  EXPECT_EQ(p.needed_per_year, 0);  // nothing can be done any more
}

TEST(ComputeProgressTest, TargetReachedNeedsNothingMore) {
  Programme p = TenYears();
  p.talent_target = 20;
  ProgrammeProgress progress = ComputeProgress(p, {Year(2023, CohortState::kClosed, 10, 10, 5)});
  EXPECT_TRUE(progress.on_track);
  EXPECT_EQ(progress.needed_per_year, 0);
}

}  // namespace
}  // namespace talent::domain
