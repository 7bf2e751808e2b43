#include "common/csv.h"

#include <unistr.h>

#include <cstdint>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace talent::common {
namespace {

using Fields = std::vector<std::string>;

std::vector<CsvRecord> MustParse(std::string_view text) {
  absl::StatusOr<std::vector<CsvRecord>> records = ParseCsv(text);
  EXPECT_TRUE(records.ok()) << records.status();
  return records.ok() ? *std::move(records) : std::vector<CsvRecord>{};
}

// All records through the streaming reader, or its error.
absl::StatusOr<std::vector<CsvRecord>> ReadAll(const std::string& text) {
  std::istringstream in(text);
  CsvReader reader(&in);
  std::vector<CsvRecord> records;
  CsvRecord record;
  while (true) {
    absl::StatusOr<bool> more = reader.Next(&record);
    if (!more.ok()) return more.status();
    if (!*more) return records;
    records.push_back(record);
  }
}

void ExpectSameRecords(const std::vector<CsvRecord>& a, const std::vector<CsvRecord>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].line, b[i].line) << "record " << i;
    EXPECT_EQ(a[i].fields, b[i].fields) << "record " << i;
  }
}

TEST(CsvTest, ParsesRecordsWithLineNumbers) {
  std::vector<CsvRecord> records = MustParse("a,b\nc,d\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].line, 1);
  EXPECT_EQ(records[0].fields, (Fields{"a", "b"}));
  EXPECT_EQ(records[1].line, 2);
  EXPECT_EQ(records[1].fields, (Fields{"c", "d"}));
}

TEST(CsvTest, EmptyInputHasNoRecords) {
  EXPECT_TRUE(MustParse("").empty());
  EXPECT_TRUE(MustParse("\xEF\xBB\xBF").empty());
  EXPECT_TRUE(MustParse("\n\r\n").empty());
}

TEST(CsvTest, LastRecordNeedsNoLineEnd) {
  std::vector<CsvRecord> records = MustParse("a,b\r\nc,\"d\"");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].fields, (Fields{"c", "d"}));
}

TEST(CsvTest, StripsLeadingBomOnly) {
  std::vector<CsvRecord> records = MustParse("\xEF\xBB\xBF姓名,身份证号\r\n\xEF\xBB\xBFx,y\r\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].fields, (Fields{"姓名", "身份证号"}));
  // Only the file's first three bytes are a byte order mark.
  EXPECT_EQ(records[1].fields[0], "\xEF\xBB\xBFx");
}

TEST(CsvTest, AcceptsCrlfLfAndBareCrLineEnds) {
  std::vector<CsvRecord> records = MustParse("a,b\r\nc,d\ne,f\rg,h\r\n");
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[0].fields, (Fields{"a", "b"}));
  EXPECT_EQ(records[1].fields, (Fields{"c", "d"}));
  EXPECT_EQ(records[2].fields, (Fields{"e", "f"}));
  EXPECT_EQ(records[3].fields, (Fields{"g", "h"}));
  EXPECT_EQ(records[3].line, 4);
}

TEST(CsvTest, KeepsEmptyFields) {
  std::vector<CsvRecord> records = MustParse("a,,b\n,\nx,\n\"\"\n");
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[0].fields, (Fields{"a", "", "b"}));
  EXPECT_EQ(records[1].fields, (Fields{"", ""}));
  EXPECT_EQ(records[2].fields, (Fields{"x", ""}));
  // A line holding "" is a record with one empty field, not a blank line.
  EXPECT_EQ(records[3].fields, (Fields{""}));
}

TEST(CsvTest, QuotedFieldsHoldCommasQuotesAndNewlines) {
  std::vector<CsvRecord> records =
      MustParse("\"成都市锦江区,社工站\",\"say \"\"hi\"\"\",\"line1\nline2\",\"\"\"\"\n");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].fields, (Fields{"成都市锦江区,社工站", "say \"hi\"", "line1\nline2", "\""}));
}

TEST(CsvTest, QuotedLineBreaksAreKeptAsWritten) {
  std::vector<CsvRecord> records = MustParse("\"x\r\ny\"\r\n");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].fields, (Fields{"x\r\ny"}));
}

TEST(CsvTest, LineNumbersCountPhysicalLinesAfterMultiLineField) {
  const std::string text =
      "h1,h2\r\n"
      "1,\"x\r\ny\r\nz\"\r\n"  // lines 2-4
      "2,w\r\n"                // line 5
      "3,\"a\nb\",\"c\rd\"\n"  // lines 6-8: LF and bare CR both end a line
      "4,v\n";                 // line 9
  std::vector<CsvRecord> records = MustParse(text);
  ASSERT_EQ(records.size(), 5u);
  EXPECT_EQ(records[0].line, 1);
  EXPECT_EQ(records[1].line, 2);
  EXPECT_EQ(records[2].line, 5);
  EXPECT_EQ(records[3].line, 6);
  EXPECT_EQ(records[4].line, 9);
  EXPECT_EQ(records[4].fields, (Fields{"4", "v"}));
}

