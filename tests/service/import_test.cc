// talent.v1.EnrolmentService.ImportEnrolments over a real server: the
// client-streaming bulk import is all or nothing, reports every problem by
// line and column, honours dry_run and request_id, and refuses a stream
// that names no cohort.
#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/service/metrics.h"
#include "tests/testing/enrolment_fixture.h"
#include "tests/testing/status_matchers.h"

namespace talent {
namespace {

using ::talent::testing::BadCheckNationalId;
using ::talent::testing::GrpcIs;
using ::talent::testing::ImportCall;
using ::talent::testing::kCohort2022;
using ::talent::testing::kCohort2023;
using ::talent::testing::Row;
using ::talent::testing::ValidNationalId;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using Code = grpc::StatusCode;

// Rows as talentctl reads them from scripts/data/applicants-2023.csv (the
// file's heading is line 1).
v1::ImportRow DemoRow(int line, const char* name, const char* id, const char* gender,
                      const char* organisation, const char* region, const char* track,
                      const char* phone, const char* email, const char* qualification,
                      const char* years) {
  v1::ImportRow row;
  row.set_line(line);
  row.set_full_name(name);
  row.set_national_id(id);
  row.set_gender(gender);
  row.set_organisation(organisation);
  row.set_region(region);
  row.set_track(track);
  row.set_phone(phone);
  row.set_email(email);
  row.set_qualification(qualification);
  row.set_years_of_experience(years);
  return row;
}

std::vector<v1::ImportRow> DemoRows() {
  return {
      DemoRow(2, "张伟", "510104198311286091", "男", "成都市锦江区养老服务中心", "成都市锦江区",
              "教育与研究类", "13575797913", "zhang.wei@example.org", "社会工作师", "18"),
      DemoRow(3, "王芳", "510105199305035000", "女", "成都市青羊区社会组织孵化基地",
              "成都市青羊区", "服务类", "18946483688", "wang.fang@example.org", "助理社会工作师",
              "6"),
      DemoRow(4, "李明远", "510106199410221397", "男", "成都市金牛区心理健康服务中心",
              "成都市金牛区", "管理类", "15982193675", "li.mingyuan@example.org",
              "助理社会工作师", "3"),
      DemoRow(5, "刘静", "510107199211151900", "女", "成都市武侯区社区教育学院", "成都市武侯区",
              "服务类", "18036537467", "liu.jing@example.org", "社会工作师", "9"),
      // A quoted cell with a comma in the spreadsheet; a lower-case x.
      DemoRow(6, "杨秀英", "51011219930213834x", "女",
              "成都市龙泉驿区社会工作服务中心,龙泉街道分中心", "成都市龙泉驿区", "management",
              "13553699721", "yang.xiuying@example.org", "社会工作师", "9"),
      DemoRow(7, "赵国平", "510114198110241498", "", "成都市新都区儿童福利院", "成都市新都区",
              "TRACK_SERVICE", "", "", "", ""),
  };
}

MATCHER_P3(ImportErrorIs, line, column, reason_matcher, "") {
  *result_listener << "line " << arg.line() << " column \"" << arg.column() << "\" reason \""
                   << arg.reason() << "\"";
  return arg.line() == line && arg.column() == column &&
         ::testing::ExplainMatchResult(reason_matcher, arg.reason(), result_listener);
}

class ImportTest : public testing::EnrolmentFixture {
 protected:
  void SetUp() override {
    testing::EnrolmentFixture::SetUp();
    if (HasFatalFailure()) return;
    CreateSeedProgramme();
  }

