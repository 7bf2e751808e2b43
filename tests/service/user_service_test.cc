// talent.v1.UserService over a real server: users, roles, and bearer tokens
// (shown once, stored hashed, one's own only, revocable, expiring,
// renewable), with the status codes the API promises. Invitations:
// invitation_service_test.cc.
#include <set>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/server_fixture.h"
#include "tests/testing/status_matchers.h"

namespace talent {
namespace {

using ::talent::testing::GrpcIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using Code = grpc::StatusCode;

v1::CreateUserRequest UserRequest(const std::string& username, v1::Role role) {
  v1::CreateUserRequest req;
  req.mutable_user()->set_username(username);
  req.mutable_user()->set_display_name("王建国");
  req.mutable_user()->set_role(role);
  req.mutable_user()->set_organisation("四川大学");
  return req;
}

class UserServiceTest : public testing::ServerFixture {
 protected:
  grpc::Status CreateUser(const v1::CreateUserRequest& req, v1::CreateUserResponse* out = nullptr,
                          const std::string& token = "") {
    v1::CreateUserResponse resp;
    return users_->CreateUser(As(token.empty() ? admin_token_ : token).get(), req,
                              out ? out : &resp);
  }

  grpc::Status WhoAmI(const std::string& token, v1::User* out = nullptr) {
    v1::User resp;
    return users_->WhoAmI(As(token).get(), {}, out ? out : &resp);
  }

  grpc::Status GetUser(const std::string& name, const std::string& token, v1::User* out = nullptr) {
    v1::GetUserRequest req;
    req.set_name(name);
    v1::User resp;
    return users_->GetUser(As(token).get(), req, out ? out : &resp);
  }

  grpc::Status Disable(const std::string& name, const std::string& token,
                       v1::User* out = nullptr) {
    v1::DisableUserRequest req;
    req.set_name(name);
    v1::User resp;
    return users_->DisableUser(As(token).get(), req, out ? out : &resp);
  }

  grpc::Status CreateToken(const std::string& token, const std::string& user,
                           const std::string& label, int ttl_days,
                           v1::CreateTokenResponse* out = nullptr) {
    v1::CreateTokenRequest req;
    req.set_user(user);
    req.set_label(label);
    req.set_ttl_days(ttl_days);
    v1::CreateTokenResponse resp;
    return users_->CreateToken(As(token).get(), req, out ? out : &resp);
  }

  grpc::Status ListTokens(const std::string& token, const std::string& user,
                          v1::ListTokensResponse* out) {
    v1::ListTokensRequest req;
    req.set_user(user);
    return users_->ListTokens(As(token).get(), req, out);
  }

  grpc::Status Renew(const std::string& token, v1::RenewTokenResponse* out = nullptr) {
    v1::RenewTokenResponse resp;
    return users_->RenewToken(As(token).get(), {}, out ? out : &resp);
  }

