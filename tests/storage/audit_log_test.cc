#include "server/storage/audit_log.h"

#include <sqlite3.h>

#include <memory>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/storage/migrations.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace talent::storage {
namespace {

using domain::AuditEvent;
using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;
using ::talent::testing::TempDir;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;

class AuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = Connection::Open(path_, Connection::Mode::kReadWrite, true);
    ASSERT_THAT(db, IsOk());
    db_ = std::move(*db);
    // Durability is not under test here (StoreDurabilityTest in store_test and
    // the kill -9 end-to-end test have it): skip the fsync
    // of every commit, which is most of the run time on a busy disk.
    ASSERT_THAT(db_->Execute("PRAGMA synchronous = OFF"), IsOk());
    ASSERT_THAT(Migrate(db_.get()), IsOk());
    ASSERT_THAT(db_->Execute("INSERT INTO users (id, username, display_name, role, organisation, "
                             "create_time) VALUES (1, 'admin', '管理员', 1, '民政厅', 0)"),
                IsOk());
  }

  void AppendEvents(int n) {
    for (int i = 1; i <= n; ++i) {
      ASSERT_THAT(AuditLog::Append(*db_, 1685577600 + i, i % 2, "CreateProgramme",
                                   absl::StrCat("programmes/P", i), absl::StrCat("event ", i)),
                  IsOk());
    }
  }

  // Runs SQL on a separate, plain sqlite3 connection: what someone with the
  // file (and no respect for the triggers) could do.
  void Tamper(const char* sql) {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open_v2(path_.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
    char* error = nullptr;
    int rc = sqlite3_exec(raw, sql, nullptr, nullptr, &error);
    EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "");
    sqlite3_free(error);
    sqlite3_close(raw);
  }

  TempDir dir_;
  std::string path_ = dir_.File("talent.db");
  std::unique_ptr<Connection> db_;
};

TEST_F(AuditLogTest, EmptyLogVerifiesNothing) {
  auto checked = AuditLog::Verify(*db_);
  ASSERT_THAT(checked, IsOk());
  EXPECT_EQ(*checked, 0);
}

TEST_F(AuditLogTest, VerifyReturnsTheNumberOfEventsAppended) {
  AppendEvents(5);
  auto checked = AuditLog::Verify(*db_);
  ASSERT_THAT(checked, IsOk());
  EXPECT_EQ(*checked, 5);
}

TEST_F(AuditLogTest, ListGivesEventsOldestFirstWithUsernameAndHexHash) {
  AppendEvents(3);
  auto events = AuditLog::List(*db_, 0, 10);
  ASSERT_THAT(events, IsOk());
  ASSERT_EQ(events->size(), 3u);
  const AuditEvent& first = (*events)[0];
  EXPECT_EQ(first.id, 1);
  EXPECT_EQ(first.time, 1685577601);
  EXPECT_EQ(first.user_id, 1);
  EXPECT_EQ(first.username, "admin");
  EXPECT_EQ(first.method, "CreateProgramme");
  EXPECT_EQ(first.resource, "programmes/P1");
  EXPECT_EQ(first.detail, "event 1");
  EXPECT_THAT(first.hash, MatchesRegex("[0-9a-f]{64}"));
  // user 0 is the server itself: no user row, no name.
  EXPECT_EQ((*events)[1].user_id, 0);
  EXPECT_EQ((*events)[1].username, "");
  EXPECT_EQ((*events)[2].id, 3);
}

TEST_F(AuditLogTest, ListPagesAfterAnId) {
  AppendEvents(5);
  auto events = AuditLog::List(*db_, 2, 2);
  ASSERT_THAT(events, IsOk());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].id, 3);
  EXPECT_EQ((*events)[1].id, 4);
  auto rest = AuditLog::List(*db_, 4, 10);
  ASSERT_THAT(rest, IsOk());
  ASSERT_EQ(rest->size(), 1u);
  EXPECT_EQ((*rest)[0].id, 5);
}

TEST_F(AuditLogTest, IdenticalEventsGetDifferentHashesThroughTheChain) {
  for (int i = 0; i < 3; ++i) {
    ASSERT_THAT(AuditLog::Append(*db_, 100, 1, "M", "r", "same"), IsOk());
  }
  auto events = AuditLog::List(*db_, 0, 10);
  ASSERT_THAT(events, IsOk());
  std::set<std::string> hashes;
  for (const AuditEvent& e : *events) hashes.insert(e.hash);
  EXPECT_EQ(hashes.size(), 3u);
}

TEST_F(AuditLogTest, UpdateIsRefusedByTrigger) {
  AppendEvents(2);
  EXPECT_THAT(db_->Execute("UPDATE audit_events SET detail = 'nothing happened' WHERE id = 1"),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("the audit log is append-only")));
  auto events = AuditLog::List(*db_, 0, 10);
  ASSERT_THAT(events, IsOk());
  EXPECT_EQ((*events)[0].detail, "event 1");
}

TEST_F(AuditLogTest, DeleteIsRefusedByTrigger) {
  AppendEvents(2);
  EXPECT_THAT(db_->Execute("DELETE FROM audit_events WHERE id = 2"),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("the audit log is append-only")));
  auto checked = AuditLog::Verify(*db_);
  ASSERT_THAT(checked, IsOk());
  EXPECT_EQ(*checked, 2);
}

TEST_F(AuditLogTest, ChangedDetailIsDataLossNamingTheEvent) {
  AppendEvents(4);
  Tamper("DROP TRIGGER audit_events_no_update;"
         "UPDATE audit_events SET detail = 'nothing happened' WHERE id = 2;");
  EXPECT_THAT(AuditLog::Verify(*db_),
              StatusIs(absl::StatusCode::kDataLoss,
                       "audit event 2 does not match the chain: the log was altered"));
}

TEST_F(AuditLogTest, ChangedUserOrTimeIsDataLoss) {
  AppendEvents(4);
  Tamper("DROP TRIGGER audit_events_no_update;"
         "UPDATE audit_events SET user_id = 1 WHERE id = 4;");
  EXPECT_THAT(AuditLog::Verify(*db_),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("audit event 4 does not match")));
  Tamper("UPDATE audit_events SET user_id = 0 WHERE id = 4;"
         "UPDATE audit_events SET time = time + 1 WHERE id = 3;");
  EXPECT_THAT(AuditLog::Verify(*db_),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("audit event 3 does not match")));
}

TEST_F(AuditLogTest, RowCopiedOverAnotherIsDataLoss) {
  AppendEvents(3);
  // Event 3 rewritten with event 2's content and hashes: its prev_hash no
  // longer follows event 2.
  Tamper("DROP TRIGGER audit_events_no_update;"
         "UPDATE audit_events SET (time, user_id, method, resource, detail, prev_hash, hash) = "
         "(SELECT time, user_id, method, resource, detail, prev_hash, hash FROM audit_events "
         "WHERE id = 2) WHERE id = 3;");
  EXPECT_THAT(AuditLog::Verify(*db_),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("audit event 3 does not match")));
}

TEST_F(AuditLogTest, DeletedEventIsDataLossNamingTheMissingOne) {
  AppendEvents(4);
  Tamper("DROP TRIGGER audit_events_no_delete;"
         "DELETE FROM audit_events WHERE id = 2;");
  EXPECT_THAT(AuditLog::Verify(*db_),
              StatusIs(absl::StatusCode::kDataLoss, "audit event 2 is missing"));
}

}  // namespace
}  // namespace talent::storage
