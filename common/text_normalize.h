// Normalisation of names for comparison: two spellings of one organisation
// ("成都市 社工中心（锦江）" and "成都市社工中心(锦江)") compare equal. Uses
// libunistring (NFKC, case folding, Unicode character classes). Pure;
// thread-safe.
#ifndef TALENT_COMMON_TEXT_NORMALIZE_H_
#define TALENT_COMMON_TEXT_NORMALIZE_H_

#include <string>

#include "absl/strings/string_view.h"

namespace talent::common {

// NFKC (full-width forms become ASCII), case-folded, with every white space
// and punctuation character removed. Invalid UTF-8 is returned unchanged.
std::string NormaliseForComparison(absl::string_view text);

}  // namespace talent::common

#endif  // TALENT_COMMON_TEXT_NORMALIZE_H_
