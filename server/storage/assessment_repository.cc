#include "server/storage/assessment_repository.h"

#include "common/status_macros.h"

namespace talent::storage {

using domain::AssessmentRules;
using domain::Rubric;

absl::StatusOr<Rubric> AssessmentRepository::LoadRubric(Connection& db, int64_t cohort_id) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("SELECT code, name_zh, name_en, max_tenths, veto "
                              "FROM rubric_criteria WHERE cohort_id = ? ORDER BY position"));
  st->Bind(1, cohort_id);
  Rubric rubric;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    rubric.criteria.push_back({st->ColumnText(0), st->ColumnText(1), st->ColumnText(2),
                               st->ColumnInt(3), st->ColumnInt(4) != 0});
  }
  if (rubric.criteria.empty()) return domain::DefaultRubric();
  return rubric;
}

absl::Status AssessmentRepository::SaveRubric(Connection& db, int64_t cohort_id,
                                              const Rubric& rubric) {
  ASSIGN_OR_RETURN(Statement * clear,
                   db.Prepare("DELETE FROM rubric_criteria WHERE cohort_id = ?"));
  clear->Bind(1, cohort_id);
  RETURN_IF_ERROR(clear->Run());
  ASSIGN_OR_RETURN(Statement * insert,
                   db.Prepare("INSERT INTO rubric_criteria (cohort_id, position, code, name_zh, "
                              "name_en, max_tenths, veto) VALUES (?, ?, ?, ?, ?, ?, ?)"));
  for (size_t i = 0; i < rubric.criteria.size(); ++i) {
    const domain::Criterion& c = rubric.criteria[i];
    insert->Reset();
    insert->Bind(1, cohort_id).Bind(2, static_cast<int64_t>(i)).Bind(3, c.code);
    insert->Bind(4, c.name_zh).Bind(5, c.name_en).Bind(6, c.max_tenths).Bind(7, c.veto ? 1 : 0);
    RETURN_IF_ERROR(insert->Run());
  }
  return absl::OkStatus();
}

absl::StatusOr<AssessmentRules> AssessmentRepository::LoadRules(Connection& db,
                                                                int64_t cohort_id) {
  ASSIGN_OR_RETURN(
      Statement * st,
      db.Prepare("SELECT aggregation, min_sheets, excellent_from, good_from, pass_from, "
                 "veto_percent, excellent_cap_percent, disagreement_tenths, notice_days, "
                 "eliminate_fail, eliminate_absent, eliminate_bottom_k, "
                 "eliminate_bottom_percent, eliminate_two_pass FROM cohort_rules "
                 "WHERE cohort_id = ?"));
  st->Bind(1, cohort_id);
  ASSIGN_OR_RETURN(bool row, st->Step());
  AssessmentRules r;
  if (!row) return r;
  auto i = [&](int column) { return static_cast<int>(st->ColumnInt(column)); };
  r.aggregation = static_cast<domain::Aggregation>(i(0));
  r.min_sheets = i(1);
  r.excellent_from = st->ColumnInt(2);
  r.good_from = st->ColumnInt(3);
  r.pass_from = st->ColumnInt(4);
  r.veto_percent = i(5);
  r.excellent_cap_percent = i(6);
  r.disagreement_tenths = st->ColumnInt(7);
  r.notice_days = i(8);
  r.eliminate_fail = i(9) != 0;
  r.eliminate_absent = i(10) != 0;
  r.eliminate_bottom_k = i(11);
  r.eliminate_bottom_percent = i(12);
  r.eliminate_two_pass = i(13) != 0;
  return r;
}

absl::Status AssessmentRepository::SaveRules(Connection& db, int64_t cohort_id,
                                             const AssessmentRules& r, int64_t now) {
  ASSIGN_OR_RETURN(
      Statement * st,
      db.Prepare("INSERT OR REPLACE INTO cohort_rules (cohort_id, aggregation, min_sheets, "
                 "excellent_from, good_from, pass_from, veto_percent, excellent_cap_percent, "
                 "disagreement_tenths, notice_days, eliminate_fail, eliminate_absent, "
                 "eliminate_bottom_k, eliminate_bottom_percent, eliminate_two_pass, update_time) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  st->Bind(1, cohort_id).Bind(2, static_cast<int>(r.aggregation)).Bind(3, r.min_sheets);
  st->Bind(4, r.excellent_from).Bind(5, r.good_from).Bind(6, r.pass_from);
  st->Bind(7, r.veto_percent).Bind(8, r.excellent_cap_percent).Bind(9, r.disagreement_tenths);
  st->Bind(10, r.notice_days).Bind(11, r.eliminate_fail ? 1 : 0);
  st->Bind(12, r.eliminate_absent ? 1 : 0).Bind(13, r.eliminate_bottom_k);
  st->Bind(14, r.eliminate_bottom_percent).Bind(15, r.eliminate_two_pass ? 1 : 0).Bind(16, now);
  return st->Run();
}

}  // namespace talent::storage
