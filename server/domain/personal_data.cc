#include "server/domain/personal_data.h"

#include "common/national_id.h"

namespace talent::domain {

absl::Status CheckPersonalDataAccess(Role role, PersonalData view) {
  if (view == PersonalData::kMasked || role == Role::kAdmin) return absl::OkStatus();
  return absl::PermissionDeniedError(
      "only administrators may see personal data in full (national ID, birth date, phone, "
      "e-mail); ask without show_personal_data");
}

Person MaskedPerson(const Person& person) {
  Person masked;
  masked.id = person.id;
  masked.national_id = common::MaskNationalId(person.national_id);
  masked.full_name = person.full_name;
  masked.gender = person.gender;
  return masked;
}

}  // namespace talent::domain
