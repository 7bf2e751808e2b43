#include "server/core/users.h"

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/clock.h"
#include "common/crypto.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "server/core/authorization.h"
#include "server/core/internal.h"
#include "server/domain/invitation_rules.h"
#include "server/domain/user_rules.h"
#include "server/storage/audit_log.h"
#include "server/storage/invitation_repository.h"
#include "server/storage/programme_repository.h"
#include "server/storage/round_repository.h"
#include "server/storage/user_repository.h"

namespace talent::core {

using domain::Invitation;
using domain::Role;
using domain::Token;
using domain::User;
using storage::Connection;
using storage::InvitationRepository;
using storage::UserRepository;

namespace {
// A token secret: 256 random bits, written as "tpm_" + 43 base64url chars.
constexpr size_t kSecretBytes = 32;
constexpr char kSecretPrefix[] = "tpm_";

// Makes a token for `user` expiring at `expire_time`: its secret is
// returned, only its hash stored.
absl::StatusOr<NewToken> InsertToken(Connection& db, const User& user, const std::string& label,
                                     int64_t now, int64_t expire_time) {
  NewToken out;
  out.secret = absl::StrCat(kSecretPrefix, common::Base64UrlEncode(common::RandomBytes(kSecretBytes)));
  out.token.user_id = user.id;
  out.token.username = user.username;
  out.token.label = label;
  out.token.create_time = now;
  out.token.expire_time = expire_time;
  RETURN_IF_ERROR(UserRepository::InsertToken(db, &out.token, common::Sha256(out.secret)));
  return out;
}

// A new invitation code: 16 symbols of the alphabet, each drawn uniformly
// (a random byte is kept only below the largest multiple of 31, 248).
std::string NewInvitationCode() {
  constexpr int kSize = domain::kInvitationAlphabetSize;
  constexpr int kLimit = 256 / kSize * kSize;
  std::string code;
  while (code.size() < static_cast<size_t>(domain::kInvitationCodeSymbols)) {
    for (unsigned char byte : common::RandomBytes(32)) {
      if (byte >= kLimit) continue;
      code += domain::kInvitationAlphabet[byte % kSize];
      if (code.size() == static_cast<size_t>(domain::kInvitationCodeSymbols)) break;
    }
  }
  return code;
}

// Withdraws `user`'s open invitations and makes a new one expiring at
// `expire_time`. The audit event is the caller's to append.
absl::StatusOr<NewInvitation> InsertInvitation(Connection& db, const User& user,
                                               int64_t created_by, int64_t now,
                                               int64_t expire_time, int* voided) {
  ASSIGN_OR_RETURN(*voided, InvitationRepository::VoidOpen(db, user.id, now));
  std::string code = NewInvitationCode();
  NewInvitation out;
  out.invitation.user_id = user.id;
  out.invitation.username = user.username;
  out.invitation.create_time = now;
  out.invitation.expire_time = expire_time;
  RETURN_IF_ERROR(
      InvitationRepository::Insert(db, &out.invitation, common::Sha256(code), created_by));
  out.code = domain::FormatInvitationCode(code);
  return out;
}

// The audit detail of a new invitation (never its code).
std::string InvitationDetail(const Invitation& invitation, int voided) {
  std::string detail =
      absl::StrCat("expires ", common::FormatTimestamp(invitation.expire_time));
  if (voided > 0) absl::StrAppend(&detail, "; withdrew ", voided, " earlier invitation(s)");
  return detail;
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
  const int64_t expire_time = domain::TokenExpiry(now, 0, token_lifetime_days_);
  NewToken token;
  RETURN_IF_ERROR(ctx_->store().Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(int users, UserRepository::CountUsers(db));
    if (users > 0) {
      return absl::FailedPreconditionError(
          absl::StrCat("database ", ctx_->store().path(), " is already initialised"));
    }
    RETURN_IF_ERROR(UserRepository::Insert(db, &admin));
    ASSIGN_OR_RETURN(token, InsertToken(db, admin, "init", now, expire_time));
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
  const int64_t now = ctx_->Now();
  if (token.revoke_time == 0 && !user.disabled && domain::TokenExpired(token, now)) {
    // Whoever sends it holds the secret: saying when it expired tells them
    // nothing new, and tells them what to do.
    return absl::UnauthenticatedError(absl::StrCat(
        "your token expired on ", common::FormatTimestamp(token.expire_time),
        "; ask an administrator for a new invitation ('talentctl user invite ", user.username,
        "'), and renew the next one with 'talentctl login' before it expires"));
  }
  if (!domain::TokenUsable(token, now) || user.disabled) {
    return unauthenticated();
  }
  return Caller{user.id, user.username, user.role, user.organisation, token.id, ""};
}

absl::StatusOr<NewUser> Users::CreateUser(const Caller& caller, User user,
                                         const std::string& request_id) {
  RETURN_IF_ERROR(domain::ValidateUser(&user));
  int64_t now = ctx_->Now();
  user.create_time = now;
  ASSIGN_OR_RETURN(int64_t invitation_expiry, domain::InvitationExpiry(now, 0));
  NewUser out;
  std::optional<std::string> replay;
  RETURN_IF_ERROR(ctx_->store().Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(replay, internal::Replay(db, caller, "CreateUser", request_id));
    if (replay) return absl::OkStatus();
    RETURN_IF_ERROR(UserRepository::Insert(db, &user));
    out.user = user;
    int voided = 0;
    ASSIGN_OR_RETURN(out.invitation,
                     InsertInvitation(db, user, caller.user_id, now, invitation_expiry, &voided));
    return internal::Record(db, caller, "CreateUser", request_id, common::UserName(user.username),
                            absl::StrCat("role=", domain::RoleKey(user.role),
                                         " organisation=", user.organisation, "; invitation ",
                                         out.invitation->invitation.id, " expires ",
                                         common::FormatTimestamp(invitation_expiry)),
                            now);
  }));
  if (replay) {
    // A retry: the invitation's code was shown the first time and is not kept.
    ASSIGN_OR_RETURN(std::string username, common::ParseUserName("user", *replay));
    ASSIGN_OR_RETURN(out.user, FindUser(ctx_, username));
  }
  return out;
}

absl::StatusOr<NewInvitation> Users::InviteUser(const Caller& caller, const std::string& username,
                                               int ttl_days) {
  int64_t now = ctx_->Now();
  ASSIGN_OR_RETURN(int64_t expire_time, domain::InvitationExpiry(now, ttl_days));
  NewInvitation out;
  RETURN_IF_ERROR(ctx_->store().Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(User user, UserRepository::FindByUsername(db, username));
    if (user.disabled) {
      return absl::FailedPreconditionError(
          absl::StrCat("user ", username, " is disabled; a disabled account is not invited"));
    }
    int voided = 0;
    ASSIGN_OR_RETURN(out, InsertInvitation(db, user, caller.user_id, now, expire_time, &voided));
    return storage::AuditLog::Append(db, now, caller.actor(), "InviteUser",
                                     common::InvitationName(username, out.invitation.id),
                                     InvitationDetail(out.invitation, voided));
  }));
  return out;
}

