// End-to-end: the README's five-minute tour, run as written. The test takes
// the second ```sh block of the README's "A five-minute tour" section (the
// first one builds and sets PATH and DATA, which the test sets itself to
// this build and this source tree) and runs it with bash, stopping at the
// first command that fails, in an empty directory, against the server the
// tour starts itself. So a tour that no longer runs fails here.
#include <signal.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/cli_fixture.h"
#include "tests/testing/process.h"
#include "tests/testing/temp_dir.h"

namespace talent::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

// The ```sh blocks of the README section under `heading`.
std::vector<std::string> ShellBlocks(const std::string& readme, const std::string& heading) {
  std::vector<std::string> blocks;
  size_t start = readme.find("\n" + heading + "\n");
  if (start == std::string::npos) return blocks;
  size_t end = readme.find("\n## ", start + heading.size() + 2);
  const std::string section = readme.substr(start, end == std::string::npos ? end : end - start);
  size_t at = 0;
  while ((at = section.find("\n```sh\n", at)) != std::string::npos) {
    const size_t body = at + 7;
    const size_t close = section.find("\n```\n", body);
    if (close == std::string::npos) break;
    blocks.push_back(section.substr(body, close - body + 1));
    at = close + 4;
  }
  return blocks;
}

std::string Directory(const std::string& path) { return path.substr(0, path.rfind('/')); }

TEST(TourEndToEndTest, TheReadmeTourRunsAsWritten) {
  const std::vector<std::string> blocks =
      ShellBlocks(ReadFile(kSource + "/README.md"), "## A five-minute tour");
  ASSERT_EQ(blocks.size(), 2u) << "the tour section should hold two ```sh blocks: the build, "
                                  "then the tour";
  EXPECT_THAT(blocks[0], StartsWith("scripts/build.sh"));
  TempDir dir;
  // Bash stops at the first failing command (-e, also inside pipes) and
  // traces every command (-x) for the failure message; whatever the tour
  // left running in the background is stopped on the way out.
  WriteFile(dir.File("tour.sh"),
            "set -e -o pipefail -x\n"
            "trap 'kill $(jobs -p) 2>/dev/null || true' EXIT\n" +
                blocks[1]);
  const std::string path =
      Directory(kTalentd) + ":" + Directory(kTalentctl) + ":/usr/local/bin:/usr/bin:/bin";
  ProcessResult r = RunProcess(
      {"/bin/bash", "--norc", "-c", "cd \"$1\" && exec bash --norc tour.sh", "tour", dir.path()},
      {{"PATH", path},
       {"DATA", kSource + "/scripts/data"},
       {"HOME", dir.path()},
       {"XDG_CONFIG_HOME", ""},
       {"TALENT_SERVER", ""},
       {"TALENT_TOKEN", ""},
       {"LANG", "C.UTF-8"}},
      "", 300);
  ASSERT_EQ(r.exit_code, 0) << "the tour stopped; its trace:\n" << r.err << "\nits output:\n"
                            << r.out;
  // The two refusals it shows, with their documented exit codes.
  EXPECT_THAT(r.out, HasSubstr("exit code 2: the bad rows, by line and column; nothing "
                               "imported\n"));
  EXPECT_THAT(r.out, HasSubstr("exit code 5: revoked, for good\n"));
  // What the tour made, read back.
  EXPECT_THAT(r.out, HasSubstr("SCSW-2023-S001"));
  // The year imported from paper: its certificate verifies, marked.
  EXPECT_THAT(r.out, HasSubstr("NUMBER       SCSW-2022-S001\n"));
  EXPECT_THAT(r.out, HasSubstr("REGISTERED   from paper records, on "));
  EXPECT_THAT(ReadFile(dir.File("verify.html")), HasSubstr("SCSW-2023-S001"));
  EXPECT_THAT(ReadFile(dir.File("cert.pdf")), StartsWith("%PDF-"));
  EXPECT_THAT(ReadFile(dir.File("progress.svg")), HasSubstr("<svg"));
  EXPECT_FALSE(ReadFile(dir.File("audit.jsonl")).empty());
  // The tour stops its server at the end: nothing is left listening.
  EXPECT_THAT(r.err, Not(HasSubstr("Terminated")));
}

}  // namespace
}  // namespace talent::testing
