// Helpers shared by the use cases' source files: idempotent replays and the
// record (request ID + audit event) every write leaves. Thread-compatible.
#ifndef TALENT_SERVER_CORE_INTERNAL_H_
#define TALENT_SERVER_CORE_INTERNAL_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "server/core/context.h"
#include "server/domain/round_rules.h"
#include "server/storage/idempotency_repository.h"
#include "server/storage/sqlite.h"

namespace talent::core::internal {

// The resource a previous call with this request ID created, if any.
// INVALID_ARGUMENT for a request ID over 64 characters.
absl::StatusOr<std::optional<std::string>> Replay(storage::Connection& db, const Caller& caller,
                                                  const char* method,
                                                  const std::string& request_id);

// Where a List call starts: how many to return, and the key of the item
// the previous page ended with (empty on the first page).
struct PageCursor {
  int size = 0;
  std::string after;
  // The key as an id; INVALID_ARGUMENT when the token held no number.
  absl::StatusOr<int64_t> AfterId() const;
};
// INVALID_ARGUMENT for a negative page size or a token not given out here.
absl::StatusOr<PageCursor> OpenPage(const PageRequest& page);

// Lists fetch size + 1 items; this keeps `size` and, when there were more,
// sets the next page token from the last kept item's key.
template <typename T, typename KeyOf>
void ClosePage(const PageCursor& cursor, Page<T>* page, KeyOf key_of) {
  if (static_cast<int>(page->items.size()) > cursor.size) {
    page->items.resize(cursor.size);
    page->next_page_token = EncodePageToken(key_of(page->items.back()));
  }
}

// The round at `position` of cohort `code`/`year` (its cohort_id names the
// cohort). NOT_FOUND naming the missing cohort or round.
absl::StatusOr<domain::Round> FindRound(storage::Connection& db, const std::string& code,
                                        int year, int position);

// Records the request ID (when given) and appends the audit event.
absl::Status Record(storage::Connection& db, const Caller& caller, const char* method,
                    const std::string& request_id, const std::string& resource,
                    const std::string& detail, int64_t now);

}  // namespace talent::core::internal

#endif  // TALENT_SERVER_CORE_INTERNAL_H_
