// The audit log over a mix of use cases, and certificates without a key.
#include "tests/core/use_case_fixture.h"

namespace talent::core {
namespace {

TEST_F(UseCaseTest, WithoutASigningKeyNoCertificateIsIssued) {
  EXPECT_EQ(core_->certificates.PublicKey(), "");
  EXPECT_THAT(core_->certificates.IssueCertificates(admin_, "SCSW", 2023),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("--key")));
  // Verification still answers: the register has no such certificate.
  auto verification = core_->certificates.VerifyCertificate("SCSW-2023-S001");
  ASSERT_THAT(verification, IsOk());
  EXPECT_EQ(verification->verdict, Certificates::Verdict::kNotFound);
}

TEST_F(UseCaseTest, AuditChainVerifiesAfterAMixOfChanges) {
  SetUpEnrollingCohort();
  ASSERT_THAT(core_->enrolments.Import(admin_, "SCSW", 2023, Rows(1, 2), false, ""), IsOk());
  ASSERT_THAT(core_->users.CreateToken(admin_, "admin", "ci", 1, ""), IsOk());
  int64_t events = Query("SELECT COUNT(*) FROM audit_events");
  // Init, CreateProgramme, CreateCohort, OpenEnrolment, ImportEnrolments, CreateToken.
  EXPECT_EQ(events, 6);
  auto db = storage::Connection::Open(path_, storage::Connection::Mode::kReadOnly, false);
  ASSERT_THAT(db, IsOk());
  auto checked = storage::AuditLog::Verify(**db);
  ASSERT_THAT(checked, IsOk());
  EXPECT_EQ(checked->events, events);
}

}  // namespace
}  // namespace talent::core
