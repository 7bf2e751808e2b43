#include "server/core/internal.h"

#include "absl/strings/numbers.h"
#include "common/status_macros.h"
#include "server/storage/audit_log.h"
#include "server/storage/programme_repository.h"
#include "server/storage/round_repository.h"

namespace talent::core {

using storage::Connection;

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
  return storage::AuditLog::Append(db, now, caller.actor(), method, resource, detail);
}

}  // namespace internal

}  // namespace talent::core
