// Use cases of users and their bearer tokens: the first administrator,
// authentication of every call, accounts, invitations (the one-time codes
// users redeem for a token of their own), and tokens (shown once, stored
// hashed, expiring after the server's token lifetime, renewable). Each
// call is one transaction and leaves an audit event when it writes. Who may
// manage whose tokens is decided in authorization.h; an administrator never
// holds another user's token (docs/lifecycles.md §7).
//
// Thread-safe (see context.h); SetTokenLifetimeDays is meant for start-up.
#ifndef TALENT_SERVER_CORE_USERS_H_
#define TALENT_SERVER_CORE_USERS_H_

#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/core/context.h"
#include "server/domain/types.h"
#include "server/domain/user_rules.h"

namespace talent::core {

struct NewToken {
  domain::Token token;
  std::string secret;  // shown once; only its hash is stored
};

struct NewInvitation {
  domain::Invitation invitation;
  std::string code;  // "K7QM-3XPA-9RTD-WX4F": shown once; only its hash is stored
};

struct NewUser {
  domain::User user;
  // Absent for a retry with the same request_id: the code was shown once.
  std::optional<NewInvitation> invitation;
};

// WhoAmI: the caller's account and the token they called with.
struct Me {
  domain::User user;
  domain::Token token;
};

// RedeemInvitation: whose the new token is, and the token.
struct Redeemed {
  domain::User user;
  NewToken token;
};

// RenewToken: whose the tokens are, the new one, and the old one, revoked.
struct RenewedToken {
  domain::User user;
  NewToken fresh;
  domain::Token revoked;
};

class Users {
 public:
  explicit Users(Context* context) : ctx_(context) {}

  const common::Clock& clock() const { return ctx_->clock(); }

  // Every token made from now on (init, redemption, renewal, CreateToken
  // without ttl_days) expires this many days after it is made, 1–3650
  // (talentd serve --token-lifetime-days; default 90).
  void SetTokenLifetimeDays(int days) { token_lifetime_days_ = days; }
  int token_lifetime_days() const { return token_lifetime_days_; }

  // Creates the first administrator and a token for them. FAILED_PRECONDITION
  // when the database already has users.
  absl::StatusOr<NewToken> Bootstrap(domain::User admin);

  // The caller holding this bearer secret. UNAUTHENTICATED when the token is
  // unknown, revoked or expired (saying how to get a new one), or its user
  // is disabled.
  absl::StatusOr<Caller> Authenticate(const std::string& secret);

  // Creates the user and their first invitation (7 days).
  // INVALID_ARGUMENT naming the field; ALREADY_EXISTS for a taken username.
  absl::StatusOr<NewUser> CreateUser(const Caller& caller, domain::User user,
                                     const std::string& request_id);
  // A new invitation for `username`, valid `ttl_days` (0: 7); it withdraws
  // the user's earlier invitations not yet redeemed. NOT_FOUND;
  // FAILED_PRECONDITION for a disabled user; INVALID_ARGUMENT for ttl_days.
  absl::StatusOr<NewInvitation> InviteUser(const Caller& caller, const std::string& username,
                                           int ttl_days);
  // Exchanges an invitation's code for a token of the invited user's own.
  // INVALID_ARGUMENT for a code of the wrong shape or a bad label;
  // UNAUTHENTICATED, with one message, for an unknown username or a code
  // not made for this user; FAILED_PRECONDITION for an invitation redeemed,
  // withdrawn or expired, or a disabled user.
  absl::StatusOr<Redeemed> RedeemInvitation(const std::string& username, const std::string& code,
                                            std::string label);

  // PERMISSION_DENIED for another user's account unless an administrator;
  // NOT_FOUND.
  absl::StatusOr<domain::User> GetUser(const Caller& caller, const std::string& username);
  // The caller and the token they called with.
  absl::StatusOr<Me> WhoAmI(const Caller& caller);
  absl::StatusOr<Page<domain::User>> ListUsers(domain::Role role, const PageRequest& page);
  // FAILED_PRECONDITION for one's own account; NOT_FOUND. Revokes the
  // user's tokens and withdraws their open invitations.
  absl::StatusOr<domain::User> DisableUser(const Caller& caller, const std::string& username);

  // A token for the caller themself (PERMISSION_DENIED for anyone else,
  // administrators included: CheckTokenCreator), expiring after `ttl_days`
  // (0: the token lifetime; at most that). INVALID_ARGUMENT naming the
  // field. A retry with the same `request_id` is ALREADY_EXISTS naming the
  // token it created: the secret was shown once, and a second token is not
  // made.
  absl::StatusOr<NewToken> CreateToken(const Caller& caller, const std::string& username,
                                       std::string label, int ttl_days,
                                       const std::string& request_id);
  // Exchanges the caller's token for a new one with the same label and the
  // full token lifetime, and revokes the old one, in one transaction.
  // FAILED_PRECONDITION when the call came with no token, or the token was
  // revoked meanwhile.
  absl::StatusOr<RenewedToken> RenewToken(const Caller& caller);
  // Tokens of `username`: PERMISSION_DENIED unless the caller's own or an
  // administrator; NOT_FOUND; FAILED_PRECONDITION for a token already
  // revoked.
  absl::StatusOr<std::vector<domain::Token>> ListTokens(const Caller& caller,
                                                        const std::string& username);
  absl::StatusOr<domain::Token> RevokeToken(const Caller& caller, const std::string& username,
                                            int64_t token_id);

 private:
  Context* const ctx_;
  std::atomic<int> token_lifetime_days_{domain::kDefaultTokenLifetimeDays};
};

}  // namespace talent::core

#endif  // TALENT_SERVER_CORE_USERS_H_
