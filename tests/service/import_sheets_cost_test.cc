// What a sheet import costs the database: the statements it runs per row
// while holding the write transaction, counted with sqlite3_trace_v2 on the
// Store's writer connection. What every row shares (cohort, round, rubric,
// assessor) is loaded once per call; a row costs its enrolment, its
// assignment and its sheet, then what it writes.
#include <sqlite3.h>

#include <atomic>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "talent/v1/sheet.grpc.pb.h"
#include "tests/service/sheet_fixture.h"
#include "tests/testing/status_matchers.h"

namespace talent {
namespace {

using ::talent::testing::FullMarks;
using ::talent::testing::GrpcIs;
using ::talent::testing::kRound1;
using Code = grpc::StatusCode;

int CountStatement(unsigned type, void* counter, void*, void* sql) {
  // Trigger programs are reported too, as "-- …"; count only statements.
  const char* text = static_cast<const char*>(sql);
  if (type == SQLITE_TRACE_STMT && !(text[0] == '-' && text[1] == '-')) {
    ++*static_cast<std::atomic<int64_t>*>(counter);
  }
  return 0;
}

// Cohort 2023 with eight ACTIVE candidates (quotas 3/3/3), all assigned to
// expert2 in round 1, which is OPEN.
class ImportSheetsCostTest : public testing::RoundFixture {
 protected:
  void SetUp() override {
    RoundFixture::SetUp();
    if (HasFatalFailure()) return;
    CreateSeedProgramme();
    const v1::Track tracks[] = {v1::TRACK_SERVICE, v1::TRACK_MANAGEMENT,
                                v1::TRACK_EDUCATION_RESEARCH};
    testing::RoundScenario scenario;
    candidates_.resize(8);
    for (int i = 0; i < 8; ++i) {
      scenario.Selected(&candidates_[i], "候选人" + std::to_string(i), 30 + i, tracks[i % 3]);
    }
    Build(scenario.WithAssessor(&expert2_token_, "expert2", "四川大学")
              .WithRound(1, "中期考核")
              .WithRound(2, "年度考核", /*final=*/true));
    if (HasFatalFailure()) return;
    v1::AssignAssessorsRequest assign;
    assign.set_round(kRound1);
    assign.add_assessors("users/expert2");
    for (const v1::Enrolment& e : candidates_) assign.add_enrolments(e.name());
    v1::AssignAssessorsResponse assigned;
    ASSERT_THAT(rounds_->AssignAssessors(AsAdmin().get(), assign, &assigned), GrpcIs(Code::OK));
    ASSERT_THAT(OpenRound(kRound1), GrpcIs(Code::OK));
  }

  // Statements the writer runs during `call`.
  template <typename Call>
  int64_t StatementsDuring(Call call) {
    std::atomic<int64_t> counter{0};
    auto trace = [&](bool on) {
      ASSERT_TRUE(core_->context.store()
                      .Write([&](storage::Connection& db) {
                        sqlite3_trace_v2(db.raw(), on ? SQLITE_TRACE_STMT : 0,
                                         on ? &CountStatement : nullptr, on ? &counter : nullptr);
                        return absl::OkStatus();
                      })
                      .ok());
    };
    trace(true);
    const int64_t installed = counter.load();  // the traced write's own COMMIT
    call();
    trace(false);
    return counter.load() - installed;
  }

  // Imports candidates [first, last) with full marks, submitted, and one
  // more row for a criterion not in the rubric when `bad_last`.
  v1::ImportSheetsResponse Import(size_t first, size_t last, bool bad_last) {
    v1::ImportSheetsRequest req;
    req.set_round(kRound1);
    int line = 2;
    for (size_t i = first; i < last; ++i) {
      v1::SheetRow* row = req.add_rows();
      row->set_line(line++);
      row->set_enrolment(candidates_[i].name());
      for (const auto& [code, value] : FullMarks()) {
        v1::Score* s = row->add_scores();
        s->set_criterion(code);
        s->set_points(value);
      }
      row->set_submit(true);
    }
    if (bad_last) {
      v1::SheetRow* row = req.add_rows();
      row->set_line(line);
      row->set_enrolment(candidates_[first].name());
      v1::Score* s = row->add_scores();
      s->set_criterion("no_such_criterion");
      s->set_points("1");
    }
    v1::ImportSheetsResponse resp;
    EXPECT_THAT(sheets_->ImportSheets(As(expert2_token_).get(), req, &resp), GrpcIs(Code::OK));
    return resp;
  }

  std::vector<v1::Enrolment> candidates_;
  std::string expert2_token_;
};

TEST_F(ImportSheetsCostTest, CheckingARowCostsAtMostFourStatements) {
  // A bad last row: every row is checked, nothing is written.
  int64_t one = StatementsDuring([&] { EXPECT_EQ(Import(0, 1, true).errors_size(), 1); });
  int64_t seven = StatementsDuring([&] { EXPECT_EQ(Import(1, 8, true).errors_size(), 1); });
  double per_row = static_cast<double>(seven - one) / 6;
  std::printf("ImportSheets, checking only: %lld statements for 1 row, %lld for 7 rows: "
              "%.1f per row\n",
              static_cast<long long>(one), static_cast<long long>(seven), per_row);
  RecordProperty("check_statements_per_row", std::to_string(per_row));
  EXPECT_LE(per_row, 4.0);
}

TEST_F(ImportSheetsCostTest, WritingARowCostsItsChecksAndItsWrites) {
  int64_t one = StatementsDuring([&] { EXPECT_EQ(Import(0, 1, false).written(), 1); });
  int64_t seven = StatementsDuring([&] { EXPECT_EQ(Import(1, 8, false).written(), 7); });
  double per_row = static_cast<double>(seven - one) / 6;
  std::printf("ImportSheets, written: %lld statements for 1 row, %lld for 7 rows: "
              "%.1f per row\n",
              static_cast<long long>(one), static_cast<long long>(seven), per_row);
  RecordProperty("statements_per_row", std::to_string(per_row));
  // A new sheet with six criteria, submitted: the sheet, its points and its
  // history (six changes and the submission) are the writes, and the audit
  // chain's cover of it (three reads for its digest and one row).
  EXPECT_LE(per_row, 24.0);
}

}  // namespace
}  // namespace talent
