#include "server/domain/text_field.h"

#include <string>
#include <utility>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace talent::domain {
namespace {

using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;

// U+3000 IDEOGRAPHIC SPACE, which spreadsheets leave around Chinese text.
const std::string kIdeoSpace = "\xE3\x80\x80";

std::string Repeat(const std::string& piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

TEST(TrimTextTest, RemovesAsciiWhiteSpaceOnBothSides) {
  EXPECT_EQ(TrimText(" \t\r\n\v\f张三 \t\n"), "张三");
}

TEST(TrimTextTest, RemovesIdeographicSpacesMixedWithAsciiSpaces) {
  EXPECT_EQ(TrimText(kIdeoSpace + " " + kIdeoSpace + "张三" + kIdeoSpace + " \t" + kIdeoSpace),
            "张三");
}

TEST(TrimTextTest, KeepsInteriorSpaces) {
  EXPECT_EQ(TrimText("  张" + kIdeoSpace + "三 丰  "), "张" + kIdeoSpace + "三 丰");
}

TEST(TrimTextTest, AllSpaceBecomesEmpty) {
  EXPECT_EQ(TrimText(kIdeoSpace + "  " + kIdeoSpace), "");
  EXPECT_EQ(TrimText(""), "");
}

TEST(TrimTextTest, LeavesOtherCjkCharactersThatShareBytesAlone) {
  // U+3001 (、) shares its first two bytes with U+3000; it is not a space.
  EXPECT_EQ(TrimText("\xE3\x80\x81"), "\xE3\x80\x81");
}

TEST(CharacterCountTest, CountsCodePointsNotBytes) {
  EXPECT_EQ(CharacterCount(""), 0);
  EXPECT_EQ(CharacterCount("abc"), 3);
  EXPECT_EQ(CharacterCount("张三"), 2);
  EXPECT_EQ(CharacterCount("四川社会工作人才计划"), 10);
  EXPECT_EQ(CharacterCount("Zhang 张三"), 8);
  EXPECT_EQ(CharacterCount("\xF0\x9F\x98\x80"), 1);  // U+1F600, four bytes
}

TEST(CharacterCountTest, AcceptsTheBoundaryCodePoints) {
  EXPECT_EQ(CharacterCount("\xC2\x80"), 1);          // U+0080, smallest 2-byte
  EXPECT_EQ(CharacterCount("\xDF\xBF"), 1);          // U+07FF
  EXPECT_EQ(CharacterCount("\xE0\xA0\x80"), 1);      // U+0800, smallest 3-byte
  EXPECT_EQ(CharacterCount("\xED\x9F\xBF"), 1);      // U+D7FF, just below surrogates
  EXPECT_EQ(CharacterCount("\xEE\x80\x80"), 1);      // U+E000, just above surrogates
  EXPECT_EQ(CharacterCount("\xEF\xBF\xBF"), 1);      // U+FFFF
  EXPECT_EQ(CharacterCount("\xF0\x90\x80\x80"), 1);  // U+10000, smallest 4-byte
  EXPECT_EQ(CharacterCount("\xF4\x8F\xBF\xBF"), 1);  // U+10FFFF, the last code point
}

TEST(CharacterCountTest, RejectsOverlongEncodings) {
  EXPECT_EQ(CharacterCount("\xC0\xAF"), -1);              // '/' in two bytes
  EXPECT_EQ(CharacterCount("\xC1\xBF"), -1);              // U+007F in two bytes
  EXPECT_EQ(CharacterCount("\xE0\x80\xAF"), -1);          // '/' in three bytes
  EXPECT_EQ(CharacterCount("\xE0\x9F\xBF"), -1);          // U+07FF in three bytes
  EXPECT_EQ(CharacterCount("\xF0\x80\x80\xAF"), -1);      // '/' in four bytes
  EXPECT_EQ(CharacterCount("\xF0\x8F\xBF\xBF"), -1);      // U+FFFF in four bytes
  EXPECT_EQ(CharacterCount("ok\xC0\x80"), -1);            // "modified UTF-8" NUL
}

TEST(CharacterCountTest, RejectsSurrogates) {
  EXPECT_EQ(CharacterCount("\xED\xA0\x80"), -1);  // U+D800
  EXPECT_EQ(CharacterCount("\xED\xBF\xBF"), -1);  // U+DFFF
  // A CESU-8 surrogate pair for U+1F600.
  EXPECT_EQ(CharacterCount("\xED\xA0\xBD\xED\xB8\x80"), -1);
}

TEST(CharacterCountTest, RejectsCodePointsAboveUnicodeRange) {
  EXPECT_EQ(CharacterCount("\xF4\x90\x80\x80"), -1);  // U+110000
  EXPECT_EQ(CharacterCount("\xF7\xBF\xBF\xBF"), -1);
}

TEST(CharacterCountTest, RejectsMalformedSequences) {
  EXPECT_EQ(CharacterCount("\x80"), -1);              // lone continuation byte
  EXPECT_EQ(CharacterCount("a\xBF" "b"), -1);
  EXPECT_EQ(CharacterCount("\xE5\xBC"), -1);          // truncated 张
  EXPECT_EQ(CharacterCount("\xE5" "abc"), -1);        // lead byte without continuation
  EXPECT_EQ(CharacterCount("\xF8\x88\x80\x80\x80"), -1);  // five-byte form
  EXPECT_EQ(CharacterCount("\xFE"), -1);
  EXPECT_EQ(CharacterCount("\xFF"), -1);
  EXPECT_EQ(CharacterCount("张\xE4\xB8"), -1);         // valid text, then truncated
}

TEST(CheckTextTest, TrimsInPlaceAndAccepts) {
  std::string value = kIdeoSpace + " 张三 " + kIdeoSpace;
  EXPECT_THAT(CheckText("name", &value, 1, 50), IsOk());
  EXPECT_EQ(value, "张三");
}

TEST(CheckTextTest, EmptyAfterTrimmingIsRequired) {
  std::string value = kIdeoSpace + "  ";
  EXPECT_THAT(CheckText("name", &value, 1, 50),
              StatusIs(absl::StatusCode::kInvalidArgument, "name is required"));
  EXPECT_EQ(value, "");
}

TEST(CheckTextTest, EmptyAllowedWhenMinimumIsZero) {
  std::string value = "  ";
  EXPECT_THAT(CheckText("region", &value, 0, 50), IsOk());
  EXPECT_EQ(value, "");
}

TEST(CheckTextTest, LimitCountsCharactersNotBytes) {
  std::string fifty = Repeat("张", 50);  // 150 bytes
  EXPECT_THAT(CheckText("name", &fifty, 1, 50), IsOk());
  std::string fifty_one = Repeat("张", 51);
  EXPECT_THAT(CheckText("name", &fifty_one, 1, 50),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "name must be 1–50 characters, got 51"));
}

TEST(CheckTextTest, BelowMinimumNamesTheLimits) {
  std::string value = "ab";
  EXPECT_THAT(CheckText("code", &value, 3, 10),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "code must be 3–10 characters, got 2"));
}

