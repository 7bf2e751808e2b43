#include "server/domain/enrolment_rules.h"

#include <string>
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

const common::Date kToday{2023, 6, 1};

Cohort MakeCohort(CohortState state) {
  Cohort c;
  c.id = 3;
  c.programme_code = "SCSW";
  c.year = 2023;
  c.state = state;
  c.quotas = {10, 10, 10};
  return c;
}

Enrolment MakeEnrolment(Stage stage, Track track = Track::kService) {
  Enrolment e;
  e.id = 12;
  e.cohort_id = 3;
  e.programme_code = "SCSW";
  e.cohort_year = 2023;
  e.person.full_name = "张三";
  e.track = track;
  e.stage = stage;
  return e;
}

Recommendation MakeRecommendation(Level level) {
  Recommendation r;
  r.level = level;
  r.body = "成都市武侯区民政局";
  r.date = {2023, 5, 20};
  return r;
}

Recommendation Earlier(Level level) {
  Recommendation r = MakeRecommendation(level);
  r.recorded_by = "admin";
  return r;
}

// --- IsOpenStage -------------------------------------------------------------

TEST(IsOpenStageTest, AppliedRecommendedSelectedActiveAreOpen) {
  EXPECT_TRUE(IsOpenStage(Stage::kApplied));
  EXPECT_TRUE(IsOpenStage(Stage::kRecommended));
  EXPECT_TRUE(IsOpenStage(Stage::kSelected));
  EXPECT_TRUE(IsOpenStage(Stage::kActive));
}

TEST(IsOpenStageTest, FinishedStagesAreClosed) {
  EXPECT_FALSE(IsOpenStage(Stage::kUnspecified));
  EXPECT_FALSE(IsOpenStage(Stage::kNotSelected));
  EXPECT_FALSE(IsOpenStage(Stage::kEliminated));
  EXPECT_FALSE(IsOpenStage(Stage::kWithdrawn));
  EXPECT_FALSE(IsOpenStage(Stage::kCompleted));
  EXPECT_FALSE(IsOpenStage(Stage::kCertified));
}

// --- CheckCanEnrol -------------------------------------------------------------

TEST(CheckCanEnrolTest, FirstEnrolmentAllowed) {
  EXPECT_THAT(CheckCanEnrol({}, 2023), IsOk());
}

TEST(CheckCanEnrolTest, CertifiedByProgrammeRefused) {
  EXPECT_THAT(CheckCanEnrol({{7, 2021, Stage::kCertified}}, 2023),
              StatusIs(kPrecondition,
                       "this person was certified by the programme in cohort 2021 (enrolment 7) "
                       "and cannot enrol again"));
}

TEST(CheckCanEnrolTest, CertifiedWinsOverEveryOtherReasonWhateverTheOrder) {
  std::vector<PriorEnrolment> prior = {{9, 2023, Stage::kNotSelected},
                                       {8, 2022, Stage::kApplied},
                                       {7, 2021, Stage::kCertified}};
  EXPECT_THAT(CheckCanEnrol(prior, 2023), StatusIs(kPrecondition, HasSubstr("certified")));
}

TEST(CheckCanEnrolTest, SameCohortIsAlreadyExistsWhateverTheStage) {
  for (Stage stage : {Stage::kApplied, Stage::kActive, Stage::kNotSelected, Stage::kWithdrawn}) {
    EXPECT_THAT(CheckCanEnrol({{9, 2023, stage}}, 2023),
                StatusIs(absl::StatusCode::kAlreadyExists,
                         "this person is already enrolled in cohort 2023 (enrolment 9)"))
        << StageKey(stage);
  }
}

TEST(CheckCanEnrolTest, SameCohortIsAlreadyExistsEvenWhenAnOpenOneIsListedFirst) {
  std::vector<PriorEnrolment> prior = {{5, 2022, Stage::kApplied}, {9, 2023, Stage::kNotSelected}};
  EXPECT_THAT(CheckCanEnrol(prior, 2023),
              StatusIs(absl::StatusCode::kAlreadyExists,
                       "this person is already enrolled in cohort 2023 (enrolment 9)"));
}

TEST(CheckCanEnrolTest, OpenEnrolmentElsewhereRefusedNamingIt) {
  EXPECT_THAT(CheckCanEnrol({{5, 2022, Stage::kActive}}, 2023),
              StatusIs(kPrecondition,
                       "this person holds an open enrolment in cohort 2022 (enrolment 5, active); "
                       "withdraw it first"));
  for (Stage stage : {Stage::kApplied, Stage::kRecommended, Stage::kSelected}) {
    EXPECT_THAT(CheckCanEnrol({{5, 2022, stage}}, 2023),
                StatusIs(kPrecondition, HasSubstr("open enrolment in cohort 2022")))
        << StageKey(stage);
  }
}

