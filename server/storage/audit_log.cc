#include "server/storage/audit_log.h"

#include <map>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/crypto.h"
#include "common/status_macros.h"

namespace talent::storage {

using common::ChainedEvent;
using domain::AuditEvent;
namespace {

constexpr char kSheetPrefix[] = "sheet/";
constexpr char kResultsPrefix[] = "results/";
constexpr char kAdoptMethod[] = "CoverExisting";

// Every column of every row `st` yields, each typed and length-prefixed, so
// no two different sets of rows give the same bytes.
absl::Status AppendRows(Statement* st, std::string* out) {
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) return absl::OkStatus();
    absl::StrAppend(out, "(");
    for (int i = 0; i < st->ColumnCount(); ++i) {
      if (st->ColumnIsNull(i)) {
        absl::StrAppend(out, "n;");
      } else {
        std::string value = st->ColumnText(i);
        absl::StrAppend(out, value.size(), ":", value, ";");
      }
    }
    absl::StrAppend(out, ")");
  }
}

absl::StatusOr<std::string> SheetDigest(Connection& db, int64_t sheet_id) {
  // Explicit columns: a later migration that adds one does not change what
  // an earlier event covered.
  static constexpr const char* kQueries[] = {
      "SELECT round_id, enrolment_id, assessor_id, state, comment, appeal_id, update_time "
      "FROM sheets WHERE id = ?",
      "SELECT position, tenths FROM sheet_points WHERE sheet_id = ? ORDER BY position",
      "SELECT id, time, user_id, token_id, change, old_value, new_value, reason "
      "FROM sheet_history WHERE sheet_id = ? ORDER BY id",
  };
  std::string rows;
  for (const char* sql : kQueries) {
    ASSIGN_OR_RETURN(Statement * st, db.Prepare(sql));
    st->Bind(1, sheet_id);
    RETURN_IF_ERROR(AppendRows(st, &rows));
    absl::StrAppend(&rows, "|");
  }
  return rows == "|||" ? std::string() : common::Sha256(absl::StrCat("sheet;", rows));
}

absl::StatusOr<std::string> ResultsDigest(Connection& db, int64_t round_id) {
  std::string rows;
  ASSIGN_OR_RETURN(Statement * outcome,
                   db.Prepare("SELECT assessed, excellent_cap, cap_exceeded_by_tie, rules_text "
                              "FROM rounds WHERE id = ? AND assessed != 0"));
  outcome->Bind(1, round_id);
  RETURN_IF_ERROR(AppendRows(outcome, &rows));
  // The Chinese rules text only when kept (schema 10): the digest of
  // results stored before is unchanged, and blanking it later is noticed.
  ASSIGN_OR_RETURN(Statement * zh,
                   db.Prepare("SELECT rules_text_zh FROM rounds WHERE id = ? AND assessed != 0 "
                              "AND rules_text_zh != ''"));
  zh->Bind(1, round_id);
  RETURN_IF_ERROR(AppendRows(zh, &rows));
  ASSIGN_OR_RETURN(
      Statement * st,
      db.Prepare("SELECT enrolment_id, absent, excused, sheets, score, criteria, spread, rank, "
                 "rating, capped, veto, disagreement, tie_over_cap, tie_at_cut, eliminated, "
                 "elimination_reason FROM round_results WHERE round_id = ? ORDER BY enrolment_id"));
  st->Bind(1, round_id);
  std::string results;
  RETURN_IF_ERROR(AppendRows(st, &results));
  if (rows.empty() && results.empty()) return std::string();
  return common::Sha256(absl::StrCat("results;", rows, "|", results));
}

ChainedEvent ReadChained(const Statement& st) {
  ChainedEvent e;
  e.id = st.ColumnInt(0);
  e.time = st.ColumnInt(1);
  e.user_id = st.ColumnInt(2);
  e.username = st.ColumnText(3);
  e.token_id = st.ColumnInt(4);
  e.method = st.ColumnText(5);
  e.resource = st.ColumnText(6);
  e.detail = st.ColumnText(7);
  e.format = static_cast<int>(st.ColumnInt(8));
  e.content_hash = st.ColumnText(9);
  e.prev_hash = st.ColumnText(10);
  e.hash = st.ColumnText(11);
  e.request_id = st.ColumnText(12);
  return e;
}

