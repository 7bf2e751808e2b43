#include "server/storage/sheet_repository.h"

#include "common/status_macros.h"
#include "server/storage/audit_log.h"

namespace talent::storage {

using domain::Sheet;
using domain::SheetChange;

absl::StatusOr<std::optional<Sheet>> SheetRepository::Find(Connection& db, int64_t round_id,
                                                           int64_t enrolment_id,
                                                           int64_t assessor_id, size_t criteria) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("SELECT s.id, s.state, s.comment, s.update_time, u.username, "
                              "IFNULL(s.appeal_id, 0) "
                              "FROM sheets s JOIN users u ON u.id = s.assessor_id "
                              "WHERE s.round_id = ? AND s.enrolment_id = ? AND s.assessor_id = ?"));
  st->Bind(1, round_id).Bind(2, enrolment_id).Bind(3, assessor_id);
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<Sheet>();
  Sheet sheet;
  sheet.id = st->ColumnInt(0);
  sheet.round_id = round_id;
  sheet.enrolment_id = enrolment_id;
  sheet.assessor_id = assessor_id;
  sheet.state = static_cast<domain::SheetState>(st->ColumnInt(1));
  sheet.comment = st->ColumnText(2);
  sheet.update_time = st->ColumnInt(3);
  sheet.assessor = st->ColumnText(4);
  sheet.appeal_id = st->ColumnInt(5);
  sheet.points.assign(criteria, std::nullopt);
  ASSIGN_OR_RETURN(Statement * points,
                   db.Prepare("SELECT position, tenths FROM sheet_points WHERE sheet_id = ?"));
  points->Bind(1, sheet.id);
  for (;;) {
    ASSIGN_OR_RETURN(bool more, points->Step());
    if (!more) break;
    size_t position = static_cast<size_t>(points->ColumnInt(0));
    if (position < criteria) sheet.points[position] = points->ColumnInt(1);
  }
  return std::optional<Sheet>(std::move(sheet));
}

absl::StatusOr<std::vector<Sheet>> SheetRepository::ListRound(Connection& db, int64_t round_id,
                                                              size_t criteria) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("SELECT s.id, s.enrolment_id, s.assessor_id, u.username, s.state, "
                              "s.comment, s.update_time, IFNULL(s.appeal_id, 0), p.position, "
                              "p.tenths FROM sheets s JOIN users u ON u.id = s.assessor_id "
                              "LEFT JOIN sheet_points p ON p.sheet_id = s.id "
                              "WHERE s.round_id = ? ORDER BY s.enrolment_id, s.id, p.position"));
  st->Bind(1, round_id);
  std::vector<Sheet> out;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    if (out.empty() || st->ColumnInt(0) != out.back().id) {
      Sheet& sheet = out.emplace_back();
      sheet.id = st->ColumnInt(0);
      sheet.round_id = round_id;
      sheet.enrolment_id = st->ColumnInt(1);
      sheet.assessor_id = st->ColumnInt(2);
      sheet.assessor = st->ColumnText(3);
      sheet.state = static_cast<domain::SheetState>(st->ColumnInt(4));
      sheet.comment = st->ColumnText(5);
      sheet.update_time = st->ColumnInt(6);
      sheet.appeal_id = st->ColumnInt(7);
      sheet.points.assign(criteria, std::nullopt);
    }
    if (st->ColumnIsNull(8)) continue;
    size_t position = static_cast<size_t>(st->ColumnInt(8));
    if (position < criteria) out.back().points[position] = st->ColumnInt(9);
  }
  return out;
}

