// Use cases of users and tokens: the first administrator, authentication,
// invitations, token lifetimes, renewal and revocation, disabling,
// idempotent creation.
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
                       "your token expired on 2023-06-02T00:00:00Z; ask an administrator for a "
                       "new invitation ('talentctl user invite admin'), and renew the next one "
                       "with 'talentctl login' before it expires"));
  // The bootstrap token lives the default lifetime, 90 days.
  EXPECT_THAT(core_->users.Authenticate(admin_secret_), IsOk());
  clock_.Set(kNow + 90 * kDay - 1);
  EXPECT_THAT(core_->users.Authenticate(admin_secret_), IsOk());
  clock_.Set(kNow + 90 * kDay);
  EXPECT_THAT(core_->users.Authenticate(admin_secret_),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("your token expired on")));
}

TEST_F(UseCaseTest, EveryTokenLivesTheConfiguredLifetime) {
  core_->users.SetTokenLifetimeDays(30);
  auto token = core_->users.CreateToken(admin_, "admin", "ci", 0, "");
  ASSERT_THAT(token, IsOk());
  EXPECT_EQ(token->token.expire_time, kNow + 30 * kDay);
  EXPECT_THAT(core_->users.CreateToken(admin_, "admin", "ci", 30, ""), IsOk());
  EXPECT_THAT(core_->users.CreateToken(admin_, "admin", "ci", 31, ""),
              StatusIs(kInvalid, "ttl_days must be 0 (the server's token lifetime, 30 days) or "
                                 "1–30, got 31"));
  auto created = core_->users.CreateUser(admin_, MakeUser("expert1", Role::kAssessor), "");
  ASSERT_THAT(created, IsOk());
  auto redeemed = core_->users.RedeemInvitation("expert1", created->invitation->code, "");
  ASSERT_THAT(redeemed, IsOk());
  EXPECT_EQ(redeemed->token.token.expire_time, kNow + 30 * kDay);
  auto caller = core_->users.Authenticate(redeemed->token.secret);
  ASSERT_THAT(caller, IsOk());
  clock_.Advance(kDay);
  auto renewed = core_->users.RenewToken(*caller);
  ASSERT_THAT(renewed, IsOk());
  EXPECT_EQ(renewed->fresh.token.expire_time, kNow + 31 * kDay);
}

