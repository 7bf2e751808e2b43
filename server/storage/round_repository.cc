#include "server/storage/round_repository.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status_macros.h"
#include "server/storage/audit_log.h"

namespace talent::storage {

using domain::Appeal;
using domain::AppealState;
using domain::Assignment;
using domain::Conflict;

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
  "SELECT id, cohort_id, name, position, final, state, notice_start, notice_end, "            \
  "confirm_time FROM rounds "

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
  r.confirm_time = st.ColumnInt(8);
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

absl::StatusOr<std::vector<PublicRound>> RoundRepository::ListInStates(
    Connection& db, const std::vector<domain::RoundState>& states) {
  // The states as a bit set, so that one statement serves any of them.
  int64_t mask = 0;
  for (domain::RoundState state : states) mask |= int64_t{1} << static_cast<int>(state);
  ASSIGN_OR_RETURN(
      Statement * st,
      db.Prepare("SELECT r.id, r.cohort_id, r.name, r.position, r.final, r.state, "
                 "r.notice_start, r.notice_end, r.confirm_time, p.code, p.title, c.year "
                 "FROM rounds r JOIN cohorts c ON c.id = r.cohort_id "
                 "JOIN programmes p ON p.id = c.programme_id "
                 "WHERE (?1 >> r.state) & 1 ORDER BY p.code, c.year, r.position"));
  st->Bind(1, mask);
  std::vector<PublicRound> out;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    PublicRound r;
    r.round = ReadRound(*st);
    r.programme_code = st->ColumnText(9);
    r.programme_title = st->ColumnText(10);
    r.year = static_cast<int>(st->ColumnInt(11));
    out.push_back(std::move(r));
  }
  return out;
}

absl::Status RoundRepository::UpdateState(Connection& db, int64_t round_id,
                                          domain::RoundState state, int64_t now) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("UPDATE rounds SET state = ?1, update_time = ?2, confirm_time = "
                              "CASE WHEN ?1 = 5 THEN ?2 ELSE confirm_time END WHERE id = ?3"));
  static_assert(static_cast<int>(domain::RoundState::kConfirmed) == 5);
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

absl::Status RoundRepository::FileAppeal(Connection& db, Appeal* a, int64_t filed_by) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("INSERT INTO appeals (round_id, enrolment_id, reason, state, "
                              "filed_by, filed_time) VALUES (?, ?, ?, ?, ?, ?)"));
  st->Bind(1, a->round_id).Bind(2, a->enrolment_id).Bind(3, a->reason);
  st->Bind(4, static_cast<int>(a->state)).Bind(5, filed_by).Bind(6, a->filed_time);
  RETURN_IF_ERROR(st->Run());
  a->id = db.LastInsertRowId();
  return absl::OkStatus();
}

namespace {

#define APPEAL_SELECT                                                                        \
  "SELECT a.id, a.round_id, a.enrolment_id, p.full_name, a.reason, a.state, a.resolution, " \
  "a.filed_time, a.resolved_time FROM appeals a JOIN enrolments e ON e.id = a.enrolment_id " \
  "JOIN persons p ON p.id = e.person_id "

Appeal ReadAppeal(const Statement& st) {
  Appeal a;
  a.id = st.ColumnInt(0);
  a.round_id = st.ColumnInt(1);
  a.enrolment_id = st.ColumnInt(2);
  a.candidate = st.ColumnText(3);
  a.reason = st.ColumnText(4);
  a.state = static_cast<AppealState>(st.ColumnInt(5));
  a.resolution = st.ColumnText(6);
  a.filed_time = st.ColumnInt(7);
  a.resolved_time = st.ColumnInt(8);
  return a;
}

}  // namespace

absl::StatusOr<Appeal> RoundRepository::FindAppeal(Connection& db, int64_t round_id,
                                                   int64_t appeal_id) {
  ASSIGN_OR_RETURN(Statement * st, db.Prepare(APPEAL_SELECT "WHERE a.id = ? AND a.round_id = ?"));
  st->Bind(1, appeal_id).Bind(2, round_id);
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) {
    return absl::NotFoundError(absl::StrCat("the round has no appeal ", appeal_id,
                                            " (list them with 'talentctl appeal list')"));
  }
  return ReadAppeal(*st);
}

absl::StatusOr<std::vector<Appeal>> RoundRepository::ListAppeals(Connection& db,
                                                                 int64_t round_id) {
  ASSIGN_OR_RETURN(Statement * st, db.Prepare(APPEAL_SELECT "WHERE a.round_id = ? ORDER BY a.id"));
  st->Bind(1, round_id);
  std::vector<Appeal> out;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back(ReadAppeal(*st));
  }
  return out;
}

absl::Status RoundRepository::ResolveAppeal(Connection& db, int64_t appeal_id, AppealState state,
                                            const std::string& resolution, int64_t resolved_by,
                                            int64_t now) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("UPDATE appeals SET state = ?, resolution = ?, resolved_by = ?, "
                              "resolved_time = ? WHERE id = ?"));
  st->Bind(1, static_cast<int>(state)).Bind(2, resolution).Bind(3, resolved_by).Bind(4, now);
  st->Bind(5, appeal_id);
  return st->Run();
}

