// Use cases of a cohort's assessment setup: its rubric (criteria, maxima,
// the veto) and its assessment rules (aggregation, bands, cap, elimination,
// notice days; docs/rules.md). The defaults apply until they are set. Each
// call is one transaction and leaves an audit event when it writes.
//
// Thread-safe (see context.h).
#ifndef TALENT_SERVER_CORE_ASSESSMENT_H_
#define TALENT_SERVER_CORE_ASSESSMENT_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/core/context.h"
#include "server/domain/assessment_rules.h"
#include "server/domain/rubric.h"

namespace talent::core {

class Assessment {
 public:
  explicit Assessment(Context* context) : ctx_(context) {}

  // NOT_FOUND for a missing cohort; INVALID_ARGUMENT naming the bad field;
  // FAILED_PRECONDITION when the cohort's state no longer allows a change.
  absl::StatusOr<domain::Rubric> GetRubric(const std::string& code, int year);
  absl::StatusOr<domain::Rubric> SetRubric(const Caller& caller, const std::string& code, int year,
                                           domain::Rubric rubric);
  absl::StatusOr<domain::AssessmentRules> GetRules(const std::string& code, int year);
  // Sets the rules named in `mask` (AssessmentRules field names) to the
  // values in `values`; INVALID_ARGUMENT for an empty or unknown name.
  absl::StatusOr<domain::AssessmentRules> SetRules(const Caller& caller, const std::string& code,
                                                   int year,
                                                   const domain::AssessmentRules& values,
                                                   const std::vector<std::string>& mask);

 private:
  Context* const ctx_;
};

}  // namespace talent::core

#endif  // TALENT_SERVER_CORE_ASSESSMENT_H_