absl::StatusOr<Redeemed> Users::RedeemInvitation(const std::string& username,
                                                 const std::string& code, std::string label) {
  ASSIGN_OR_RETURN(std::string canonical, domain::NormalizeInvitationCode(code));
  const int64_t now = ctx_->Now();
  RETURN_IF_ERROR(domain::ValidateTokenRequest(&label, 0, token_lifetime_days_));
  const int64_t expire_time = domain::TokenExpiry(now, 0, token_lifetime_days_);
  const std::string hash = common::Sha256(canonical);
  // One answer for an unknown user and a wrong code, so that trying codes
  // tells nobody which usernames exist.
  const absl::Status not_valid = absl::UnauthenticatedError(
      "this invitation code is not valid for this username; check both, as the administrator "
      "gave them");
  Redeemed out;
  RETURN_IF_ERROR(ctx_->store().Write([&](Connection& db) -> absl::Status {
    absl::StatusOr<User> user = UserRepository::FindByUsername(db, username);
    if (absl::IsNotFound(user.status())) return not_valid;
    RETURN_IF_ERROR(user.status());
    absl::StatusOr<Invitation> invitation = InvitationRepository::Find(db, user->id, hash);
    if (absl::IsNotFound(invitation.status())) return not_valid;
    RETURN_IF_ERROR(invitation.status());
    RETURN_IF_ERROR(domain::CheckInvitationRedeemable(*invitation, now));
    if (user->disabled) {
      return absl::FailedPreconditionError(
          absl::StrCat("user ", username, " is disabled; ask an administrator"));
    }
    out.user = *user;
    ASSIGN_OR_RETURN(out.token, InsertToken(db, *user, label, now, expire_time));
    const int64_t token_id = out.token.token.id;
    RETURN_IF_ERROR(InvitationRepository::MarkRedeemed(db, invitation->id, now, token_id));
    // The user acted, with the invitation; the token is the one it gave them.
    return storage::AuditLog::Append(
        db, now, domain::Actor{user->id, user->username, token_id, ""}, "RedeemInvitation",
        common::TokenName(username, token_id),
        absl::StrCat("redeemed invitation ", invitation->id, "; label=", out.token.token.label,
                     "; expires ", common::FormatTimestamp(expire_time)));
  }));
  return out;
}

