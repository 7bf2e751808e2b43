// The bulk import's limits: the whole file is received before any
// transaction (a stalled source holds up no other writer), at most 1,000
// problems are listed with their count, quoted cells come back short and
// clean, and rows past the memory limit go through a temporary file into
// the same database.
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "tests/core/use_case_fixture.h"

namespace talent::core {
namespace {

using ::testing::AnyOf;
using ::testing::Not;

// Every row of persons and enrolments, each as its columns' text.
std::vector<std::string> Dump(const std::string& path) {
  std::vector<std::string> out;
  auto db = storage::Connection::Open(path, storage::Connection::Mode::kReadOnly, false);
  EXPECT_THAT(db, IsOk());
  if (!db.ok()) return out;
  for (const char* sql :
       {"SELECT * FROM persons ORDER BY id", "SELECT * FROM enrolments ORDER BY id"}) {
    auto st = (*db)->Prepare(sql);
    EXPECT_THAT(st, IsOk());
    if (!st.ok()) return out;
    for (;;) {
      auto row = (*st)->Step();
      EXPECT_THAT(row, IsOk());
      if (!row.ok() || !*row) break;
      std::string line;
      for (int i = 0; i < (*st)->ColumnCount(); ++i) line += (*st)->ColumnText(i) + "|";
      out.push_back(line);
    }
    (*st)->Reset();
  }
  return out;
}

// Rows 1..400 with every field filled in, varied.
std::vector<ImportRow> VariedRows() {
  std::vector<ImportRow> rows;
  for (int n = 1; n <= 400; ++n) {
    const char* track = n % 3 == 0 ? "服务类" : n % 3 == 1 ? "管理类" : "教育与研究类";
    ImportRow row{n + 1, Applicant(n, track)};
    row.input.region = "成都市锦江区";
    row.input.email = "p" + std::to_string(n) + "@example.org";
    row.input.qualification = n % 2 ? "社会工作师" : "";
    row.input.years_of_experience = std::to_string(n % 30);
    rows.push_back(row);
  }
  return rows;
}

TEST_F(UseCaseTest, ImportOfRowsPastTheMemoryLimitWritesWhatAnImportInMemoryWrites) {
  SetUpEnrollingCohort();
  const std::vector<ImportRow> rows = VariedRows();
  auto in_memory = core_->enrolments.Import(admin_, "SCSW", 2023, rows, false, "");
  ASSERT_THAT(in_memory, IsOk());
  EXPECT_EQ(in_memory->imported, 400);
  EXPECT_FALSE(in_memory->spilled);

  // The same file into a second database, with 16 KB of rows in memory.
  const std::string other_path = dir_.File("spilled.db");
  storage::StoreOptions options;
  options.create = true;
  auto store = storage::Store::Open(other_path, options);
  ASSERT_THAT(store, IsOk());
  UseCases other(std::move(*store), &clock_);
  auto token = other.users.Bootstrap(MakeUser("admin", Role::kAdmin));
  ASSERT_THAT(token, IsOk());
  auto admin = other.users.Authenticate(token->secret);
  ASSERT_THAT(admin, IsOk());
  ASSERT_THAT(other.programmes.CreateProgramme(*admin, MakeProgramme("SCSW"), ""), IsOk());
  ASSERT_THAT(other.programmes.CreateCohort(*admin, "SCSW", 2023, {10, 10, 10}, ""), IsOk());
  ASSERT_THAT(other.programmes.OpenEnrolment(*admin, "SCSW", 2023), IsOk());
  ImportOptions small;
  small.memory_bytes = 16 << 10;
  auto spilled = other.enrolments.Import(*admin, "SCSW", 2023, rows, false, "", small);
  ASSERT_THAT(spilled, IsOk());
  EXPECT_EQ(spilled->imported, 400);
  EXPECT_TRUE(spilled->spilled);

  std::vector<std::string> expected = Dump(path_);
  ASSERT_EQ(expected.size(), 800u);
  EXPECT_EQ(Dump(other_path), expected);
  // The temporary file had no name: only the databases are in the directory.
  for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) {
    EXPECT_THAT(entry.path().filename().string(),
                AnyOf(StartsWith("talent.db"), StartsWith("spilled.db")));
  }
}

TEST_F(UseCaseTest, ADryRunPastTheMemoryLimitReportsTheDatabasesProblems) {
  SetUpEnrollingCohort();
  ASSERT_THAT(core_->enrolments.CreateEnrolment(admin_, "SCSW", 2023, Applicant(350), ""),
              IsOk());
  ImportOptions small;
  small.memory_bytes = 16 << 10;
  auto result = core_->enrolments.Import(admin_, "SCSW", 2023, VariedRows(), true, "", small);
  ASSERT_THAT(result, IsOk());
  EXPECT_TRUE(result->spilled);
  EXPECT_EQ(result->rows, 400);
  EXPECT_THAT(result->errors, ElementsAre(ImportErrorIs(351, "national_id",
                                                        HasSubstr("already enrolled"))));
  EXPECT_EQ(TotalEnrolments(), 1);
}

TEST_F(UseCaseTest, ImportOfManyBadRowsListsTheFirstThousandAndCountsThemAll) {
  SetUpEnrollingCohort();
  std::vector<ImportRow> rows = Rows(1, 1500);  // lines 2–1501
  for (ImportRow& row : rows) row.input.phone = "12345";
  // And one problem the database finds, on a line before the 1,000th.
  rows[10].input.phone = "13800000000";  // line 12
  ASSERT_THAT(core_->enrolments.CreateEnrolment(admin_, "SCSW", 2023, rows[10].input, ""),
              IsOk());
  auto result = core_->enrolments.Import(admin_, "SCSW", 2023, rows, false, "");
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->error_count, 1500);
  ASSERT_EQ(result->errors.size(), 1000u);
  EXPECT_THAT(result->errors[0], ImportErrorIs(2, "phone", HasSubstr("11 digits")));
  EXPECT_THAT(result->errors[10], ImportErrorIs(12, "national_id", HasSubstr("already enrolled")));
  EXPECT_EQ(result->errors.back().line, 1001);
  EXPECT_EQ(result->imported, 0);
  EXPECT_EQ(TotalEnrolments(), 1);
}

