// Text that came from a user (a spreadsheet cell, a file name) made safe to
// quote back: in an error message, a log line or on a terminal. A cell of
// 64 MB, an escape sequence that recolours the terminal, or a bidi override
// that makes "exe.txt" read "txt.exe" must not reach the reader as it came.
// Used by the server's error messages and, for terminal output, by the
// client. Pure functions; thread-safe.
#ifndef TALENT_COMMON_TEXT_SANITIZE_H_
#define TALENT_COMMON_TEXT_SANITIZE_H_

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"

namespace talent::common {

// How many characters of a user's value an error message quotes.
inline constexpr size_t kQuotedValueChars = 64;

// `text` as it may be shown:
//   * removed: control characters (C0 but tab, line feed and carriage return,
//     which become a space; DEL; C1), bidirectional formatting (U+061C,
//     U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and zero-width
//     characters (U+200B–U+200D, U+2060, U+FEFF);
//   * U+2028 and U+2029 (line and paragraph separators) become a space;
//   * each byte that is not part of valid UTF-8 becomes U+FFFD;
//   * at most `max_chars` characters (code points) are kept: a longer text
//     is cut on a character boundary and ends in "…" (which counts as one
//     of them). `max_chars` 0 keeps everything.
// Reads no further into `text` than it must, so a huge value costs only
// what the kept part costs plus the characters removed before it.
std::string SanitizeForDisplay(absl::string_view text, size_t max_chars = kQuotedValueChars);

}  // namespace talent::common

#endif  // TALENT_COMMON_TEXT_SANITIZE_H_
