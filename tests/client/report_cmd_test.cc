// Reports and certificates without a server: progress in words in both
// languages, ratings by track, the chart inputs, certificate rows and the
// printable certificate's text.
#include "client/report_cmd.h"

#include "client/cert_cmd.h"
#include "gtest/gtest.h"
#include "tests/client/captured_context.h"

namespace talent::client {
namespace {

v1::ProgrammeProgress Progress(int certified, int target) {
  v1::ProgrammeProgress p;
  p.set_start_year(2020);
  p.set_end_year(2030);
  p.set_certified(certified);
  p.set_target(target);
  return p;
}

TEST(ProgressTextTest, SummaryInEnglishAndChinese) {
  v1::ProgrammeProgress p = Progress(5, 300);
  EXPECT_EQ(ProgressSummary(common::Lang::kEnglish, p),
            "certified 5 of a target of 300 (2020–2030)");
  EXPECT_EQ(ProgressSummary(common::Lang::kChinese, p), "累计认定 5 / 目标 300（2020–2030）");
}

TEST(ProgressTextTest, TargetReached) {
  EXPECT_EQ(PaceSentence(common::Lang::kEnglish, Progress(300, 300)), "the target is reached");
  EXPECT_EQ(PaceSentence(common::Lang::kChinese, Progress(301, 300)), "目标已达成");
}

TEST(ProgressTextTest, YearsOverAndTargetMissed) {
  v1::ProgrammeProgress p = Progress(280, 300);
  EXPECT_EQ(PaceSentence(common::Lang::kEnglish, p),
            "the programme's years are over; the target was missed by 20");
  EXPECT_EQ(PaceSentence(common::Lang::kChinese, p), "项目年度已结束，距目标尚差 20 人");
}

TEST(ProgressTextTest, NoCohortClosedYet) {
  v1::ProgrammeProgress p = Progress(0, 300);
  p.set_remaining_years(8);
  p.set_needed_per_year(38);
  EXPECT_EQ(PaceSentence(common::Lang::kEnglish, p),
            "no cohort has closed yet; 38 a year are needed over 8 years");
  EXPECT_EQ(PaceSentence(common::Lang::kChinese, p), "尚无结业批次；每年需认定 38 人");
}

TEST(ProgressTextTest, BehindThePace) {
  v1::ProgrammeProgress p = Progress(20, 300);
  p.set_remaining_years(7);
  p.set_years_counted(1);
  p.set_last_counted_year(2023);
  p.set_projected(220);
  p.set_needed_per_year(40);
  EXPECT_EQ(PaceSentence(common::Lang::kEnglish, p),
            "at the pace up to 2023, 220 by 2030: behind; 40 a year are needed over the "
            "remaining 7 years");
  EXPECT_EQ(PaceSentence(common::Lang::kChinese, p),
            "按截至 2023 年的进度，到 2030 年预计 220 人，不能达到目标；其余 7 年每年需认定 40 人");
  p.set_on_track(true);
  EXPECT_EQ(PaceSentence(common::Lang::kEnglish, p),
            "at the pace up to 2023, 220 by 2030: on track");
}

TEST(ProgressTableTest, RowPerTrackAndATotalForYearsWithACohort) {
  CapturedContext captured("en");
  v1::ProgrammeProgress p = Progress(3, 300);
  p.add_years()->set_year(2020);  // no cohort: left out
  v1::YearProgress* y = p.add_years();
  y->set_year(2023);
  y->set_cohort_state(v1::COHORT_STATE_CLOSED);
  y->set_certified(3);
  v1::TrackFigures* t = y->add_tracks();
  t->set_track(v1::TRACK_SERVICE);
  t->set_selected(10);
  t->set_eliminated(2);
  t->set_certified(3);
  EXPECT_EQ(ProgressRows(captured.ctx(), p), (Rows{{"2023", "closed", "service", "10", "2", "3"},
                                                   {"2023", "", "total", "", "", "3"}}));
}

TEST(ProgressChartTest, CumulativeBarsUpToTheLastYearWithACohort) {
  CapturedContext captured("zh");
  v1::ProgrammeProgress p = Progress(5, 300);
  for (int year = 2020; year <= 2023; ++year) {
    v1::YearProgress* y = p.add_years();
    y->set_year(year);
    if (year == 2022) continue;  // no cohort that year
    y->set_cohort_state(v1::COHORT_STATE_CLOSED);
    for (int track = 1; track <= 3; ++track)
      y->add_tracks()->set_certified(year == 2023 ? 1 : track - 1);
  }
  render::ProgressChart chart = ProgressChartOf(captured.ctx(), "SCSW", p);
  EXPECT_EQ(chart.title, "SCSW 2020–2030：已认定 5 / 300");
  EXPECT_EQ(chart.series_labels, (std::vector<std::string>{"服务类", "管理类", "教育与研究类"}));
  EXPECT_EQ(chart.cumulative,
            (std::vector<std::vector<int>>{{0, 1, 2}, {0, 2, 4}, {0, 2, 4}, {1, 3, 5}}));
  EXPECT_EQ(chart.target_label, "目标 300");
}

v1::RoundResults Results() {
  v1::RoundResults results;
  auto add = [&](v1::Track track, v1::Rating rating, const char* score, bool absent) {
    v1::Result* r = results.add_results();
    r->set_track(track);
    r->set_rating(rating);
    r->set_score(score);
    r->set_absent(absent);
  };
  add(v1::TRACK_SERVICE, v1::RATING_EXCELLENT, "92.50", false);
  add(v1::TRACK_SERVICE, v1::RATING_GOOD, "85", false);
  add(v1::TRACK_SERVICE, v1::RATING_UNSPECIFIED, "", true);
  add(v1::TRACK_MANAGEMENT, v1::RATING_FAIL, "not a score", false);
  return results;
}

TEST(ReportCohortTest, RatingsByTrackWithAbsentLast) {
  CapturedContext captured("en");
  EXPECT_EQ(RatingsByTrack(captured.ctx(), Results()),
            (Rows{{"service", "1", "1", "0", "0", "1"},
                  {"management", "0", "0", "0", "1", "0"},
                  {"education-research", "0", "0", "0", "0", "0"}}));
}

TEST(ReportCohortTest, ScoresOfThosePresentInHundredths) {
  EXPECT_EQ(ScoresOf(Results()), (std::vector<int64_t>{9250, 8500}));
}

TEST(ReportCohortTest, ScoreChartTitleAndThresholds) {
  CapturedContext captured("en");
  v1::Round round;
  round.set_title("final");
  v1::RoundResults results = Results();
  results.set_assessed(3);
  v1::AssessmentRules rules;
  rules.set_pass_from("60");
  rules.set_good_from("80");
  rules.set_excellent_from("bad");
  render::ScoreChart chart =
      ScoreChartOf(captured.ctx(), "programmes/SCSW/cohorts/2023", round, results, rules);
  EXPECT_EQ(chart.title, "SCSW 2023 · final · confirmed (3 assessed)");
  ASSERT_EQ(chart.thresholds.size(), 2u);
  EXPECT_EQ(chart.thresholds[0].score_hundredths, 6000);
  EXPECT_EQ(chart.thresholds[0].label, "pass 60.00");
  EXPECT_EQ(chart.thresholds[1].label, "good 80.00");
  EXPECT_EQ(chart.scores_hundredths, (std::vector<int64_t>{9250, 8500}));
}

TEST(CertOutputTest, ExitCodesOfVerificationResults) {
  EXPECT_EQ(ExitCodeForResult(v1::VERIFICATION_RESULT_VALID), kExitOk);
  EXPECT_EQ(ExitCodeForResult(v1::VERIFICATION_RESULT_NOT_FOUND), kExitNotFound);
  EXPECT_EQ(ExitCodeForResult(v1::VERIFICATION_RESULT_REVOKED), kExitConflict);
  EXPECT_EQ(ExitCodeForResult(v1::VERIFICATION_RESULT_INVALID), kExitFailure);
}

v1::Certificate Certificate() {
  v1::Certificate c;
  c.set_number("SCSW-2023-S001");
  c.set_holder_name("张伟");
  c.set_track(v1::TRACK_SERVICE);
  c.set_final_score("92.35");
  c.set_rating(v1::RATING_EXCELLENT);
  c.set_programme_title("四川社会工作人才计划");
  c.set_programme_code("SCSW");
  c.set_cohort_year(2023);
  c.set_issue_date("2023-12-20");
  return c;
}

TEST(CertOutputTest, RowSaysRevoked) {
  CapturedContext captured("zh");
  v1::Certificate c = Certificate();
  c.set_revoke_time("2024-01-05");
  EXPECT_EQ(CertificateRow(captured.ctx(), c),
            (std::vector<std::string>{"SCSW-2023-S001", "张伟", "服务类", "92.35", "2023-12-20",
                                      "已撤销"}));
}

TEST(CertOutputTest, FieldsFollowTheLeadingOnesAndEndWithTheRevocation) {
  CapturedContext captured("en");
  v1::Certificate c = Certificate();
  c.set_revoke_time("2024-01-05");
  c.set_revoke_reason("forged record");
  Fields fields = CertificateFields(captured.ctx(), c, {{"H_RESULT", "revoked"}});
  ASSERT_EQ(fields.size(), 13u);
  EXPECT_EQ(fields[0].first, "H_RESULT");
  EXPECT_EQ(fields[5].second, "四川社会工作人才计划 (SCSW)");
  EXPECT_EQ(fields[12], (std::pair<std::string, std::string>{"H_REASON", "forged record"}));
}

TEST(CertPdfTest, BilingualTrackAndRating) {
  EXPECT_EQ(BilingualLabel("TRACK_EDUCATION_RESEARCH"), "教育与研究类 Education-research");
  render::CertificateArt art = CertificateArtOf(Certificate());
  EXPECT_EQ(art.title, "高层次社会工作专业人才");
  EXPECT_EQ(art.title_en, "High-Level Social Work Talent");
  EXPECT_EQ(art.track, "服务类 Service");
  EXPECT_EQ(art.rating, "优秀 Excellent");
  EXPECT_EQ(art.cohort, "2023");
  EXPECT_EQ(art.number, "SCSW-2023-S001");
}

}  // namespace
}  // namespace talent::client