absl::StatusOr<User> Users::GetUser(const Caller& caller, const std::string& username) {
  RETURN_IF_ERROR(CheckUserLookup(caller, username));
  return FindUser(ctx_, username);
}

absl::StatusOr<Me> Users::WhoAmI(const Caller& caller) {
  Me out;
  RETURN_IF_ERROR(ctx_->store().Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(out.user, UserRepository::FindById(db, caller.user_id));
    if (caller.token_id != 0) {
      ASSIGN_OR_RETURN(out.token, UserRepository::FindTokenById(db, caller.user_id,
                                                                caller.token_id));
    }
    return absl::OkStatus();
  }));
  return out;
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
    ASSIGN_OR_RETURN(int voided, InvitationRepository::VoidOpen(db, user.id, now));
    user.disabled = true;
    return storage::AuditLog::Append(
        db, now, caller.actor(), "DisableUser", common::UserName(username),
        voided > 0 ? absl::StrCat("disabled; tokens revoked; ", voided, " invitation(s) withdrawn")
                   : "disabled; tokens revoked");
  }));
  return user;
}

absl::StatusOr<NewToken> Users::CreateToken(const Caller& caller, const std::string& username,
                                           std::string label, int ttl_days,
                                           const std::string& request_id) {
  RETURN_IF_ERROR(CheckTokenCreator(caller, username));
  const int lifetime = token_lifetime_days_;
  RETURN_IF_ERROR(domain::ValidateTokenRequest(&label, ttl_days, lifetime));
  int64_t now = ctx_->Now();
  const int64_t expire_time = domain::TokenExpiry(now, ttl_days, lifetime);
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
    ASSIGN_OR_RETURN(out, InsertToken(db, user, label, now, expire_time));
    return internal::Record(db, caller, "CreateToken", request_id,
                            common::TokenName(username, out.token.id),
                            absl::StrCat("label=", out.token.label, "; expires ",
                                         common::FormatTimestamp(expire_time)),
                            now);
  }));
  return out;
}

absl::StatusOr<RenewedToken> Users::RenewToken(const Caller& caller) {
  if (caller.token_id == 0) {
    return absl::FailedPreconditionError("this call came with no token to renew");
  }
  const int64_t now = ctx_->Now();
  const int64_t expire_time = domain::TokenExpiry(now, 0, token_lifetime_days_);
  RenewedToken out;
  RETURN_IF_ERROR(ctx_->store().Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(out.user, UserRepository::FindById(db, caller.user_id));
    const User& user = out.user;
    ASSIGN_OR_RETURN(out.revoked, UserRepository::FindTokenById(db, user.id, caller.token_id));
    // Two renewals of one token at once: the first wins, the second finds
    // it revoked.
    if (out.revoked.revoke_time != 0) {
      return absl::FailedPreconditionError(
          absl::StrCat("token ", common::TokenName(user.username, out.revoked.id),
                       " was revoked meanwhile; log in with a valid token"));
    }
    ASSIGN_OR_RETURN(out.fresh, InsertToken(db, user, out.revoked.label, now, expire_time));
    RETURN_IF_ERROR(UserRepository::RevokeToken(db, out.revoked.id, now));
    out.revoked.revoke_time = now;
    return storage::AuditLog::Append(
        db, now, caller.actor(), "RenewToken", common::TokenName(user.username, out.fresh.token.id),
        absl::StrCat("replaces token ", out.revoked.id, " (revoked); expires ",
                     common::FormatTimestamp(expire_time)));
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
