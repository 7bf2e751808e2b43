#include "server/storage/store.h"

#include <sys/stat.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/storage/audit_log.h"
#include "server/storage/migrations.h"
#include "server/storage/programme_repository.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace talent::storage {
namespace {

using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;
using ::talent::testing::TempDir;
using ::testing::HasSubstr;

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

std::string QueryText(Connection& db, const char* sql) {
  auto st = db.Prepare(sql);
  EXPECT_THAT(st, IsOk());
  if (!st.ok()) return "<error>";
  auto row = (*st)->Step();
  EXPECT_THAT(row, IsOk());
  std::string value = row.ok() && *row ? (*st)->ColumnText(0) : "<no row>";
  (*st)->Reset();
  return value;
}

domain::Programme MakeProgramme(const std::string& code) {
  domain::Programme p;
  p.code = code;
  p.title = "四川社会工作人才计划";
  p.issuer = "四川省民政厅";
  p.start_year = 2020;
  p.end_year = 2030;
  p.talent_target = 300;
  p.create_time = p.update_time = 1685577600;
  return p;
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(/*create=*/true); }

  void Open(bool create) {
    StoreOptions options;
    options.create = create;
    options.readers = 2;
    auto store = Store::Open(path_, options);
    ASSERT_THAT(store, IsOk());
    store_ = std::move(*store);
  }

  int64_t CountIn(const char* sql) {
    int64_t count = -1;
    EXPECT_THAT(store_->Read([&](Connection& db) {
      count = QueryInt(db, sql);
      return absl::OkStatus();
    }),
                IsOk());
    return count;
  }

  TempDir dir_;
  std::string path_ = dir_.File("talent.db");
  std::unique_ptr<Store> store_;
};

TEST(StoreOpenTest, MissingFileWithoutCreateIsFailedPrecondition) {
  TempDir dir;
  StoreOptions options;  // create = false
  EXPECT_THAT(Store::Open(dir.File("absent.db"), options),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("talentd init")));
}

TEST(StoreOpenTest, ZeroReadersStillGivesOne) {
  TempDir dir;
  StoreOptions options;
  options.create = true;
  options.readers = 0;
  auto store = Store::Open(dir.File("t.db"), options);
  ASSERT_THAT(store, IsOk());
  int64_t version = -1;
  EXPECT_THAT((*store)->Read([&](Connection& db) {
    version = QueryInt(db, "PRAGMA user_version");
    return absl::OkStatus();
  }),
              IsOk());
  EXPECT_EQ(version, LatestSchemaVersion());
  EXPECT_EQ((*store)->path(), dir.File("t.db"));
}

// The mode bits a file was created with.
mode_t ModeOf(const std::string& path) {
  struct stat st;
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 0777;
}

// Sets the process umask for one scope.
class ScopedUmask {
 public:
  explicit ScopedUmask(mode_t mask) : old_(::umask(mask)) {}
  ~ScopedUmask() { ::umask(old_); }

 private:
  mode_t old_;
};

TEST(StoreFileModeTest, DatabaseWalAndBackupAreOwnerOnlyWhateverTheUmask) {
  ScopedUmask permissive(0);  // would make files 0666
  TempDir dir;
  StoreOptions options;
  options.create = true;
  auto store = Store::Open(dir.File("t.db"), options);
  ASSERT_THAT(store, IsOk());
  ASSERT_THAT((*store)->Write([](Connection& db) {
    domain::Programme p = MakeProgramme("SCSW");
    return ProgrammeRepository::Insert(db, &p);
  }),
              IsOk());
  EXPECT_EQ(ModeOf(dir.File("t.db")), 0600u);
  EXPECT_EQ(ModeOf(dir.File("t.db-wal")), 0600u);
  EXPECT_EQ(ModeOf(dir.File("t.db-shm")), 0600u);
  ASSERT_THAT(BackupDatabase(dir.File("t.db"), dir.File("copy.db")), IsOk());
  EXPECT_EQ(ModeOf(dir.File("copy.db")), 0600u);
}

TEST_F(StoreTest, OpenMigratesToLatestSchema) {
  EXPECT_EQ(CountIn("PRAGMA user_version"), LatestSchemaVersion());
}

