#include "server/storage/certificate_repository.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace talent::storage {

using domain::Certificate;
using domain::Stage;

absl::StatusOr<std::vector<Candidate>> CertificateRepository::Candidates(Connection& db,
                                                                         int64_t cohort_id,
                                                                         int64_t final_round_id) {
  ASSIGN_OR_RETURN(
      Statement * st,
      db.Prepare("SELECT e.id, e.track, p.full_name, p.national_id, r.score, r.rating, r.rank "
                 "FROM enrolments e JOIN persons p ON p.id = e.person_id "
                 "JOIN round_results r ON r.enrolment_id = e.id AND r.round_id = ? "
                 "WHERE e.cohort_id = ? AND e.certificate_eligible = 1 AND e.stage = ? "
                 "ORDER BY e.track, r.rank, e.id"));
  st->Bind(1, final_round_id).Bind(2, cohort_id).Bind(3, static_cast<int>(Stage::kActive));
  std::vector<Candidate> out;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    Candidate c;
    c.enrolment_id = st->ColumnInt(0);
    c.track = static_cast<domain::Track>(st->ColumnInt(1));
    c.full_name = st->ColumnText(2);
    c.national_id = st->ColumnText(3);
    c.final_score = st->ColumnInt(4);
    c.rating = static_cast<int>(st->ColumnInt(5));
    c.rank = static_cast<int>(st->ColumnInt(6));
    out.push_back(std::move(c));
  }
  return out;
}

absl::StatusOr<int> CertificateRepository::MaxSequence(Connection& db, int64_t cohort_id,
                                                       domain::Track track) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("SELECT COALESCE(MAX(sequence), 0) FROM certificates "
                              "WHERE cohort_id = ? AND track = ?"));
  st->Bind(1, cohort_id).Bind(2, static_cast<int>(track));
  ASSIGN_OR_RETURN(bool row, st->Step());
  int max = row ? static_cast<int>(st->ColumnInt(0)) : 0;
  st->Reset();
  return max;
}

absl::StatusOr<int> CertificateRepository::Count(Connection& db, int64_t cohort_id) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("SELECT COUNT(*) FROM certificates WHERE cohort_id = ?"));
  st->Bind(1, cohort_id);
  ASSIGN_OR_RETURN(bool row, st->Step());
  int count = row ? static_cast<int>(st->ColumnInt(0)) : 0;
  st->Reset();
  return count;
}

absl::StatusOr<int64_t> CertificateRepository::EarliestIssueTime(Connection& db) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("SELECT COALESCE(MIN(issue_time), 0) FROM certificates"));
  ASSIGN_OR_RETURN(bool row, st->Step());
  int64_t time = row ? st->ColumnInt(0) : 0;
  st->Reset();
  return time;
}

absl::StatusOr<int64_t> CertificateRepository::LatestIssueTime(Connection& db,
                                                               const std::string& public_key) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("SELECT COALESCE(MAX(issue_time), 0) FROM certificates "
                              "WHERE public_key = ?"));
  st->BindBlob(1, public_key);
  ASSIGN_OR_RETURN(bool row, st->Step());
  int64_t time = row ? st->ColumnInt(0) : 0;
  st->Reset();
  return time;
}

