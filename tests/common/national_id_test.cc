#include "common/national_id.h"

#include <string>

#include "gtest/gtest.h"

namespace talent::common {
namespace {

const Date kToday{2024, 6, 1};

// The INVALID_ARGUMENT message of parsing `text`, or "OK" when it parses.
std::string ErrorOf(std::string_view text) {
  absl::StatusOr<NationalId> id = ParseNationalId(text, kToday);
  if (id.ok()) return "OK";
  EXPECT_EQ(id.status().code(), absl::StatusCode::kInvalidArgument) << id.status();
  return std::string(id.status().message());
}

TEST(NationalIdTest, CheckCharacterOfKnownIds) {
  EXPECT_EQ(NationalIdCheckCharacter("11010519491231002"), 'X');
  EXPECT_EQ(NationalIdCheckCharacter("51010419900307123"), '7');
  EXPECT_EQ(NationalIdCheckCharacter("51070319851115004"), '8');
  EXPECT_EQ(NationalIdCheckCharacter("51070319851115003"), 'X');
  EXPECT_EQ(NationalIdCheckCharacter("00000000000000000"), '1');
}

TEST(NationalIdTest, CheckCharacterRejectsMalformedInput) {
  EXPECT_EQ(NationalIdCheckCharacter("5101041990030712"), '\0');
  EXPECT_EQ(NationalIdCheckCharacter("510104199003071237"), '\0');
  EXPECT_EQ(NationalIdCheckCharacter("5101041990030712a"), '\0');
  EXPECT_EQ(NationalIdCheckCharacter(""), '\0');
}

TEST(NationalIdTest, ParsesValidIdIntoFields) {
  absl::StatusOr<NationalId> id = ParseNationalId("510104199003071237", kToday);
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(id->id, "510104199003071237");
  EXPECT_EQ(id->region, "510104");
  EXPECT_EQ(id->birth_date, (Date{1990, 3, 7}));
  EXPECT_TRUE(id->male);  // 17th digit 3
}

TEST(NationalIdTest, SeventeenthDigitEvenIsFemale) {
  absl::StatusOr<NationalId> id = ParseNationalId("11010519491231002X", kToday);
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_FALSE(id->male);
  EXPECT_EQ(id->region, "110105");
  EXPECT_EQ(id->birth_date, (Date{1949, 12, 31}));
}

TEST(NationalIdTest, AcceptsLowercaseXAndNormalises) {
  absl::StatusOr<NationalId> id = ParseNationalId("11010519491231002x", kToday);
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(id->id, "11010519491231002X");
  absl::StatusOr<NationalId> odd = ParseNationalId("51070319851115003x", kToday);
  ASSERT_TRUE(odd.ok()) << odd.status();
  EXPECT_EQ(odd->id, "51070319851115003X");
  EXPECT_TRUE(odd->male);
}

TEST(NationalIdTest, IgnoresSurroundingAsciiWhitespace) {
  absl::StatusOr<NationalId> id = ParseNationalId("  510104199003071237\t\r\n", kToday);
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(id->id, "510104199003071237");
}

TEST(NationalIdTest, AcceptsLeapDayAndBirthToday) {
  EXPECT_EQ(ErrorOf("510104200002290011"), "OK");
  EXPECT_EQ(ErrorOf("110101202406010018"), "OK");
}

TEST(NationalIdTest, RejectsWrongLength) {
  EXPECT_EQ(ErrorOf("51010419900307123"), "national ID must have 18 characters, got 17");
  EXPECT_EQ(ErrorOf("5101041990030712370"), "national ID must have 18 characters, got 19");
  EXPECT_EQ(ErrorOf(""), "national ID must have 18 characters, got 0");
  EXPECT_EQ(ErrorOf("   "), "national ID must have 18 characters, got 0");
  // Spaces inside are not trimmed.
  EXPECT_EQ(ErrorOf("510104 199003071237"), "national ID must have 18 characters, got 19");
}

TEST(NationalIdTest, CountsChineseCharactersOnceInLengthMessage) {
  EXPECT_EQ(ErrorOf("身份证"), "national ID must have 18 characters, got 3");
}

TEST(NationalIdTest, ExplainsOldFifteenDigitIds) {
  EXPECT_EQ(ErrorOf("510104900307123"),
            "national ID must have 18 characters, got 15 (an old 15-digit ID? use the 18-digit "
            "number on the current card)");
}

TEST(NationalIdTest, RejectsNonDigitInFirstSeventeen) {
  EXPECT_EQ(ErrorOf("5101041990030A1237"), "national ID character 14 must be a digit, not 'A'");
  EXPECT_EQ(ErrorOf("X10104199003071237"), "national ID character 1 must be a digit, not 'X'");
  EXPECT_EQ(ErrorOf("51010419900307123\x01"), "national ID must end with a digit or X");
}

TEST(NationalIdTest, RejectsMultiByteCharacterAmongEighteen) {
  EXPECT_EQ(ErrorOf("5101041990030中1237"), "national ID character 14 must be a digit");
  EXPECT_EQ(ErrorOf("51010419900307123中"), "national ID must end with a digit or X");
}

TEST(NationalIdTest, RejectsBadLastCharacter) {
  EXPECT_EQ(ErrorOf("51010419900307123Y"), "national ID must end with a digit or X, not 'Y'");
}

TEST(NationalIdTest, RejectsFullWidthDigits) {
  // "５１０１０４１９９００３０７１２３７": what a Chinese IME types in full-width mode.
  EXPECT_EQ(ErrorOf("５１０１０４１９９００３０７１２３７"),
            "national ID contains full-width characters (switch the input method to "
            "half-width and retype it)");
  EXPECT_EQ(ErrorOf("51010419900307123Ｘ"),
            "national ID contains full-width characters (switch the input method to "
            "half-width and retype it)");
}

TEST(NationalIdTest, RecognisesSpreadsheetScientificNotation) {
  EXPECT_EQ(ErrorOf("5.10104E+17"),
            "national ID was turned into a number by a spreadsheet and lost digits (format the "
            "column as Text and retype the ID)");
}

TEST(NationalIdTest, RejectsImpossibleBirthDate) {
  EXPECT_EQ(ErrorOf("510104199913321231"), "national ID birth date 19991332 is not a real date");
  EXPECT_EQ(ErrorOf("510104200102290019"), "national ID birth date 20010229 is not a real date");
  EXPECT_EQ(ErrorOf("510104199000001230"), "national ID birth date 19900000 is not a real date");
}

TEST(NationalIdTest, RejectsBirthBefore1900) {
  EXPECT_EQ(ErrorOf("510104189912310013"), "national ID birth date 18991231 is before 1900");
}

TEST(NationalIdTest, RejectsBirthAfterToday) {
  EXPECT_EQ(ErrorOf("110101202406020013"),
            "national ID birth date 20240602 is after today (2024-06-01)");
}

TEST(NationalIdTest, RejectsWrongCheckCharacter) {
  EXPECT_EQ(ErrorOf("510104199003071233"),
            "national ID check character should be 7, not 3 (mistyped digit?)");
  EXPECT_EQ(ErrorOf("110105194912310021"),
            "national ID check character should be X, not 1 (mistyped digit?)");
  EXPECT_EQ(ErrorOf("51010419900307123x"),
            "national ID check character should be 7, not X (mistyped digit?)");
}

TEST(NationalIdTest, MessagesNeverContainTheId) {
  const std::string inputs[] = {
      "510104199003071233", "51010419900307123Y",  "510104199913321231", "510104189912310013",
      "110101202406020013", "5101041990030712370", "5101041990030A1237",
  };
  for (const std::string& input : inputs) {
    const std::string message = ErrorOf(input);
    ASSERT_NE(message, "OK") << input;
    // Not even the 17 digits that identify the person.
    EXPECT_EQ(message.find(input.substr(0, 17)), std::string::npos) << message;
    EXPECT_EQ(message.find(input.substr(0, 10)), std::string::npos) << message;
  }
}

TEST(NationalIdTest, MasksEighteenCharacterIdToItsLastFour) {
  // Neither the region (1-6) nor the birth date (7-14) is shown: with the
  // last four they would be the whole ID.
  EXPECT_EQ(MaskNationalId("510104199003071234"), "**************1234");
  EXPECT_EQ(MaskNationalId("11010519491231002X"), "**************002X");
  // An ID masked the older way (region and last four) is masked again.
  EXPECT_EQ(MaskNationalId("510104********6091"), "**************6091");
}

TEST(NationalIdTest, MasksOtherLengthsButLastFour) {
  EXPECT_EQ(MaskNationalId("51010419900307123"), "*************7123");
  EXPECT_EQ(MaskNationalId("12345"), "*2345");
  EXPECT_EQ(MaskNationalId("1234"), "1234");
  EXPECT_EQ(MaskNationalId(""), "");
  // One asterisk per Chinese character, not per byte.
  EXPECT_EQ(MaskNationalId("张三李四王五"), "**李四王五");
}

}  // namespace
}  // namespace talent::common
