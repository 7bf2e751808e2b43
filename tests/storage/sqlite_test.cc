#include "server/storage/sqlite.h"

#include <fstream>
#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace talent::storage {
namespace {

using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;
using ::talent::testing::TempDir;
using ::testing::HasSubstr;

std::unique_ptr<Connection> OpenOrDie(const std::string& path,
                                      Connection::Mode mode = Connection::Mode::kReadWrite,
                                      bool create = true) {
  auto connection = Connection::Open(path, mode, create);
  EXPECT_THAT(connection, IsOk());
  return connection.ok() ? std::move(*connection) : nullptr;
}

// The single value a one-row query returns, as text.
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

// --- SqliteStatus ------------------------------------------------------------

TEST(SqliteStatusTest, SuccessCodesAreOk) {
  EXPECT_THAT(SqliteStatus(SQLITE_OK, nullptr, "x"), IsOk());
  EXPECT_THAT(SqliteStatus(SQLITE_ROW, nullptr, "x"), IsOk());
  EXPECT_THAT(SqliteStatus(SQLITE_DONE, nullptr, "x"), IsOk());
}

TEST(SqliteStatusTest, UniqueAndPrimaryKeyAreAlreadyExists) {
  EXPECT_THAT(SqliteStatus(SQLITE_CONSTRAINT_UNIQUE, nullptr, "insert"),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(SqliteStatus(SQLITE_CONSTRAINT_PRIMARYKEY, nullptr, "insert"),
              StatusIs(absl::StatusCode::kAlreadyExists));
}

TEST(SqliteStatusTest, OtherConstraintsAreFailedPrecondition) {
  for (int rc : {SQLITE_CONSTRAINT, SQLITE_CONSTRAINT_FOREIGNKEY, SQLITE_CONSTRAINT_CHECK,
                 SQLITE_CONSTRAINT_NOTNULL, SQLITE_CONSTRAINT_TRIGGER}) {
    EXPECT_THAT(SqliteStatus(rc, nullptr, "insert"),
                StatusIs(absl::StatusCode::kFailedPrecondition))
        << rc;
  }
}

TEST(SqliteStatusTest, BusyAndLockedAreUnavailable) {
  for (int rc : {SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_RECOVERY, SQLITE_LOCKED,
                 SQLITE_LOCKED_SHAREDCACHE}) {
    EXPECT_THAT(SqliteStatus(rc, nullptr, "begin"), StatusIs(absl::StatusCode::kUnavailable))
        << rc;
  }
}

TEST(SqliteStatusTest, CorruptAndNotADatabaseAreDataLoss) {
  for (int rc : {SQLITE_CORRUPT, SQLITE_CORRUPT_INDEX, SQLITE_NOTADB}) {
    EXPECT_THAT(SqliteStatus(rc, nullptr, "read"), StatusIs(absl::StatusCode::kDataLoss)) << rc;
  }
}

TEST(SqliteStatusTest, FullIsResourceExhausted) {
  EXPECT_THAT(SqliteStatus(SQLITE_FULL, nullptr, "write"),
              StatusIs(absl::StatusCode::kResourceExhausted));
}

TEST(SqliteStatusTest, CannotOpenPermissionAndReadOnlyAreFailedPrecondition) {
  for (int rc : {SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_READONLY, SQLITE_READONLY_DBMOVED}) {
    EXPECT_THAT(SqliteStatus(rc, nullptr, "open"),
                StatusIs(absl::StatusCode::kFailedPrecondition))
        << rc;
  }
}

TEST(SqliteStatusTest, AnythingElseIsInternal) {
  for (int rc : {SQLITE_ERROR, SQLITE_IOERR, SQLITE_IOERR_FSYNC, SQLITE_NOMEM, SQLITE_MISUSE}) {
    EXPECT_THAT(SqliteStatus(rc, nullptr, "x"), StatusIs(absl::StatusCode::kInternal)) << rc;
  }
}

TEST(SqliteStatusTest, MessageCarriesContextSqliteTextAndCode) {
  EXPECT_THAT(SqliteStatus(SQLITE_FULL, nullptr, "COMMIT"),
              StatusIs(absl::StatusCode::kResourceExhausted,
                       "COMMIT: database or disk is full (sqlite 13)"));
}

// --- Connection --------------------------------------------------------------

TEST(ConnectionTest, OpenSetsWalForeignKeysFullSyncAndBusyTimeout) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("t.db"));
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(QueryText(*db, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(QueryInt(*db, "PRAGMA foreign_keys"), 1);
  EXPECT_EQ(QueryInt(*db, "PRAGMA synchronous"), 2);  // FULL
  EXPECT_EQ(QueryInt(*db, "PRAGMA busy_timeout"), 5000);
  EXPECT_EQ(db->path(), dir.File("t.db"));
}

TEST(ConnectionTest, ReadOnlyConnectionHasForeignKeysAndRefusesWrites) {
  TempDir dir;
  auto writer = OpenOrDie(dir.File("t.db"));
  ASSERT_THAT(writer->Execute("CREATE TABLE t (x INTEGER)"), IsOk());
  auto reader = OpenOrDie(dir.File("t.db"), Connection::Mode::kReadOnly, false);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(QueryInt(*reader, "PRAGMA foreign_keys"), 1);
  EXPECT_EQ(QueryText(*reader, "PRAGMA journal_mode"), "wal");
  EXPECT_THAT(reader->Execute("INSERT INTO t VALUES (1)"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("readonly")));
}

TEST(ConnectionTest, MissingFileWithoutCreateIsFailedPreconditionSayingHowToCreate) {
  TempDir dir;
  auto db = Connection::Open(dir.File("absent.db"), Connection::Mode::kReadWrite, false);
  EXPECT_THAT(db, StatusIs(absl::StatusCode::kFailedPrecondition,
                           HasSubstr("create it with 'talentd init'")));
  EXPECT_FALSE(std::ifstream(dir.File("absent.db")).good());
}

TEST(ConnectionTest, FileThatIsNotADatabaseIsDataLoss) {
  TempDir dir;
  {
    std::ofstream out(dir.File("junk.db"));
    out << std::string(4096, 'x');
  }
  auto db = Connection::Open(dir.File("junk.db"), Connection::Mode::kReadWrite, false);
  EXPECT_THAT(db, StatusIs(absl::StatusCode::kDataLoss));
}

TEST(ConnectionTest, PrepareReturnsTheCachedStatementForTheSameLiteral) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("t.db"));
  static constexpr char kOne[] = "SELECT 1";
  static constexpr char kTwo[] = "SELECT 2";
  auto first = db->Prepare(kOne);
  auto second = db->Prepare(kOne);
  auto other = db->Prepare(kTwo);
  ASSERT_THAT(first, IsOk());
  ASSERT_THAT(second, IsOk());
  ASSERT_THAT(other, IsOk());
  EXPECT_EQ(*first, *second);
  EXPECT_NE(*first, *other);
}

