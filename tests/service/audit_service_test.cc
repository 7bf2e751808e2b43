// AuditService over real gRPC: every change leaves a chained event; the
// chain verifies; tampering with the file is found; who may read it.
#include <sqlite3.h>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "talent/v1/audit.grpc.pb.h"
#include "tests/testing/server_fixture.h"
#include "tests/testing/status_matchers.h"

namespace talent {
namespace {

using ::talent::testing::GrpcIs;
using ::testing::HasSubstr;
using Code = grpc::StatusCode;

class AuditServiceTest : public testing::ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    audit_ = v1::AuditService::NewStub(channel_);
  }
  std::unique_ptr<v1::AuditService::Stub> audit_;
};

TEST_F(AuditServiceTest, EveryChangeIsAnEventAndTheChainVerifies) {
  CreateSeedProgramme();
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  v1::ListAuditEventsResponse list;
  ASSERT_TRUE(audit_->ListAuditEvents(AsAdmin().get(), {}, &list).ok());
  // Init, two users made by the fixture, programme, cohort, open.
  ASSERT_EQ(list.events_size(), 6);
  EXPECT_EQ(list.events(0).method(), "Init");
  EXPECT_EQ(list.events(0).user(), "");
  EXPECT_EQ(list.events(3).method(), "CreateProgramme");
  EXPECT_EQ(list.events(3).user(), "admin");
  EXPECT_EQ(list.events(3).resource(), "programmes/SCSW");
  EXPECT_EQ(list.events(5).method(), "OpenEnrolment");
  EXPECT_EQ(list.events(5).resource(), "programmes/SCSW/cohorts/2023");
  EXPECT_EQ(list.events(5).hash().size(), 64u);

  v1::VerifyAuditLogResponse verified;
  ASSERT_TRUE(audit_->VerifyAuditLog(As(viewer_token_).get(), {}, &verified).ok());
  EXPECT_EQ(verified.events_checked(), 6);
}

TEST_F(AuditServiceTest, PagesOldestFirst) {
  CreateSeedProgramme();
  v1::ListAuditEventsRequest req;
  req.set_page_size(2);
  std::vector<int64_t> ids;
  for (;;) {
    v1::ListAuditEventsResponse page;
    ASSERT_TRUE(audit_->ListAuditEvents(AsAdmin().get(), req, &page).ok());
    for (const auto& e : page.events()) ids.push_back(e.id());
    if (page.next_page_token().empty()) break;
    req.set_page_token(page.next_page_token());
  }
  EXPECT_EQ(ids, (std::vector<int64_t>{1, 2, 3, 4}));
  req.set_page_size(-1);
  v1::ListAuditEventsResponse page;
  EXPECT_THAT(audit_->ListAuditEvents(AsAdmin().get(), req, &page),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("page_size")));
}

TEST_F(AuditServiceTest, TamperingWithTheFileIsDataLoss) {
  CreateSeedProgramme();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir_.File("talent.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "DROP TRIGGER audit_events_no_update; "
                         "UPDATE audit_events SET detail = 'nothing to see' WHERE id = 4",
                         nullptr, nullptr, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);
  v1::VerifyAuditLogResponse verified;
  EXPECT_THAT(audit_->VerifyAuditLog(AsAdmin().get(), {}, &verified),
              GrpcIs(Code::DATA_LOSS, HasSubstr("audit event 4 does not match the chain")));
}

TEST_F(AuditServiceTest, AssessorsMayNotReadIt) {
  v1::ListAuditEventsResponse list;
  EXPECT_THAT(audit_->ListAuditEvents(As(assessor_token_).get(), {}, &list),
              GrpcIs(Code::PERMISSION_DENIED));
  v1::VerifyAuditLogResponse verified;
  EXPECT_THAT(audit_->VerifyAuditLog(As("").get(), {}, &verified),
              GrpcIs(Code::UNAUTHENTICATED));
}

}  // namespace
}  // namespace talent
