// Online backups taken while talentd is busy, as an operator would take
// them: during a large enrolment import and during a stream of sheet
// writes. Each copy must be a consistent snapshot — integrity_check ok, the
// import there whole or not at all, every sheet change there with its audit
// event — and must serve again: restored with the signing key, its audit
// chain verifies.
#include <sqlite3.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/cli_fixture.h"

namespace talent::testing {
namespace {

using ::testing::HasSubstr;

constexpr int kImportRows = 20000;

// One integer from `sql` on the database file at `path` (read-only).
int64_t QueryInt(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  int64_t value = -1;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
      value = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return value;
}

std::string QueryText(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  std::string value;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
      value = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return value;
}

class BackupUnderLoadTest : public CliFixture {
 protected:
  struct Copy {
    std::string path;
    bool during_import = false;
  };

  // Cohort 2023 cultivating with round 1 open and expert.a assigned to one
  // candidate, whose ID is returned; cohort 2024 enrolling.
  std::string SetUpRoundAndAnEnrollingCohort() {
    SeedProgrammeAndCohort();
    ProcessResult r = Ctl({"enrolment", "import", "--cohort", "SCSW/2023",
                           kSource + "/scripts/data/applicants-2023.csv"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    r = Ctl({"-o", "csv", "enrolment", "list", "--cohort", "SCSW/2023"});
    std::string id = r.out.substr(r.out.find('\n') + 1);
    id = id.substr(0, id.find(','));
    EXPECT_EQ(Ctl({"enrolment", "recommend", "--level", "county", "--by", "民政局", "--date",
                   "2023-04-01", id})
                  .exit_code,
              0);
    EXPECT_EQ(Ctl({"enrolment", "select", id}).exit_code, 0);
    EXPECT_EQ(Ctl({"cohort", "cultivate", "SCSW/2023", "--yes"}).exit_code, 0);
    EXPECT_EQ(Ctl({"round", "create", "SCSW/2023", "--title", "中期考核", "--position", "1"})
                  .exit_code,
              0);
    assessor_token_ = CreateUserWithToken("expert.a", "assessor", "西南财经大学", "专家");
    EXPECT_EQ(Ctl({"assignment", "add", "SCSW/2023/1", "--assessor", "expert.a", "--all"}).exit_code,
              0);
    EXPECT_EQ(Ctl({"round", "open", "SCSW/2023/1"}).exit_code, 0);
    r = Ctl({"cohort", "create", "--programme", "SCSW", "--year", "2024", "--quotas", "10/10/10"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(Ctl({"cohort", "open", "SCSW/2024"}).exit_code, 0);
    return id;
  }

  std::string Backup(int n) {
    std::string path = dir_.File(absl::StrCat("copy-", n, ".db"));
    ProcessResult r = RunProcess({kTalentd, "backup", "--db", db_, "--to", path});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return path;
  }

  // Serves `copy` with the original key and checks its audit chain.
  void ExpectServesAndVerifies(const std::string& copy) {
    server_->Stop(SIGTERM);
    const std::string key = db_ + ".key";
    const std::string original = db_;
    db_ = copy;
    StartServer({"--key", key});
    // Each copy is another server as far as remembered heads go.
    ProcessResult r = Ctl({"audit", "verify"},
                          {{"XDG_CONFIG_HOME", copy + ".config"}});
    EXPECT_EQ(r.exit_code, 0) << copy << ": " << r.err;
    db_ = original;
  }

  std::string assessor_token_;
};

TEST_F(BackupUnderLoadTest, CopiesTakenDuringAnImportAndSheetWritesAreConsistent) {
  const std::string candidate = SetUpRoundAndAnEnrollingCohort();
  ASSERT_FALSE(HasFailure());
  ProcessResult csv = RunProcess({kGenApplicants, std::to_string(kImportRows), "7"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  WriteFile(dir_.File("applicants-2024.csv"), csv.out);

  // An assessor keeps changing one criterion of their sheet.
  std::atomic<bool> stop{false};
  std::atomic<int> acknowledged{0};
  std::thread sheets([&] {
    for (int i = 0; !stop; ++i) {
      std::string points = absl::StrCat("theory=", i % 2 == 0 ? "10" : "11");
      ProcessResult r = Ctl({"score", "set", "SCSW/2023/1", candidate, "--points", points},
                            {{"TALENT_TOKEN", assessor_token_}});
      if (r.exit_code == 0) ++acknowledged;
    }
  });
  std::atomic<bool> importing{true};
  ProcessResult import;
  std::thread importer([&] {
    import = Ctl({"enrolment", "import", "--cohort", "SCSW/2024",
                  dir_.File("applicants-2024.csv")});
    importing = false;
  });

  std::vector<Copy> copies;
  while (importing && copies.size() < 30) {
    bool during = importing;
    copies.push_back({Backup(static_cast<int>(copies.size())), during});
  }
  importer.join();
  for (int i = 0; i < 3; ++i) copies.push_back({Backup(static_cast<int>(copies.size())), false});
  stop = true;
  sheets.join();

  ASSERT_EQ(import.exit_code, 0) << import.err;
  EXPECT_THAT(import.err, HasSubstr(absl::StrCat("imported ", kImportRows)));
  EXPECT_GT(acknowledged.load(), 0);
  int during_import = 0;
  for (const Copy& copy : copies) {
    SCOPED_TRACE(copy.path);
    during_import += copy.during_import ? 1 : 0;
    EXPECT_EQ(QueryText(copy.path, "PRAGMA integrity_check"), "ok");
    EXPECT_EQ(QueryInt(copy.path, "SELECT COUNT(*) FROM pragma_foreign_key_check"), 0);
    // The import is in a copy whole, or not at all.
    int64_t imported = QueryInt(copy.path,
                                "SELECT COUNT(*) FROM enrolments e JOIN cohorts c "
                                "ON c.id = e.cohort_id WHERE c.year = 2024");
    EXPECT_TRUE(imported == 0 || imported == kImportRows) << imported;
    // Every sheet change is there with its audit event, and no other.
    EXPECT_EQ(QueryInt(copy.path, "SELECT COUNT(*) FROM sheet_history"),
              QueryInt(copy.path, "SELECT COUNT(*) FROM audit_events WHERE method = 'SetScores'"));
  }
  EXPECT_GT(during_import, 0) << "no copy was taken while the import ran";
  // The last copy has everything the server acknowledged before it.
  EXPECT_EQ(QueryInt(copies.back().path,
                     "SELECT COUNT(*) FROM enrolments e JOIN cohorts c "
                     "ON c.id = e.cohort_id WHERE c.year = 2024"),
            kImportRows);

  // Restored, a copy from the middle of the import and the last one serve
  // and verify their audit chains.
  for (const Copy& copy : copies) {
    if (copy.during_import) {
      ExpectServesAndVerifies(copy.path);
      break;
    }
  }
  ExpectServesAndVerifies(copies.back().path);
}

}  // namespace
}  // namespace talent::testing
