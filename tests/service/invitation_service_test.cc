// talent.v1.UserService's invitations over a real server: CreateUser and
// InviteUser hand out one-time codes, RedeemInvitation (no token needed)
// exchanges one for the user's own token, once, before it expires; wrong
// codes and unknown usernames answer alike; attempts are rate-limited per
// address. docs/lifecycles.md §7.
#include <grpcpp/create_channel.h>

#include <cctype>
#include <chrono>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/rate_limiter.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/server_fixture.h"
#include "tests/testing/status_matchers.h"

namespace talent {
namespace {

using ::talent::testing::GrpcIs;
using ::testing::HasSubstr;
using ::testing::Not;
using Code = grpc::StatusCode;

const char kNotValid[] =
    "this invitation code is not valid for this username; check both, as the administrator "
    "gave them";

v1::CreateUserRequest UserRequest(const std::string& username, v1::Role role) {
  v1::CreateUserRequest req;
  req.mutable_user()->set_username(username);
  req.mutable_user()->set_display_name("王建国");
  req.mutable_user()->set_role(role);
  req.mutable_user()->set_organisation("四川大学");
  return req;
}

bool LooksLikeACode(const std::string& code) {
  static const std::regex kCode("[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-"
                                "[2-9A-HJKMNP-Z]{4}");
  return std::regex_match(code, kCode);
}

class InvitationServiceTest : public testing::ServerFixture {
 protected:
  void SetUp() override {
    testing::ServerFixture::SetUp();
    // The default lifetime, for the tokens these tests make.
    core_->users.SetTokenLifetimeDays(90);
  }

  // Creates `username` as the administrator; returns the invitation.
  v1::Invitation Create(const std::string& username, v1::Role role = v1::ROLE_ASSESSOR) {
    v1::CreateUserResponse resp;
    grpc::Status status = users_->CreateUser(AsAdmin().get(), UserRequest(username, role), &resp);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return resp.invitation();
  }

  grpc::Status Invite(const std::string& token, const std::string& name, int ttl_days,
                      v1::Invitation* out = nullptr) {
    v1::InviteUserRequest req;
    req.set_name(name);
    req.set_ttl_days(ttl_days);
    v1::Invitation resp;
    return users_->InviteUser(As(token).get(), req, out ? out : &resp);
  }

  // Without a token, as someone who has only the code.
  grpc::Status Redeem(const std::string& username, const std::string& code,
                      v1::RedeemInvitationResponse* out = nullptr,
                      const std::string& label = "laptop") {
    v1::RedeemInvitationRequest req;
    req.set_username(username);
    req.set_code(code);
    req.set_label(label);
    v1::RedeemInvitationResponse resp;
    return users_->RedeemInvitation(As("").get(), req, out ? out : &resp);
  }