  std::vector<v1::Enrolment> ListAll(const std::string& cohort) {
    v1::ListEnrolmentsRequest req;
    req.set_cohort(cohort);
    req.set_show_personal_data(true);
    v1::ListEnrolmentsResponse resp;
    EXPECT_THAT(List(req, &resp), GrpcIs(Code::OK));
    return {resp.enrolments().begin(), resp.enrolments().end()};
  }
};

TEST_F(ImportTest, GoodRowsAreAllImported) {
  CreateCohort(2023, 10, 10, 10, true);
  ImportCall call = Import(kCohort2023, DemoRows());
  ASSERT_THAT(call.status, GrpcIs(Code::OK));
  EXPECT_THAT(call.response.errors(), IsEmpty());
  EXPECT_EQ(call.response.rows(), 6);
  EXPECT_EQ(call.response.imported(), 6);
  EXPECT_FALSE(call.response.dry_run());

  std::vector<v1::Enrolment> stored = ListAll(kCohort2023);
  ASSERT_EQ(stored.size(), 6u);
  // In file order, each with its fields.
  EXPECT_EQ(stored[0].person().full_name(), "张伟");
  EXPECT_EQ(stored[0].person().national_id(), "510104198311286091");
  EXPECT_EQ(stored[0].person().gender(), v1::GENDER_MALE);
  EXPECT_EQ(stored[0].person().birth_date(), "1983-11-28");
  EXPECT_EQ(stored[0].track(), v1::TRACK_EDUCATION_RESEARCH);
  EXPECT_EQ(stored[0].organisation(), "成都市锦江区养老服务中心");
  EXPECT_EQ(stored[0].region(), "成都市锦江区");
  EXPECT_EQ(stored[0].qualification(), "社会工作师");
  EXPECT_EQ(stored[0].years_of_experience(), 18);
  EXPECT_EQ(stored[0].person().phone(), "13575797913");
  EXPECT_EQ(stored[0].person().email(), "zhang.wei@example.org");
  EXPECT_EQ(stored[0].stage(), v1::STAGE_APPLIED);
  EXPECT_EQ(stored[1].track(), v1::TRACK_SERVICE);
  EXPECT_EQ(stored[1].person().gender(), v1::GENDER_FEMALE);
  EXPECT_EQ(stored[4].person().national_id(), "51011219930213834X");
  EXPECT_EQ(stored[4].organisation(), "成都市龙泉驿区社会工作服务中心,龙泉街道分中心");
  EXPECT_EQ(stored[4].track(), v1::TRACK_MANAGEMENT);
  EXPECT_EQ(stored[5].person().full_name(), "赵国平");
  EXPECT_EQ(stored[5].track(), v1::TRACK_SERVICE);
  EXPECT_EQ(stored[5].years_of_experience(), 0);

  v1::GetCohortRequest get;
  get.set_name(kCohort2023);
  v1::Cohort c;
  ASSERT_THAT(cohorts_->GetCohort(AsAdmin().get(), get, &c), GrpcIs(Code::OK));
  EXPECT_EQ(c.applied().service(), 3);
  EXPECT_EQ(c.applied().management(), 2);
  EXPECT_EQ(c.applied().education_research(), 1);
}

TEST_F(ImportTest, RowsMayComeInAnyNumberOfMessages) {
  CreateCohort(2023, 10, 10, 10, true);
  // The cohort and the first rows in one message, the rest one per message.
  std::vector<v1::ImportRow> rows = DemoRows();
  std::vector<v1::ImportEnrolmentsRequest> messages(1);
  messages[0].set_cohort(kCohort2023);
  *messages[0].add_rows() = rows[0];
  *messages[0].add_rows() = rows[1];
  for (size_t i = 2; i < rows.size(); ++i) {
    messages.emplace_back();
    *messages.back().add_rows() = rows[i];
  }
  messages.emplace_back();  // an empty message is harmless
  ImportCall call = ImportMessages(messages, admin_token_);
  ASSERT_THAT(call.status, GrpcIs(Code::OK));
  EXPECT_EQ(call.response.imported(), 6);
  EXPECT_EQ(CountEnrolments(kCohort2023), 6);
}

TEST_F(ImportTest, BadRowsAreAllReportedByLineAndColumnAndNothingIsImported) {
  CreateCohort(2023, 10, 10, 10, true);
  std::vector<v1::ImportRow> rows = DemoRows();          // lines 2–7 good
  rows.push_back(Row(8, "钱多多", BadCheckNationalId(8), "服务类"));
  rows.push_back(Row(9, "孙悟空", ValidNationalId(9), "清洁类"));
  v1::ImportRow two_errors = Row(10, "周星星", ValidNationalId(10), "服务类");
  two_errors.set_phone("12345");
  two_errors.set_email("not-an-address");
  rows.push_back(two_errors);
  rows.push_back(Row(11, "王芳二", "510105199305035000", "服务类"));  // same ID as line 3
  v1::ImportRow wrong_gender = Row(12, "吴用", ValidNationalId(13), "服务类");  // odd: male
  wrong_gender.set_gender("女");
  rows.push_back(wrong_gender);
  v1::ImportRow no_organisation = Row(13, "郑和", ValidNationalId(15), "服务类");
  no_organisation.set_organisation("");
  rows.push_back(no_organisation);
  v1::ImportRow wrong_years = Row(14, "冯巩", ValidNationalId(17), "服务类");
  wrong_years.set_years_of_experience("七");
  rows.push_back(wrong_years);
  rows.push_back(Row(15, "", ValidNationalId(19), "服务类"));

  ImportCall call = Import(kCohort2023, rows, false, "", 3);
  ASSERT_THAT(call.status, GrpcIs(Code::OK)) << "row problems are not a call error";
  EXPECT_EQ(call.response.rows(), 14);
  EXPECT_EQ(call.response.imported(), 0);
  EXPECT_THAT(
      call.response.errors(),
      ElementsAre(ImportErrorIs(8, "national_id", HasSubstr("check character")),
                  ImportErrorIs(9, "track", HasSubstr("清洁类")),
                  ImportErrorIs(10, "phone", HasSubstr("11 digits")),
                  ImportErrorIs(10, "email", HasSubstr("email")),
                  ImportErrorIs(11, "national_id", HasSubstr("line 3")),
                  ImportErrorIs(12, "gender", HasSubstr("national ID")),
                  ImportErrorIs(13, "organisation", HasSubstr("organisation")),
                  ImportErrorIs(14, "years", HasSubstr("七")),
                  ImportErrorIs(15, "name", HasSubstr("name"))));
  EXPECT_EQ(CountEnrolments(kCohort2023), 0) << "a bad file imported something";
}

TEST_F(ImportTest, ErrorsNeverEchoTheNationalId) {
  CreateCohort(2023, 10, 10, 10, true);
  const std::string bad = BadCheckNationalId(8);
  ImportCall call = Import(kCohort2023, {Row(2, "钱多多", bad, "服务类")});
  ASSERT_THAT(call.status, GrpcIs(Code::OK));
  ASSERT_EQ(call.response.errors_size(), 1);
  EXPECT_THAT(call.response.errors(0).reason(), ::testing::Not(HasSubstr(bad.substr(0, 17))));
}

TEST_F(ImportTest, PersonAlreadyInTheCohortIsARowError) {
  CreateCohort(2023, 10, 10, 10, true);
  Enrol(kCohort2023, "张伟", 1, v1::TRACK_SERVICE);
  ImportCall call = Import(kCohort2023, {Row(2, "王芳", ValidNationalId(2), "服务类"),
                                         Row(3, "张伟", ValidNationalId(1), "服务类")});
  ASSERT_THAT(call.status, GrpcIs(Code::OK));
  EXPECT_THAT(call.response.errors(),
              ElementsAre(ImportErrorIs(3, "national_id", HasSubstr("already enrolled"))));
  EXPECT_EQ(call.response.imported(), 0);
  EXPECT_EQ(CountEnrolments(kCohort2023), 1);
}

TEST_F(ImportTest, PersonOpenInThe2022CohortIsARowErrorOnNationalId) {
  CreateCohort(2022, 10, 10, 10, true);
  CreateCohort(2023, 10, 10, 10, true);
  Enrol(kCohort2022, "张伟", 1, v1::TRACK_SERVICE);
  ImportCall call = Import(kCohort2023, {Row(2, "王芳", ValidNationalId(2), "服务类"),
                                         Row(3, "张伟", ValidNationalId(1), "管理类"),
                                         Row(4, "李明远", ValidNationalId(3), "管理类")});
  ASSERT_THAT(call.status, GrpcIs(Code::OK));
  EXPECT_THAT(call.response.errors(),
              ElementsAre(ImportErrorIs(3, "national_id",
                                        AllOf(HasSubstr("2022"), HasSubstr("withdraw")))));
  EXPECT_EQ(call.response.imported(), 0);
  EXPECT_EQ(CountEnrolments(kCohort2023), 0);
  EXPECT_EQ(CountEnrolments(kCohort2022), 1);
}

TEST_F(ImportTest, DryRunOfAGoodFileWritesNothing) {
  CreateCohort(2023, 10, 10, 10, true);
  ImportCall call = Import(kCohort2023, DemoRows(), /*dry_run=*/true);
  ASSERT_THAT(call.status, GrpcIs(Code::OK));
  EXPECT_TRUE(call.response.dry_run());
  EXPECT_EQ(call.response.rows(), 6);
  EXPECT_EQ(call.response.imported(), 0);
  EXPECT_THAT(call.response.errors(), IsEmpty());
  EXPECT_EQ(CountEnrolments(kCohort2023), 0);
  // The real run afterwards imports them.
  call = Import(kCohort2023, DemoRows());
  ASSERT_THAT(call.status, GrpcIs(Code::OK));
  EXPECT_EQ(call.response.imported(), 6);
}

TEST_F(ImportTest, DryRunReportsTheErrorsAndWritesNothing) {
  CreateCohort(2022, 10, 10, 10, true);
  CreateCohort(2023, 10, 10, 10, true);
  Enrol(kCohort2022, "张伟", 1, v1::TRACK_SERVICE);
  ImportCall call = Import(kCohort2023,
                           {Row(2, "张伟", ValidNationalId(1), "服务类"),
                            Row(3, "王芳", BadCheckNationalId(2), "服务类"),
                            Row(4, "李明远", ValidNationalId(3), "管理类")},
                           /*dry_run=*/true);
  ASSERT_THAT(call.status, GrpcIs(Code::OK));
  EXPECT_TRUE(call.response.dry_run());
  EXPECT_THAT(call.response.errors(),
              ElementsAre(ImportErrorIs(2, "national_id", HasSubstr("2022")),
                          ImportErrorIs(3, "national_id", HasSubstr("check character"))));
  EXPECT_EQ(call.response.imported(), 0);
  EXPECT_EQ(CountEnrolments(kCohort2023), 0);
}

TEST_F(ImportTest, RetryWithTheSameRequestIdImportsOnce) {
  CreateCohort(2023, 10, 10, 10, true);
  ImportCall first = Import(kCohort2023, DemoRows(), false, "import-2023-06-01");
  ASSERT_THAT(first.status, GrpcIs(Code::OK));
  ASSERT_EQ(first.response.imported(), 6);
  ImportCall second = Import(kCohort2023, DemoRows(), false, "import-2023-06-01");
  ASSERT_THAT(second.status, GrpcIs(Code::OK));
  EXPECT_THAT(second.response.errors(), IsEmpty())
      << "a retry must not report its own rows as already enrolled";
  EXPECT_EQ(second.response.imported(), 6);
  EXPECT_EQ(second.response.rows(), 6);
  EXPECT_EQ(CountEnrolments(kCohort2023), 6);
  // Without the key, the same file now clashes with itself in the database.
  ImportCall third = Import(kCohort2023, DemoRows());
  ASSERT_THAT(third.status, GrpcIs(Code::OK));
  EXPECT_EQ(third.response.errors_size(), 6);
  EXPECT_EQ(third.response.imported(), 0);
  EXPECT_EQ(CountEnrolments(kCohort2023), 6);
}

TEST_F(ImportTest, AFailedImportDoesNotUseUpItsRequestId) {
  CreateCohort(2023, 10, 10, 10, true);
  std::vector<v1::ImportRow> rows = DemoRows();
  rows[2].set_track("清洁类");
  ImportCall bad = Import(kCohort2023, rows, false, "import-key");
  ASSERT_THAT(bad.status, GrpcIs(Code::OK));
  ASSERT_EQ(bad.response.errors_size(), 1);
  rows[2].set_track("管理类");
  ImportCall fixed = Import(kCohort2023, rows, false, "import-key");
  ASSERT_THAT(fixed.status, GrpcIs(Code::OK));
  EXPECT_THAT(fixed.response.errors(), IsEmpty());
  EXPECT_EQ(fixed.response.imported(), 6);
  EXPECT_EQ(CountEnrolments(kCohort2023), 6);
}

TEST_F(ImportTest, EmptyStreamIsInvalidArgument) {
  CreateCohort(2023, 10, 10, 10, true);
  ImportCall call = ImportMessages({}, admin_token_);
  EXPECT_THAT(call.status, GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("empty")));
}

TEST_F(ImportTest, FirstMessageWithoutCohortIsInvalidArgument) {
  CreateCohort(2023, 10, 10, 10, true);
  std::vector<v1::ImportEnrolmentsRequest> messages(2);
  *messages[0].add_rows() = Row(2, "王芳", ValidNationalId(2), "服务类");
  messages[1].set_cohort(kCohort2023);  // too late
  ImportCall call = ImportMessages(messages, admin_token_);
  EXPECT_THAT(call.status, GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("cohort")));
  EXPECT_EQ(CountEnrolments(kCohort2023), 0);
}

