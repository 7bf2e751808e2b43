#include "common/text_safety.h"

#include <unictype.h>
#include <unistr.h>

#include <algorithm>

#include "absl/strings/str_format.h"

namespace talent::common {
namespace {

const uint8_t* Bytes(absl::string_view text) {
  return reinterpret_cast<const uint8_t*>(text.data());
}

}  // namespace

bool IsUnsafeCharacter(char32_t code_point) {
  static const uc_general_category_t kUnsafe = uc_general_category_or(
      uc_general_category_or(UC_CATEGORY_Cc, UC_CATEGORY_Cf),
      uc_general_category_or(UC_CATEGORY_Zl, UC_CATEGORY_Zp));
  return uc_is_general_category(code_point, kUnsafe);
}

std::optional<UnsafeCharacter> FindUnsafeCharacter(absl::string_view text) {
  int position = 0;
  for (size_t i = 0; i < text.size();) {
    ucs4_t cp = 0;
    int len = u8_mbtoucr(&cp, Bytes(text) + i, text.size() - i);
    if (len <= 0) return std::nullopt;  // not valid UTF-8: the caller's check
    ++position;
    if (IsUnsafeCharacter(cp)) return UnsafeCharacter{cp, position};
    i += static_cast<size_t>(len);
  }
  return std::nullopt;
}

std::string CodePointName(char32_t code_point) {
  return absl::StrFormat("U+%04X", static_cast<uint32_t>(code_point));
}

std::string SanitizeForDisplay(absl::string_view text, size_t max_chars) {
  std::string out;
  // At most four bytes a character, and three for the ellipsis.
  out.reserve(max_chars < text.size() / 4 ? max_chars * 4 + 3 : text.size());
  size_t kept = 0;
  for (size_t i = 0; i < text.size();) {
    ucs4_t cp = 0;
    int len = u8_mbtoucr(&cp, Bytes(text) + i, text.size() - i);
    if (len <= 0) {  // an invalid or truncated sequence: skip one byte
      ++i;
      continue;
    }
    if (!IsUnsafeCharacter(cp)) {
      if (kept == max_chars) {
        out += "…";
        break;
      }
      out.append(text.data() + i, static_cast<size_t>(len));
      ++kept;
    }
    i += static_cast<size_t>(len);
  }
  return out;
}

}  // namespace talent::common
