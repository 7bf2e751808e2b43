// A cohort's rubric and assessment rules. A cohort that never set them has
// the defaults (DefaultRubric, AssessmentRules{}). Static functions over a
// Connection inside the caller's transaction; thread-compatible.
#ifndef TALENT_SERVER_STORAGE_ASSESSMENT_REPOSITORY_H_
#define TALENT_SERVER_STORAGE_ASSESSMENT_REPOSITORY_H_

#include "absl/status/statusor.h"
#include "server/domain/assessment_rules.h"
#include "server/domain/rubric.h"
#include "server/storage/sqlite.h"

namespace talent::storage {

class AssessmentRepository {
 public:
  static absl::StatusOr<domain::Rubric> LoadRubric(Connection& db, int64_t cohort_id);
  // Replaces the cohort's criteria.
  static absl::Status SaveRubric(Connection& db, int64_t cohort_id, const domain::Rubric& rubric);
  static absl::StatusOr<domain::AssessmentRules> LoadRules(Connection& db, int64_t cohort_id);
  static absl::Status SaveRules(Connection& db, int64_t cohort_id,
                                const domain::AssessmentRules& rules, int64_t now);
};

}  // namespace talent::storage

#endif  // TALENT_SERVER_STORAGE_ASSESSMENT_REPOSITORY_H_
