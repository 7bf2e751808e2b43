#include "server/storage/signing_key_repository.h"

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace talent::storage {
namespace {

// Prepare() caches by the literal's address: the queries are whole literals.
#define SIGNING_KEY_SELECT \
  "SELECT id, public_key, valid_from, valid_until, create_time FROM signing_keys "

domain::TrustedKey ReadKey(const Statement& st) {
  domain::TrustedKey key;
  key.id = st.ColumnInt(0);
  key.public_key = st.ColumnText(1);
  key.valid_from = st.ColumnInt(2);
  key.valid_until = st.ColumnInt(3);
  key.create_time = st.ColumnInt(4);
  return key;
}

absl::StatusOr<std::optional<domain::TrustedKey>> FindOne(Statement* st) {
  ASSIGN_OR_RETURN(bool row, st->Step());
  std::optional<domain::TrustedKey> key;
  if (row) key = ReadKey(*st);
  st->Reset();
  return key;
}

}  // namespace

absl::Status SigningKeyRepository::Insert(Connection& db, domain::TrustedKey* key) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("INSERT INTO signing_keys (public_key, valid_from, valid_until, "
                              "create_time) VALUES (?, ?, ?, ?)"));
  st->BindBlob(1, key->public_key).Bind(2, key->valid_from).Bind(3, key->valid_until);
  st->Bind(4, key->create_time);
  absl::Status status = st->Run();
  if (absl::IsAlreadyExists(status)) {
    return absl::AlreadyExistsError(
        "the signing key is already trusted, or another key is still current");
  }
  RETURN_IF_ERROR(status);
  key->id = db.LastInsertRowId();
  return absl::OkStatus();
}

absl::StatusOr<std::vector<domain::TrustedKey>> SigningKeyRepository::List(Connection& db) {
  ASSIGN_OR_RETURN(Statement * st, db.Prepare(SIGNING_KEY_SELECT "ORDER BY id"));
  std::vector<domain::TrustedKey> out;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back(ReadKey(*st));
  }
  return out;
}

absl::StatusOr<std::optional<domain::TrustedKey>> SigningKeyRepository::FindByPublicKey(
    Connection& db, const std::string& public_key) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare(SIGNING_KEY_SELECT "WHERE public_key = ?"));
  st->BindBlob(1, public_key);
  return FindOne(st);
}

absl::StatusOr<std::optional<domain::TrustedKey>> SigningKeyRepository::Current(Connection& db) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare(SIGNING_KEY_SELECT "WHERE valid_until = 0"));
  return FindOne(st);
}

absl::Status SigningKeyRepository::Retire(Connection& db, int64_t id, int64_t valid_until) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("UPDATE signing_keys SET valid_until = ? WHERE id = ?"));
  st->Bind(1, valid_until).Bind(2, id);
  RETURN_IF_ERROR(st->Run());
  if (db.Changes() == 0) return absl::NotFoundError(absl::StrCat("no signing key #", id));
  return absl::OkStatus();
}

}  // namespace talent::storage
