// The rules of trusted keys and kinds of database, with exact messages.
#include "server/domain/key_rules.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace talent::domain {
namespace {

constexpr int64_t kJune1 = 1685577600;  // 2023-06-01T00:00:00Z, 08:00 in China
constexpr int64_t kDay = 86400;

TrustedKey Key(int64_t id, char fill, int64_t from, int64_t until = 0) {
  TrustedKey key;
  key.id = id;
  key.public_key = std::string(32, fill);
  key.valid_from = from;
  key.valid_until = until;
  return key;
}

TEST(DatabaseKindTest, NamesAndOffsets) {
  EXPECT_STREQ(DatabaseKindName(DatabaseKind::kProduction), "production");
  EXPECT_STREQ(DatabaseKindName(DatabaseKind::kRehearsal), "rehearsal");
  EXPECT_EQ(ParseDatabaseKind("rehearsal"), DatabaseKind::kRehearsal);
  EXPECT_EQ(ParseDatabaseKind("production"), DatabaseKind::kProduction);
  EXPECT_EQ(ParseDatabaseKind("Rehearsal"), std::nullopt);
  EXPECT_TRUE(CheckClockOffset(DatabaseKind::kRehearsal, true).ok());
  EXPECT_TRUE(CheckClockOffset(DatabaseKind::kProduction, false).ok());
  absl::Status refused = CheckClockOffset(DatabaseKind::kProduction, true);
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(refused.message(),
            "--clock-offset-days refused: this is a production database, whose clock is never "
            "moved; offsets are only for databases made with 'talentd init --rehearsal'");
}

TEST(KeyDistrustTest, AKeyVouchesForWhatItSignedWhileValid) {
  const TrustedKey retired = Key(1, 'a', kJune1, kJune1 + 10 * kDay);
  EXPECT_EQ(KeyDistrust(retired, kJune1), "");
  EXPECT_EQ(KeyDistrust(retired, kJune1 + 10 * kDay), "");  // both ends included
  EXPECT_EQ(KeyDistrust(retired, kJune1 - 1),
            "issued on 2023-06-01, before its signing key #1 was valid (from 2023-06-01)");
  EXPECT_EQ(KeyDistrust(retired, kJune1 + 10 * kDay + 1),
            "issued on 2023-06-11, after its signing key #1 was retired (2023-06-11)");
  const TrustedKey current = Key(2, 'b', kJune1);
  EXPECT_EQ(KeyDistrust(current, kJune1 + 3650 * kDay), "");
  EXPECT_EQ(KeyDistrust(std::nullopt, kJune1), "signed by a key this register does not trust");
}

TEST(DecideServingKeyTest, AdoptsOnAnEmptyTableUsesTheCurrentKeyRefusesAnyOther) {
  const std::string a(32, 'a'), b(32, 'b'), z(32, 'z');
  EXPECT_EQ(*DecideServingKey({}, a, "/db.key"), ServingKey::kAdopt);
  const std::vector<TrustedKey> keys = {Key(1, 'a', kJune1, kJune1 + kDay), Key(2, 'b', kJune1 + kDay)};
  EXPECT_EQ(*DecideServingKey(keys, b, "/db.key"), ServingKey::kUse);
  absl::StatusOr<ServingKey> retired = DecideServingKey(keys, a, "/db.key");
  EXPECT_EQ(retired.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(retired.status().message(),
            "key file /db.key holds key #1 (" + FormatPublicKey(a) +
                "), retired on 2023-06-02; the database's current signing key is key #2 (" +
                FormatPublicKey(b) +
                "). Serve with --key naming that key's file, or restore it with 'talentd key "
                "import --from BACKUP --key /db.key' after moving this file away ('talentd key "
                "list' shows the keys)");
  absl::StatusOr<ServingKey> stranger = DecideServingKey(keys, z, "/db.key");
  EXPECT_THAT(std::string(stranger.status().message()),
              ::testing::StartsWith("key file /db.key holds a key this database does not trust (" +
                                    FormatPublicKey(z) + "); the database's current signing key "
                                    "is key #2"));
}

TEST(RotationRulesTest, RetireTimeAndIssuingKey) {
  EXPECT_EQ(RetireTime(kJune1, 0), kJune1);
  EXPECT_EQ(RetireTime(kJune1, kJune1 + 6 * kDay), kJune1 + 6 * kDay);  // a rehearsal ran ahead
  const TrustedKey current = Key(2, 'b', kJune1);
  EXPECT_TRUE(CheckIssuingKey(current, std::string(32, 'b'), kJune1).ok());
  absl::Status rotated = CheckIssuingKey(current, std::string(32, 'a'), kJune1);
  EXPECT_EQ(rotated.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(rotated.message(), "the signing key was rotated; restart talentd");
  EXPECT_EQ(CheckIssuingKey(std::nullopt, std::string(32, 'b'), kJune1).message(),
            "the signing key was rotated; restart talentd");
  EXPECT_EQ(CheckIssuingKey(current, std::string(32, 'b'), kJune1 - kDay).code(),
            absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace talent::domain
