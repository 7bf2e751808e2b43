// Who sees what of a person (docs/privacy.md). A national ID, a birth date,
// a phone number and an e-mail address are personal information that the
// Personal Information Protection Law treats with care (an ID is
// sensitive). They go in full only to an administrator who asks for them,
// and each such read is audited. Everyone else, administrators who did not
// ask included, sees the person masked: the name, the gender and the ID's
// last four characters, which cannot be combined with anything else the API
// shows into a whole ID (the region and birth date digits are never shown).
// Pure functions; thread-safe.
#ifndef TALENT_SERVER_DOMAIN_PERSONAL_DATA_H_
#define TALENT_SERVER_DOMAIN_PERSONAL_DATA_H_

#include "absl/status/status.h"
#include "server/domain/types.h"

namespace talent::domain {

// Whether a read shows a person's data in full or masked.
enum class PersonalData { kMasked, kFull };

// OK for kMasked, and for kFull when `role` is ADMIN; PERMISSION_DENIED
// otherwise, saying how to ask instead.
absl::Status CheckPersonalDataAccess(Role role, PersonalData view);

// The person as a masked read shows them: national ID "**************1234",
// no birth date, phone or e-mail; name, gender and id kept.
Person MaskedPerson(const Person& person);

}  // namespace talent::domain

#endif  // TALENT_SERVER_DOMAIN_PERSONAL_DATA_H_
