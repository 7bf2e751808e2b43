#include "server/storage/migrations.h"

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/storage/store.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace talent::storage {
namespace {

using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;
using ::talent::testing::TempDir;
using ::testing::HasSubstr;

constexpr absl::StatusCode kAlreadyExists = absl::StatusCode::kAlreadyExists;
constexpr absl::StatusCode kPrecondition = absl::StatusCode::kFailedPrecondition;

int64_t QueryInt(Connection& db, const char* sql) {
  auto st = db.Prepare(sql);
  EXPECT_THAT(st, IsOk());
  if (!st.ok()) return -1;
  auto row = (*st)->Step();
  EXPECT_THAT(row, IsOk());
  int64_t value = row.ok() && *row ? (*st)->ColumnInt(0) : -1;
  (*st)->Reset();
  return value;
}

class MigrationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = Connection::Open(dir_.File("talent.db"), Connection::Mode::kReadWrite, true);
    ASSERT_THAT(db, IsOk());
    db_ = std::move(*db);
    // Durability is not under test here (StoreDurabilityTest in store_test and
    // the kill -9 end-to-end test have it): skip the fsync
    // of every commit, which is most of the run time on a busy disk.
    ASSERT_THAT(db_->Execute("PRAGMA synchronous = OFF"), IsOk());
  }

  // A migrated database with programme 1 (cohorts 2022 = id 1, 2023 = id 2),
  // programme 2 (cohort 2023 = id 3) and person 1.
  void Seed() {
    ASSERT_THAT(Migrate(db_.get()), IsOk());
    ASSERT_THAT(db_->Execute(
                    "INSERT INTO programmes (id, code, title, issuer, start_year, end_year, "
                    "talent_target, create_time, update_time) "
                    "VALUES (1, 'SCSW', 't', 'i', 2020, 2030, 300, 0, 0);"
                    "INSERT INTO programmes (id, code, title, issuer, start_year, end_year, "
                    "talent_target, create_time, update_time) "
                    "VALUES (2, 'GDSW', 't', 'i', 2020, 2030, 300, 0, 0);"
                    "INSERT INTO cohorts VALUES (1, 1, 2022, 2, 10, 10, 10, 0, 0);"
                    "INSERT INTO cohorts VALUES (2, 1, 2023, 2, 10, 10, 10, 0, 0);"
                    "INSERT INTO cohorts VALUES (3, 2, 2023, 2, 10, 10, 10, 0, 0);"
                    "INSERT INTO persons (id, national_id, full_name, gender, birth_date, "
                    "create_time, update_time) VALUES "
                    "(1, '510104199003071237', '张三', 1, '1990-03-07', 0, 0);"),
                IsOk());
  }

  // Inserts an enrolment of person 1.
  absl::Status InsertEnrolment(int cohort_id, int programme_id, int stage) {
    auto st = db_->Prepare(
        "INSERT INTO enrolments (cohort_id, programme_id, person_id, track, organisation, stage, "
        "create_time, update_time) VALUES (?, ?, 1, 1, 'org', ?, 0, 0)");
    if (!st.ok()) return st.status();
    return (*st)->Bind(1, cohort_id).Bind(2, programme_id).Bind(3, stage).Run();
  }

  TempDir dir_;
  std::unique_ptr<Connection> db_;
};

TEST_F(MigrationsTest, EmptyFileMigratesToLatestVersion) {
  ASSERT_GE(LatestSchemaVersion(), 1);
  auto before = SchemaVersion(db_.get());
  ASSERT_THAT(before, IsOk());
  EXPECT_EQ(*before, 0);
  ASSERT_THAT(Migrate(db_.get()), IsOk());
  auto version = SchemaVersion(db_.get());
  ASSERT_THAT(version, IsOk());
  EXPECT_EQ(*version, LatestSchemaVersion());
  EXPECT_EQ(QueryInt(*db_, "PRAGMA user_version"), LatestSchemaVersion());
}

