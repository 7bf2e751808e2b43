#include "server/core/import_batch.h"

#include "absl/strings/str_cat.h"

namespace talent::core {

void ImportBatch::AddRow(int line, const domain::ApplicantInput& input) {
  ++rows_;
  domain::Applicant applicant;
  std::vector<domain::FieldError> field_errors;
  bool valid = domain::ParseApplicant(input, today_, &applicant, &field_errors);
  for (domain::FieldError& e : field_errors) {
    errors_.push_back({line, std::move(e.column), std::move(e.reason)});
  }
  if (!valid) return;
  auto [it, inserted] = first_line_.emplace(applicant.person.national_id, line);
  if (!inserted) {
    errors_.push_back(
        {line, "national_id", absl::StrCat("the same national ID is on line ", it->second)});
    return;
  }
  pending_.push_back({line, std::move(applicant)});
}

void ImportBatch::AddMalformed(int line, std::string reason) {
  ++rows_;
  errors_.push_back({line, "", std::move(reason)});
}

}  // namespace talent::core
