#include "server/storage/user_repository.h"

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace talent::storage {
namespace {

using domain::Token;
using domain::User;

#define USER_SELECT \
  "SELECT id, username, display_name, role, organisation, disabled, create_time FROM users "

User ReadUser(const Statement& st, int first = 0) {
  User u;
  u.id = st.ColumnInt(first + 0);
  u.username = st.ColumnText(first + 1);
  u.display_name = st.ColumnText(first + 2);
  u.role = static_cast<domain::Role>(st.ColumnInt(first + 3));
  u.organisation = st.ColumnText(first + 4);
  u.disabled = st.ColumnInt(first + 5) != 0;
  u.create_time = st.ColumnInt(first + 6);
  return u;
}

#define TOKEN_SELECT                                                                      \
  "SELECT t.id, t.user_id, u.username, t.label, t.create_time, t.expire_time, "           \
  "t.revoke_time FROM tokens t JOIN users u ON u.id = t.user_id "

Token ReadToken(const Statement& st) {
  Token t;
  t.id = st.ColumnInt(0);
  t.user_id = st.ColumnInt(1);
  t.username = st.ColumnText(2);
  t.label = st.ColumnText(3);
  t.create_time = st.ColumnInt(4);
  t.expire_time = st.ColumnInt(5);
  t.revoke_time = st.ColumnInt(6);
  return t;
}

absl::Status UserNotFound(const std::string& username) {
  return absl::NotFoundError(absl::StrCat("user ", username,
                                          " not found (list them with 'talentctl user list')"));
}

}  // namespace

absl::Status UserRepository::Insert(Connection& db, User* u) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("INSERT INTO users (username, display_name, role, organisation, "
                              "disabled, create_time) VALUES (?, ?, ?, ?, 0, ?)"));
  st->Bind(1, u->username).Bind(2, u->display_name).Bind(3, static_cast<int>(u->role));
  st->Bind(4, u->organisation).Bind(5, u->create_time);
  absl::Status status = st->Run();
  if (absl::IsAlreadyExists(status)) {
    return absl::AlreadyExistsError(absl::StrCat("user ", u->username, " already exists"));
  }
  RETURN_IF_ERROR(status);
  u->id = db.LastInsertRowId();
  return absl::OkStatus();
}

absl::StatusOr<User> UserRepository::FindByUsername(Connection& db, const std::string& username) {
  ASSIGN_OR_RETURN(Statement * st, db.Prepare(USER_SELECT "WHERE username = ?"));
  st->Bind(1, username);
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return UserNotFound(username);
  return ReadUser(*st);
}

absl::StatusOr<User> UserRepository::FindById(Connection& db, int64_t id) {
  ASSIGN_OR_RETURN(Statement * st, db.Prepare(USER_SELECT "WHERE id = ?"));
  st->Bind(1, id);
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return absl::NotFoundError(absl::StrCat("user ", id, " not found"));
  return ReadUser(*st);
}

absl::StatusOr<std::vector<User>> UserRepository::List(Connection& db, domain::Role role,
                                                       const std::string& after, int limit) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare(USER_SELECT "WHERE (?1 = 0 OR role = ?1) AND username > ?2 "
                                          "ORDER BY username LIMIT ?3"));
  st->Bind(1, static_cast<int>(role)).Bind(2, after).Bind(3, limit);
  std::vector<User> out;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back(ReadUser(*st));
  }
  return out;
}

absl::Status UserRepository::Disable(Connection& db, int64_t user_id, int64_t now) {
  ASSIGN_OR_RETURN(Statement * st, db.Prepare("UPDATE users SET disabled = 1 WHERE id = ?"));
  st->Bind(1, user_id);
  RETURN_IF_ERROR(st->Run());
  ASSIGN_OR_RETURN(Statement * tokens,
                   db.Prepare("UPDATE tokens SET revoke_time = ? "
                              "WHERE user_id = ? AND revoke_time = 0"));
  tokens->Bind(1, now).Bind(2, user_id);
  return tokens->Run();
}

absl::StatusOr<int> UserRepository::CountUsers(Connection& db) {
  ASSIGN_OR_RETURN(Statement * st, db.Prepare("SELECT COUNT(*) FROM users"));
  ASSIGN_OR_RETURN(bool row, st->Step());
  return row ? static_cast<int>(st->ColumnInt(0)) : 0;
}

absl::Status UserRepository::InsertToken(Connection& db, Token* t,
                                         const std::string& secret_hash) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("INSERT INTO tokens (user_id, secret_hash, label, create_time, "
                              "expire_time, revoke_time) VALUES (?, ?, ?, ?, ?, 0)"));
  st->Bind(1, t->user_id).BindBlob(2, secret_hash).Bind(3, t->label).Bind(4, t->create_time);
  st->Bind(5, t->expire_time);
  RETURN_IF_ERROR(st->Run());
  t->id = db.LastInsertRowId();
  return absl::OkStatus();
}

absl::Status UserRepository::FindToken(Connection& db, const std::string& secret_hash, Token* token,
                                       User* user) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare(TOKEN_SELECT "WHERE t.secret_hash = ?"));
  st->BindBlob(1, secret_hash);
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return absl::NotFoundError("no such token");
  *token = ReadToken(*st);
  ASSIGN_OR_RETURN(*user, FindById(db, token->user_id));
  return absl::OkStatus();
}

absl::StatusOr<Token> UserRepository::FindTokenById(Connection& db, int64_t user_id,
                                                    int64_t token_id) {
  ASSIGN_OR_RETURN(Statement * st, db.Prepare(TOKEN_SELECT "WHERE t.id = ? AND t.user_id = ?"));
  st->Bind(1, token_id).Bind(2, user_id);
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return absl::NotFoundError(absl::StrCat("token ", token_id, " not found"));
  return ReadToken(*st);
}

absl::StatusOr<std::vector<Token>> UserRepository::ListTokens(Connection& db, int64_t user_id) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare(TOKEN_SELECT "WHERE t.user_id = ? ORDER BY t.id DESC"));
  st->Bind(1, user_id);
  std::vector<Token> out;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back(ReadToken(*st));
  }
  return out;
}

absl::Status UserRepository::RevokeToken(Connection& db, int64_t token_id, int64_t now) {
  ASSIGN_OR_RETURN(Statement * st, db.Prepare("UPDATE tokens SET revoke_time = ? WHERE id = ?"));
  st->Bind(1, now).Bind(2, token_id);
  return st->Run();
}

}  // namespace talent::storage
