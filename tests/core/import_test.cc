// The bulk import of enrolments: all or nothing, errors by line and column,
// dry runs, duplicates in the file and in the database, request IDs.
#include "tests/core/use_case_fixture.h"

namespace talent::core {
namespace {

TEST_F(UseCaseTest, ImportOfGoodRowsImportsAllInOneTransaction) {
  SetUpEnrollingCohort();
  int64_t events_before = Query("SELECT COUNT(*) FROM audit_events");
  auto result = core_->enrolments.Import(admin_, "SCSW", 2023, Rows(1, 3), false, "");
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->rows, 3);
  EXPECT_EQ(result->imported, 3);
  EXPECT_FALSE(result->dry_run);
  EXPECT_THAT(result->errors, IsEmpty());
  EXPECT_EQ(TotalEnrolments(), 3);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM persons"), 3);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM audit_events"), events_before + 1);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM audit_events WHERE method = 'ImportEnrolments'"), 1);
}

TEST_F(UseCaseTest, ImportWithOneBadRowImportsNothingAndReportsLineAndColumn) {
  SetUpEnrollingCohort();
  std::vector<ImportRow> rows = Rows(1, 3);
  rows[1].input.phone = "12345";  // line 3
  auto result = core_->enrolments.Import(admin_, "SCSW", 2023, rows, false, "");
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->rows, 3);
  EXPECT_EQ(result->imported, 0);
  EXPECT_THAT(result->errors,
              ElementsAre(ImportErrorIs(
                  3, "phone", "phone must be 11 digits starting with 1, e.g. 13800000000")));
  EXPECT_EQ(TotalEnrolments(), 0);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM persons"), 0);
}

TEST_F(UseCaseTest, ImportReportsEveryErrorOrderedByLine) {
  SetUpEnrollingCohort();
  std::vector<ImportRow> rows = Rows(1, 4);
  rows[2].input.email = "bad";        // line 4
  rows[2].input.track = "艺术类";     // line 4
  rows[0].input.years_of_experience = "61";  // line 2
  auto result = core_->enrolments.Import(admin_, "SCSW", 2023, rows, false, "");
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->imported, 0);
  EXPECT_THAT(result->errors,
              ElementsAre(Field(&ImportError::line, 2), Field(&ImportError::line, 4),
                          Field(&ImportError::line, 4)));
  EXPECT_EQ(result->errors[0].column, "years");
  EXPECT_EQ(result->errors[1].column, "track");
  EXPECT_EQ(result->errors[2].column, "email");
}

TEST_F(UseCaseTest, ImportDuplicateNationalIdReportedAgainstTheEarlierLine) {
  SetUpEnrollingCohort();
  std::vector<ImportRow> rows = Rows(1, 4);
  rows[3].input.national_id = NationalId(1);  // line 5 repeats line 2
  rows[3].input.full_name = "同一个人";
  auto result = core_->enrolments.Import(admin_, "SCSW", 2023, rows, false, "");
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->imported, 0);
  EXPECT_THAT(result->errors,
              ElementsAre(ImportErrorIs(5, "national_id", "the same national ID is on line 2")));
  EXPECT_EQ(TotalEnrolments(), 0);
}

TEST_F(UseCaseTest, ImportDryRunChecksButWritesNothing) {
  SetUpEnrollingCohort();
  int64_t events_before = Query("SELECT COUNT(*) FROM audit_events");
  auto result = core_->enrolments.Import(admin_, "SCSW", 2023, Rows(1, 3), true, "req-1");
  ASSERT_THAT(result, IsOk());
  EXPECT_TRUE(result->dry_run);
  EXPECT_EQ(result->rows, 3);
  EXPECT_EQ(result->imported, 0);
  EXPECT_THAT(result->errors, IsEmpty());
  EXPECT_EQ(TotalEnrolments(), 0);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM persons"), 0);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM idempotency"), 0);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM audit_events"), events_before);
  // The same request ID then really imports.
  auto real = core_->enrolments.Import(admin_, "SCSW", 2023, Rows(1, 3), false, "req-1");
  ASSERT_THAT(real, IsOk());
  EXPECT_EQ(real->imported, 3);
}

TEST_F(UseCaseTest, ImportDryRunReportsDatabaseConflicts) {
  SetUpEnrollingCohort();
  ASSERT_THAT(core_->enrolments.CreateEnrolment(admin_, "SCSW", 2023, Applicant(2), ""), IsOk());
  auto result = core_->enrolments.Import(admin_, "SCSW", 2023, Rows(1, 3), true, "");
  ASSERT_THAT(result, IsOk());
  EXPECT_THAT(result->errors, ElementsAre(ImportErrorIs(3, "national_id",
                                                        HasSubstr("already enrolled in cohort 2023"))));
}

TEST_F(UseCaseTest, ImportOfPeopleAlreadyEnrolledImportsNothing) {
  SetUpEnrollingCohort();
  ASSERT_THAT(core_->enrolments.Import(admin_, "SCSW", 2023, Rows(1, 2), false, ""), IsOk());
  auto again = core_->enrolments.Import(admin_, "SCSW", 2023, Rows(2, 4), false, "");
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(again->imported, 0);
  EXPECT_THAT(again->errors,
              ElementsAre(ImportErrorIs(2, "national_id",
                                        HasSubstr("this person is already enrolled in cohort "
                                                  "2023"))));
  EXPECT_EQ(TotalEnrolments(), 2);
}

TEST_F(UseCaseTest, ImportWithSameRequestIdTwiceImportsOnce) {
  SetUpEnrollingCohort();
  auto first = core_->enrolments.Import(admin_, "SCSW", 2023, Rows(1, 3), false, "req-1");
  ASSERT_THAT(first, IsOk());
  ASSERT_EQ(first->imported, 3);
  auto retry = core_->enrolments.Import(admin_, "SCSW", 2023, Rows(1, 3), false, "req-1");
  ASSERT_THAT(retry, IsOk());
  EXPECT_EQ(retry->imported, 3);
  EXPECT_THAT(retry->errors, IsEmpty());
  EXPECT_EQ(TotalEnrolments(), 3);
}

TEST_F(UseCaseTest, ImportIntoMissingOrClosedCohortFailsAsAWhole) {
  EXPECT_THAT(core_->enrolments.Import(admin_, "SCSW", 2023, Rows(1, 2), false, ""),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("cohort SCSW/2023 not found")));
  ASSERT_THAT(core_->programmes.CreateProgramme(admin_, MakeProgramme("SCSW"), ""), IsOk());
  ASSERT_THAT(core_->programmes.CreateCohort(admin_, "SCSW", 2023, {10, 10, 10}, ""), IsOk());
  EXPECT_THAT(core_->enrolments.Import(admin_, "SCSW", 2023, Rows(1, 2), false, ""),
              StatusIs(kPrecondition, HasSubstr("is draft; open it first")));
  EXPECT_EQ(Query("SELECT COUNT(*) FROM enrolments"), 0);
}

}  // namespace
}  // namespace talent::core
