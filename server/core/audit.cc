#include "server/core/audit.h"

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "server/core/internal.h"
#include "server/storage/audit_log.h"

namespace talent::core {

using storage::Connection;

absl::StatusOr<Page<domain::AuditEvent>> Audit::ListAuditEvents(const PageRequest& page) {
  ASSIGN_OR_RETURN(internal::PageCursor cursor, internal::OpenPage(page));
  ASSIGN_OR_RETURN(int64_t after, cursor.AfterId());
  Page<domain::AuditEvent> out;
  RETURN_IF_ERROR(ctx_->store().Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(out.items, storage::AuditLog::List(db, after, cursor.size + 1));
    return absl::OkStatus();
  }));
  internal::ClosePage(cursor, &out, [](const domain::AuditEvent& e) { return absl::StrCat(e.id); });
  return out;
}

absl::StatusOr<int64_t> Audit::VerifyAuditLog() {
  int64_t checked = 0;
  RETURN_IF_ERROR(ctx_->store().Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(checked, storage::AuditLog::Verify(db));
    return absl::OkStatus();
  }));
  return checked;
}

}  // namespace talent::core