TEST_F(UseCaseTest, AMegabyteCellIsQuotedShortAndWithoutControlCharacters) {
  SetUpEnrollingCohort();
  std::vector<ImportRow> rows = Rows(1, 2);
  rows[1].input.track = "\x1b[31m\u202E清洁类" + std::string(1 << 20, 'A');
  auto result = core_->enrolments.Import(admin_, "SCSW", 2023, rows, false, "");
  ASSERT_THAT(result, IsOk());
  ASSERT_EQ(result->errors.size(), 1u);
  const std::string& reason = result->errors[0].reason;
  EXPECT_THAT(reason, StartsWith("track \"[31m清洁类AAAA"));
  EXPECT_THAT(reason, HasSubstr("A…\" is not one of"));
  EXPECT_THAT(reason, Not(HasSubstr("\x1b")));
  EXPECT_THAT(reason, Not(HasSubstr("\u202E")));
  EXPECT_LT(reason.size(), 200u);
}

TEST_F(UseCaseTest, ASourceThatStallsHoldsUpNoOtherWriter) {
  SetUpEnrollingCohort();
  std::mutex mu;
  std::condition_variable cv;
  bool sent_some = false, go_on = false;
  auto release = [&] {
    std::lock_guard<std::mutex> lock(mu);
    go_on = true;
    cv.notify_all();
  };
  auto stalled = std::async(std::launch::async, [&] {
    int calls = 0;
    return core_->enrolments.Import(
        admin_, "SCSW", 2023, false, "",
        [&](ImportBatch* batch) -> absl::StatusOr<bool> {
          if (++calls == 1) {
            for (const ImportRow& row : Rows(1, 3)) {
              if (absl::Status s = batch->AddRow(row.line, row.input); !s.ok()) return s;
            }
            std::unique_lock<std::mutex> lock(mu);
            sent_some = true;
            cv.notify_all();
            cv.wait(lock, [&] { return go_on; });  // the client stalls here
            return true;
          }
          for (const ImportRow& row : Rows(4, 5)) {
            if (absl::Status s = batch->AddRow(row.line + 3, row.input); !s.ok()) return s;
          }
          return false;
        });
  });
  // However this test ends, the source is released before `stalled` waits.
  struct Release {
    std::function<void()> release;
    ~Release() { release(); }
  } release_at_end{release};
  {
    std::unique_lock<std::mutex> lock(mu);
    ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(10), [&] { return sent_some; }));
  }
  // Meanwhile, other writes go through at once.
  auto started = std::chrono::steady_clock::now();
  EXPECT_THAT(core_->programmes.CreateProgramme(admin_, MakeProgramme("OTHER"), ""), IsOk());
  EXPECT_THAT(core_->enrolments.CreateEnrolment(admin_, "SCSW", 2023, Applicant(9), ""), IsOk());
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(1));
  release();
  auto result = stalled.get();
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->imported, 5);
  EXPECT_EQ(TotalEnrolments(), 6);
}

TEST_F(UseCaseTest, ASourceThatFailsMidwayImportsNothing) {
  SetUpEnrollingCohort();
  int calls = 0;
  auto result = core_->enrolments.Import(
      admin_, "SCSW", 2023, false, "", [&](ImportBatch* batch) -> absl::StatusOr<bool> {
        if (++calls == 2) return absl::CancelledError("the client went away");
        for (const ImportRow& row : Rows(1, 3)) {
          if (absl::Status s = batch->AddRow(row.line, row.input); !s.ok()) return s;
        }
        return true;
      });
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kCancelled));
  EXPECT_EQ(TotalEnrolments(), 0);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM persons"), 0);
}

TEST_F(UseCaseTest, ARetryOfAnAppliedImportIsAnsweredWithoutReadingTheFile) {
  SetUpEnrollingCohort();
  ASSERT_THAT(core_->enrolments.Import(admin_, "SCSW", 2023, Rows(1, 3), false, "req-9"), IsOk());
  bool read = false;
  auto retry = core_->enrolments.Import(admin_, "SCSW", 2023, false, "req-9",
                                        [&](ImportBatch*) -> absl::StatusOr<bool> {
                                          read = true;
                                          return false;
                                        });
  ASSERT_THAT(retry, IsOk());
  EXPECT_EQ(retry->imported, 3);
  EXPECT_FALSE(read);
}

}  // namespace
}  // namespace talent::core
