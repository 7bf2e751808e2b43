#include "server/storage/enrolment_repository.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace talent::storage {
namespace {

using domain::Enrolment;

#define ENROLMENT_SELECT                                                                   \
  "SELECT e.id, e.cohort_id, pr.code, c.year, p.id, p.national_id, p.full_name, p.gender, " \
  "p.birth_date, p.phone, p.email, e.track, e.organisation, e.region, e.qualification, "  \
  "e.years_of_experience, e.stage, e.stage_reason, e.create_time, e.update_time, "        \
  "e.certificate_eligible "                                                                \
  "FROM enrolments e JOIN persons p ON p.id = e.person_id "                               \
  "JOIN cohorts c ON c.id = e.cohort_id JOIN programmes pr ON pr.id = e.programme_id "

// Filters bound as ?1 cohort, ?2 track (0 any), ?3 stage (0 any), ?4 name.
#define ENROLMENT_FILTER                                                       \
  "WHERE e.cohort_id = ?1 AND (?2 = 0 OR e.track = ?2) AND (?3 = 0 OR e.stage = ?3) " \
  "AND (?4 = '' OR instr(p.full_name, ?4) > 0) "

Enrolment ReadEnrolment(const Statement& st) {
  Enrolment e;
  e.id = st.ColumnInt(0);
  e.cohort_id = st.ColumnInt(1);
  e.programme_code = st.ColumnText(2);
  e.cohort_year = static_cast<int>(st.ColumnInt(3));
  e.person.id = st.ColumnInt(4);
  e.person.national_id = st.ColumnText(5);
  e.person.full_name = st.ColumnText(6);
  e.person.gender = static_cast<domain::Gender>(st.ColumnInt(7));
  common::ParseDate(st.ColumnText(8), &e.person.birth_date);
  e.person.phone = st.ColumnText(9);
  e.person.email = st.ColumnText(10);
  e.track = static_cast<domain::Track>(st.ColumnInt(11));
  e.organisation = st.ColumnText(12);
  e.region = st.ColumnText(13);
  e.qualification = st.ColumnText(14);
  e.years_of_experience = static_cast<int>(st.ColumnInt(15));
  e.stage = static_cast<domain::Stage>(st.ColumnInt(16));
  e.stage_reason = st.ColumnText(17);
  e.create_time = st.ColumnInt(18);
  e.update_time = st.ColumnInt(19);
  e.certificate_eligible = st.ColumnInt(20) != 0;
  return e;
}

absl::Status FillRecommendations(Connection& db, Enrolment* e) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("SELECT r.level, r.body, r.date, u.username FROM recommendations r "
                              "JOIN users u ON u.id = r.recorded_by "
                              "WHERE r.enrolment_id = ? ORDER BY r.level"));
  st->Bind(1, e->id);
  e->recommendations.clear();
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    domain::Recommendation r;
    r.level = static_cast<domain::Level>(st->ColumnInt(0));
    r.body = st->ColumnText(1);
    common::ParseDate(st->ColumnText(2), &r.date);
    r.recorded_by = st->ColumnText(3);
    e->recommendations.push_back(std::move(r));
  }
  return absl::OkStatus();
}

// Which uniqueness rule an enrolment insert broke, told in the user's
// terms (the rules are checked before inserting; this is the last guard).
absl::Status EnrolmentConflict(absl::Status status) {
  if (!absl::IsAlreadyExists(status)) return status;
  // The partial index enrolments_one_open is reported by its columns.
  if (absl::StrContains(status.message(), "enrolments.programme_id, enrolments.person_id")) {
    return absl::FailedPreconditionError(
        "this person holds an open enrolment in another cohort of the programme");
  }
  return absl::AlreadyExistsError("this person is already enrolled in the cohort");
}

void BindFilter(Statement* st, const EnrolmentFilter& f) {
  st->Bind(1, f.cohort_id).Bind(2, static_cast<int>(f.track)).Bind(3, static_cast<int>(f.stage));
  st->Bind(4, f.name_contains);
}

}  // namespace

