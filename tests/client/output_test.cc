// Output formats without a server: tables aligned by display width (a
// Chinese character is two columns), CSV as spreadsheets read it, records,
// JSON, and CliContext printing headings in the user's language.
#include "client/output.h"

#include "gtest/gtest.h"
#include "talent/v1/programme.pb.h"
#include "tests/client/captured_context.h"

namespace talent::client {
namespace {

TEST(FormatRowsTest, TableAlignsChineseCellsByDisplayWidth) {
  EXPECT_EQ(FormatRows(Format::kTable, {"批次", "状态", "名额"},
                       {{"SCSW/2023", "报名中", "10/10/10"}, {"A/2024", "草稿", "1/2/3"}}),
            "批次       状态    名额\n"
            "SCSW/2023  报名中  10/10/10\n"
            "A/2024     草稿    1/2/3\n");
}

TEST(FormatRowsTest, TableDropsTrailingSpacesOfEmptyLastCells) {
  EXPECT_EQ(FormatRows(Format::kTable, {"NAME", "FLAGS"}, {{"张伟", ""}, {"Li", "veto"}}),
            "NAME  FLAGS\n"
            "张伟\n"
            "Li    veto\n");
}

TEST(FormatRowsTest, CsvQuotesCommasAndQuotesOnly) {
  EXPECT_EQ(FormatRows(Format::kCsv, {"ID", "NAME", "REASON"},
                       {{"17", "王芳", "late, \"ill\""}, {"18", "Li", "ok"}}),
            "ID,NAME,REASON\n"
            "17,王芳,\"late, \"\"ill\"\"\"\n"
            "18,Li,ok\n");
}

TEST(FormatRowsTest, CsvDefusesSpreadsheetFormulasButNotNumbers) {
  EXPECT_EQ(FormatRows(Format::kCsv, {"NAME", "ORGANISATION", "CHANGE"},
                       {{"=cmd|' /C calc'!A0", "@SUM(A1)", "-2.50"},
                        {"+86 phone", "-x", "+3"}}),
            "NAME,ORGANISATION,CHANGE\n"
            "'=cmd|' /C calc'!A0,'@SUM(A1),-2.50\n"
            "'+86 phone,'-x,+3\n");
}

TEST(FormatRowsTest, TableDropsControlAndInvisibleCharacters) {
  EXPECT_EQ(FormatRows(Format::kTable, {"NAME", "ORG"},
                       {{"\x1b[2J张伟", "abc\u202Egpj.exe"}, {"Li\x07", "x"}}),
            "NAME     ORG\n"
            "[2J张伟  abcgpj.exe\n"
            "Li       x\n");
}

TEST(FormatRecordTest, TableValuesWithoutControlCharactersCsvDefused) {
  EXPECT_EQ(FormatRecord(Format::kTable, {{"NAME", "\x1b]0;owned\x07张伟"}}),
            "NAME  ]0;owned张伟\n");
  EXPECT_EQ(FormatRecord(Format::kCsv, {{"NAME", "=1+1"}}), "NAME\n'=1+1\n");
}

TEST(FormatRowsTest, CsvWithoutRowsIsTheHeadingLine) {
  EXPECT_EQ(FormatRows(Format::kCsv, {"LINE", "REASON"}, {}), "LINE,REASON\n");
}

TEST(FormatRecordTest, TablePadsNamesToTheWidestInDisplayColumns) {
  EXPECT_EQ(FormatRecord(Format::kTable, {{"编号", "17"}, {"出生日期", "1990-01-02"}, {"ID", "x"}}),
            "编号      17\n"
            "出生日期  1990-01-02\n"
            "ID        x\n");
}

TEST(FormatRecordTest, CsvIsAHeadingLineAndAValueLine) {
  EXPECT_EQ(FormatRecord(Format::kCsv, {{"RESULT", "valid"}, {"NUMBER", "SCSW-2023-S001"}}),
            "RESULT,NUMBER\n"
            "valid,SCSW-2023-S001\n");
}

TEST(FormatJsonTest, CamelCaseNamesAndAFinalNewline) {
  v1::Programme programme;
  programme.set_code("SCSW");
  programme.set_start_year(2020);
  absl::StatusOr<std::string> json = FormatJson(programme);
  ASSERT_TRUE(json.ok()) << json.status();
  EXPECT_EQ(*json, "{\n \"code\": \"SCSW\",\n \"startYear\": 2020\n}\n");
}

TEST(JoinCommaTest, JoinsWithCommaAndSpace) {
  EXPECT_EQ(JoinComma({}), "");
  EXPECT_EQ(JoinComma({"veto"}), "veto");
  EXPECT_EQ(JoinComma({"absent", "veto", "capped"}), "absent, veto, capped");
}

TEST(CliContextPrintTest, RowsHaveHeadingsInChinese) {
  CapturedContext captured("zh", "table");
  captured.ctx().PrintRows({"H_CODE", "H_TARGET"}, {{"SCSW", "300"}});
  EXPECT_EQ(captured.out(),
            "代码  目标\n"
            "SCSW  300\n");
  EXPECT_EQ(captured.err(), "");
}

TEST(CliContextPrintTest, RowsAsCsvHaveEnglishHeadings) {
  CapturedContext captured("en", "csv");
  captured.ctx().PrintRows({"H_ID", "H_NAME"}, {{"17", "张伟"}});
  EXPECT_EQ(captured.out(), "ID,NAME\n17,张伟\n");
}

TEST(CliContextPrintTest, RecordNamesAreLabelled) {
  CapturedContext captured("zh", "table");
  captured.ctx().PrintRecord({{"H_ID", "17"}, {"H_NAME", "张伟"}, {"H_ELIGIBLE", "是"}});
  EXPECT_EQ(captured.out(),
            "编号        17\n"
            "姓名        张伟\n"
            "可颁发证书  是\n");
}

TEST(CliContextPrintTest, NotesGoToTheErrorOutputWithANewline) {
  CapturedContext captured;
  captured.ctx().Note("imported 40 enrolments into SCSW/2023");
  EXPECT_EQ(captured.err(), "imported 40 enrolments into SCSW/2023\n");
  EXPECT_EQ(captured.out(), "");
}

TEST(CliContextPrintTest, UnknownOutputFormatIsAUsageError) {
  GlobalOptions options;
  options.output = "xml";
  CliContext ctx(&options);
  try {
    ctx.format();
    FAIL() << "no error";
  } catch (const CliError& e) {
    EXPECT_EQ(e.exit_code, kExitUsage);
    EXPECT_EQ(e.message, "-o must be table, json, csv or xlsx FILE");
  }
}

// The usage error a bad -o FORMAT [FILE] gives, or "" when it is accepted.
std::string OutputError(const std::string& format, const std::string& file) {
  GlobalOptions options;
  options.output = format;
  options.output_file = file;
  CliContext ctx(&options);
  try {
    ctx.format();
    return "";
  } catch (const CliError& e) {
    EXPECT_EQ(e.exit_code, kExitUsage);
    return e.message;
  }
}

TEST(CliContextPrintTest, OnlyXlsxTakesAFileAndItNeedsOne) {
  EXPECT_EQ(OutputError("xlsx", "r.xlsx"), "");
  EXPECT_EQ(OutputError("csv", ""), "");
  EXPECT_EQ(OutputError("xlsx", ""), "-o xlsx needs the file to write: -o xlsx FILE.xlsx");
  EXPECT_EQ(OutputError("json", "SCSW/2023/1"),
            "-o json takes no file, but was given 'SCSW/2023/1'; only -o xlsx writes a file (put "
            "the command's own arguments before -o)");
}

}  // namespace
}  // namespace talent::client