  grpc::Status Revoke(const std::string& token, const std::string& name, v1::Token* out = nullptr) {
    v1::RevokeTokenRequest req;
    req.set_name(name);
    v1::Token resp;
    return users_->RevokeToken(As(token).get(), req, out ? out : &resp);
  }
};

// ---------------------------------------------------------------------------
// Users.

TEST_F(UserServiceTest, CreateUserReturnsTheUserAndNoTokenOfTheirs) {
  v1::CreateUserResponse created;
  ASSERT_THAT(CreateUser(UserRequest("expert2", v1::ROLE_ASSESSOR), &created), GrpcIs(Code::OK));
  EXPECT_EQ(created.user().name(), "users/expert2");
  EXPECT_EQ(created.user().username(), "expert2");
  EXPECT_EQ(created.user().display_name(), "王建国");
  EXPECT_EQ(created.user().role(), v1::ROLE_ASSESSOR);
  EXPECT_EQ(created.user().organisation(), "四川大学");
  EXPECT_FALSE(created.user().disabled());
  EXPECT_EQ(created.user().create_time(), "2023-06-01T00:00:00Z");
  EXPECT_TRUE(created.has_invitation());
  v1::ListTokensResponse tokens;
  ASSERT_THAT(ListTokens(admin_token_, "users/expert2", &tokens), GrpcIs(Code::OK));
  EXPECT_EQ(tokens.tokens_size(), 0);
}

TEST_F(UserServiceTest, CreateUserRejectsEachBadFieldByName) {
  struct Case {
    const char* what;
    void (*mutate)(v1::User*);
    const char* field;
  };
  const Case cases[] = {
      {"upper case", [](v1::User* u) { u->set_username("Expert2"); }, "username"},
      {"too short", [](v1::User* u) { u->set_username("ab"); }, "username"},
      {"too long", [](v1::User* u) { u->set_username(std::string(33, 'a')); }, "username"},
      {"starts with digit", [](v1::User* u) { u->set_username("2expert"); }, "username"},
      {"space", [](v1::User* u) { u->set_username("ex pert"); }, "username"},
      {"no display name", [](v1::User* u) { u->set_display_name(""); }, "display_name"},
      {"no role", [](v1::User* u) { u->set_role(v1::ROLE_UNSPECIFIED); }, "role"},
      {"unknown role", [](v1::User* u) { u->set_role(static_cast<v1::Role>(7)); }, "role"},
      {"no organisation", [](v1::User* u) { u->set_organisation(""); }, "organisation"},
  };
  for (const Case& c : cases) {
    v1::CreateUserRequest req = UserRequest("expert2", v1::ROLE_ASSESSOR);
    c.mutate(req.mutable_user());
    EXPECT_THAT(CreateUser(req), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr(c.field))) << c.what;
  }
  v1::ListUsersResponse list;
  ASSERT_THAT(users_->ListUsers(AsAdmin().get(), {}, &list), GrpcIs(Code::OK));
  EXPECT_EQ(list.users_size(), 3) << "a rejected user was stored";
}

TEST_F(UserServiceTest, DuplicateUsernameIsAlreadyExists) {
  EXPECT_THAT(CreateUser(UserRequest("expert1", v1::ROLE_VIEWER)),
              GrpcIs(Code::ALREADY_EXISTS, HasSubstr("expert1")));
  v1::User user;
  ASSERT_THAT(GetUser("expert1", admin_token_, &user), GrpcIs(Code::OK));
  EXPECT_EQ(user.role(), v1::ROLE_ASSESSOR);
}

TEST_F(UserServiceTest, SameRequestIdCreatesOnce) {
  v1::CreateUserRequest req = UserRequest("expert2", v1::ROLE_ASSESSOR);
  req.set_request_id("user-expert2");
  v1::CreateUserResponse first, second;
  ASSERT_THAT(CreateUser(req, &first), GrpcIs(Code::OK));
  ASSERT_THAT(CreateUser(req, &second), GrpcIs(Code::OK));
  EXPECT_EQ(first.user().SerializeAsString(), second.user().SerializeAsString());
  EXPECT_TRUE(first.has_invitation());
  EXPECT_FALSE(second.has_invitation()) << "a code is shown only once";
}

TEST_F(UserServiceTest, OnlyAdminsCreateAndDisableUsers) {
  EXPECT_THAT(CreateUser(UserRequest("expert2", v1::ROLE_ADMIN), nullptr, assessor_token_),
              GrpcIs(Code::PERMISSION_DENIED, HasSubstr("CreateUser")));
  EXPECT_THAT(CreateUser(UserRequest("expert2", v1::ROLE_ADMIN), nullptr, viewer_token_),
              GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_THAT(Disable("users/leader1", assessor_token_), GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_THAT(Disable("users/expert1", viewer_token_), GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_THAT(WhoAmI(assessor_token_), GrpcIs(Code::OK));
  EXPECT_THAT(WhoAmI(viewer_token_), GrpcIs(Code::OK));
}

TEST_F(UserServiceTest, GetUserIsForAdminsOrYourself) {
  v1::User user;
  ASSERT_THAT(GetUser("users/expert1", admin_token_, &user), GrpcIs(Code::OK));
  EXPECT_EQ(user.organisation(), "西南财经大学");
  EXPECT_THAT(GetUser("expert1", assessor_token_, &user), GrpcIs(Code::OK));
  EXPECT_EQ(user.username(), "expert1");
  EXPECT_THAT(GetUser("users/leader1", assessor_token_),
              GrpcIs(Code::PERMISSION_DENIED, HasSubstr("other users")));
  EXPECT_THAT(GetUser("users/admin", viewer_token_), GrpcIs(Code::PERMISSION_DENIED));
}

TEST_F(UserServiceTest, GetUserErrors) {
  EXPECT_THAT(GetUser("users/nobody", admin_token_),
              GrpcIs(Code::NOT_FOUND, HasSubstr("user nobody")));
  EXPECT_THAT(GetUser("users/Not Valid", admin_token_),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("name")));
  EXPECT_THAT(GetUser("", admin_token_), GrpcIs(Code::INVALID_ARGUMENT));
}

TEST_F(UserServiceTest, ListUsersOrderedFilteredAndPaged) {
  ASSERT_THAT(CreateUser(UserRequest("bob", v1::ROLE_ASSESSOR)), GrpcIs(Code::OK));
  ASSERT_THAT(CreateUser(UserRequest("zoe", v1::ROLE_VIEWER)), GrpcIs(Code::OK));
  v1::ListUsersResponse resp;
  ASSERT_THAT(users_->ListUsers(As(viewer_token_).get(), {}, &resp), GrpcIs(Code::OK));
  std::vector<std::string> names;
  for (const v1::User& u : resp.users()) names.push_back(u.username());
  EXPECT_EQ(names, (std::vector<std::string>{"admin", "bob", "expert1", "leader1", "zoe"}));

  v1::ListUsersRequest req;
  req.set_role(v1::ROLE_ASSESSOR);
  ASSERT_THAT(users_->ListUsers(AsAdmin().get(), req, &resp), GrpcIs(Code::OK));
  names.clear();
  for (const v1::User& u : resp.users()) names.push_back(u.username());
  EXPECT_EQ(names, (std::vector<std::string>{"bob", "expert1"}));

  req.Clear();
  req.set_page_size(2);
  names.clear();
  std::vector<int> sizes;
  for (int pages = 0; pages < 10; ++pages) {
    ASSERT_THAT(users_->ListUsers(AsAdmin().get(), req, &resp), GrpcIs(Code::OK));
    sizes.push_back(resp.users_size());
    for (const v1::User& u : resp.users()) names.push_back(u.username());
    if (resp.next_page_token().empty()) break;
    req.set_page_token(resp.next_page_token());
  }
  EXPECT_EQ(sizes, (std::vector<int>{2, 2, 1}));
  EXPECT_EQ(names, (std::vector<std::string>{"admin", "bob", "expert1", "leader1", "zoe"}));
}

TEST_F(UserServiceTest, ListUsersErrors) {
  v1::ListUsersResponse resp;
  EXPECT_THAT(users_->ListUsers(As(assessor_token_).get(), {}, &resp),
              GrpcIs(Code::PERMISSION_DENIED));
  v1::ListUsersRequest req;
  req.set_page_size(-1);
  EXPECT_THAT(users_->ListUsers(AsAdmin().get(), req, &resp),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("page_size")));
  req.Clear();
  req.set_page_token("@@");
  EXPECT_THAT(users_->ListUsers(AsAdmin().get(), req, &resp),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("page_token")));
  req.Clear();
  req.set_role(static_cast<v1::Role>(9));
  EXPECT_THAT(users_->ListUsers(AsAdmin().get(), req, &resp),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("role")));
}

