// Core: construction, paging, authentication, users and tokens. Programmes,
// cohorts and enrolments are in core_programmes.cc and core_enrolments.cc.
#include "server/core/core.h"

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/crypto.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "server/core/core_internal.h"
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
constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 1000;
constexpr char kPageTokenPrefix[] = "v1:";
// A token secret: 256 random bits, written as "tpm_" + 43 base64url chars.
constexpr size_t kSecretBytes = 32;
constexpr char kSecretPrefix[] = "tpm_";
}  // namespace

Core::Core(std::unique_ptr<storage::Store> store, const common::Clock* clock,
           std::optional<SigningKey> signing_key)
    : store_(std::move(store)), clock_(clock), signing_key_(std::move(signing_key)) {}

absl::StatusOr<int> EffectivePageSize(int page_size) {
  if (page_size < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("page_size must not be negative, got ", page_size));
  }
  if (page_size == 0) return kDefaultPageSize;
  return std::min(page_size, kMaxPageSize);
}

std::string EncodePageToken(const std::string& key) {
  return common::Base64UrlEncode(absl::StrCat(kPageTokenPrefix, key));
}

absl::StatusOr<std::string> DecodePageToken(const std::string& token) {
  std::string raw;
  if (!absl::WebSafeBase64Unescape(token, &raw) || !absl::StartsWith(raw, kPageTokenPrefix)) {
    return absl::InvalidArgumentError(
        "page_token is not one this server gave out; list again without it");
  }
  return raw.substr(sizeof(kPageTokenPrefix) - 1);
}

namespace internal {

absl::StatusOr<int64_t> PageCursor::AfterId() const {
  int64_t id = 0;
  if (!after.empty() && !absl::SimpleAtoi(after, &id)) {
    return absl::InvalidArgumentError("page_token is not valid; list again without it");
  }
  return id;
}

absl::StatusOr<PageCursor> OpenPage(const PageRequest& page) {
  PageCursor cursor;
  ASSIGN_OR_RETURN(cursor.size, EffectivePageSize(page.page_size));
  if (!page.page_token.empty()) {
    ASSIGN_OR_RETURN(cursor.after, DecodePageToken(page.page_token));
  }
  return cursor;
}

absl::StatusOr<std::optional<std::string>> Replay(Connection& db, const Caller& caller,
                                                  const char* method,
                                                  const std::string& request_id) {
  if (request_id.empty()) return std::optional<std::string>();
  if (request_id.size() > 64) {
    return absl::InvalidArgumentError("request_id must be at most 64 characters");
  }
  return storage::IdempotencyRepository::Find(db, caller.user_id, method, request_id);
}

absl::StatusOr<domain::Round> FindRound(Connection& db, const std::string& code, int year,
                                        int position) {
  ASSIGN_OR_RETURN(domain::Cohort cohort,
                   storage::CohortRepository::Find(db, code, year, /*counts=*/false));
  return storage::RoundRepository::Find(db, cohort.id, position);
}

absl::Status Record(Connection& db, const Caller& caller, const char* method,
                    const std::string& request_id, const std::string& resource,
                    const std::string& detail, int64_t now) {
  if (!request_id.empty()) {
    RETURN_IF_ERROR(storage::IdempotencyRepository::Record(db, caller.user_id, method, request_id,
                                                           resource, now));
  }
  return storage::AuditLog::Append(db, now, caller.user_id, method, resource, detail);
}

}  // namespace internal

absl::Status Core::CheckSelfOrAdmin(const Caller& caller, const std::string& username) {
  if (caller.role == Role::kAdmin || caller.username == username) return absl::OkStatus();
  return absl::PermissionDeniedError(
      absl::StrCat("only an administrator may manage another user's tokens (you are ",
                   caller.username, ")"));
}

absl::StatusOr<NewToken> Core::InsertToken(Connection& db, const User& user, std::string label,
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

absl::StatusOr<NewToken> Core::Bootstrap(User admin) {
  admin.role = Role::kAdmin;
  RETURN_IF_ERROR(domain::ValidateUser(&admin));
  int64_t now = clock_->NowSeconds();
  admin.create_time = now;
  NewToken token;
  RETURN_IF_ERROR(store_->Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(int users, UserRepository::CountUsers(db));
    if (users > 0) {
      return absl::FailedPreconditionError(
          absl::StrCat("database ", store_->path(), " is already initialised"));
    }
    RETURN_IF_ERROR(UserRepository::Insert(db, &admin));
    ASSIGN_OR_RETURN(token, InsertToken(db, admin, "init", 0, now));
    return storage::AuditLog::Append(db, now, 0, "Init", common::UserName(admin.username),
                                     "created the first administrator");
  }));
  return token;
}

absl::StatusOr<Caller> Core::Authenticate(const std::string& secret) {
  const auto unauthenticated = [] {
    return absl::UnauthenticatedError(
        "the token is not valid (unknown, revoked or expired); log in again with "
        "'talentctl login'");
  };
  if (!absl::StartsWith(secret, kSecretPrefix)) return unauthenticated();
  std::string hash = common::Sha256(secret);
  Token token;
  User user;
  absl::Status status = store_->Read([&](Connection& db) {
    return UserRepository::FindToken(db, hash, &token, &user);
  });
  if (absl::IsNotFound(status)) return unauthenticated();
  RETURN_IF_ERROR(status);
  if (!domain::TokenUsable(token, clock_->NowSeconds()) || user.disabled) {
    return unauthenticated();
  }
  return Caller{user.id, user.username, user.role, user.organisation};
}

