#include "server/storage/round_repository.h"

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace talent::storage {

using domain::Round;

absl::Status RoundRepository::Insert(Connection& db, Round* r, int64_t now) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("INSERT INTO rounds (cohort_id, name, position, final, state, "
                              "create_time, update_time) VALUES (?, ?, ?, ?, ?, ?, ?)"));
  st->Bind(1, r->cohort_id).Bind(2, r->name).Bind(3, r->position).Bind(4, r->final ? 1 : 0);
  st->Bind(5, static_cast<int>(r->state)).Bind(6, now).Bind(7, now);
  absl::Status status = st->Run();
  if (absl::IsAlreadyExists(status)) {
    return absl::AlreadyExistsError(absl::StrCat("the cohort already has a round named \"",
                                                 r->name, "\" or at position ", r->position));
  }
  RETURN_IF_ERROR(status);
  r->id = db.LastInsertRowId();
  return absl::OkStatus();
}

namespace {

#define ROUND_SELECT                                                                         \
  "SELECT id, cohort_id, name, position, final, state, notice_start, notice_end FROM rounds "

Round ReadRound(const Statement& st) {
  Round r;
  r.id = st.ColumnInt(0);
  r.cohort_id = st.ColumnInt(1);
  r.name = st.ColumnText(2);
  r.position = static_cast<int>(st.ColumnInt(3));
  r.final = st.ColumnInt(4) != 0;
  r.state = static_cast<domain::RoundState>(st.ColumnInt(5));
  r.notice_start = st.ColumnInt(6);
  r.notice_end = st.ColumnInt(7);
  return r;
}

}  // namespace

absl::StatusOr<std::vector<Round>> RoundRepository::List(Connection& db, int64_t cohort_id) {
  ASSIGN_OR_RETURN(Statement * st, db.Prepare(ROUND_SELECT "WHERE cohort_id = ? ORDER BY position"));
  st->Bind(1, cohort_id);
  std::vector<Round> out;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back(ReadRound(*st));
  }
  return out;
}

absl::StatusOr<Round> RoundRepository::Find(Connection& db, int64_t cohort_id, int position) {
  ASSIGN_OR_RETURN(Statement * st, db.Prepare(ROUND_SELECT "WHERE cohort_id = ? AND position = ?"));
  st->Bind(1, cohort_id).Bind(2, position);
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) {
    return absl::NotFoundError(absl::StrCat(
        "the cohort has no round at position ", position, " (list them with 'talentctl round list')"));
  }
  return ReadRound(*st);
}

absl::Status RoundRepository::UpdateState(Connection& db, int64_t round_id,
                                          domain::RoundState state, int64_t now) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("UPDATE rounds SET state = ?, update_time = ? WHERE id = ?"));
  st->Bind(1, static_cast<int>(state)).Bind(2, now).Bind(3, round_id);
  return st->Run();
}

absl::Status RoundRepository::SetNotice(Connection& db, int64_t round_id, int64_t start,
                                        int64_t end) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("UPDATE rounds SET notice_start = ?, notice_end = ? WHERE id = ?"));
  st->Bind(1, start).Bind(2, end).Bind(3, round_id);
  return st->Run();
}

absl::Status RoundRepository::MarkAbsent(Connection& db, int64_t round_id, int64_t enrolment_id,
                                         bool excuse_accepted, const std::string& reason,
                                         int64_t recorded_by, int64_t now) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("INSERT OR REPLACE INTO absences (round_id, enrolment_id, "
                              "excuse_accepted, reason, recorded_by, create_time) "
                              "VALUES (?, ?, ?, ?, ?, ?)"));
  st->Bind(1, round_id).Bind(2, enrolment_id).Bind(3, excuse_accepted ? 1 : 0).Bind(4, reason);
  st->Bind(5, recorded_by).Bind(6, now);
  return st->Run();
}

absl::StatusOr<std::vector<Absence>> RoundRepository::Absences(Connection& db, int64_t round_id) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("SELECT enrolment_id, excuse_accepted FROM absences "
                              "WHERE round_id = ? ORDER BY enrolment_id"));
  st->Bind(1, round_id);
  std::vector<Absence> out;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back({st->ColumnInt(0), st->ColumnInt(1) != 0});
  }
  return out;
}

