#include "server/core/users.h"

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/crypto.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "server/core/authorization.h"
#include "server/core/internal.h"
#include "server/domain/user_rules.h"
#include "server/storage/audit_log.h"
#include "server/storage/programme_repository.h"
#include "server/storage/round_repository.h"
#include "server/storage/user_repository.h"

namespace talent::core {

using domain::Role;
using domain::Token;
using domain::User;
using storage::Connection;
using storage::UserRepository;

namespace {
// A token secret: 256 random bits, written as "tpm_" + 43 base64url chars.
constexpr size_t kSecretBytes = 32;
constexpr char kSecretPrefix[] = "tpm_";

// Makes a token for `user`: its secret is returned, only its hash stored.
absl::StatusOr<NewToken> InsertToken(Connection& db, const User& user, std::string label,
                                     int ttl_days, int64_t now) {
  RETURN_IF_ERROR(domain::ValidateTokenRequest(&label, ttl_days));
  NewToken out;
  out.secret = absl::StrCat(kSecretPrefix, common::Base64UrlEncode(common::RandomBytes(kSecretBytes)));
  out.token.user_id = user.id;
  out.token.username = user.username;
  out.token.label = label;
  out.token.create_time = now;
  out.token.expire_time = ttl_days == 0 ? 0 : now + int64_t{ttl_days} * 86400;
  RETURN_IF_ERROR(UserRepository::InsertToken(db, &out.token, common::Sha256(out.secret)));
  return out;
}

absl::StatusOr<User> FindUser(Context* ctx_, const std::string& username) {
  User user;
  RETURN_IF_ERROR(ctx_->store().Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(user, UserRepository::FindByUsername(db, username));
    return absl::OkStatus();
  }));
  return user;
}

}  // namespace

absl::StatusOr<NewToken> Users::Bootstrap(User admin) {
  admin.role = Role::kAdmin;
  RETURN_IF_ERROR(domain::ValidateUser(&admin));
  int64_t now = ctx_->Now();
  admin.create_time = now;
  NewToken token;
  RETURN_IF_ERROR(ctx_->store().Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(int users, UserRepository::CountUsers(db));
    if (users > 0) {
      return absl::FailedPreconditionError(
          absl::StrCat("database ", ctx_->store().path(), " is already initialised"));
    }
    RETURN_IF_ERROR(UserRepository::Insert(db, &admin));
    ASSIGN_OR_RETURN(token, InsertToken(db, admin, "init", 0, now));
    return storage::AuditLog::Append(db, now, domain::Actor{}, "Init", common::UserName(admin.username),
                                     "created the first administrator");
  }));
  return token;
}

absl::StatusOr<Caller> Users::Authenticate(const std::string& secret) {
  const auto unauthenticated = [] {
    return absl::UnauthenticatedError(
        "the token is not valid (unknown, revoked or expired); log in again with "
        "'talentctl login'");
  };
  if (!absl::StartsWith(secret, kSecretPrefix)) return unauthenticated();
  std::string hash = common::Sha256(secret);
  Token token;
  User user;
  absl::Status status = ctx_->store().Read([&](Connection& db) {
    return UserRepository::FindToken(db, hash, &token, &user);
  });
  if (absl::IsNotFound(status)) return unauthenticated();
  RETURN_IF_ERROR(status);
  if (!domain::TokenUsable(token, ctx_->Now()) || user.disabled) {
    return unauthenticated();
  }
  return Caller{user.id, user.username, user.role, user.organisation, token.id};
}

absl::StatusOr<NewUser> Users::CreateUser(const Caller& caller, User user, bool create_token,
                                         const std::string& request_id) {
  RETURN_IF_ERROR(domain::ValidateUser(&user));
  int64_t now = ctx_->Now();
  user.create_time = now;
  NewUser out;
  std::optional<std::string> replay;
  RETURN_IF_ERROR(ctx_->store().Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(replay, internal::Replay(db, caller, "CreateUser", request_id));
    if (replay) return absl::OkStatus();
    RETURN_IF_ERROR(UserRepository::Insert(db, &user));
    out.user = user;
    if (create_token) {
      ASSIGN_OR_RETURN(out.token, InsertToken(db, user, "first", 0, now));
    }
    return internal::Record(db, caller, "CreateUser", request_id, common::UserName(user.username),
                            absl::StrCat("role=", domain::RoleKey(user.role),
                                         " organisation=", user.organisation),
                            now);
  }));
  if (replay) {
    // A retry: the secret, if any, was shown the first time and is not kept.
    ASSIGN_OR_RETURN(std::string username, common::ParseUserName("user", *replay));
    ASSIGN_OR_RETURN(out.user, FindUser(ctx_, username));
  }
  return out;
}

