// Request IDs of creating calls, so a retried call is applied once: the
// resource created the first time is recorded in the same transaction.
// Static functions over a Connection; thread-compatible.
#ifndef TALENT_SERVER_STORAGE_IDEMPOTENCY_REPOSITORY_H_
#define TALENT_SERVER_STORAGE_IDEMPOTENCY_REPOSITORY_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "server/storage/sqlite.h"

namespace talent::storage {

class IdempotencyRepository {
 public:
  // The resource recorded for (user, method, request_id), if any.
  static absl::StatusOr<std::optional<std::string>> Find(Connection& db, int64_t user_id,
                                                         const std::string& method,
                                                         const std::string& request_id);
  static absl::Status Record(Connection& db, int64_t user_id, const std::string& method,
                             const std::string& request_id, const std::string& resource,
                             int64_t now);
};

}  // namespace talent::storage

#endif  // TALENT_SERVER_STORAGE_IDEMPOTENCY_REPOSITORY_H_
