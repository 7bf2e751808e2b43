// Use cases of programmes and cohorts: request IDs, validation, years, the
// cohort lifecycle and quotas.
#include "tests/core/use_case_fixture.h"

namespace talent::core {
namespace {

TEST_F(UseCaseTest, CreateProgrammeWithSameRequestIdTwiceCreatesOneAndReturnsItBothTimes) {
  auto first = core_->programmes.CreateProgramme(admin_, MakeProgramme("SCSW"), "req-1");
  ASSERT_THAT(first, IsOk());
  domain::Programme retry = MakeProgramme("SCSW");
  retry.title = "a retry carries the same request; this title is ignored";
  auto second = core_->programmes.CreateProgramme(admin_, retry, "req-1");
  ASSERT_THAT(second, IsOk());
  EXPECT_EQ(second->id, first->id);
  EXPECT_EQ(second->code, "SCSW");
  EXPECT_EQ(second->title, "四川社会工作人才计划");
  EXPECT_EQ(second->create_time, kNow);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM programmes"), 1);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM audit_events WHERE method = 'CreateProgramme'"), 1);
}

TEST_F(UseCaseTest, RequestIdsAreScopedToTheCallerAndMethod) {
  ASSERT_THAT(core_->programmes.CreateProgramme(admin_, MakeProgramme("SCSW"), "req-1"), IsOk());
  // The same request ID for another method is another request.
  auto cohort = core_->programmes.CreateCohort(admin_, "SCSW", 2023, {10, 10, 10}, "req-1");
  ASSERT_THAT(cohort, IsOk());
  EXPECT_EQ(cohort->year, 2023);
  auto replay = core_->programmes.CreateCohort(admin_, "SCSW", 2023, {1, 1, 1}, "req-1");
  ASSERT_THAT(replay, IsOk());
  EXPECT_EQ(replay->id, cohort->id);
  EXPECT_EQ(replay->quotas.service, 10);
  // Another caller's request ID does not replay the admin's.
  std::string secret = AddUser("admin2", Role::kAdmin);
  auto other = core_->users.Authenticate(secret);
  ASSERT_THAT(other, IsOk());
  EXPECT_THAT(core_->programmes.CreateProgramme(*other, MakeProgramme("SCSW"), "req-1"),
              StatusIs(absl::StatusCode::kAlreadyExists));
}

TEST_F(UseCaseTest, CreateProgrammeTwiceWithoutRequestIdIsAlreadyExists) {
  ASSERT_THAT(core_->programmes.CreateProgramme(admin_, MakeProgramme("SCSW"), ""), IsOk());
  EXPECT_THAT(core_->programmes.CreateProgramme(admin_, MakeProgramme("SCSW"), ""),
              StatusIs(absl::StatusCode::kAlreadyExists, "programme SCSW already exists"));
}

TEST_F(UseCaseTest, OverlongRequestIdIsInvalidArgument) {
  EXPECT_THAT(core_->programmes.CreateProgramme(admin_, MakeProgramme("SCSW"), std::string(65, 'r')),
              StatusIs(kInvalid, "request_id must be at most 64 characters"));
  EXPECT_THAT(core_->programmes.CreateProgramme(admin_, MakeProgramme("SCSW"), std::string(64, 'r')), IsOk());
}

TEST_F(UseCaseTest, InvalidProgrammeWritesNothing) {
  domain::Programme p = MakeProgramme("scsw");
  EXPECT_THAT(core_->programmes.CreateProgramme(admin_, p, "req-1"), StatusIs(kInvalid, HasSubstr("code")));
  EXPECT_EQ(Query("SELECT COUNT(*) FROM programmes"), 0);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM idempotency"), 0);
}

