#include "common/text_width.h"

#include <string>

#include "gtest/gtest.h"

namespace talent::common {
namespace {

TEST(DisplayWidthTest, ChineseCharactersTakeTwoColumns) {
  EXPECT_EQ(DisplayWidth("张三"), 4);
  EXPECT_EQ(DisplayWidth("欧阳娜娜"), 8);
  EXPECT_EQ(DisplayWidth("成都市锦江区社会工作服务中心"), 28);
}

TEST(DisplayWidthTest, AsciiTakesOneColumn) {
  EXPECT_EQ(DisplayWidth(""), 0);
  EXPECT_EQ(DisplayWidth("abc"), 3);
  EXPECT_EQ(DisplayWidth("Li Lei"), 6);
}

TEST(DisplayWidthTest, MixedAsciiAndChinese) {
  EXPECT_EQ(DisplayWidth("张三abc"), 7);
  EXPECT_EQ(DisplayWidth("2023年度"), 8);
  EXPECT_EQ(DisplayWidth("服务类 (service)"), 16);
}

TEST(DisplayWidthTest, FullWidthFormsAndPunctuationTakeTwoColumns) {
  EXPECT_EQ(DisplayWidth("ＡＢ"), 4);
  EXPECT_EQ(DisplayWidth("，。"), 4);
  EXPECT_EQ(DisplayWidth("（一）"), 6);
}

TEST(DisplayWidthTest, CombiningMarksTakeNoColumns) {
  EXPECT_EQ(DisplayWidth("e\xCC\x81"), 1);  // e + U+0301 COMBINING ACUTE ACCENT
  EXPECT_EQ(DisplayWidth("a\xCC\x80\xCC\x81z"), 2);
}

TEST(DisplayWidthTest, AmbiguousWidthCharactersTakeOneColumn) {
  EXPECT_EQ(DisplayWidth("·"), 1);  // U+00B7, common in minority names
  EXPECT_EQ(DisplayWidth("买买提·艾力"), 11);
}

TEST(DisplayWidthTest, InvalidBytesCountOneEach) {
  EXPECT_EQ(DisplayWidth("\xFF\xFE"), 2);
  EXPECT_EQ(DisplayWidth("a\xE4\xB8"), 3);         // truncated 中
  EXPECT_EQ(DisplayWidth("\xD5\xC5\xC8\xFD"), 4);  // 张三 in GBK
  EXPECT_EQ(DisplayWidth("张\xFF三"), 5);
}

TEST(DisplayWidthTest, EmbeddedNulDoesNotEndTheText) {
  EXPECT_EQ(DisplayWidth(std::string_view("中\0文", 7)), 4);
}

TEST(PadToWidthTest, PadsByDisplayColumns) {
  EXPECT_EQ(PadToWidth("张三", 6), "张三  ");
  EXPECT_EQ(PadToWidth("张三", 6, Align::kRight), "  张三");
  EXPECT_EQ(PadToWidth("ab", 4), "ab  ");
  EXPECT_EQ(PadToWidth("", 3), "   ");
  EXPECT_EQ(PadToWidth("12", 5, Align::kRight), "   12");
}

TEST(PadToWidthTest, NeverTruncates) {
  EXPECT_EQ(PadToWidth("张三abc", 3), "张三abc");
  EXPECT_EQ(PadToWidth("张三", 4), "张三");
  EXPECT_EQ(PadToWidth("abc", 0, Align::kRight), "abc");
  EXPECT_EQ(PadToWidth("abc", -5), "abc");
}

TEST(TextTableTest, AlignsChineseNamesByDisplayWidth) {
  TextTable table({"NAME", "GENDER", "COUNT"}, {Align::kLeft, Align::kLeft, Align::kRight});
  table.AddRow({"张三", "男", "12"});
  table.AddRow({"欧阳娜娜", "女", "3"});
  table.AddRow({"Li Lei", "male", "100"});
  EXPECT_EQ(table.rows(), 3u);
  EXPECT_EQ(table.Render(),
            "NAME      GENDER  COUNT\n"
            "张三      男         12\n"
            "欧阳娜娜  女          3\n"
            "Li Lei    male      100\n");
}

TEST(TextTableTest, ChineseHeadingsAlign) {
  TextTable table({"姓名", "类别", "人数"}, {Align::kLeft, Align::kLeft, Align::kRight});
  table.AddRow({"张三", "教育与研究类", "5"});
  table.AddRow({"司马相如", "服务类", "14"});
  EXPECT_EQ(table.Render(),
            "姓名      类别          人数\n"
            "张三      教育与研究类     5\n"
            "司马相如  服务类          14\n");
}

TEST(TextTableTest, RemovesTrailingSpacesAndFillsMissingCells) {
  TextTable table({"A", "B"});
  table.AddRow({"x"});
  table.AddRow({"长名字", "y"});
  table.AddRow({});
  EXPECT_EQ(table.Render(),
            "A       B\n"
            "x\n"
            "长名字  y\n"
            "\n");
}

TEST(TextTableTest, KeepsCellsBeyondTheHeadings) {
  TextTable table({"A"});
  table.AddRow({"1", "extra"});
  EXPECT_EQ(table.Render(),
            "A\n"
            "1  extra\n");
}

TEST(TextTableTest, EmptyTableRendersHeadingLine) {
  TextTable table({"USER", "ROLE"});
  EXPECT_EQ(table.rows(), 0u);
  EXPECT_EQ(table.Render(), "USER  ROLE\n");
}

}  // namespace
}  // namespace talent::common
