// End-to-end: what the real binaries say about themselves — --version with
// the source revision (the same in both), talentd's --help listing every
// command it has, and --help-all on both (each command's flags, one level
// down; the man pages hold every verb's help).
#include <regex>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/cli_fixture.h"
#include "tests/testing/process.h"

namespace talent::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;

TEST(HelpEndToEndTest, BothBinariesPrintTheirVersionAndRevision) {
  ProcessResult d = RunProcess({kTalentd, "--version"});
  EXPECT_EQ(d.exit_code, 0);
  EXPECT_EQ(d.err, "");
  EXPECT_THAT(d.out, MatchesRegex("talentd 0\\.1\\.0 \\((git [0-9a-z.-]+|unknown revision)\\)\n"));
  ProcessResult c = RunProcess({kTalentctl, "--version"});
  EXPECT_EQ(c.exit_code, 0);
  EXPECT_EQ(c.err, "");
  EXPECT_EQ(c.out, "talentctl" + d.out.substr(7));  // the same version and revision
}

TEST(HelpEndToEndTest, TalentdListsEveryCommand) {
  ProcessResult r = RunProcess({kTalentd, "--help"});
  EXPECT_EQ(r.exit_code, 0);
  const std::string commands = r.out.substr(r.out.find("\nSubcommands:\n"));
  EXPECT_EQ(commands,
            "\nSubcommands:\n"
            "  init                        create the database, signing key and first admin\n"
            "  serve                       serve the gRPC API, the verification page and metrics "
            "(settings from flags or --config FILE)\n"
            "  invite                      print a new invitation code for a user (e.g. an "
            "administrator whose token expired); works while talentd serves\n"
            "  backup                      copy the database, also while it is being served, to a "
            "new file\n"
            "  key                         rotate, list, back up and restore signing keys\n\n");
  EXPECT_THAT(r.out, HasSubstr("--version"));
  EXPECT_THAT(r.out, HasSubstr("--help-all"));
}

TEST(HelpEndToEndTest, HelpAllShowsEveryCommand) {
  ProcessResult r = RunProcess({kTalentd, "--help-all"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("--config TEXT"));         // serve's
  EXPECT_THAT(r.out, HasSubstr("--rehearsal"));           // init's
  EXPECT_THAT(r.out, HasSubstr("--to TEXT REQUIRED"));    // backup's
  EXPECT_THAT(r.out, HasSubstr("    import                      restore a signing key"));
  // talentctl's groups, each with its verbs (their flags are in each
  // verb's --help, and in the man page).
  r = RunProcess({kTalentctl, "--help-all"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("\ncohort\n  cohorts: one year's intake of a programme\n"
                               "  Subcommands:\n"
                               "    create                      create a cohort (in draft)\n"));
  EXPECT_THAT(r.out, HasSubstr("\ncompletion\n"));
}

}  // namespace
}  // namespace talent::testing
