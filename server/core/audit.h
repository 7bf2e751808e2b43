// Use cases of the audit log: listing its events, checking its hash chain
// and the tables it covers, signing its head, and exporting it for a check
// offline (storage/audit_log.h and common/audit_chain.h have the chain).
//
// Thread-safe (see context.h).
#ifndef TALENT_SERVER_CORE_AUDIT_H_
#define TALENT_SERVER_CORE_AUDIT_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "common/audit_chain.h"
#include "server/core/context.h"
#include "server/domain/types.h"

namespace talent::core {

// Which events a listing shows; every field optional.
struct AuditQuery {
  std::string username;      // NOT_FOUND when there is no such user
  int64_t token_id = 0;      // negative: INVALID_ARGUMENT
  std::string resource;      // this resource or one under it
  std::string start_time;    // RFC 3339 or YYYY-MM-DD (UTC midnight)
  std::string end_time;      // likewise; must be after start_time
};

struct AuditVerification {
  int64_t events = 0;
  int64_t covered = 0;
  common::AuditHead head;   // signed when the server has a key
  std::string known_hash;   // the hash at the known sequence asked about; empty if none
};

class Audit {
 public:
  explicit Audit(Context* context) : ctx_(context) {}

  // The events that pass `query`, oldest first. INVALID_ARGUMENT for a bad
  // page or filter (naming the field).
  absl::StatusOr<Page<domain::AuditEvent>> ListAuditEvents(const PageRequest& page,
                                                          const AuditQuery& query = {});
  // Recomputes the whole chain, each event's content hash and every covered
  // table, then signs the head: DATA_LOSS naming the first thing altered.
  // With known_sequence > 0, also the hash the chain has there now.
  absl::StatusOr<AuditVerification> VerifyAuditLog(int64_t known_sequence = 0);
  // Events with every hashed field, oldest first; the last page carries
  // the signed head (head.sequence 0 on the others).
  struct ExportPage {
    Page<common::ChainedEvent> events;
    std::optional<common::AuditHead> head;
  };
  absl::StatusOr<ExportPage> ExportAuditLog(const PageRequest& page);

  // Once, on a database upgraded from before the chain covered sheets and
  // results: records what is there in one event. Returns how many things
  // it adopted (0 when there was nothing to do).
  absl::StatusOr<int64_t> AdoptUncovered();

 private:
  // The head after `sequence`/`hash`, signed now with the server's key.
  absl::StatusOr<common::AuditHead> SignHead(int64_t sequence, std::string hash) const;

  Context* const ctx_;
};

}  // namespace talent::core

#endif  // TALENT_SERVER_CORE_AUDIT_H_
