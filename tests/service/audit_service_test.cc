// AuditService over real gRPC: every change leaves a chained event; the
// chain verifies; tampering with the file is found; who may read it.
#include <sqlite3.h>

#include "client/audit_check.h"
#include "common/audit_chain.h"
#include "common/crypto.h"
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
  // Init, two users made by the fixture (each created, then redeeming its
  // invitation), programme, cohort, open.
  ASSERT_EQ(list.events_size(), 8);
  EXPECT_EQ(list.events(0).method(), "Init");
  EXPECT_EQ(list.events(0).user(), "");
  EXPECT_EQ(list.events(2).method(), "RedeemInvitation");
  EXPECT_EQ(list.events(2).user(), "expert1");
  EXPECT_EQ(list.events(5).method(), "CreateProgramme");
  EXPECT_EQ(list.events(5).user(), "admin");
  EXPECT_EQ(list.events(5).resource(), "programmes/SCSW");
  EXPECT_EQ(list.events(7).method(), "OpenEnrolment");
  EXPECT_EQ(list.events(7).resource(), "programmes/SCSW/cohorts/2023");
  EXPECT_EQ(list.events(7).hash().size(), 64u);

  v1::VerifyAuditLogResponse verified;
  ASSERT_TRUE(audit_->VerifyAuditLog(As(viewer_token_).get(), {}, &verified).ok());
  EXPECT_EQ(verified.events_checked(), 8);
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
  EXPECT_EQ(ids, (std::vector<int64_t>{1, 2, 3, 4, 5, 6}));
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

TEST_F(AuditServiceTest, VerifyReturnsTheHeadSignedByTheServersKey) {
  CreateSeedProgramme();
  v1::VerifyAuditLogResponse verified;
  ASSERT_TRUE(audit_->VerifyAuditLog(AsAdmin().get(), {}, &verified).ok());
  const v1::AuditHead& head = verified.head();
  EXPECT_EQ(head.sequence(), 6);
  EXPECT_EQ(head.time(), clock_.NowSeconds());
  EXPECT_EQ(head.public_key(), signing_key_.public_key);
  EXPECT_TRUE(common::AuditHeadSigned(client::AuditHeadFromProto(head)));
  // The head is the last event's hash.
  v1::ListAuditEventsResponse list;
  ASSERT_TRUE(audit_->ListAuditEvents(AsAdmin().get(), {}, &list).ok());
  EXPECT_EQ(common::HexEncode(head.hash()), list.events(5).hash());
  // Any change of the head breaks its signature.
  common::AuditHead moved = client::AuditHeadFromProto(head);
  moved.sequence = 5;
  EXPECT_FALSE(common::AuditHeadSigned(moved));
}

TEST_F(AuditServiceTest, AKnownSequenceGetsTheHashTheChainHasThere) {
  CreateSeedProgramme();
  v1::VerifyAuditLogRequest req;
  req.set_known_sequence(2);
  v1::VerifyAuditLogResponse verified;
  ASSERT_TRUE(audit_->VerifyAuditLog(AsAdmin().get(), req, &verified).ok());
  v1::ListAuditEventsResponse list;
  ASSERT_TRUE(audit_->ListAuditEvents(AsAdmin().get(), {}, &list).ok());
  EXPECT_EQ(common::HexEncode(verified.known_hash()), list.events(1).hash());
  req.set_known_sequence(99);  // beyond the head: none
  ASSERT_TRUE(audit_->VerifyAuditLog(AsAdmin().get(), req, &verified).ok());
  EXPECT_EQ(verified.known_hash(), "");
  req.set_known_sequence(-1);
  EXPECT_THAT(audit_->VerifyAuditLog(AsAdmin().get(), req, &verified),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("known_sequence")));
}

TEST_F(AuditServiceTest, EventsNameTheTokenTheyWereMadeWith) {
  CreateSeedProgramme();
  v1::ListAuditEventsResponse list;
  ASSERT_TRUE(audit_->ListAuditEvents(AsAdmin().get(), {}, &list).ok());
  EXPECT_EQ(list.events(0).token_id(), 0);  // init: no token
  EXPECT_GT(list.events(5).token_id(), 0);
  v1::ListAuditEventsRequest req;
  req.set_token_id(list.events(5).token_id());
  v1::ListAuditEventsResponse by_token;
  ASSERT_TRUE(audit_->ListAuditEvents(AsAdmin().get(), req, &by_token).ok());
  ASSERT_GE(by_token.events_size(), 1);
  for (const auto& e : by_token.events()) EXPECT_EQ(e.token_id(), list.events(5).token_id());
}