absl::Status EnrolmentRepository::UpsertPerson(Connection& db, domain::Person* p, int64_t now) {
  ASSIGN_OR_RETURN(Statement * find, db.Prepare("SELECT id FROM persons WHERE national_id = ?"));
  find->BindRef(1, p->national_id);
  ASSIGN_OR_RETURN(bool known, find->Step());
  p->id = known ? find->ColumnInt(0) : 0;
  return SavePerson(db, p, now);
}

absl::Status EnrolmentRepository::SavePerson(Connection& db, domain::Person* p, int64_t now) {
  // A plain INSERT or UPDATE: in bulk imports, measurably cheaper than
  // INSERT … ON CONFLICT … RETURNING.
  if (p->id != 0) {
    ASSIGN_OR_RETURN(Statement * update,
                     db.Prepare("UPDATE persons SET full_name = ?, phone = ?, email = ?, "
                                "update_time = ? WHERE id = ?"));
    update->BindRef(1, p->full_name).BindRef(2, p->phone).BindRef(3, p->email);
    update->Bind(4, now).Bind(5, p->id);
    return update->Run();
  }
  ASSIGN_OR_RETURN(
      Statement * insert,
      db.Prepare("INSERT INTO persons (national_id, full_name, gender, birth_date, phone, email, "
                 "create_time, update_time) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)"));
  insert->BindRef(1, p->national_id).BindRef(2, p->full_name);
  insert->Bind(3, static_cast<int>(p->gender)).Bind(4, common::FormatDate(p->birth_date));
  insert->BindRef(5, p->phone).BindRef(6, p->email).Bind(7, now);
  RETURN_IF_ERROR(insert->Run());
  p->id = db.LastInsertRowId();
  return absl::OkStatus();
}

absl::StatusOr<std::vector<domain::PriorEnrolment>> EnrolmentRepository::PriorEnrolments(
    Connection& db, int64_t programme_id, const std::string& national_id, int64_t* person_id) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("SELECT p.id, e.id, c.year, e.stage FROM persons p "
                              "LEFT JOIN enrolments e ON e.person_id = p.id AND e.programme_id = ? "
                              "LEFT JOIN cohorts c ON c.id = e.cohort_id WHERE p.national_id = ?"));
  st->Bind(1, programme_id).BindRef(2, national_id);
  std::vector<domain::PriorEnrolment> out;
  if (person_id) *person_id = 0;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    if (person_id) *person_id = st->ColumnInt(0);
    if (st->ColumnIsNull(1)) continue;
    out.push_back({st->ColumnInt(1), static_cast<int>(st->ColumnInt(2)),
                   static_cast<domain::Stage>(st->ColumnInt(3))});
  }
  return out;
}

absl::Status EnrolmentRepository::Insert(Connection& db, int64_t programme_id, Enrolment* e) {
  ASSIGN_OR_RETURN(
      Statement * st,
      db.Prepare("INSERT INTO enrolments (cohort_id, programme_id, person_id, track, organisation, "
                 "region, qualification, years_of_experience, stage, stage_reason, create_time, "
                 "update_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  st->Bind(1, e->cohort_id).Bind(2, programme_id).Bind(3, e->person.id);
  st->Bind(4, static_cast<int>(e->track)).BindRef(5, e->organisation).BindRef(6, e->region);
  st->BindRef(7, e->qualification).Bind(8, e->years_of_experience);
  st->Bind(9, static_cast<int>(e->stage)).BindRef(10, e->stage_reason).Bind(11, e->create_time);
  st->Bind(12, e->update_time);
  RETURN_IF_ERROR(EnrolmentConflict(st->Run()));
  e->id = db.LastInsertRowId();
  return absl::OkStatus();
}

absl::StatusOr<Enrolment> EnrolmentRepository::Find(Connection& db, int64_t id) {
  ASSIGN_OR_RETURN(Statement * st, db.Prepare(ENROLMENT_SELECT "WHERE e.id = ?"));
  st->Bind(1, id);
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return absl::NotFoundError(absl::StrCat("enrolment ", id, " not found"));
  Enrolment e = ReadEnrolment(*st);
  RETURN_IF_ERROR(FillRecommendations(db, &e));
  return e;
}

absl::StatusOr<std::vector<Enrolment>> EnrolmentRepository::List(Connection& db,
                                                                 const EnrolmentFilter& filter,
                                                                 int64_t after_id, int limit) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare(ENROLMENT_SELECT ENROLMENT_FILTER
                              "AND e.id > ?5 ORDER BY e.id LIMIT ?6"));
  BindFilter(st, filter);
  st->Bind(5, after_id).Bind(6, limit);
  std::vector<Enrolment> out;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back(ReadEnrolment(*st));
  }
  for (Enrolment& e : out) RETURN_IF_ERROR(FillRecommendations(db, &e));
  return out;
}