TEST_F(UserServiceTest, DisableUserLocksThemOutAndRevokesTheirTokens) {
  v1::CreateTokenResponse second;
  ASSERT_THAT(CreateToken(assessor_token_, "", "laptop", 0, &second), GrpcIs(Code::OK));
  ASSERT_THAT(WhoAmI(assessor_token_), GrpcIs(Code::OK));

  v1::User disabled;
  ASSERT_THAT(Disable("users/expert1", admin_token_, &disabled), GrpcIs(Code::OK));
  EXPECT_TRUE(disabled.disabled());
  EXPECT_THAT(WhoAmI(assessor_token_), GrpcIs(Code::UNAUTHENTICATED));
  EXPECT_THAT(WhoAmI(second.secret()), GrpcIs(Code::UNAUTHENTICATED));

  v1::ListTokensResponse tokens;
  ASSERT_THAT(ListTokens(admin_token_, "users/expert1", &tokens), GrpcIs(Code::OK));
  ASSERT_EQ(tokens.tokens_size(), 2);
  for (const v1::Token& t : tokens.tokens()) {
    EXPECT_EQ(t.revoke_time(), "2023-06-01T00:00:00Z") << t.name();
  }
  // A disabled user gets no new invitation either.
  v1::InviteUserRequest invite;
  invite.set_name("users/expert1");
  v1::Invitation invitation;
  EXPECT_THAT(users_->InviteUser(AsAdmin().get(), invite, &invitation),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("disabled")));
  // Disabling again is harmless.
  EXPECT_THAT(Disable("expert1", admin_token_, &disabled), GrpcIs(Code::OK));
  EXPECT_TRUE(disabled.disabled());
  v1::User user;
  ASSERT_THAT(GetUser("expert1", admin_token_, &user), GrpcIs(Code::OK));
  EXPECT_TRUE(user.disabled());
}

