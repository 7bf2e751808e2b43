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
      domain::Actor actor = i % 2 ? domain::Actor{1, "admin", 7, ""} : domain::Actor{};
      ASSERT_THAT(AuditLog::Append(*db_, 1685577600 + i, actor, "CreateProgramme",
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
  EXPECT_EQ(checked->events, 0);
  EXPECT_EQ(checked->last_id, 0);
  EXPECT_EQ(checked->last_hash, std::string(32, '\0'));
}

TEST_F(AuditLogTest, VerifyReturnsTheNumberOfEventsAppended) {
  AppendEvents(5);
  auto checked = AuditLog::Verify(*db_);
  ASSERT_THAT(checked, IsOk());
  EXPECT_EQ(checked->events, 5);
  EXPECT_EQ(checked->last_id, 5);
  auto hash = AuditLog::HashAt(*db_, 5);
  ASSERT_THAT(hash, IsOk());
  EXPECT_EQ(checked->last_hash, *hash);
  EXPECT_THAT(AuditLog::HashAt(*db_, 6), StatusIs(absl::StatusCode::kNotFound));
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
  EXPECT_EQ(first.token_id, 7);
  EXPECT_EQ(first.method, "CreateProgramme");
  EXPECT_EQ(first.resource, "programmes/P1");
  EXPECT_EQ(first.detail, "event 1");
  EXPECT_THAT(first.hash, MatchesRegex("[0-9a-f]{64}"));
  // user 0 is the server itself: no user row, no name.
  EXPECT_EQ((*events)[1].user_id, 0);
  EXPECT_EQ((*events)[1].username, "");
  EXPECT_EQ((*events)[1].token_id, 0);
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
    ASSERT_THAT(AuditLog::Append(*db_, 100, domain::Actor{1, "admin", 0, ""}, "M", "r", "same"),
                IsOk());
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
  EXPECT_EQ(checked->events, 2);
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
              StatusIs(absl::StatusCode::kDataLoss,
                       "audit event 2 is missing (the next is 3): the log was altered"));
}

TEST_F(AuditLogTest, ChangedUsernameOrTokenIsDataLoss) {
  AppendEvents(3);
  Tamper("DROP TRIGGER audit_events_no_update;"
         "UPDATE audit_events SET username = 'li' WHERE id = 1;");
  EXPECT_THAT(AuditLog::Verify(*db_),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("audit event 1 does not match")));
  Tamper("UPDATE audit_events SET username = 'admin' WHERE id = 1;"
         "UPDATE audit_events SET token_id = 8 WHERE id = 3;");
  EXPECT_THAT(AuditLog::Verify(*db_),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("audit event 3 does not match")));
}

TEST_F(AuditLogTest, TheRequestIdIsListedChainedAndCoveredByTheHash) {
  AppendEvents(1);  // none: the server's own
  ASSERT_THAT(AuditLog::Append(*db_, 1685577700, domain::Actor{1, "admin", 7, "abc-123"},
                               "CreateCohort", "cohorts/P1/2023", "quotas 10/10/10"),
              IsOk());
  auto listed = AuditLog::List(*db_, 0, 10);
  ASSERT_THAT(listed, IsOk());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].request_id, "");
  EXPECT_EQ((*listed)[1].request_id, "abc-123");
  auto chained = AuditLog::Chain(*db_, 0, 10);
  ASSERT_THAT(chained, IsOk());
  ASSERT_EQ(chained->size(), 2u);
  EXPECT_EQ((*chained)[1].request_id, "abc-123");
  EXPECT_THAT(common::VerifyAuditChain(*chained), IsOk());
  ASSERT_THAT(AuditLog::Verify(*db_), IsOk());
  for (const char* sql : {"UPDATE audit_events SET request_id = 'abc-124' WHERE id = 2;",
                          "UPDATE audit_events SET request_id = '' WHERE id = 2;",
                          "UPDATE audit_events SET request_id = 'abc-123' WHERE id = 1;"}) {
    Tamper(absl::StrCat("DROP TRIGGER IF EXISTS audit_events_no_update;", sql).c_str());
    EXPECT_THAT(AuditLog::Verify(*db_),
                StatusIs(absl::StatusCode::kDataLoss, HasSubstr("does not match the chain")))
        << sql;
    Tamper("UPDATE audit_events SET request_id = '' WHERE id = 1;"
           "UPDATE audit_events SET request_id = 'abc-123' WHERE id = 2;");
  }
  EXPECT_THAT(AuditLog::Verify(*db_), IsOk());
}

