#include "server/domain/text_field.h"

#include "absl/strings/str_cat.h"
#include "common/text_safety.h"

namespace talent::domain {
namespace {

constexpr absl::string_view kIdeographicSpace = "\xE3\x80\x80";

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

}  // namespace

absl::string_view TrimTextView(absl::string_view text) {
  for (;;) {
    if (!text.empty() && IsAsciiSpace(text.front())) {
      text.remove_prefix(1);
    } else if (text.substr(0, 3) == kIdeographicSpace) {
      text.remove_prefix(3);
    } else {
      break;
    }
  }
  for (;;) {
    if (!text.empty() && IsAsciiSpace(text.back())) {
      text.remove_suffix(1);
    } else if (text.size() >= 3 && text.substr(text.size() - 3) == kIdeographicSpace) {
      text.remove_suffix(3);
    } else {
      break;
    }
  }
  return text;
}

std::string TrimText(absl::string_view text) { return std::string(TrimTextView(text)); }

int CharacterCount(absl::string_view text) {
  // Hand-written: a strict decoder is a few lines, and it must reject
  // overlong forms and surrogates exactly as the UTF-8 RFC says.
  int count = 0;
  size_t i = 0;
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  while (i < text.size()) {
    unsigned char c = s[i];
    size_t len;
    uint32_t cp;
    if (c < 0x80) {
      len = 1;
      cp = c;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return -1;
    }
    if (i + len > text.size()) return -1;
    for (size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return -1;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
    i += len;
    ++count;
  }
  return count;
}

absl::Status CheckText(absl::string_view field, std::string* value, int min_chars, int max_chars) {
  // Most cells need no trimming: no copy then.
  absl::string_view trimmed = TrimTextView(*value);
  if (trimmed.size() != value->size()) *value = std::string(trimmed);
  int n = CharacterCount(*value);
  if (n < 0) {
    return absl::InvalidArgumentError(absl::StrCat(field, " is not valid UTF-8 text"));
  }
  if (std::optional<common::UnsafeCharacter> bad = common::FindUnsafeCharacter(*value)) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, " must not contain control characters, line breaks or invisible formatting (",
        common::CodePointName(bad->code_point), " at character ", bad->position,
        "); retype it as plain text"));
  }
  if (n == 0 && min_chars > 0) {
    return absl::InvalidArgumentError(absl::StrCat(field, " is required"));
  }
  if (n < min_chars || n > max_chars) {
    return absl::InvalidArgumentError(absl::StrCat(field, " must be ", min_chars, "–", max_chars,
                                                   " characters, got ", n));
  }
  return absl::OkStatus();
}

absl::Status CheckRange(absl::string_view field, int64_t value, int64_t min, int64_t max) {
  if (value < min || value > max) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, " must be between ", min, " and ", max, ", got ", value));
  }
  return absl::OkStatus();
}

}  // namespace talent::domain
