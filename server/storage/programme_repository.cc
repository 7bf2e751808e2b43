#include "server/storage/programme_repository.h"

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace talent::storage {
namespace {

using domain::Cohort;
using domain::Programme;
using domain::Track;

Programme ReadProgramme(const Statement& st) {
  Programme p;
  p.id = st.ColumnInt(0);
  p.code = st.ColumnText(1);
  p.title = st.ColumnText(2);
  p.issuer = st.ColumnText(3);
  p.start_year = static_cast<int>(st.ColumnInt(4));
  p.end_year = static_cast<int>(st.ColumnInt(5));
  p.talent_target = static_cast<int>(st.ColumnInt(6));
  p.create_time = st.ColumnInt(7);
  p.update_time = st.ColumnInt(8);
  p.objection_contact = st.ColumnText(9);
  return p;
}

// Columns of a cohort row joined with its programme's code. Counts are filled
// by FillCounts.
#define COHORT_SELECT                                                                        \
  "SELECT c.id, c.programme_id, p.code, c.year, c.state, c.quota_service, "                  \
  "c.quota_management, c.quota_education_research, c.create_time, c.update_time, "            \
  "EXISTS (SELECT 1 FROM imported_cohorts i WHERE i.cohort_id = c.id) "                       \
  "FROM cohorts c JOIN programmes p ON p.id = c.programme_id "

Cohort ReadCohort(const Statement& st) {
  Cohort c;
  c.id = st.ColumnInt(0);
  c.programme_id = st.ColumnInt(1);
  c.programme_code = st.ColumnText(2);
  c.year = static_cast<int>(st.ColumnInt(3));
  c.state = static_cast<domain::CohortState>(st.ColumnInt(4));
  c.quotas.service = static_cast<int>(st.ColumnInt(5));
  c.quotas.management = static_cast<int>(st.ColumnInt(6));
  c.quotas.education_research = static_cast<int>(st.ColumnInt(7));
  c.create_time = st.ColumnInt(8);
  c.update_time = st.ColumnInt(9);
  c.imported = st.ColumnInt(10) != 0;
  return c;
}

absl::Status FillCounts(Connection& db, Cohort* c) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("SELECT track, stage, COUNT(*) FROM enrolments "
                              "WHERE cohort_id = ? GROUP BY track, stage"));
  st->Bind(1, c->id);
  c->applied = {};
  c->selected = {};
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    auto track = static_cast<Track>(st->ColumnInt(0));
    auto stage = static_cast<domain::Stage>(st->ColumnInt(1));
    int count = static_cast<int>(st->ColumnInt(2));
    if (stage == domain::Stage::kApplied || stage == domain::Stage::kRecommended ||
        stage == domain::Stage::kSelected || stage == domain::Stage::kActive) {
      c->applied[track] += count;
    }
    if (stage == domain::Stage::kSelected || stage == domain::Stage::kActive) {
      c->selected[track] += count;
    }
  }
  return absl::OkStatus();
}

absl::Status NotFoundCohort(const std::string& code, int year) {
  return absl::NotFoundError(absl::StrCat("cohort ", code, "/", year,
                                          " not found (list them with 'talentctl cohort list')"));
}

}  // namespace

absl::Status ProgrammeRepository::Insert(Connection& db, Programme* p) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("INSERT INTO programmes (code, title, issuer, start_year, end_year, "
                              "talent_target, create_time, update_time, objection_contact) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  st->Bind(1, p->code).Bind(2, p->title).Bind(3, p->issuer).Bind(4, p->start_year);
  st->Bind(5, p->end_year).Bind(6, p->talent_target).Bind(7, p->create_time);
  st->Bind(8, p->update_time).Bind(9, p->objection_contact);
  absl::Status status = st->Run();
  if (absl::IsAlreadyExists(status)) {
    return absl::AlreadyExistsError(absl::StrCat("programme ", p->code, " already exists"));
  }
  RETURN_IF_ERROR(status);
  p->id = db.LastInsertRowId();
  return absl::OkStatus();
}

absl::StatusOr<Programme> ProgrammeRepository::FindByCode(Connection& db,
                                                          const std::string& code) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("SELECT id, code, title, issuer, start_year, end_year, "
                              "talent_target, create_time, update_time, objection_contact FROM programmes "
                              "WHERE code = ?"));
  st->Bind(1, code);
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) {
    return absl::NotFoundError(absl::StrCat(
        "programme ", code, " not found (list them with 'talentctl programme list')"));
  }
  return ReadProgramme(*st);
}

absl::StatusOr<std::vector<Programme>> ProgrammeRepository::List(Connection& db,
                                                                 const std::string& after,
                                                                 int limit) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("SELECT id, code, title, issuer, start_year, end_year, "
                              "talent_target, create_time, update_time, objection_contact FROM programmes "
                              "WHERE code > ? ORDER BY code LIMIT ?"));
  st->Bind(1, after).Bind(2, limit);
  std::vector<Programme> out;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back(ReadProgramme(*st));
  }
  return out;
}

