#include "common/text_sanitize.h"

#include <cstdint>

namespace talent::common {
namespace {

constexpr char32_t kInvalid = 0xFFFFFFFF;

bool IsContinuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// The code point starting at text[i] and its length in bytes; kInvalid
// (length 1) for a byte that does not start well-formed UTF-8 (overlong
// forms, surrogates and code points above U+10FFFF included).
char32_t Decode(absl::string_view text, size_t i, size_t* length) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const unsigned char b0 = byte(0);
  *length = 1;
  if (b0 < 0x80) return b0;
  size_t need = 0;
  char32_t c = 0;
  unsigned char low = 0x80, high = 0xBF;  // the allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
    c = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    c = b0 & 0x0F;
    if (b0 == 0xE0) low = 0xA0;   // overlong
    if (b0 == 0xED) high = 0x9F;  // surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    c = b0 & 0x07;
    if (b0 == 0xF0) low = 0x90;   // overlong
    if (b0 == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return kInvalid;
  }
  if (i + need >= text.size()) return kInvalid;  // cut short
  const unsigned char b1 = byte(1);
  if (b1 < low || b1 > high) return kInvalid;
  c = (c << 6) | (b1 & 0x3F);
  for (size_t k = 2; k <= need; ++k) {
    if (!IsContinuation(byte(k))) return kInvalid;
    c = (c << 6) | (byte(k) & 0x3F);
  }
  *length = need + 1;
  return c;
}

enum class Shown { kAsIs, kSpace, kNothing };

Shown Classify(char32_t c) {
  if (c == '\t' || c == '\n' || c == '\r') return Shown::kSpace;
  if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return Shown::kNothing;  // C0, DEL, C1
  if (c == 0x2028 || c == 0x2029) return Shown::kSpace;
  // Bidi marks, embeddings and overrides, isolates; zero-width characters.
  if (c == 0x061C || c == 0x200E || c == 0x200F) return Shown::kNothing;
  if (c >= 0x202A && c <= 0x202E) return Shown::kNothing;
  if (c >= 0x2066 && c <= 0x2069) return Shown::kNothing;
  if ((c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF) return Shown::kNothing;
  return Shown::kAsIs;
}

void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

}  // namespace

std::string SanitizeForDisplay(absl::string_view text, size_t max_chars) {
  std::string out;
  size_t kept = 0;  // characters in `out`
  size_t cut = 0;   // out.size() when it held max_chars - 1 characters
  for (size_t i = 0; i < text.size();) {
    size_t length = 1;
    char32_t c = Decode(text, i, &length);
    i += length;
    if (c == kInvalid) {
      c = 0xFFFD;
    } else {
      Shown shown = Classify(c);
      if (shown == Shown::kNothing) continue;
      if (shown == Shown::kSpace) c = ' ';
    }
    if (max_chars != 0 && kept == max_chars) {
      // One character too many: the last kept one gives way to the ellipsis.
      out.resize(cut);
      out += "…";
      return out;
    }
    if (max_chars != 0 && kept + 1 == max_chars) cut = out.size();
    AppendUtf8(c, &out);
    ++kept;
  }
  return out;
}

}  // namespace talent::common