TEST(CheckCanEnrolTest, ClosedEnrolmentsElsewhereAllowed) {
  std::vector<PriorEnrolment> prior = {{1, 2020, Stage::kNotSelected},
                                       {2, 2021, Stage::kWithdrawn},
                                       {3, 2022, Stage::kEliminated},
                                       {4, 2019, Stage::kCompleted}};
  EXPECT_THAT(CheckCanEnrol(prior, 2023), IsOk());
  for (const PriorEnrolment& p : prior) {
    EXPECT_THAT(CheckCanEnrol({p}, 2023), IsOk()) << StageKey(p.stage);
  }
}

// --- CheckRecommend ----------------------------------------------------------

TEST(CheckRecommendTest, FirstRecommendationAcceptedAndBodyTrimmed) {
  Recommendation r = MakeRecommendation(Level::kCounty);
  r.body = "\xE3\x80\x80成都市武侯区民政局 ";
  EXPECT_THAT(CheckRecommend(MakeEnrolment(Stage::kApplied), MakeCohort(CohortState::kEnrolling),
                             &r, kToday),
              IsOk());
  EXPECT_EQ(r.body, "成都市武侯区民政局");
}

TEST(CheckRecommendTest, CountyThenCityAccepted) {
  Enrolment e = MakeEnrolment(Stage::kRecommended);
  e.recommendations = {Earlier(Level::kCounty)};
  Recommendation r = MakeRecommendation(Level::kCity);
  EXPECT_THAT(CheckRecommend(e, MakeCohort(CohortState::kEnrolling), &r, kToday), IsOk());
}

TEST(CheckRecommendTest, SkippingALevelAccepted) {
  Enrolment e = MakeEnrolment(Stage::kRecommended);
  e.recommendations = {Earlier(Level::kCounty)};
  Recommendation r = MakeRecommendation(Level::kProvince);
  EXPECT_THAT(CheckRecommend(e, MakeCohort(CohortState::kEnrolling), &r, kToday), IsOk());
}

TEST(CheckRecommendTest, CityThenCountyRefused) {
  Enrolment e = MakeEnrolment(Stage::kRecommended);
  e.recommendations = {Earlier(Level::kCity)};
  Recommendation r = MakeRecommendation(Level::kCounty);
  EXPECT_THAT(CheckRecommend(e, MakeCohort(CohortState::kEnrolling), &r, kToday),
              StatusIs(kPrecondition,
                       "enrolment 12 already has a city recommendation; recommendations go "
                       "upward (county, city, province)"));
}

TEST(CheckRecommendTest, SameLevelTwiceRefused) {
  Enrolment e = MakeEnrolment(Stage::kRecommended);
  e.recommendations = {Earlier(Level::kCounty)};
  Recommendation r = MakeRecommendation(Level::kCounty);
  EXPECT_THAT(CheckRecommend(e, MakeCohort(CohortState::kEnrolling), &r, kToday),
              StatusIs(kPrecondition,
                       "enrolment 12 already has a county recommendation; recommendations go "
                       "upward (county, city, province)"));
}

TEST(CheckRecommendTest, LevelBelowAnyEarlierOneRefused) {
  Enrolment e = MakeEnrolment(Stage::kRecommended);
  e.recommendations = {Earlier(Level::kCounty), Earlier(Level::kProvince)};
  Recommendation r = MakeRecommendation(Level::kCity);
  EXPECT_THAT(CheckRecommend(e, MakeCohort(CohortState::kEnrolling), &r, kToday),
              StatusIs(kPrecondition, HasSubstr("already has a province recommendation")));
}

TEST(CheckRecommendTest, UnspecifiedLevelRefused) {
  Recommendation r = MakeRecommendation(Level::kUnspecified);
  EXPECT_THAT(CheckRecommend(MakeEnrolment(Stage::kApplied), MakeCohort(CohortState::kEnrolling),
                             &r, kToday),
              StatusIs(kInvalid, "level must be county, city or province"));
}