absl::Status ProgrammeRepository::Update(Connection& db, const Programme& p) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("UPDATE programmes SET title = ?, issuer = ?, start_year = ?, "
                              "end_year = ?, talent_target = ?, update_time = ?, objection_contact = ? "
                              "WHERE id = ?"));
  st->Bind(1, p.title).Bind(2, p.issuer).Bind(3, p.start_year).Bind(4, p.end_year);
  st->Bind(5, p.talent_target).Bind(6, p.update_time).Bind(7, p.objection_contact);
  st->Bind(8, p.id);
  return st->Run();
}

absl::StatusOr<bool> ProgrammeRepository::CohortYears(Connection& db, int64_t programme_id,
                                                      int* first, int* last) {
  ASSIGN_OR_RETURN(Statement * st, db.Prepare("SELECT MIN(year), MAX(year) FROM cohorts "
                                              "WHERE programme_id = ?"));
  st->Bind(1, programme_id);
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row || st->ColumnIsNull(0)) return false;
  *first = static_cast<int>(st->ColumnInt(0));
  *last = static_cast<int>(st->ColumnInt(1));
  return true;
}

absl::Status CohortRepository::Insert(Connection& db, Cohort* c) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("INSERT INTO cohorts (programme_id, year, state, quota_service, "
                              "quota_management, quota_education_research, create_time, "
                              "update_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  st->Bind(1, c->programme_id).Bind(2, c->year).Bind(3, static_cast<int>(c->state));
  st->Bind(4, c->quotas.service).Bind(5, c->quotas.management);
  st->Bind(6, c->quotas.education_research).Bind(7, c->create_time).Bind(8, c->update_time);
  absl::Status status = st->Run();
  if (absl::IsAlreadyExists(status)) {
    return absl::AlreadyExistsError(absl::StrCat("cohort ", c->programme_code, "/", c->year,
                                                 " already exists"));
  }
  RETURN_IF_ERROR(status);
  c->id = db.LastInsertRowId();
  return absl::OkStatus();
}

absl::Status CohortRepository::MarkImported(Connection& db, int64_t cohort_id, int64_t user_id,
                                            int64_t now) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("INSERT INTO imported_cohorts (cohort_id, import_time, imported_by) "
                              "VALUES (?, ?, ?)"));
  st->Bind(1, cohort_id).Bind(2, now).Bind(3, user_id);
  return st->Run();
}

absl::StatusOr<Cohort> CohortRepository::Find(Connection& db, const std::string& code, int year,
                                              bool counts) {
  ASSIGN_OR_RETURN(Statement * st, db.Prepare(COHORT_SELECT "WHERE p.code = ? AND c.year = ?"));
  st->Bind(1, code).Bind(2, year);
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return NotFoundCohort(code, year);
  Cohort c = ReadCohort(*st);
  if (counts) RETURN_IF_ERROR(FillCounts(db, &c));
  return c;
}

absl::StatusOr<Cohort> CohortRepository::FindById(Connection& db, int64_t id) {
  ASSIGN_OR_RETURN(Statement * st, db.Prepare(COHORT_SELECT "WHERE c.id = ?"));
  st->Bind(1, id);
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return absl::NotFoundError(absl::StrCat("cohort ", id, " not found"));
  Cohort c = ReadCohort(*st);
  RETURN_IF_ERROR(FillCounts(db, &c));
  return c;
}

absl::StatusOr<std::vector<Cohort>> CohortRepository::List(Connection& db,
                                                           const std::string& programme_code,
                                                           const std::string& after_code,
                                                           int after_year, int limit) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare(COHORT_SELECT
                              "WHERE (?1 = '' OR p.code = ?1) AND (p.code, c.year) > (?2, ?3) "
                              "ORDER BY p.code, c.year LIMIT ?4"));
  st->Bind(1, programme_code).Bind(2, after_code).Bind(3, after_year).Bind(4, limit);
  std::vector<Cohort> out;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back(ReadCohort(*st));
  }
  for (Cohort& c : out) RETURN_IF_ERROR(FillCounts(db, &c));
  return out;
}

absl::Status CohortRepository::UpdateState(Connection& db, int64_t id, domain::CohortState state,
                                           int64_t now) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("UPDATE cohorts SET state = ?, update_time = ? WHERE id = ?"));
  st->Bind(1, static_cast<int>(state)).Bind(2, now).Bind(3, id);
  return st->Run();
}

absl::Status CohortRepository::UpdateQuotas(Connection& db, int64_t id,
                                            const domain::PerTrack& q, int64_t now) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("UPDATE cohorts SET quota_service = ?, quota_management = ?, "
                              "quota_education_research = ?, update_time = ? WHERE id = ?"));
  st->Bind(1, q.service).Bind(2, q.management).Bind(3, q.education_research).Bind(4, now);
  st->Bind(5, id);
  return st->Run();
}

}  // namespace talent::storage