TEST_F(ImportTest, CohortWithoutRowsImportsNothing) {
  CreateCohort(2023, 10, 10, 10, true);
  ImportCall call = Import(kCohort2023, {});
  ASSERT_THAT(call.status, GrpcIs(Code::OK));
  EXPECT_EQ(call.response.rows(), 0);
  EXPECT_EQ(call.response.imported(), 0);
}

TEST_F(ImportTest, ImportIntoADraftCohortIsFailedPrecondition) {
  CreateCohort(2023, 10, 10, 10, false);
  ImportCall call = Import(kCohort2023, DemoRows());
  EXPECT_THAT(call.status, GrpcIs(Code::FAILED_PRECONDITION, HasSubstr("open it first")));
  // Also when the file is bad, or only a dry run: the cohort is the problem.
  call = Import(kCohort2023, {Row(2, "王芳", BadCheckNationalId(2), "服务类")});
  EXPECT_THAT(call.status, GrpcIs(Code::FAILED_PRECONDITION));
  call = Import(kCohort2023, DemoRows(), /*dry_run=*/true);
  EXPECT_THAT(call.status, GrpcIs(Code::FAILED_PRECONDITION));
  EXPECT_EQ(CountEnrolments(kCohort2023), 0);
}

TEST_F(ImportTest, ImportIntoAMissingCohortIsNotFound) {
  ImportCall call = Import("programmes/SCSW/cohorts/2025", DemoRows());
  EXPECT_THAT(call.status, GrpcIs(Code::NOT_FOUND, HasSubstr("SCSW/2025")));
  call = Import("programmes/SCSW/2025/x", DemoRows());
  EXPECT_THAT(call.status, GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("cohort")));
}

