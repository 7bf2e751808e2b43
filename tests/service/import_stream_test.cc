// talent.v1.EnrolmentService.ImportEnrolments and the server's limits: the
// stream is received whole before the import's transaction, so a client
// that stalls (with no deadline) holds up no one else's writes; a stream
// over the byte limit is refused with nothing written; at most 1,000
// problems are listed, with their count; a quoted cell comes back short
// and clean; rows past the memory limit go through a temporary file.
#include <grpcpp/create_channel.h>

#include <chrono>
#include <memory>
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

using ::talent::testing::GrpcIs;
using ::talent::testing::ImportCall;
using ::talent::testing::kCohort2023;
using ::talent::testing::Row;
using ::talent::testing::ValidNationalId;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using Code = grpc::StatusCode;

// Rows on lines 2, 3, … for applicants first, first + 1, …; their
// national IDs repeat after 1,000.
std::vector<v1::ImportRow> GoodRows(int first, int count) {
  std::vector<v1::ImportRow> rows;
  for (int i = 0; i < count; ++i) {
    const int n = static_cast<int>(static_cast<unsigned>(first + i) % 1000u);
    rows.push_back(Row(i + 2, "申请人" + std::to_string(first + i), ValidNationalId(n), "服务类"));
  }
  return rows;
}

// Waits until the server has read `rows` more import rows than `before`.
bool ServerRead(uint64_t before, uint64_t rows) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (service::Metrics::Global().import_rows_received() < before + rows) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

class ImportStreamTest : public testing::EnrolmentFixture {
 protected:
  void SetUp() override {
    testing::EnrolmentFixture::SetUp();
    if (HasFatalFailure()) return;
    CreateSeedProgramme();
    CreateCohort(2023, 100, 100, 100, true);
  }

  // A second client, on a channel of its own, whose calls must be answered
  // within a second.
  std::unique_ptr<grpc::ClientContext> Quick() {
    auto context = std::make_unique<grpc::ClientContext>();
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(1));
    context->AddMetadata("authorization", "Bearer " + admin_token_);
    return context;
  }

  // While an import stream is open and stalled: another client creates a
  // programme and enrols someone, each within a second.
  void OtherClientWrites() {
    grpc::ChannelArguments args;
    args.SetInt("grpc.use_local_subchannel_pool", 1);
    auto channel = grpc::CreateCustomChannel("127.0.0.1:" + std::to_string(server_->port()),
                                             grpc::InsecureChannelCredentials(), args);
    auto programmes = v1::ProgrammeService::NewStub(channel);
    auto enrolments = v1::EnrolmentService::NewStub(channel);
    auto started = std::chrono::steady_clock::now();
    v1::CreateProgrammeRequest create;
    v1::Programme* p = create.mutable_programme();
    p->set_code("OTHER");
    p->set_title("另一个计划");
    p->set_issuer("四川省民政厅");
    p->set_start_year(2020);
    p->set_end_year(2030);
    p->set_talent_target(10);
    v1::Programme programme;
    EXPECT_THAT(programmes->CreateProgramme(Quick().get(), create, &programme), GrpcIs(Code::OK));
    v1::CreateEnrolmentRequest enrol;
    *enrol.mutable_enrolment() = testing::Applicant(kCohort2023, "其他人", ValidNationalId(900),
                                                    v1::TRACK_SERVICE);
    v1::Enrolment enrolment;
    EXPECT_THAT(enrolments->CreateEnrolment(Quick().get(), enrol, &enrolment), GrpcIs(Code::OK));
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(1));
  }
};

TEST_F(ImportStreamTest, AStalledImportWithoutADeadlineHoldsUpNoOtherWrite) {
  grpc::ClientContext context;  // no deadline, as a careless client would send it
  context.AddMetadata("authorization", "Bearer " + admin_token_);
  v1::ImportEnrolmentsResponse response;
  auto writer = enrolments_->ImportEnrolments(&context, &response);
  v1::ImportEnrolmentsRequest first;
  first.set_cohort(kCohort2023);
  std::vector<v1::ImportRow> rows = GoodRows(1, 5);
  for (int i = 0; i < 3; ++i) *first.add_rows() = rows[i];
  const uint64_t before = service::Metrics::Global().import_rows_received();
  ASSERT_TRUE(writer->Write(first));
  ASSERT_TRUE(ServerRead(before, 3)) << "the server never read the rows";

  OtherClientWrites();  // while the import waits for the rest of its file

  v1::ImportEnrolmentsRequest rest;
  *rest.add_rows() = rows[3];
  *rest.add_rows() = rows[4];
  ASSERT_TRUE(writer->Write(rest));
  writer->WritesDone();
  ASSERT_THAT(writer->Finish(), GrpcIs(Code::OK));
  EXPECT_EQ(response.imported(), 5);
  EXPECT_EQ(CountEnrolments(kCohort2023), 6);
}

