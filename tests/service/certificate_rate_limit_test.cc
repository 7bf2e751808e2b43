// The public VerifyCertificate over gRPC is rate-limited per caller
// address: a server of its own on 127.0.0.1:0 with a limiter on a fake
// monotonic clock, called through a real stub without a token.
#include <grpcpp/create_channel.h>

#include <chrono>
#include <memory>
#include <string>

#include "common/clock.h"
#include "common/rate_limiter.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/service/metrics.h"
#include "server/service/server.h"
#include "talent/v1/certificate.grpc.pb.h"
#include "tests/testing/server_fixture.h"
#include "tests/testing/status_matchers.h"

namespace talent {
namespace {

using ::talent::testing::GrpcIs;
using ::testing::HasSubstr;
using Code = grpc::StatusCode;

class CertificateRateLimitTest : public testing::ServerFixture {
 protected:
  // A second server over the same use cases, its VerifyCertificate
  // limited to `burst` at once, then `rate` a second.
  void StartLimited(double rate, int burst) {
    common::RateLimiter::Options limits;
    limits.rate = rate;
    limits.burst = burst;
    limiter_ = std::make_unique<common::RateLimiter>(limits, &ticks_);
    service::ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.verify_limiter = limiter_.get();
    auto limited = service::TalentServer::Start(core_.get(), options);
    ASSERT_TRUE(limited.ok()) << limited.status();
    limited_ = *std::move(limited);
    stub_ = v1::CertificateService::NewStub(grpc::CreateChannel(
        "127.0.0.1:" + std::to_string(limited_->port()), grpc::InsecureChannelCredentials()));
  }

  void TearDown() override {
    if (limited_) limited_->Shutdown(std::chrono::milliseconds(100));
    testing::ServerFixture::TearDown();
  }

  grpc::Status Verify(v1::VerifyCertificateResponse* resp = nullptr) {
    v1::VerifyCertificateRequest req;
    req.set_number("SCSW-2023-S404");
    v1::VerifyCertificateResponse ignored;
    return stub_->VerifyCertificate(As("").get(), req, resp ? resp : &ignored);
  }

  common::FakeMonotonicClock ticks_;
  std::unique_ptr<common::RateLimiter> limiter_;
  std::unique_ptr<service::TalentServer> limited_;
  std::unique_ptr<v1::CertificateService::Stub> stub_;
};

TEST_F(CertificateRateLimitTest, OverTheLimitIsResourceExhaustedSayingWhenToComeBack) {
  StartLimited(/*rate=*/1, /*burst=*/2);
  if (HasFatalFailure()) return;
  v1::VerifyCertificateResponse resp;
  EXPECT_THAT(Verify(&resp), GrpcIs(Code::OK));
  EXPECT_EQ(resp.result(), v1::VERIFICATION_RESULT_NOT_FOUND);
  EXPECT_THAT(Verify(), GrpcIs(Code::OK));
  EXPECT_THAT(Verify(), GrpcIs(Code::RESOURCE_EXHAUSTED,
                               "too many certificate verifications from your address; try again "
                               "in 1 second"));
  EXPECT_THAT(service::Metrics::Global().Exposition(),
              HasSubstr("\ntalentd_rate_limited_total{surface=\"grpc\"} 1\n"));
  EXPECT_THAT(service::Metrics::Global().Exposition(),
              HasSubstr("\ntalentd_rpc_duration_seconds_count{code=\"RESOURCE_EXHAUSTED\","
                        "method=\"VerifyCertificate\"} 1\n"));
  ticks_.AdvanceSeconds(1);
  EXPECT_THAT(Verify(), GrpcIs(Code::OK));
  EXPECT_THAT(Verify(), GrpcIs(Code::RESOURCE_EXHAUSTED));
}

TEST_F(CertificateRateLimitTest, TheWaitIsInWholeSecondsRoundedUp) {
  StartLimited(/*rate=*/0.25, /*burst=*/1);  // one every four seconds
  if (HasFatalFailure()) return;
  ASSERT_THAT(Verify(), GrpcIs(Code::OK));
  EXPECT_THAT(Verify(), GrpcIs(Code::RESOURCE_EXHAUSTED,
                               "too many certificate verifications from your address; try again "
                               "in 4 seconds"));
  ticks_.AdvanceSeconds(1.5);
  EXPECT_THAT(Verify(), GrpcIs(Code::RESOURCE_EXHAUSTED, HasSubstr("try again in 3 seconds")));
  ticks_.AdvanceSeconds(2.5);
  EXPECT_THAT(Verify(), GrpcIs(Code::OK));
}

TEST_F(CertificateRateLimitTest, TheCallerIsKnownByItsAddress) {
  StartLimited(/*rate=*/1, /*burst=*/2);
  if (HasFatalFailure()) return;
  ASSERT_THAT(Verify(), GrpcIs(Code::OK));
  EXPECT_EQ(limiter_->clients(), 1u);
  // The key the web port uses for 127.0.0.1 too: one allowance for both.
  EXPECT_TRUE(limiter_->Acquire("127.0.0.1").allowed);
  EXPECT_FALSE(limiter_->Acquire("127.0.0.1").allowed);
  EXPECT_EQ(limiter_->clients(), 1u);
  EXPECT_THAT(Verify(), GrpcIs(Code::RESOURCE_EXHAUSTED));
}

TEST_F(CertificateRateLimitTest, OnlyVerificationIsLimited) {
  StartLimited(/*rate=*/1, /*burst=*/2);
  if (HasFatalFailure()) return;
  for (int i = 0; i < 3; ++i) Verify();
  ASSERT_THAT(Verify(), GrpcIs(Code::RESOURCE_EXHAUSTED));
  v1::GetPublicKeyRequest req;
  v1::PublicKey key;
  EXPECT_THAT(stub_->GetPublicKey(As("").get(), req, &key), GrpcIs(Code::OK));
  // The fixture's own server has no limiter at all.
  auto unlimited = v1::CertificateService::NewStub(channel_);
  for (int i = 0; i < 5; ++i) {
    v1::VerifyCertificateRequest verify;
    verify.set_number("SCSW-2023-S404");
    v1::VerifyCertificateResponse resp;
    EXPECT_THAT(unlimited->VerifyCertificate(As("").get(), verify, &resp), GrpcIs(Code::OK)) << i;
  }
}

}  // namespace
}  // namespace talent