absl::StatusOr<int> EnrolmentRepository::Count(Connection& db, const EnrolmentFilter& filter) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("SELECT COUNT(*) FROM enrolments e "
                              "JOIN persons p ON p.id = e.person_id " ENROLMENT_FILTER));
  BindFilter(st, filter);
  ASSIGN_OR_RETURN(bool row, st->Step());
  return row ? static_cast<int>(st->ColumnInt(0)) : 0;
}

absl::Status EnrolmentRepository::UpdateStage(Connection& db, int64_t id, domain::Stage stage,
                                              const std::string& reason, int64_t now) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("UPDATE enrolments SET stage = ?, stage_reason = ?, "
                              "update_time = ? WHERE id = ?"));
  st->Bind(1, static_cast<int>(stage)).Bind(2, reason).Bind(3, now).Bind(4, id);
  return st->Run();
}

absl::Status EnrolmentRepository::AddRecommendation(Connection& db, int64_t enrolment_id,
                                                    const domain::Recommendation& r,
                                                    int64_t recorded_by, int64_t now) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("INSERT INTO recommendations (enrolment_id, level, body, date, "
                              "recorded_by, create_time) VALUES (?, ?, ?, ?, ?, ?)"));
  st->Bind(1, enrolment_id).Bind(2, static_cast<int>(r.level)).Bind(3, r.body);
  st->Bind(4, common::FormatDate(r.date)).Bind(5, recorded_by).Bind(6, now);
  return st->Run();
}

absl::StatusOr<std::unordered_map<std::string, EnrolmentRepository::KnownPerson>>
EnrolmentRepository::FindPeople(Connection& db, int64_t programme_id,
                                const std::vector<const std::string*>& national_ids) {
  // The IDs travel as one JSON array (json_each), so a chunk of rows costs
  // one statement. They were validated (digits and X), so need no escaping.
  std::string json = "[";
  for (const std::string* id : national_ids) {
    if (json.size() > 1) json += ',';
    json += '"';
    json += *id;
    json += '"';
  }
  json += ']';
  ASSIGN_OR_RETURN(
      Statement * st,
      db.Prepare("SELECT p.national_id, p.id, e.id, c.year, e.stage FROM json_each(?1) j "
                 "JOIN persons p ON p.national_id = j.value "
                 "LEFT JOIN enrolments e ON e.person_id = p.id AND e.programme_id = ?2 "
                 "LEFT JOIN cohorts c ON c.id = e.cohort_id"));
  st->BindRef(1, json).Bind(2, programme_id);
  std::unordered_map<std::string, KnownPerson> out;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    KnownPerson& person = out[st->ColumnText(0)];
    person.id = st->ColumnInt(1);
    if (!st->ColumnIsNull(2)) {
      person.prior.push_back({st->ColumnInt(2), static_cast<int>(st->ColumnInt(3)),
                              static_cast<domain::Stage>(st->ColumnInt(4))});
    }
  }
  st->Reset();
  return out;
}

