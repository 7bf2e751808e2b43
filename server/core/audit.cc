#include "server/core/audit.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/clock.h"
#include "common/crypto.h"
#include "common/status_macros.h"
#include "server/core/internal.h"
#include "server/storage/audit_log.h"
#include "server/storage/user_repository.h"

namespace talent::core {

using storage::Connection;
namespace {

// Unix seconds of an RFC 3339 time or a date (midnight UTC); 0 for "".
absl::StatusOr<int64_t> ParseBound(const char* field, const std::string& text) {
  if (text.empty()) return 0;
  common::Date date;
  if (common::ParseDate(text, &date)) {
    return absl::ToUnixSeconds(
        absl::FromCivil(absl::CivilDay(date.year, date.month, date.day), absl::UTCTimeZone()));
  }
  absl::Time time;
  std::string error;
  if (absl::ParseTime(absl::RFC3339_full, text, &time, &error)) return absl::ToUnixSeconds(time);
  return absl::InvalidArgumentError(absl::StrCat(
      field, " must be a date (2026-03-01) or an RFC 3339 time (2026-03-01T08:00:00Z)"));
}

}  // namespace

absl::StatusOr<Page<domain::AuditEvent>> Audit::ListAuditEvents(const PageRequest& page,
                                                               const AuditQuery& query) {
  ASSIGN_OR_RETURN(internal::PageCursor cursor, internal::OpenPage(page));
  ASSIGN_OR_RETURN(int64_t after, cursor.AfterId());
  storage::AuditFilter filter;
  if (query.token_id < 0) {
    return absl::InvalidArgumentError("token_id must be a token's id (a positive number)");
  }
  filter.token_id = query.token_id;
  filter.resource = query.resource;
  ASSIGN_OR_RETURN(filter.since, ParseBound("start_time", query.start_time));
  ASSIGN_OR_RETURN(filter.until, ParseBound("end_time", query.end_time));
  if (filter.since != 0 && filter.until != 0 && filter.until <= filter.since) {
    return absl::InvalidArgumentError("end_time must be after start_time");
  }
  Page<domain::AuditEvent> out;
  RETURN_IF_ERROR(ctx_->store().Read([&](Connection& db) -> absl::Status {
    if (!query.username.empty()) {
      ASSIGN_OR_RETURN(domain::User user,
                       storage::UserRepository::FindByUsername(db, query.username));
      filter.user_id = user.id;
    }
    ASSIGN_OR_RETURN(out.items, storage::AuditLog::List(db, after, cursor.size + 1, filter));
    return absl::OkStatus();
  }));
  internal::ClosePage(cursor, &out, [](const domain::AuditEvent& e) { return absl::StrCat(e.id); });
  return out;
}

absl::StatusOr<common::AuditHead> Audit::SignHead(int64_t sequence, std::string hash) const {
  common::AuditHead head;
  head.sequence = sequence;
  head.hash = std::move(hash);
  head.time = ctx_->Now();
  if (ctx_->signing_key()) {
    head.public_key = ctx_->signing_key()->public_key;
    ASSIGN_OR_RETURN(head.signature,
                     common::Ed25519Sign(ctx_->signing_key()->secret_key,
                                         common::AuditHeadMessage(head.sequence, head.hash,
                                                                  head.time)));
  }
  return head;
}

absl::StatusOr<AuditVerification> Audit::VerifyAuditLog(int64_t known_sequence) {
  if (known_sequence < 0) {
    return absl::InvalidArgumentError("known_sequence must be 0 or an event's id");
  }
  AuditVerification out;
  storage::AuditCheck check;
  RETURN_IF_ERROR(ctx_->store().Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(check, storage::AuditLog::Verify(db));
    if (known_sequence > 0 && known_sequence <= check.last_id) {
      ASSIGN_OR_RETURN(out.known_hash, storage::AuditLog::HashAt(db, known_sequence));
    }
    return absl::OkStatus();
  }));
  out.events = check.events;
  out.covered = check.covered;
  ASSIGN_OR_RETURN(out.head, SignHead(check.last_id, check.last_hash));
  return out;
}

absl::StatusOr<Audit::ExportPage> Audit::ExportAuditLog(const PageRequest& page) {
  ASSIGN_OR_RETURN(internal::PageCursor cursor, internal::OpenPage(page));
  ASSIGN_OR_RETURN(int64_t after, cursor.AfterId());
  ExportPage out;
  int64_t last_id = after;
  std::string last_hash = common::AuditGenesisHash();
  RETURN_IF_ERROR(ctx_->store().Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(out.events.items, storage::AuditLog::Chain(db, after, cursor.size + 1));
    if (static_cast<int>(out.events.items.size()) > cursor.size) return absl::OkStatus();
    // The last page: in the same snapshot, its last event is the head.
    if (!out.events.items.empty()) {
      last_id = out.events.items.back().id;
      last_hash = out.events.items.back().hash;
    } else if (after > 0) {
      ASSIGN_OR_RETURN(last_hash, storage::AuditLog::HashAt(db, after));
    }
    return absl::OkStatus();
  }));
  const bool last_page = static_cast<int>(out.events.items.size()) <= cursor.size;
  internal::ClosePage(cursor, &out.events,
                      [](const common::ChainedEvent& e) { return absl::StrCat(e.id); });
  if (last_page) {
    ASSIGN_OR_RETURN(out.head, SignHead(last_id, std::move(last_hash)));
  }
  return out;
}

absl::StatusOr<int64_t> Audit::AdoptUncovered() {
  int64_t adopted = 0;
  const int64_t now = ctx_->Now();
  RETURN_IF_ERROR(ctx_->store().Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(adopted, storage::AuditLog::AdoptUncovered(db, now));
    return absl::OkStatus();
  }));
  return adopted;
}

}  // namespace talent::core