TEST_F(MigrationsTest, CreatesEveryTableIndexAndTrigger) {
  ASSERT_THAT(Migrate(db_.get()), IsOk());
  for (const char* name :
       {"programmes", "cohorts", "users", "tokens", "persons", "enrolments", "recommendations",
        "idempotency", "audit_events", "enrolments_one_open", "audit_events_no_update",
        "audit_events_no_delete", "invitations", "invitations_by_user"}) {
    auto st = db_->Prepare("SELECT COUNT(*) FROM sqlite_schema WHERE name = ?");
    ASSERT_THAT(st, IsOk());
    (*st)->Bind(1, name);
    auto row = (*st)->Step();
    ASSERT_THAT(row, IsOk());
    EXPECT_EQ((*st)->ColumnInt(0), 1) << name;
  }
}

TEST_F(MigrationsTest, MigratingAgainChangesNothingAndKeepsData) {
  Seed();
  ASSERT_THAT(Migrate(db_.get()), IsOk());
  ASSERT_THAT(Migrate(db_.get()), IsOk());
  EXPECT_EQ(QueryInt(*db_, "PRAGMA user_version"), LatestSchemaVersion());
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM programmes"), 2);
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM cohorts"), 3);
}

TEST_F(MigrationsTest, ReopeningMigratedFileKeepsVersionAndData) {
  Seed();
  db_.reset();
  auto db = Connection::Open(dir_.File("talent.db"), Connection::Mode::kReadWrite, false);
  ASSERT_THAT(db, IsOk());
  auto version = SchemaVersion(db->get());
  ASSERT_THAT(version, IsOk());
  EXPECT_EQ(*version, LatestSchemaVersion());
  ASSERT_THAT(Migrate(db->get()), IsOk());
  EXPECT_EQ(QueryInt(**db, "SELECT COUNT(*) FROM persons"), 1);
}

TEST_F(MigrationsTest, NewerDatabaseIsRefusedAndLeftAlone) {
  const int newer = LatestSchemaVersion() + 1;
  ASSERT_THAT(db_->Execute(absl::StrCat("PRAGMA user_version = ", newer).c_str()), IsOk());
  EXPECT_THAT(Migrate(db_.get()),
              StatusIs(kPrecondition,
                       HasSubstr(absl::StrCat("has schema version ", newer,
                                              ", newer than this talentd understands (",
                                              LatestSchemaVersion(), "); run a newer talentd"))));
  EXPECT_EQ(QueryInt(*db_, "PRAGMA user_version"), newer);
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM sqlite_schema"), 0);
}

TEST_F(MigrationsTest, StoreOpenRefusesNewerDatabase) {
  ASSERT_THAT(db_->Execute(
                  absl::StrCat("PRAGMA user_version = ", LatestSchemaVersion() + 1).c_str()),
              IsOk());
  db_.reset();
  StoreOptions options;
  EXPECT_THAT(Store::Open(dir_.File("talent.db"), options),
              StatusIs(kPrecondition, HasSubstr("run a newer talentd")));
}

// --- Version 2: rubrics and rules ------------------------------------------------

// Counts the schema objects of that name (0 or 1).
int64_t SchemaObjects(Connection& db, const char* name) {
  auto st = db.Prepare("SELECT COUNT(*) FROM sqlite_schema WHERE name = ?");
  EXPECT_THAT(st, IsOk());
  if (!st.ok()) return -1;
  (*st)->Bind(1, name);
  auto row = (*st)->Step();
  EXPECT_THAT(row, IsOk());
  int64_t n = row.ok() && *row ? (*st)->ColumnInt(0) : -1;
  (*st)->Reset();
  return n;
}

TEST_F(MigrationsTest, CreatesTheRubricAndRulesTables) {
  ASSERT_GE(LatestSchemaVersion(), 2);
  ASSERT_THAT(Migrate(db_.get()), IsOk());
  EXPECT_EQ(SchemaObjects(*db_, "rubric_criteria"), 1);
  EXPECT_EQ(SchemaObjects(*db_, "cohort_rules"), 1);
}