#define CHAINED_COLUMNS                                                                    \
  "id, time, IFNULL(user_id, 0), username, IFNULL(token_id, 0), method, resource, detail, " \
  "format, content_hash, prev_hash, hash, request_id "

absl::Status AppendEvent(Connection& db, int64_t time, const domain::Actor& actor,
                         const std::string& method, const std::string& resource,
                         const std::string& detail, const std::set<std::string>& covered) {
  ASSIGN_OR_RETURN(Statement * last,
                   db.Prepare("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1"));
  ASSIGN_OR_RETURN(bool row, last->Step());
  ChainedEvent e;
  e.id = row ? last->ColumnInt(0) + 1 : 1;
  e.prev_hash = row ? last->ColumnText(1) : common::AuditGenesisHash();
  last->Reset();
  e.time = time;
  e.user_id = actor.user_id;
  e.username = actor.username;
  e.token_id = actor.token_id;
  e.method = method;
  e.resource = resource;
  e.detail = detail;
  e.request_id = actor.request_id;
  std::vector<std::pair<std::string, std::string>> covers;  // std::set: in key order
  for (const std::string& key : covered) {
    ASSIGN_OR_RETURN(std::string digest, AuditLog::CoveredDigest(db, key));
    covers.emplace_back(key, std::move(digest));
  }
  e.content_hash = common::AuditContentHash(covers);
  e.hash = common::AuditEventHash(e.prev_hash, e);
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("INSERT INTO audit_events (id, time, user_id, username, token_id, "
                              "method, resource, detail, format, content_hash, prev_hash, hash, "
                              "request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  st->Bind(1, e.id).Bind(2, e.time);
  st->BindIdOrNull(3, e.user_id);
  st->Bind(4, e.username);
  st->BindIdOrNull(5, e.token_id);
  st->Bind(6, e.method).Bind(7, e.resource).Bind(8, e.detail);
  st->Bind(9, int64_t{e.format}).BindBlob(10, e.content_hash).BindBlob(11, e.prev_hash);
  st->BindBlob(12, e.hash).Bind(13, e.request_id);
  RETURN_IF_ERROR(st->Run());
  ASSIGN_OR_RETURN(Statement * cover,
                   db.Prepare("INSERT INTO audit_covers (event_id, key, digest) VALUES (?, ?, ?)"));
  for (const auto& [key, digest] : covers) {
    cover->Reset();
    cover->Bind(1, e.id).Bind(2, key).BindBlob(3, digest);
    RETURN_IF_ERROR(cover->Run());
  }
  return absl::OkStatus();
}

// Every event's content hash against its audit_covers rows.
absl::Status VerifyContentHashes(Connection& db) {
  ASSIGN_OR_RETURN(Statement * events,
                   db.Prepare("SELECT id, content_hash FROM audit_events "
                              "WHERE format >= 2 ORDER BY id"));
  ASSIGN_OR_RETURN(Statement * covers,
                   db.Prepare("SELECT event_id, key, digest FROM audit_covers "
                              "ORDER BY event_id, key"));
  ASSIGN_OR_RETURN(bool cover_row, covers->Step());
  for (;;) {
    ASSIGN_OR_RETURN(bool row, events->Step());
    if (!row) break;
    const int64_t id = events->ColumnInt(0);
    std::vector<std::pair<std::string, std::string>> listed;
    while (cover_row && covers->ColumnInt(0) <= id) {
      if (covers->ColumnInt(0) < id) {
        return absl::DataLossError(absl::StrCat("a covered digest names audit event ",
                                                covers->ColumnInt(0),
                                                ", which covers nothing: the log was altered"));
      }
      listed.emplace_back(covers->ColumnText(1), covers->ColumnText(2));
      ASSIGN_OR_RETURN(cover_row, covers->Step());
    }
    if (common::AuditContentHash(listed) != events->ColumnText(1)) {
      return absl::DataLossError(absl::StrCat(
          "what audit event ", id, " covered does not match the chain: the log was altered"));
    }
  }
  if (cover_row) {
    return absl::DataLossError(absl::StrCat("a covered digest names audit event ",
                                            covers->ColumnInt(0),
                                            ", which is not in the chain: the log was altered"));
  }
  return absl::OkStatus();
}

// "sheet 3 differs" or "the stored results of round 3 differ".
std::string Describe(const std::string& key, const char* singular, const char* plural) {
  if (absl::StartsWith(key, kSheetPrefix)) {
    return absl::StrCat("sheet ", key.substr(sizeof(kSheetPrefix) - 1), " ", singular);
  }
  return absl::StrCat("the stored results of round ", key.substr(sizeof(kResultsPrefix) - 1), " ",
                      plural);
}

// Every covered thing as it is now against the last event that covered it,
// and nothing in a covered table that no event covers. Returns how many
// were checked.
absl::StatusOr<int64_t> VerifyLiveTables(Connection& db) {
  ASSIGN_OR_RETURN(Statement * latest,
                   db.Prepare("SELECT c.key, c.digest, c.event_id FROM audit_covers c "
                              "WHERE c.event_id = (SELECT MAX(event_id) FROM audit_covers "
                              "WHERE key = c.key) ORDER BY c.key"));
  int64_t checked = 0;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, latest->Step());
    if (!row) break;
    const std::string key = latest->ColumnText(0);
    ASSIGN_OR_RETURN(std::string now, AuditLog::CoveredDigest(db, key));
    if (now != latest->ColumnText(1)) {
      return absl::DataLossError(absl::StrCat(
          Describe(key, "differs", "differ"), " from what audit event ", latest->ColumnInt(2),
          " recorded: the table was changed outside talentd"));
    }
    ++checked;
  }
  static constexpr struct {
    const char* sql;
    const char* prefix;
  } kUncovered[] = {
      {"SELECT id FROM sheets WHERE 'sheet/' || id NOT IN (SELECT key FROM audit_covers) "
       "LIMIT 1",
       kSheetPrefix},
      {"SELECT id FROM rounds WHERE (assessed != 0 OR id IN (SELECT round_id FROM "
       "round_results)) AND 'results/' || id NOT IN (SELECT key FROM audit_covers) LIMIT 1",
       kResultsPrefix},
  };
  for (const auto& check : kUncovered) {
    ASSIGN_OR_RETURN(Statement * st, db.Prepare(check.sql));
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (row) {
      int64_t id = st->ColumnInt(0);
      st->Reset();
      return absl::DataLossError(
          absl::StrCat(Describe(absl::StrCat(check.prefix, id), "is", "are"),
                       " in no audit event: ", check.prefix == kSheetPrefix ? "it was" : "they were",
                       " written outside talentd"));
    }
  }
  return checked;
}

}  // namespace