TEST_F(UseCaseTest, UpdateProgrammeKeepsYearsAroundItsCohorts) {
  SetUpEnrollingCohort();
  domain::Programme values;
  values.start_year = 2024;
  EXPECT_THAT(core_->programmes.UpdateProgramme(admin_, "SCSW", values, {"start_year"}),
              StatusIs(kPrecondition,
                       "programme SCSW has cohorts from 2023 to 2023; its years must include "
                       "them"));
  values.title = "新标题";
  values.start_year = 2023;
  auto updated = core_->programmes.UpdateProgramme(admin_, "SCSW", values, {"title", "start_year"});
  ASSERT_THAT(updated, IsOk());
  EXPECT_EQ(updated->title, "新标题");
  EXPECT_EQ(updated->start_year, 2023);
  EXPECT_EQ(updated->end_year, 2030);  // not in the mask
  EXPECT_THAT(core_->programmes.UpdateProgramme(admin_, "SCSW", values, {}),
              StatusIs(kInvalid, HasSubstr("update_mask")));
  EXPECT_THAT(core_->programmes.UpdateProgramme(admin_, "SCSW", values, {"code"}),
              StatusIs(kInvalid, HasSubstr("\"code\"")));
  EXPECT_THAT(core_->programmes.UpdateProgramme(admin_, "NOPE", values, {"title"}),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(UseCaseTest, CreateCohortChecksProgrammeYearAndDuplicates) {
  EXPECT_THAT(core_->programmes.CreateCohort(admin_, "SCSW", 2023, {10, 10, 10}, ""),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("programme SCSW not found")));
  ASSERT_THAT(core_->programmes.CreateProgramme(admin_, MakeProgramme("SCSW"), ""), IsOk());
  EXPECT_THAT(core_->programmes.CreateCohort(admin_, "SCSW", 2031, {10, 10, 10}, ""),
              StatusIs(kInvalid, "year 2031 is outside programme SCSW's years 2020–2030"));
  auto cohort = core_->programmes.CreateCohort(admin_, "SCSW", 2023, {10, 8, 6}, "");
  ASSERT_THAT(cohort, IsOk());
  EXPECT_EQ(cohort->state, CohortState::kDraft);
  EXPECT_EQ(cohort->quotas.management, 8);
  EXPECT_THAT(core_->programmes.CreateCohort(admin_, "SCSW", 2023, {10, 10, 10}, ""),
              StatusIs(absl::StatusCode::kAlreadyExists, "cohort SCSW/2023 already exists"));
}

TEST_F(UseCaseTest, CohortMovesForwardOnlyAndNeedsSomeoneSelectedToStart) {
  ASSERT_THAT(core_->programmes.CreateProgramme(admin_, MakeProgramme("SCSW"), ""), IsOk());
  ASSERT_THAT(core_->programmes.CreateCohort(admin_, "SCSW", 2023, {10, 10, 10}, ""), IsOk());
  EXPECT_THAT(core_->programmes.StartCultivation(admin_, "SCSW", 2023),
              StatusIs(kPrecondition, HasSubstr("can only go to enrolling")));
  auto open = core_->programmes.OpenEnrolment(admin_, "SCSW", 2023);
  ASSERT_THAT(open, IsOk());
  EXPECT_EQ(open->state, CohortState::kEnrolling);
  EXPECT_THAT(core_->programmes.OpenEnrolment(admin_, "SCSW", 2023),
              StatusIs(kPrecondition, HasSubstr("can only go to cultivating, not enrolling")));
  EXPECT_THAT(core_->programmes.StartCultivation(admin_, "SCSW", 2023),
              StatusIs(kPrecondition, HasSubstr("has nobody selected")));
  auto cohort = core_->programmes.GetCohort("SCSW", 2023);
  ASSERT_THAT(cohort, IsOk());
  EXPECT_EQ(cohort->state, CohortState::kEnrolling);
}

TEST_F(UseCaseTest, StartCultivationActivatesTheSelectedAndClosesTheRest) {
  SetUpEnrollingCohort();
  ASSERT_THAT(core_->enrolments.Import(admin_, "SCSW", 2023, Rows(1, 3), false, ""), IsOk());
  auto page = core_->enrolments.ListEnrolments(admin_, InCohort("SCSW", 2023), {}, kMasked);
  ASSERT_THAT(page, IsOk());
  ASSERT_EQ(page->items.size(), 3u);
  int64_t chosen = page->items[0].id;
  ASSERT_THAT(RecommendCounty(chosen), IsOk());
  ASSERT_THAT(core_->enrolments.Select(admin_, chosen), IsOk());
  auto cohort = core_->programmes.StartCultivation(admin_, "SCSW", 2023);
  ASSERT_THAT(cohort, IsOk());
  EXPECT_EQ(cohort->state, CohortState::kCultivating);
  EXPECT_EQ(cohort->selected.service, 1);
  auto active = core_->enrolments.GetEnrolment(admin_, chosen, kMasked);
  ASSERT_THAT(active, IsOk());
  EXPECT_EQ(active->stage, Stage::kActive);
  auto other = core_->enrolments.GetEnrolment(admin_, page->items[1].id, kMasked);
  ASSERT_THAT(other, IsOk());
  EXPECT_EQ(other->stage, Stage::kNotSelected);
  EXPECT_EQ(other->stage_reason, "not selected when cultivation started");
  EXPECT_THAT(core_->enrolments.CreateEnrolment(admin_, "SCSW", 2023, Applicant(9), ""),
              StatusIs(kPrecondition, "cohort SCSW/2023 is cultivating; enrolment is frozen"));
}

TEST_F(UseCaseTest, SetQuotasBelowSelectedIsRefused) {
  SetUpEnrollingCohort({2, 2, 2});
  auto e = core_->enrolments.CreateEnrolment(admin_, "SCSW", 2023, Applicant(1), "");
  ASSERT_THAT(e, IsOk());
  ASSERT_THAT(RecommendCounty(e->id), IsOk());
  ASSERT_THAT(core_->enrolments.Select(admin_, e->id), IsOk());
  EXPECT_THAT(core_->programmes.SetQuotas(admin_, "SCSW", 2023, {0, 2, 2}),
              StatusIs(kPrecondition, HasSubstr("track service already has 1 selected")));
  auto changed = core_->programmes.SetQuotas(admin_, "SCSW", 2023, {1, 0, 5});
  ASSERT_THAT(changed, IsOk());
  EXPECT_EQ(changed->quotas.education_research, 5);
}

// --- Enrolments ------------------------------------------------------------------

}  // namespace
}  // namespace talent::core
