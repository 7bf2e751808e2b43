#include "common/text_safety.h"

#include <string>

#include "gtest/gtest.h"

namespace talent::common {
namespace {

TEST(IsUnsafeCharacterTest, ControlsFormatCharactersAndSeparators) {
  for (char32_t cp : {U'\0', U'\t', U'\n', U'\x1b', U'\x7f', U'\x80', U'\x9b', U'\x9f'}) {
    EXPECT_TRUE(IsUnsafeCharacter(cp)) << CodePointName(cp);
  }
  // Bidi embeddings, overrides and isolates; marks; zero-width; BOM; soft
  // hyphen; word joiner; line and paragraph separators.
  for (char32_t cp : {U'\u202A', U'\u202B', U'\u202C', U'\u202D', U'\u202E', U'\u2066',
                      U'\u2067', U'\u2068', U'\u2069', U'\u200E', U'\u200F', U'\u061C',
                      U'\u200B', U'\u200C', U'\u200D', U'\uFEFF', U'\u00AD', U'\u2060',
                      U'\u2028', U'\u2029'}) {
    EXPECT_TRUE(IsUnsafeCharacter(cp)) << CodePointName(cp);
  }
}

TEST(IsUnsafeCharacterTest, TextOfEveryScriptTheProgrammeUsesIsSafe) {
  for (char32_t cp : {U' ', U'a', U'Z', U'0', U'-', U'(', U'·', U'张', U'龘', U'\u3000',
                      U'（', U'，', U'é', U'\U00020000' /* CJK extension B */}) {
    EXPECT_FALSE(IsUnsafeCharacter(cp)) << CodePointName(cp);
  }
}

TEST(FindUnsafeCharacterTest, NamesTheFirstAndItsPosition) {
  EXPECT_EQ(FindUnsafeCharacter("张伟"), std::nullopt);
  auto found = FindUnsafeCharacter("张\u202E伟\u200B");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->code_point, U'\u202E');
  EXPECT_EQ(found->position, 2);
  found = FindUnsafeCharacter("ab\xC2\x85");  // NEL, a C1 control
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->code_point, U'\x85');
  EXPECT_EQ(found->position, 3);
}

TEST(CodePointNameTest, FourHexDigitsAtLeast) {
  EXPECT_EQ(CodePointName(U'\x1b'), "U+001B");
  EXPECT_EQ(CodePointName(U'\u202E'), "U+202E");
  EXPECT_EQ(CodePointName(U'\U000E0001'), "U+E0001");
}

TEST(SanitizeForDisplayTest, KeepsOrdinaryTextAsItIs) {
  EXPECT_EQ(SanitizeForDisplay("清洁类"), "清洁类");
  EXPECT_EQ(SanitizeForDisplay("seven (七)"), "seven (七)");
  EXPECT_EQ(SanitizeForDisplay(""), "");
  EXPECT_EQ(SanitizeForDisplay("😀 emoji, four bytes"), "😀 emoji, four bytes");
}

TEST(SanitizeForDisplayTest, RemovesTheEscapeSequenceIntroducerAndOtherControls) {
  // ESC [31m would turn a terminal red; without ESC it is harmless text.
  EXPECT_EQ(SanitizeForDisplay("\x1b[31mred\x1b[0m"), "[31mred[0m");
  EXPECT_EQ(SanitizeForDisplay(std::string("a\0b\x07" "c\x7f" "d", 7)), "abcd");
  // C1 controls, e.g. U+009B (CSI) and U+0085 (NEL), as UTF-8.
  EXPECT_EQ(SanitizeForDisplay("a\xc2\x9b" "31mb\xc2\x85" "c"), "a31mbc");
}

TEST(SanitizeForDisplayTest, TabsAndLineBreaksBecomeSpaces) {
  EXPECT_EQ(SanitizeForDisplay("line one\nline two\r\tend"), "line one line two  end");
  EXPECT_EQ(SanitizeForDisplay("a\u2028b\u2029c"), "a b c");
}

TEST(SanitizeForDisplayTest, RemovesBidiFormattingAndZeroWidthCharacters) {
  // U+202E RIGHT-TO-LEFT OVERRIDE makes "exe.txt" display as "txt.exe".
  EXPECT_EQ(SanitizeForDisplay("invoice\u202Etxt.exe"), "invoicetxt.exe");
  EXPECT_EQ(SanitizeForDisplay("\u202A\u202B\u202C\u202D\u202Eabc"), "abc");
  EXPECT_EQ(SanitizeForDisplay("\u2066a\u2067b\u2068c\u2069"), "abc");
  EXPECT_EQ(SanitizeForDisplay("\u200Ea\u200Fb\u061Cc"), "abc");
  EXPECT_EQ(SanitizeForDisplay("\uFEFFzero\u200Bwidth\u200C\u200D\u2060"), "zerowidth");
}

TEST(SanitizeForDisplayTest, InvalidUtf8BytesBecomeReplacementCharacters) {
  EXPECT_EQ(SanitizeForDisplay("a\xff" "b"), "a\uFFFD" "b");
  EXPECT_EQ(SanitizeForDisplay("\xc0\xaf"), "\uFFFD\uFFFD");          // overlong '/'
  EXPECT_EQ(SanitizeForDisplay("\xed\xa0\x80"), "\uFFFD\uFFFD\uFFFD");  // a surrogate
  EXPECT_EQ(SanitizeForDisplay("\xf4\x90\x80\x80"), "\uFFFD\uFFFD\uFFFD\uFFFD");  // > U+10FFFF
  EXPECT_EQ(SanitizeForDisplay("end\xe6\xb8"), "end\uFFFD\uFFFD");   // cut short
}

TEST(SanitizeForDisplayTest, CutsLongTextToSixtyFourCharactersEndingInAnEllipsis) {
  std::string out = SanitizeForDisplay(std::string(1000, 'x'));
  EXPECT_EQ(out, std::string(63, 'x') + "…");
  // Exactly 64 characters are not cut.
  EXPECT_EQ(SanitizeForDisplay(std::string(64, 'y')), std::string(64, 'y'));
  EXPECT_EQ(SanitizeForDisplay(std::string(65, 'y')), std::string(63, 'y') + "…");
}

TEST(SanitizeForDisplayTest, CutsOnACharacterBoundaryCountingCharactersNotBytes) {
  std::string chinese;
  for (int i = 0; i < 100; ++i) chinese += "类";  // three bytes each
  std::string out;
  for (int i = 0; i < 9; ++i) out += "类";
  EXPECT_EQ(SanitizeForDisplay(chinese, 10), out + "…");
  EXPECT_EQ(SanitizeForDisplay("ab", 1), "…");
  EXPECT_EQ(SanitizeForDisplay("a", 1), "a");
}

TEST(SanitizeForDisplayTest, RemovedCharactersDoNotCountTowardsTheLimit) {
  EXPECT_EQ(SanitizeForDisplay("\x1b\x1b\x1b" "abc\u202E", 3), "abc");
}

TEST(SanitizeForDisplayTest, ZeroKeepsEverything) {
  EXPECT_EQ(SanitizeForDisplay(std::string(1000, 'x'), 0), std::string(1000, 'x'));
}

TEST(SanitizeForDisplayTest, AMegabyteCellWithEscapesAndOverridesComesBackShortAndClean) {
  std::string cell = "\x1b[31m\u202E";
  cell += std::string(1 << 20, 'A');
  std::string out = SanitizeForDisplay(cell);
  EXPECT_EQ(out, "[31m" + std::string(59, 'A') + "…");
  EXPECT_EQ(out.find('\x1b'), std::string::npos);
}

}  // namespace
}  // namespace talent::common