TEST(CsvTest, SkipsBlankLinesButCountsThem) {
  std::vector<CsvRecord> records = MustParse("a\n\n\r\nb\n\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].line, 1);
  EXPECT_EQ(records[1].line, 4);
  EXPECT_EQ(records[1].fields, (Fields{"b"}));
}

TEST(CsvTest, LineOfSpacesIsNotBlank) {
  std::vector<CsvRecord> records = MustParse("  \n");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].fields, (Fields{"  "}));
}

TEST(CsvTest, ToleratesStrayQuotesLikeSpreadsheets) {
  std::vector<CsvRecord> records = MustParse("a\"b,\"cd\"e,f\n");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].fields, (Fields{"a\"b", "cde", "f"}));
}

TEST(CsvTest, RejectsUnterminatedQuote) {
  absl::StatusOr<std::vector<CsvRecord>> records = ParseCsv("a,b\nc,\"open\nmore\n");
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(records.status().message(), "line 2: unterminated quoted field");
}

TEST(CsvTest, RejectsInvalidUtf8WithLine) {
  absl::StatusOr<std::vector<CsvRecord>> records = ParseCsv("a\r\nb,\xFF\r\n");
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(records.status().message(), "line 2: not valid UTF-8 (save the file as CSV UTF-8)");
}

TEST(CsvTest, RejectsGbkEncodedFile) {
  // 张三 in GBK, as Excel's plain "CSV" format saves it on Chinese Windows.
  absl::StatusOr<std::vector<CsvRecord>> records = ParseCsv("\xD5\xC5\xC8\xFD,1\n");
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.status().message(), "line 1: not valid UTF-8 (save the file as CSV UTF-8)");
}

TEST(CsvTest, InvalidUtf8InsideMultiLineFieldNamesItsOwnLine) {
  absl::StatusOr<std::vector<CsvRecord>> records = ParseCsv("h\n\"ok\nok\n\xC3(\"\n");
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.status().message(), "line 4: not valid UTF-8 (save the file as CSV UTF-8)");
}

// The reader validates UTF-8 with its own fast check; it must agree with
// libunistring's u8_check on overlong forms, surrogates, truncation and
// everything above U+10FFFF, also next to the eight-byte ASCII fast path.
TEST(CsvTest, Utf8ValidationAgreesWithU8Check) {
  const unsigned char interesting[] = {0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xAD,
                                       0xB8, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE4,
                                       0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};
  std::mt19937 random(20230601);
  int valid = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text(random() % 11, 'a');
    const size_t tail = random() % 7;
    for (size_t j = 0; j < tail; ++j) {
      text.push_back(static_cast<char>(interesting[random() % sizeof interesting]));
    }
    text.append(random() % 3, 'z');
    const bool expected =
        u8_check(reinterpret_cast<const uint8_t*>(text.data()), text.size()) == nullptr;
    valid += expected;
    absl::StatusOr<std::vector<CsvRecord>> records = ParseCsv(text);
    ASSERT_EQ(records.ok(), expected) << testing::PrintToString(text);
  }
  EXPECT_GT(valid, 1000);  // both outcomes are exercised
  EXPECT_LT(valid, 19000);
}

TEST(CsvTest, ReaderStreamsSameRecordsAsParseCsv) {
  const std::string text =
      "\xEF\xBB\xBF姓名,单位\r\n张三,\"成都市,锦江区\"\r\n\r\n李四,\"多行\r\n单位\"\r\n王五,x";
  absl::StatusOr<std::vector<CsvRecord>> streamed = ReadAll(text);
  ASSERT_TRUE(streamed.ok()) << streamed.status();
  ExpectSameRecords(*streamed, MustParse(text));
  ASSERT_EQ(streamed->size(), 4u);
  EXPECT_EQ((*streamed)[3].line, 6);
}

TEST(CsvTest, ReaderReusesRecordWithFewerFields) {
  std::istringstream in("a,b,c\nd\n");
  CsvReader reader(&in);
  CsvRecord record;
  ASSERT_TRUE(*reader.Next(&record));
  EXPECT_EQ(record.fields, (Fields{"a", "b", "c"}));
  ASSERT_TRUE(*reader.Next(&record));
  EXPECT_EQ(record.fields, (Fields{"d"}));
  EXPECT_EQ(record.line, 2);
  EXPECT_FALSE(*reader.Next(&record));
  EXPECT_FALSE(*reader.Next(&record));
}