TEST(CheckRecommendTest, EmptyOrTooLongBodyRefused) {
  Recommendation r = MakeRecommendation(Level::kCounty);
  r.body = " \xE3\x80\x80 ";
  EXPECT_THAT(CheckRecommend(MakeEnrolment(Stage::kApplied), MakeCohort(CohortState::kEnrolling),
                             &r, kToday),
              StatusIs(kInvalid, "body is required"));
  r.body = std::string(101, 'b');
  EXPECT_THAT(CheckRecommend(MakeEnrolment(Stage::kApplied), MakeCohort(CohortState::kEnrolling),
                             &r, kToday),
              StatusIs(kInvalid, "body must be 1–100 characters, got 101"));
}

TEST(CheckRecommendTest, FutureDateRefusedTodayAccepted) {
  Recommendation r = MakeRecommendation(Level::kCounty);
  r.date = {2023, 6, 2};
  EXPECT_THAT(CheckRecommend(MakeEnrolment(Stage::kApplied), MakeCohort(CohortState::kEnrolling),
                             &r, kToday),
              StatusIs(kInvalid, "date 2023-06-02 is in the future"));
  r.date = kToday;
  EXPECT_THAT(CheckRecommend(MakeEnrolment(Stage::kApplied), MakeCohort(CohortState::kEnrolling),
                             &r, kToday),
              IsOk());
}

TEST(CheckRecommendTest, ImpossibleDateRefused) {
  Recommendation r = MakeRecommendation(Level::kCounty);
  r.date = {2023, 2, 29};
  EXPECT_THAT(CheckRecommend(MakeEnrolment(Stage::kApplied), MakeCohort(CohortState::kEnrolling),
                             &r, kToday),
              StatusIs(kInvalid, "date must be a real date, YYYY-MM-DD"));
  r.date = {};
  EXPECT_THAT(CheckRecommend(MakeEnrolment(Stage::kApplied), MakeCohort(CohortState::kEnrolling),
                             &r, kToday),
              StatusIs(kInvalid, "date must be a real date, YYYY-MM-DD"));
}

TEST(CheckRecommendTest, OnlyAppliedOrRecommendedStages) {
  for (Stage stage : {Stage::kSelected, Stage::kNotSelected, Stage::kActive, Stage::kWithdrawn}) {
    Recommendation r = MakeRecommendation(Level::kCounty);
    EXPECT_THAT(CheckRecommend(MakeEnrolment(stage), MakeCohort(CohortState::kEnrolling), &r,
                               kToday),
                StatusIs(kPrecondition,
                         HasSubstr("; only applied or recommended candidates can be recommended")))
        << StageKey(stage);
  }
  Recommendation r = MakeRecommendation(Level::kCounty);
  EXPECT_THAT(CheckRecommend(MakeEnrolment(Stage::kSelected), MakeCohort(CohortState::kEnrolling),
                             &r, kToday),
              StatusIs(kPrecondition,
                       "enrolment 12 (张三) is selected; only applied or recommended candidates "
                       "can be recommended"));
}

TEST(CheckRecommendTest, RefusedUnlessCohortEnrolling) {
  Recommendation r = MakeRecommendation(Level::kCounty);
  EXPECT_THAT(CheckRecommend(MakeEnrolment(Stage::kApplied), MakeCohort(CohortState::kCultivating),
                             &r, kToday),
              StatusIs(kPrecondition, "cohort SCSW/2023 is cultivating; enrolment is frozen"));
  EXPECT_THAT(CheckRecommend(MakeEnrolment(Stage::kApplied), MakeCohort(CohortState::kDraft), &r,
                             kToday),
              StatusIs(kPrecondition, HasSubstr("is draft; open it first")));
}

// --- CheckSelect -------------------------------------------------------------

TEST(CheckSelectTest, AcceptsBelowQuota) {
  Cohort c = MakeCohort(CohortState::kEnrolling);
  c.quotas.management = 10;
  c.selected.management = 9;
  EXPECT_THAT(CheckSelect(MakeEnrolment(Stage::kRecommended, Track::kManagement), c), IsOk());
}

TEST(CheckSelectTest, RefusesBeyondQuotaNamingTrackQuotaAndCount) {
  Cohort c = MakeCohort(CohortState::kEnrolling);
  c.quotas.management = 10;
  c.selected.management = 10;
  EXPECT_THAT(CheckSelect(MakeEnrolment(Stage::kRecommended, Track::kManagement), c),
              StatusIs(kPrecondition,
                       "track management is full: quota 10, selected 10 (raise the quota with "
                       "'talentctl cohort quotas' or reject someone first)"));
}

