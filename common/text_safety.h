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

// How many characters of a user's value an error message quotes.
inline constexpr size_t kQuotedValueChars = 64;

// `text` made safe to quote back in an error message, a log line or on a
// terminal (a 64 MB cell, an escape sequence that recolours the terminal,
// a bidi override that makes "exe.txt" read "txt.exe"):
//   * tab, line feed, carriage return and the line and paragraph separators
//     become a space; every other unsafe character (above) is removed;
//   * each byte that is not part of valid UTF-8 becomes U+FFFD;
//   * at most `max_chars` characters (code points) are kept: a longer text
//     is cut on a character boundary and ends in "…" (which counts as one
//     of them). `max_chars` 0 keeps everything.
// Reads no further into `text` than it must, so a huge value costs only
// what the kept part costs plus the characters removed before it.
std::string SanitizeForDisplay(absl::string_view text, size_t max_chars = kQuotedValueChars);

}  // namespace talent::common

#endif  // TALENT_COMMON_TEXT_SAFETY_H_
