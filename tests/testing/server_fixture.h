// ServerFixture: a real talentd in process — a SQLite file in a temporary
// directory, the use cases with a FakeClock and a new signing key (trusted in
// the key table; `kind_` says the database's kind), and TalentServer
// on 127.0.0.1:0 (certificates pointing to kFixtureVerifyUrl) — with
// real gRPC stubs and three callers: an administrator, an assessor and a
// viewer (each with a token of their own: the administrator's from
// Bootstrap, the others' from their redeemed invitations, all living ten
// years). For integration tests. Not thread-safe.
#ifndef TALENT_TESTS_TESTING_SERVER_FIXTURE_H_
#define TALENT_TESTS_TESTING_SERVER_FIXTURE_H_

#include <grpcpp/create_channel.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "server/core/use_cases.h"
#include "server/core/signing_key.h"
#include "server/service/server.h"
#include "server/storage/audit_log.h"
#include "server/storage/settings_repository.h"
#include "server/storage/signing_key_repository.h"
#include "server/storage/store.h"
#include "talent/v1/cohort.grpc.pb.h"
#include "talent/v1/enrolment.grpc.pb.h"
#include "talent/v1/programme.grpc.pb.h"
#include "talent/v1/user.grpc.pb.h"
#include "tests/testing/temp_dir.h"

namespace talent::testing {

// 2023-06-01T00:00:00Z: inside the seed programme's years.
inline constexpr int64_t kFixtureNow = 1685577600;
inline constexpr char kFixtureVerifyUrl[] = "https://verify.example.org";

class ServerFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    storage::StoreOptions options;
    options.create = true;
    auto store = storage::Store::Open(dir_.File("talent.db"), options);
    ASSERT_TRUE(store.ok()) << store.status();
    auto key = core::CreateSigningKeyFile(dir_.File("talent.db.key"));
    ASSERT_TRUE(key.ok()) << key.status();
    signing_key_ = *key;
    // Trusted as `talentd init` trusts its key (without init's audit event,
    // so the tests' audit logs start with the administrator).
    ASSERT_TRUE((*store)->Write([&](storage::Connection& db) -> absl::Status {
      domain::TrustedKey trusted;
      trusted.public_key = key->public_key;
      trusted.valid_from = kFixtureNow;
      trusted.create_time = kFixtureNow;
      if (absl::Status s = storage::SigningKeyRepository::Insert(db, &trusted); !s.ok()) return s;
      return storage::SettingsRepository::Set(db, storage::kSettingKind,
                                              domain::DatabaseKindName(kind_));
    }).ok());
    core_ = std::make_unique<core::UseCases>(std::move(*store), &clock_, *key, kind_);
    domain::User admin;
    admin.username = "admin";
    admin.display_name = "管理员";
    admin.organisation = "四川省民政厅";
    // The callers' tokens live ten years, so that tests may move the clock
    // freely; the tests of token lifetimes set their own.
    core_->users.SetTokenLifetimeDays(domain::kMaxTokenLifetimeDays);
    auto admin_token = core_->users.Bootstrap(admin);
    ASSERT_TRUE(admin_token.ok()) << admin_token.status();
    admin_token_ = admin_token->secret;
    auto caller = core_->users.Authenticate(admin_token_);
    ASSERT_TRUE(caller.ok()) << caller.status();
    admin_caller_ = *caller;
    assessor_token_ = MakeUser("expert1", domain::Role::kAssessor, "西南财经大学");
    viewer_token_ = MakeUser("leader1", domain::Role::kViewer, "四川省民政厅");

    service::ServerOptions server_options;
    server_options.listen = "127.0.0.1:0";
    server_options.max_threads = 8;
    server_options.verification_url_base = kFixtureVerifyUrl;
    ConfigureServer(&server_options);
    auto server = service::TalentServer::Start(core_.get(), server_options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    channel_ = grpc::CreateChannel("127.0.0.1:" + std::to_string(server_->port()),
                                   grpc::InsecureChannelCredentials());
    programmes_ = v1::ProgrammeService::NewStub(channel_);
    cohorts_ = v1::CohortService::NewStub(channel_);
    enrolments_ = v1::EnrolmentService::NewStub(channel_);
    users_ = v1::UserService::NewStub(channel_);
  }

