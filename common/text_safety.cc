#include "common/text_safety.h"

#include <unictype.h>
#include <unistr.h>


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
  size_t kept = 0;  // characters in `out`
  size_t cut = 0;   // out.size() when it held max_chars - 1 characters
  for (size_t i = 0; i < text.size();) {
    ucs4_t cp = 0;
    int len = u8_mbtoucr(&cp, Bytes(text) + i, text.size() - i);
    if (len <= 0) {  // not valid UTF-8 (or cut short): one byte, shown as U+FFFD
      cp = 0xFFFD;
      len = 1;
    } else if (cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029) {
      cp = ' ';
    } else if (IsUnsafeCharacter(cp)) {
      i += static_cast<size_t>(len);
      continue;
    }
    i += static_cast<size_t>(len);
    if (max_chars != 0 && kept == max_chars) {
      // One character too many: the last kept one gives way to the ellipsis.
      out.resize(cut);
      out += "…";
      return out;
    }
    if (max_chars != 0 && kept + 1 == max_chars) cut = out.size();
    uint8_t buffer[6];
    int n = u8_uctomb(buffer, cp, sizeof buffer);
    out.append(reinterpret_cast<const char*>(buffer), static_cast<size_t>(n));
    ++kept;
  }
  return out;
}

}  // namespace talent::common
