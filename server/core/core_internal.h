// Helpers shared by the Core's source files: idempotent replays and the
// record (request ID + audit event) every write leaves. Thread-compatible.
#ifndef TALENT_SERVER_CORE_CORE_INTERNAL_H_
#define TALENT_SERVER_CORE_CORE_INTERNAL_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "server/core/core.h"
#include "server/storage/idempotency_repository.h"
#include "server/storage/sqlite.h"

namespace talent::core::internal {

// The resource a previous call with this request ID created, if any.
// INVALID_ARGUMENT for a request ID over 64 characters.
absl::StatusOr<std::optional<std::string>> Replay(storage::Connection& db, const Caller& caller,
                                                  const char* method,
                                                  const std::string& request_id);

// Records the request ID (when given) and appends the audit event.
absl::Status Record(storage::Connection& db, const Caller& caller, const char* method,
                    const std::string& request_id, const std::string& resource,
                    const std::string& detail, int64_t now);

}  // namespace talent::core::internal

#endif  // TALENT_SERVER_CORE_CORE_INTERNAL_H_
