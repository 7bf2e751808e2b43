// Keys over a real Store and real key files: init's first key and kind,
// adoption of a database from before the key table, refusing a key file
// that is not current, rotation, a rotation killed between its file and
// database steps (finished or undone by the next start), the clock offset
// of the two kinds of database, and the passphrase-encrypted backup.
#include "server/core/keys.h"

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "common/crypto.h"
#include "gtest/gtest.h"
#include "server/storage/audit_log.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace talent::core {
namespace {

using domain::DatabaseKind;
using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;
using ::talent::testing::TempDir;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

constexpr int64_t kNow = 1685577600;  // 2023-06-01T00:00:00Z
constexpr int64_t kDay = 86400;

bool Exists(const std::string& path) { return ::access(path.c_str(), F_OK) == 0; }

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class KeysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    storage::StoreOptions options;
    options.create = true;
    auto store = storage::Store::Open(dir_.File("talent.db"), options);
    ASSERT_THAT(store, IsOk());
    store_ = *std::move(store);
    key_path_ = dir_.File("talent.db.key");
  }

  Keys keys() { return Keys(store_.get(), &clock_); }

  // method: detail of each audit event, oldest first.
  std::vector<std::string> Events() {
    std::vector<std::string> out;
    EXPECT_THAT(store_->Read([&](storage::Connection& db) -> absl::Status {
      auto events = storage::AuditLog::List(db, 0, 100);
      if (!events.ok()) return events.status();
      for (const domain::AuditEvent& e : *events) out.push_back(e.method + ": " + e.detail);
      return absl::OkStatus();
    }),
                IsOk());
    return out;
  }

  // A key file holding the current key of a database made by init.
  SigningKey Initialised(DatabaseKind kind = DatabaseKind::kProduction) {
    auto key = CreateSigningKeyFile(key_path_);
    EXPECT_THAT(key, IsOk());
    EXPECT_THAT(keys().Initialise(*key, kind), IsOk());
    return *key;
  }

  TempDir dir_;
  common::FakeClock clock_{kNow};
  std::unique_ptr<storage::Store> store_;
  std::string key_path_;
};

TEST_F(KeysTest, InitTrustsItsKeyFromNowAndRecordsTheKind) {
  SigningKey key = Initialised(DatabaseKind::kRehearsal);
  auto list = keys().List();
  ASSERT_THAT(list, IsOk());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].id, 1);
  EXPECT_EQ((*list)[0].public_key, key.public_key);
  EXPECT_EQ((*list)[0].valid_from, kNow);
  EXPECT_TRUE((*list)[0].current());
  EXPECT_EQ(*DatabaseSettings(store_.get(), &clock_).Kind(), DatabaseKind::kRehearsal);
  EXPECT_THAT(Events(), ElementsAre("CreateSigningKey: first signing key " +
                                    domain::FormatPublicKey(key.public_key) +
                                    "; a rehearsal database"));
  EXPECT_THAT(keys().Initialise(key, DatabaseKind::kProduction),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("already has a signing key")));
  // Serving with its own key changes nothing.
  std::vector<std::string> notes;
  auto loaded = keys().LoadForServing(key_path_, &notes);
  ASSERT_THAT(loaded, IsOk());
  EXPECT_EQ(loaded->public_key, key.public_key);
  EXPECT_THAT(notes, IsEmpty());
}

TEST_F(KeysTest, ADatabaseFromBeforeTheTableAdoptsItsKeyFileOnce) {
  auto key = CreateSigningKeyFile(key_path_);
  ASSERT_THAT(key, IsOk());
  EXPECT_EQ(*DatabaseSettings(store_.get(), &clock_).Kind(), DatabaseKind::kProduction);
  std::vector<std::string> notes;
  ASSERT_THAT(keys().LoadForServing(key_path_, &notes), IsOk());
  EXPECT_THAT(notes, ElementsAre("adopted the key of " + key_path_ +
                                 " as the current signing key #1 (" +
                                 domain::FormatPublicKey(key->public_key) +
                                 "), valid from 2023-06-01"));
  EXPECT_THAT(Events(), ElementsAre("AdoptSigningKey: the key file's key " +
                                    domain::FormatPublicKey(key->public_key) +
                                    " became the current key, valid from 2023-06-01"));
  notes.clear();
  ASSERT_THAT(keys().LoadForServing(key_path_, &notes), IsOk());
  EXPECT_THAT(notes, IsEmpty());
  EXPECT_EQ(Events().size(), 1u);
}