TEST_F(UserServiceTest, DisablingYourselfIsFailedPrecondition) {
  EXPECT_THAT(Disable("users/admin", admin_token_),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("another administrator")));
  EXPECT_THAT(WhoAmI(admin_token_), GrpcIs(Code::OK));
}

TEST_F(UserServiceTest, DisableUserErrors) {
  EXPECT_THAT(Disable("users/nobody", admin_token_), GrpcIs(Code::NOT_FOUND, HasSubstr("nobody")));
  EXPECT_THAT(Disable("USERS/X", admin_token_), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("name")));
}

TEST_F(UserServiceTest, WhoAmIForEveryRole) {
  v1::User me;
  ASSERT_THAT(WhoAmI(admin_token_, &me), GrpcIs(Code::OK));
  EXPECT_EQ(me.username(), "admin");
  EXPECT_EQ(me.role(), v1::ROLE_ADMIN);
  ASSERT_THAT(WhoAmI(assessor_token_, &me), GrpcIs(Code::OK));
  EXPECT_EQ(me.username(), "expert1");
  EXPECT_EQ(me.role(), v1::ROLE_ASSESSOR);
  ASSERT_THAT(WhoAmI(viewer_token_, &me), GrpcIs(Code::OK));
  EXPECT_EQ(me.username(), "leader1");
  EXPECT_EQ(me.role(), v1::ROLE_VIEWER);
  EXPECT_THAT(WhoAmI(""), GrpcIs(Code::UNAUTHENTICATED, HasSubstr("no token")));
  EXPECT_THAT(WhoAmI("tpm_garbage"), GrpcIs(Code::UNAUTHENTICATED, HasSubstr("not valid")));
}

TEST_F(UserServiceTest, WhoAmINamesTheTokenInUseAndItsExpiry) {
  core_->users.SetTokenLifetimeDays(90);
  v1::CreateTokenResponse created;
  ASSERT_THAT(CreateToken(viewer_token_, "", "phone", 0, &created), GrpcIs(Code::OK));
  v1::User me;
  ASSERT_THAT(WhoAmI(created.secret(), &me), GrpcIs(Code::OK));
  EXPECT_EQ(me.current_token().name(), created.token().name());
  EXPECT_EQ(me.current_token().label(), "phone");
  EXPECT_EQ(me.current_token().expire_time(), "2023-08-30T00:00:00Z");
  EXPECT_EQ(me.current_token().revoke_time(), "");
  // Only WhoAmI sets it.
  v1::User other;
  ASSERT_THAT(GetUser("leader1", viewer_token_, &other), GrpcIs(Code::OK));
  EXPECT_FALSE(other.has_current_token());
}

// ---------------------------------------------------------------------------
// Tokens.

TEST_F(UserServiceTest, CreateTokenReturnsASecretThatWorks) {
  core_->users.SetTokenLifetimeDays(90);
  v1::CreateTokenResponse created;
  ASSERT_THAT(CreateToken(viewer_token_, "", "laptop", 0, &created), GrpcIs(Code::OK));
  EXPECT_THAT(created.secret(), HasSubstr("tpm_"));
  EXPECT_NE(created.secret(), viewer_token_);
  EXPECT_EQ(created.token().label(), "laptop");
  EXPECT_EQ(created.token().name(),
            "users/leader1/tokens/" + std::to_string(created.token().id()));
  EXPECT_EQ(created.token().create_time(), "2023-06-01T00:00:00Z");
  EXPECT_EQ(created.token().expire_time(), "2023-08-30T00:00:00Z") << "the 90-day lifetime";
  EXPECT_EQ(created.token().revoke_time(), "");
  v1::User me;
  ASSERT_THAT(WhoAmI(created.secret(), &me), GrpcIs(Code::OK));
  EXPECT_EQ(me.username(), "leader1");
  // The old token still works.
  EXPECT_THAT(WhoAmI(viewer_token_), GrpcIs(Code::OK));
}