absl::StatusOr<std::vector<SubmittedSheet>> RoundRepository::SubmittedSheets(Connection& db,
                                                                             int64_t round_id,
                                                                             size_t criteria) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("SELECT s.id, s.enrolment_id, p.position, p.tenths FROM sheets s "
                              "JOIN sheet_points p ON p.sheet_id = s.id "
                              "WHERE s.round_id = ? AND s.state = 2 "
                              "ORDER BY s.enrolment_id, s.id, p.position"));
  st->Bind(1, round_id);
  std::vector<SubmittedSheet> out;
  int64_t current = 0;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    if (out.empty() || st->ColumnInt(0) != current) {
      current = st->ColumnInt(0);
      out.push_back({st->ColumnInt(1), std::vector<int64_t>(criteria, 0)});
    }
    size_t position = static_cast<size_t>(st->ColumnInt(2));
    if (position < criteria) out.back().points[position] = st->ColumnInt(3);
  }
  return out;
}

absl::Status RoundRepository::AddConflict(Connection& db, int64_t assessor_id,
                                          int64_t enrolment_id, const std::string& reason,
                                          int64_t recorded_by, int64_t now) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("INSERT OR IGNORE INTO conflicts (assessor_id, enrolment_id, "
                              "reason, recorded_by, create_time) VALUES (?, ?, ?, ?, ?)"));
  st->Bind(1, assessor_id).Bind(2, enrolment_id).Bind(3, reason).Bind(4, recorded_by);
  st->Bind(5, now);
  return st->Run();
}

absl::StatusOr<bool> RoundRepository::HasConflict(Connection& db, int64_t assessor_id,
                                                  int64_t enrolment_id) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("SELECT 1 FROM conflicts WHERE assessor_id = ? AND enrolment_id = ?"));
  st->Bind(1, assessor_id).Bind(2, enrolment_id);
  return st->Step();
}

absl::StatusOr<std::vector<Conflict>> RoundRepository::ListConflicts(Connection& db,
                                                                     int64_t cohort_id) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("SELECT u.username, c.enrolment_id, p.full_name, c.reason, "
                              "c.create_time FROM conflicts c JOIN users u ON u.id = c.assessor_id "
                              "JOIN enrolments e ON e.id = c.enrolment_id "
                              "JOIN persons p ON p.id = e.person_id WHERE e.cohort_id = ? "
                              "ORDER BY c.enrolment_id, u.username"));
  st->Bind(1, cohort_id);
  std::vector<Conflict> out;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back({st->ColumnText(0), st->ColumnInt(1), st->ColumnText(2), st->ColumnText(3),
                   st->ColumnInt(4)});
  }
  return out;
}

absl::StatusOr<bool> RoundRepository::Assign(Connection& db, int64_t round_id,
                                             int64_t enrolment_id, int64_t assessor_id,
                                             int64_t now) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("INSERT OR IGNORE INTO assignments (round_id, enrolment_id, "
                              "assessor_id, create_time) VALUES (?, ?, ?, ?)"));
  st->Bind(1, round_id).Bind(2, enrolment_id).Bind(3, assessor_id).Bind(4, now);
  RETURN_IF_ERROR(st->Run());
  return db.Changes() > 0;
}

absl::StatusOr<bool> RoundRepository::IsAssigned(Connection& db, int64_t round_id,
                                                 int64_t enrolment_id, int64_t assessor_id) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("SELECT 1 FROM assignments WHERE round_id = ? AND enrolment_id = ? "
                              "AND assessor_id = ?"));
  st->Bind(1, round_id).Bind(2, enrolment_id).Bind(3, assessor_id);
  return st->Step();
}

absl::StatusOr<std::vector<Assignment>> RoundRepository::ListAssignments(Connection& db,
                                                                         int64_t round_id,
                                                                         int64_t assessor_id) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("SELECT a.enrolment_id, p.full_name, e.track, u.username "
                              "FROM assignments a JOIN enrolments e ON e.id = a.enrolment_id "
                              "JOIN persons p ON p.id = e.person_id "
                              "JOIN users u ON u.id = a.assessor_id "
                              "WHERE a.round_id = ?1 AND (?2 = 0 OR a.assessor_id = ?2) "
                              "ORDER BY a.enrolment_id, u.username"));
  st->Bind(1, round_id).Bind(2, assessor_id);
  std::vector<Assignment> out;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back({st->ColumnInt(0), st->ColumnText(1),
                   static_cast<domain::Track>(st->ColumnInt(2)), st->ColumnText(3)});
  }
  return out;
}

}  // namespace talent::storage
