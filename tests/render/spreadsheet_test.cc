// WriteXlsx: each column kind as a spreadsheet reader sees it (openpyxl in
// Debian's python3, not the library that wrote it), the file whole or
// unchanged, and what the format cannot hold.
#include "client/render/spreadsheet.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace talent::render {
namespace {

using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;
using ::talent::testing::TempDir;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// What tests/e2e/read_xlsx.py prints of the workbook, line by line.
std::vector<std::string> ReadBack(const std::string& path) {
  const std::string command = std::string(DEBIAN_PYTHON3_PATH) + " '" + TALENT_SOURCE_DIR +
                              "/tests/e2e/read_xlsx.py' '" + path + "'";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << "cannot run " << command;
    return {};
  }
  std::string output;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
  EXPECT_EQ(::pclose(pipe), 0) << command;
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t end; (end = output.find('\n', start)) != std::string::npos; start = end + 1) {
    lines.push_back(output.substr(start, end - start));
  }
  return lines;
}

TEST(WriteXlsxTest, NumbersAsNumbersAndEverythingElseAsText) {
  TempDir dir;
  const std::string path = dir.File("out.xlsx");
  ASSERT_THAT(
      WriteXlsx(path, "数据",
                {{"名次", CellKind::kInteger}, {"身份证号", CellKind::kText},
                 {"得分", CellKind::kDecimal2}, {"备注", CellKind::kText}},
                {{"1", "510104199001011234", "92.5", "=HYPERLINK(\"x\")"},
                 {"-", "", "-3", "a\x01" "b\tc"},
                 {"1e5", "007", "12.", "+1"}}),
      IsOk());
  // Owner-only (it may hold personal data), and no temporary left.
  EXPECT_EQ(std::filesystem::status(path).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);
  EXPECT_THAT(
      ReadBack(path),
      ElementsAre("sheet\t数据", "freeze\tA2", // Each column its widest cell in display columns (a
                  // Chinese character two) and 2 more, at least 6; Excel
                  // adds its own 0.71.
                  "width\tA\t6.71094", "width\tB\t20.7109", "width\tC\t6.71094",
                  "width\tD\t17.7109",
                  "cell\tA1\ts\t名次\tGeneral\tbold", "cell\tB1\ts\t身份证号\tGeneral\tbold",
                  "cell\tC1\ts\t得分\tGeneral\tbold", "cell\tD1\ts\t备注\tGeneral\tbold",
                  // An identity number stays text: never 5.10104E+17.
                  "cell\tA2\tn\t1.0\tGeneral", "cell\tB2\ts\t510104199001011234\t@",
                  "cell\tC2\tn\t92.5\t0.00",
                  // A formula's text is stored as text, never run.
                  "cell\tD2\ts\t=HYPERLINK(\"x\")\t@",
                  // "-" (no rank) is text; a negative number a number; a
                  // control character the format cannot hold is dropped.
                  "cell\tA3\ts\t-\t@", "cell\tC3\tn\t-3.0\t0.00", "cell\tD3\ts\tab\tc\t@",
                  // Not plain numbers: text.
                  "cell\tA4\ts\t1e5\t@", "cell\tB4\ts\t007\t@", "cell\tC4\ts\t12.\t@",
                  "cell\tD4\ts\t+1\t@"));
}

TEST(WriteXlsxTest, RefusesWhatIsNotASheetAndLeavesAnOlderFileAlone) {
  TempDir dir;
  const std::string path = dir.File("out.xlsx");
  { std::ofstream(path) << "older"; }
  EXPECT_THAT(WriteXlsx(path, "a/b", {{"A", CellKind::kText}}, {{"x"}}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("worksheet name 'a/b'")));
  EXPECT_THAT(WriteXlsx(path, "数据", {{"A", CellKind::kText}, {"B", CellKind::kText}}, {{"x"}}),
              StatusIs(absl::StatusCode::kInvalidArgument, "row 1 has 1 cells for 2 columns"));
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(text, "older");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1)
      << "a temporary was left";
  EXPECT_THAT(WriteXlsx(dir.File("no/such/dir.xlsx"), "数据", {{"A", CellKind::kText}}, {}),
              StatusIs(absl::StatusCode::kInternal, HasSubstr(dir.File("no/such/dir.xlsx"))));
}

TEST(WriteXlsxTest, ACellLongerThanExcelHoldsIsCutAtItsLimitInCharacters) {
  TempDir dir;
  const std::string path = dir.File("long.xlsx");
  std::string long_text = "x";
  for (int i = 0; i < 40000; ++i) long_text += "张";  // 3 bytes each
  ASSERT_THAT(WriteXlsx(path, "数据", {{"A", CellKind::kText}}, {{long_text}}), IsOk());
  std::vector<std::string> lines = ReadBack(path);
  ASSERT_EQ(lines.size(), 5u);
  const std::string& cell = lines[4];
  ASSERT_EQ(cell.rfind("cell\tA2\ts\tx张", 0), 0u);
  // "x" and 32,766 whole characters of 3 bytes: Excel's 32,767 characters.
  ASSERT_EQ(cell.substr(cell.size() - 2), "\t@");
  const std::string value = cell.substr(10, cell.size() - 10 - 2);
  EXPECT_EQ(value.size(), 1u + 3u * 32766u);
}

}  // namespace
}  // namespace talent::render