TEST(CheckSelectTest, CountsOnlyTheEnrolmentsOwnTrack) {
  Cohort c = MakeCohort(CohortState::kEnrolling);
  c.quotas = {3, 3, 3};
  c.selected = {3, 2, 3};
  EXPECT_THAT(CheckSelect(MakeEnrolment(Stage::kRecommended, Track::kManagement), c), IsOk());
  EXPECT_THAT(CheckSelect(MakeEnrolment(Stage::kRecommended, Track::kEducationResearch), c),
              StatusIs(kPrecondition, HasSubstr("track education-research is full: quota 3, "
                                                "selected 3")));
  EXPECT_THAT(CheckSelect(MakeEnrolment(Stage::kRecommended, Track::kService), c),
              StatusIs(kPrecondition, HasSubstr("track service is full: quota 3, selected 3")));
}

TEST(CheckSelectTest, ZeroQuotaRefusesEveryone) {
  Cohort c = MakeCohort(CohortState::kEnrolling);
  c.quotas.service = 0;
  EXPECT_THAT(CheckSelect(MakeEnrolment(Stage::kRecommended, Track::kService), c),
              StatusIs(kPrecondition, HasSubstr("quota 0, selected 0")));
}

TEST(CheckSelectTest, RefusesFromAppliedSayingToRecommendFirst) {
  EXPECT_THAT(CheckSelect(MakeEnrolment(Stage::kApplied), MakeCohort(CohortState::kEnrolling)),
              StatusIs(kPrecondition,
                       "enrolment 12 (张三) is applied; only recommended candidates can be "
                       "selected (record a recommendation first)"));
}

TEST(CheckSelectTest, RefusesAlreadySelectedOrClosedStages) {
  EXPECT_THAT(CheckSelect(MakeEnrolment(Stage::kSelected), MakeCohort(CohortState::kEnrolling)),
              StatusIs(kPrecondition,
                       "enrolment 12 (张三) is selected; only recommended candidates can be "
                       "selected"));
  EXPECT_THAT(CheckSelect(MakeEnrolment(Stage::kNotSelected), MakeCohort(CohortState::kEnrolling)),
              StatusIs(kPrecondition, HasSubstr("is not-selected; only recommended")));
}

TEST(CheckSelectTest, RefusesWhenCohortFrozen) {
  EXPECT_THAT(
      CheckSelect(MakeEnrolment(Stage::kRecommended), MakeCohort(CohortState::kCultivating)),
      StatusIs(kPrecondition, "cohort SCSW/2023 is cultivating; enrolment is frozen"));
}

// --- CheckReject ---------------------------------------------------------------

TEST(CheckRejectTest, AppliedRecommendedSelectedMayBeRejected) {
  for (Stage stage : {Stage::kApplied, Stage::kRecommended, Stage::kSelected}) {
    std::string reason = " 材料不全\xE3\x80\x80";
    EXPECT_THAT(CheckReject(MakeEnrolment(stage), MakeCohort(CohortState::kEnrolling), &reason),
                IsOk())
        << StageKey(stage);
    EXPECT_EQ(reason, "材料不全");
  }
}

TEST(CheckRejectTest, OtherStagesRefused) {
  std::string reason = "材料不全";
  EXPECT_THAT(CheckReject(MakeEnrolment(Stage::kActive), MakeCohort(CohortState::kEnrolling),
                          &reason),
              StatusIs(kPrecondition,
                       "enrolment 12 (张三) is active; only applied, recommended or selected "
                       "candidates can be rejected"));
  for (Stage stage : {Stage::kNotSelected, Stage::kWithdrawn, Stage::kCertified}) {
    EXPECT_THAT(CheckReject(MakeEnrolment(stage), MakeCohort(CohortState::kEnrolling), &reason),
                StatusIs(kPrecondition, HasSubstr("can be rejected")))
        << StageKey(stage);
  }
}

TEST(CheckRejectTest, EmptyOrTooLongReasonRefused) {
  std::string reason = "  ";
  EXPECT_THAT(CheckReject(MakeEnrolment(Stage::kApplied), MakeCohort(CohortState::kEnrolling),
                          &reason),
              StatusIs(kInvalid, "reason is required"));
  reason = std::string(500, 'r');
  EXPECT_THAT(CheckReject(MakeEnrolment(Stage::kApplied), MakeCohort(CohortState::kEnrolling),
                          &reason),
              IsOk());
  reason = std::string(501, 'r');
  EXPECT_THAT(CheckReject(MakeEnrolment(Stage::kApplied), MakeCohort(CohortState::kEnrolling),
                          &reason),
              StatusIs(kInvalid, "reason must be 1–500 characters, got 501"));
}

