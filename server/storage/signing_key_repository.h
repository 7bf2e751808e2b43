// The trusted signing keys (table signing_keys): every key the register has
// signed with, the one still signing (valid_until 0) and when each was
// valid. Static functions over a Connection the caller holds (inside the
// Store's read or write); thread-compatible.
#ifndef TALENT_SERVER_STORAGE_SIGNING_KEY_REPOSITORY_H_
#define TALENT_SERVER_STORAGE_SIGNING_KEY_REPOSITORY_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/domain/key_rules.h"
#include "server/storage/sqlite.h"

namespace talent::storage {

class SigningKeyRepository {
 public:
  // Inserts; sets key->id. ALREADY_EXISTS for a key already trusted, or a
  // second current key (valid_until 0).
  static absl::Status Insert(Connection& db, domain::TrustedKey* key);
  // Every trusted key, oldest first.
  static absl::StatusOr<std::vector<domain::TrustedKey>> List(Connection& db);
  // The key with this public half, if trusted.
  static absl::StatusOr<std::optional<domain::TrustedKey>> FindByPublicKey(
      Connection& db, const std::string& public_key);
  // The current key (valid_until 0), if any.
  static absl::StatusOr<std::optional<domain::TrustedKey>> Current(Connection& db);
  // Sets the key's valid_until. NOT_FOUND for an unknown id.
  static absl::Status Retire(Connection& db, int64_t id, int64_t valid_until);
};

}  // namespace talent::storage

#endif  // TALENT_SERVER_STORAGE_SIGNING_KEY_REPOSITORY_H_
