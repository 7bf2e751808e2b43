// Use cases of enrolments: listing, creating, recommending and selecting.
#include "tests/core/use_case_fixture.h"

namespace talent::core {
namespace {

TEST_F(UseCaseTest, ListEnrolmentsPagesFiltersAndCountsTotal) {
  SetUpEnrollingCohort();
  std::vector<ImportRow> rows = Rows(1, 5);
  rows[1].input.track = "管理类";
  rows[3].input.track = "管理类";
  auto imported = core_->enrolments.Import(admin_, "SCSW", 2023, rows, false, "");
  ASSERT_THAT(imported, IsOk());
  ASSERT_EQ(imported->imported, 5);

  std::set<int64_t> seen;
  PageRequest page{2, ""};
  int pages = 0;
  do {
    auto result = core_->enrolments.ListEnrolments(admin_, InCohort("SCSW", 2023), page, kMasked);
    ASSERT_THAT(result, IsOk());
    EXPECT_EQ(result->total_size, 5);
    EXPECT_LE(result->items.size(), 2u);
    for (const domain::Enrolment& e : result->items) EXPECT_TRUE(seen.insert(e.id).second);
    page.page_token = result->next_page_token;
    ++pages;
  } while (!page.page_token.empty() && pages < 10);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen.size(), 5u);

  EnrolmentQuery management = InCohort("SCSW", 2023, Track::kManagement);
  auto filtered = core_->enrolments.ListEnrolments(admin_, management, {}, kMasked);
  ASSERT_THAT(filtered, IsOk());
  EXPECT_EQ(filtered->total_size, 2);
  EXPECT_THAT(filtered->items,
              ElementsAre(Field(&domain::Enrolment::person,
                                Field(&domain::Person::full_name, "申请人2")),
                          Field(&domain::Enrolment::person,
                                Field(&domain::Person::full_name, "申请人4"))));
  EXPECT_THAT(core_->enrolments.ListEnrolments(admin_, InCohort("SCSW", 2024), {}, kMasked),
              StatusIs(absl::StatusCode::kNotFound));
}

// --- Programmes and cohorts --------------------------------------------------------

TEST_F(UseCaseTest, SelectBeyondQuotaIsRefusedNamingTrackQuotaAndCount) {
  SetUpEnrollingCohort({1, 10, 10});
  auto first = core_->enrolments.CreateEnrolment(admin_, "SCSW", 2023, Applicant(1), "");
  auto second = core_->enrolments.CreateEnrolment(admin_, "SCSW", 2023, Applicant(2), "");
  ASSERT_THAT(first, IsOk());
  ASSERT_THAT(second, IsOk());
  ASSERT_THAT(RecommendCounty(first->id), IsOk());
  ASSERT_THAT(RecommendCounty(second->id), IsOk());
  auto selected = core_->enrolments.Select(admin_, first->id);
  ASSERT_THAT(selected, IsOk());
  EXPECT_EQ(selected->stage, Stage::kSelected);
  EXPECT_THAT(core_->enrolments.Select(admin_, second->id),
              StatusIs(kPrecondition, HasSubstr("track service is full: quota 1, selected 1")));
  auto unchanged = core_->enrolments.GetEnrolment(admin_, second->id, kMasked);
  ASSERT_THAT(unchanged, IsOk());
  EXPECT_EQ(unchanged->stage, Stage::kRecommended);
}

TEST_F(UseCaseTest, CreateEnrolmentReportsEveryBadFieldByColumn) {
  SetUpEnrollingCohort();
  domain::ApplicantInput in = Applicant(1);
  in.full_name = "";
  in.phone = "123";
  EXPECT_THAT(core_->enrolments.CreateEnrolment(admin_, "SCSW", 2023, in, ""),
              StatusIs(kInvalid,
                       "name: name is required; phone: phone must be 11 digits starting with 1, "
                       "e.g. 13800000000"));
  EXPECT_EQ(TotalEnrolments(), 0);
}

TEST_F(UseCaseTest, CreateEnrolmentTwiceInACohortIsAlreadyExists) {
  SetUpEnrollingCohort();
  auto e = core_->enrolments.CreateEnrolment(admin_, "SCSW", 2023, Applicant(1), "");
  ASSERT_THAT(e, IsOk());
  EXPECT_EQ(e->stage, Stage::kApplied);
  auto full = core_->enrolments.GetEnrolment(admin_, e->id, kFull);
  ASSERT_THAT(full, IsOk());
  EXPECT_EQ(full->person.national_id, NationalId(1));
  EXPECT_THAT(core_->enrolments.CreateEnrolment(admin_, "SCSW", 2023, Applicant(1), ""),
              StatusIs(absl::StatusCode::kAlreadyExists,
                       "this person is already enrolled in cohort 2023 (enrolment " +
                           std::to_string(e->id) + ")"));
}

TEST_F(UseCaseTest, OpenEnrolmentInAnotherCohortIsFailedPrecondition) {
  SetUpEnrollingCohort();
  ASSERT_THAT(core_->programmes.CreateCohort(admin_, "SCSW", 2024, {10, 10, 10}, ""), IsOk());
  ASSERT_THAT(core_->programmes.OpenEnrolment(admin_, "SCSW", 2024), IsOk());
  auto e = core_->enrolments.CreateEnrolment(admin_, "SCSW", 2023, Applicant(1), "");
  ASSERT_THAT(e, IsOk());
  EXPECT_THAT(core_->enrolments.CreateEnrolment(admin_, "SCSW", 2024, Applicant(1), ""),
              StatusIs(kPrecondition, HasSubstr("open enrolment in cohort 2023")));
  ASSERT_THAT(core_->enrolments.Withdraw(admin_, e->id, "个人原因"), IsOk());
  EXPECT_THAT(core_->enrolments.CreateEnrolment(admin_, "SCSW", 2024, Applicant(1), ""), IsOk());
}

TEST_F(UseCaseTest, CreateEnrolmentWithSameRequestIdTwiceCreatesOne) {
  SetUpEnrollingCohort();
  auto first = core_->enrolments.CreateEnrolment(admin_, "SCSW", 2023, Applicant(1), "req-1");
  auto second = core_->enrolments.CreateEnrolment(admin_, "SCSW", 2023, Applicant(1), "req-1");
  ASSERT_THAT(first, IsOk());
  ASSERT_THAT(second, IsOk());
  EXPECT_EQ(second->id, first->id);
  EXPECT_EQ(TotalEnrolments(), 1);
}

TEST_F(UseCaseTest, RecommendationDateInTheFutureOfTheClockIsRefused) {
  SetUpEnrollingCohort();
  auto e = core_->enrolments.CreateEnrolment(admin_, "SCSW", 2023, Applicant(1), "");
  ASSERT_THAT(e, IsOk());
  domain::Recommendation r;
  r.level = domain::Level::kCounty;
  r.body = "武侯区民政局";
  r.date = {2023, 6, 2};
  EXPECT_THAT(core_->enrolments.Recommend(admin_, e->id, r),
              StatusIs(kInvalid, "date 2023-06-02 is in the future"));
  clock_.Advance(kDay);
  auto recommended = core_->enrolments.Recommend(admin_, e->id, r);
  ASSERT_THAT(recommended, IsOk());
  EXPECT_EQ(recommended->stage, Stage::kRecommended);
  ASSERT_EQ(recommended->recommendations.size(), 1u);
  EXPECT_EQ(recommended->recommendations[0].recorded_by, "admin");
}

// --- Import --------------------------------------------------------------------

}  // namespace
}  // namespace talent::core
