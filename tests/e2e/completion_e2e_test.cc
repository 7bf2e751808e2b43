// End-to-end: `talentctl completion bash|zsh` from the real binary, loaded
// into real shells — bash's completion function driven as bash drives it
// (COMP_WORDS, COMP_CWORD, compgen), zsh's with its completion builtins
// replaced by functions that print what they are given — and checked
// against talentctl's own --help, so a new command shows up in both.
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/cli_fixture.h"
#include "tests/testing/process.h"
#include "tests/testing/temp_dir.h"

namespace talent::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsSupersetOf;
using ::testing::UnorderedElementsAre;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines = absl::StrSplit(text, '\n', absl::SkipEmpty());
  return lines;
}

// A single-quoted shell word.
std::string Quote(const std::string& word) {
  std::string out = "'";
  for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

class CompletionEndToEndTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* shell : {"bash", "zsh"}) {
      ProcessResult r = RunProcess({kTalentctl, "completion", shell});
      ASSERT_EQ(r.exit_code, 0) << r.err;
      ASSERT_EQ(r.err, "");
      WriteFile(dir_.File(std::string("talentctl.") + shell), r.out);
    }
    WriteFile(dir_.File("applicants.csv"), "");
  }

  // What bash offers after `words` (the last one being completed), one a
  // line, as `complete -F` would run the function.
  std::vector<std::string> Bash(const std::vector<std::string>& words) {
    std::vector<std::string> quoted;
    for (const std::string& word : words) quoted.push_back(Quote(word));
    const std::string script = "cd " + Quote(dir_.path()) + " && source talentctl.bash && " +
                               "COMP_WORDS=(" + absl::StrJoin(quoted, " ") + ") && " +
                               "COMP_CWORD=" + std::to_string(words.size() - 1) + " && " +
                               "_talentctl && printf '%s\\n' \"${COMPREPLY[@]}\"";
    ProcessResult r = RunProcess({"/bin/bash", "--norc", "-c", script});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    return Lines(r.out);
  }

  // What zsh's _talentctl hands to compadd, _describe (NAME:DESCRIPTION)
  // and _files, as the completion system would call it.
  std::vector<std::string> Zsh(const std::vector<std::string>& words) {
    std::vector<std::string> quoted;
    for (const std::string& word : words) quoted.push_back(Quote(word));
    const std::string script =
        "cd " + Quote(dir_.path()) + " && "
        "compdef() { print -r -- \"compdef $*\"; }; "
        "compadd() { [[ $1 == -- ]] && shift; print -rl -- \"$@\"; }; "
        "_describe() { print -rl -- \"${(@P)4}\"; }; "
        "_files() { print -r -- '(files)'; }; "
        "source ./talentctl.zsh; "
        "words=(" + absl::StrJoin(quoted, " ") + "); CURRENT=" + std::to_string(words.size()) +
        "; PREFIX=${words[CURRENT]}; _talentctl";
    ProcessResult r = RunProcess({ZSH_PATH, "-f", "-c", script});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    std::vector<std::string> lines = Lines(r.out);
    EXPECT_FALSE(lines.empty());
    if (!lines.empty()) {
      EXPECT_EQ(lines.front(), "compdef _talentctl talentctl");  // sourced, not autoloaded
      lines.erase(lines.begin());
    }
    return lines;
  }

  // The commands `talentctl [path] --help` lists under "Subcommands:".
  std::vector<std::string> HelpCommands(std::vector<std::string> path) {
    path.insert(path.begin(), kTalentctl);
    path.push_back("--help");
    ProcessResult r = RunProcess(path);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::vector<std::string> names;
    const size_t start = r.out.find("\nSubcommands:\n");
    if (start == std::string::npos) return names;
    std::istringstream lines(r.out.substr(start + 14));
    std::string line;
    while (std::getline(lines, line)) {
      if (line.rfind("  ", 0) == 0 && line.size() > 2 && line[2] != ' ') {
        names.push_back(line.substr(2, line.find(' ', 2) - 2));
      }
    }
    return names;
  }

  TempDir dir_;
};