namespace {

// Rows per multi-row INSERT in bulk imports: fewer statements to step,
// within SQLite's limit of 32766 bound parameters.
constexpr int kRowsPerInsert = 64;

// "INSERT INTO … (columns) VALUES (?,…),(?,…)…" for `rows` rows of
// `columns` parameters each, built once from constants (never from input).
std::string MultiRowInsert(const char* head, int columns, int rows) {
  std::string sql = head;
  for (int r = 0; r < rows; ++r) {
    sql += r == 0 ? " VALUES (" : ", (";
    for (int c = 0; c < columns; ++c) sql += c == 0 ? "?" : ", ?";
    sql += ")";
  }
  return sql;
}

constexpr char kPersonsHead[] =
    "INSERT INTO persons (id, national_id, full_name, gender, birth_date, phone, email, "
    "create_time, update_time)";
constexpr int kPersonColumns = 9;
constexpr char kEnrolmentsHead[] =
    "INSERT INTO enrolments (id, cohort_id, programme_id, person_id, track, organisation, region, "
    "qualification, years_of_experience, stage, stage_reason, create_time, update_time)";
constexpr int kEnrolmentColumns = 13;

// The SQL text lives as long as the process: its address keys the
// connection's statement cache.
const char* PersonsInsert(int rows) {
  static const std::string many = MultiRowInsert(kPersonsHead, kPersonColumns, kRowsPerInsert);
  static const std::string one = MultiRowInsert(kPersonsHead, kPersonColumns, 1);
  return rows == kRowsPerInsert ? many.c_str() : one.c_str();
}

const char* EnrolmentsInsert(int rows) {
  static const std::string many =
      MultiRowInsert(kEnrolmentsHead, kEnrolmentColumns, kRowsPerInsert);
  static const std::string one = MultiRowInsert(kEnrolmentsHead, kEnrolmentColumns, 1);
  return rows == kRowsPerInsert ? many.c_str() : one.c_str();
}

absl::StatusOr<int64_t> MaxId(Connection& db, const char* sql) {
  ASSIGN_OR_RETURN(Statement * st, db.Prepare(sql));
  ASSIGN_OR_RETURN(bool row, st->Step());
  int64_t max = row ? st->ColumnInt(0) : 0;
  st->Reset();
  return max;
}

// Binds one person at parameter `first`..`first + 8`. The date text must
// outlive the step, so it is passed in.
void BindPerson(Statement* st, int first, const domain::Person& p, const std::string& birth_date,
                int64_t now) {
  st->Bind(first, p.id).BindRef(first + 1, p.national_id).BindRef(first + 2, p.full_name);
  st->Bind(first + 3, static_cast<int>(p.gender)).BindRef(first + 4, birth_date);
  st->BindRef(first + 5, p.phone).BindRef(first + 6, p.email).Bind(first + 7, now);
  st->Bind(first + 8, now);
}

void BindEnrolment(Statement* st, int first, int64_t programme_id, const Enrolment& e) {
  st->Bind(first, e.id).Bind(first + 1, e.cohort_id).Bind(first + 2, programme_id);
  st->Bind(first + 3, e.person.id).Bind(first + 4, static_cast<int>(e.track));
  st->BindRef(first + 5, e.organisation).BindRef(first + 6, e.region);
  st->BindRef(first + 7, e.qualification).Bind(first + 8, e.years_of_experience);
  st->Bind(first + 9, static_cast<int>(e.stage)).BindRef(first + 10, e.stage_reason);
  st->Bind(first + 11, e.create_time).Bind(first + 12, e.update_time);
}

}  // namespace