TEST_F(MigrationsTest, VersionOneDatabaseWithDataUpgradesKeepingItsRows) {
  ASSERT_GE(LatestSchemaVersion(), 2);
  // A database as version 1 left it: migration 1's tables, none of the
  // later ones (dropped here, newest first).
  ASSERT_THAT(Migrate(db_.get()), IsOk());
  ASSERT_THAT(db_->Execute("DROP TABLE imported_cohorts; "
                           "ALTER TABLE programmes DROP COLUMN objection_contact; "
                           "DROP TABLE invitations; "
                           "DROP TABLE database_settings; DROP TABLE signing_keys; "
                           "DROP TABLE audit_covers; DROP INDEX audit_events_by_user; "
                           "DROP INDEX audit_events_by_token; "
                           "ALTER TABLE audit_events DROP COLUMN username; "
                           "ALTER TABLE audit_events DROP COLUMN token_id; "
                           "ALTER TABLE audit_events DROP COLUMN format; "
                           "ALTER TABLE audit_events DROP COLUMN content_hash; "
                           "ALTER TABLE audit_events DROP COLUMN request_id; "
                           "DROP TABLE certificates; DROP TABLE round_results; "
                           "DROP TABLE sheet_history; "
                           "DROP TABLE sheet_points; DROP TABLE sheets; DROP TABLE appeals; "
                           "DROP TABLE absences; DROP TABLE assignments; DROP TABLE conflicts; "
                           "DROP TABLE rounds; ALTER TABLE enrolments DROP COLUMN "
                           "certificate_eligible; DROP TABLE rubric_criteria; "
                           "DROP TABLE cohort_rules; PRAGMA user_version = 1;"),
              IsOk());
  ASSERT_EQ(QueryInt(*db_, "PRAGMA user_version"), 1);
  ASSERT_EQ(SchemaObjects(*db_, "rubric_criteria"), 0);
  ASSERT_EQ(SchemaObjects(*db_, "cohort_rules"), 0);
  ASSERT_THAT(db_->Execute(
                  "INSERT INTO programmes (id, code, title, issuer, start_year, end_year, "
                  "talent_target, create_time, update_time) "
                  "VALUES (1, 'SCSW', 't', 'i', 2020, 2030, 300, 0, 0);"
                  "INSERT INTO cohorts VALUES (7, 1, 2023, 3, 10, 9, 8, 0, 0);"),
              IsOk());

  ASSERT_THAT(Migrate(db_.get()), IsOk());
  auto version = SchemaVersion(db_.get());
  ASSERT_THAT(version, IsOk());
  EXPECT_EQ(*version, LatestSchemaVersion());
  EXPECT_EQ(QueryInt(*db_, "PRAGMA user_version"), LatestSchemaVersion());
  // The rows of version 1 survive.
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM programmes WHERE code = 'SCSW'"), 1);
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM cohorts"), 1);
  EXPECT_EQ(QueryInt(*db_, "SELECT quota_management FROM cohorts WHERE id = 7"), 9);
  EXPECT_EQ(QueryInt(*db_, "SELECT state FROM cohorts WHERE id = 7"), 3);
  // The new tables exist, empty, and take rows of the old cohort.
  EXPECT_EQ(SchemaObjects(*db_, "rubric_criteria"), 1);
  EXPECT_EQ(SchemaObjects(*db_, "cohort_rules"), 1);
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM rubric_criteria"), 0);
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM cohort_rules"), 0);
  EXPECT_THAT(db_->Execute("INSERT INTO rubric_criteria VALUES (7, 0, 'ethics', '伦理', "
                           "'Ethics', 150, 1)"),
              IsOk());
  EXPECT_THAT(db_->Execute("INSERT INTO cohort_rules VALUES (7, 1, 3, 9000, 8000, 6000, 60, 0, "
                           "200, 5, 1, 1, 0, 0, 0, 0)"),
              IsOk());
}