absl::Status CertificateRepository::Insert(Connection& db, Certificate* c, int64_t issued_by) {
  ASSIGN_OR_RETURN(
      Statement * st,
      db.Prepare("INSERT INTO certificates (number, enrolment_id, cohort_id, track, sequence, "
                 "holder_name, masked_national_id, programme_code, programme_title, cohort_year, "
                 "final_score, rating, issuer, issue_date, public_key, signature, issue_time, "
                 "issued_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  const common::CertificateFacts& f = c->facts;
  st->Bind(1, f.number).Bind(2, c->enrolment_id).Bind(3, c->cohort_id);
  st->Bind(4, static_cast<int>(c->track)).Bind(5, c->sequence).Bind(6, f.holder_name);
  st->Bind(7, f.masked_national_id).Bind(8, f.programme_code).Bind(9, f.programme_title);
  st->Bind(10, f.cohort_year).Bind(11, f.final_score);
  st->Bind(12, f.rating).Bind(13, f.issuer).Bind(14, f.issue_date);
  st->BindBlob(15, c->public_key).BindBlob(16, c->signature).Bind(17, c->issue_time);
  st->Bind(18, issued_by);
  absl::Status status = st->Run();
  if (absl::IsAlreadyExists(status)) {
    return absl::AlreadyExistsError(absl::StrCat(
        "certificate ", f.number, " or one for enrolment ", c->enrolment_id, " already exists"));
  }
  RETURN_IF_ERROR(status);
  c->id = db.LastInsertRowId();
  return absl::OkStatus();
}

namespace {

#define CERTIFICATE_SELECT                                                                     \
  "SELECT c.id, c.number, c.enrolment_id, c.cohort_id, c.track, c.sequence, c.holder_name, "   \
  "c.masked_national_id, c.programme_code, c.programme_title, c.cohort_year, c.final_score, "  \
  "c.rating, c.issuer, c.issue_date, c.public_key, c.signature, c.issue_time, u.username, "    \
  "c.revoke_time, c.revoke_reason, COALESCE(r.username, ''), "                                 \
  "EXISTS (SELECT 1 FROM imported_cohorts i WHERE i.cohort_id = c.cohort_id) "                 \
  "FROM certificates c JOIN users u ON u.id = c.issued_by "                                    \
  "LEFT JOIN users r ON r.id = c.revoked_by "

Certificate ReadCertificate(const Statement& st) {
  Certificate c;
  c.id = st.ColumnInt(0);
  c.facts.number = st.ColumnText(1);
  c.enrolment_id = st.ColumnInt(2);
  c.cohort_id = st.ColumnInt(3);
  c.track = static_cast<domain::Track>(st.ColumnInt(4));
  c.sequence = static_cast<int>(st.ColumnInt(5));
  c.facts.holder_name = st.ColumnText(6);
  c.facts.masked_national_id = st.ColumnText(7);
  c.facts.programme_code = st.ColumnText(8);
  c.facts.programme_title = st.ColumnText(9);
  c.facts.cohort_year = static_cast<int>(st.ColumnInt(10));
  c.facts.final_score = st.ColumnInt(11);
  c.facts.rating = st.ColumnText(12);
  c.facts.issuer = st.ColumnText(13);
  c.facts.issue_date = st.ColumnText(14);
  c.public_key = st.ColumnText(15);
  c.signature = st.ColumnText(16);
  c.issue_time = st.ColumnInt(17);
  c.issued_by = st.ColumnText(18);
  c.revoke_time = st.ColumnInt(19);
  c.revoke_reason = st.ColumnText(20);
  c.revoked_by = st.ColumnText(21);
  c.imported = st.ColumnInt(22) != 0;
  c.facts.track = domain::TrackKey(c.track);
  return c;
}

}  // namespace

absl::StatusOr<Certificate> CertificateRepository::Find(Connection& db,
                                                        const std::string& number) {
  ASSIGN_OR_RETURN(Statement * st, db.Prepare(CERTIFICATE_SELECT "WHERE c.number = ?"));
  st->Bind(1, number);
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return absl::NotFoundError(absl::StrCat("no certificate numbered ", number));
  Certificate c = ReadCertificate(*st);
  st->Reset();
  return c;
}

absl::StatusOr<std::vector<Certificate>> CertificateRepository::List(Connection& db,
                                                                     int64_t cohort_id,
                                                                     int64_t after_id, int limit) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare(CERTIFICATE_SELECT "WHERE (? = 0 OR c.cohort_id = ?) AND c.id > ? "
                                                 "ORDER BY c.id LIMIT ?"));
  st->Bind(1, cohort_id).Bind(2, cohort_id).Bind(3, after_id).Bind(4, limit);
  std::vector<Certificate> out;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back(ReadCertificate(*st));
  }
  return out;
}

absl::Status CertificateRepository::Revoke(Connection& db, int64_t id, const std::string& reason,
                                           int64_t revoked_by, int64_t now) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("UPDATE certificates SET revoke_time = ?, revoke_reason = ?, "
                              "revoked_by = ? WHERE id = ? AND revoke_time = 0"));
  st->Bind(1, now).Bind(2, reason).Bind(3, revoked_by).Bind(4, id);
  RETURN_IF_ERROR(st->Run());
  if (db.Changes() != 1) {
    return absl::FailedPreconditionError("the certificate is already revoked");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<domain::YearFigures>> CertificateRepository::Figures(
    Connection& db, int64_t programme_id) {
  // Selected, active, eliminated, completed and certified enrolments were
  // all selected once. (One withdrawn is not counted: the record does not
  // say whether it was withdrawn before or after selection.)
  ASSIGN_OR_RETURN(
      Statement * st,
      db.Prepare("SELECT c.year, c.state, e.track, "
                 "COALESCE(SUM(e.stage IN (?, ?, ?, ?, ?)), 0), COALESCE(SUM(e.stage = ?), 0), "
                 "COALESCE(SUM(e.stage = ?), 0) "
                 "FROM cohorts c LEFT JOIN enrolments e ON e.cohort_id = c.id "
                 "WHERE c.programme_id = ? GROUP BY c.year, e.track ORDER BY c.year"));
  int index = 0;
  for (Stage stage : {Stage::kSelected, Stage::kActive, Stage::kEliminated, Stage::kCompleted,
                      Stage::kCertified, Stage::kEliminated, Stage::kCertified}) {
    st->Bind(++index, static_cast<int>(stage));
  }
  st->Bind(++index, programme_id);
  std::map<int, domain::YearFigures> by_year;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    domain::YearFigures& y = by_year[static_cast<int>(st->ColumnInt(0))];
    y.year = static_cast<int>(st->ColumnInt(0));
    y.has_cohort = true;
    y.state = static_cast<domain::CohortState>(st->ColumnInt(1));
    if (st->ColumnIsNull(2)) continue;  // a cohort with no enrolments
    domain::TrackFigures& t = y[static_cast<domain::Track>(st->ColumnInt(2))];
    t.selected = static_cast<int>(st->ColumnInt(3));
    t.eliminated = static_cast<int>(st->ColumnInt(4));
    t.certified = static_cast<int>(st->ColumnInt(5));
  }
  std::vector<domain::YearFigures> out;
  for (auto& [year, figures] : by_year) out.push_back(figures);
  return out;
}

}  // namespace talent::storage
