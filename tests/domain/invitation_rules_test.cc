#include "server/domain/invitation_rules.h"

#include <set>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace talent::domain {
namespace {

using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;

constexpr absl::StatusCode kInvalid = absl::StatusCode::kInvalidArgument;
constexpr absl::StatusCode kFailed = absl::StatusCode::kFailedPrecondition;
// An OK StatusOr holding `value`.
MATCHER_P(IsOkAndHolds, value, "") {
  if (!arg.ok()) {
    *result_listener << "status " << arg.status();
    return false;
  }
  *result_listener << "holds " << ::testing::PrintToString(*arg);
  return *arg == value;
}

const char kBadCharacter[] =
    "code must be 16 letters and digits in groups of four, as in K7QM-3XPA-9RTD-WX4F (it never "
    "has 0, O, 1, I or L)";

TEST(InvitationAlphabetTest, ThirtyOneSymbolsNoneAmbiguousNoneTwice) {
  const std::string alphabet = kInvitationAlphabet;
  EXPECT_EQ(kInvitationAlphabetSize, 31);
  EXPECT_EQ(alphabet.size(), 31u);
  EXPECT_EQ(std::set<char>(alphabet.begin(), alphabet.end()).size(), 31u);
  for (char ambiguous : {'0', 'O', '1', 'I', 'L'}) {
    EXPECT_EQ(alphabet.find(ambiguous), std::string::npos) << ambiguous;
  }
}

TEST(FormatInvitationCodeTest, FourGroupsOfFour) {
  EXPECT_EQ(FormatInvitationCode("K7QM3XPA9RTDWX4F"), "K7QM-3XPA-9RTD-WX4F");
}

TEST(NormalizeInvitationCodeTest, AcceptsTheShownFormLowerCaseAndSpaces) {
  EXPECT_THAT(NormalizeInvitationCode("K7QM-3XPA-9RTD-WX4F"), IsOkAndHolds("K7QM3XPA9RTDWX4F"));
  EXPECT_THAT(NormalizeInvitationCode("k7qm 3xpa 9rtd wx4f"), IsOkAndHolds("K7QM3XPA9RTDWX4F"));
  EXPECT_THAT(NormalizeInvitationCode("K7QM3XPA9RTDWX4F"), IsOkAndHolds("K7QM3XPA9RTDWX4F"));
  EXPECT_THAT(NormalizeInvitationCode(" -K7QM--3XPA9RTDWX4F- "), IsOkAndHolds("K7QM3XPA9RTDWX4F"));
}

TEST(NormalizeInvitationCodeTest, FormatThenNormalizeRoundTrips) {
  const std::string code = "23456789ABCDEFGH";
  EXPECT_THAT(NormalizeInvitationCode(FormatInvitationCode(code)), IsOkAndHolds(code));
}

TEST(NormalizeInvitationCodeTest, AmbiguousOrForeignCharactersRefused) {
  for (const char* bad : {"K7QM-3XPA-9RTD-WX40", "K7QM-3XPA-9RTD-WX4O", "K7QM-3XPA-9RTD-WX41",
                          "K7QM-3XPA-9RTD-WX4I", "K7QM-3XPA-9RTD-WX4l", "K7QM_3XPA_9RTD_WX4F",
                          "K7QM-3XPA-9RTD-WX4Ｆ", "tpm_abcdefghijklmnop"}) {
    EXPECT_THAT(NormalizeInvitationCode(bad), StatusIs(kInvalid, kBadCharacter)) << bad;
  }
}

TEST(NormalizeInvitationCodeTest, FifteenOrSeventeenSymbolsRefused) {
  EXPECT_THAT(NormalizeInvitationCode("K7QM-3XPA-9RTD-WX4"),
              StatusIs(kInvalid,
                       "code must be 16 letters and digits in groups of four, as in "
                       "K7QM-3XPA-9RTD-WX4F; got 15"));
  EXPECT_THAT(NormalizeInvitationCode("K7QM-3XPA-9RTD-WX4FF"),
              StatusIs(kInvalid,
                       "code must be 16 letters and digits in groups of four, as in "
                       "K7QM-3XPA-9RTD-WX4F; got 17"));
  EXPECT_THAT(NormalizeInvitationCode(""),
              StatusIs(kInvalid,
                       "code must be 16 letters and digits in groups of four, as in "
                       "K7QM-3XPA-9RTD-WX4F; got 0"));
}

TEST(InvitationExpiryTest, SevenDaysByDefaultOneToThirtyOnRequest) {
  EXPECT_THAT(InvitationExpiry(1000, 0), IsOkAndHolds(1000 + 7 * 86400));
  EXPECT_THAT(InvitationExpiry(1000, 1), IsOkAndHolds(1000 + 86400));
  EXPECT_THAT(InvitationExpiry(1000, 30), IsOkAndHolds(1000 + 30 * 86400));
  EXPECT_THAT(InvitationExpiry(1000, 31),
              StatusIs(kInvalid, "ttl_days must be between 0 and 30, got 31"));
  EXPECT_THAT(InvitationExpiry(1000, -1),
              StatusIs(kInvalid, "ttl_days must be between 0 and 30, got -1"));
}

Invitation Open() {
  Invitation i;
  i.id = 3;
  i.username = "expert1";
  i.create_time = 1685577600;             // 2023-06-01T00:00:00Z
  i.expire_time = 1685577600 + 7 * 86400;  // 2023-06-08T00:00:00Z
  return i;
}

TEST(CheckInvitationRedeemableTest, OpenUntilTheSecondItExpires) {
  EXPECT_THAT(CheckInvitationRedeemable(Open(), 1685577600), IsOk());
  EXPECT_THAT(CheckInvitationRedeemable(Open(), 1685577600 + 7 * 86400 - 1), IsOk());
  EXPECT_THAT(CheckInvitationRedeemable(Open(), 1685577600 + 7 * 86400),
              StatusIs(kFailed,
                       "this invitation expired on 2023-06-08T00:00:00Z; ask an administrator "
                       "for a new one ('talentctl user invite expert1')"));
}

TEST(CheckInvitationRedeemableTest, RedeemedOnceNeverAgain) {
  Invitation i = Open();
  i.redeem_time = 1685577600 + 3600;
  EXPECT_THAT(CheckInvitationRedeemable(i, 1685577600 + 7200),
              StatusIs(kFailed,
                       "this invitation was redeemed already, on 2023-06-01T01:00:00Z, and works "
                       "only once; if that was not you, tell an administrator at once; ask an "
                       "administrator for a new one ('talentctl user invite expert1')"));
}

TEST(CheckInvitationRedeemableTest, VoidedRefusedEvenBeforeItExpires) {
  Invitation i = Open();
  i.void_time = 1685577600 + 60;
  EXPECT_THAT(CheckInvitationRedeemable(i, 1685577600 + 120),
              StatusIs(kFailed,
                       "this invitation was withdrawn on 2023-06-01T00:01:00Z (a newer one "
                       "replaced it, or the account was disabled); ask an administrator for a "
                       "new one ('talentctl user invite expert1')"));
}

}  // namespace
}  // namespace talent::domain
