// Chinese resident identity numbers (GB 11643-1999): the ISO 7064 MOD 11-2
// check character, parsing into region / birth date / gender, and masking for
// display and logs. An ID is personal data, so no error message produced here
// ever contains the full number. Free functions without state; thread-safe.
#ifndef TALENT_COMMON_NATIONAL_ID_H_
#define TALENT_COMMON_NATIONAL_ID_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "common/clock.h"

namespace talent::common {

struct NationalId {
  std::string id;      // normalised: 18 characters, a final 'x' upper-cased to 'X'
  std::string region;  // first 6 digits (administrative division code)
  Date birth_date;     // digits 7-14
  bool male = false;   // 17th digit odd
};

// The ISO 7064 MOD 11-2 check character ('0'..'9' or 'X') of the first 17
// digits of an ID. Returns '\0' when `first17` is not exactly 17 ASCII digits.
char NationalIdCheckCharacter(std::string_view first17);

// Parses and validates an ID typed by a person or read from a spreadsheet.
// ASCII whitespace around the ID is ignored. The ID must have 18 characters:
// 17 digits then a digit or X/x; digits 7-14 must be a real calendar date
// (YYYYMMDD) in 1900 or later and not after `today`; the check character must
// match. Returns INVALID_ARGUMENT otherwise, with a message that says what is
// wrong and what to do, for example
//   "national ID must have 18 characters, got 17"
//   "national ID birth date 19991332 is not a real date"
//   "national ID check character should be 7, not 3 (mistyped digit?)"
// The messages never contain the ID itself.
absl::StatusOr<NationalId> ParseNationalId(std::string_view text, const Date& today);

// Masks an ID for display: every character but the last 4 replaced by '*'
// ("**************1234" for an 18-character ID). The region (characters
// 1-6) and the birth date (7-14) are never shown: together with the last
// four they would be the whole ID. Input of 4 characters or fewer is
// returned as it is. Characters are UTF-8 code points when the input is
// valid UTF-8, bytes otherwise.
std::string MaskNationalId(std::string_view id);

}  // namespace talent::common

#endif  // TALENT_COMMON_NATIONAL_ID_H_
