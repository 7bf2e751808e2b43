#include "server/storage/idempotency_repository.h"

#include "common/status_macros.h"

namespace talent::storage {

absl::StatusOr<std::optional<std::string>> IdempotencyRepository::Find(
    Connection& db, int64_t user_id, const std::string& method, const std::string& request_id) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("SELECT resource FROM idempotency "
                              "WHERE user_id = ? AND method = ? AND request_id = ?"));
  st->Bind(1, user_id).Bind(2, method).Bind(3, request_id);
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(st->ColumnText(0));
}

absl::Status IdempotencyRepository::Record(Connection& db, int64_t user_id,
                                           const std::string& method,
                                           const std::string& request_id,
                                           const std::string& resource, int64_t now) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("INSERT INTO idempotency (user_id, method, request_id, resource, "
                              "create_time) VALUES (?, ?, ?, ?, ?)"));
  st->Bind(1, user_id).Bind(2, method).Bind(3, request_id).Bind(4, resource).Bind(5, now);
  return st->Run();
}

}  // namespace talent::storage
