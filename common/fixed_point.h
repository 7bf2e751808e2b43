// Fixed-point numbers of the assessment rules (docs/rules.md §1): points
// are integer tenths, aggregates integer hundredths, and every division
// rounds half away from zero. No floating point anywhere. Pure functions;
// thread-safe.
#ifndef TALENT_COMMON_FIXED_POINT_H_
#define TALENT_COMMON_FIXED_POINT_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace talent::common {

// numerator / denominator rounded half away from zero; denominator > 0.
int64_t DivideRounded(int64_t numerator, int64_t denominator);

// "8.5" → 85, "15" → 150, "0.0" → 0. INVALID_ARGUMENT for anything but a
// non-negative decimal with at most one digit after the point.
absl::StatusOr<int64_t> ParseTenths(absl::string_view text);

// "89.5" → 8950, "90" → 9000, "89.99" → 8999. INVALID_ARGUMENT for anything
// but a non-negative decimal with at most two digits after the point.
absl::StatusOr<int64_t> ParseHundredths(absl::string_view text);

// 85 → "8.5", 150 → "15.0".
std::string FormatTenths(int64_t tenths);
// 8557 → "85.57", -5 → "-0.05".
std::string FormatHundredths(int64_t hundredths);

}  // namespace talent::common

#endif  // TALENT_COMMON_FIXED_POINT_H_
