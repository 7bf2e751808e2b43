// The audit log: one append-only, hash-chained row per change
// (common/audit_chain.h has the chain's format). Each event names the actor
// (user, username, token id), so editing or deleting any row breaks the
// chain, and Verify finds where.
//
// Covered things. Some tables are covered by the chain too: a sheet with its
// points and history ("sheet/<id>") and a round's stored results
// ("results/<round id>"). A repository that changes one marks it on the
// Connection; Append then records, in audit_covers, the digest of each
// marked thing's rows as the event leaves them, and hashes those digests
// into the event. Verify recomputes every digest of the live tables against
// the last event that covered it, so an edit of a covered row outside
// talentd is found even when the audit rows are untouched. The Store
// refuses a write that marks a covered thing and appends no event.
//
// Triggers in the schema refuse UPDATE and DELETE of audit rows. Static
// functions over a Connection inside the caller's transaction;
// thread-compatible.
#ifndef TALENT_SERVER_STORAGE_AUDIT_LOG_H_
#define TALENT_SERVER_STORAGE_AUDIT_LOG_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/audit_chain.h"
#include "server/domain/types.h"
#include "server/storage/sqlite.h"

namespace talent::storage {

// Which events a listing shows (every field optional).
struct AuditFilter {
  int64_t user_id = 0;        // 0: anyone's
  int64_t token_id = 0;       // 0: any token's
  std::string resource;       // "": any; else this resource or one under it ("rounds/…/")
  int64_t since = 0;          // 0: from the start; else time >= since
  int64_t until = 0;          // 0: to now; else time < until
};

// What Verify checked.
struct AuditCheck {
  int64_t events = 0;    // chained events checked
  int64_t covered = 0;   // covered things checked against the live tables
  int64_t last_id = 0;   // the head: the last event's id (0: empty log)
  std::string last_hash;  // and its hash (genesis when empty)
};

class AuditLog {
 public:
  // Appends an event after the current last one, covering whatever the
  // write has marked on `db`.
  static absl::Status Append(Connection& db, int64_t time, const domain::Actor& actor,
                             const std::string& method, const std::string& resource,
                             const std::string& detail);
  // Events with id > after_id that pass `filter`, oldest first.
  static absl::StatusOr<std::vector<domain::AuditEvent>> List(Connection& db, int64_t after_id,
                                                              int limit,
                                                              const AuditFilter& filter = {});
  // Events with id > after_id with every hashed field, oldest first (an
  // export of the log).
  static absl::StatusOr<std::vector<common::ChainedEvent>> Chain(Connection& db,
                                                                 int64_t after_id, int limit);
  // The hash of event `id`; NOT_FOUND when there is none.
  static absl::StatusOr<std::string> HashAt(Connection& db, int64_t id);
  // Recomputes the chain, every event's content hash and every covered
  // thing's digest. DATA_LOSS naming the first thing that does not match.
  static absl::StatusOr<AuditCheck> Verify(Connection& db);

  // Records, in one event, the covered things that no event covers yet
  // (sheets and results written before the chain covered them). Only while
  // no event of format 2 covers anything: afterwards an uncovered row is
  // tampering, never adopted. Returns how many were adopted.
  static absl::StatusOr<int64_t> AdoptUncovered(Connection& db, int64_t time);

  // The digest of a covered thing's rows now (empty when it has none).
  static absl::StatusOr<std::string> CoveredDigest(Connection& db, const std::string& key);
  static std::string SheetKey(int64_t sheet_id);
  static std::string ResultsKey(int64_t round_id);
};

}  // namespace talent::storage

#endif  // TALENT_SERVER_STORAGE_AUDIT_LOG_H_
