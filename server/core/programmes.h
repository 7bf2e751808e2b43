// Use cases of programmes and their yearly cohorts: create, read, list,
// update a programme; create a cohort, set its quotas, and move it through
// DRAFT → ENROLLING → CULTIVATING (docs/lifecycles.md). Each call is one
// transaction and leaves an audit event when it writes.
//
// Thread-safe (see context.h).
#ifndef TALENT_SERVER_CORE_PROGRAMMES_H_
#define TALENT_SERVER_CORE_PROGRAMMES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/core/context.h"
#include "server/domain/types.h"

namespace talent::core {

class Programmes {
 public:
  explicit Programmes(Context* context) : ctx_(context) {}

  // INVALID_ARGUMENT naming the bad field, ALREADY_EXISTS for a taken code.
  absl::StatusOr<domain::Programme> CreateProgramme(const Caller& caller,
                                                    domain::Programme programme,
                                                    const std::string& request_id);
  // NOT_FOUND.
  absl::StatusOr<domain::Programme> GetProgramme(const std::string& code);
  absl::StatusOr<Page<domain::Programme>> ListProgrammes(const PageRequest& page);
  // Sets the fields named in `mask`. NOT_FOUND; INVALID_ARGUMENT;
  // FAILED_PRECONDITION when cohorts fall outside the new years.
  absl::StatusOr<domain::Programme> UpdateProgramme(const Caller& caller, const std::string& code,
                                                    const domain::Programme& values,
                                                    const std::vector<std::string>& mask);

  // Cohorts. NOT_FOUND for a missing programme or cohort; the rules of
  // domain/programme_rules.h otherwise.
  absl::StatusOr<domain::Cohort> CreateCohort(const Caller& caller, const std::string& code,
                                              int year, const domain::PerTrack& quotas,
                                              const std::string& request_id);
  absl::StatusOr<domain::Cohort> GetCohort(const std::string& code, int year);
  absl::StatusOr<Page<domain::Cohort>> ListCohorts(const std::string& code,
                                                   const PageRequest& page);
  absl::StatusOr<domain::Cohort> SetQuotas(const Caller& caller, const std::string& code, int year,
                                           const domain::PerTrack& quotas);
  absl::StatusOr<domain::Cohort> OpenEnrolment(const Caller& caller, const std::string& code,
                                               int year);
  // ENROLLING → CULTIVATING: the selected become active, the others not
  // selected (domain::CultivationStageChanges).
  absl::StatusOr<domain::Cohort> StartCultivation(const Caller& caller, const std::string& code,
                                                  int year);

 private:
  Context* const ctx_;
};

}  // namespace talent::core

#endif  // TALENT_SERVER_CORE_PROGRAMMES_H_
