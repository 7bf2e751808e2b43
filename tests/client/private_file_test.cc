// WritePrivateFile: whole or not at all, owner-only, in the directory it
// creates; ConfigDir: XDG_CONFIG_HOME first, then ~/.config.
#include "client/private_file.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace talent::client {
namespace {

using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;
using ::talent::testing::TempDir;
using ::testing::AllOf;
using ::testing::HasSubstr;

std::string Contents(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The names in `dir`, sorted: no temporary is left behind.
std::vector<std::string> Names(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

unsigned Mode(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 0777;
}

TEST(WritePrivateFileTest, WritesTheWholeTextReadableByItsOwnerOnly) {
  TempDir dir;
  const std::string path = dir.File("heads.json");
  std::string text(300000, 'x');
  text += "\n末尾\n";
  ASSERT_THAT(WritePrivateFile(path, text), IsOk());
  EXPECT_EQ(Contents(path), text);
  EXPECT_EQ(Mode(path), 0600u);
  EXPECT_EQ(Names(dir.path()), std::vector<std::string>{"heads.json"});
}

TEST(WritePrivateFileTest, ReplacesAnOlderFileAndTightensItsMode) {
  TempDir dir;
  const std::string path = dir.File("config");
  { std::ofstream(path) << "old and longer than the new text\n"; }
  ::chmod(path.c_str(), 0644);
  ASSERT_THAT(WritePrivateFile(path, "new\n"), IsOk());
  EXPECT_EQ(Contents(path), "new\n");
  EXPECT_EQ(Mode(path), 0600u);
}

TEST(WritePrivateFileTest, NeverWritesThroughAFileOrLinkPlantedBesideIt) {
  TempDir dir;
  const std::string path = dir.File("audit.jsonl");
  const std::string victim = dir.File("victim");
  { std::ofstream(victim) << "precious"; }
  // Where an earlier version put its temporary: a link to someone's file.
  std::filesystem::create_symlink(victim, path + ".tmp");
  ASSERT_THAT(WritePrivateFile(path, "export\n"), IsOk());
  EXPECT_EQ(Contents(victim), "precious");
  EXPECT_EQ(Contents(path), "export\n");
  EXPECT_EQ(Names(dir.path()),
            (std::vector<std::string>{"audit.jsonl", "audit.jsonl.tmp", "victim"}));
}

TEST(WritePrivateFileTest, CreatesItsDirectoriesOnlyWhenAsked) {
  TempDir dir;
  const std::string path = dir.File("config/talentctl/config");
  EXPECT_THAT(WritePrivateFile(path, "x"),
              StatusIs(absl::StatusCode::kInternal, AllOf(HasSubstr(path), HasSubstr("create"))));
  EXPECT_FALSE(std::filesystem::exists(dir.File("config")));
  ASSERT_THAT(WritePrivateFile(path, "x", /*make_dirs=*/true), IsOk());
  EXPECT_EQ(Contents(path), "x");
  EXPECT_EQ(Mode(dir.File("config/talentctl")), 0700u);
  EXPECT_EQ(Mode(dir.File("config")), 0700u);
}

TEST(WritePrivateFileTest, AFailedRenameLeavesTheOldFileAndNoTemporary) {
  TempDir dir;
  // A directory where the file should be: the rename fails.
  const std::string path = dir.File("out.jsonl");
  std::filesystem::create_directory(path);
  { std::ofstream(path + "/keep") << "kept"; }
  EXPECT_THAT(WritePrivateFile(path, "text"),
              StatusIs(absl::StatusCode::kInternal, AllOf(HasSubstr(path), HasSubstr("rename"))));
  EXPECT_EQ(Contents(path + "/keep"), "kept");
  EXPECT_EQ(Names(dir.path()), std::vector<std::string>{"out.jsonl"});
}

class ConfigDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : {"XDG_CONFIG_HOME", "HOME"}) {
      const char* v = std::getenv(name);
      saved_.emplace_back(name, v ? std::optional<std::string>(v) : std::nullopt);
    }
  }
  void TearDown() override {
    for (const auto& [name, value] : saved_) {
      if (value) {
        ::setenv(name.c_str(), value->c_str(), 1);
      } else {
        ::unsetenv(name.c_str());
      }
    }
  }
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

TEST_F(ConfigDirTest, PrefersXdgConfigHomeThenHome) {
  ::setenv("XDG_CONFIG_HOME", "/srv/conf", 1);
  ::setenv("HOME", "/home/zhang", 1);
  EXPECT_EQ(ConfigDir(), "/srv/conf/talentctl");
  ::unsetenv("XDG_CONFIG_HOME");
  EXPECT_EQ(ConfigDir(), "/home/zhang/.config/talentctl");
  ::setenv("XDG_CONFIG_HOME", "", 1);
  EXPECT_EQ(ConfigDir(), "/home/zhang/.config/talentctl");
}

}  // namespace
}  // namespace talent::client