std::string AuditLog::SheetKey(int64_t sheet_id) { return absl::StrCat(kSheetPrefix, sheet_id); }
std::string AuditLog::ResultsKey(int64_t round_id) {
  return absl::StrCat(kResultsPrefix, round_id);
}

absl::StatusOr<std::string> AuditLog::CoveredDigest(Connection& db, const std::string& key) {
  int64_t id = 0;
  if (absl::StartsWith(key, kSheetPrefix) &&
      absl::SimpleAtoi(absl::string_view(key).substr(sizeof(kSheetPrefix) - 1), &id)) {
    return SheetDigest(db, id);
  }
  if (absl::StartsWith(key, kResultsPrefix) &&
      absl::SimpleAtoi(absl::string_view(key).substr(sizeof(kResultsPrefix) - 1), &id)) {
    return ResultsDigest(db, id);
  }
  return absl::InternalError(absl::StrCat("no covered thing is called '", key, "'"));
}

absl::Status AuditLog::Append(Connection& db, int64_t time, const domain::Actor& actor,
                              const std::string& method, const std::string& resource,
                              const std::string& detail) {
  return AppendEvent(db, time, actor, method, resource, detail, db.TakeCovered());
}

absl::StatusOr<std::vector<AuditEvent>> AuditLog::List(Connection& db, int64_t after_id,
                                                       int limit, const AuditFilter& filter) {
  ASSIGN_OR_RETURN(
      Statement * st,
      db.Prepare("SELECT a.id, a.time, IFNULL(a.user_id, 0), "
                 "CASE WHEN a.format >= 2 THEN a.username ELSE IFNULL(u.username, '') END, "
                 "IFNULL(a.token_id, 0), a.method, a.resource, a.detail, a.hash, a.request_id "
                 "FROM audit_events a LEFT JOIN users u ON u.id = a.user_id WHERE a.id > ?1 "
                 "AND (?2 = 0 OR a.user_id = ?2) AND (?3 = 0 OR a.token_id = ?3) "
                 "AND (?4 = '' OR a.resource = ?4 OR substr(a.resource, 1, length(?4) + 1) = "
                 "?4 || '/') AND (?5 = 0 OR a.time >= ?5) AND (?6 = 0 OR a.time < ?6) "
                 "ORDER BY a.id LIMIT ?7"));
  st->Bind(1, after_id).Bind(2, filter.user_id).Bind(3, filter.token_id).Bind(4, filter.resource);
  st->Bind(5, filter.since).Bind(6, filter.until).Bind(7, int64_t{limit});
  std::vector<AuditEvent> out;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    AuditEvent e;
    e.id = st->ColumnInt(0);
    e.time = st->ColumnInt(1);
    e.user_id = st->ColumnInt(2);
    e.username = st->ColumnText(3);
    e.token_id = st->ColumnInt(4);
    e.method = st->ColumnText(5);
    e.resource = st->ColumnText(6);
    e.detail = st->ColumnText(7);
    e.hash = common::HexEncode(st->ColumnText(8));
    e.request_id = st->ColumnText(9);
    out.push_back(std::move(e));
  }
  return out;
}

