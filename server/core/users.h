// Use cases of users and their bearer tokens: the first administrator,
// authentication of every call, accounts, and tokens (shown once, stored
// hashed). Each call is one transaction and leaves an audit event when it
// writes. Who may manage whose tokens is decided in authorization.h.
//
// Thread-safe (see context.h).
#ifndef TALENT_SERVER_CORE_USERS_H_
#define TALENT_SERVER_CORE_USERS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/core/context.h"
#include "server/domain/types.h"

namespace talent::core {

struct NewToken {
  domain::Token token;
  std::string secret;  // shown once; only its hash is stored
};

struct NewUser {
  domain::User user;
  std::optional<NewToken> token;
};

class Users {
 public:
  explicit Users(Context* context) : ctx_(context) {}

  const common::Clock& clock() const { return ctx_->clock(); }

  // Creates the first administrator and a token for them. FAILED_PRECONDITION
  // when the database already has users.
  absl::StatusOr<NewToken> Bootstrap(domain::User admin);

  // The caller holding this bearer secret. UNAUTHENTICATED when the token is
  // unknown, revoked or expired, or its user is disabled.
  absl::StatusOr<Caller> Authenticate(const std::string& secret);

  // INVALID_ARGUMENT naming the field; ALREADY_EXISTS for a taken username.
  absl::StatusOr<NewUser> CreateUser(const Caller& caller, domain::User user, bool create_token,
                                     const std::string& request_id);
  // PERMISSION_DENIED for another user's account unless an administrator;
  // NOT_FOUND.
  absl::StatusOr<domain::User> GetUser(const Caller& caller, const std::string& username);
  absl::StatusOr<Page<domain::User>> ListUsers(domain::Role role, const PageRequest& page);
  // FAILED_PRECONDITION for one's own account; NOT_FOUND.
  absl::StatusOr<domain::User> DisableUser(const Caller& caller, const std::string& username);
  // Tokens of `username`: PERMISSION_DENIED unless the caller's own or an
  // administrator; NOT_FOUND; FAILED_PRECONDITION for a disabled user or a
  // token already revoked.
  // A retry with the same `request_id` is ALREADY_EXISTS naming the token
  // it created: the secret was shown once, and a second token is not made.
  absl::StatusOr<NewToken> CreateToken(const Caller& caller, const std::string& username,
                                       std::string label, int ttl_days,
                                       const std::string& request_id);
  absl::StatusOr<std::vector<domain::Token>> ListTokens(const Caller& caller,
                                                        const std::string& username);
  absl::StatusOr<domain::Token> RevokeToken(const Caller& caller, const std::string& username,
                                            int64_t token_id);

 private:
  Context* const ctx_;
};

}  // namespace talent::core

#endif  // TALENT_SERVER_CORE_USERS_H_
