// Programme and cohort rows. Static functions over a Connection inside the
// caller's transaction; thread-compatible (as the connection).
#ifndef TALENT_SERVER_STORAGE_PROGRAMME_REPOSITORY_H_
#define TALENT_SERVER_STORAGE_PROGRAMME_REPOSITORY_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/domain/types.h"
#include "server/storage/sqlite.h"

namespace talent::storage {

class ProgrammeRepository {
 public:
  // Sets programme->id. ALREADY_EXISTS when the code is taken.
  static absl::Status Insert(Connection& db, domain::Programme* programme);
  // NOT_FOUND when absent.
  static absl::StatusOr<domain::Programme> FindByCode(Connection& db, const std::string& code);
  // Programmes with code > after, by code, at most `limit`.
  static absl::StatusOr<std::vector<domain::Programme>> List(Connection& db,
                                                             const std::string& after, int limit);
  static absl::Status Update(Connection& db, const domain::Programme& programme);
  // The first and last cohort years of the programme; false when it has none.
  static absl::StatusOr<bool> CohortYears(Connection& db, int64_t programme_id, int* first,
                                          int* last);
};

class CohortRepository {
 public:
  // Sets cohort->id. ALREADY_EXISTS when the programme has that year.
  // cohort->imported is not stored here: see MarkImported.
  static absl::Status Insert(Connection& db, domain::Cohort* cohort);
  // Records that the cohort was imported from paper records by `user_id`
  // (a history import); it is read back as Cohort::imported, and its
  // certificates as Certificate::imported.
  static absl::Status MarkImported(Connection& db, int64_t cohort_id, int64_t user_id,
                                   int64_t now);
  // With per-track counts filled in unless `counts` is false (they cost a
  // pass over the cohort's enrolments). NOT_FOUND when absent.
  static absl::StatusOr<domain::Cohort> Find(Connection& db, const std::string& programme_code,
                                             int year, bool counts = true);
  static absl::StatusOr<domain::Cohort> FindById(Connection& db, int64_t id);
  // Cohorts after (code, year) in (code, year) order; programme_code empty
  // lists every programme's.
  static absl::StatusOr<std::vector<domain::Cohort>> List(Connection& db,
                                                          const std::string& programme_code,
                                                          const std::string& after_code,
                                                          int after_year, int limit);
  static absl::Status UpdateState(Connection& db, int64_t id, domain::CohortState state,
                                  int64_t now);
  static absl::Status UpdateQuotas(Connection& db, int64_t id, const domain::PerTrack& quotas,
                                   int64_t now);
};

}  // namespace talent::storage

#endif  // TALENT_SERVER_STORAGE_PROGRAMME_REPOSITORY_H_
