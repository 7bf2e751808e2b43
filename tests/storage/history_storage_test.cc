// What a history import stores (schema step 13): cohorts marked imported
// (and with them their certificates), kept through a reopened SQLite file,
// and an imported cohort's people counted by the progress figures like any
// other cohort's.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/storage/certificate_repository.h"
#include "tests/storage/seeded_database.h"
#include "tests/testing/status_matchers.h"

namespace talent::storage {
namespace {

using domain::Stage;
using domain::Track;
using ::talent::testing::IsOk;

class HistoryStorageTest : public SeededDatabase {
 protected:
  void SetUp() override {
    SeededDatabase::SetUp();
    if (HasFatalFailure()) return;
    admin_ = InsertUser("admin", domain::Role::kAdmin);
    domain::Cohort c;
    c.programme_id = programme_id_;
    c.programme_code = "SCSW";
    c.year = 2021;
    c.state = domain::CohortState::kClosed;
    c.create_time = c.update_time = 1765000000;
    ASSERT_THAT(CohortRepository::Insert(*db_, &c), IsOk());
    imported_ = c.id;
    ASSERT_THAT(CohortRepository::MarkImported(*db_, imported_, admin_, 1765000000), IsOk());
  }

  domain::Certificate PaperCertificate(int64_t enrolment) {
    domain::Certificate c;
    c.enrolment_id = enrolment;
    c.cohort_id = imported_;
    c.track = Track::kService;
    c.sequence = 3;
    c.facts.number = "SCSW-2021-S003";
    c.facts.holder_name = "王芳";
    c.facts.masked_national_id = "**************1234";
    c.facts.track = "TRACK_SERVICE";
    c.facts.programme_code = "SCSW";
    c.facts.programme_title = "四川社会工作人才计划";
    c.facts.cohort_year = 2021;
    c.facts.final_score = 9350;
    c.facts.rating = "RATING_EXCELLENT";
    c.facts.issuer = "四川省民政厅";
    c.facts.issue_date = "2021-12-20";  // on paper
    c.public_key = std::string(32, 'k');
    c.signature = std::string(64, 's');
    c.issue_time = 1765000000;  // registered
    c.imported = true;
    return c;
  }

  int64_t admin_ = 0, imported_ = 0;
};

TEST_F(HistoryStorageTest, AnImportedCohortIsReadBackMarked) {
  auto found = CohortRepository::Find(*db_, "SCSW", 2021);
  ASSERT_THAT(found, IsOk());
  EXPECT_TRUE(found->imported);
  EXPECT_EQ(found->state, domain::CohortState::kClosed);
  InsertCohort(2023);
  auto listed = CohortRepository::List(*db_, "SCSW", "", 0, 10);
  ASSERT_THAT(listed, IsOk());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_TRUE((*listed)[0].imported);
  EXPECT_FALSE((*listed)[1].imported);  // a cohort run here
}

TEST_F(HistoryStorageTest, AnImportedCertificateKeepsItsPaperDateAndMark) {
  int64_t wang = Enrol(imported_, 1, "王芳", Track::kService, Stage::kCertified);
  domain::Certificate c = PaperCertificate(wang);
  ASSERT_THAT(CertificateRepository::Insert(*db_, &c, admin_), IsOk());

  // Through a fresh connection to the same file.
  db_.reset();
  auto reopened = Connection::Open(dir_.File("t.db"), Connection::Mode::kReadWrite, true);
  ASSERT_THAT(reopened, IsOk());
  db_ = std::move(*reopened);
  auto found = CertificateRepository::Find(*db_, "SCSW-2021-S003");
  ASSERT_THAT(found, IsOk());
  EXPECT_TRUE(found->imported);
  EXPECT_EQ(found->facts.issue_date, "2021-12-20");
  EXPECT_EQ(found->issue_time, 1765000000);
  EXPECT_EQ(found->sequence, 3);
  EXPECT_EQ(found->issued_by, "admin");
  auto marks = db_->Prepare("SELECT cohort_id, import_time, imported_by FROM imported_cohorts");
  ASSERT_THAT(marks, IsOk());
  auto row = (*marks)->Step();
  ASSERT_THAT(row, IsOk());
  ASSERT_TRUE(*row);
  EXPECT_EQ((*marks)->ColumnInt(0), imported_);
  EXPECT_EQ((*marks)->ColumnInt(1), 1765000000);
  EXPECT_EQ((*marks)->ColumnInt(2), admin_);
  (*marks)->Reset();
  auto listed = CertificateRepository::List(*db_, imported_, 0, 10);
  ASSERT_THAT(listed, IsOk());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_TRUE((*listed)[0].imported);
}

TEST_F(HistoryStorageTest, ACohortIsMarkedImportedOnce) {
  EXPECT_THAT(CohortRepository::MarkImported(*db_, imported_, admin_, 1765000001),
              ::talent::testing::StatusIs(absl::StatusCode::kAlreadyExists));
}

TEST_F(HistoryStorageTest, ACertificateIssuedHereIsNotMarked) {
  int64_t cohort = InsertCohort(2023, domain::CohortState::kClosed);
  int64_t zhang = Enrol(cohort, 2, "张伟", Track::kService, Stage::kCertified);
  domain::Certificate c = PaperCertificate(zhang);
  c.cohort_id = cohort;
  c.facts.number = "SCSW-2023-S001";
  ASSERT_THAT(CertificateRepository::Insert(*db_, &c, admin_), IsOk());
  auto found = CertificateRepository::Find(*db_, "SCSW-2023-S001");
  ASSERT_THAT(found, IsOk());
  EXPECT_FALSE(found->imported);
}

TEST_F(HistoryStorageTest, ProgressFiguresCountAnImportedCohort) {
  Enrol(imported_, 1, "王芳", Track::kService, Stage::kCertified);
  Enrol(imported_, 2, "张伟", Track::kService, Stage::kWithdrawn);
  Enrol(imported_, 3, "李明", Track::kManagement, Stage::kEliminated);
  Enrol(imported_, 4, "陈静", Track::kManagement, Stage::kCompleted);
  Enrol(imported_, 5, "赵磊", Track::kEducationResearch, Stage::kCertified);
  auto figures = CertificateRepository::Figures(*db_, programme_id_);
  ASSERT_THAT(figures, IsOk());
  ASSERT_EQ(figures->size(), 1u);
  const domain::YearFigures& y = (*figures)[0];
  EXPECT_EQ(y.year, 2021);
  EXPECT_EQ(y.state, domain::CohortState::kClosed);
  EXPECT_EQ(y.service.selected, 1);
  EXPECT_EQ(y.service.certified, 1);
  EXPECT_EQ(y.management.selected, 2);
  EXPECT_EQ(y.management.eliminated, 1);
  EXPECT_EQ(y.education_research.certified, 1);
  EXPECT_EQ(y.certified(), 2);
}

}  // namespace
}  // namespace talent::storage
