// Users and their tokens (stored as SHA-256 hashes only). Static functions
// over a Connection inside the caller's transaction; thread-compatible.
#ifndef TALENT_SERVER_STORAGE_USER_REPOSITORY_H_
#define TALENT_SERVER_STORAGE_USER_REPOSITORY_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/domain/types.h"
#include "server/storage/sqlite.h"

namespace talent::storage {

class UserRepository {
 public:
  // Sets user->id. ALREADY_EXISTS when the username is taken.
  static absl::Status Insert(Connection& db, domain::User* user);
  // NOT_FOUND when absent.
  static absl::StatusOr<domain::User> FindByUsername(Connection& db, const std::string& username);
  static absl::StatusOr<domain::User> FindById(Connection& db, int64_t id);
  // Users after `after` by username; role unspecified means any.
  static absl::StatusOr<std::vector<domain::User>> List(Connection& db, domain::Role role,
                                                        const std::string& after, int limit);
  // Disables the user and revokes every token of theirs.
  static absl::Status Disable(Connection& db, int64_t user_id, int64_t now);
  static absl::StatusOr<int> CountUsers(Connection& db);

  // Sets token->id.
  static absl::Status InsertToken(Connection& db, domain::Token* token,
                                  const std::string& secret_hash);
  // The token with this hash and its (enabled or not) user. NOT_FOUND when
  // no token has it.
  static absl::Status FindToken(Connection& db, const std::string& secret_hash,
                                domain::Token* token, domain::User* user);
  static absl::StatusOr<domain::Token> FindTokenById(Connection& db, int64_t user_id,
                                                     int64_t token_id);
  // Newest first.
  static absl::StatusOr<std::vector<domain::Token>> ListTokens(Connection& db, int64_t user_id);
  static absl::Status RevokeToken(Connection& db, int64_t token_id, int64_t now);
};

}  // namespace talent::storage

#endif  // TALENT_SERVER_STORAGE_USER_REPOSITORY_H_