  grpc::Status WhoAmI(const std::string& token, v1::User* out = nullptr) {
    v1::User resp;
    return users_->WhoAmI(As(token).get(), {}, out ? out : &resp);
  }
};

TEST_F(InvitationServiceTest, CreateUserReturnsAnInvitationAndNoToken) {
  v1::CreateUserResponse created;
  ASSERT_THAT(users_->CreateUser(AsAdmin().get(), UserRequest("expert2", v1::ROLE_ASSESSOR),
                                 &created),
              GrpcIs(Code::OK));
  EXPECT_EQ(created.user().name(), "users/expert2");
  const v1::Invitation& invitation = created.invitation();
  EXPECT_EQ(invitation.name(), "users/expert2/invitations/" +
                                   invitation.name().substr(invitation.name().rfind('/') + 1));
  EXPECT_EQ(invitation.user(), "users/expert2");
  EXPECT_EQ(invitation.create_time(), "2023-06-01T00:00:00Z");
  EXPECT_EQ(invitation.expire_time(), "2023-06-08T00:00:00Z");
  EXPECT_TRUE(LooksLikeACode(invitation.code())) << invitation.code();
  v1::ListTokensResponse tokens;
  v1::ListTokensRequest list;
  list.set_user("users/expert2");
  ASSERT_THAT(users_->ListTokens(AsAdmin().get(), list, &tokens), GrpcIs(Code::OK));
  EXPECT_EQ(tokens.tokens_size(), 0) << "the administrator was given a token of expert2's";
}

TEST_F(InvitationServiceTest, CreateTokenFlagOfOldClientsIsRefused) {
  v1::CreateUserRequest req = UserRequest("expert2", v1::ROLE_ASSESSOR);
  req.set_create_token(true);
  v1::CreateUserResponse resp;
  EXPECT_THAT(users_->CreateUser(AsAdmin().get(), req, &resp),
              GrpcIs(Code::INVALID_ARGUMENT,
                     "create_token is no longer accepted: an administrator never holds another "
                     "user's token; the new user redeems the invitation this call returns"));
  v1::GetUserRequest get;
  get.set_name("expert2");
  v1::User user;
  EXPECT_THAT(users_->GetUser(AsAdmin().get(), get, &user), GrpcIs(Code::NOT_FOUND));
}

TEST_F(InvitationServiceTest, RetryOfCreateUserShowsNoCodeAndTheFirstStillWorks) {
  v1::CreateUserRequest req = UserRequest("expert2", v1::ROLE_ASSESSOR);
  req.set_request_id("user-expert2");
  v1::CreateUserResponse first, second;
  ASSERT_THAT(users_->CreateUser(AsAdmin().get(), req, &first), GrpcIs(Code::OK));
  ASSERT_THAT(users_->CreateUser(AsAdmin().get(), req, &second), GrpcIs(Code::OK));
  EXPECT_EQ(first.user().SerializeAsString(), second.user().SerializeAsString());
  EXPECT_FALSE(second.has_invitation()) << "a code is shown only once";
  EXPECT_THAT(Redeem("expert2", first.invitation().code()), GrpcIs(Code::OK));
}

TEST_F(InvitationServiceTest, RedeemGivesTheUserTheirOwnToken) {
  v1::Invitation invitation = Create("expert2");
  clock_.Advance(3600);
  // Typed in lower case with spaces: the same code.
  std::string typed = invitation.code();
  for (char& c : typed) c = c == '-' ? ' ' : static_cast<char>(std::tolower(c));
  v1::RedeemInvitationResponse redeemed;
  ASSERT_THAT(Redeem("expert2", typed, &redeemed), GrpcIs(Code::OK));
  EXPECT_EQ(redeemed.user().username(), "expert2");
  EXPECT_EQ(redeemed.user().role(), v1::ROLE_ASSESSOR);
  EXPECT_EQ(redeemed.token().name(),
            "users/expert2/tokens/" + std::to_string(redeemed.token().id()));
  EXPECT_EQ(redeemed.token().label(), "laptop");
  EXPECT_EQ(redeemed.token().create_time(), "2023-06-01T01:00:00Z");
  EXPECT_EQ(redeemed.token().expire_time(), "2023-08-30T01:00:00Z") << "90 days";
  v1::User me;
  ASSERT_THAT(WhoAmI(redeemed.secret(), &me), GrpcIs(Code::OK));
  EXPECT_EQ(me.username(), "expert2");

  // Audited, by the user, never with the code (the fixture's two users came
  // first).
  std::vector<domain::AuditEvent> created = AuditEvents("CreateUser");
  ASSERT_EQ(created.size(), 3u);
  created.erase(created.begin(), created.begin() + 2);
  EXPECT_EQ(created[0].resource, "users/expert2");
  EXPECT_EQ(created[0].detail,
            "role=ROLE_ASSESSOR organisation=四川大学; invitation " +
                invitation.name().substr(invitation.name().rfind('/') + 1) +
                " expires 2023-06-08T00:00:00Z");
  std::vector<domain::AuditEvent> events = AuditEvents("RedeemInvitation");
  ASSERT_EQ(events.size(), 3u);
  events.erase(events.begin(), events.begin() + 2);
  EXPECT_EQ(events[0].username, "expert2");
  EXPECT_EQ(events[0].token_id, redeemed.token().id());
  EXPECT_EQ(events[0].resource, redeemed.token().name());
  EXPECT_EQ(events[0].detail, "redeemed invitation " +
                                  invitation.name().substr(invitation.name().rfind('/') + 1) +
                                  "; label=laptop; expires 2023-08-30T01:00:00Z");
  const std::string bare = invitation.code().substr(0, 4) + invitation.code().substr(5, 4);
  for (const domain::AuditEvent& e : {created[0], events[0]}) {
    EXPECT_THAT(e.detail, Not(HasSubstr(invitation.code().substr(0, 9))));
    EXPECT_THAT(e.detail, Not(HasSubstr(bare)));
  }
}

TEST_F(InvitationServiceTest, AnInvitationRedeemsOnceOnly) {
  v1::Invitation invitation = Create("expert2");
  v1::RedeemInvitationResponse first;
  ASSERT_THAT(Redeem("expert2", invitation.code(), &first), GrpcIs(Code::OK));
  clock_.Advance(60);
  EXPECT_THAT(Redeem("expert2", invitation.code()),
              GrpcIs(Code::FAILED_PRECONDITION,
                     "this invitation was redeemed already, on 2023-06-01T00:00:00Z, and works "
                     "only once; if that was not you, tell an administrator at once; ask an "
                     "administrator for a new one ('talentctl user invite expert2')"));
  EXPECT_THAT(WhoAmI(first.secret()), GrpcIs(Code::OK)) << "the first token stays good";
  EXPECT_EQ(AuditEvents("RedeemInvitation").size(), 3u) << "the fixture's two, and this one";
}

TEST_F(InvitationServiceTest, AnExpiredInvitationIsRefused) {
  v1::Invitation invitation = Create("expert2");
  clock_.Advance(7 * 86400 - 1);
  v1::Invitation other = Create("expert3");
  ASSERT_THAT(Redeem("expert2", invitation.code()), GrpcIs(Code::OK)) << "a second before";
  clock_.Advance(1);
  EXPECT_THAT(Redeem("expert3", other.code()), GrpcIs(Code::OK));
  clock_.Set(testing::kFixtureNow + 2 * 7 * 86400);
  v1::Invitation late = Create("expert4");
  clock_.Advance(7 * 86400);
  EXPECT_THAT(Redeem("expert4", late.code()),
              GrpcIs(Code::FAILED_PRECONDITION,
                     "this invitation expired on 2023-06-22T00:00:00Z; ask an administrator for "
                     "a new one ('talentctl user invite expert4')"));
}

TEST_F(InvitationServiceTest, WrongCodeOtherUsersCodeAndUnknownUserAnswerAlike) {
  v1::Invitation mine = Create("expert2");
  v1::Invitation theirs = Create("expert3");
  // A code of the right shape that nobody was given.
  std::string wrong = mine.code();
  wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
  EXPECT_THAT(Redeem("expert2", wrong), GrpcIs(Code::UNAUTHENTICATED, kNotValid));
  EXPECT_THAT(Redeem("expert2", theirs.code()), GrpcIs(Code::UNAUTHENTICATED, kNotValid));
  EXPECT_THAT(Redeem("nobody", mine.code()), GrpcIs(Code::UNAUTHENTICATED, kNotValid));
  EXPECT_THAT(Redeem("expert1", mine.code()), GrpcIs(Code::UNAUTHENTICATED, kNotValid))
      << "a user with a token but no invitation";
  // Nothing was used up by the failures.
  EXPECT_THAT(Redeem("expert2", mine.code()), GrpcIs(Code::OK));
  EXPECT_THAT(Redeem("expert3", theirs.code()), GrpcIs(Code::OK));
}

TEST_F(InvitationServiceTest, RedeemRefusesBadFields) {
  v1::Invitation invitation = Create("expert2");
  EXPECT_THAT(Redeem("expert2", ""),
              GrpcIs(Code::INVALID_ARGUMENT,
                     "code must be 16 letters and digits in groups of four, as in "
                     "K7QM-3XPA-9RTD-WX4F; got 0"));
  EXPECT_THAT(Redeem("expert2", "tpm_" + invitation.code()),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("never has 0, O, 1, I or L")));
  EXPECT_THAT(Redeem("Expert 2", invitation.code()),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("username")));
  EXPECT_THAT(Redeem("", invitation.code()), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("username")));
  EXPECT_THAT(Redeem("expert2", invitation.code(), nullptr, std::string(51, 'l')),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("label")));
  EXPECT_THAT(Redeem("expert2", invitation.code()), GrpcIs(Code::OK)) << "still unused";
}

