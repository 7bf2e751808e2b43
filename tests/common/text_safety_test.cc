#include "common/text_safety.h"

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

TEST(SanitizeForDisplayTest, DropsControlsInvisiblesAndInvalidBytes) {
  EXPECT_EQ(SanitizeForDisplay("\x1b[31m红色\x1b[0m", 100), "[31m红色[0m");
  EXPECT_EQ(SanitizeForDisplay("abc\u202Egpj.exe", 100), "abcgpj.exe");
  EXPECT_EQ(SanitizeForDisplay("a\xFF\xC3z", 100), "az");
  EXPECT_EQ(SanitizeForDisplay("line\r\nbreak\tand tab", 100), "linebreakand tab");
  EXPECT_EQ(SanitizeForDisplay("", 10), "");
}

TEST(SanitizeForDisplayTest, CutsAtACharacterBoundary) {
  EXPECT_EQ(SanitizeForDisplay("成都市锦江区社会工作服务中心", 6), "成都市锦江区…");
  EXPECT_EQ(SanitizeForDisplay("成都市", 3), "成都市");
  EXPECT_EQ(SanitizeForDisplay("abcd", 0), "…");
  // Dropped characters do not count toward the limit.
  EXPECT_EQ(SanitizeForDisplay("\x1b\x1b\x1b" "abc", 3), "abc");
}

TEST(SanitizeForDisplayTest, AHugeCellBecomesShort) {
  std::string cell(1 << 20, 'x');
  cell.insert(10, "\x1b[2J\u202E");
  std::string shown = SanitizeForDisplay(cell, 64);
  // ESC and U+202E are dropped; the printable "[2J" after ESC stays.
  EXPECT_EQ(shown, std::string(10, 'x') + "[2J" + std::string(51, 'x') + "…");
}

}  // namespace
}  // namespace talent::common