TEST_F(AuditLogTest, AnEventPassedOffAsTheOldFormatIsDataLoss) {
  AppendEvents(2);
  // Format 1 hashed no username or token: an event turned back into it,
  // even with its hash recomputed, breaks the rule that formats never go
  // back.
  Tamper("DROP TRIGGER audit_events_no_update;"
         "UPDATE audit_events SET format = 1 WHERE id = 2;");
  EXPECT_THAT(AuditLog::Verify(*db_),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("audit event 2 has format 1")));
}

TEST_F(AuditLogTest, ListFiltersByUserTokenResourceAndTime) {
  AppendEvents(6);  // odd: admin with token 7; even: the server
  const auto ids = [&](const AuditFilter& filter) {
    std::vector<int64_t> out;
    auto events = AuditLog::List(*db_, 0, 100, filter);
    EXPECT_THAT(events, IsOk());
    if (events.ok()) {
      for (const AuditEvent& e : *events) out.push_back(e.id);
    }
    return out;
  };
  const auto filter = [](int64_t user_id, int64_t token_id, std::string resource, int64_t since,
                         int64_t until) {
    return AuditFilter{user_id, token_id, std::move(resource), since, until};
  };
  EXPECT_EQ(ids(filter(1, 0, "", 0, 0)), (std::vector<int64_t>{1, 3, 5}));
  EXPECT_EQ(ids(filter(0, 7, "", 0, 0)), (std::vector<int64_t>{1, 3, 5}));
  EXPECT_EQ(ids(filter(0, 8, "", 0, 0)), (std::vector<int64_t>{}));
  EXPECT_EQ(ids(filter(0, 0, "programmes/P4", 0, 0)), (std::vector<int64_t>{4}));
  // A prefix of a name is not a resource above it.
  EXPECT_EQ(ids(filter(0, 0, "programmes/P", 0, 0)), (std::vector<int64_t>{}));
  EXPECT_EQ(ids(filter(0, 0, "programmes", 0, 0)), (std::vector<int64_t>{1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(ids(filter(0, 0, "", 1685577603, 1685577605)), (std::vector<int64_t>{3, 4}));
  EXPECT_EQ(ids(filter(1, 0, "", 1685577602, 0)), (std::vector<int64_t>{3, 5}));
}

// A covered thing: a sheet with its points and history.
class CoveredAuditLogTest : public AuditLogTest {
 protected:
  // Writes a sheet row set directly (the repositories are tested elsewhere)
  // and marks it, as SheetRepository does, then appends the event.
  void WriteSheet(int64_t id, int tenths, const char* method) {
    ASSERT_THAT(db_->Execute("PRAGMA foreign_keys = OFF"), IsOk());
    ASSERT_THAT(db_->Execute(absl::StrCat(
                                 "INSERT INTO sheets (id, round_id, enrolment_id, assessor_id, "
                                 "state, comment, update_time) VALUES (", id,
                                 ", 1, ", id, ", 1, 1, '', 0) ON CONFLICT (id) DO NOTHING;"
                                 "INSERT OR REPLACE INTO sheet_points (sheet_id, position, tenths) "
                                 "VALUES (", id, ", 0, ", tenths, ");"
                                 "INSERT INTO sheet_history (sheet_id, time, user_id, change, "
                                 "old_value, new_value) VALUES (", id, ", 0, 1, 'points:a', '', '",
                                 tenths, "');")
                                 .c_str()),
                IsOk());
    db_->MarkCovered(AuditLog::SheetKey(id));
    ASSERT_THAT(AuditLog::Append(*db_, 100, domain::Actor{1, "admin", 3, ""}, method, "sheet", ""),
                IsOk());
    EXPECT_TRUE(db_->TakeCovered().empty());
  }
};

TEST_F(CoveredAuditLogTest, UntouchedSheetsVerify) {
  WriteSheet(1, 80, "SetScores");
  WriteSheet(2, 75, "SetScores");
  WriteSheet(1, 85, "SetScores");
  auto checked = AuditLog::Verify(*db_);
  ASSERT_THAT(checked, IsOk());
  EXPECT_EQ(checked->events, 3);
  EXPECT_EQ(checked->covered, 2);
}

TEST_F(CoveredAuditLogTest, EditedPointsAreDataLossNamingTheSheetAndEvent) {
  WriteSheet(1, 80, "SetScores");
  WriteSheet(1, 85, "SetScores");
  Tamper("UPDATE sheet_points SET tenths = 100 WHERE sheet_id = 1;");
  EXPECT_THAT(AuditLog::Verify(*db_),
              StatusIs(absl::StatusCode::kDataLoss,
                       "sheet 1 differs from what audit event 2 recorded: the table was changed "
                       "outside talentd"));
}

TEST_F(CoveredAuditLogTest, DeletedHistoryIsDataLoss) {
  WriteSheet(1, 80, "SetScores");
  WriteSheet(1, 85, "SetScores");
  Tamper("DELETE FROM sheet_history WHERE id = 1;");
  EXPECT_THAT(AuditLog::Verify(*db_),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("sheet 1 differs")));
}

TEST_F(CoveredAuditLogTest, ASheetWrittenOutsideTalentdIsDataLoss) {
  WriteSheet(1, 80, "SetScores");
  Tamper("PRAGMA foreign_keys = OFF;"
         "INSERT INTO sheets (id, round_id, enrolment_id, assessor_id, state, comment, "
         "update_time) VALUES (9, 1, 2, 1, 2, '', 0);");
  EXPECT_THAT(AuditLog::Verify(*db_),
              StatusIs(absl::StatusCode::kDataLoss,
                       "sheet 9 is in no audit event: it was written outside talentd"));
}

TEST_F(CoveredAuditLogTest, AForgedDigestIsDataLossEvenWithTheSheetToMatch) {
  WriteSheet(1, 80, "SetScores");
  // Someone edits the points and also records a matching digest for the
  // last event: the event's content hash, inside the chain, no longer
  // matches what it covers.
  Tamper("DROP TRIGGER audit_covers_no_update;"
         "UPDATE sheet_points SET tenths = 100 WHERE sheet_id = 1;"
         "UPDATE audit_covers SET digest = x'00' WHERE event_id = 1;");
  EXPECT_THAT(AuditLog::Verify(*db_),
              StatusIs(absl::StatusCode::kDataLoss,
                       "what audit event 1 covered does not match the chain: the log was "
                       "altered"));
}

TEST_F(CoveredAuditLogTest, ADeletedSheetRecordedAsGoneVerifies) {
  WriteSheet(1, 80, "SetScores");
  ASSERT_THAT(db_->Execute("DELETE FROM sheet_history WHERE sheet_id = 1;"
                           "DELETE FROM sheet_points WHERE sheet_id = 1;"
                           "DELETE FROM sheets WHERE id = 1;"),
              IsOk());
  db_->MarkCovered(AuditLog::SheetKey(1));
  ASSERT_THAT(AuditLog::Append(*db_, 101, domain::Actor{1, "admin", 3, ""}, "AddConflict", "c", ""),
              IsOk());
  auto checked = AuditLog::Verify(*db_);
  ASSERT_THAT(checked, IsOk());
  EXPECT_EQ(checked->covered, 1);
}

// The other covered thing: a round's stored results and its outcome
// columns, written as ResultsRepository::Store does.
class CoveredResultsTest : public AuditLogTest {
 protected:
  void StoreResults(int64_t round_id) {
    ASSERT_THAT(db_->Execute("PRAGMA foreign_keys = OFF"), IsOk());
    ASSERT_THAT(
        db_->Execute(absl::StrCat(
                         "INSERT INTO rounds (id, cohort_id, name, position, final, state, "
                         "create_time, update_time, assessed, excellent_cap, rules_text) VALUES (",
                         round_id, ", 1, 'r", round_id, "', ", round_id,
                         ", 0, 3, 0, 0, 2, 1, 'rules');"
                         "INSERT INTO round_results VALUES (", round_id,
                         ", 1, 0, 0, 2, 8650, '[4350,4300]', 50, 1, 4, 0, 0, 0, 0, 0, 0, ''),"
                         " (", round_id,
                         ", 2, 0, 0, 2, 5900, '[3000,2900]', 80, 2, 1, 0, 0, 0, 0, 0, 1, "
                         "'below 60');")
                         .c_str()),
        IsOk());
    db_->MarkCovered(AuditLog::ResultsKey(round_id));
    ASSERT_THAT(AuditLog::Append(*db_, 100, domain::Actor{1, "admin", 3, ""}, "CloseScoring",
                                 absl::StrCat("rounds/", round_id), ""),
                IsOk());
  }
};

TEST_F(CoveredResultsTest, StoredResultsVerify) {
  StoreResults(1);
  StoreResults(2);
  auto checked = AuditLog::Verify(*db_);
  ASSERT_THAT(checked, IsOk());
  EXPECT_EQ(checked->covered, 2);
}

TEST_F(CoveredResultsTest, AnEditedResultIsDataLossNamingTheRoundAndEvent) {
  StoreResults(1);
  StoreResults(2);
  // Someone lifts the eliminated candidate's rating and clears the flag.
  Tamper("UPDATE round_results SET rating = 4, eliminated = 0, elimination_reason = '' "
         "WHERE round_id = 2 AND enrolment_id = 2;");
  EXPECT_THAT(AuditLog::Verify(*db_),
              StatusIs(absl::StatusCode::kDataLoss,
                       "the stored results of round 2 differ from what audit event 2 recorded: "
                       "the table was changed outside talentd"));
}

TEST_F(CoveredResultsTest, AnEditedOutcomeColumnOfTheRoundIsDataLoss) {
  StoreResults(1);
  Tamper("UPDATE rounds SET excellent_cap = 5 WHERE id = 1;");
  EXPECT_THAT(AuditLog::Verify(*db_),
              StatusIs(absl::StatusCode::kDataLoss,
                       HasSubstr("the stored results of round 1 differ from what audit event 1")));
}

TEST_F(CoveredResultsTest, ADeletedResultRowIsDataLoss) {
  StoreResults(1);
  Tamper("DELETE FROM round_results WHERE enrolment_id = 2;");
  EXPECT_THAT(AuditLog::Verify(*db_), StatusIs(absl::StatusCode::kDataLoss,
                                               HasSubstr("the stored results of round 1 differ")));
}

TEST_F(CoveredResultsTest, ResultsWrittenOutsideTalentdAreDataLoss) {
  StoreResults(1);
  Tamper("PRAGMA foreign_keys = OFF;"
         "INSERT INTO rounds (id, cohort_id, name, position, final, state, create_time, "
         "update_time) VALUES (7, 1, 'r7', 7, 0, 3, 0, 0);"
         "INSERT INTO round_results VALUES (7, 1, 0, 0, 2, 9900, '[]', 0, 1, 4, 0, 0, 0, 0, "
         "0, 0, '');");
  EXPECT_THAT(AuditLog::Verify(*db_),
              StatusIs(absl::StatusCode::kDataLoss,
                       "the stored results of round 7 are in no audit event: they were "
                       "written outside talentd"));
}

TEST_F(CoveredAuditLogTest, UncoveredSheetsAreAdoptedOnlyOnAnUpgradedDatabase) {
  // A database whose events were all written before actors were hashed.
  ASSERT_THAT(db_->Execute("PRAGMA foreign_keys = OFF;"
                           "INSERT INTO sheets (id, round_id, enrolment_id, assessor_id, state, "
                           "comment, update_time) VALUES (4, 1, 1, 1, 2, '', 0);"),
              IsOk());
  EXPECT_THAT(AuditLog::Verify(*db_), StatusIs(absl::StatusCode::kDataLoss,
                                               HasSubstr("sheet 4 is in no audit event")));
  // No format-1 event: a database made by this version adopts nothing.
  auto none = AuditLog::AdoptUncovered(*db_, 200);
  ASSERT_THAT(none, IsOk());
  EXPECT_EQ(*none, 0);
  EXPECT_THAT(AuditLog::Verify(*db_), StatusIs(absl::StatusCode::kDataLoss));
}

TEST(AuditLogAdoptionTest, AnUpgradedDatabaseAdoptsItsSheetsOnceAndNeverAgain) {
  TempDir dir;
  auto db = Connection::Open(dir.File("old.db"), Connection::Mode::kReadWrite, true);
  ASSERT_THAT(db, IsOk());
  ASSERT_THAT(Migrate(db->get()), IsOk());
  // An event as an older talentd wrote it (format 1), and its sheet.
  common::ChainedEvent old;
  old.id = 1;
  old.time = 50;
  old.method = "Init";
  old.resource = "users/admin";
  old.format = 1;
  const std::string hash = common::AuditEventHash(common::AuditGenesisHash(), old);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2((*db)->raw(),
                               "INSERT INTO audit_events (id, time, method, resource, detail, "
                               "format, prev_hash, hash) VALUES (1, 50, 'Init', 'users/admin', '', "
                               "1, zeroblob(32), ?)",
                               -1, &st, nullptr),
            SQLITE_OK);
  sqlite3_bind_blob(st, 1, hash.data(), static_cast<int>(hash.size()), SQLITE_TRANSIENT);
  ASSERT_EQ(sqlite3_step(st), SQLITE_DONE);
  sqlite3_finalize(st);
  ASSERT_THAT((*db)->Execute("PRAGMA foreign_keys = OFF;"
                             "INSERT INTO sheets (id, round_id, enrolment_id, assessor_id, state, "
                             "comment, update_time) VALUES (4, 1, 1, 1, 2, '', 0);"),
              IsOk());
  auto adopted = AuditLog::AdoptUncovered(**db, 200);
  ASSERT_THAT(adopted, IsOk());
  EXPECT_EQ(*adopted, 1);
  auto checked = AuditLog::Verify(**db);
  ASSERT_THAT(checked, IsOk());
  EXPECT_EQ(checked->events, 2);
  EXPECT_EQ(checked->covered, 1);
  // A sheet slipped in afterwards is never adopted.
  ASSERT_THAT((*db)->Execute("INSERT INTO sheets (id, round_id, enrolment_id, assessor_id, "
                             "state, comment, update_time) VALUES (5, 1, 2, 1, 2, '', 0);"),
              IsOk());
  auto again = AuditLog::AdoptUncovered(**db, 300);
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(*again, 0);
  EXPECT_THAT(AuditLog::Verify(**db),
              StatusIs(absl::StatusCode::kDataLoss,
                       "sheet 5 is in no audit event: it was written outside talentd"));
}

}  // namespace
}  // namespace talent::storage
