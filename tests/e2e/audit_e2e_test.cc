// The audit log proves itself to the people who check it, through the real
// binaries: `talentctl audit verify` remembers the signed head it saw and
// fails when the log later got shorter (newest events deleted with the
// triggers dropped, or an older backup restored) or was rewritten (an event
// edited and every later hash recomputed); `audit export` writes a file
// that `audit verify --file` checks offline with the public key alone.
#include <sqlite3.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/audit_chain.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/cli_fixture.h"

namespace talent::testing {
namespace {

using ::testing::HasSubstr;

// What someone with the database file can do: SQL with no triggers in the
// way, then every hash from `from` on recomputed so the chain is whole.
void RewriteFile(const std::string& path, const std::string& sql, int64_t recompute_from) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK) << error;
  if (recompute_from > 0) {
    sqlite3_stmt* read = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db,
                                 "SELECT id, time, IFNULL(user_id, 0), username, "
                                 "IFNULL(token_id, 0), method, resource, detail, format, "
                                 "content_hash, request_id FROM audit_events WHERE id >= ? "
                                 "ORDER BY id",
                                 -1, &read, nullptr),
              SQLITE_OK);
    sqlite3_bind_int64(read, 1, recompute_from);
    std::vector<common::ChainedEvent> events;
    while (sqlite3_step(read) == SQLITE_ROW) {
      common::ChainedEvent e;
      e.id = sqlite3_column_int64(read, 0);
      e.time = sqlite3_column_int64(read, 1);
      e.user_id = sqlite3_column_int64(read, 2);
      e.username = reinterpret_cast<const char*>(sqlite3_column_text(read, 3));
      e.token_id = sqlite3_column_int64(read, 4);
      e.method = reinterpret_cast<const char*>(sqlite3_column_text(read, 5));
      e.resource = reinterpret_cast<const char*>(sqlite3_column_text(read, 6));
      e.detail = reinterpret_cast<const char*>(sqlite3_column_text(read, 7));
      e.format = sqlite3_column_int(read, 8);
      e.content_hash.assign(static_cast<const char*>(sqlite3_column_blob(read, 9)),
                            sqlite3_column_bytes(read, 9));
      e.request_id = reinterpret_cast<const char*>(sqlite3_column_text(read, 10));
      events.push_back(e);
    }
    sqlite3_finalize(read);
    sqlite3_stmt* prev = nullptr;
    sqlite3_prepare_v2(db, "SELECT hash FROM audit_events WHERE id = ?", -1, &prev, nullptr);
    sqlite3_bind_int64(prev, 1, recompute_from - 1);
    std::string hash = common::AuditGenesisHash();
    if (sqlite3_step(prev) == SQLITE_ROW) {
      hash.assign(static_cast<const char*>(sqlite3_column_blob(prev, 0)), 32);
    }
    sqlite3_finalize(prev);
    sqlite3_stmt* write = nullptr;
    sqlite3_prepare_v2(db, "UPDATE audit_events SET prev_hash = ?, hash = ? WHERE id = ?", -1,
                       &write, nullptr);
    for (const common::ChainedEvent& e : events) {
      std::string next = common::AuditEventHash(hash, e);
      sqlite3_reset(write);
      sqlite3_bind_blob(write, 1, hash.data(), 32, SQLITE_TRANSIENT);
      sqlite3_bind_blob(write, 2, next.data(), 32, SQLITE_TRANSIENT);
      sqlite3_bind_int64(write, 3, e.id);
      ASSERT_EQ(sqlite3_step(write), SQLITE_DONE);
      hash = next;
    }
    sqlite3_finalize(write);
  }
  sqlite3_close(db);
}

class AuditE2eTest : public CliFixture {
 protected:
  // Some changes to the log: a programme, a cohort, an open enrolment.
  void MakeChanges() { SeedProgrammeAndCohort(); }

  // Stops talentd, runs `change` on the file, and serves it again where it
  // was (the same address: the same server to the client).
  template <typename Change>
  void WhileStopped(Change change) {
    server_->Stop(SIGTERM);
    change();
    StartServer({}, address_);
  }
};