absl::StatusOr<User> Users::GetUser(const Caller& caller, const std::string& username) {
  RETURN_IF_ERROR(CheckUserLookup(caller, username));
  return FindUser(ctx_, username);
}

absl::StatusOr<Page<User>> Users::ListUsers(Role role, const PageRequest& page) {
  ASSIGN_OR_RETURN(internal::PageCursor cursor, internal::OpenPage(page));
  Page<User> out;
  RETURN_IF_ERROR(ctx_->store().Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(out.items, UserRepository::List(db, role, cursor.after, cursor.size + 1));
    return absl::OkStatus();
  }));
  internal::ClosePage(cursor, &out, [](const User& u) { return u.username; });
  return out;
}

absl::StatusOr<User> Users::DisableUser(const Caller& caller, const std::string& username) {
  if (username == caller.username) {
    return absl::FailedPreconditionError(
        "you cannot disable your own account; ask another administrator");
  }
  int64_t now = ctx_->Now();
  User user;
  RETURN_IF_ERROR(ctx_->store().Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(user, UserRepository::FindByUsername(db, username));
    if (user.disabled) return absl::OkStatus();
    RETURN_IF_ERROR(UserRepository::Disable(db, user.id, now));
    user.disabled = true;
    return storage::AuditLog::Append(db, now, caller.actor(), "DisableUser",
                                     common::UserName(username), "disabled; tokens revoked");
  }));
  return user;
}

absl::StatusOr<NewToken> Users::CreateToken(const Caller& caller, const std::string& username,
                                           std::string label, int ttl_days,
                                           const std::string& request_id) {
  RETURN_IF_ERROR(CheckTokenOwner(caller, username));
  int64_t now = ctx_->Now();
  NewToken out;
  RETURN_IF_ERROR(ctx_->store().Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<std::string> replay,
                     internal::Replay(db, caller, "CreateToken", request_id));
    if (replay) {
      return absl::AlreadyExistsError(absl::StrCat(
          "this request_id already created ", *replay,
          "; its secret was shown once only: if it was lost, revoke that token and create "
          "another with a new request_id"));
    }
    ASSIGN_OR_RETURN(User user, UserRepository::FindByUsername(db, username));
    if (user.disabled) {
      return absl::FailedPreconditionError(absl::StrCat("user ", username, " is disabled"));
    }
    ASSIGN_OR_RETURN(out, InsertToken(db, user, label, ttl_days, now));
    return internal::Record(db, caller, "CreateToken", request_id,
                            common::TokenName(username, out.token.id),
                            absl::StrCat("label=", out.token.label), now);
  }));
  return out;
}

absl::StatusOr<std::vector<Token>> Users::ListTokens(const Caller& caller,
                                                    const std::string& username) {
  RETURN_IF_ERROR(CheckTokenOwner(caller, username));
  std::vector<Token> out;
  RETURN_IF_ERROR(ctx_->store().Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(User user, UserRepository::FindByUsername(db, username));
    ASSIGN_OR_RETURN(out, UserRepository::ListTokens(db, user.id));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Token> Users::RevokeToken(const Caller& caller, const std::string& username,
                                        int64_t token_id) {
  RETURN_IF_ERROR(CheckTokenOwner(caller, username));
  int64_t now = ctx_->Now();
  Token token;
  RETURN_IF_ERROR(ctx_->store().Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(User user, UserRepository::FindByUsername(db, username));
    ASSIGN_OR_RETURN(token, UserRepository::FindTokenById(db, user.id, token_id));
    if (token.revoke_time != 0) {
      return absl::FailedPreconditionError(
          absl::StrCat("token ", common::TokenName(username, token_id), " is already revoked"));
    }
    RETURN_IF_ERROR(UserRepository::RevokeToken(db, token_id, now));
    token.revoke_time = now;
    return storage::AuditLog::Append(db, now, caller.actor(), "RevokeToken",
                                     common::TokenName(username, token_id), "revoked");
  }));
  return token;
}

}  // namespace talent::core
