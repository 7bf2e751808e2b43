// The gRPC port under abuse, over a real socket: the message size limit
// that holds before any token is checked, identifiers refused by length
// before anything is done with them, the cap on how long a stalled call
// may last, and the listen address and TLS checks that keep the server
// from serving in the clear by mistake.
#include <chrono>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "talent/v1/certificate.grpc.pb.h"
#include "tests/testing/server_fixture.h"
#include "tests/testing/status_matchers.h"

namespace talent::testing {
namespace {

using ::testing::HasSubstr;
using Code = grpc::StatusCode;

class ServerLimitsTest : public ServerFixture {};

v1::CreateProgrammeRequest ProgrammeWithTitleOf(size_t bytes) {
  v1::CreateProgrammeRequest req;
  req.mutable_programme()->set_code("HUGE");
  req.mutable_programme()->set_title(std::string(bytes, 'x'));
  return req;
}

TEST_F(ServerLimitsTest, ATenMegabyteMessageIsRefusedBeforeAnyTokenIsChecked) {
  v1::Programme out;
  grpc::Status status =
      programmes_->CreateProgramme(As("").get(), ProgrammeWithTitleOf(10 << 20), &out);
  EXPECT_EQ(status.error_code(), Code::RESOURCE_EXHAUSTED) << status.error_message();
  EXPECT_THAT(status.error_message(), HasSubstr("larger than max"));
  EXPECT_THAT(status.error_message(), HasSubstr("4194304"));
  // An administrator's token changes nothing: the limit holds for all.
  status = programmes_->CreateProgramme(AsAdmin().get(), ProgrammeWithTitleOf(10 << 20), &out);
  EXPECT_EQ(status.error_code(), Code::RESOURCE_EXHAUSTED);
  // A message under the limit reaches the handler (which refuses the title).
  status = programmes_->CreateProgramme(AsAdmin().get(), ProgrammeWithTitleOf(1 << 20), &out);
  EXPECT_EQ(status.error_code(), Code::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("title must be 1–100 characters"));
}

TEST_F(ServerLimitsTest, ALongCertificateNumberIsRefusedByItsLengthWithoutAToken) {
  auto certificates = v1::CertificateService::NewStub(channel_);
  v1::VerifyCertificateRequest req;
  req.set_number(std::string(3 << 20, 'S'));
  v1::VerifyCertificateResponse resp;
  grpc::Status status = certificates->VerifyCertificate(As("").get(), req, &resp);
  EXPECT_EQ(status.error_code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "number is too long (3145728 bytes; at most 64)");
  EXPECT_EQ(resp.number(), "") << "the number was echoed";
}

TEST_F(ServerLimitsTest, NoCallOutlivesTheConnectionAgeAndItsGrace) {
  service::ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.max_connection_age = std::chrono::milliseconds(500);
  options.max_connection_grace = std::chrono::milliseconds(500);
  auto short_lived = service::TalentServer::Start(core_.get(), options);
  ASSERT_TRUE(short_lived.ok()) << short_lived.status();
  auto channel = grpc::CreateChannel("127.0.0.1:" + std::to_string((*short_lived)->port()),
                                     grpc::InsecureChannelCredentials());
  auto enrolments = v1::EnrolmentService::NewStub(channel);
  // An import that sends its first message, then stalls, with no deadline.
  grpc::ClientContext context;
  context.AddMetadata("authorization", "Bearer " + admin_token_);
  v1::ImportEnrolmentsResponse resp;
  auto writer = enrolments->ImportEnrolments(&context, &resp);
  v1::ImportEnrolmentsRequest first;
  first.set_cohort("programmes/SCSW/cohorts/2023");
  ASSERT_TRUE(writer->Write(first));
  const auto start = std::chrono::steady_clock::now();
  grpc::Status status = writer->Finish();  // never WritesDone: stalled
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_FALSE(status.ok());
  EXPECT_LT(waited, std::chrono::seconds(10)) << "the stalled call was not ended by the server";
  (*short_lived)->Shutdown(std::chrono::milliseconds(100));
}

TEST_F(ServerLimitsTest, PlaintextBeyondLoopbackIsRefusedUnlessInsecure) {
  service::ServerOptions options;
  options.listen = "0.0.0.0:0";
  EXPECT_THAT(service::TalentServer::Start(core_.get(), options),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "--listen 0.0.0.0:0 is not a loopback address: serve it with TLS "
                       "(--tls-cert and --tls-key), or pass --insecure if a network you trust "
                       "carries the tokens in plain text"));
  options.insecure = true;
  auto server = service::TalentServer::Start(core_.get(), options);
  ASSERT_TRUE(server.ok()) << server.status();
  EXPECT_EQ((*server)->mode(), "PLAINTEXT on the network (--insecure)");
  (*server)->Shutdown(std::chrono::milliseconds(0));
  EXPECT_EQ(server_->mode(), "plaintext on loopback");
}

TEST_F(ServerLimitsTest, HalfATlsPairOrTextThatIsNotPemNeverServesInTheClear) {
  service::ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.tls_cert_pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
  EXPECT_THAT(service::TalentServer::Start(core_.get(), options),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "TLS needs both a certificate chain and its private key (--tls-cert and "
                       "--tls-key)"));
  options.tls_key_pem = "not a key";
  EXPECT_THAT(service::TalentServer::Start(core_.get(), options),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "the TLS key (--tls-key) is empty or not a PEM private key"));
  options.tls_cert_pem = "\n";
  EXPECT_THAT(service::TalentServer::Start(core_.get(), options),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "the TLS certificate (--tls-cert) is empty or not a PEM certificate "
                       "chain"));
}

TEST(IsLoopbackAddressTest, OnlyTheMachineItself) {
  for (const char* local : {"127.0.0.1:50051", "127.1.2.3:0", "localhost:50051", "[::1]:50051",
                            "unix:/run/talentd.sock"}) {
    EXPECT_TRUE(service::IsLoopbackAddress(local)) << local;
  }
  for (const char* network : {"0.0.0.0:50051", "[::]:50051", "10.0.0.5:50051",
                              "talent.example.org:443", "128.0.0.1:1", "[::2]:1"}) {
    EXPECT_FALSE(service::IsLoopbackAddress(network)) << network;
  }
}

}  // namespace
}  // namespace talent::testing
