// The worked examples of docs/rules.md, one test each, named after the
// example. Every number the document states is asserted here exactly
// (integer tenths and hundredths, ratings, ranks, flags), so the document
// and the rules cannot drift apart: change one, and this fails until the
// other agrees.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/fixed_point.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/domain/assessment_rules.h"
#include "server/domain/certificate_rules.h"
#include "server/domain/enrolment_rules.h"
#include "server/domain/results.h"
#include "server/domain/round_rules.h"
#include "server/domain/rubric.h"
#include "server/domain/types.h"
#include "tests/domain/results_builders.h"
#include "tests/testing/status_matchers.h"

namespace talent::domain {
namespace {

using ::talent::testing::Absent;
using ::talent::testing::Compute;
using ::talent::testing::Find;
using ::talent::testing::IsOk;
using ::talent::testing::kMax;
using ::talent::testing::Order;
using ::talent::testing::Ranks;
using ::talent::testing::Sheet;
using ::talent::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr absl::StatusCode kPrecondition = absl::StatusCode::kFailedPrecondition;

// A default-rubric sheet adding up to `total` tenths, spread in proportion
// to the maxima, with ethics at 9.0 or more: the examples that only state a
// total never touch the veto. (Not SheetWithTotal, which keeps ethics at
// 12.0: the examples' criteria, and so their tie-breaks, follow this spread.)
Sheet Spread(int64_t total) {
  Sheet sheet(6, 0);
  sheet[5] = std::min<int64_t>(150, std::max<int64_t>(90, total * 150 / 1000));
  const int64_t rest = total - sheet[5];
  int64_t given = 0;
  for (int i = 0; i < 5; ++i) {
    sheet[i] = rest * kMax[i] / 850;
    given += sheet[i];
  }
  for (int i = 0; given < rest; i = (i + 1) % 5) {
    if (sheet[i] < kMax[i]) {
      ++sheet[i];
      ++given;
    }
  }
  return sheet;
}

RoundInput Scored(int64_t id, std::vector<Sheet> sheets,
                  Rating previous = Rating::kUnspecified) {
  RoundInput input;
  input.enrolment_id = id;
  input.sheets = std::move(sheets);
  input.previous_rating = previous;
  return input;
}

// Three identical sheets adding up to `total`: the score is total × 10.
RoundInput Uniform(int64_t id, int64_t total, Rating previous = Rating::kUnspecified) {
  return Scored(id, {Spread(total), Spread(total), Spread(total)}, previous);
}

// Ratings compared by name, so a failure says which.
std::string RatingOf(const RoundOutcome& outcome, int64_t id) {
  return RatingKey(Find(outcome, id).rating);
}

// §3.1: five sheets, the highest and the lowest total dropped; each
// criterion on its own; a spread of exactly 20.0 is not flagged.
TEST(WorkedExamplesTest, Example1TrimmedMeanOfFiveSheets) {
  RoundOutcome outcome = Compute({Scored(1, {
                                                {135, 140, 180, 175, 130, 140},  // A 90.0
                                                {120, 130, 170, 160, 125, 135},  // B 84.0
                                                {145, 145, 195, 190, 145, 150},  // C 97.0
                                                {110, 120, 150, 155, 115, 120},  // D 77.0
                                                {130, 135, 185, 170, 135, 140},  // E 89.5
                                            })});
  RoundResult r = Find(outcome, 1);
  EXPECT_EQ(r.sheets, 5);
  EXPECT_EQ(r.score, 8783);  // (84.0 + 89.5 + 90.0) / 3 = 87.833…
  EXPECT_THAT(r.criteria, ElementsAre(1283, 1350, 1783, 1683, 1300, 1383));
  int64_t sum_of_criteria = 0;
  for (int64_t c : r.criteria) sum_of_criteria += c;
  EXPECT_EQ(sum_of_criteria, 8782);  // not the score: each is rounded on its own
  EXPECT_EQ(r.spread, 200);
  EXPECT_FALSE(r.disagreement);
  EXPECT_FALSE(r.veto);
  EXPECT_EQ(RatingKey(r.rating), std::string("RATING_GOOD"));
  EXPECT_EQ(r.rank, 1);
  EXPECT_FALSE(r.eliminated);
}

// §3.1 and §1: the three methods on the same totals; the mean of 340.1 / 4
// rounds half away from zero.
TEST(WorkedExamplesTest, Example2MethodsComparedAndRounding) {
  const std::vector<int64_t> five = {900, 840, 970, 770, 895};
  EXPECT_EQ(Aggregate(Aggregation::kTrimmedMean, five), 8783);
  EXPECT_EQ(Aggregate(Aggregation::kMean, five), 8750);
  EXPECT_EQ(Aggregate(Aggregation::kMedian, five), 8950);

  const std::vector<int64_t> four = {851, 840, 860, 850};
  EXPECT_EQ(Aggregate(Aggregation::kTrimmedMean, four), 8503);  // 85.025 → 85.03
  EXPECT_EQ(Aggregate(Aggregation::kMean, four), 8503);
  EXPECT_EQ(Aggregate(Aggregation::kMedian, four), 8505);  // (85.0 + 85.1) / 2

  EXPECT_EQ(common::DivideRounded(34010, 4), 8503);
  EXPECT_EQ(common::DivideRounded(-34010, 4), -8503);
}

// §3.2: fewer submitted sheets than the minimum give no result; an absent
// enrolment needs none.
TEST(WorkedExamplesTest, Example3TooFewSheetsGiveNoResult) {
  AssessmentRules rules;  // min_sheets 3
  std::vector<RoundInput> inputs = {Scored(7, {Spread(800), Spread(820)}), Absent(8, false)};
  EXPECT_THAT(ComputeRound(DefaultRubric(), rules, inputs),
              StatusIs(kPrecondition, AllOf(HasSubstr("enrolment 7 has 2 submitted sheet(s)"),
                                            HasSubstr("mark it absent"))));

  inputs[0] = Absent(7, true);
  RoundOutcome outcome = Compute(inputs, rules);
  EXPECT_EQ(outcome.assessed, 0);
  EXPECT_TRUE(Find(outcome, 7).absent);

  rules.min_sheets = 2;
  inputs[0] = Scored(7, {Spread(800), Spread(820)});
  EXPECT_EQ(Find(Compute(inputs, rules), 7).score, 8100);
}

// §3.4: totals spreading more than 20.0 points are flagged; 20.0 is not.
TEST(WorkedExamplesTest, Example4DisagreementFlag) {
  RoundOutcome outcome = Compute({Scored(1, {Spread(700), Spread(800), Spread(901)}),
                                  Scored(2, {Spread(700), Spread(800), Spread(900)})});
  RoundResult flagged = Find(outcome, 1);
  EXPECT_EQ(flagged.spread, 201);
  EXPECT_TRUE(flagged.disagreement);
  EXPECT_EQ(flagged.score, 8003);  // 240.1 / 3 = 80.033…
  EXPECT_EQ(RatingOf(outcome, 1), "RATING_GOOD");

  RoundResult quiet = Find(outcome, 2);
  EXPECT_EQ(quiet.spread, 200);
  EXPECT_FALSE(quiet.disagreement);
  EXPECT_EQ(quiet.score, 8000);
}

// §4: each band includes its lower bound.
TEST(WorkedExamplesTest, Example5BandsAtTheirBounds) {
  RoundOutcome outcome = Compute({Uniform(1, 900), Uniform(2, 899), Uniform(3, 800),
                                  Uniform(4, 799), Uniform(5, 600), Uniform(6, 599)});
  EXPECT_EQ(Find(outcome, 1).score, 9000);
  EXPECT_EQ(Find(outcome, 2).score, 8990);
  EXPECT_EQ(Find(outcome, 6).score, 5990);
  EXPECT_EQ(RatingOf(outcome, 1), "RATING_EXCELLENT");
  EXPECT_EQ(RatingOf(outcome, 2), "RATING_GOOD");
  EXPECT_EQ(RatingOf(outcome, 3), "RATING_GOOD");
  EXPECT_EQ(RatingOf(outcome, 4), "RATING_PASS");
  EXPECT_EQ(RatingOf(outcome, 5), "RATING_PASS");
  EXPECT_EQ(RatingOf(outcome, 6), "RATING_FAIL");
  EXPECT_THAT(Ranks(outcome), ElementsAre(1, 2, 3, 4, 5, 6));
  EXPECT_TRUE(Find(outcome, 6).eliminated);
  EXPECT_EQ(Find(outcome, 6).elimination_reason, "rated fail");
  EXPECT_FALSE(Find(outcome, 5).eliminated);
}

// §5: ethics aggregated at exactly 60 % of 15.0 passes; 8.97 is vetoed,
// and the vetoed enrolment keeps the rank of its score.
TEST(WorkedExamplesTest, Example6VetoAtSixtyPercentOfEthics) {
  RoundOutcome outcome = Compute({
      Scored(1, {{150, 150, 200, 200, 150, 80},     // 93.0
                 {150, 145, 200, 195, 150, 90},     // 93.0
                 {145, 150, 195, 200, 145, 100}}),  // 93.5
      Scored(2, {{150, 150, 200, 200, 150, 80},     // 93.0
                 {150, 145, 200, 195, 150, 90},     // 93.0
                 {145, 150, 195, 200, 145, 99}}),   // 93.4
  });
  RoundResult kept = Find(outcome, 1);
  EXPECT_EQ(kept.score, 9317);
  EXPECT_EQ(kept.criteria[5], 900);
  EXPECT_FALSE(kept.veto);
  EXPECT_EQ(RatingOf(outcome, 1), "RATING_EXCELLENT");
  EXPECT_EQ(kept.rank, 1);

  RoundResult vetoed = Find(outcome, 2);
  EXPECT_EQ(vetoed.score, 9313);
  EXPECT_EQ(vetoed.criteria[5], 897);
  EXPECT_TRUE(vetoed.veto);
  EXPECT_EQ(RatingOf(outcome, 2), "RATING_FAIL");
  EXPECT_EQ(vetoed.rank, 2);
  EXPECT_TRUE(vetoed.eliminated);
  EXPECT_EQ(vetoed.elimination_reason, "rated fail by the veto criterion");
}

// §6.1: equal scores are ordered by the criteria in rubric order; equal
// keys share a rank (1, 2, 2, 4).
TEST(WorkedExamplesTest, Example7RankingKeyAndSharedRanks) {
  const Sheet x = {140, 130, 190, 180, 140, 150};  // 93.0
  const Sheet y = {135, 140, 190, 180, 135, 150};  // 93.0
  const Sheet z = {140, 130, 190, 185, 135, 150};  // 93.0
  RoundOutcome outcome =
      Compute({Scored(1, {x, x, x}), Scored(2, {x, x, x}), Scored(3, {y, y, y}),
               Scored(4, {z, z, z})});
  for (int64_t id : {1, 2, 3, 4}) {
    EXPECT_EQ(Find(outcome, id).score, 9300);
    EXPECT_EQ(RatingOf(outcome, id), "RATING_EXCELLENT");
  }
  EXPECT_THAT(Find(outcome, 4).criteria, ElementsAre(1400, 1300, 1900, 1850, 1350, 1500));
  EXPECT_THAT(Find(outcome, 1).criteria, ElementsAre(1400, 1300, 1900, 1800, 1400, 1500));
  EXPECT_THAT(Find(outcome, 3).criteria, ElementsAre(1350, 1400, 1900, 1800, 1350, 1500));
  EXPECT_THAT(Order(outcome), ElementsAre(4, 1, 2, 3));
  EXPECT_THAT(Ranks(outcome), ElementsAre(1, 2, 2, 4));
}

// §6.2–6.3: ten assessed, five qualify; the cap at 15 %, 20 % and 30 %.
TEST(WorkedExamplesTest, Example8ExcellentCapWithATieAcrossIt) {
  // Enrolments 2 and 3 have identical sheets: the same key.
  const std::vector<RoundInput> inputs = {
      Uniform(1, 960), Uniform(2, 940), Uniform(3, 940), Uniform(4, 920), Uniform(5, 900),
      Uniform(6, 880), Uniform(7, 840), Uniform(8, 780), Uniform(9, 720), Uniform(10, 660)};
  AssessmentRules rules;

  rules.excellent_cap_percent = 20;
  RoundOutcome at20 = Compute(inputs, rules);
  EXPECT_EQ(at20.assessed, 10);
  EXPECT_EQ(at20.excellent_cap, 2);
  EXPECT_TRUE(at20.cap_exceeded_by_tie);
  EXPECT_THAT(Ranks(at20), ElementsAre(1, 2, 2, 4, 5, 6, 7, 8, 9, 10));
  EXPECT_EQ(RatingOf(at20, 1), "RATING_EXCELLENT");
  EXPECT_FALSE(Find(at20, 1).tie_over_cap);
  for (int64_t id : {2, 3}) {
    EXPECT_EQ(RatingOf(at20, id), "RATING_EXCELLENT");
    EXPECT_TRUE(Find(at20, id).tie_over_cap);
    EXPECT_FALSE(Find(at20, id).capped);
  }
  for (int64_t id : {4, 5}) {
    EXPECT_EQ(RatingOf(at20, id), "RATING_GOOD");
    EXPECT_TRUE(Find(at20, id).capped);
  }
  EXPECT_EQ(RatingOf(at20, 6), "RATING_GOOD");
  EXPECT_FALSE(Find(at20, 6).capped);
  EXPECT_EQ(RatingOf(at20, 8), "RATING_PASS");
  EXPECT_EQ(RatingOf(at20, 10), "RATING_PASS");

  rules.excellent_cap_percent = 30;
  RoundOutcome at30 = Compute(inputs, rules);
  EXPECT_EQ(at30.excellent_cap, 3);
  EXPECT_FALSE(at30.cap_exceeded_by_tie);
  for (int64_t id : {1, 2, 3}) {
    EXPECT_EQ(RatingOf(at30, id), "RATING_EXCELLENT");
    EXPECT_FALSE(Find(at30, id).tie_over_cap);
  }
  EXPECT_TRUE(Find(at30, 4).capped);
  EXPECT_TRUE(Find(at30, 5).capped);

  rules.excellent_cap_percent = 15;  // 1.5, rounded down
  RoundOutcome at15 = Compute(inputs, rules);
  EXPECT_EQ(at15.excellent_cap, 1);
  EXPECT_FALSE(at15.cap_exceeded_by_tie);
  EXPECT_EQ(RatingOf(at15, 1), "RATING_EXCELLENT");
  for (int64_t id : {2, 3, 4, 5}) {
    EXPECT_EQ(RatingOf(at15, id), "RATING_GOOD");
    EXPECT_TRUE(Find(at15, id).capped);
  }
}

// §7: fail, unexcused absence and two passes, with bottom k counting them.
TEST(WorkedExamplesTest, Example9EliminationRulesTogether) {
  const std::vector<RoundInput> inputs = {
      Uniform(1, 880), Uniform(2, 820), Uniform(3, 750, Rating::kPass),
      Uniform(4, 700, Rating::kGood), Uniform(5, 680), Uniform(6, 550),
      Absent(7, false), Absent(8, true)};
  AssessmentRules rules;  // fail and unexcused absence on by default
  rules.eliminate_two_pass = true;
  rules.eliminate_bottom_k = 4;
  RoundOutcome outcome = Compute(inputs, rules);

  EXPECT_EQ(outcome.assessed, 6);
  EXPECT_THAT(Order(outcome), ElementsAre(1, 2, 3, 4, 5, 6, 7, 8));
  EXPECT_THAT(Ranks(outcome), ElementsAre(1, 2, 3, 4, 5, 6, 0, 0));
  EXPECT_EQ(RatingOf(outcome, 3), "RATING_PASS");
  EXPECT_EQ(RatingOf(outcome, 6), "RATING_FAIL");
  EXPECT_EQ(RatingOf(outcome, 7), "RATING_UNSPECIFIED");

  EXPECT_EQ(Find(outcome, 3).elimination_reason, "pass in two consecutive rounds");
  EXPECT_EQ(Find(outcome, 6).elimination_reason, "rated fail");
  EXPECT_EQ(Find(outcome, 7).elimination_reason, "absent without an accepted excuse");
  EXPECT_EQ(Find(outcome, 5).elimination_reason, "in the bottom of the round");
  for (int64_t id : {3, 5, 6, 7}) EXPECT_TRUE(Find(outcome, id).eliminated) << id;
  for (int64_t id : {1, 2, 4, 8}) EXPECT_FALSE(Find(outcome, id).eliminated) << id;
  EXPECT_TRUE(Find(outcome, 8).excused);

  // With k = 3 the three the other rules removed fill it: nobody more goes.
  rules.eliminate_bottom_k = 3;
  RoundOutcome k3 = Compute(inputs, rules);
  EXPECT_FALSE(Find(k3, 5).eliminated);
  EXPECT_TRUE(Find(k3, 3).eliminated);
  EXPECT_TRUE(Find(k3, 6).eliminated);
  EXPECT_TRUE(Find(k3, 7).eliminated);
}

// §7: bottom 20 % of 11 is 2 (rounded down), larger than k = 1; the tie at
// the cut keeps both tied and flags them.
TEST(WorkedExamplesTest, Example10BottomPercentWithATieAtTheCut) {
  AssessmentRules rules;
  rules.eliminate_bottom_k = 1;
  rules.eliminate_bottom_percent = 20;
  RoundOutcome outcome = Compute(
      {Uniform(1, 900), Uniform(2, 880), Uniform(3, 860), Uniform(4, 840), Uniform(5, 820),
       Uniform(6, 800), Uniform(7, 780), Uniform(8, 760), Uniform(9, 720), Uniform(10, 720),
       Uniform(11, 700)},
      rules);
  EXPECT_EQ(outcome.assessed, 11);
  EXPECT_THAT(Ranks(outcome), ElementsAre(1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 11));
  EXPECT_TRUE(Find(outcome, 11).eliminated);
  EXPECT_EQ(Find(outcome, 11).elimination_reason, "in the bottom of the round");
  for (int64_t id : {9, 10}) {
    EXPECT_FALSE(Find(outcome, id).eliminated) << id;
    EXPECT_TRUE(Find(outcome, id).tie_at_cut) << id;
  }
  for (int64_t id = 1; id <= 8; ++id) {
    EXPECT_FALSE(Find(outcome, id).eliminated) << id;
    EXPECT_FALSE(Find(outcome, id).tie_at_cut) << id;
  }
}

// §8: certificate numbers.
TEST(WorkedExamplesTest, Example11CertificateNumbers) {
  EXPECT_EQ(FormatCertificateNumber("SCSW", 2023, Track::kService, 1), "SCSW-2023-S001");
  EXPECT_EQ(FormatCertificateNumber("SCSW", 2023, Track::kManagement, 12), "SCSW-2023-M012");
  EXPECT_EQ(FormatCertificateNumber("SCSW", 2023, Track::kEducationResearch, 3),
            "SCSW-2023-E003");
  EXPECT_EQ(FormatCertificateNumber("SCSW", 2023, Track::kService, 1000), "SCSW-2023-S1000");
  EXPECT_EQ(NormaliseCertificateNumber("  scsw-2023-s001 "),
            std::optional<std::string>("SCSW-2023-S001"));
  EXPECT_EQ(NormaliseCertificateNumber("SCSW-2023-X001"), std::nullopt);
}

// §9: selecting beyond a track's quota.
TEST(WorkedExamplesTest, Example12QuotaFull) {
  Cohort cohort;
  cohort.programme_code = "SCSW";
  cohort.year = 2023;
  cohort.state = CohortState::kEnrolling;
  cohort.quotas = {10, 10, 10};
  cohort.selected = {10, 9, 0};
  Enrolment e;
  e.id = 31;
  e.person.full_name = "王芳";
  e.stage = Stage::kRecommended;

  e.track = Track::kService;
  EXPECT_THAT(CheckSelect(e, cohort),
              StatusIs(kPrecondition, HasSubstr("track service is full: quota 10, selected 10")));
  e.track = Track::kManagement;
  EXPECT_THAT(CheckSelect(e, cohort), IsOk());
}

// §10: a five-day notice from 2024-06-03 09:00 China Standard Time.
TEST(WorkedExamplesTest, Example13NoticeAndConfirmation) {
  constexpr int64_t kPublished = 1717376400;  // 2024-06-03T01:00:00Z
  Round round;
  round.name = "年度考核";
  round.final = true;
  round.state = RoundState::kScored;
  EXPECT_THAT(CheckRoundTransition(round, RoundState::kNotice), IsOk());
  round.state = RoundState::kNotice;
  round.notice_start = kPublished;
  round.notice_end = NoticeEnd(kPublished, 5);
  EXPECT_EQ(round.notice_end, 1717808400);  // 2024-06-08T01:00:00Z
  EXPECT_EQ(ChinaDate(round.notice_end), "2024-06-08");

  EXPECT_THAT(CheckConfirmRound(round, round.notice_end - 1, 0),
              StatusIs(kPrecondition, HasSubstr("confirm it after that")));
  EXPECT_THAT(CheckConfirmRound(round, round.notice_end, 1),
              StatusIs(kPrecondition, HasSubstr("1 appeal(s)")));
  EXPECT_THAT(CheckConfirmRound(round, round.notice_end, 0), IsOk());
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

// §12: three closed years of a ten-year programme aiming at 300.
TEST(WorkedExamplesTest, Example14ProgressAndPace) {
  Programme programme;
  programme.code = "SCSW";
  programme.start_year = 2020;
  programme.end_year = 2029;
  programme.talent_target = 300;
  ProgrammeProgress p = ComputeProgress(
      programme, {Year(2020, CohortState::kClosed, 9, 8, 8),
                  Year(2021, CohortState::kClosed, 10, 9, 9),
                  Year(2022, CohortState::kClosed, 10, 10, 10),
                  Year(2023, CohortState::kCultivating, 0, 0, 0)});
  ASSERT_EQ(p.years.size(), 10u);
  EXPECT_EQ(p.years[0].certified(), 25);
  EXPECT_EQ(p.years[1].cumulative_certified, 53);
  EXPECT_EQ(p.years[2].cumulative_certified, 83);
  EXPECT_EQ(p.certified, 83);
  EXPECT_EQ(p.years_counted, 3);
  EXPECT_EQ(p.last_counted_year, 2022);
  EXPECT_EQ(p.projected, 276);  // 83 × 10 / 3 = 276.7, rounded down
  EXPECT_FALSE(p.on_track);
  EXPECT_EQ(p.remaining_years, 7);
  EXPECT_EQ(p.needed_per_year, 31);  // 217 / 7, rounded up
}

}  // namespace
}  // namespace talent::domain