TEST_F(AuditServiceTest, ListFiltersByUserResourceAndTime) {
  CreateSeedProgramme();
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  v1::ListAuditEventsRequest req;
  req.set_user("admin");
  req.set_resource("programmes/SCSW/cohorts/2023");
  v1::ListAuditEventsResponse list;
  ASSERT_TRUE(audit_->ListAuditEvents(AsAdmin().get(), req, &list).ok());
  ASSERT_EQ(list.events_size(), 2);
  EXPECT_EQ(list.events(0).method(), "CreateCohort");
  EXPECT_EQ(list.events(1).method(), "OpenEnrolment");
  req.Clear();
  req.set_end_time("2000-01-01");
  ASSERT_TRUE(audit_->ListAuditEvents(AsAdmin().get(), req, &list).ok());
  EXPECT_EQ(list.events_size(), 0);
  req.set_end_time("");
  req.set_start_time("2000-01-01T00:00:00Z");
  ASSERT_TRUE(audit_->ListAuditEvents(AsAdmin().get(), req, &list).ok());
  EXPECT_EQ(list.events_size(), 8);
}

TEST_F(AuditServiceTest, BadFiltersAreRefusedNamingTheField) {
  v1::ListAuditEventsResponse list;
  v1::ListAuditEventsRequest req;
  req.set_start_time("yesterday");
  EXPECT_THAT(audit_->ListAuditEvents(AsAdmin().get(), req, &list),
              GrpcIs(Code::INVALID_ARGUMENT,
                     "start_time must be a date (2026-03-01) or an RFC 3339 time "
                     "(2026-03-01T08:00:00Z)"));
  req.set_start_time("2026-03-02");
  req.set_end_time("2026-03-01");
  EXPECT_THAT(audit_->ListAuditEvents(AsAdmin().get(), req, &list),
              GrpcIs(Code::INVALID_ARGUMENT, "end_time must be after start_time"));
  req.Clear();
  req.set_user("nobody");
  EXPECT_THAT(audit_->ListAuditEvents(AsAdmin().get(), req, &list), GrpcIs(Code::NOT_FOUND));
  req.Clear();
  req.set_token_id(-3);
  EXPECT_THAT(audit_->ListAuditEvents(AsAdmin().get(), req, &list),
              GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("token_id")));
}

TEST_F(AuditServiceTest, TheExportVerifiesOfflineWithTheServersKeyOnly) {
  CreateSeedProgramme();
  CreateCohort(2023, 10, 10, 10, /*open=*/true);
  v1::ExportAuditLogRequest req;
  req.set_page_size(4);
  std::string text = client::AuditExportHeader();
  int pages = 0;
  common::AuditHead head;
  for (;;) {
    v1::ExportAuditLogResponse page;
    ASSERT_TRUE(audit_->ExportAuditLog(AsAdmin().get(), req, &page).ok());
    ++pages;
    for (const auto& e : page.events()) {
      text += client::AuditExportLine(client::ChainedEventFromProto(e));
    }
    EXPECT_EQ(page.has_head(), page.next_page_token().empty());
    if (page.has_head()) head = client::AuditHeadFromProto(page.head());
    if (page.next_page_token().empty()) break;
    req.set_page_token(page.next_page_token());
  }
  EXPECT_EQ(pages, 2);
  text += client::AuditExportHeadLine(head);
  auto checked = client::CheckAuditExport(text, signing_key_.public_key);
  ASSERT_TRUE(checked.ok()) << checked.status();
  EXPECT_EQ(checked->events, 8);
  EXPECT_FALSE(client::CheckAuditExport(text, std::string(32, 'k')).ok());
}

TEST_F(AuditServiceTest, AssessorsMayNotReadIt) {
  v1::ExportAuditLogResponse exported;
  EXPECT_THAT(audit_->ExportAuditLog(As(assessor_token_).get(), {}, &exported),
              GrpcIs(Code::PERMISSION_DENIED));
  v1::ListAuditEventsResponse list;
  EXPECT_THAT(audit_->ListAuditEvents(As(assessor_token_).get(), {}, &list),
              GrpcIs(Code::PERMISSION_DENIED));
  v1::VerifyAuditLogResponse verified;
  EXPECT_THAT(audit_->VerifyAuditLog(As("").get(), {}, &verified),
              GrpcIs(Code::UNAUTHENTICATED));
}

}  // namespace
}  // namespace talent
