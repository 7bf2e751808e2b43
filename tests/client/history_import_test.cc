// The columns of a past cohort's spreadsheet ('cohort import-history')
// without a server: headings in English or Chinese, the README's table,
// refusals of a heading row, and a record turned into a row.
#include "client/history_import.h"

#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "tests/client/cli_error_matchers.h"

namespace talent::client {
namespace {

// The README's table of a past cohort's CSV is the one the program reads.
TEST(HistoryColumnsTest, TheReadmesTableListsEveryHeadingAccepted) {
  std::ifstream in(std::string(TALENT_SOURCE_DIR) + "/README.md");
  ASSERT_TRUE(in.is_open());
  std::vector<std::string> documented;
  bool in_section = false, in_table = false;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("### A past cohort's CSV", 0) == 0) in_section = true;
    if (!in_section) continue;
    if (line.rfind("| column | heading | also accepted | required |", 0) == 0) {
      in_table = true;
      continue;
    }
    if (!in_table || line.rfind("|---", 0) == 0) continue;
    if (line.rfind("| ", 0) != 0) break;
    std::vector<std::string> cells = absl::StrSplit(line, " | ");
    ASSERT_GE(cells.size(), 4u) << line;
    documented.push_back(absl::StrCat(cells[0].substr(2), ";", cells[1], ";", cells[2], ";",
                                      cells[3]));
  }
  std::vector<std::string> actual;
  for (const HistoryColumn& c : HistoryColumns()) {
    std::vector<std::string> others(c.headings.begin() + 2, c.headings.end());
    actual.push_back(absl::StrCat(c.name, ";", c.headings[1], ";", absl::StrJoin(others, ", "),
                                  ";", c.required ? "yes" : c.certified_only ? "for the certified" : "no"));
  }
  EXPECT_EQ(documented, actual);
}

TEST(HistoryColumnsTest, ChineseAndEnglishHeadingsInAnyCase) {
  std::vector<const HistoryColumn*> mapping = MapHistoryHeadings(
      {1, {"姓名", "公民身份号码", " Organization ", "类别", "培养结果", "证书编号", "颁发日期",
           "SCORE"}});
  ASSERT_EQ(mapping.size(), 8u);
  std::vector<std::string> names;
  for (const HistoryColumn* c : mapping) names.push_back(c->name);
  EXPECT_EQ(absl::StrJoin(names, ","),
            "name,national_id,organisation,track,outcome,certificate_number,issue_date,"
            "final_score");
}

TEST(HistoryColumnsTest, MissingRequiredColumnIsNamed) {
  EXPECT_CLI_ERROR(
      MapHistoryHeadings({1, {"name", "national_id", "organisation", "track"}}), kExitUsage,
      "the file has no outcome column (结果)");
}

TEST(HistoryColumnsTest, AColumnNamedTwiceIsRefused) {
  EXPECT_CLI_ERROR(MapHistoryHeadings({1, {"姓名", "身份证号", "name"}}), kExitUsage,
                   "line 1: column name (姓名) is named twice");
}

TEST(HistoryColumnsTest, AnUnknownHeadingListsTheColumns) {
  EXPECT_CLI_ERROR(MapHistoryHeadings({1, {"姓名", "性别"}}), kExitUsage,
                   "line 1: unknown column \"性别\"; the columns are name (姓名), national_id "
                   "(身份证号), organisation (工作单位), region (地区), track (类别), outcome "
                   "(结果), certificate_number (证书编号), issue_date (发证日期), final_score "
                   "(综合得分)");
}

TEST(HistoryColumnsTest, RowFillsFieldsOrIsMalformed) {
  std::vector<const HistoryColumn*> mapping =
      MapHistoryHeadings({1, {"姓名", "身份证号", "工作单位", "类别", "结果", "证书编号"}});
  common::CsvRecord record{
      4, {"王芳", "510104199001011234", "成华区社工站", "服务类", "已认定", "SCSW-2021-S001"}};
  v1::HistoryRow row;
  FillHistoryRow(&record, mapping, &row);
  EXPECT_EQ(row.line(), 4);
  EXPECT_EQ(row.full_name(), "王芳");
  EXPECT_EQ(row.national_id(), "510104199001011234");
  EXPECT_EQ(row.organisation(), "成华区社工站");
  EXPECT_EQ(row.track(), "服务类");
  EXPECT_EQ(row.outcome(), "已认定");
  EXPECT_EQ(row.certificate_number(), "SCSW-2021-S001");
  EXPECT_EQ(row.malformed(), "");

  common::CsvRecord short_record{5, {"李强", "x"}};
  v1::HistoryRow bad;
  FillHistoryRow(&short_record, mapping, &bad);
  EXPECT_EQ(bad.line(), 5);
  EXPECT_EQ(bad.malformed(), "has 2 cells; the heading has 6");
}

}  // namespace
}  // namespace talent::client