TEST(CsvTest, ReaderErrorIsFinal) {
  std::istringstream in("ok\n\"open\n");
  CsvReader reader(&in);
  CsvRecord record;
  ASSERT_TRUE(*reader.Next(&record));
  absl::StatusOr<bool> first = reader.Next(&record);
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.status().message(), "line 2: unterminated quoted field");
  EXPECT_EQ(reader.Next(&record).status(), first.status());
}

// The reader refills its buffer in chunks of 256 KiB; put every two-byte
// construct (a doubled quote, CRLF, quote+comma, a UTF-8 character) across
// each position near the first chunk boundaries.
TEST(CsvTest, ReaderHandlesConstructsSplitAcrossChunks) {
  constexpr size_t kChunk = 256 * 1024;
  for (size_t shift = kChunk - 4; shift <= kChunk + 4; ++shift) {
    std::string text = "\xEF\xBB\xBF\"";
    text.append(shift - text.size(), 'a');
    text.append("\"\"b\",c\r\n\"中\"\"d\r\ne\",f\r\n\"\"\r\n");
    text.append(kChunk - 3, 'g');
    text.append("\r\nh,\"i\"");
    absl::StatusOr<std::vector<CsvRecord>> streamed = ReadAll(text);
    ASSERT_TRUE(streamed.ok()) << streamed.status() << " shift " << shift;
    ASSERT_EQ(streamed->size(), 5u) << "shift " << shift;
    ExpectSameRecords(*streamed, MustParse(text));
    EXPECT_EQ((*streamed)[0].fields[0], std::string(shift - 4, 'a') + "\"b");
    EXPECT_EQ((*streamed)[1].fields, (Fields{"中\"d\r\ne", "f"}));
    EXPECT_EQ((*streamed)[1].line, 2);
    EXPECT_EQ((*streamed)[2].fields, (Fields{""}));
    EXPECT_EQ((*streamed)[2].line, 4);
    EXPECT_EQ((*streamed)[4].fields, (Fields{"h", "i"}));
    EXPECT_EQ((*streamed)[4].line, 6);
  }
}

TEST(CsvTest, EscapesOnlyWhenNeeded) {
  EXPECT_EQ(CsvEscape("plain"), "plain");
  EXPECT_EQ(CsvEscape("张三"), "张三");
  EXPECT_EQ(CsvEscape(""), "");
  EXPECT_EQ(CsvEscape("a b"), "a b");
  EXPECT_EQ(CsvEscape("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvEscape("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvEscape("x\ny"), "\"x\ny\"");
  EXPECT_EQ(CsvEscape("x\ry"), "\"x\ry\"");
  EXPECT_EQ(CsvEscape(" lead"), "\" lead\"");
  EXPECT_EQ(CsvEscape("trail "), "\"trail \"");
  EXPECT_EQ(CsvEscape("\ttab"), "\"\ttab\"");
}

TEST(CsvTest, DefuseFormulaFollowsOwaspsRule) {
  for (const char* formula : {"=1+1", "+1+1", "-1+1", "@SUM(A1:A2)", "\tx", "\rx",
                              "=cmd|' /C calc'!A0", "+", "--1"}) {
    EXPECT_EQ(DefuseFormula(formula), std::string("'") + formula) << formula;
  }
  for (const char* plain : {"", "-", "张伟", "a=b", "1-2", "-1.50", "+3", "0.25", "-0", "SCSW"}) {
    EXPECT_EQ(DefuseFormula(plain), plain) << plain;
  }
}

TEST(CsvTest, LineForSpreadsheetsDefusesAndEscapes) {
  EXPECT_EQ(CsvLine({"=HYPERLINK(\"http://x\",\"y\")", "-2.50", "ok"},
                    CsvCells::kForSpreadsheet),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-2.50,ok\n");
  EXPECT_EQ(CsvLine({"=1+1"}), "=1+1\n");  // verbatim by default
}

TEST(CsvTest, LineJoinsEscapedFields) {
  EXPECT_EQ(CsvLine({"a", "b,c", ""}), "a,\"b,c\",\n");
  EXPECT_EQ(CsvLine({}), "\n");
  // A lone empty field is quoted: an empty line would be skipped as blank.
  EXPECT_EQ(CsvLine({""}), "\"\"\n");
}

TEST(CsvTest, EscapeRoundTrips) {
  const Fields fields = {
      "张三", "成都市,锦江区", "say \"hi\"", "two\r\nlines", " padded ", "", "\"", ",", "x"};
  const std::string text = CsvLine(fields) + CsvLine({"next"});
  std::vector<CsvRecord> records = MustParse(text);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].fields, fields);
  EXPECT_EQ(records[1].line, 3);
}

TEST(CsvTest, LoneEmptyFieldRoundTrips) {
  std::vector<CsvRecord> records = MustParse(CsvLine({"a"}) + CsvLine({""}) + CsvLine({"b"}));
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1].fields, (Fields{""}));
}

}  // namespace
}  // namespace talent::common