TEST_F(InvitationServiceTest, InviteUserWithdrawsTheEarlierInvitation) {
  v1::Invitation first = Create("expert2");
  clock_.Advance(60);
  v1::Invitation second;
  ASSERT_THAT(Invite(admin_token_, "users/expert2", 30, &second), GrpcIs(Code::OK));
  EXPECT_NE(second.name(), first.name());
  EXPECT_EQ(second.user(), "users/expert2");
  EXPECT_EQ(second.create_time(), "2023-06-01T00:01:00Z");
  EXPECT_EQ(second.expire_time(), "2023-07-01T00:01:00Z");
  EXPECT_TRUE(LooksLikeACode(second.code()));
  EXPECT_NE(second.code(), first.code());
  EXPECT_THAT(Redeem("expert2", first.code()),
              GrpcIs(Code::FAILED_PRECONDITION,
                     "this invitation was withdrawn on 2023-06-01T00:01:00Z (a newer one "
                     "replaced it, or the account was disabled); ask an administrator for a new "
                     "one ('talentctl user invite expert2')"));
  EXPECT_THAT(Redeem("expert2", second.code()), GrpcIs(Code::OK));
  std::vector<domain::AuditEvent> events = AuditEvents("InviteUser");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].username, "admin");
  EXPECT_EQ(events[0].resource, second.name());
  EXPECT_EQ(events[0].detail,
            "expires 2023-07-01T00:01:00Z; withdrew 1 earlier invitation(s)");
}