TEST_F(ImportStreamTest, AStalledImportThatIsCancelledWritesNothingAndOthersWritesStay) {
  v1::ImportEnrolmentsResponse response;
  grpc::Status status;
  {
    grpc::ClientContext context;  // no deadline
    context.AddMetadata("authorization", "Bearer " + admin_token_);
    auto writer = enrolments_->ImportEnrolments(&context, &response);
    v1::ImportEnrolmentsRequest first;
    first.set_cohort(kCohort2023);
    for (const v1::ImportRow& row : GoodRows(1, 3)) *first.add_rows() = row;
    const uint64_t before = service::Metrics::Global().import_rows_received();
    ASSERT_TRUE(writer->Write(first));
    ASSERT_TRUE(ServerRead(before, 3)) << "the server never read the rows";
    OtherClientWrites();
    context.TryCancel();
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
  ASSERT_EQ(page->total_size, 1) << "only the other client's enrolment belongs there";
  EXPECT_EQ(page->items[0].person.full_name, "其他人");
  EXPECT_TRUE(core_->programmes.GetProgramme("OTHER").ok());
}

TEST_F(ImportStreamTest, MoreThanAThousandBadRowsListTheFirstThousandAndTheCount) {
  std::vector<v1::ImportRow> rows = GoodRows(1, 1200);
  for (v1::ImportRow& row : rows) row.set_years_of_experience("七十");
  ImportCall call = Import(kCohort2023, rows, false, "", 500);
  ASSERT_THAT(call.status, GrpcIs(Code::OK));
  EXPECT_EQ(call.response.rows(), 1200);
  EXPECT_EQ(call.response.error_count(), 1200);
  ASSERT_EQ(call.response.errors_size(), 1000);
  EXPECT_EQ(call.response.errors(0).line(), 2);
  EXPECT_EQ(call.response.errors(999).line(), 1001);
  EXPECT_EQ(call.response.errors(999).column(), "years");
  EXPECT_EQ(call.response.imported(), 0);
  EXPECT_EQ(CountEnrolments(kCohort2023), 0);
}

TEST_F(ImportStreamTest, AMegabyteCellIsQuotedShortAndWithoutControlCharacters) {
  std::vector<v1::ImportRow> rows = GoodRows(1, 3);
  const std::string huge = "\x1b[31m\u202E清洁类" + std::string(1 << 20, 'A');
  rows[1].set_track(huge);
  v1::ImportRow malformed;
  malformed.set_line(5);
  malformed.set_malformed("\x1b[31m\u2066" + std::string(1 << 20, 'B'));
  rows.push_back(malformed);
  ImportCall call = Import(kCohort2023, rows);
  ASSERT_THAT(call.status, GrpcIs(Code::OK));
  ASSERT_EQ(call.response.errors_size(), 2);
  const std::string& track = call.response.errors(0).reason();
  EXPECT_EQ(call.response.errors(0).column(), "track");
  EXPECT_THAT(track, StartsWith("track \"[31m清洁类AAA"));
  EXPECT_THAT(track, HasSubstr("AAA…\" is not one of"));
  const std::string& whole_row = call.response.errors(1).reason();
  EXPECT_THAT(whole_row, StartsWith("[31mBBB"));
  for (const std::string& reason : {track, whole_row}) {
    EXPECT_THAT(reason, AllOf(Not(HasSubstr("\x1b")), Not(HasSubstr("\u202E")),
                              Not(HasSubstr("\u2066"))));
    EXPECT_LT(reason.size(), 400u);
  }
  EXPECT_EQ(CountEnrolments(kCohort2023), 0);
}

// The same server with small limits: 64 KB per import, 16 KB of rows in
// memory.
class SmallImportLimitsTest : public ImportStreamTest {
 protected:
  void ConfigureServer(service::ServerOptions* options) override {
    options->import_max_bytes = 64 << 10;
    options->import_memory_bytes = 16 << 10;
  }
};

TEST_F(SmallImportLimitsTest, AStreamOverTheByteLimitIsRefusedAndWritesNothing) {
  // About 100 bytes a row: 1,000 rows are well over 64 KB.
  ImportCall call = Import(kCohort2023, GoodRows(1, 1000), false, "", 100);
  EXPECT_THAT(call.status, GrpcIs(Code::RESOURCE_EXHAUSTED,
                                  AllOf(HasSubstr("64 KB"), HasSubstr("split the file"),
                                        HasSubstr("nothing was imported"))));
  EXPECT_EQ(CountEnrolments(kCohort2023), 0);
  // A dry run counts the same bytes.
  call = Import(kCohort2023, GoodRows(1, 1000), /*dry_run=*/true, "", 100);
  EXPECT_THAT(call.status, GrpcIs(Code::RESOURCE_EXHAUSTED));
  // Under the limit, the same server imports.
  call = Import(kCohort2023, GoodRows(1, 300), false, "", 100);
  ASSERT_THAT(call.status, GrpcIs(Code::OK));
  EXPECT_EQ(call.response.imported(), 300);
}

TEST_F(SmallImportLimitsTest, RowsPastTheMemoryLimitAreImportedInFileOrder) {
  // 300 rows of some 200 bytes each held in memory: past 16 KB they go
  // through the temporary file.
  ImportCall call = Import(kCohort2023, GoodRows(1, 300), false, "", 100);
  ASSERT_THAT(call.status, GrpcIs(Code::OK));
  EXPECT_EQ(call.response.imported(), 300);
  v1::ListEnrolmentsRequest req;
  req.set_cohort(kCohort2023);
  req.set_show_personal_data(true);
  req.set_page_size(1000);
  v1::ListEnrolmentsResponse resp;
  ASSERT_THAT(List(req, &resp), GrpcIs(Code::OK));
  ASSERT_EQ(resp.enrolments_size(), 300);
  for (int i = 0; i < 300; ++i) {
    EXPECT_EQ(resp.enrolments(i).person().national_id(), ValidNationalId(1 + i));
    EXPECT_EQ(resp.enrolments(i).person().full_name(), "申请人" + std::to_string(1 + i));
    EXPECT_EQ(resp.enrolments(i).organisation(), "成都市青羊区社会组织孵化基地");
    EXPECT_EQ(resp.enrolments(i).years_of_experience(), 6);
  }
}

}  // namespace
}  // namespace talent
