// Use cases of the audit log: listing its events and checking its hash
// chain.
//
// Thread-safe (see context.h).
#ifndef TALENT_SERVER_CORE_AUDIT_H_
#define TALENT_SERVER_CORE_AUDIT_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "server/core/context.h"
#include "server/domain/types.h"

namespace talent::core {

class Audit {
 public:
  explicit Audit(Context* context) : ctx_(context) {}

  // The events, oldest first. INVALID_ARGUMENT for a bad page.
  absl::StatusOr<Page<domain::AuditEvent>> ListAuditEvents(const PageRequest& page);
  // Recomputes the whole chain: the number of events checked, or DATA_LOSS
  // naming the first altered event.
  absl::StatusOr<int64_t> VerifyAuditLog();

 private:
  Context* const ctx_;
};

}  // namespace talent::core

#endif  // TALENT_SERVER_CORE_AUDIT_H_