TEST_F(InvitationServiceTest, ALostTokenIsReplacedByANewInvitation) {
  v1::Invitation invitation;
  ASSERT_THAT(Invite(admin_token_, "expert1", 0, &invitation), GrpcIs(Code::OK));
  EXPECT_EQ(invitation.expire_time(), "2023-06-08T00:00:00Z");
  v1::RedeemInvitationResponse redeemed;
  ASSERT_THAT(Redeem("expert1", invitation.code(), &redeemed), GrpcIs(Code::OK));
  v1::User me;
  ASSERT_THAT(WhoAmI(redeemed.secret(), &me), GrpcIs(Code::OK));
  EXPECT_EQ(me.username(), "expert1");
  EXPECT_EQ(AuditEvents("InviteUser")[0].detail, "expires 2023-06-08T00:00:00Z");
}

TEST_F(InvitationServiceTest, InviteUserErrors) {
  EXPECT_THAT(Invite(assessor_token_, "users/expert1", 0),
              GrpcIs(Code::PERMISSION_DENIED,
                     "InviteUser is not allowed for the assessor role (you are expert1)"));
  EXPECT_THAT(Invite(viewer_token_, "users/expert1", 0), GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_THAT(Invite("", "users/expert1", 0), GrpcIs(Code::UNAUTHENTICATED));
  EXPECT_THAT(Invite(admin_token_, "users/nobody", 0),
              GrpcIs(Code::NOT_FOUND, HasSubstr("user nobody not found")));
  EXPECT_THAT(Invite(admin_token_, "users/No Body", 0),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("name")));
  EXPECT_THAT(Invite(admin_token_, "", 0), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("name")));
  EXPECT_THAT(Invite(admin_token_, "users/expert1", 31),
              GrpcIs(Code::INVALID_ARGUMENT, "ttl_days must be between 0 and 30, got 31"));
  EXPECT_THAT(Invite(admin_token_, "users/expert1", -1),
              GrpcIs(Code::INVALID_ARGUMENT, "ttl_days must be between 0 and 30, got -1"));
  v1::DisableUserRequest disable;
  disable.set_name("users/leader1");
  v1::User disabled;
  ASSERT_THAT(users_->DisableUser(AsAdmin().get(), disable, &disabled), GrpcIs(Code::OK));
  EXPECT_THAT(Invite(admin_token_, "users/leader1", 0),
              GrpcIs(Code::FAILED_PRECONDITION,
                     "user leader1 is disabled; a disabled account is not invited"));
  EXPECT_TRUE(AuditEvents("InviteUser").empty());
}