TEST_F(CompletionEndToEndTest, BashCompletesTheCommandsOfEachLevel) {
  EXPECT_THAT(Bash({"talentctl", "co"}), ElementsAre("cohort", "conflict", "completion"));
  EXPECT_THAT(Bash({"talentctl", "cohort", "cu"}), ElementsAre("cultivate"));
  EXPECT_THAT(Bash({"talentctl", "round", "co"}), ElementsAre("confirm"));
  EXPECT_THAT(Bash({"talentctl", "cert", "v"}), ElementsAre("verify"));
  // A flag's value is skipped: json is not taken for a command.
  EXPECT_THAT(Bash({"talentctl", "-o", "json", "round", "op"}), ElementsAre("open"));
  EXPECT_THAT(Bash({"talentctl", "--server=127.0.0.1:1", "round", "op"}), ElementsAre("open"));
  // Flags: the verb's own and the global ones.
  EXPECT_THAT(Bash({"talentctl", "cohort", "create", "--"}),
              IsSupersetOf({"--programme", "--year", "--quotas", "--help", "--server", "--output",
                            "--lang", "--yes"}));
  EXPECT_THAT(Bash({"talentctl", "enrolment", "import", "--d"}), ElementsAre("--dry-run"));
  // A flag's value and a verb's file argument complete as file names.
  EXPECT_THAT(Bash({"talentctl", "--token-file", "appl"}), ElementsAre("applicants.csv"));
  EXPECT_THAT(Bash({"talentctl", "enrolment", "import", "--cohort", "SCSW/2023", "app"}),
              ElementsAre("applicants.csv"));
}

TEST_F(CompletionEndToEndTest, BashRegistersTheFunctionForTalentctl) {
  ProcessResult r = RunProcess(
      {"/bin/bash", "--norc", "-c", "source " + dir_.File("talentctl.bash") + " && complete -p talentctl"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "complete -o filenames -F _talentctl talentctl\n");
}

TEST_F(CompletionEndToEndTest, EveryCommandInTheHelpIsCompletedAndNothingElse) {
  std::vector<std::string> top = HelpCommands({});
  ASSERT_GE(top.size(), 18u);
  EXPECT_THAT(Bash({"talentctl", ""}), ::testing::ElementsAreArray(top));
  for (const std::string& group : top) {
    std::vector<std::string> verbs = HelpCommands({group});
    if (verbs.empty()) continue;  // a verb itself (whoami, login): its arguments are files
    EXPECT_THAT(Bash({"talentctl", group, ""}), ::testing::ElementsAreArray(verbs)) << group;
  }
}

TEST_F(CompletionEndToEndTest, ZshDescribesTheCommandsAndCompletesFlags) {
  std::vector<std::string> cohort = Zsh({"talentctl", "cohort", ""});
  EXPECT_THAT(cohort, IsSupersetOf({"create:create a cohort (in draft)"}));
  EXPECT_EQ(cohort.size(), HelpCommands({"cohort"}).size());
  std::vector<std::string> top = Zsh({"talentctl", "-o", "json", ""});
  EXPECT_THAT(top, IsSupersetOf({"completion:print a shell completion script\\: bash (source "
                                 "<(talentctl completion bash)) or zsh"}));
  EXPECT_THAT(Zsh({"talentctl", "cohort", "create", "--"}),
              IsSupersetOf({"--programme", "--year", "--quotas", "--server", "--output"}));
  EXPECT_THAT(Zsh({"talentctl", "--token-file", ""}), ElementsAre("(files)"));
}

TEST_F(CompletionEndToEndTest, AnUnknownShellIsAUsageError) {
  ProcessResult r = RunProcess({kTalentctl, "completion", "fish"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("shell: fish not in {bash,zsh}"));
  EXPECT_EQ(r.out, "");
}

}  // namespace
}  // namespace talent::testing