TEST_F(KeysTest, ServeRefusesAKeyFileThatIsNotTheCurrentKey) {
  Initialised();
  const std::string other = dir_.File("other.key");
  ASSERT_THAT(CreateSigningKeyFile(other), IsOk());
  std::vector<std::string> notes;
  EXPECT_THAT(keys().LoadForServing(other, &notes),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(StartsWith("key file " + other +
                                        " holds a key this database does not trust ("),
                             HasSubstr("the database's current signing key is key #1"),
                             HasSubstr("talentd key import"))));
  EXPECT_THAT(keys().LoadForServing(dir_.File("missing.key"), &notes),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(KeysTest, RotationRetiresTheOldKeyKeepsItsFileAndTheNextStartUsesTheNewOne) {
  SigningKey old_key = Initialised();
  clock_.Set(kNow + 30 * kDay);
  std::vector<std::string> notes;
  auto rotation = keys().Rotate(key_path_, &notes);
  ASSERT_THAT(rotation, IsOk());
  EXPECT_THAT(notes, IsEmpty());
  EXPECT_EQ(rotation->retired.id, 1);
  EXPECT_EQ(rotation->retired.valid_until, kNow + 30 * kDay);
  EXPECT_EQ(rotation->current.id, 2);
  EXPECT_EQ(rotation->current.valid_from, kNow + 30 * kDay);
  EXPECT_EQ(rotation->retired_path, key_path_ + ".retired-1");
  // The old key is kept, the new one is where the key file was.
  auto kept = LoadSigningKeyFile(rotation->retired_path);
  ASSERT_THAT(kept, IsOk());
  EXPECT_EQ(kept->public_key, old_key.public_key);
  auto now_in_file = LoadSigningKeyFile(key_path_);
  ASSERT_THAT(now_in_file, IsOk());
  EXPECT_EQ(now_in_file->public_key, rotation->current.public_key);
  EXPECT_FALSE(Exists(NextKeyPath(key_path_)));
  struct stat st;
  ASSERT_EQ(::stat(key_path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_THAT(Events().back(), StartsWith("RotateSigningKey: retired key #1 ("));
  EXPECT_THAT(Events().back(), HasSubstr(") on 2023-07-01; key #2 ("));
  // The retired key's file no longer serves, and says what to do.
  EXPECT_THAT(keys().LoadForServing(rotation->retired_path, &notes),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("holds key #1 (" + domain::FormatPublicKey(old_key.public_key) +
                                 "), retired on 2023-07-01")));
  auto loaded = keys().LoadForServing(key_path_, &notes);
  ASSERT_THAT(loaded, IsOk());
  EXPECT_EQ(loaded->public_key, rotation->current.public_key);
}

TEST_F(KeysTest, ARotationKilledBeforeTheDatabaseStepIsUndoneAtTheNextStart) {
  SigningKey old_key = Initialised();
  std::vector<std::string> notes;
  ASSERT_THAT(keys().Rotate(key_path_, &notes, /*stop_after=*/1), IsOk());
  ASSERT_TRUE(Exists(NextKeyPath(key_path_)));
  ASSERT_EQ(keys().List()->size(), 1u);
  auto loaded = keys().LoadForServing(key_path_, &notes);
  ASSERT_THAT(loaded, IsOk());
  EXPECT_EQ(loaded->public_key, old_key.public_key);
  EXPECT_THAT(notes, ElementsAre("an interrupted key rotation had not reached the database; "
                                 "its unused new key " + key_path_ + ".next was removed"));
  EXPECT_FALSE(Exists(NextKeyPath(key_path_)));
  // A half-written KEY.next (killed while writing it) is removed too.
  std::ofstream(NextKeyPath(key_path_)) << "talent-ed25519-v1\n12ab";
  ::chmod(NextKeyPath(key_path_).c_str(), 0600);
  notes.clear();
  ASSERT_THAT(keys().Rotate(key_path_, &notes), IsOk());
  EXPECT_THAT(notes, ElementsAre(HasSubstr("had not reached the database")));
  EXPECT_EQ(keys().List()->size(), 2u);
}

TEST_F(KeysTest, ARotationKilledAfterTheDatabaseStepIsFinishedAtTheNextStart) {
  SigningKey old_key = Initialised();
  std::vector<std::string> notes;
  auto half = keys().Rotate(key_path_, &notes, /*stop_after=*/2);
  ASSERT_THAT(half, IsOk());
  // The database trusts the new key; the key file still holds the old.
  EXPECT_EQ(LoadSigningKeyFile(key_path_)->public_key, old_key.public_key);
  EXPECT_TRUE(Exists(NextKeyPath(key_path_)));
  auto loaded = keys().LoadForServing(key_path_, &notes);
  ASSERT_THAT(loaded, IsOk());
  EXPECT_EQ(loaded->public_key, half->current.public_key);
  EXPECT_THAT(notes, ElementsAre("finished an interrupted key rotation: " + key_path_ +
                                 " now holds key #2 (" +
                                 domain::FormatPublicKey(half->current.public_key) +
                                 "); the retired key is kept in " + key_path_ + ".retired-1"));
  EXPECT_EQ(LoadSigningKeyFile(key_path_ + ".retired-1")->public_key, old_key.public_key);
  EXPECT_FALSE(Exists(NextKeyPath(key_path_)));
}

TEST_F(KeysTest, OnlyARehearsalDatabaseMovesItsClockAndEveryChangeIsAudited) {
  DatabaseSettings production(store_.get(), &clock_);
  EXPECT_THAT(production.StartClock(DatabaseKind::kProduction, true, 6),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("this is a production database")));
  EXPECT_THAT(production.StartClock(DatabaseKind::kProduction, true, 0),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(*production.StartClock(DatabaseKind::kProduction, false, 0), 0);
  EXPECT_THAT(Events(), IsEmpty());
  EXPECT_EQ(*production.StartClock(DatabaseKind::kRehearsal, true, 6), 0);
  EXPECT_EQ(*production.StartClock(DatabaseKind::kRehearsal, true, 6), 6);
  EXPECT_EQ(*production.StartClock(DatabaseKind::kRehearsal, false, 0), 6);
  EXPECT_THAT(Events(), ElementsAre("ChangeClockOffset: clock offset 0 → 6 days",
                                    "ChangeClockOffset: clock offset 6 → 0 days"));
  EXPECT_EQ(*production.LastClockOffsetDays(), 0);
}

TEST_F(KeysTest, ABackupRoundTripsOnlyWithItsPassphraseAndRefusesAnyChange) {
  SigningKey key = Initialised();
  const std::string backup = dir_.File("key.backup");
  EXPECT_THAT(ExportSigningKey(key, "short", backup),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "the passphrase must have at least 8 characters"));
  ASSERT_THAT(ExportSigningKey(key, "正确的口令 correct horse", backup), IsOk());
  struct stat st;
  ASSERT_EQ(::stat(backup.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const std::string text = Slurp(backup);
  EXPECT_THAT(text, StartsWith("talent-key-backup-v1\nkdf:argon2id13:3:268435456\nsalt:"));
  EXPECT_THAT(text, HasSubstr("\npublic:" + domain::FormatPublicKey(key.public_key) + "\nbox:"));
  EXPECT_EQ(text.find(common::HexEncode(key.secret_key)), std::string::npos);
  EXPECT_THAT(ExportSigningKey(key, "正确的口令 correct horse", backup),
              StatusIs(absl::StatusCode::kAlreadyExists));

  auto back = ImportSigningKey(backup, "正确的口令 correct horse");
  ASSERT_THAT(back, IsOk());
  EXPECT_EQ(back->secret_key, key.secret_key);
  EXPECT_EQ(back->public_key, key.public_key);
  EXPECT_THAT(ImportSigningKey(backup, "wrong passphrase"),
              StatusIs(absl::StatusCode::kPermissionDenied,
                       "cannot open backup " + backup +
                           ": wrong passphrase, or the file was changed"));

  // Truncated: not a complete backup.
  const std::string truncated = dir_.File("truncated.backup");
  std::ofstream(truncated) << text.substr(0, text.size() - 20);
  EXPECT_THAT(ImportSigningKey(truncated, "正确的口令 correct horse"),
              StatusIs(absl::StatusCode::kDataLoss,
                       "backup " + truncated +
                           " is not a complete talentd key backup (it must have six lines)"));
  // One digit of the box changed: it does not open.
  std::string edited_text = text;
  size_t box = edited_text.find("box:") + 10;
  edited_text[box] = edited_text[box] == '0' ? '1' : '0';
  const std::string edited = dir_.File("edited.backup");
  std::ofstream(edited) << edited_text;
  EXPECT_THAT(ImportSigningKey(edited, "正确的口令 correct horse"),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("the file was changed")));
  // The public line changed: it disagrees with the key inside.
  std::string renamed_text = text;
  size_t pub = renamed_text.find("public:");
  const std::string other = domain::FormatPublicKey(common::NewEd25519Keys().public_key);
  renamed_text.replace(pub + 7, other.size(), other);
  const std::string renamed = dir_.File("renamed.backup");
  std::ofstream(renamed) << renamed_text;
  EXPECT_THAT(ImportSigningKey(renamed, "正确的口令 correct horse"),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("it was changed")));
  EXPECT_THAT(ImportSigningKey(dir_.File("none"), "x"), StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace talent::core