TEST_F(UserServiceTest, SecretsAreUnique) {
  std::set<std::string> secrets = {admin_token_, assessor_token_, viewer_token_};
  for (int i = 0; i < 5; ++i) {
    v1::CreateTokenResponse created;
    ASSERT_THAT(CreateToken(admin_token_, "", "", 0, &created), GrpcIs(Code::OK));
    EXPECT_TRUE(secrets.insert(created.secret()).second);
  }
}

TEST_F(UserServiceTest, ListTokensNeverContainsSecrets) {
  v1::CreateTokenResponse a, b;
  ASSERT_THAT(CreateToken(assessor_token_, "", "laptop", 0, &a), GrpcIs(Code::OK));
  ASSERT_THAT(CreateToken(assessor_token_, "users/expert1", "phone", 30, &b), GrpcIs(Code::OK));
  for (const std::string& caller : {assessor_token_, admin_token_}) {
    v1::ListTokensResponse tokens;
    ASSERT_THAT(ListTokens(caller, caller == admin_token_ ? "users/expert1" : "", &tokens),
                GrpcIs(Code::OK));
    ASSERT_EQ(tokens.tokens_size(), 3);
    // Newest first.
    EXPECT_EQ(tokens.tokens(0).label(), "phone");
    EXPECT_EQ(tokens.tokens(0).expire_time(), "2023-07-01T00:00:00Z");
    EXPECT_EQ(tokens.tokens(1).label(), "laptop");
    EXPECT_EQ(tokens.tokens(2).label(), "first");
    const std::string wire = tokens.SerializeAsString();
    for (const std::string& secret : {assessor_token_, a.secret(), b.secret()}) {
      EXPECT_THAT(wire, Not(HasSubstr(secret)));
      EXPECT_THAT(wire, Not(HasSubstr(secret.substr(4, 16)))) << "part of a secret leaked";
    }
  }
}

TEST_F(UserServiceTest, RevokedTokenIsUnauthenticatedAndRevokingTwiceFails) {
  v1::CreateTokenResponse created;
  ASSERT_THAT(CreateToken(assessor_token_, "", "laptop", 0, &created), GrpcIs(Code::OK));
  clock_.Advance(60);
  v1::Token revoked;
  ASSERT_THAT(Revoke(assessor_token_, created.token().name(), &revoked), GrpcIs(Code::OK));
  EXPECT_EQ(revoked.revoke_time(), "2023-06-01T00:01:00Z");
  EXPECT_THAT(WhoAmI(created.secret()),
              GrpcIs(Code::UNAUTHENTICATED, HasSubstr("talentctl login")));
  EXPECT_THAT(WhoAmI(assessor_token_), GrpcIs(Code::OK)) << "only that token is revoked";
  EXPECT_THAT(Revoke(assessor_token_, created.token().name()),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("already revoked")));
  EXPECT_THAT(Revoke(admin_token_, created.token().name()),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("already revoked")));
}

TEST_F(UserServiceTest, RevokingYourOwnTokenEndsYourSession) {
  v1::ListTokensResponse tokens;
  ASSERT_THAT(ListTokens(viewer_token_, "", &tokens), GrpcIs(Code::OK));
  ASSERT_EQ(tokens.tokens_size(), 1);
  ASSERT_THAT(Revoke(viewer_token_, tokens.tokens(0).name()), GrpcIs(Code::OK));
  EXPECT_THAT(WhoAmI(viewer_token_), GrpcIs(Code::UNAUTHENTICATED));
}