TEST_F(StoreTest, WriterIsInWalModeWithForeignKeys) {
  std::string journal;
  int64_t foreign_keys = -1;
  ASSERT_THAT(store_->Write([&](Connection& db) {
    journal = QueryText(db, "PRAGMA journal_mode");
    foreign_keys = QueryInt(db, "PRAGMA foreign_keys");
    return absl::OkStatus();
  }),
              IsOk());
  EXPECT_EQ(journal, "wal");
  EXPECT_EQ(foreign_keys, 1);
  EXPECT_EQ(CountIn("PRAGMA foreign_keys"), 1);  // the readers too
}

// Durability is a property of every connection, not of the file: a reader
// or writer opened with synchronous below FULL would acknowledge commits the
// OS had not yet written. The readers are all taken at once (each read
// waits until every reader is held), so each one is checked.
TEST(StoreDurabilityTest, EveryConnectionIsWalWithFullSync) {
  TempDir dir;
  StoreOptions options;
  options.create = true;
  options.readers = 3;
  auto opened = Store::Open(dir.File("t.db"), options);
  ASSERT_THAT(opened, IsOk());
  Store& store = **opened;

  std::string journal;
  int64_t sync = -1;
  ASSERT_THAT(store.Write([&](Connection& db) {
    journal = QueryText(db, "PRAGMA journal_mode");
    sync = QueryInt(db, "PRAGMA synchronous");
    return absl::OkStatus();
  }),
              IsOk());
  EXPECT_EQ(journal, "wal") << "writer";
  EXPECT_EQ(sync, 2) << "writer";  // FULL

  std::mutex mu;
  std::condition_variable all_in;
  int held = 0;
  std::set<const Connection*> seen;
  std::vector<std::pair<std::string, int64_t>> pragmas;
  auto read = [&] {
    EXPECT_THAT(store.Read([&](Connection& db) {
      std::unique_lock<std::mutex> lock(mu);
      seen.insert(&db);
      pragmas.emplace_back(QueryText(db, "PRAGMA journal_mode"),
                           QueryInt(db, "PRAGMA synchronous"));
      ++held;
      all_in.notify_all();
      all_in.wait(lock, [&] { return held == options.readers; });
      return absl::OkStatus();
    }),
                IsOk());
  };
  std::vector<std::thread> threads;
  for (int i = 0; i < options.readers; ++i) threads.emplace_back(read);
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(seen.size(), 3u) << "every reader was checked";
  ASSERT_EQ(pragmas.size(), 3u);
  for (const auto& [mode, level] : pragmas) {
    EXPECT_EQ(mode, "wal");
    EXPECT_EQ(level, 2);  // FULL
  }
}

TEST_F(StoreTest, ReadSeesCommittedWrite) {
  ASSERT_THAT(store_->Write([](Connection& db) {
    domain::Programme p = MakeProgramme("SCSW");
    return ProgrammeRepository::Insert(db, &p);
  }),
              IsOk());
  domain::Programme found;
  ASSERT_THAT(store_->Read([&](Connection& db) -> absl::Status {
    auto p = ProgrammeRepository::FindByCode(db, "SCSW");
    if (!p.ok()) return p.status();
    found = *p;
    return absl::OkStatus();
  }),
              IsOk());
  EXPECT_EQ(found.title, "四川社会工作人才计划");
}

TEST_F(StoreTest, WriteRollsBackEverythingWhenTheWorkFails) {
  absl::Status status = store_->Write([](Connection& db) -> absl::Status {
    domain::Programme p = MakeProgramme("SCSW");
    absl::Status inserted = ProgrammeRepository::Insert(db, &p);
    if (!inserted.ok()) return inserted;
    domain::Cohort c;
    c.programme_id = p.id;
    c.programme_code = p.code;
    c.year = 2023;
    inserted = CohortRepository::Insert(db, &c);
    if (!inserted.ok()) return inserted;
    inserted = AuditLog::Append(db, 1, domain::Actor{}, "CreateProgramme", "programmes/SCSW", "created");
    if (!inserted.ok()) return inserted;
    return absl::AbortedError("changed my mind");
  });
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kAborted, "changed my mind"));
  EXPECT_EQ(CountIn("SELECT COUNT(*) FROM programmes"), 0);
  EXPECT_EQ(CountIn("SELECT COUNT(*) FROM cohorts"), 0);
  EXPECT_EQ(CountIn("SELECT COUNT(*) FROM audit_events"), 0);
}

