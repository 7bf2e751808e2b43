#include "common/fixed_point.h"

#include <cstdio>
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "common/text_safety.h"

namespace talent::common {

int64_t DivideRounded(int64_t numerator, int64_t denominator) {
  int64_t quotient = numerator / denominator;
  // |remainder| < denominator: neither it nor the difference can overflow,
  // where |remainder| * 2 did for a denominator above 2^62.
  const int64_t remainder = std::llabs(numerator % denominator);
  // The fraction is at least one half: |remainder| >= denominator / 2.
  if (remainder >= denominator - remainder) quotient += numerator < 0 ? -1 : 1;
  return quotient;
}

namespace {

// A non-negative decimal with at most `decimals` digits after the point, as
// an integer in units of 10^-decimals.
absl::StatusOr<int64_t> ParseFixed(absl::string_view text, int decimals, const char* example) {
  auto bad = [&] {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", SanitizeForDisplay(text), "\" is not a number with at most ", decimals,
                     decimals == 1 ? " decimal" : " decimals", ", e.g. ", example));
  };
  if (text.empty() || text.size() > 9) return bad();
  int64_t value = 0;
  size_t i = 0;
  for (; i < text.size() && text[i] != '.'; ++i) {
    if (text[i] < '0' || text[i] > '9') return bad();
    value = value * 10 + (text[i] - '0');
  }
  if (i == 0) return bad();
  int digits = 0;
  if (i < text.size()) {  // a point, then 1..decimals digits
    if (i + 1 == text.size()) return bad();
    for (size_t k = i + 1; k < text.size(); ++k, ++digits) {
      if (digits == decimals || text[k] < '0' || text[k] > '9') return bad();
      value = value * 10 + (text[k] - '0');
    }
  }
  for (; digits < decimals; ++digits) value *= 10;
  return value;
}

}  // namespace

absl::StatusOr<int64_t> ParseTenths(absl::string_view text) { return ParseFixed(text, 1, "8.5"); }

absl::StatusOr<int64_t> ParseHundredths(absl::string_view text) {
  return ParseFixed(text, 2, "89.5");
}

namespace {

// |value| without overflow: std::llabs(INT64_MIN) is undefined.
uint64_t Magnitude(int64_t value) {
  return value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
}

}  // namespace

std::string FormatTenths(int64_t tenths) {
  const char* sign = tenths < 0 ? "-" : "";
  const uint64_t a = Magnitude(tenths);
  return absl::StrCat(sign, a / 10, ".", a % 10);
}

std::string FormatHundredths(int64_t hundredths) {
  const char* sign = hundredths < 0 ? "-" : "";
  const uint64_t a = Magnitude(hundredths);
  char fraction[4];
  std::snprintf(fraction, sizeof fraction, "%02llu", static_cast<unsigned long long>(a % 100));
  return absl::StrCat(sign, a / 100, ".", fraction);
}

}  // namespace talent::common
