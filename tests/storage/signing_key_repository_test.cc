// The trusted signing keys and the database's settings on a real SQLite
// file: one current key at most, keys unique, retirement, and settings that
// a database from before them (a fresh migration) starts with.
#include "server/storage/signing_key_repository.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/storage/settings_repository.h"
#include "tests/storage/seeded_database.h"
#include "tests/testing/status_matchers.h"

namespace talent::storage {
namespace {

using domain::TrustedKey;
using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;
using ::testing::HasSubstr;

TrustedKey Key(char fill, int64_t from, int64_t until = 0) {
  TrustedKey key;
  key.public_key = std::string(32, fill);
  key.valid_from = from;
  key.valid_until = until;
  key.create_time = from;
  return key;
}

using SigningKeyRepositoryTest = MigratedDatabase;

TEST_F(SigningKeyRepositoryTest, KeepsKeysAndFindsTheCurrentOne) {
  auto none = SigningKeyRepository::Current(*db_);
  ASSERT_THAT(none, IsOk());
  EXPECT_FALSE(none->has_value());
  TrustedKey old_key = Key('a', 100, 200), current = Key('b', 200);
  ASSERT_THAT(SigningKeyRepository::Insert(*db_, &old_key), IsOk());
  ASSERT_THAT(SigningKeyRepository::Insert(*db_, &current), IsOk());
  EXPECT_EQ(old_key.id, 1);
  EXPECT_EQ(current.id, 2);
  auto found = SigningKeyRepository::Current(*db_);
  ASSERT_THAT(found, IsOk());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, 2);
  EXPECT_EQ((*found)->public_key, std::string(32, 'b'));
  EXPECT_EQ((*found)->valid_from, 200);
  EXPECT_TRUE((*found)->current());
  auto by_key = SigningKeyRepository::FindByPublicKey(*db_, std::string(32, 'a'));
  ASSERT_THAT(by_key, IsOk());
  ASSERT_TRUE(by_key->has_value());
  EXPECT_EQ((*by_key)->valid_until, 200);
  auto unknown = SigningKeyRepository::FindByPublicKey(*db_, std::string(32, 'z'));
  ASSERT_THAT(unknown, IsOk());
  EXPECT_FALSE(unknown->has_value());
  auto all = SigningKeyRepository::List(*db_);
  ASSERT_THAT(all, IsOk());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].id, 1);
  EXPECT_EQ((*all)[1].id, 2);
}

TEST_F(SigningKeyRepositoryTest, OneCurrentKeyAtMostAndEachKeyOnce) {
  TrustedKey first = Key('a', 100);
  ASSERT_THAT(SigningKeyRepository::Insert(*db_, &first), IsOk());
  TrustedKey second = Key('b', 100);
  EXPECT_THAT(SigningKeyRepository::Insert(*db_, &second),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("still current")));
  TrustedKey again = Key('a', 100, 150);
  EXPECT_THAT(SigningKeyRepository::Insert(*db_, &again),
              StatusIs(absl::StatusCode::kAlreadyExists));
  // The schema refuses a key of another size, and a validity that ends
  // before it begins.
  TrustedKey short_key = Key('c', 100, 150);
  short_key.public_key = "short";
  EXPECT_THAT(SigningKeyRepository::Insert(*db_, &short_key),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  TrustedKey backwards = Key('d', 100, 50);
  EXPECT_THAT(SigningKeyRepository::Insert(*db_, &backwards),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(SigningKeyRepositoryTest, RetiringEndsAKeysValidity) {
  TrustedKey key = Key('a', 100);
  ASSERT_THAT(SigningKeyRepository::Insert(*db_, &key), IsOk());
  ASSERT_THAT(SigningKeyRepository::Retire(*db_, key.id, 500), IsOk());
  auto current = SigningKeyRepository::Current(*db_);
  ASSERT_THAT(current, IsOk());
  EXPECT_FALSE(current->has_value());
  auto found = SigningKeyRepository::FindByPublicKey(*db_, key.public_key);
  ASSERT_THAT(found, IsOk());
  EXPECT_EQ((*found)->valid_until, 500);
  EXPECT_THAT(SigningKeyRepository::Retire(*db_, 99, 500),
              StatusIs(absl::StatusCode::kNotFound, "no signing key #99"));
}

using SettingsRepositoryTest = MigratedDatabase;

TEST_F(SettingsRepositoryTest, ANewDatabaseIsProductionUntilSetOtherwise) {
  auto kind = SettingsRepository::Get(*db_, kSettingKind);
  ASSERT_THAT(kind, IsOk());
  EXPECT_EQ(*kind, std::optional<std::string>("production"));
  auto offset = SettingsRepository::Get(*db_, kSettingClockOffsetDays);
  ASSERT_THAT(offset, IsOk());
  EXPECT_FALSE(offset->has_value());
  ASSERT_THAT(SettingsRepository::Set(*db_, kSettingKind, "rehearsal"), IsOk());
  ASSERT_THAT(SettingsRepository::Set(*db_, kSettingClockOffsetDays, "6"), IsOk());
  ASSERT_THAT(SettingsRepository::Set(*db_, kSettingClockOffsetDays, "7"), IsOk());
  EXPECT_EQ(*SettingsRepository::Get(*db_, kSettingKind), std::optional<std::string>("rehearsal"));
  EXPECT_EQ(*SettingsRepository::Get(*db_, kSettingClockOffsetDays),
            std::optional<std::string>("7"));
}

}  // namespace
}  // namespace talent::storage
