// Characters that have no place in a name, a free-text field or a line
// printed on a terminal: controls (C0, DEL and C1, Unicode category Cc),
// invisible format characters (category Cf: bidi overrides and isolates
// such as U+202E, zero-width spaces and joiners, the byte order mark, the
// soft hyphen), and the line and paragraph separators U+2028 and U+2029.
// They can make a name look like another, reorder what a reader sees, or
// drive a terminal (an ESC sequence in an echoed cell). The Unicode
// classes come from libunistring. Pure functions; thread-safe.
#ifndef TALENT_COMMON_TEXT_SAFETY_H_
#define TALENT_COMMON_TEXT_SAFETY_H_

#include <cstddef>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace talent::common {

// True for a control, invisible format or line/paragraph separator
// character (see above).
bool IsUnsafeCharacter(char32_t code_point);

struct UnsafeCharacter {
  char32_t code_point = 0;
  int position = 0;  // 1-based, in characters
};

// The first unsafe character of `text`, which must be valid UTF-8;
// nullopt when there is none.
std::optional<UnsafeCharacter> FindUnsafeCharacter(absl::string_view text);

// "U+202E": how a message names a character.
std::string CodePointName(char32_t code_point);

// `text` made safe to echo in a message or print on a terminal: unsafe
// characters and bytes that are not valid UTF-8 are dropped, and text of
// more than `max_chars` characters is cut to that many, with "…" after
// (std::string::npos: no limit).
std::string SanitizeForDisplay(absl::string_view text, size_t max_chars);

}  // namespace talent::common

#endif  // TALENT_COMMON_TEXT_SAFETY_H_
