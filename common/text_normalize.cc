#include "common/text_normalize.h"

#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include <cstdlib>

namespace talent::common {

std::string NormaliseForComparison(absl::string_view text) {
  const auto* in = reinterpret_cast<const uint8_t*>(text.data());
  if (u8_check(in, text.size()) != nullptr) return std::string(text);
  // Case folding with NFKC normalisation in one call.
  size_t folded_size = 0;
  uint8_t* folded = u8_casefold(in, text.size(), nullptr, UNINORM_NFKC, nullptr, &folded_size);
  if (folded == nullptr) return std::string(text);
  std::string out;
  out.reserve(folded_size);
  for (size_t i = 0; i < folded_size;) {
    ucs4_t c = 0;
    int len = u8_mbtouc(&c, folded + i, folded_size - i);
    if (len <= 0) break;
    if (!uc_is_property_white_space(c) && !uc_is_general_category(c, UC_CATEGORY_P)) {
      out.append(reinterpret_cast<const char*>(folded + i), len);
    }
    i += len;
  }
  std::free(folded);
  return out;
}

}  // namespace talent::common