TEST_F(StoreTest, WriteFailingOnAConstraintRollsBackItsEarlierStatements) {
  EXPECT_THAT(store_->Write([](Connection& db) -> absl::Status {
    domain::Programme first = MakeProgramme("AAA");
    absl::Status s = ProgrammeRepository::Insert(db, &first);
    if (!s.ok()) return s;
    domain::Programme again = MakeProgramme("AAA");
    return ProgrammeRepository::Insert(db, &again);
  }),
              StatusIs(absl::StatusCode::kAlreadyExists, "programme AAA already exists"));
  EXPECT_EQ(CountIn("SELECT COUNT(*) FROM programmes"), 0);
  // The writer is usable afterwards.
  EXPECT_THAT(store_->Write([](Connection& db) {
    domain::Programme p = MakeProgramme("AAA");
    return ProgrammeRepository::Insert(db, &p);
  }),
              IsOk());
  EXPECT_EQ(CountIn("SELECT COUNT(*) FROM programmes"), 1);
}

TEST_F(StoreTest, ReadConnectionsCannotWrite) {
  EXPECT_THAT(store_->Read([](Connection& db) {
    domain::Programme p = MakeProgramme("SCSW");
    return ProgrammeRepository::Insert(db, &p);
  }),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("readonly")));
  EXPECT_EQ(CountIn("SELECT COUNT(*) FROM programmes"), 0);
}

TEST_F(StoreTest, ReadWorkSeesOneSnapshot) {
  int64_t before = -1, during = -1;
  ASSERT_THAT(store_->Read([&](Connection& db) -> absl::Status {
    before = QueryInt(db, "SELECT COUNT(*) FROM programmes");
    // A write commits while this read is in progress.
    absl::Status written = store_->Write([](Connection& w) {
      domain::Programme p = MakeProgramme("SCSW");
      return ProgrammeRepository::Insert(w, &p);
    });
    if (!written.ok()) return written;
    during = QueryInt(db, "SELECT COUNT(*) FROM programmes");
    return absl::OkStatus();
  }),
              IsOk());
  EXPECT_EQ(before, 0);
  EXPECT_EQ(during, 0);
  EXPECT_EQ(CountIn("SELECT COUNT(*) FROM programmes"), 1);
}

TEST_F(StoreTest, CommittedDataSurvivesClosingAndReopening) {
  ASSERT_THAT(store_->Write([](Connection& db) {
    domain::Programme p = MakeProgramme("SCSW");
    return ProgrammeRepository::Insert(db, &p);
  }),
              IsOk());
  store_.reset();
  Open(/*create=*/false);
  EXPECT_EQ(CountIn("SELECT COUNT(*) FROM programmes"), 1);
  EXPECT_EQ(CountIn("PRAGMA user_version"), LatestSchemaVersion());
}

TEST_F(StoreTest, ConcurrentWritesAreSerialised) {
  // Each append reads the last event and writes the next: interleaved
  // writers would break the hash chain or collide on ids.
  constexpr int kThreads = 4;
  constexpr int kEach = 8;
  std::vector<std::thread> threads;
  std::vector<absl::Status> failures(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        absl::Status s = store_->Write([&](Connection& db) {
          return AuditLog::Append(db, i, domain::Actor{}, "Test", absl::StrCat("thread/", t), "x");
        });
        if (!s.ok()) failures[t] = s;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const absl::Status& s : failures) EXPECT_THAT(s, IsOk());
  int64_t checked = -1;
  ASSERT_THAT(store_->Read([&](Connection& db) -> absl::Status {
    auto verified = AuditLog::Verify(db);
    if (!verified.ok()) return verified.status();
    checked = verified->events;
    return absl::OkStatus();
  }),
              IsOk());
  EXPECT_EQ(checked, kThreads * kEach);
}

}  // namespace
}  // namespace talent::storage
