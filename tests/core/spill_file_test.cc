// SpillFile: an unnamed file only its owner may read, written then read
// back from the start, made in the first directory that will take it.
#include "server/core/spill_file.h"

#include <sys/stat.h>

#include <filesystem>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace talent::core {
namespace {

using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;
using ::talent::testing::TempDir;

std::vector<std::string> Entries(const std::string& directory) {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    out.push_back(entry.path().filename().string());
  }
  return out;
}

TEST(SpillFileTest, HasNoNameAndOnlyItsOwnerMayReadIt) {
  TempDir dir;
  auto file = SpillFile::Create({dir.path()});
  ASSERT_THAT(file, IsOk());
  EXPECT_TRUE(Entries(dir.path()).empty()) << "the temporary file has a name in the directory";
  struct stat info {};
  ASSERT_EQ(::fstat((*file)->descriptor(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  EXPECT_EQ(info.st_nlink, 0u);
}

TEST(SpillFileTest, ReadsBackWhatWasAppended) {
  TempDir dir;
  auto file = SpillFile::Create({dir.path()});
  ASSERT_THAT(file, IsOk());
  std::string big(200000, 'z');
  ASSERT_THAT((*file)->Append("hello"), IsOk());
  ASSERT_THAT((*file)->Append(big), IsOk());
  EXPECT_EQ((*file)->size(), 200005u);
  ASSERT_THAT((*file)->Rewind(), IsOk());
  std::string got;
  ASSERT_THAT((*file)->Read(5, &got), IsOk());
  EXPECT_EQ(got, "hello");
  ASSERT_THAT((*file)->Read(big.size(), &got), IsOk());
  EXPECT_EQ(got, big);
  EXPECT_THAT((*file)->Read(1, &got), StatusIs(absl::StatusCode::kOutOfRange));
}

TEST(SpillFileTest, FallsBackToTheNextDirectory) {
  TempDir dir;
  auto file = SpillFile::Create({"", dir.File("missing"), dir.path()});
  EXPECT_THAT(file, IsOk());
}

TEST(SpillFileTest, NoUsableDirectoryIsInternalNamingThem) {
  TempDir dir;
  EXPECT_THAT(SpillFile::Create({dir.File("missing")}),
              StatusIs(absl::StatusCode::kInternal, ::testing::HasSubstr("missing")));
}

}  // namespace
}  // namespace talent::core
