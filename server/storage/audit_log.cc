#include "server/storage/audit_log.h"

#include "absl/strings/str_cat.h"
#include "common/crypto.h"
#include "common/status_macros.h"

namespace talent::storage {

using domain::AuditEvent;
namespace {

void AppendField(std::string* out, absl::string_view field) {
  // Length-prefixed, so no choice of field text can forge another event.
  absl::StrAppend(out, field.size(), ":", field, ";");
}

std::string EventHash(const std::string& prev_hash, int64_t id, int64_t time, int64_t user_id,
                      const std::string& method, const std::string& resource,
                      const std::string& detail) {
  std::string canonical = prev_hash;
  AppendField(&canonical, absl::StrCat(id));
  AppendField(&canonical, absl::StrCat(time));
  AppendField(&canonical, absl::StrCat(user_id));
  AppendField(&canonical, method);
  AppendField(&canonical, resource);
  AppendField(&canonical, detail);
  return common::Sha256(canonical);
}

std::string BlobColumn(const Statement& st, int column) { return st.ColumnText(column); }

}  // namespace

absl::Status AuditLog::Append(Connection& db, int64_t time, int64_t user_id,
                              const std::string& method, const std::string& resource,
                              const std::string& detail) {
  ASSIGN_OR_RETURN(Statement * last,
                   db.Prepare("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1"));
  ASSIGN_OR_RETURN(bool row, last->Step());
  int64_t id = row ? last->ColumnInt(0) + 1 : 1;
  std::string prev = row ? BlobColumn(*last, 1) : std::string(32, '\0');
  last->Reset();
  std::string hash = EventHash(prev, id, time, user_id, method, resource, detail);
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("INSERT INTO audit_events (id, time, user_id, method, resource, "
                              "detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  st->Bind(1, id).Bind(2, time);
  if (user_id == 0) {
    st->BindNull(3);
  } else {
    st->Bind(3, user_id);
  }
  st->Bind(4, method).Bind(5, resource).Bind(6, detail).BindBlob(7, prev).BindBlob(8, hash);
  return st->Run();
}

absl::StatusOr<std::vector<AuditEvent>> AuditLog::List(Connection& db, int64_t after_id,
                                                       int limit) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("SELECT a.id, a.time, IFNULL(a.user_id, 0), IFNULL(u.username, ''), "
                              "a.method, a.resource, a.detail, a.hash FROM audit_events a "
                              "LEFT JOIN users u ON u.id = a.user_id WHERE a.id > ? "
                              "ORDER BY a.id LIMIT ?"));
  st->Bind(1, after_id).Bind(2, limit);
  std::vector<AuditEvent> out;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    AuditEvent e;
    e.id = st->ColumnInt(0);
    e.time = st->ColumnInt(1);
    e.user_id = st->ColumnInt(2);
    e.username = st->ColumnText(3);
    e.method = st->ColumnText(4);
    e.resource = st->ColumnText(5);
    e.detail = st->ColumnText(6);
    e.hash = common::HexEncode(BlobColumn(*st, 7));
    out.push_back(std::move(e));
  }
  return out;
}

absl::StatusOr<int64_t> AuditLog::Verify(Connection& db) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("SELECT id, time, IFNULL(user_id, 0), method, resource, detail, "
                              "prev_hash, hash FROM audit_events ORDER BY id"));
  std::string prev(32, '\0');
  int64_t expected_id = 1;
  int64_t checked = 0;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    int64_t id = st->ColumnInt(0);
    if (id != expected_id) {
      return absl::DataLossError(absl::StrCat("audit event ", expected_id, " is missing"));
    }
    std::string hash = EventHash(prev, id, st->ColumnInt(1), st->ColumnInt(2), st->ColumnText(3),
                                 st->ColumnText(4), st->ColumnText(5));
    if (BlobColumn(*st, 6) != prev || BlobColumn(*st, 7) != hash) {
      return absl::DataLossError(
          absl::StrCat("audit event ", id, " does not match the chain: the log was altered"));
    }
    prev = hash;
    ++expected_id;
    ++checked;
  }
  return checked;
}

}  // namespace talent::storage