TEST(ConnectionTest, PrepareOfBadSqlIsInternal) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("t.db"));
  EXPECT_THAT(db->Prepare("SELEKT 1"), StatusIs(absl::StatusCode::kInternal, HasSubstr("SELEKT")));
}

// --- Statement ----------------------------------------------------------------

TEST(StatementTest, BindsAndReadsBackEveryType) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("t.db"));
  ASSERT_THAT(db->Execute("CREATE TABLE t (i INTEGER, s TEXT, b BLOB, n TEXT)"), IsOk());
  auto insert = db->Prepare("INSERT INTO t VALUES (?, ?, ?, ?)");
  ASSERT_THAT(insert, IsOk());
  const std::string blob("a\0b\xFF", 4);
  (*insert)->Bind(1, int64_t{1} << 40).Bind(2, "张三").BindBlob(3, blob).BindNull(4);
  ASSERT_THAT((*insert)->Run(), IsOk());
  EXPECT_EQ(db->LastInsertRowId(), 1);
  EXPECT_EQ(db->Changes(), 1);

  auto select = db->Prepare("SELECT i, s, b, n FROM t");
  ASSERT_THAT(select, IsOk());
  auto row = (*select)->Step();
  ASSERT_THAT(row, IsOk());
  ASSERT_TRUE(*row);
  EXPECT_EQ((*select)->ColumnInt(0), int64_t{1} << 40);
  EXPECT_EQ((*select)->ColumnText(1), "张三");
  EXPECT_EQ((*select)->ColumnText(2), blob);
  EXPECT_TRUE((*select)->ColumnIsNull(3));
  EXPECT_FALSE((*select)->ColumnIsNull(0));
  EXPECT_EQ((*select)->ColumnText(3), "");
  row = (*select)->Step();
  ASSERT_THAT(row, IsOk());
  EXPECT_FALSE(*row);
}

TEST(StatementTest, PrepareResetsBindingsOfTheCachedStatement) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("t.db"));
  static constexpr char kSql[] = "SELECT ?";
  auto st = db->Prepare(kSql);
  ASSERT_THAT(st, IsOk());
  Statement* cached = *st;
  (*st)->Bind(1, 42);
  st = db->Prepare(kSql);
  ASSERT_THAT(st, IsOk());
  ASSERT_EQ(*st, cached);
  auto row = (*st)->Step();
  ASSERT_THAT(row, IsOk());
  ASSERT_TRUE(*row);
  EXPECT_TRUE((*st)->ColumnIsNull(0));
}

