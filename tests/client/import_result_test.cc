// The outcome of 'enrolment import' and 'score import' as printed, without
// a server: the problems the server listed (at most its first 1,000), then
// "… and N more" from its count, and the one-line summary with the count.
#include <string>

#include "client/enrolment_cmd.h"
#include "client/sheet_cmd.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/client/captured_context.h"
#include "tests/client/cli_error_matchers.h"

namespace talent::client {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::Not;

// A response listing the first `listed` of `count` problems.
v1::ImportEnrolmentsResponse EnrolmentProblems(int listed, int count) {
  v1::ImportEnrolmentsResponse resp;
  resp.set_rows(2000);
  resp.set_error_count(count);
  for (int i = 0; i < listed; ++i) {
    v1::ImportError* e = resp.add_errors();
    e->set_line(i + 2);
    e->set_column("phone");
    e->set_reason("phone must be 11 digits starting with 1, e.g. 13800000000");
  }
  return resp;
}

EnrolmentImportOptions Options() {
  EnrolmentImportOptions opt;
  opt.cohort = "SCSW/2023";
  opt.file = "applicants.csv";
  return opt;
}

TEST(EnrolmentImportResultTest, ACutListEndsWithHowManyMoreAndTheSummaryCountsAll) {
  CapturedContext captured;
  EXPECT_CLI_ERROR(
      PrintEnrolmentImportResult(captured.ctx(), Options(), EnrolmentProblems(1000, 1500)),
      kExitUsage, "applicants.csv: 1500 problem(s) in 2000 rows; nothing was imported");
  EXPECT_THAT(captured.out(), HasSubstr("1001"));
  EXPECT_THAT(captured.out(), Not(HasSubstr("1002 ")));
  EXPECT_THAT(captured.out(), EndsWith("… and 500 more\n"));
}

TEST(EnrolmentImportResultTest, AWholeListSaysNothingMore) {
  CapturedContext captured;
  EXPECT_CLI_ERROR(
      PrintEnrolmentImportResult(captured.ctx(), Options(), EnrolmentProblems(3, 3)), kExitUsage,
      "applicants.csv: 3 problem(s) in 2000 rows; nothing was imported");
  EXPECT_THAT(captured.out(), Not(HasSubstr("more")));
}

TEST(EnrolmentImportResultTest, AnOlderServerWithoutACountIsTakenAtItsList) {
  CapturedContext captured;
  EXPECT_CLI_ERROR(
      PrintEnrolmentImportResult(captured.ctx(), Options(), EnrolmentProblems(2, 0)), kExitUsage,
      "applicants.csv: 2 problem(s) in 2000 rows; nothing was imported");
}

TEST(EnrolmentImportResultTest, InCsvTheRestIsNotedOffTheData) {
  CapturedContext captured("en", "csv");
  EXPECT_CLI_ERROR(
      PrintEnrolmentImportResult(captured.ctx(), Options(), EnrolmentProblems(1000, 1001)),
      kExitUsage, "applicants.csv: 1001 problem(s) in 2000 rows; nothing was imported");
  EXPECT_THAT(captured.out(), Not(HasSubstr("more")));
  EXPECT_EQ(captured.err(), "… and 1 more\n");
}

TEST(EnrolmentImportResultTest, ControlCharactersFromAnOlderServerAreNotPrinted) {
  CapturedContext captured;
  v1::ImportEnrolmentsResponse resp = EnrolmentProblems(1, 1);
  resp.mutable_errors(0)->set_reason("track \"\x1b[31m\u202Ered\" is not one of …");
  EXPECT_CLI_ERROR(PrintEnrolmentImportResult(captured.ctx(), Options(), resp), kExitUsage,
                   "applicants.csv: 1 problem(s) in 2000 rows; nothing was imported");
  EXPECT_THAT(captured.out(), HasSubstr("track \"[31mred\""));
  EXPECT_THAT(captured.out(), Not(HasSubstr("\x1b")));
}

TEST(EnrolmentImportResultTest, NoProblemsSaysWhatWasImported) {
  CapturedContext captured;
  v1::ImportEnrolmentsResponse resp;
  resp.set_rows(40);
  resp.set_imported(40);
  PrintEnrolmentImportResult(captured.ctx(), Options(), resp);
  EXPECT_EQ(captured.out(), "");
  EXPECT_EQ(captured.err(), "imported 40 enrolments into SCSW/2023\n");
}

TEST(ScoreImportResultTest, ACutListEndsWithHowManyMore) {
  CapturedContext captured;
  v1::ImportSheetsResponse resp;
  resp.set_rows(1500);
  resp.set_error_count(1500);
  for (int i = 0; i < 1000; ++i) {
    v1::SheetRowError* e = resp.add_errors();
    e->set_line(i + 2);
    e->set_reason("criterion theory: 99.0 is above its maximum 15.0");
  }
  ScoreImportOptions opt;
  opt.round = "SCSW/2023/1";
  opt.file = "sheets.csv";
  EXPECT_CLI_ERROR(PrintScoreImportResult(captured.ctx(), opt, resp), kExitUsage,
                   "sheets.csv: 1500 problem(s) in 1500 rows; nothing was written");
  EXPECT_THAT(captured.out(), EndsWith("… and 500 more\n"));
}

}  // namespace
}  // namespace talent::client
