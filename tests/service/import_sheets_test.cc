// talent.v1.SheetService.ImportSheets over a real server: an assessor's
// sheets for many enrolments in one call, every row checked as SetScores
// and SubmitSheet would check it, all written in one go or, if any row is
// bad, none with every problem listed by line; a dry run writes nothing.
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

using ::talent::testing::GrpcIs;
using ::talent::testing::kRound1;
using ::testing::HasSubstr;
using Code = grpc::StatusCode;

// expert2 is assigned 张伟 and 王芳 in round 1 (see MakeOpenRound).
class ImportSheetsTest : public testing::SheetServiceTest {
 protected:
  v1::SheetRow* Row(v1::ImportSheetsRequest* req, int line, const std::string& enrolment,
                    const std::vector<std::pair<std::string, std::string>>& points,
                    bool submit) {
    v1::SheetRow* row = req->add_rows();
    row->set_line(line);
    row->set_enrolment(enrolment);
    for (const auto& [code, value] : points) {
      v1::Score* s = row->add_scores();
      s->set_criterion(code);
      s->set_points(value);
    }
    row->set_submit(submit);
    return row;
  }

  const std::vector<std::pair<std::string, std::string>> kFull = {
      {"theory", "13"}, {"competence", "12.5"}, {"system", "18"},
      {"talent", "17"}, {"charity", "13"},      {"ethics", "14"}};
};

TEST_F(ImportSheetsTest, WritesAndSubmitsEveryRowInOneGo) {
  v1::ImportSheetsRequest req;
  req.set_round(kRound1);
  Row(&req, 2, zhang_.name(), kFull, /*submit=*/true);
  Row(&req, 3, wang_.name(), {{"theory", "10"}}, /*submit=*/false)->set_comment("待补充");
  v1::ImportSheetsResponse resp;
  ASSERT_THAT(sheets_->ImportSheets(As(expert2_token_).get(), req, &resp), GrpcIs(Code::OK));
  EXPECT_EQ(resp.rows(), 2);
  EXPECT_EQ(resp.written(), 2);
  EXPECT_EQ(resp.submitted(), 1);
  EXPECT_TRUE(resp.errors().empty());
  v1::Sheet sheet;
  ASSERT_THAT(Get(admin_token_, zhang_.name(), "users/expert2", &sheet), GrpcIs(Code::OK));
  EXPECT_EQ(sheet.state(), v1::SHEET_STATE_SUBMITTED);
  EXPECT_EQ(sheet.total(), "87.5");
  ASSERT_THAT(Get(admin_token_, wang_.name(), "users/expert2", &sheet), GrpcIs(Code::OK));
  EXPECT_EQ(sheet.state(), v1::SHEET_STATE_DRAFT);
  EXPECT_EQ(sheet.total(), "10.0");
  EXPECT_EQ(sheet.comment(), "待补充");
}

TEST_F(ImportSheetsTest, AnyBadRowWritesNothingAndEveryProblemIsListed) {
  v1::ImportSheetsRequest req;
  req.set_round(kRound1);
  Row(&req, 2, zhang_.name(), kFull, true);
  Row(&req, 3, wang_.name(), {{"theory", "15.1"}}, false);  // above the maximum
  Row(&req, 4, wang_.name(), {{"theory", "10"}}, true);     // criteria missing
  Row(&req, 5, "enrolments/99999", {{"theory", "10"}}, false);
  Row(&req, 6, "abc", {{"theory", "10"}}, false);
  v1::ImportSheetsResponse resp;
  ASSERT_THAT(sheets_->ImportSheets(As(expert2_token_).get(), req, &resp), GrpcIs(Code::OK));
  EXPECT_EQ(resp.written(), 0);
  ASSERT_EQ(resp.errors_size(), 4);
  EXPECT_EQ(resp.error_count(), 4);
  EXPECT_EQ(resp.rows(), 5);
  EXPECT_EQ(resp.errors(0).line(), 3);
  EXPECT_THAT(resp.errors(0).reason(), HasSubstr("criterion theory"));
  EXPECT_EQ(resp.errors(1).line(), 4);
  EXPECT_THAT(resp.errors(1).reason(), HasSubstr("missing"));
  EXPECT_EQ(resp.errors(2).line(), 5);
  EXPECT_THAT(resp.errors(2).reason(), HasSubstr("not found"));
  EXPECT_EQ(resp.errors(3).line(), 6);
  // Nothing was written, not even the good row.
  v1::Sheet sheet;
  EXPECT_THAT(Get(admin_token_, zhang_.name(), "users/expert2", &sheet),
              GrpcIs(Code::NOT_FOUND));
}