TEST_F(InvitationServiceTest, DisablingAUserWithdrawsTheirInvitation) {
  v1::Invitation invitation = Create("expert2");
  clock_.Advance(60);
  v1::DisableUserRequest disable;
  disable.set_name("users/expert2");
  v1::User disabled;
  ASSERT_THAT(users_->DisableUser(AsAdmin().get(), disable, &disabled), GrpcIs(Code::OK));
  EXPECT_THAT(Redeem("expert2", invitation.code()),
              GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("withdrawn on 2023-06-01T00:01:00Z")));
  EXPECT_EQ(AuditEvents("DisableUser")[0].detail,
            "disabled; tokens revoked; 1 invitation(s) withdrawn");
}

// A second server over the same use cases whose RedeemInvitation allows a
// burst of 3, then one a second, on a fake monotonic clock.
class InvitationRateLimitTest : public InvitationServiceTest {
 protected:
  void SetUp() override {
    InvitationServiceTest::SetUp();
    common::RateLimiter::Options limits;
    limits.rate = 1;
    limits.burst = 3;
    limiter_ = std::make_unique<common::RateLimiter>(limits, &ticks_);
    service::ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.redeem_limiter = limiter_.get();
    auto limited = service::TalentServer::Start(core_.get(), options);
    ASSERT_TRUE(limited.ok()) << limited.status();
    limited_ = *std::move(limited);
    stub_ = v1::UserService::NewStub(grpc::CreateChannel(
        "127.0.0.1:" + std::to_string(limited_->port()), grpc::InsecureChannelCredentials()));
  }

  void TearDown() override {
    if (limited_) limited_->Shutdown(std::chrono::milliseconds(100));
    InvitationServiceTest::TearDown();
  }

  grpc::Status LimitedRedeem(const std::string& code) {
    v1::RedeemInvitationRequest req;
    req.set_username("expert2");
    req.set_code(code);
    v1::RedeemInvitationResponse resp;
    return stub_->RedeemInvitation(As("").get(), req, &resp);
  }

  common::FakeMonotonicClock ticks_;
  std::unique_ptr<common::RateLimiter> limiter_;
  std::unique_ptr<service::TalentServer> limited_;
  std::unique_ptr<v1::UserService::Stub> stub_;
};

TEST_F(InvitationRateLimitTest, GuessingIsCutOffPerAddress) {
  v1::Invitation invitation = Create("expert2");
  std::string wrong = invitation.code();
  wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
  for (int i = 0; i < 3; ++i) {
    EXPECT_THAT(LimitedRedeem(wrong), GrpcIs(Code::UNAUTHENTICATED, kNotValid)) << i;
  }
  // Even the right code waits: the limit is taken before any code is looked at.
  EXPECT_THAT(LimitedRedeem(invitation.code()),
              GrpcIs(Code::RESOURCE_EXHAUSTED,
                     "too many invitation attempts from your address; try again in 1 second"));
  ticks_.AdvanceSeconds(1);
  EXPECT_THAT(LimitedRedeem(invitation.code()), GrpcIs(Code::OK));
}

}  // namespace
}  // namespace talent