absl::Status SheetRepository::Save(Connection& db, Sheet* sheet, int64_t now) {
  sheet->update_time = now;
  if (sheet->id == 0) {
    ASSIGN_OR_RETURN(Statement * insert,
                     db.Prepare("INSERT INTO sheets (round_id, enrolment_id, assessor_id, state, "
                                "comment, update_time, appeal_id) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    insert->Bind(1, sheet->round_id).Bind(2, sheet->enrolment_id).Bind(3, sheet->assessor_id);
    insert->Bind(4, static_cast<int>(sheet->state)).Bind(5, sheet->comment).Bind(6, now);
    insert->BindIdOrNull(7, sheet->appeal_id);
    RETURN_IF_ERROR(insert->Run());
    sheet->id = db.LastInsertRowId();
  } else {
    ASSIGN_OR_RETURN(Statement * update,
                     db.Prepare("UPDATE sheets SET state = ?, comment = ?, update_time = ?, "
                                "appeal_id = ? WHERE id = ?"));
    update->Bind(1, static_cast<int>(sheet->state)).Bind(2, sheet->comment).Bind(3, now);
    update->BindIdOrNull(4, sheet->appeal_id);
    update->Bind(5, sheet->id);
    RETURN_IF_ERROR(update->Run());
  }
  db.MarkCovered(AuditLog::SheetKey(sheet->id));
  ASSIGN_OR_RETURN(Statement * clear, db.Prepare("DELETE FROM sheet_points WHERE sheet_id = ?"));
  clear->Bind(1, sheet->id);
  RETURN_IF_ERROR(clear->Run());
  ASSIGN_OR_RETURN(Statement * point,
                   db.Prepare("INSERT INTO sheet_points (sheet_id, position, tenths) "
                              "VALUES (?, ?, ?)"));
  for (size_t i = 0; i < sheet->points.size(); ++i) {
    if (!sheet->points[i]) continue;
    point->Reset();
    point->Bind(1, sheet->id).Bind(2, static_cast<int64_t>(i)).Bind(3, *sheet->points[i]);
    RETURN_IF_ERROR(point->Run());
  }
  return absl::OkStatus();
}

absl::Status SheetRepository::AddChange(Connection& db, int64_t sheet_id,
                                        const domain::Actor& actor, const SheetChange& c) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("INSERT INTO sheet_history (sheet_id, time, user_id, change, "
                              "old_value, new_value, reason, token_id) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  st->Bind(1, sheet_id).Bind(2, c.time).Bind(3, actor.user_id).Bind(4, c.change);
  st->Bind(5, c.old_value).Bind(6, c.new_value).Bind(7, c.reason);
  db.MarkCovered(AuditLog::SheetKey(sheet_id));
  st->BindIdOrNull(8, actor.token_id);
  return st->Run();
}

absl::StatusOr<std::vector<SheetChange>> SheetRepository::History(Connection& db,
                                                                  int64_t sheet_id) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("SELECT h.time, u.username, h.change, h.old_value, h.new_value, "
                              "h.reason, IFNULL(h.token_id, 0) FROM sheet_history h "
                              "JOIN users u ON u.id = h.user_id WHERE h.sheet_id = ? ORDER BY h.id"));
  st->Bind(1, sheet_id);
  std::vector<SheetChange> out;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back({st->ColumnInt(0), st->ColumnText(1), st->ColumnText(2), st->ColumnText(3),
                   st->ColumnText(4), st->ColumnText(5), st->ColumnInt(6)});
  }
  return out;
}

absl::StatusOr<bool> SheetRepository::DeleteDraft(Connection& db, int64_t sheet_id) {
  ASSIGN_OR_RETURN(Statement * state, db.Prepare("SELECT state FROM sheets WHERE id = ?"));
  state->Bind(1, sheet_id);
  ASSIGN_OR_RETURN(bool row, state->Step());
  const bool draft =
      row && state->ColumnInt(0) == static_cast<int64_t>(domain::SheetState::kDraft);
  state->Reset();
  if (!draft) return false;
  db.MarkCovered(AuditLog::SheetKey(sheet_id));
  for (const char* sql : {"DELETE FROM sheet_history WHERE sheet_id = ?",
                          "DELETE FROM sheet_points WHERE sheet_id = ?",
                          "DELETE FROM sheets WHERE id = ?"}) {
    ASSIGN_OR_RETURN(Statement * st, db.Prepare(sql));
    st->Bind(1, sheet_id);
    RETURN_IF_ERROR(st->Run());
  }
  return true;
}

}  // namespace talent::storage
