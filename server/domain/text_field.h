// Validation of free-text fields shared by every rule: trimming, UTF-8
// checks and length limits counted in characters (code points), with
// messages that name the field. Pure functions; thread-safe.
#ifndef TALENT_SERVER_DOMAIN_TEXT_FIELD_H_
#define TALENT_SERVER_DOMAIN_TEXT_FIELD_H_

#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/status.h"

namespace talent::domain {

// Removes leading and trailing ASCII white space and ideographic spaces
// (U+3000), which spreadsheets often leave around Chinese text.
std::string TrimText(absl::string_view text);
// The same, as a view into `text`.
absl::string_view TrimTextView(absl::string_view text);

// Number of code points of valid UTF-8 text; -1 when not valid UTF-8.
int CharacterCount(absl::string_view text);

// Trims *value in place, then checks it is valid UTF-8 of min..max
// characters with no control, invisible format or line separator
// character (common/text_safety.h: C0, C1, bidi overrides, zero-width
// characters). INVALID_ARGUMENT naming `field` and, for a bad character,
// its code point and position.
absl::Status CheckText(absl::string_view field, std::string* value, int min_chars, int max_chars);

// INVALID_ARGUMENT "`field` must be between min and max, got value".
absl::Status CheckRange(absl::string_view field, int64_t value, int64_t min, int64_t max);

}  // namespace talent::domain

#endif  // TALENT_SERVER_DOMAIN_TEXT_FIELD_H_
