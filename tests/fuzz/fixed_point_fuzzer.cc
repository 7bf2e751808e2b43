// Fixed-point numbers (common/fixed_point.h). The input is text for the
// parsers, and its first bytes are also read as two integers for the
// formatters and DivideRounded. Properties: a parsed value is non-negative
// and formats back to text that parses to it; formatting any integer gives
// the exact decimal (checked against 128-bit arithmetic); DivideRounded
// rounds half away from zero for every numerator and positive denominator.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/fixed_point.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using talent::common::DivideRounded;
using talent::common::FormatHundredths;
using talent::common::FormatTenths;
using talent::common::ParseHundredths;
using talent::common::ParseTenths;

// `value` / 10^decimals as exact decimal text, by 128-bit arithmetic.
std::string Exact(int64_t value, int decimals) {
  __int128 v = value;
  const bool negative = v < 0;
  if (negative) v = -v;
  const int64_t scale = decimals == 1 ? 10 : 100;
  const auto whole = static_cast<unsigned long long>(v / scale);
  const auto fraction = static_cast<unsigned long long>(v % scale);
  std::string digits = absl::StrCat(fraction);
  while (static_cast<int>(digits.size()) < decimals) digits.insert(0, "0");
  return absl::StrCat(negative ? "-" : "", whole, ".", digits);
}

int64_t ReferenceDivide(int64_t numerator, int64_t denominator) {
  const __int128 n = numerator, d = denominator;
  __int128 q = n / d;
  const __int128 r = n % d;
  if ((r < 0 ? -r : r) * 2 >= d) q += n < 0 ? -1 : 1;
  return static_cast<int64_t>(q);
}

void CheckParsed(const absl::StatusOr<int64_t>& parsed, int decimals) {
  if (!parsed.ok()) {
    FUZZ_CHECK(parsed.status().code() == absl::StatusCode::kInvalidArgument);
    return;
  }
  FUZZ_CHECK(*parsed >= 0);
  const std::string text = decimals == 1 ? FormatTenths(*parsed) : FormatHundredths(*parsed);
  FUZZ_CHECK(text == Exact(*parsed, decimals));
  // The parsers take at most 9 characters (so they cannot overflow): the
  // round trip holds for every value that formats within that.
  if (text.size() <= 9) {
    const auto again = decimals == 1 ? ParseTenths(text) : ParseHundredths(text);
    FUZZ_CHECK(again.ok() && *again == *parsed);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  CheckParsed(ParseTenths(text), 1);
  CheckParsed(ParseHundredths(text), 2);

  if (size >= 16) {
    int64_t a, b;
    std::memcpy(&a, data, 8);
    std::memcpy(&b, data + 8, 8);
    FUZZ_CHECK(FormatTenths(a) == Exact(a, 1));
    FUZZ_CHECK(FormatHundredths(a) == Exact(a, 2));
    if (b > 0) FUZZ_CHECK(DivideRounded(a, b) == ReferenceDivide(a, b));
  }
  return 0;
}