TEST_F(MigrationsTest, RubricCriteriaRefuseImpossibleRows) {
  Seed();
  ASSERT_THAT(db_->Execute("INSERT INTO rubric_criteria VALUES (1, 0, 'a', 'a', 'a', 10, 0)"),
              IsOk());
  // Codes are unique within a cohort; positions too.
  EXPECT_THAT(db_->Execute("INSERT INTO rubric_criteria VALUES (1, 1, 'a', 'a', 'a', 10, 0)"),
              StatusIs(kAlreadyExists, HasSubstr("UNIQUE constraint failed")));
  EXPECT_THAT(db_->Execute("INSERT INTO rubric_criteria VALUES (1, 0, 'b', 'b', 'b', 10, 0)"),
              StatusIs(kAlreadyExists, HasSubstr("UNIQUE constraint failed")));
  // The same code in another cohort is fine.
  EXPECT_THAT(db_->Execute("INSERT INTO rubric_criteria VALUES (2, 0, 'a', 'a', 'a', 10, 0)"),
              IsOk());
  for (const char* sql : {
           "INSERT INTO rubric_criteria VALUES (1, 5, 'z', 'z', 'z', 0, 0)",
           "INSERT INTO rubric_criteria VALUES (1, 5, 'z', 'z', 'z', 1001, 0)",
           "INSERT INTO rubric_criteria VALUES (1, 5, 'z', 'z', 'z', 10, 2)",
           "INSERT INTO cohort_rules VALUES (1, 0, 3, 9000, 8000, 6000, 60, 0, 200, 5, 1, 1, 0, "
           "0, 0, 0)",
           "INSERT INTO cohort_rules VALUES (1, 4, 3, 9000, 8000, 6000, 60, 0, 200, 5, 1, 1, 0, "
           "0, 0, 0)",
       }) {
    EXPECT_THAT(db_->Execute(sql), StatusIs(kPrecondition, HasSubstr("CHECK constraint failed")))
        << sql;
  }
  EXPECT_THAT(db_->Execute("INSERT INTO rubric_criteria VALUES (99, 0, 'a', 'a', 'a', 10, 0)"),
              StatusIs(kPrecondition, HasSubstr("FOREIGN KEY constraint failed")));
  EXPECT_THAT(db_->Execute("INSERT INTO cohort_rules VALUES (99, 1, 3, 9000, 8000, 6000, 60, 0, "
                           "200, 5, 1, 1, 0, 0, 0, 0)"),
              StatusIs(kPrecondition, HasSubstr("FOREIGN KEY constraint failed")));
}

// --- Constraints the schema enforces itself --------------------------------------

TEST_F(MigrationsTest, DuplicateProgrammeCodeIsAlreadyExists) {
  Seed();
  EXPECT_THAT(db_->Execute("INSERT INTO programmes (code, title, issuer, start_year, end_year, "
                           "talent_target, create_time, update_time) "
                           "VALUES ('SCSW', 'other', 'i', 2020, 2030, 1, 0, 0)"),
              StatusIs(kAlreadyExists, HasSubstr("UNIQUE constraint failed: programmes.code")));
}

TEST_F(MigrationsTest, DuplicateCohortOfProgrammeAndYearIsAlreadyExists) {
  Seed();
  EXPECT_THAT(db_->Execute("INSERT INTO cohorts (programme_id, year, state, quota_service, "
                           "quota_management, quota_education_research, create_time, update_time) "
                           "VALUES (1, 2023, 1, 1, 1, 1, 0, 0)"),
              StatusIs(kAlreadyExists, HasSubstr("UNIQUE constraint failed")));
  // The same year in another programme is a different cohort.
  EXPECT_THAT(db_->Execute("INSERT INTO cohorts (programme_id, year, state, quota_service, "
                           "quota_management, quota_education_research, create_time, update_time) "
                           "VALUES (2, 2022, 1, 1, 1, 1, 0, 0)"),
              IsOk());
}

TEST_F(MigrationsTest, AtMostOneOpenEnrolmentPerPersonAndProgramme) {
  Seed();
  ASSERT_THAT(InsertEnrolment(/*cohort=*/1, /*programme=*/1, /*stage=*/1), IsOk());
  for (int open_stage : {1, 2, 3, 5}) {
    EXPECT_THAT(InsertEnrolment(2, 1, open_stage),
                StatusIs(kAlreadyExists, HasSubstr("UNIQUE constraint failed")))
        << "stage " << open_stage;
  }
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM enrolments"), 1);
}