absl::StatusOr<NewUser> Core::CreateUser(const Caller& caller, User user, bool create_token,
                                         const std::string& request_id) {
  RETURN_IF_ERROR(domain::ValidateUser(&user));
  int64_t now = clock_->NowSeconds();
  user.create_time = now;
  NewUser out;
  std::optional<std::string> replay;
  RETURN_IF_ERROR(store_->Write([&](Connection& db) -> absl::Status {
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
    ASSIGN_OR_RETURN(out.user, GetUser(username));
  }
  return out;
}

absl::StatusOr<Page<storage::AuditEvent>> Core::ListAuditEvents(const PageRequest& page) {
  ASSIGN_OR_RETURN(internal::PageCursor cursor, internal::OpenPage(page));
  ASSIGN_OR_RETURN(int64_t after, cursor.AfterId());
  Page<storage::AuditEvent> out;
  RETURN_IF_ERROR(store_->Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(out.items, storage::AuditLog::List(db, after, cursor.size + 1));
    return absl::OkStatus();
  }));
  internal::ClosePage(cursor, &out, [](const storage::AuditEvent& e) { return absl::StrCat(e.id); });
  return out;
}

absl::StatusOr<int64_t> Core::VerifyAuditLog() {
  int64_t checked = 0;
  RETURN_IF_ERROR(store_->Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(checked, storage::AuditLog::Verify(db));
    return absl::OkStatus();
  }));
  return checked;
}

absl::StatusOr<User> Core::GetUser(const std::string& username) {
  User user;
  RETURN_IF_ERROR(store_->Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(user, UserRepository::FindByUsername(db, username));
    return absl::OkStatus();
  }));
  return user;
}

absl::StatusOr<Page<User>> Core::ListUsers(Role role, const PageRequest& page) {
  ASSIGN_OR_RETURN(internal::PageCursor cursor, internal::OpenPage(page));
  Page<User> out;
  RETURN_IF_ERROR(store_->Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(out.items, UserRepository::List(db, role, cursor.after, cursor.size + 1));
    return absl::OkStatus();
  }));
  internal::ClosePage(cursor, &out, [](const User& u) { return u.username; });
  return out;
}

absl::StatusOr<User> Core::DisableUser(const Caller& caller, const std::string& username) {
  if (username == caller.username) {
    return absl::FailedPreconditionError(
        "you cannot disable your own account; ask another administrator");
  }
  int64_t now = clock_->NowSeconds();
  User user;
  RETURN_IF_ERROR(store_->Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(user, UserRepository::FindByUsername(db, username));
    if (user.disabled) return absl::OkStatus();
    RETURN_IF_ERROR(UserRepository::Disable(db, user.id, now));
    user.disabled = true;
    return storage::AuditLog::Append(db, now, caller.user_id, "DisableUser",
                                     common::UserName(username), "disabled; tokens revoked");
  }));
  return user;
}

absl::StatusOr<NewToken> Core::CreateToken(const Caller& caller, const std::string& username,
                                           std::string label, int ttl_days) {
  RETURN_IF_ERROR(CheckSelfOrAdmin(caller, username));
  int64_t now = clock_->NowSeconds();
  NewToken out;
  RETURN_IF_ERROR(store_->Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(User user, UserRepository::FindByUsername(db, username));
    if (user.disabled) {
      return absl::FailedPreconditionError(absl::StrCat("user ", username, " is disabled"));
    }
    ASSIGN_OR_RETURN(out, InsertToken(db, user, label, ttl_days, now));
    return storage::AuditLog::Append(db, now, caller.user_id, "CreateToken",
                                     common::TokenName(username, out.token.id),
                                     absl::StrCat("label=", out.token.label));
  }));
  return out;
}

absl::StatusOr<std::vector<Token>> Core::ListTokens(const Caller& caller,
                                                    const std::string& username) {
  RETURN_IF_ERROR(CheckSelfOrAdmin(caller, username));
  std::vector<Token> out;
  RETURN_IF_ERROR(store_->Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(User user, UserRepository::FindByUsername(db, username));
    ASSIGN_OR_RETURN(out, UserRepository::ListTokens(db, user.id));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Token> Core::RevokeToken(const Caller& caller, const std::string& username,
                                        int64_t token_id) {
  RETURN_IF_ERROR(CheckSelfOrAdmin(caller, username));
  int64_t now = clock_->NowSeconds();
  Token token;
  RETURN_IF_ERROR(store_->Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(User user, UserRepository::FindByUsername(db, username));
    ASSIGN_OR_RETURN(token, UserRepository::FindTokenById(db, user.id, token_id));
    if (token.revoke_time != 0) {
      return absl::FailedPreconditionError(
          absl::StrCat("token ", common::TokenName(username, token_id), " is already revoked"));
    }
    RETURN_IF_ERROR(UserRepository::RevokeToken(db, token_id, now));
    token.revoke_time = now;
    return storage::AuditLog::Append(db, now, caller.user_id, "RevokeToken",
                                     common::TokenName(username, token_id), "revoked");
  }));
  return token;
}

}  // namespace talent::core