  // Changes the server's options before it starts (tests of its limits).
  virtual void ConfigureServer(service::ServerOptions* /*options*/) {}

  void TearDown() override {
    if (server_) server_->Shutdown(std::chrono::milliseconds(100));
  }

  // A call context with a 10 s deadline and, unless empty, the bearer token.
  std::unique_ptr<grpc::ClientContext> As(const std::string& token) {
    auto context = std::make_unique<grpc::ClientContext>();
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    if (!token.empty()) context->AddMetadata("authorization", "Bearer " + token);
    return context;
  }
  std::unique_ptr<grpc::ClientContext> AsAdmin() { return As(admin_token_); }

  // Creates the user as the administrator and redeems their invitation
  // (token labelled "first"); returns the token's secret.
  std::string MakeUser(const std::string& username, domain::Role role,
                       const std::string& organisation) {
    domain::User user;
    user.username = username;
    user.display_name = username;
    user.role = role;
    user.organisation = organisation;
    auto created = core_->users.CreateUser(admin_caller_, user, "");
    EXPECT_TRUE(created.ok()) << created.status();
    if (!created.ok() || !created->invitation) return "";
    auto redeemed = core_->users.RedeemInvitation(username, created->invitation->code, "first");
    EXPECT_TRUE(redeemed.ok()) << redeemed.status();
    return redeemed.ok() ? redeemed->token.secret : "";
  }

  // Audit events with the given method, oldest first.
  std::vector<domain::AuditEvent> AuditEvents(const std::string& method) {
    core::PageRequest page;
    page.page_size = 1000;
    auto events = core_->audit.ListAuditEvents(page);
    EXPECT_TRUE(events.ok()) << events.status();
    std::vector<domain::AuditEvent> out;
    if (!events.ok()) return out;
    for (const domain::AuditEvent& e : events->items) {
      if (e.method == method) out.push_back(e);
    }
    return out;
  }

  // Programme SCSW (2020–2030, target 300) through the API.
  v1::Programme CreateSeedProgramme() {
    v1::CreateProgrammeRequest req;
    v1::Programme* p = req.mutable_programme();
    p->set_code("SCSW");
    p->set_title("四川社会工作人才计划");
    p->set_issuer("四川省民政厅");
    p->set_start_year(2020);
    p->set_end_year(2030);
    p->set_talent_target(300);
    v1::Programme resp;
    grpc::Status status = programmes_->CreateProgramme(AsAdmin().get(), req, &resp);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return resp;
  }

  // Cohort SCSW/year with the given quotas, moved to ENROLLING when `open`.
  v1::Cohort CreateCohort(int year, int service, int management, int education, bool open) {
    v1::CreateCohortRequest req;
    req.mutable_cohort()->set_programme("programmes/SCSW");
    req.mutable_cohort()->set_year(year);
    req.mutable_cohort()->mutable_quotas()->set_service(service);
    req.mutable_cohort()->mutable_quotas()->set_management(management);
    req.mutable_cohort()->mutable_quotas()->set_education_research(education);
    v1::Cohort resp;
    grpc::Status status = cohorts_->CreateCohort(AsAdmin().get(), req, &resp);
    EXPECT_TRUE(status.ok()) << status.error_message();
    if (open) {
      v1::CohortTransitionRequest transition;
      transition.set_name(resp.name());
      status = cohorts_->OpenEnrolment(AsAdmin().get(), transition, &resp);
      EXPECT_TRUE(status.ok()) << status.error_message();
    }
    return resp;
  }

  TempDir dir_;
  // A subclass sets this in its constructor for a rehearsal database.
  domain::DatabaseKind kind_ = domain::DatabaseKind::kProduction;
  common::FakeClock clock_{kFixtureNow};
  core::SigningKey signing_key_;
  std::unique_ptr<core::UseCases> core_;
  core::Caller admin_caller_;
  std::string admin_token_;
  std::string assessor_token_;
  std::string viewer_token_;
  std::unique_ptr<service::TalentServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::ProgrammeService::Stub> programmes_;
  std::unique_ptr<v1::CohortService::Stub> cohorts_;
  std::unique_ptr<v1::EnrolmentService::Stub> enrolments_;
  std::unique_ptr<v1::UserService::Stub> users_;
};

}  // namespace talent::testing

#endif  // TALENT_TESTS_TESTING_SERVER_FIXTURE_H_
