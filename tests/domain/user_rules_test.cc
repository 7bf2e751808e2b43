#include "server/domain/user_rules.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace talent::domain {
namespace {

using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;
using ::testing::HasSubstr;

constexpr absl::StatusCode kInvalid = absl::StatusCode::kInvalidArgument;
const char kUsernameMessage[] =
    "username must be 3–32 lower-case letters, digits, '.', '_' or '-', starting with a letter";

User ValidUser() {
  User u;
  u.username = "expert1";
  u.display_name = "李四";
  u.role = Role::kAssessor;
  u.organisation = "西南财经大学";
  return u;
}

absl::Status ValidateWithUsername(const std::string& username) {
  User u = ValidUser();
  u.username = username;
  return ValidateUser(&u);
}

TEST(ValidateUserTest, AcceptsValidUserAndTrimsFields) {
  User u = ValidUser();
  u.username = " expert1 ";
  u.display_name = "\xE3\x80\x80李四 ";
  u.organisation = " 西南财经大学\xE3\x80\x80";
  EXPECT_THAT(ValidateUser(&u), IsOk());
  EXPECT_EQ(u.username, "expert1");
  EXPECT_EQ(u.display_name, "李四");
  EXPECT_EQ(u.organisation, "西南财经大学");
}

TEST(ValidateUserTest, UsernameOfThreeAndThirtyTwoCharactersAccepted) {
  EXPECT_THAT(ValidateWithUsername("abc"), IsOk());
  EXPECT_THAT(ValidateWithUsername("a" + std::string(31, 'b')), IsOk());
  EXPECT_THAT(ValidateWithUsername("li.si_2-x"), IsOk());
}

TEST(ValidateUserTest, UsernameOfTwoOrThirtyThreeCharactersRefused) {
  EXPECT_THAT(ValidateWithUsername("ab"), StatusIs(kInvalid, kUsernameMessage));
  EXPECT_THAT(ValidateWithUsername("a" + std::string(32, 'b')),
              StatusIs(kInvalid, kUsernameMessage));
}

TEST(ValidateUserTest, UsernameWithUpperCaseLeadingDigitOrOtherCharactersRefused) {
  for (const char* bad : {"Alice", "1abc", ".abc", "li si", "li@si", "李四四", ""}) {
    EXPECT_THAT(ValidateWithUsername(bad), StatusIs(kInvalid, kUsernameMessage)) << bad;
  }
}

TEST(ValidateUserTest, DisplayNameRequiredAndAtMostFifty) {
  User u = ValidUser();
  u.display_name = " ";
  EXPECT_THAT(ValidateUser(&u), StatusIs(kInvalid, "display_name is required"));
  u.display_name = std::string(51, 'd');
  EXPECT_THAT(ValidateUser(&u), StatusIs(kInvalid, "display_name must be 1–50 characters, got 51"));
}

TEST(ValidateUserTest, RoleMustBeSpecified) {
  User u = ValidUser();
  u.role = Role::kUnspecified;
  EXPECT_THAT(ValidateUser(&u), StatusIs(kInvalid, "role must be admin, assessor or viewer"));
  for (Role role : {Role::kAdmin, Role::kAssessor, Role::kViewer}) {
    u.role = role;
    EXPECT_THAT(ValidateUser(&u), IsOk()) << RoleKey(role);
  }
}

TEST(ValidateUserTest, OrganisationRequiredForAnAssessorOnly) {
  User u = ValidUser();
  u.organisation = "";
  EXPECT_THAT(ValidateUser(&u),
              StatusIs(kInvalid, "organisation is required for an assessor: recusal compares it "
                                 "with each candidate's"));
  u.organisation = " \xE3\x80\x80";  // nothing but spaces is none
  EXPECT_THAT(ValidateUser(&u), StatusIs(kInvalid, HasSubstr("required for an assessor")));
  u.organisation = std::string(101, 'o');
  EXPECT_THAT(ValidateUser(&u),
              StatusIs(kInvalid, "organisation must be 0–100 characters, got 101"));
  // A viewer or an administrator scores nobody: no organisation is fine.
  for (Role role : {Role::kViewer, Role::kAdmin}) {
    u.role = role;
    u.organisation = "";
    EXPECT_THAT(ValidateUser(&u), IsOk());
    u.organisation = std::string(101, 'o');
    EXPECT_THAT(ValidateUser(&u),
                StatusIs(kInvalid, "organisation must be 0–100 characters, got 101"));
  }
}

TEST(ValidateTokenRequestTest, LabelOptionalTrimmedAtMostFifty) {
  std::string label;
  EXPECT_THAT(ValidateTokenRequest(&label, 0, 90), IsOk());
  label = " 笔记本 ";
  EXPECT_THAT(ValidateTokenRequest(&label, 30, 90), IsOk());
  EXPECT_EQ(label, "笔记本");
  label = std::string(50, 'l');
  EXPECT_THAT(ValidateTokenRequest(&label, 30, 90), IsOk());
  label = std::string(51, 'l');
  EXPECT_THAT(ValidateTokenRequest(&label, 30, 90),
              StatusIs(kInvalid, "label must be 0–50 characters, got 51"));
}

TEST(ValidateTokenRequestTest, TtlZeroOrOneUpToTheServersLifetime) {
  std::string label = "ci";
  EXPECT_THAT(ValidateTokenRequest(&label, 0, 90), IsOk());
  EXPECT_THAT(ValidateTokenRequest(&label, 1, 90), IsOk());
  EXPECT_THAT(ValidateTokenRequest(&label, 90, 90), IsOk());
  EXPECT_THAT(ValidateTokenRequest(&label, 91, 90),
              StatusIs(kInvalid,
                       "ttl_days must be 0 (the server's token lifetime, 90 days) or 1–90, got 91"));
  EXPECT_THAT(ValidateTokenRequest(&label, -1, 90),
              StatusIs(kInvalid,
                       "ttl_days must be 0 (the server's token lifetime, 90 days) or 1–90, got -1"));
  EXPECT_THAT(ValidateTokenRequest(&label, 3650, 3650), IsOk());
  EXPECT_THAT(ValidateTokenRequest(&label, 8, 7),
              StatusIs(kInvalid,
                       "ttl_days must be 0 (the server's token lifetime, 7 days) or 1–7, got 8"));
}

TEST(TokenExpiryTest, TheLifetimeUnlessFewerDaysAreAskedFor) {
  EXPECT_EQ(kDefaultTokenLifetimeDays, 90);
  EXPECT_EQ(TokenExpiry(1000, 0, 90), 1000 + 90 * 86400);
  EXPECT_EQ(TokenExpiry(1000, 1, 90), 1000 + 86400);
  EXPECT_EQ(TokenExpiry(1000, 90, 90), 1000 + 90 * 86400);
  EXPECT_EQ(TokenExpiry(1685577600, 0, 3650), 1685577600 + int64_t{3650} * 86400);
}

TEST(TokenExpiredTest, AtTheSecondOfExpiryNotBeforeAndNeverWithoutOne) {
  Token t;
  t.expire_time = 2000;
  EXPECT_FALSE(TokenExpired(t, 1999));
  EXPECT_TRUE(TokenExpired(t, 2000));
  t.expire_time = 0;
  EXPECT_FALSE(TokenExpired(t, int64_t{1} << 40));
}

// A token made before tokens expired (expire_time 0).
TEST(TokenUsableTest, TokenWithoutExpiryNeverExpires) {
  Token t;
  t.create_time = 1000;
  EXPECT_TRUE(TokenUsable(t, 1000));
  EXPECT_TRUE(TokenUsable(t, int64_t{1} << 40));
}

TEST(TokenUsableTest, ExpiresExactlyAtExpireTime) {
  Token t;
  t.expire_time = 2000;
  EXPECT_TRUE(TokenUsable(t, 1999));
  EXPECT_FALSE(TokenUsable(t, 2000));
  EXPECT_FALSE(TokenUsable(t, 2001));
}

TEST(TokenUsableTest, RevokedTokenNeverUsable) {
  Token t;
  t.revoke_time = 1500;
  EXPECT_FALSE(TokenUsable(t, 1000));
  t.expire_time = 2000;
  EXPECT_FALSE(TokenUsable(t, 1000));
}

}  // namespace
}  // namespace talent::domain
