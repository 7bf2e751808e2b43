// Use cases of users and tokens: the first administrator, authentication,
// token lifetimes and revocation, disabling, idempotent creation.
#include "tests/core/use_case_fixture.h"

namespace talent::core {
namespace {

TEST_F(UseCaseTest, BootstrapCreatesAnAdministratorWhoseTokenAuthenticates) {
  EXPECT_EQ(admin_.username, "admin");
  EXPECT_EQ(admin_.role, Role::kAdmin);
  EXPECT_EQ(admin_.organisation, "四川省民政厅");
  EXPECT_THAT(admin_secret_, StartsWith("tpm_"));
  EXPECT_EQ(Query("SELECT COUNT(*) FROM audit_events WHERE method = 'Init'"), 1);
}

TEST_F(UseCaseTest, BootstrapTwiceIsFailedPrecondition) {
  EXPECT_THAT(core_->users.Bootstrap(MakeUser("root", Role::kAdmin)),
              StatusIs(kPrecondition, HasSubstr("is already initialised")));
  EXPECT_EQ(Query("SELECT COUNT(*) FROM users"), 1);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM tokens"), 1);
}

TEST(CoreBootstrapTest, InvalidAdministratorIsInvalidArgumentAndWritesNothing) {
  TempDir dir;
  storage::StoreOptions options;
  options.create = true;
  auto store = storage::Store::Open(dir.File("t.db"), options);
  ASSERT_THAT(store, IsOk());
  common::FakeClock clock(kNow);
  UseCases core(std::move(*store), &clock);
  domain::User bad;
  bad.username = "Admin";
  bad.display_name = "管理员";
  bad.organisation = "民政厅";
  EXPECT_THAT(core.users.Bootstrap(bad), StatusIs(kInvalid, HasSubstr("username")));
  bad.username = "admin";
  EXPECT_THAT(core.users.Bootstrap(bad), IsOk());  // still uninitialised after the failure
}

TEST_F(UseCaseTest, UnknownOrMalformedSecretIsUnauthenticated) {
  for (const std::string& secret :
       {std::string(), std::string("garbage"), std::string("tpm_not-a-real-token"),
        admin_secret_.substr(4)}) {
    EXPECT_THAT(core_->users.Authenticate(secret),
                StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("talentctl login")))
        << secret;
  }
}

TEST_F(UseCaseTest, TokensAreStoredOnlyAsHashes) {
  auto db = storage::Connection::Open(path_, storage::Connection::Mode::kReadOnly, false);
  ASSERT_THAT(db, IsOk());
  auto st = (*db)->Prepare("SELECT COUNT(*) FROM tokens WHERE secret_hash = ?");
  ASSERT_THAT(st, IsOk());
  (*st)->BindBlob(1, common::Sha256(admin_secret_));
  ASSERT_THAT((*st)->Step(), IsOk());
  EXPECT_EQ((*st)->ColumnInt(0), 1);
  st = (*db)->Prepare("SELECT COUNT(*) FROM tokens WHERE secret_hash = ?");
  (*st)->BindBlob(1, admin_secret_);
  ASSERT_THAT((*st)->Step(), IsOk());
  EXPECT_EQ((*st)->ColumnInt(0), 0);
}

TEST_F(UseCaseTest, TokenWithOneDayTtlExpiresAfterADay) {
  auto token = core_->users.CreateToken(admin_, "admin", "ci", 1, "");
  ASSERT_THAT(token, IsOk());
  EXPECT_EQ(token->token.create_time, kNow);
  EXPECT_EQ(token->token.expire_time, kNow + kDay);
  EXPECT_THAT(core_->users.Authenticate(token->secret), IsOk());
  clock_.Advance(kDay - 1);
  EXPECT_THAT(core_->users.Authenticate(token->secret), IsOk());
  clock_.Advance(1);  // a whole day (86400 s) after it was made
  EXPECT_THAT(core_->users.Authenticate(token->secret),
              StatusIs(absl::StatusCode::kUnauthenticated,
                       HasSubstr("unknown, revoked or expired")));
  // The bootstrap token has no expiry.
  clock_.Advance(3650 * kDay);
  EXPECT_THAT(core_->users.Authenticate(admin_secret_), IsOk());
}

TEST_F(UseCaseTest, RevokedTokenIsUnauthenticatedAndCannotBeRevokedAgain) {
  auto token = core_->users.CreateToken(admin_, "admin", "laptop", 0, "");
  ASSERT_THAT(token, IsOk());
  ASSERT_THAT(core_->users.Authenticate(token->secret), IsOk());
  clock_.Advance(60);
  auto revoked = core_->users.RevokeToken(admin_, "admin", token->token.id);
  ASSERT_THAT(revoked, IsOk());
  EXPECT_EQ(revoked->revoke_time, kNow + 60);
  EXPECT_THAT(core_->users.Authenticate(token->secret), StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(core_->users.RevokeToken(admin_, "admin", token->token.id),
              StatusIs(kPrecondition, HasSubstr("is already revoked")));
  EXPECT_THAT(core_->users.Authenticate(admin_secret_), IsOk());  // other tokens unaffected
}

TEST_F(UseCaseTest, TokenRequestIsValidated) {
  EXPECT_THAT(core_->users.CreateToken(admin_, "admin", "ci", -1, ""),
              StatusIs(kInvalid, "ttl_days must be between 0 and 3650, got -1"));
  EXPECT_THAT(core_->users.CreateToken(admin_, "admin", std::string(51, 'l'), 1, ""),
              StatusIs(kInvalid, "label must be 0–50 characters, got 51"));
  EXPECT_THAT(core_->users.CreateToken(admin_, "nobody", "", 1, ""),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(Query("SELECT COUNT(*) FROM tokens"), 1);
}

TEST_F(UseCaseTest, DisabledUsersTokensStopWorking) {
  std::string secret = AddUser("expert1", Role::kAssessor);
  auto caller = core_->users.Authenticate(secret);
  ASSERT_THAT(caller, IsOk());
  EXPECT_EQ(caller->role, Role::kAssessor);
  ASSERT_THAT(core_->users.DisableUser(admin_, "expert1"), IsOk());
  EXPECT_THAT(core_->users.Authenticate(secret), StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(core_->users.CreateToken(admin_, "expert1", "", 0, ""),
              StatusIs(kPrecondition, "user expert1 is disabled"));
}

TEST_F(UseCaseTest, AdministratorCannotDisableThemselves) {
  EXPECT_THAT(core_->users.DisableUser(admin_, "admin"),
              StatusIs(kPrecondition, HasSubstr("cannot disable your own account")));
}

TEST_F(UseCaseTest, OnlyAnAdministratorManagesAnotherUsersTokens) {
  std::string secret = AddUser("expert1", Role::kAssessor);
  auto assessor = core_->users.Authenticate(secret);
  ASSERT_THAT(assessor, IsOk());
  EXPECT_THAT(core_->users.CreateToken(*assessor, "admin", "", 0, ""),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("(you are expert1)")));
  EXPECT_THAT(core_->users.ListTokens(*assessor, "admin"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(core_->users.CreateToken(*assessor, "expert1", "mine", 30, ""), IsOk());
  auto mine = core_->users.ListTokens(*assessor, "expert1");
  ASSERT_THAT(mine, IsOk());
  EXPECT_EQ(mine->size(), 2u);
}

TEST_F(UseCaseTest, CreateUserWithSameRequestIdTwiceCreatesOne) {
  auto first = core_->users.CreateUser(admin_, MakeUser("expert1", Role::kAssessor), true, "req-1");
  ASSERT_THAT(first, IsOk());
  ASSERT_TRUE(first->token.has_value());
  auto second = core_->users.CreateUser(admin_, MakeUser("expert1", Role::kAssessor), true, "req-1");
  ASSERT_THAT(second, IsOk());
  EXPECT_EQ(second->user.id, first->user.id);
  EXPECT_FALSE(second->token.has_value());  // the secret was shown once
  EXPECT_EQ(Query("SELECT COUNT(*) FROM users WHERE username = 'expert1'"), 1);
  EXPECT_THAT(core_->users.CreateUser(admin_, MakeUser("expert1", Role::kAssessor), false, ""),
              StatusIs(absl::StatusCode::kAlreadyExists, "user expert1 already exists"));
}

// --- Paging ------------------------------------------------------------------------

TEST_F(UseCaseTest, ATokenRetriedWithItsRequestIdIsNotMadeTwice) {
  auto first = core_->users.CreateToken(admin_, "admin", "laptop", 30, "token-laptop");
  ASSERT_THAT(first, IsOk());
  EXPECT_FALSE(first->secret.empty());
  EXPECT_THAT(core_->users.CreateToken(admin_, "admin", "laptop", 30, "token-laptop"),
              StatusIs(absl::StatusCode::kAlreadyExists,
                       "this request_id already created users/admin/tokens/" +
                           std::to_string(first->token.id) +
                           "; its secret was shown once only: if it was lost, revoke that token "
                           "and create another with a new request_id"));
  auto tokens = core_->users.ListTokens(admin_, "admin");
  ASSERT_THAT(tokens, IsOk());
  EXPECT_EQ(tokens->size(), 2u);  // the bootstrap token and this one
}

}  // namespace
}  // namespace talent::core
