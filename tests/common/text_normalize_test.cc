#include "common/text_normalize.h"

#include <string>

#include "gtest/gtest.h"

namespace talent::common {
namespace {

TEST(NormaliseForComparisonTest, TurnsFullWidthLettersAndDigitsIntoLowerCaseAscii) {
  EXPECT_EQ(NormaliseForComparison("ＡＢＣ１２３"), "abc123");
  EXPECT_EQ(NormaliseForComparison("ＡＢＣ１２３"), NormaliseForComparison("abc123"));
  EXPECT_EQ(NormaliseForComparison("Ｓｏｃｉａｌ"), "social");
}

TEST(NormaliseForComparisonTest, LowerCasesAscii) {
  EXPECT_EQ(NormaliseForComparison("ABC"), "abc");
  EXPECT_EQ(NormaliseForComparison("abc"), "abc");
}

TEST(NormaliseForComparisonTest, KeepsChineseCharacters) {
  EXPECT_EQ(NormaliseForComparison("成都市社工中心"), "成都市社工中心");
}

TEST(NormaliseForComparisonTest, RemovesChineseParenthesesAndSpaces) {
  EXPECT_EQ(NormaliseForComparison("成都市 社工中心（锦江）"), "成都市社工中心锦江");
  EXPECT_EQ(NormaliseForComparison("成都市 社工中心（锦江）"),
            NormaliseForComparison("成都市社工中心(锦江)"));
}

TEST(NormaliseForComparisonTest, RemovesEveryKindOfWhiteSpace) {
  // Ideographic space, tab, newline, no-break space.
  EXPECT_EQ(NormaliseForComparison("成都\xE3\x80\x80社工\t中心\n\xC2\xA0锦江"), "成都社工中心锦江");
  EXPECT_EQ(NormaliseForComparison(" \t "), "");
}

TEST(NormaliseForComparisonTest, RemovesPunctuation) {
  EXPECT_EQ(NormaliseForComparison("abc social-work"), "abcsocialwork");
  EXPECT_EQ(NormaliseForComparison("ABC Social Work"), NormaliseForComparison("abc social-work"));
  EXPECT_EQ(NormaliseForComparison("《四川》·【社工】、协会。“一”"), "四川社工协会一");
  EXPECT_EQ(NormaliseForComparison("St. Mary's — Centre"), "stmaryscentre");
}

TEST(NormaliseForComparisonTest, FoldsCaseFully) {
  EXPECT_EQ(NormaliseForComparison("Straße"), NormaliseForComparison("STRASSE"));
  EXPECT_EQ(NormaliseForComparison("Straße"), "strasse");
  EXPECT_EQ(NormaliseForComparison("ΟΔΟΣ"), NormaliseForComparison("οδος"));
}

TEST(NormaliseForComparisonTest, DoesNotMergeDifferentNames) {
  EXPECT_NE(NormaliseForComparison("成都市社工中心(锦江)"),
            NormaliseForComparison("成都市社工中心(青羊)"));
  EXPECT_NE(NormaliseForComparison("ABC Social Work"), NormaliseForComparison("ABC Social Works"));
  EXPECT_NE(NormaliseForComparison("社工站1号"), NormaliseForComparison("社工站2号"));
}

TEST(NormaliseForComparisonTest, ReturnsInvalidUtf8Unchanged) {
  const std::string invalid = "ABC\xFF\xFE Def";
  EXPECT_EQ(NormaliseForComparison(invalid), invalid);
  const std::string truncated = "成都\xE5\xB8";  // 市 cut after two of its three bytes
  EXPECT_EQ(NormaliseForComparison(truncated), truncated);
  const std::string overlong = "\xC0\xAF";  // "/" encoded in two bytes
  EXPECT_EQ(NormaliseForComparison(overlong), overlong);
}

TEST(NormaliseForComparisonTest, EmptyStaysEmpty) {
  EXPECT_EQ(NormaliseForComparison(""), "");
}

// NFKC can produce capitals from characters that have no case of their own
// (№ → "No", ℡ → "TEL"); the result must still be case-folded, so that
// normalising is idempotent and "№1" matches "No.1".
TEST(NormaliseForComparisonTest, CaseFoldsWhatNfkcProduces) {
  EXPECT_EQ(NormaliseForComparison("№1社工站"), "no1社工站");
  EXPECT_EQ(NormaliseForComparison("№1社工站"), NormaliseForComparison("NO.1社工站"));
  EXPECT_EQ(NormaliseForComparison("℡"), "tel");
}

TEST(NormaliseForComparisonTest, IsIdempotent) {
  for (const char* text : {"ＡＢＣ１２３", "成都市 社工中心（锦江）", "Straße", "Ⅻ", "№1", "㈱社工"}) {
    SCOPED_TRACE(text);
    const std::string once = NormaliseForComparison(text);
    EXPECT_EQ(NormaliseForComparison(once), once);
  }
}

}  // namespace
}  // namespace talent::common