TEST_F(AuditE2eTest, AFirstCheckTrustsTheKeyAndLaterChecksExtendTheHead) {
  MakeChanges();
  ProcessResult first = Ctl({"audit", "verify"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("audit log intact: "));
  EXPECT_THAT(first.err, HasSubstr("trusting its key"));
  ASSERT_EQ(Ctl({"user", "create", "li.hua", "--name", "李", "--role", "viewer", "--org", "民政厅"})
                .exit_code,
            0);
  ProcessResult second = Ctl({"audit", "verify"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_THAT(second.out, HasSubstr("checked before"));
  EXPECT_THAT(second.err, ::testing::Not(HasSubstr("trusting")));
}

TEST_F(AuditE2eTest, DeletingTheNewestEventsIsCaught) {
  MakeChanges();
  ASSERT_EQ(Ctl({"audit", "verify"}).exit_code, 0);
  WhileStopped([&] {
    RewriteFile(db_,
                "DROP TRIGGER audit_events_no_delete;"
                "DELETE FROM audit_events WHERE id > 2;",
                0);
  });
  ProcessResult r = Ctl({"audit", "verify"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("audit log NOT INTACT: the log is shorter than when this client "
                               "last verified it"));
}

TEST_F(AuditE2eTest, AnEditedEventWithTheChainRecomputedIsCaught) {
  MakeChanges();
  ASSERT_EQ(Ctl({"audit", "verify"}).exit_code, 0);
  WhileStopped([&] {
    RewriteFile(db_,
                "DROP TRIGGER audit_events_no_update;"
                "UPDATE audit_events SET detail = 'nothing happened' WHERE id = 2;",
                2);
  });
  // The server's own check passes: the chain is whole again.
  ProcessResult fresh = Ctl({"audit", "verify"}, {{"XDG_CONFIG_HOME", dir_.File("fresh")}});
  EXPECT_EQ(fresh.exit_code, 0) << fresh.err;
  // But not against the head this client remembered.
  ProcessResult r = Ctl({"audit", "verify"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("the log was rewritten since this client last verified it"));
}

TEST_F(AuditE2eTest, RestoringAnOlderBackupIsCaught) {
  MakeChanges();
  const std::string older = dir_.File("older.db");
  ProcessResult backup = RunProcess({kTalentd, "backup", "--db", db_, "--to", older});
  ASSERT_EQ(backup.exit_code, 0) << backup.err;
  ASSERT_EQ(Ctl({"user", "create", "li.hua", "--name", "李", "--role", "viewer", "--org", "民政厅"})
                .exit_code,
            0);
  ASSERT_EQ(Ctl({"audit", "verify"}).exit_code, 0);
  WhileStopped([&] {
    ASSERT_EQ(std::rename(older.c_str(), db_.c_str()), 0);
    std::remove((db_ + "-wal").c_str());
    std::remove((db_ + "-shm").c_str());
  });
  ProcessResult r = Ctl({"audit", "verify"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("events were deleted or an older backup was restored"));
}

TEST_F(AuditE2eTest, AnExportVerifiesOfflineAndAnEditedOneDoesNot) {
  MakeChanges();
  const std::string file = dir_.File("audit.jsonl");
  ProcessResult exported = Ctl({"audit", "export", "-o", file});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  // The note names the command to check it, with the key.
  const std::string marker = "--pubkey ";
  size_t at = exported.err.find(marker);
  ASSERT_NE(at, std::string::npos) << exported.err;
  std::string key = exported.err.substr(at + marker.size());
  key = key.substr(0, key.find('\''));
  ProcessResult ok = RunProcess({kTalentctl, "audit", "verify", "--file", file, "--pubkey", key});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_THAT(ok.out, HasSubstr("audit export intact: 5 events verified offline"));

  std::string text = ReadFile(file);
  const std::string from = "\"method\":\"CreateCohort\"";
  ASSERT_NE(text.find(from), std::string::npos);
  text.replace(text.find(from), from.size(), "\"method\":\"DeleteCohort\"");
  WriteFile(file, text);
  ProcessResult bad = RunProcess({kTalentctl, "audit", "verify", "--file", file, "--pubkey", key});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.err, HasSubstr("NOT INTACT: audit event"));
  EXPECT_THAT(bad.err, HasSubstr("does not match the chain"));
}

TEST_F(AuditE2eTest, ListFiltersByUserAndResource) {
  MakeChanges();
  ProcessResult r = Ctl({"-o", "csv", "audit", "list", "--user", "admin", "--resource",
                         "programmes/SCSW/cohorts/2023"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("CreateCohort"));
  EXPECT_THAT(r.out, ::testing::Not(HasSubstr("CreateProgramme")));
  ProcessResult bad = Ctl({"audit", "list", "--since", "last week"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("start_time must be a date"));
}

}  // namespace
}  // namespace talent::testing