TEST_F(MigrationsTest, ClosedEnrolmentsDoNotCountAgainstTheOpenOne) {
  Seed();
  ASSERT_THAT(InsertEnrolment(1, 1, /*applied=*/1), IsOk());
  EXPECT_THAT(InsertEnrolment(2, 1, /*not selected=*/4), IsOk());
  // An open enrolment in another programme is fine too.
  EXPECT_THAT(InsertEnrolment(3, 2, 1), IsOk());
  // Closing the open one frees the slot: a new open one may follow.
  ASSERT_THAT(db_->Execute("UPDATE enrolments SET stage = 7 WHERE cohort_id = 1"), IsOk());
  ASSERT_THAT(db_->Execute("DELETE FROM enrolments WHERE cohort_id = 2"), IsOk());
  EXPECT_THAT(InsertEnrolment(2, 1, 1), IsOk());
  // Reopening the closed one would make two: refused.
  EXPECT_THAT(db_->Execute("UPDATE enrolments SET stage = 1 WHERE cohort_id = 1"),
              StatusIs(kAlreadyExists));
}

TEST_F(MigrationsTest, PersonEnrolsOnceInACohort) {
  Seed();
  ASSERT_THAT(InsertEnrolment(1, 1, 4), IsOk());
  EXPECT_THAT(InsertEnrolment(1, 1, 7),
              StatusIs(kAlreadyExists, HasSubstr("UNIQUE constraint failed")));
}

TEST_F(MigrationsTest, ForeignKeysAreEnforced) {
  Seed();
  EXPECT_THAT(db_->Execute("INSERT INTO cohorts (programme_id, year, state, quota_service, "
                           "quota_management, quota_education_research, create_time, update_time) "
                           "VALUES (99, 2023, 1, 1, 1, 1, 0, 0)"),
              StatusIs(kPrecondition, HasSubstr("FOREIGN KEY constraint failed")));
  EXPECT_THAT(db_->Execute("INSERT INTO enrolments (cohort_id, programme_id, person_id, track, "
                           "organisation, stage, create_time, update_time) "
                           "VALUES (1, 1, 99, 1, 'org', 1, 0, 0)"),
              StatusIs(kPrecondition, HasSubstr("FOREIGN KEY constraint failed")));
  EXPECT_THAT(db_->Execute("DELETE FROM programmes WHERE id = 1"),
              StatusIs(kPrecondition, HasSubstr("FOREIGN KEY constraint failed")));
  EXPECT_THAT(db_->Execute("INSERT INTO tokens (user_id, secret_hash, create_time) "
                           "VALUES (99, x'00', 0)"),
              StatusIs(kPrecondition, HasSubstr("FOREIGN KEY constraint failed")));
}

TEST_F(MigrationsTest, CheckConstraintsRefuseImpossibleRows) {
  Seed();
  for (const char* sql : {
           "INSERT INTO programmes (code, title, issuer, start_year, end_year, talent_target, "
           "create_time, update_time) VALUES ('AA', 't', 'i', 2020, 2030, 0, 0, 0)",
           "INSERT INTO programmes (code, title, issuer, start_year, end_year, talent_target, "
           "create_time, update_time) VALUES ('BB', 't', 'i', 2031, 2030, 1, 0, 0)",
           "UPDATE cohorts SET state = 5 WHERE id = 1",
           "UPDATE cohorts SET quota_management = -1 WHERE id = 1",
           "UPDATE persons SET gender = 0 WHERE id = 1",
           "UPDATE persons SET national_id = '51010419900307123' WHERE id = 1",
           "INSERT INTO users (username, display_name, role, organisation, create_time) "
           "VALUES ('u', 'u', 4, 'o', 0)",
       }) {
    EXPECT_THAT(db_->Execute(sql), StatusIs(kPrecondition, HasSubstr("CHECK constraint failed")))
        << sql;
  }
}

}  // namespace
}  // namespace talent::storage