TEST(StatementTest, RunDrainsRowsOfAStatementThatReturnsThem) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("t.db"));
  ASSERT_THAT(db->Execute("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2), (3)"),
              IsOk());
  auto st = db->Prepare("DELETE FROM t RETURNING x");
  ASSERT_THAT(st, IsOk());
  EXPECT_THAT((*st)->Run(), IsOk());
  EXPECT_EQ(QueryInt(*db, "SELECT COUNT(*) FROM t"), 0);
}

TEST(StatementTest, UniqueViolationIsAlreadyExistsAndStatementIsReusable) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("t.db"));
  ASSERT_THAT(db->Execute("CREATE TABLE t (x INTEGER UNIQUE)"), IsOk());
  auto st = db->Prepare("INSERT INTO t VALUES (?)");
  ASSERT_THAT(st, IsOk());
  ASSERT_THAT((*st)->Bind(1, 7).Run(), IsOk());
  st = db->Prepare("INSERT INTO t VALUES (?)");
  EXPECT_THAT((*st)->Bind(1, 7).Run(),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("UNIQUE constraint failed")));
  st = db->Prepare("INSERT INTO t VALUES (?)");
  EXPECT_THAT((*st)->Bind(1, 8).Run(), IsOk());
  EXPECT_EQ(QueryInt(*db, "SELECT COUNT(*) FROM t"), 2);
}

TEST(StatementTest, CheckViolationIsFailedPrecondition) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("t.db"));
  ASSERT_THAT(db->Execute("CREATE TABLE t (x INTEGER CHECK (x > 0))"), IsOk());
  EXPECT_THAT(db->Execute("INSERT INTO t VALUES (0)"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("CHECK constraint")));
}

// --- Transaction ---------------------------------------------------------------

TEST(TransactionTest, RollsBackUnlessCommitted) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("t.db"));
  ASSERT_THAT(db->Execute("CREATE TABLE t (x INTEGER)"), IsOk());
  {
    auto tx = Transaction::Begin(db.get(), Transaction::Kind::kImmediate);
    ASSERT_THAT(tx, IsOk());
    ASSERT_THAT(db->Execute("INSERT INTO t VALUES (1)"), IsOk());
    EXPECT_EQ(QueryInt(*db, "SELECT COUNT(*) FROM t"), 1);
  }
  EXPECT_EQ(QueryInt(*db, "SELECT COUNT(*) FROM t"), 0);
  // No transaction is left open: a new one can begin.
  EXPECT_THAT(Transaction::Begin(db.get(), Transaction::Kind::kDeferred), IsOk());
}

TEST(TransactionTest, RollsBackWithAStatementStillMidResult) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("t.db"));
  ASSERT_THAT(db->Execute("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2)"), IsOk());
  {
    auto tx = Transaction::Begin(db.get(), Transaction::Kind::kImmediate);
    ASSERT_THAT(tx, IsOk());
    ASSERT_THAT(db->Execute("INSERT INTO t VALUES (3)"), IsOk());
    auto st = db->Prepare("SELECT x FROM t");
    ASSERT_THAT(st, IsOk());
    ASSERT_THAT((*st)->Step(), IsOk());  // left mid-result on purpose
  }
  EXPECT_EQ(QueryInt(*db, "SELECT COUNT(*) FROM t"), 2);
}

TEST(TransactionTest, CommittedWorkIsVisibleToAnotherConnection) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("t.db"));
  ASSERT_THAT(db->Execute("CREATE TABLE t (x INTEGER)"), IsOk());
  {
    auto tx = Transaction::Begin(db.get(), Transaction::Kind::kImmediate);
    ASSERT_THAT(tx, IsOk());
    ASSERT_THAT(db->Execute("INSERT INTO t VALUES (1)"), IsOk());
    ASSERT_THAT((*tx)->Commit(), IsOk());
  }
  auto other = OpenOrDie(dir.File("t.db"), Connection::Mode::kReadOnly, false);
  EXPECT_EQ(QueryInt(*other, "SELECT COUNT(*) FROM t"), 1);
}

TEST(TransactionTest, SecondWriterIsUnavailableWhileTheFirstHoldsTheLock) {
  TempDir dir;
  auto first = OpenOrDie(dir.File("t.db"));
  auto second = OpenOrDie(dir.File("t.db"));
  sqlite3_busy_timeout(second->raw(), 0);  // fail at once rather than after 5 s
  auto tx = Transaction::Begin(first.get(), Transaction::Kind::kImmediate);
  ASSERT_THAT(tx, IsOk());
  EXPECT_THAT(Transaction::Begin(second.get(), Transaction::Kind::kImmediate),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("BEGIN IMMEDIATE")));
}

}  // namespace
}  // namespace talent::storage
