// ImportBatch: rows checked as they are added, kept in order in memory or,
// past the limit, in a temporary file, and read back the same either way.
#include "server/core/import_batch.h"

#include <filesystem>
#include <string>
#include <vector>

#include "common/national_id.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace talent::core {
namespace {

using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;
using ::talent::testing::TempDir;

constexpr common::Date kToday{2023, 6, 1};

std::vector<std::string> Entries(const std::string& directory) {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    out.push_back(entry.path().filename().string());
  }
  return out;
}

std::string Id(int n) {
  std::string first17 = "51010419900307" + std::to_string(1000 + n).substr(1);
  return first17 + common::NationalIdCheckCharacter(first17);
}

domain::ApplicantInput Input(int n) {
  domain::ApplicantInput in;
  in.full_name = "申请人" + std::to_string(n);
  in.national_id = Id(n);
  in.organisation = "成都市社会工作服务中心";
  in.region = "成都市锦江区";
  in.track = n % 2 ? "服务类" : "管理类";
  in.phone = "13800000000";
  in.email = "a" + std::to_string(n) + "@example.org";
  in.qualification = "社会工作师";
  in.years_of_experience = std::to_string(n % 40);
  return in;
}

// Every good row, read back in chunks of `chunk`.
std::vector<ImportBatch::Row> ReadAll(ImportBatch& batch, size_t chunk) {
  std::vector<ImportBatch::Row> all, rows;
  EXPECT_THAT(batch.Rewind(), IsOk());
  for (;;) {
    absl::StatusOr<bool> more = batch.Next(chunk, &rows);
    EXPECT_THAT(more, IsOk());
    if (!more.ok() || !*more) break;
    EXPECT_LE(rows.size(), chunk);
    all.insert(all.end(), rows.begin(), rows.end());
  }
  return all;
}

TEST(ImportBatchTest, RowsPastTheMemoryLimitGoThroughTheFileAndComeBackTheSame) {
  TempDir dir;
  ImportBatch in_memory(kToday, {});
  ImportBatch spilled(kToday, {/*memory_bytes=*/4096, {dir.path()}});
  for (int n = 0; n < 300; ++n) {
    ASSERT_THAT(in_memory.AddRow(n + 2, Input(n)), IsOk());
    ASSERT_THAT(spilled.AddRow(n + 2, Input(n)), IsOk());
  }
  EXPECT_FALSE(in_memory.spilled());
  EXPECT_TRUE(spilled.spilled());
  EXPECT_TRUE(Entries(dir.path()).empty());
  std::vector<ImportBatch::Row> a = ReadAll(in_memory, 64);
  std::vector<ImportBatch::Row> b = ReadAll(spilled, 64);
  ASSERT_EQ(a.size(), 300u);
  ASSERT_EQ(b.size(), 300u);
  for (size_t i = 0; i < a.size(); ++i) {
    const domain::Applicant& x = a[i].applicant;
    const domain::Applicant& y = b[i].applicant;
    EXPECT_EQ(a[i].line, b[i].line);
    EXPECT_EQ(x.person.national_id, y.person.national_id);
    EXPECT_EQ(x.person.full_name, y.person.full_name);
    EXPECT_EQ(x.person.gender, y.person.gender);
    EXPECT_EQ(x.person.birth_date, y.person.birth_date);
    EXPECT_EQ(x.person.phone, y.person.phone);
    EXPECT_EQ(x.person.email, y.person.email);
    EXPECT_EQ(x.track, y.track);
    EXPECT_EQ(x.organisation, y.organisation);
    EXPECT_EQ(x.region, y.region);
    EXPECT_EQ(x.qualification, y.qualification);
    EXPECT_EQ(x.years_of_experience, y.years_of_experience);
  }
  EXPECT_EQ(b.front().line, 2);
  EXPECT_EQ(b.back().line, 301);
  // A second pass reads the same rows again.
  EXPECT_EQ(ReadAll(spilled, 1000).size(), 300u);
}

TEST(ImportBatchTest, BadRowsAndRepeatedIdsAreErrorsNotRows) {
  ImportBatch batch(kToday, {});
  ASSERT_THAT(batch.AddRow(2, Input(1)), IsOk());
  domain::ApplicantInput bad = Input(2);
  bad.track = "清洁类";
  ASSERT_THAT(batch.AddRow(3, bad), IsOk());
  ASSERT_THAT(batch.AddRow(4, Input(1)), IsOk());
  batch.AddMalformed(5, "has 3 cells; the heading has 10");
  EXPECT_EQ(batch.rows(), 4);
  EXPECT_EQ(batch.errors().count(), 3);
  std::vector<ImportError> errors = batch.errors().TakeListed();
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].column, "track");
  EXPECT_EQ(errors[1].reason, "the same national ID is on line 2");
  EXPECT_EQ(errors[2].line, 5);
  std::vector<ImportBatch::Row> rows = ReadAll(batch, 10);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].line, 2);
}

TEST(ImportBatchTest, AFileThatCannotBeMadeStopsTheImport) {
  TempDir dir;
  ImportBatch batch(kToday, {/*memory_bytes=*/1, {dir.File("missing")}});
  EXPECT_THAT(batch.AddRow(2, Input(1)), StatusIs(absl::StatusCode::kInternal));
}

}  // namespace
}  // namespace talent::core