absl::Status RoundRepository::SaveResults(Connection& db, int64_t round_id,
                                          const domain::RoundOutcome& outcome,
                                          const std::string& rules_text,
                                          const std::string& rules_text_zh) {
  ASSIGN_OR_RETURN(
      Statement * st,
      db.Prepare("INSERT INTO round_results (round_id, enrolment_id, absent, excused, sheets, "
                 "score, criteria, spread, rank, rating, capped, veto, disagreement, "
                 "tie_over_cap, tie_at_cut, eliminated, elimination_reason) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  for (const domain::RoundResult& r : outcome.results) {
    std::string criteria;
    for (int64_t c : r.criteria) absl::StrAppend(&criteria, criteria.empty() ? "" : ",", c);
    st->Reset();
    st->Bind(1, round_id).Bind(2, r.enrolment_id).Bind(3, r.absent ? 1 : 0);
    st->Bind(4, r.excused ? 1 : 0).Bind(5, r.sheets).Bind(6, r.score).Bind(7, criteria);
    st->Bind(8, r.spread).Bind(9, r.rank).Bind(10, static_cast<int>(r.rating));
    st->Bind(11, r.capped ? 1 : 0).Bind(12, r.veto ? 1 : 0).Bind(13, r.disagreement ? 1 : 0);
    st->Bind(14, r.tie_over_cap ? 1 : 0).Bind(15, r.tie_at_cut ? 1 : 0);
    st->Bind(16, r.eliminated ? 1 : 0).Bind(17, r.elimination_reason);
    RETURN_IF_ERROR(st->Run());
  }
  ASSIGN_OR_RETURN(Statement * round,
                   db.Prepare("UPDATE rounds SET assessed = ?, excellent_cap = ?, "
                              "cap_exceeded_by_tie = ?, rules_text = ?, rules_text_zh = ? "
                              "WHERE id = ?"));
  round->Bind(1, outcome.assessed).Bind(2, outcome.excellent_cap);
  round->Bind(3, outcome.cap_exceeded_by_tie ? 1 : 0).Bind(4, rules_text);
  round->Bind(5, rules_text_zh).Bind(6, round_id);
  db.MarkCovered(AuditLog::ResultsKey(round_id));
  return round->Run();
}

absl::StatusOr<domain::RoundOutcome> RoundRepository::LoadResults(Connection& db,
                                                                  int64_t round_id,
                                                                  std::string* rules_text,
                                                                  std::string* rules_text_zh) {
  domain::RoundOutcome outcome;
  ASSIGN_OR_RETURN(Statement * round,
                   db.Prepare("SELECT assessed, excellent_cap, cap_exceeded_by_tie, rules_text, "
                              "rules_text_zh FROM rounds WHERE id = ?"));
  round->Bind(1, round_id);
  ASSIGN_OR_RETURN(bool found, round->Step());
  if (!found) return absl::NotFoundError("round not found");
  outcome.assessed = static_cast<int>(round->ColumnInt(0));
  outcome.excellent_cap = static_cast<int>(round->ColumnInt(1));
  outcome.cap_exceeded_by_tie = round->ColumnInt(2) != 0;
  *rules_text = round->ColumnText(3);
  *rules_text_zh = round->ColumnText(4);
  ASSIGN_OR_RETURN(
      Statement * st,
      db.Prepare("SELECT enrolment_id, absent, excused, sheets, score, criteria, spread, rank, "
                 "rating, capped, veto, disagreement, tie_over_cap, tie_at_cut, eliminated, "
                 "elimination_reason FROM round_results WHERE round_id = ? "
                 "ORDER BY absent, CASE WHEN rank = 0 THEN 1 ELSE 0 END, rank, enrolment_id"));
  st->Bind(1, round_id);
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    domain::RoundResult r;
    r.enrolment_id = st->ColumnInt(0);
    r.absent = st->ColumnInt(1) != 0;
    r.excused = st->ColumnInt(2) != 0;
    r.sheets = static_cast<int>(st->ColumnInt(3));
    r.score = st->ColumnInt(4);
    for (absl::string_view part : absl::StrSplit(st->ColumnText(5), ',', absl::SkipEmpty())) {
      int64_t value = 0;
      if (absl::SimpleAtoi(part, &value)) r.criteria.push_back(value);
    }
    r.spread = st->ColumnInt(6);
    r.rank = static_cast<int>(st->ColumnInt(7));
    r.rating = static_cast<domain::Rating>(st->ColumnInt(8));
    r.capped = st->ColumnInt(9) != 0;
    r.veto = st->ColumnInt(10) != 0;
    r.disagreement = st->ColumnInt(11) != 0;
    r.tie_over_cap = st->ColumnInt(12) != 0;
    r.tie_at_cut = st->ColumnInt(13) != 0;
    r.eliminated = st->ColumnInt(14) != 0;
    r.elimination_reason = st->ColumnText(15);
    outcome.results.push_back(std::move(r));
  }
  return outcome;
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

absl::StatusOr<bool> RoundRepository::Unassign(Connection& db, int64_t round_id,
                                               int64_t enrolment_id, int64_t assessor_id) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("DELETE FROM assignments WHERE round_id = ? AND enrolment_id = ? "
                              "AND assessor_id = ?"));
  st->Bind(1, round_id).Bind(2, enrolment_id).Bind(3, assessor_id);
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