TEST(CheckRejectTest, RefusedWhenCohortNotEnrolling) {
  std::string reason = "材料不全";
  EXPECT_THAT(CheckReject(MakeEnrolment(Stage::kApplied), MakeCohort(CohortState::kCultivating),
                          &reason),
              StatusIs(kPrecondition, "cohort SCSW/2023 is cultivating; enrolment is frozen"));
}

// --- CheckWithdraw -----------------------------------------------------------

TEST(CheckWithdrawTest, OpenStagesWhileEnrollingMayWithdraw) {
  for (Stage stage : {Stage::kApplied, Stage::kRecommended, Stage::kSelected}) {
    std::string reason = " 个人原因 ";
    EXPECT_THAT(CheckWithdraw(MakeEnrolment(stage), MakeCohort(CohortState::kEnrolling), &reason),
                IsOk())
        << StageKey(stage);
    EXPECT_EQ(reason, "个人原因");
  }
}

TEST(CheckWithdrawTest, ActiveWhileCultivatingMayWithdraw) {
  std::string reason = "工作调动";
  EXPECT_THAT(CheckWithdraw(MakeEnrolment(Stage::kActive), MakeCohort(CohortState::kCultivating),
                            &reason),
              IsOk());
}

TEST(CheckWithdrawTest, RefusedOtherwiseNamingStageAndCohortState) {
  std::string reason = "个人原因";
  EXPECT_THAT(CheckWithdraw(MakeEnrolment(Stage::kNotSelected),
                            MakeCohort(CohortState::kEnrolling), &reason),
              StatusIs(kPrecondition,
                       "enrolment 12 (张三) is not-selected in cohort SCSW/2023 (enrolling); it "
                       "cannot be withdrawn now"));
  EXPECT_THAT(CheckWithdraw(MakeEnrolment(Stage::kActive), MakeCohort(CohortState::kClosed),
                            &reason),
              StatusIs(kPrecondition,
                       "enrolment 12 (张三) is active in cohort SCSW/2023 (closed); it cannot be "
                       "withdrawn now"));
  EXPECT_THAT(CheckWithdraw(MakeEnrolment(Stage::kApplied), MakeCohort(CohortState::kDraft),
                            &reason),
              StatusIs(kPrecondition, HasSubstr("cannot be withdrawn now")));
  EXPECT_THAT(CheckWithdraw(MakeEnrolment(Stage::kActive), MakeCohort(CohortState::kEnrolling),
                            &reason),
              StatusIs(kPrecondition, HasSubstr("cannot be withdrawn now")));
  EXPECT_THAT(CheckWithdraw(MakeEnrolment(Stage::kEliminated),
                            MakeCohort(CohortState::kCultivating), &reason),
              StatusIs(kPrecondition, HasSubstr("cannot be withdrawn now")));
}

TEST(CheckWithdrawTest, EmptyOrTooLongReasonRefused) {
  std::string reason = "";
  EXPECT_THAT(CheckWithdraw(MakeEnrolment(Stage::kApplied), MakeCohort(CohortState::kEnrolling),
                            &reason),
              StatusIs(kInvalid, "reason is required"));
  reason = std::string(501, 'r');
  EXPECT_THAT(CheckWithdraw(MakeEnrolment(Stage::kApplied), MakeCohort(CohortState::kEnrolling),
                            &reason),
              StatusIs(kInvalid, "reason must be 1–500 characters, got 501"));
}

}  // namespace
}  // namespace talent::domain

namespace talent::domain {
namespace {

// --- CultivationStageChanges -----------------------------------------------

TEST(CultivationStageChangesTest, SelectedBecomeActiveTheRestNotSelectedWithTheReason) {
  const std::vector<StageChange>& changes = CultivationStageChanges();
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_EQ(changes[0].from, Stage::kSelected);
  EXPECT_EQ(changes[0].to, Stage::kActive);
  EXPECT_FALSE(changes[0].with_reason);
  EXPECT_EQ(changes[1].from, Stage::kApplied);
  EXPECT_EQ(changes[1].to, Stage::kNotSelected);
  EXPECT_TRUE(changes[1].with_reason);
  EXPECT_EQ(changes[2].from, Stage::kRecommended);
  EXPECT_EQ(changes[2].to, Stage::kNotSelected);
  EXPECT_TRUE(changes[2].with_reason);
  // No change feeds another: the order cannot move anyone twice.
  for (const StageChange& a : changes) {
    for (const StageChange& b : changes) EXPECT_NE(a.to, b.from);
  }
}

}  // namespace
}  // namespace talent::domain