TEST_F(UseCaseTest, RenewingReplacesTheTokenInOneStep) {
  auto laptop = core_->users.CreateToken(admin_, "admin", "laptop", 5, "");
  ASSERT_THAT(laptop, IsOk());
  auto caller = core_->users.Authenticate(laptop->secret);
  ASSERT_THAT(caller, IsOk());
  EXPECT_EQ(caller->token_id, laptop->token.id);
  clock_.Advance(60);
  auto renewed = core_->users.RenewToken(*caller);
  ASSERT_THAT(renewed, IsOk());
  EXPECT_EQ(renewed->user.username, "admin");
  EXPECT_EQ(renewed->fresh.token.label, "laptop");
  EXPECT_EQ(renewed->fresh.token.create_time, kNow + 60);
  EXPECT_EQ(renewed->fresh.token.expire_time, kNow + 60 + 90 * kDay) << "the full lifetime";
  EXPECT_EQ(renewed->revoked.id, laptop->token.id);
  EXPECT_EQ(renewed->revoked.revoke_time, kNow + 60);
  EXPECT_THAT(core_->users.Authenticate(laptop->secret),
              StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(core_->users.Authenticate(renewed->fresh.secret), IsOk());
  // The same caller again, as two renewals racing would: the second loses.
  EXPECT_THAT(core_->users.RenewToken(*caller),
              StatusIs(kPrecondition, "token users/admin/tokens/" +
                                          std::to_string(laptop->token.id) +
                                          " was revoked meanwhile; log in with a valid token"));
  Caller tokenless = admin_;
  tokenless.token_id = 0;
  EXPECT_THAT(core_->users.RenewToken(tokenless),
              StatusIs(kPrecondition, "this call came with no token to renew"));
  EXPECT_EQ(Query("SELECT COUNT(*) FROM audit_events WHERE method = 'RenewToken'"), 1);
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
              StatusIs(kInvalid, "ttl_days must be 0 (the server's token lifetime, 90 days) or "
                                 "1–90, got -1"));
  EXPECT_THAT(core_->users.CreateToken(admin_, "admin", std::string(51, 'l'), 1, ""),
              StatusIs(kInvalid, "label must be 0–50 characters, got 51"));
  EXPECT_THAT(core_->users.CreateToken(admin_, "nobody", "", 1, ""),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_EQ(Query("SELECT COUNT(*) FROM tokens"), 1);
}

TEST_F(UseCaseTest, DisabledUsersTokensStopWorking) {
  std::string secret = AddUser("expert1", Role::kAssessor);
  auto caller = core_->users.Authenticate(secret);
  ASSERT_THAT(caller, IsOk());
  EXPECT_EQ(caller->role, Role::kAssessor);
  ASSERT_THAT(core_->users.DisableUser(admin_, "expert1"), IsOk());
  EXPECT_THAT(core_->users.Authenticate(secret), StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(core_->users.InviteUser(admin_, "expert1", 0),
              StatusIs(kPrecondition, "user expert1 is disabled; a disabled account is not invited"));
}

TEST_F(UseCaseTest, AdministratorCannotDisableThemselves) {
  EXPECT_THAT(core_->users.DisableUser(admin_, "admin"),
              StatusIs(kPrecondition, HasSubstr("cannot disable your own account")));
}

TEST_F(UseCaseTest, NobodyMakesATokenForAnotherUser) {
  std::string secret = AddUser("expert1", Role::kAssessor);
  EXPECT_THAT(core_->users.CreateToken(admin_, "expert1", "", 0, ""),
              StatusIs(absl::StatusCode::kPermissionDenied,
                       "tokens are made only for oneself: an administrator never holds another "
                       "user's token; invite them instead ('talentctl user invite expert1') (you "
                       "are admin)"));
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
  auto first = core_->users.CreateUser(admin_, MakeUser("expert1", Role::kAssessor), "req-1");
  ASSERT_THAT(first, IsOk());
  ASSERT_TRUE(first->invitation.has_value());
  auto second = core_->users.CreateUser(admin_, MakeUser("expert1", Role::kAssessor), "req-1");
  ASSERT_THAT(second, IsOk());
  EXPECT_EQ(second->user.id, first->user.id);
  EXPECT_FALSE(second->invitation.has_value());  // the code was shown once
  EXPECT_EQ(Query("SELECT COUNT(*) FROM users WHERE username = 'expert1'"), 1);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM invitations"), 1);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM tokens"), 1) << "only the administrator's";
  EXPECT_THAT(core_->users.CreateUser(admin_, MakeUser("expert1", Role::kAssessor), ""),
              StatusIs(absl::StatusCode::kAlreadyExists, "user expert1 already exists"));
}

TEST_F(UseCaseTest, InvitationCodesAreStoredOnlyAsHashes) {
  auto created = core_->users.CreateUser(admin_, MakeUser("expert1", Role::kAssessor), "");
  ASSERT_THAT(created, IsOk());
  const std::string& code = created->invitation->code;
  ASSERT_EQ(code.size(), 19u) << code;
  std::string canonical;
  for (char c : code) {
    if (c != '-') canonical += c;
  }
  auto db = storage::Connection::Open(path_, storage::Connection::Mode::kReadOnly, false);
  ASSERT_THAT(db, IsOk());
  auto st = (*db)->Prepare("SELECT COUNT(*) FROM invitations WHERE code_hash = ?");
  ASSERT_THAT(st, IsOk());
  (*st)->BindBlob(1, common::Sha256(canonical));
  ASSERT_THAT((*st)->Step(), IsOk());
  EXPECT_EQ((*st)->ColumnInt(0), 1);
  (*st)->Reset();
  // Nowhere in the audit log either.
  auto events = (*db)->Prepare(
      "SELECT COUNT(*) FROM audit_events WHERE instr(detail, ?) > 0 OR instr(detail, ?) > 0");
  ASSERT_THAT(events, IsOk());
  (*events)->Bind(1, code).Bind(2, canonical);
  ASSERT_THAT((*events)->Step(), IsOk());
  EXPECT_EQ((*events)->ColumnInt(0), 0);
  (*events)->Reset();
}

TEST_F(UseCaseTest, CodesAreDrawnFromTheWholeAlphabet) {
  // 40 codes of 16 symbols: every one of the 31 symbols shows up (the
  // chance that one does not is 31 × (30/31)^640, about 2e-8).
  std::set<char> seen;
  for (int i = 0; i < 40; ++i) {
    auto invitation = core_->users.InviteUser(admin_, "admin", 0);
    ASSERT_THAT(invitation, IsOk());
    for (char c : invitation->code) {
      if (c != '-') seen.insert(c);
    }
  }
  EXPECT_EQ(seen.size(), 31u);
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
