// End-to-end: the limits of 'talentctl enrolment import' against a real
// talentd — 'talentd serve --import-max-mb' refuses a larger file whole,
// and a file with more than 1,000 bad rows lists the first 1,000 and says
// how many more there are.
#include <signal.h>

#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/cli_fixture.h"
#include "tests/testing/process.h"

namespace talent::testing {
namespace {

using ::testing::AllOf;
using ::testing::EndsWith;
using ::testing::HasSubstr;

using ImportLimitsEndToEndTest = CliFixture;

// The rows of `enrolment list -o csv` output, without its heading.
int CountRows(const ProcessResult& list) {
  int lines = 0;
  for (char c : list.out) lines += c == '\n';
  return lines > 0 ? lines - 1 : 0;  // the heading
}

TEST_F(ImportLimitsEndToEndTest, AFileOverTheServersLimitIsRefusedWhole) {
  server_->Stop(SIGTERM);
  StartServer({"--import-max-mb", "1"});
  SeedProgrammeAndCohort();
  // 20,000 generated applicants: some 3 MB of CSV.
  ProcessResult csv = RunProcess({kGenApplicants, "20000", "7"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  std::string path = dir_.File("applicants.csv");
  std::ofstream(path) << csv.out;
  ProcessResult r = Ctl({"enrolment", "import", "--cohort", "SCSW/2023", path});
  EXPECT_EQ(r.exit_code, 1) << r.err;  // RESOURCE_EXHAUSTED
  EXPECT_THAT(r.err, AllOf(HasSubstr("1 MB"), HasSubstr("--import-max-mb"),
                           HasSubstr("split the file")));
  r = Ctl({"-o", "csv", "enrolment", "list", "--cohort", "SCSW/2023"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(CountRows(r), 0);
}

TEST_F(ImportLimitsEndToEndTest, MoreThanAThousandBadRowsListTheFirstThousandAndHowManyMore) {
  SeedProgrammeAndCohort();
  ProcessResult csv = RunProcess({kGenApplicants, "1200", "7"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  // Every row's years (the last column) becomes "七十".
  std::string bad;
  size_t start = 0;
  bool heading = true;
  while (start < csv.out.size()) {
    size_t end = csv.out.find('\n', start);
    std::string line = csv.out.substr(start, end - start);
    if (!heading) line = line.substr(0, line.rfind(',') + 1) + "七十";
    bad += line + "\n";
    heading = false;
    start = end + 1;
  }
  std::string path = dir_.File("bad.csv");
  std::ofstream(path) << bad;
  ProcessResult r = Ctl({"enrolment", "import", "--cohort", "SCSW/2023", path});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\n1001  years"));
  EXPECT_THAT(r.out, EndsWith("… and 200 more\n"));
  EXPECT_THAT(r.err, HasSubstr("1200 problem(s) in 1200 rows; nothing was imported"));
}

}  // namespace
}  // namespace talent::testing