TEST_F(UserServiceTest, AdminRevokesAnyonesTokenButMakesNone) {
  v1::ListTokensResponse tokens;
  ASSERT_THAT(ListTokens(admin_token_, "users/leader1", &tokens), GrpcIs(Code::OK));
  ASSERT_EQ(tokens.tokens_size(), 1);
  ASSERT_THAT(Revoke(admin_token_, tokens.tokens(0).name()), GrpcIs(Code::OK));
  EXPECT_THAT(WhoAmI(viewer_token_), GrpcIs(Code::UNAUTHENTICATED));
  EXPECT_THAT(CreateToken(admin_token_, "users/leader1", "reissued", 0),
              GrpcIs(Code::PERMISSION_DENIED,
                     "tokens are made only for oneself: an administrator never holds another "
                     "user's token; invite them instead ('talentctl user invite leader1') (you "
                     "are admin)"));
  ASSERT_THAT(ListTokens(admin_token_, "users/leader1", &tokens), GrpcIs(Code::OK));
  EXPECT_EQ(tokens.tokens_size(), 1) << "no token was made";
  EXPECT_TRUE(AuditEvents("CreateToken").empty());
}

TEST_F(UserServiceTest, OthersTokensAreForAdminsOnly) {
  EXPECT_THAT(CreateToken(assessor_token_, "users/leader1", "mine now", 0),
              GrpcIs(Code::PERMISSION_DENIED, HasSubstr("tokens are made only for oneself")));
  EXPECT_THAT(CreateToken(viewer_token_, "users/admin", "", 0), GrpcIs(Code::PERMISSION_DENIED));
  v1::ListTokensResponse tokens;
  EXPECT_THAT(ListTokens(assessor_token_, "users/admin", &tokens),
              GrpcIs(Code::PERMISSION_DENIED));
  ASSERT_THAT(ListTokens(admin_token_, "users/admin", &tokens), GrpcIs(Code::OK));
  ASSERT_EQ(tokens.tokens_size(), 1);
  EXPECT_THAT(Revoke(viewer_token_, tokens.tokens(0).name()), GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_THAT(WhoAmI(admin_token_), GrpcIs(Code::OK));
}

TEST_F(UserServiceTest, ATokenNameMustMatchItsUser) {
  v1::ListTokensResponse tokens;
  ASSERT_THAT(ListTokens(admin_token_, "users/leader1", &tokens), GrpcIs(Code::OK));
  ASSERT_EQ(tokens.tokens_size(), 1);
  // leader1's token id under expert1's name: the assessor may act on
  // "their own" name, but the token is not theirs.
  const std::string forged = "users/expert1/tokens/" + std::to_string(tokens.tokens(0).id());
  EXPECT_THAT(Revoke(assessor_token_, forged), GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(WhoAmI(viewer_token_), GrpcIs(Code::OK));
}

TEST_F(UserServiceTest, TokenWithATimeToLiveExpires) {
  core_->users.SetTokenLifetimeDays(90);
  v1::CreateTokenResponse created;
  ASSERT_THAT(CreateToken(assessor_token_, "", "one day", 1, &created), GrpcIs(Code::OK));
  EXPECT_EQ(created.token().expire_time(), "2023-06-02T00:00:00Z");
  EXPECT_THAT(WhoAmI(created.secret()), GrpcIs(Code::OK));
  clock_.Advance(86400 - 1);
  EXPECT_THAT(WhoAmI(created.secret()), GrpcIs(Code::OK));
  clock_.Advance(2 * 86400);
  EXPECT_THAT(WhoAmI(created.secret()),
              GrpcIs(Code::UNAUTHENTICATED,
                     "your token expired on 2023-06-02T00:00:00Z; ask an administrator for a new "
                     "invitation ('talentctl user invite expert1'), and renew the next one with "
                     "'talentctl login' before it expires"));
  EXPECT_THAT(Renew(created.secret()), GrpcIs(Code::UNAUTHENTICATED, HasSubstr("expired")))
      << "an expired token cannot renew";
  EXPECT_THAT(WhoAmI(assessor_token_), GrpcIs(Code::OK)) << "the fixture's live ten years";
}

TEST_F(UserServiceTest, RenewTokenReplacesTheCallersTokenAtomically) {
  core_->users.SetTokenLifetimeDays(90);
  v1::CreateTokenResponse laptop;
  ASSERT_THAT(CreateToken(assessor_token_, "", "laptop", 7, &laptop), GrpcIs(Code::OK));
  clock_.Advance(3 * 86400);
  v1::RenewTokenResponse renewed;
  ASSERT_THAT(Renew(laptop.secret(), &renewed), GrpcIs(Code::OK));
  EXPECT_EQ(renewed.user().username(), "expert1");
  EXPECT_EQ(renewed.user().role(), v1::ROLE_ASSESSOR);
  EXPECT_EQ(renewed.token().label(), "laptop");
  EXPECT_EQ(renewed.token().create_time(), "2023-06-04T00:00:00Z");
  EXPECT_EQ(renewed.token().expire_time(), "2023-09-02T00:00:00Z") << "a full 90 days";
  EXPECT_EQ(renewed.token().revoke_time(), "");
  EXPECT_EQ(renewed.revoked().name(), laptop.token().name());
  EXPECT_EQ(renewed.revoked().revoke_time(), "2023-06-04T00:00:00Z");
  EXPECT_THAT(renewed.secret(), HasSubstr("tpm_"));
  EXPECT_THAT(WhoAmI(laptop.secret()), GrpcIs(Code::UNAUTHENTICATED, HasSubstr("not valid")));
  EXPECT_THAT(Renew(laptop.secret()), GrpcIs(Code::UNAUTHENTICATED)) << "not twice";
  v1::User me;
  ASSERT_THAT(WhoAmI(renewed.secret(), &me), GrpcIs(Code::OK));
  EXPECT_EQ(me.current_token().name(), renewed.token().name());
  EXPECT_THAT(WhoAmI(assessor_token_), GrpcIs(Code::OK)) << "only the caller's token";
  std::vector<domain::AuditEvent> events = AuditEvents("RenewToken");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].username, "expert1");
  EXPECT_EQ(events[0].token_id, laptop.token().id());
  EXPECT_EQ(events[0].resource, renewed.token().name());
  EXPECT_EQ(events[0].detail, "replaces token " + std::to_string(laptop.token().id()) +
                                  " (revoked); expires 2023-09-02T00:00:00Z");
  EXPECT_THAT(Renew(""), GrpcIs(Code::UNAUTHENTICATED, HasSubstr("no token")));
}