TEST_F(ImportSheetsTest, DryRunWritesNothing) {
  v1::ImportSheetsRequest req;
  req.set_round(kRound1);
  req.set_dry_run(true);
  Row(&req, 2, zhang_.name(), kFull, true);
  v1::ImportSheetsResponse resp;
  ASSERT_THAT(sheets_->ImportSheets(As(expert2_token_).get(), req, &resp), GrpcIs(Code::OK));
  EXPECT_TRUE(resp.errors().empty());
  EXPECT_EQ(resp.written(), 0);
  v1::Sheet sheet;
  EXPECT_THAT(Get(admin_token_, zhang_.name(), "users/expert2", &sheet),
              GrpcIs(Code::NOT_FOUND));
}

TEST_F(ImportSheetsTest, UnassignedRowsAreRowErrorsAndOnlyAssessorsImport) {
  v1::ImportSheetsRequest req;
  req.set_round(kRound1);
  Row(&req, 2, wang_.name(), kFull, false);  // expert1 is assigned 张伟 only
  v1::ImportSheetsResponse resp;
  ASSERT_THAT(sheets_->ImportSheets(As(assessor_token_).get(), req, &resp), GrpcIs(Code::OK));
  ASSERT_EQ(resp.errors_size(), 1);
  EXPECT_THAT(resp.errors(0).reason(), HasSubstr("not assigned to you"));
  EXPECT_THAT(sheets_->ImportSheets(AsAdmin().get(), req, &resp),
              GrpcIs(Code::PERMISSION_DENIED));
  req.set_round("programmes/SCSW/cohorts/2023/rounds/9");
  EXPECT_THAT(sheets_->ImportSheets(As(expert2_token_).get(), req, &resp),
              GrpcIs(Code::NOT_FOUND));
}

TEST_F(ImportSheetsTest, MoreThanTenThousandRowsAreRefusedAndNothingIsWritten) {
  v1::ImportSheetsRequest req;
  req.set_round(kRound1);
  Row(&req, 2, zhang_.name(), kFull, true);
  for (int line = 3; line <= 10002; ++line) {
    Row(&req, line, wang_.name(), {{"theory", "10"}}, false);
  }
  ASSERT_EQ(req.rows_size(), 10001);
  v1::ImportSheetsResponse resp;
  EXPECT_THAT(sheets_->ImportSheets(As(expert2_token_).get(), req, &resp),
              GrpcIs(Code::INVALID_ARGUMENT,
                     ::testing::AllOf(HasSubstr("at most 10000 rows, got 10001"),
                                      HasSubstr("split the file"))));
  v1::Sheet sheet;
  EXPECT_THAT(Get(admin_token_, zhang_.name(), "users/expert2", &sheet),
              GrpcIs(Code::NOT_FOUND));
  // Ten thousand are taken (a later row for the same enrolment replaces an
  // earlier one).
  req.mutable_rows()->RemoveLast();
  ASSERT_THAT(sheets_->ImportSheets(As(expert2_token_).get(), req, &resp), GrpcIs(Code::OK));
  EXPECT_EQ(resp.rows(), 10000);
  EXPECT_EQ(resp.written(), 2);
  EXPECT_EQ(resp.submitted(), 1);
}

TEST_F(ImportSheetsTest, MoreThanAThousandBadRowsListTheFirstThousandAndTheCount) {
  v1::ImportSheetsRequest req;
  req.set_round(kRound1);
  for (int line = 2; line < 1502; ++line) {
    Row(&req, line, wang_.name(), {{"theory", "99"}}, false);  // above the maximum
  }
  v1::ImportSheetsResponse resp;
  ASSERT_THAT(sheets_->ImportSheets(As(expert2_token_).get(), req, &resp), GrpcIs(Code::OK));
  EXPECT_EQ(resp.error_count(), 1500);
  ASSERT_EQ(resp.errors_size(), 1000);
  EXPECT_EQ(resp.errors(0).line(), 2);
  EXPECT_EQ(resp.errors(999).line(), 1001);
  EXPECT_EQ(resp.written(), 0);
}

TEST_F(ImportSheetsTest, AQuotedValueComesBackShortAndClean) {
  v1::ImportSheetsRequest req;
  req.set_round(kRound1);
  Row(&req, 2, wang_.name(), {{"\x1b[31m\u202E" + std::string(1 << 20, 'c'), "1"}}, false);
  Row(&req, 3, wang_.name(), {{"theory", "\x1b[2J" + std::string(1 << 20, '9')}}, false);
  v1::ImportSheetsResponse resp;
  ASSERT_THAT(sheets_->ImportSheets(As(expert2_token_).get(), req, &resp), GrpcIs(Code::OK));
  ASSERT_EQ(resp.errors_size(), 2);
  EXPECT_THAT(resp.errors(0).reason(), ::testing::StartsWith("criterion [31mccc"));
  EXPECT_THAT(resp.errors(1).reason(), HasSubstr("\"[2J999"));
  for (const v1::SheetRowError& e : resp.errors()) {
    EXPECT_THAT(e.reason(), ::testing::Not(HasSubstr("\x1b")));
    EXPECT_THAT(e.reason(), ::testing::Not(HasSubstr("\u202E")));
    EXPECT_LT(e.reason().size(), 300u);
  }
}

}  // namespace
}  // namespace talent