absl::Status EnrolmentRepository::InsertMany(Connection& db, int64_t programme_id,
                                             std::vector<Enrolment>* enrolments, int64_t now) {
  // People: known ones are updated, new ones inserted with ids assigned
  // here (the caller holds the write lock, so the maximum cannot move).
  std::vector<domain::Person*> fresh;
  for (Enrolment& e : *enrolments) {
    if (e.person.id != 0) {
      RETURN_IF_ERROR(SavePerson(db, &e.person, now));
    } else {
      fresh.push_back(&e.person);
    }
  }
  ASSIGN_OR_RETURN(int64_t person_id, MaxId(db, "SELECT IFNULL(MAX(id), 0) FROM persons"));
  std::vector<std::string> dates(fresh.size());
  for (size_t i = 0; i < fresh.size(); ++i) {
    fresh[i]->id = ++person_id;
    dates[i] = common::FormatDate(fresh[i]->birth_date);
  }
  for (size_t start = 0; start < fresh.size();) {
    int rows = fresh.size() - start >= kRowsPerInsert ? kRowsPerInsert : 1;
    ASSIGN_OR_RETURN(Statement * st, db.Prepare(PersonsInsert(rows)));
    for (int r = 0; r < rows; ++r) {
      BindPerson(st, 1 + r * kPersonColumns, *fresh[start + r], dates[start + r], now);
    }
    RETURN_IF_ERROR(st->Run());
    start += rows;
  }

  ASSIGN_OR_RETURN(int64_t enrolment_id,
                   MaxId(db, "SELECT IFNULL(MAX(id), 0) FROM enrolments"));
  for (Enrolment& e : *enrolments) e.id = ++enrolment_id;
  for (size_t start = 0; start < enrolments->size();) {
    int rows = enrolments->size() - start >= kRowsPerInsert ? kRowsPerInsert : 1;
    ASSIGN_OR_RETURN(Statement * st, db.Prepare(EnrolmentsInsert(rows)));
    for (int r = 0; r < rows; ++r) {
      BindEnrolment(st, 1 + r * kEnrolmentColumns, programme_id, (*enrolments)[start + r]);
    }
    RETURN_IF_ERROR(EnrolmentConflict(st->Run()));
    start += rows;
  }
  return absl::OkStatus();
}

absl::Status EnrolmentRepository::Eliminate(Connection& db, int64_t id, const std::string& reason,
                                            int64_t now) {
  return UpdateStage(db, id, domain::Stage::kEliminated, reason, now);
}

absl::Status EnrolmentRepository::Certify(Connection& db, int64_t id, const std::string& number,
                                          int64_t now) {
  return UpdateStage(db, id, domain::Stage::kCertified, absl::StrCat("certificate ", number), now);
}

absl::Status EnrolmentRepository::MarkEligible(Connection& db, int64_t id, int64_t now) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("UPDATE enrolments SET certificate_eligible = 1, update_time = ? "
                              "WHERE id = ?"));
  st->Bind(1, now).Bind(2, id);
  return st->Run();
}

absl::Status EnrolmentRepository::CompleteRest(Connection& db, int64_t cohort_id, int64_t now) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("UPDATE enrolments SET stage = ?, update_time = ? "
                              "WHERE cohort_id = ? AND stage = ? AND certificate_eligible = 0"));
  st->Bind(1, static_cast<int>(domain::Stage::kCompleted)).Bind(2, now).Bind(3, cohort_id);
  st->Bind(4, static_cast<int>(domain::Stage::kActive));
  return st->Run();
}

absl::StatusOr<bool> EnrolmentRepository::IsEligible(Connection& db, int64_t id) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("SELECT certificate_eligible FROM enrolments WHERE id = ?"));
  st->Bind(1, id);
  ASSIGN_OR_RETURN(bool row, st->Step());
  return row && st->ColumnInt(0) != 0;
}

absl::Status EnrolmentRepository::ChangeStages(Connection& db, int64_t cohort_id,
                                               const std::vector<domain::StageChange>& changes,
                                               const std::string& reason, int64_t now) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("UPDATE enrolments SET stage = ?1, update_time = ?2, "
                              "stage_reason = CASE WHEN ?3 THEN ?4 ELSE stage_reason END "
                              "WHERE cohort_id = ?5 AND stage = ?6"));
  for (const domain::StageChange& change : changes) {
    st->Reset();
    st->Bind(1, static_cast<int>(change.to)).Bind(2, now).Bind(3, change.with_reason ? 1 : 0);
    st->Bind(4, reason).Bind(5, cohort_id).Bind(6, static_cast<int>(change.from));
    RETURN_IF_ERROR(st->Run());
  }
  return absl::OkStatus();
}

}  // namespace talent::storage
