#include "common/fixed_point.h"

#include <cstdio>
#include <cstdlib>

#include "absl/strings/str_cat.h"

namespace talent::common {

int64_t DivideRounded(int64_t numerator, int64_t denominator) {
  int64_t quotient = numerator / denominator;
  int64_t remainder = numerator % denominator;
  // |remainder| * 2 >= denominator: the fraction is at least one half.
  if (std::llabs(remainder) * 2 >= denominator) quotient += numerator < 0 ? -1 : 1;
  return quotient;
}

absl::StatusOr<int64_t> ParseTenths(absl::string_view text) {
  auto bad = [&] {
    return absl::InvalidArgumentError(absl::StrCat(
        "\"", text, "\" is not a number of points with at most one decimal, e.g. 8.5"));
  };
  if (text.empty() || text.size() > 9) return bad();
  int64_t whole = 0;
  size_t i = 0;
  for (; i < text.size() && text[i] != '.'; ++i) {
    if (text[i] < '0' || text[i] > '9') return bad();
    whole = whole * 10 + (text[i] - '0');
  }
  if (i == 0) return bad();
  int64_t tenth = 0;
  if (i < text.size()) {  // a point
    if (text.size() - i != 2 || text[i + 1] < '0' || text[i + 1] > '9') return bad();
    tenth = text[i + 1] - '0';
  }
  return whole * 10 + tenth;
}

std::string FormatTenths(int64_t tenths) {
  const char* sign = tenths < 0 ? "-" : "";
  int64_t a = std::llabs(tenths);
  return absl::StrCat(sign, a / 10, ".", a % 10);
}

std::string FormatHundredths(int64_t hundredths) {
  const char* sign = hundredths < 0 ? "-" : "";
  int64_t a = std::llabs(hundredths);
  char fraction[4];
  std::snprintf(fraction, sizeof fraction, "%02lld", static_cast<long long>(a % 100));
  return absl::StrCat(sign, a / 100, ".", fraction);
}

}  // namespace talent::common
