// talentctl's own help, run in process: the summary above the usage names
// every command group --help lists (so a new group cannot be left out of
// it), and `completion` is one of them.
#include <sstream>
#include <string>
#include <vector>

#include "client/talentctl.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace talent::client {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

std::string Help() {
  const char* argv[] = {"talentctl", "--help"};
  std::ostringstream out, err;
  EXPECT_EQ(RunTalentctl(2, argv, &out, &err), 0);
  EXPECT_EQ(err.str(), "");
  return out.str();
}

// The names under "Subcommands:".
std::vector<std::string> Groups(const std::string& help) {
  std::vector<std::string> names;
  const size_t start = help.find("\nSubcommands:\n");
  if (start == std::string::npos) return names;
  std::istringstream lines(help.substr(start + 14));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("  ", 0) == 0 && line.size() > 2 && line[2] != ' ') {
      names.push_back(line.substr(2, line.find(' ', 2) - 2));
    }
  }
  return names;
}

TEST(TalentctlHelpTest, TheSummaryNamesEveryCommandGroup) {
  const std::string help = Help();
  const std::string summary = help.substr(0, help.find("\nUsage:"));
  const std::vector<std::string> groups = Groups(help);
  ASSERT_GE(groups.size(), 18u) << help;
  EXPECT_THAT(groups, Contains("completion"));
  for (const std::string& group : groups) {
    // Named as a word of the summary, not only inside another word.
    EXPECT_THAT(summary, ::testing::ContainsRegex("[ ,]" + group + "[ ,\n]")) << group;
  }
  EXPECT_THAT(summary, HasSubstr("Exit codes: 0 ok, 1 failure, 2 usage/invalid input, 3 not "
                                 "found, 4 not allowed or not logged in, 5 wrong state or "
                                 "conflict."));
}

}  // namespace
}  // namespace talent::client
