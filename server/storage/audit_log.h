// The audit log: one append-only, hash-chained row per change. Each event's
// hash is SHA-256 over the previous hash and the event's canonical bytes, so
// editing or deleting any row breaks the chain (Verify finds where).
// Triggers in the schema refuse UPDATE and DELETE. Static functions over a
// Connection inside the caller's transaction; thread-compatible.
#ifndef TALENT_SERVER_STORAGE_AUDIT_LOG_H_
#define TALENT_SERVER_STORAGE_AUDIT_LOG_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/domain/types.h"
#include "server/storage/sqlite.h"

namespace talent::storage {

class AuditLog {
 public:
  // Appends an event after the current last one.
  static absl::Status Append(Connection& db, int64_t time, int64_t user_id,
                             const std::string& method, const std::string& resource,
                             const std::string& detail);
  // Events with id > after_id, oldest first.
  static absl::StatusOr<std::vector<domain::AuditEvent>> List(Connection& db, int64_t after_id, int limit);
  // Recomputes the chain. Returns the number of events checked, or DATA_LOSS
  // naming the first event whose hash does not match.
  static absl::StatusOr<int64_t> Verify(Connection& db);
};

}  // namespace talent::storage

#endif  // TALENT_SERVER_STORAGE_AUDIT_LOG_H_