TEST(CheckTextTest, RefusesControlCharactersAndLineBreaks) {
  const std::pair<std::string, std::string> cases[] = {
      {"张\n三", "U+000A"},      {"a\tb", "U+0009"},          {"a\rb", "U+000D"},
      {"a\x7F" "b", "U+007F"}, {"a\x01" "b", "U+0001"},     {std::string("a\0b", 3), "U+0000"},
      {"a\xC2\x9B" "b", "U+009B"} /* C1: CSI */};
  for (const auto& [bad, code_point] : cases) {
    std::string value = bad;
    EXPECT_THAT(CheckText("title", &value, 1, 100),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         "title must not contain control characters, line breaks or invisible "
                         "formatting (" + code_point + " at character 2); retype it as plain "
                         "text"))
        << "input " << ::testing::PrintToString(bad);
  }
}

TEST(CheckTextTest, RefusesBidiOverridesAndZeroWidthCharacters) {
  const std::pair<std::string, std::string> cases[] = {
      {"张伟\u202E", "U+202E at character 3"},   // right-to-left override
      {"张\u2066伟", "U+2066 at character 2"},   // left-to-right isolate
      {"张\u200B伟", "U+200B at character 2"},   // zero-width space
      {"张\u200D伟", "U+200D at character 2"},   // zero-width joiner
      {"\uFEFF张伟", "U+FEFF at character 1"},   // a byte order mark inside a cell
      {"张\u2028伟", "U+2028 at character 2"}};  // line separator
  for (const auto& [bad, where] : cases) {
    std::string value = bad;
    EXPECT_THAT(CheckText("name", &value, 1, 50),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         "name must not contain control characters, line breaks or invisible "
                         "formatting (" + where + "); retype it as plain text"))
        << "input " << ::testing::PrintToString(bad);
  }
}

TEST(CheckTextTest, AcceptsChineseWithPunctuationAndIdeographicSpaceInside) {
  std::string value = "成都市　锦江区社会工作服务中心（分部）·二";
  EXPECT_TRUE(CheckText("organisation", &value, 1, 100).ok());
}

TEST(CheckTextTest, RefusesInvalidUtf8) {
  std::string value = "abc\xC0\xAF";
  EXPECT_THAT(CheckText("issuer", &value, 1, 100),
              StatusIs(absl::StatusCode::kInvalidArgument, "issuer is not valid UTF-8 text"));
}

TEST(CheckRangeTest, AcceptsBoundsAndNamesFieldOutside) {
  EXPECT_THAT(CheckRange("talent_target", 1, 1, 100000), IsOk());
  EXPECT_THAT(CheckRange("talent_target", 100000, 1, 100000), IsOk());
  EXPECT_THAT(CheckRange("talent_target", 0, 1, 100000),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "talent_target must be between 1 and 100000, got 0"));
  EXPECT_THAT(CheckRange("talent_target", 100001, 1, 100000),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "talent_target must be between 1 and 100000, got 100001"));
}

}  // namespace
}  // namespace talent::domain
