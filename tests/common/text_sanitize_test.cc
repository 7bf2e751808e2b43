#include "common/text_sanitize.h"

#include <string>

#include "gtest/gtest.h"

namespace talent::common {
namespace {

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