TEST_F(UserServiceTest, CreateTokenErrors) {
  core_->users.SetTokenLifetimeDays(90);
  EXPECT_THAT(CreateToken(admin_token_, "", "", -1),
              GrpcIs(Code::INVALID_ARGUMENT,
                     "ttl_days must be 0 (the server's token lifetime, 90 days) or 1–90, got -1"));
  EXPECT_THAT(CreateToken(admin_token_, "", "", 91),
              GrpcIs(Code::INVALID_ARGUMENT,
                     "ttl_days must be 0 (the server's token lifetime, 90 days) or 1–90, got 91"));
  EXPECT_THAT(CreateToken(admin_token_, "", std::string(51, 'l'), 0),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("label")));
  EXPECT_THAT(CreateToken(admin_token_, "users/nobody", "", 0),
              GrpcIs(Code::PERMISSION_DENIED, HasSubstr("tokens are made only for oneself")));
  EXPECT_THAT(CreateToken(admin_token_, "users/No Body", "", 0),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("user")));
  EXPECT_THAT(CreateToken(admin_token_, "", "ninety days", 90), GrpcIs(Code::OK));
  EXPECT_THAT(CreateToken(admin_token_, "users/admin", "mine", 0), GrpcIs(Code::OK));
}

TEST_F(UserServiceTest, ListAndRevokeErrors) {
  v1::ListTokensResponse tokens;
  EXPECT_THAT(ListTokens(admin_token_, "users/nobody", &tokens), GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(Revoke(admin_token_, "users/admin/tokens/999"),
              GrpcIs(Code::NOT_FOUND, HasSubstr("999")));
  EXPECT_THAT(Revoke(admin_token_, "users/nobody/tokens/1"), GrpcIs(Code::NOT_FOUND));
  for (const char* name : {"", "users/admin", "users/admin/tokens/x", "users/admin/tokens/0",
                           "users/admin/keys/1"}) {
    EXPECT_THAT(Revoke(admin_token_, name), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("name")))
        << name;
  }
}

}  // namespace
}  // namespace talent
