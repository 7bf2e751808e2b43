// Parsing and validation of one application (a spreadsheet row or a single
// CreateEnrolment): every field is checked and every problem reported, so a
// bulk import can list them all. Pure functions; thread-safe.
#ifndef TALENT_SERVER_DOMAIN_APPLICANT_H_
#define TALENT_SERVER_DOMAIN_APPLICANT_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "common/clock.h"
#include "server/domain/types.h"

namespace talent::domain {

// The text of each field as the user gave it.
struct ApplicantInput {
  std::string full_name;
  std::string national_id;
  std::string gender;  // 男/女/male/female/GENDER_MALE…, or empty
  std::string organisation;
  std::string region;
  std::string track;  // 服务类/service/TRACK_SERVICE…
  std::string phone;
  std::string email;
  std::string qualification;
  std::string years_of_experience;  // integer text, or empty for 0
};

// One problem with one field. `column` is the import column name: name,
// national_id, gender, organisation, region, track, phone, email,
// qualification, years.
struct FieldError {
  std::string column;
  std::string reason;
};

// A validated application, ready to store.
struct Applicant {
  Person person;
  Track track = Track::kUnspecified;
  std::string organisation;
  std::string region;
  std::string qualification;
  int years_of_experience = 0;
};

// Validates every field of `input` (birth dates are checked against
// `today`). Returns the applicant, or appends one FieldError per bad field to
// *errors and returns false.
bool ParseApplicant(ApplicantInput input, const common::Date& today, Applicant* applicant,
                    std::vector<FieldError>* errors);

// The errors of ParseApplicant as one INVALID_ARGUMENT status: "column:
// reason; column: reason". OK when `errors` is empty.
absl::Status FieldErrorsToStatus(const std::vector<FieldError>& errors);

}  // namespace talent::domain

#endif  // TALENT_SERVER_DOMAIN_APPLICANT_H_