TEST_F(ImportTest, OnlyAdminsImport) {
  CreateCohort(2023, 10, 10, 10, true);
  for (const std::string& token : {viewer_token_, assessor_token_}) {
    ImportCall call = Import(kCohort2023, DemoRows(), false, "", 2, token);
    EXPECT_THAT(call.status, GrpcIs(Code::PERMISSION_DENIED, HasSubstr("ImportEnrolments")));
  }
  std::vector<v1::ImportEnrolmentsRequest> messages(1);
  messages[0].set_cohort(kCohort2023);
  *messages[0].add_rows() = Row(2, "王芳", ValidNationalId(2), "服务类");
  ImportCall anonymous;
  {
    grpc::ClientContext context;  // no token at all
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    auto writer = enrolments_->ImportEnrolments(&context, &anonymous.response);
    writer->Write(messages[0]);
    writer->WritesDone();
    anonymous.status = writer->Finish();
  }
  EXPECT_THAT(anonymous.status, GrpcIs(Code::UNAUTHENTICATED));
  EXPECT_EQ(CountEnrolments(kCohort2023), 0);
}

TEST_F(ImportTest, ACancelledStreamImportsNothing) {
  // A client that breaks off mid-file (Ctrl-C, deadline, lost connection)
  // must not leave half a file imported: the end of a cancelled stream is
  // not the end of the file.
  CreateCohort(2023, 10, 10, 10, true);
  v1::ImportEnrolmentsResponse response;
  grpc::Status status;
  {
    auto context = AsAdmin();
    auto writer = enrolments_->ImportEnrolments(context.get(), &response);
    v1::ImportEnrolmentsRequest first;
    first.set_cohort(kCohort2023);
    std::vector<v1::ImportRow> rows = DemoRows();
    for (size_t i = 0; i < 3; ++i) *first.add_rows() = rows[i];
    const uint64_t received_before = service::Metrics::Global().import_rows_received();
    ASSERT_TRUE(writer->Write(first));
    // Wait until the server has read the three rows (its own count of rows
    // received says so), then break off without WritesDone: the server is
    // then surely inside the import, not before it.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (service::Metrics::Global().import_rows_received() < received_before + 3 &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ASSERT_EQ(service::Metrics::Global().import_rows_received(), received_before + 3)
        << "the server never read the rows";
    context->TryCancel();
    status = writer->Finish();
  }
  EXPECT_THAT(status, GrpcIs(Code::CANCELLED));
  // Let the handler run to its end, then look in the database directly.
  server_->Shutdown(std::chrono::milliseconds(2000));
  core::EnrolmentQuery query;
  query.programme_code = "SCSW";
  query.year = 2023;
  auto page = core_->enrolments.ListEnrolments(core::Caller{}, query, {}, domain::PersonalData::kMasked);
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->total_size, 0) << "a cancelled import committed the rows it had received";
}

TEST_F(ImportTest, ImportedEnrolmentsGoThroughTheFlowLikeAnyOther) {
  CreateCohort(2023, 1, 1, 1, true);
  ImportCall call = Import(kCohort2023, DemoRows());
  ASSERT_EQ(call.response.imported(), 6);
  std::vector<v1::Enrolment> stored = ListAll(kCohort2023);
  RecommendAndSelect(stored[1].name());  // 王芳, service
  ASSERT_THAT(Recommend(stored[3].name(), v1::LEVEL_COUNTY), GrpcIs(Code::OK));  // 刘静, service
  EXPECT_THAT(Select(stored[3].name()),
              GrpcIs(Code::FAILED_PRECONDITION, AllOf(HasSubstr("quota 1"), HasSubstr("selected 1"))));
}

}  // namespace
}  // namespace talent