absl::StatusOr<std::vector<ChainedEvent>> AuditLog::Chain(Connection& db, int64_t after_id,
                                                          int limit) {
  ASSIGN_OR_RETURN(Statement * st, db.Prepare("SELECT " CHAINED_COLUMNS "FROM audit_events "
                                              "WHERE id > ? ORDER BY id LIMIT ?"));
  st->Bind(1, after_id).Bind(2, int64_t{limit});
  std::vector<ChainedEvent> out;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back(ReadChained(*st));
  }
  return out;
}

absl::StatusOr<std::string> AuditLog::HashAt(Connection& db, int64_t id) {
  ASSIGN_OR_RETURN(Statement * st, db.Prepare("SELECT hash FROM audit_events WHERE id = ?"));
  st->Bind(1, id);
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return absl::NotFoundError(absl::StrCat("there is no audit event ", id));
  std::string hash = st->ColumnText(0);
  st->Reset();
  return hash;
}

absl::StatusOr<AuditCheck> AuditLog::Verify(Connection& db) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("SELECT " CHAINED_COLUMNS "FROM audit_events ORDER BY id"));
  common::AuditChainVerifier verifier;
  AuditCheck out;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    ChainedEvent e = ReadChained(*st);
    RETURN_IF_ERROR(verifier.Next(e));
    out.last_id = e.id;
  }
  out.events = verifier.count();
  out.last_hash = verifier.last_hash();
  RETURN_IF_ERROR(VerifyContentHashes(db));
  ASSIGN_OR_RETURN(out.covered, VerifyLiveTables(db));
  return out;
}

absl::StatusOr<int64_t> AuditLog::AdoptUncovered(Connection& db, int64_t time) {
  ASSIGN_OR_RETURN(Statement * due,
                   db.Prepare("SELECT EXISTS (SELECT 1 FROM audit_events WHERE format = 1) AND "
                              "NOT EXISTS (SELECT 1 FROM audit_events WHERE method = ?)"));
  due->Bind(1, kAdoptMethod);
  ASSIGN_OR_RETURN(bool row, due->Step());
  const bool adopt = row && due->ColumnInt(0) != 0;
  due->Reset();
  if (!adopt) return 0;
  std::set<std::string> keys;
  for (const char* sql : {"SELECT 'sheet/' || id FROM sheets",
                          "SELECT 'results/' || id FROM rounds WHERE assessed != 0 OR id IN "
                          "(SELECT round_id FROM round_results)"}) {
    ASSIGN_OR_RETURN(Statement * st, db.Prepare(sql));
    for (;;) {
      ASSIGN_OR_RETURN(bool more, st->Step());
      if (!more) break;
      keys.insert(st->ColumnText(0));
    }
  }
  const int64_t adopted = static_cast<int64_t>(keys.size());
  RETURN_IF_ERROR(AppendEvent(db, time, domain::Actor{}, kAdoptMethod, "audit",
                              absl::StrCat(adopted, " sheet(s) and stored result(s) written "
                                                    "before the chain covered them"),
                              keys));
  return adopted;
}

}  // namespace talent::storage
