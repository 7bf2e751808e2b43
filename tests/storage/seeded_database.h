// Storage tests' worlds. MigratedDatabase: a migrated SQLite file in a
// temporary directory, without fsync on commit (durability is checked by
// StoreDurabilityTest, on every connection a Store opens). SeededDatabase adds programme SCSW (2020–2030, target 300) and
// helpers that insert cohorts, users and enrolments directly through the
// repositories. Not thread-safe.
#ifndef TALENT_TESTS_STORAGE_SEEDED_DATABASE_H_
#define TALENT_TESTS_STORAGE_SEEDED_DATABASE_H_

#include <memory>
#include <string>

#include "common/national_id.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/storage/enrolment_repository.h"
#include "server/storage/migrations.h"
#include "server/storage/programme_repository.h"
#include "server/storage/sqlite.h"
#include "server/storage/user_repository.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace talent::storage {

class MigratedDatabase : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = Connection::Open(dir_.File("t.db"), Connection::Mode::kReadWrite, true);
    ASSERT_THAT(db, testing::IsOk());
    db_ = std::move(*db);
    // Durability is not under test here (StoreDurabilityTest in store_test and
    // the kill -9 end-to-end test have it): skip the fsync
    // of every commit, which is most of the run time on a busy disk.
    ASSERT_THAT(db_->Execute("PRAGMA synchronous = OFF"), testing::IsOk());
    ASSERT_THAT(Migrate(db_.get()), testing::IsOk());
  }

  testing::TempDir dir_;
  std::unique_ptr<Connection> db_;
};

class SeededDatabase : public MigratedDatabase {
 protected:
  void SetUp() override {
    MigratedDatabase::SetUp();
    if (HasFatalFailure()) return;
    programme_.code = "SCSW";
    programme_.title = "四川社会工作人才计划";
    programme_.issuer = "四川省民政厅";
    programme_.start_year = 2020;
    programme_.end_year = 2030;
    programme_.talent_target = 300;
    ASSERT_THAT(ProgrammeRepository::Insert(*db_, &programme_), testing::IsOk());
    programme_id_ = programme_.id;
  }

  int64_t InsertCohort(int year,
                       domain::CohortState state = domain::CohortState::kCultivating) {
    domain::Cohort c;
    c.programme_id = programme_.id;
    c.programme_code = programme_.code;
    c.year = year;
    c.state = state;
    c.quotas = {10, 10, 10};
    EXPECT_THAT(CohortRepository::Insert(*db_, &c), testing::IsOk());
    return c.id;
  }

  int64_t InsertUser(const std::string& username, domain::Role role) {
    domain::User u;
    u.username = username;
    u.display_name = username;
    u.role = role;
    u.organisation = "西南财经大学";
    u.create_time = 1;
    EXPECT_THAT(UserRepository::Insert(*db_, &u), testing::IsOk());
    return u.id;
  }

  // An enrolment of person number `n` (national ID 51010419900307<100+n>…).
  int64_t Enrol(int64_t cohort_id, int n, const std::string& name, domain::Track track,
                domain::Stage stage = domain::Stage::kActive) {
    std::string first17 = "51010419900307" + std::to_string(100 + n);
    domain::Enrolment e;
    e.cohort_id = cohort_id;
    e.person.national_id = first17 + common::NationalIdCheckCharacter(first17);
    e.person.full_name = name;
    e.person.gender = n % 2 ? domain::Gender::kMale : domain::Gender::kFemale;
    e.person.birth_date = {1990, 3, 7};
    e.track = track;
    e.organisation = "成都市社工中心";
    e.stage = stage;
    e.create_time = 1;
    e.update_time = 1;
    EXPECT_THAT(EnrolmentRepository::UpsertPerson(*db_, &e.person, 1), testing::IsOk());
    EXPECT_THAT(EnrolmentRepository::Insert(*db_, programme_.id, &e), testing::IsOk());
    return e.id;
  }

  domain::Programme programme_;
  int64_t programme_id_ = 0;
};

}  // namespace talent::storage

#endif  // TALENT_TESTS_STORAGE_SEEDED_DATABASE_H_
