#include "common/fixed_point.h"

#include <cstdint>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace talent::common {
namespace {

using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;

constexpr absl::StatusCode kInvalid = absl::StatusCode::kInvalidArgument;

// --- DivideRounded ---------------------------------------------------------

TEST(DivideRoundedTest, RoundsHalfAwayFromZero) {
  EXPECT_EQ(DivideRounded(5, 2), 3);
  EXPECT_EQ(DivideRounded(-5, 2), -3);
  EXPECT_EQ(DivideRounded(1, 2), 1);
  EXPECT_EQ(DivideRounded(-1, 2), -1);
  EXPECT_EQ(DivideRounded(3, 2), 2);
  EXPECT_EQ(DivideRounded(-3, 2), -2);
  EXPECT_EQ(DivideRounded(32010, 4), 8003);  // 8002.5
}

TEST(DivideRoundedTest, RoundsBelowHalfTowardZeroAndAboveHalfAway) {
  EXPECT_EQ(DivideRounded(7, 3), 2);
  EXPECT_EQ(DivideRounded(8, 3), 3);
  EXPECT_EQ(DivideRounded(-7, 3), -2);
  EXPECT_EQ(DivideRounded(-8, 3), -3);
  EXPECT_EQ(DivideRounded(1, 3), 0);
  EXPECT_EQ(DivideRounded(-1, 3), 0);
  EXPECT_EQ(DivideRounded(2, 3), 1);
  EXPECT_EQ(DivideRounded(49, 100), 0);
  EXPECT_EQ(DivideRounded(50, 100), 1);
  EXPECT_EQ(DivideRounded(-49, 100), 0);
  EXPECT_EQ(DivideRounded(-50, 100), -1);
}

TEST(DivideRoundedTest, ExactQuotientsAreUnchanged) {
  EXPECT_EQ(DivideRounded(0, 7), 0);
  EXPECT_EQ(DivideRounded(4, 2), 2);
  EXPECT_EQ(DivideRounded(-9, 3), -3);
  EXPECT_EQ(DivideRounded(10, 1), 10);
  EXPECT_EQ(DivideRounded(-10, 1), -10);
}

TEST(DivideRoundedTest, LargeOperands) {
  // Far beyond any realistic sum of points, still exact.
  EXPECT_EQ(DivideRounded(int64_t{1} << 60, 2), int64_t{1} << 59);
  EXPECT_EQ(DivideRounded((int64_t{1} << 60) + 1, 2), (int64_t{1} << 59) + 1);
  EXPECT_EQ(DivideRounded(-((int64_t{1} << 60) + 1), 2), -((int64_t{1} << 59) + 1));
}

// Found by tests/fuzz/fixed_point_fuzzer: |remainder| * 2 overflowed for a
// denominator above 2^62 (UBSan: signed integer overflow).
TEST(DivideRoundedTest, DenominatorsAboveTwoToThe62DoNotOverflow) {
  constexpr int64_t kMax = INT64_MAX;                          // 2^63 - 1
  constexpr int64_t kThreeQuarters = (int64_t{3} << 61);       // 0.75 of 2^63
  EXPECT_EQ(DivideRounded(-kThreeQuarters, kMax), -1);
  EXPECT_EQ(DivideRounded(kThreeQuarters, kMax), 1);
  EXPECT_EQ(DivideRounded((int64_t{1} << 62) + 1, kMax), 1);   // just above half
  EXPECT_EQ(DivideRounded((int64_t{1} << 62) - 1, kMax), 0);   // just below half
  EXPECT_EQ(DivideRounded((int64_t{1} << 62) - 1, kMax - 1), 1);  // exactly half
  EXPECT_EQ(DivideRounded(-((int64_t{1} << 62) - 1), kMax - 1), -1);
  EXPECT_EQ(DivideRounded(kMax, kMax), 1);
  EXPECT_EQ(DivideRounded(INT64_MIN, kMax), -1);  // -1 - 1/(2^63 - 1): rounds to -1
}

// --- ParseTenths -----------------------------------------------------------

TEST(ParseTenthsTest, ParsesPointsWithAtMostOneDecimal) {
  EXPECT_EQ(ParseTenths("8.5").value(), 85);
  EXPECT_EQ(ParseTenths("15").value(), 150);
  EXPECT_EQ(ParseTenths("0").value(), 0);
  EXPECT_EQ(ParseTenths("0.0").value(), 0);
  EXPECT_EQ(ParseTenths("15.0").value(), 150);
  EXPECT_EQ(ParseTenths("0.1").value(), 1);
  EXPECT_EQ(ParseTenths("100.0").value(), 1000);
  EXPECT_EQ(ParseTenths("20").value(), 200);
}

TEST(ParseTenthsTest, RefusesMoreThanOneDecimal) {
  EXPECT_THAT(ParseTenths("8.55"), StatusIs(kInvalid));
  EXPECT_THAT(ParseTenths("8.50"), StatusIs(kInvalid));
  EXPECT_THAT(ParseTenths("0.05"), StatusIs(kInvalid));
}

TEST(ParseTenthsTest, RefusesNegativeNumbers) {
  EXPECT_THAT(ParseTenths("-1"), StatusIs(kInvalid));
  EXPECT_THAT(ParseTenths("-0.5"), StatusIs(kInvalid));
  EXPECT_THAT(ParseTenths("-0"), StatusIs(kInvalid));
}

TEST(ParseTenthsTest, RefusesMalformedText) {
  for (const char* text : {"", ".5", "5.", ".", "abc", "1e2", "+1", "8,5", "1.2.3", "8.5.",
                           "8.a", "a.5", "0x10", " ", "nan", "inf"}) {
    EXPECT_THAT(ParseTenths(text), StatusIs(kInvalid)) << "text: \"" << text << "\"";
  }
}

TEST(ParseTenthsTest, RefusesSurroundingOrInnerSpaces) {
  EXPECT_THAT(ParseTenths(" 8.5"), StatusIs(kInvalid));
  EXPECT_THAT(ParseTenths("8.5 "), StatusIs(kInvalid));
  EXPECT_THAT(ParseTenths("8 .5"), StatusIs(kInvalid));
}

TEST(ParseTenthsTest, RefusesFullWidthDigits) {
  EXPECT_THAT(ParseTenths("\xEF\xBC\x98.5"), StatusIs(kInvalid));  // "８.5"
}

TEST(ParseTenthsTest, RefusesNumbersThatWouldOverflow) {
  EXPECT_THAT(ParseTenths("99999999999999999999"), StatusIs(kInvalid));
  EXPECT_THAT(ParseTenths("9223372036854775807"), StatusIs(kInvalid));
}

TEST(ParseTenthsTest, ReadsOnlyTheView) {
  // Views into a longer buffer: nothing past the view may be read.
  const char buffer[] = "5.5 8.55";
  EXPECT_THAT(ParseTenths(absl::string_view(buffer, 2)), StatusIs(kInvalid));  // "5."
  EXPECT_EQ(ParseTenths(absl::string_view(buffer, 3)).value(), 55);           // "5.5"
  EXPECT_EQ(ParseTenths(absl::string_view(buffer + 4, 3)).value(), 85);       // "8.5"
  EXPECT_EQ(ParseTenths(absl::string_view(buffer + 4, 1)).value(), 80);       // "8"
}

TEST(ParseTenthsTest, RefusesTextCutAtAnEmbeddedNul) {
  EXPECT_THAT(ParseTenths(absl::string_view("8\0" "5", 3)), StatusIs(kInvalid));
}

// --- FormatTenths / FormatHundredths ---------------------------------------

TEST(FormatTenthsTest, AlwaysOneDecimal) {
  EXPECT_EQ(FormatTenths(85), "8.5");
  EXPECT_EQ(FormatTenths(150), "15.0");
  EXPECT_EQ(FormatTenths(0), "0.0");
  EXPECT_EQ(FormatTenths(5), "0.5");
  EXPECT_EQ(FormatTenths(1000), "100.0");
  EXPECT_EQ(FormatTenths(2567), "256.7");
}

TEST(FormatHundredthsTest, AlwaysTwoDecimals) {
  EXPECT_EQ(FormatHundredths(8557), "85.57");
  EXPECT_EQ(FormatHundredths(8003), "80.03");
  EXPECT_EQ(FormatHundredths(5), "0.05");
  EXPECT_EQ(FormatHundredths(0), "0.00");
  EXPECT_EQ(FormatHundredths(50), "0.50");
  EXPECT_EQ(FormatHundredths(8050), "80.50");
  EXPECT_EQ(FormatHundredths(9000), "90.00");
  EXPECT_EQ(FormatHundredths(10000), "100.00");
}

TEST(FormatHundredthsTest, NegativeValuesKeepTheSign) {
  EXPECT_EQ(FormatHundredths(-5), "-0.05");
  EXPECT_EQ(FormatHundredths(-8557), "-85.57");
}

// The magnitude of INT64_MIN does not fit an int64_t (std::llabs of it is
// undefined); the formatters work on the unsigned magnitude.
TEST(FixedPointTest, FormatsTheExtremesExactly) {
  EXPECT_EQ(FormatTenths(INT64_MIN), "-922337203685477580.8");
  EXPECT_EQ(FormatTenths(INT64_MAX), "922337203685477580.7");
  EXPECT_EQ(FormatHundredths(INT64_MIN), "-92233720368547758.08");
  EXPECT_EQ(FormatHundredths(INT64_MAX), "92233720368547758.07");
}

TEST(FixedPointTest, FormatThenParseRoundTripsEveryPoint) {
  for (int64_t tenths = 0; tenths <= 1000; ++tenths) {
    absl::StatusOr<int64_t> parsed = ParseTenths(FormatTenths(tenths));
    ASSERT_THAT(parsed, IsOk()) << tenths;
    EXPECT_EQ(*parsed, tenths);
  }
}

}  // namespace
}  // namespace talent::common
