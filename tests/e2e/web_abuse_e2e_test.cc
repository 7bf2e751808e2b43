// End-to-end: the public web port of a real `talentd serve` stays up under
// abuse, driven by raw-socket clients (tests/testing/raw_http.h) — a
// 100 MB request body and a 100 MB header line leave its memory (VmRSS)
// where it was; fifty clients trickling a request line do not keep
// /healthz from answering within a second; a burst of verifications over
// the limit is refused with 429 (and over gRPC with RESOURCE_EXHAUSTED,
// the allowance being shared) and served again a moment later. /metrics is
// on the metrics listener only.
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/cli_fixture.h"
#include "tests/testing/process.h"
#include "tests/testing/raw_http.h"

namespace talent::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr size_t kHundredMegabytes = size_t{100} << 20;

// VmRSS of process `pid` in kB; -1 when unreadable.
long ResidentKilobytes(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

class WebAbuseEndToEndTest : public CliFixture {
 protected:
  // Restarts talentd with the public port, the metrics listener and
  // `verify_flags`, and reads both ports.
  void StartWeb(std::vector<std::string> verify_flags = {}) {
    ASSERT_EQ(server_->Stop(SIGTERM), 0);
    std::vector<std::string> flags = {"--http-listen",      "127.0.0.1:0",
                                      "--http-port-file",   dir_.File("http-port"),
                                      "--metrics-listen",   "127.0.0.1:0",
                                      "--metrics-port-file", dir_.File("metrics-port")};
    flags.insert(flags.end(), verify_flags.begin(), verify_flags.end());
    StartServer(flags);
    if (HasFatalFailure()) return;
    std::string http = WaitForFile(dir_.File("http-port"), 10);
    std::string metrics = WaitForFile(dir_.File("metrics-port"), 10);
    ASSERT_FALSE(http.empty() || metrics.empty()) << ReadFile(dir_.File("talentd.log"));
    http_port_ = std::stoi(http);
    metrics_port_ = std::stoi(metrics);
  }

  int http_port_ = 0;
  int metrics_port_ = 0;
};

TEST_F(WebAbuseEndToEndTest, HugeBodiesAndHeadersLeaveMemoryWhereItWas) {
  StartWeb();
  if (HasFatalFailure()) return;
  for (int i = 0; i < 5; ++i) ASSERT_EQ(HttpGet(http_port_, "/healthz").status, 200);
  const long before = ResidentKilobytes(server_->pid());
  ASSERT_GT(before, 0);

  std::unique_ptr<RawHttpConnection> post = RawHttpConnection::Open(http_port_);
  ASSERT_NE(post, nullptr);
  const size_t body_sent = post->Flood(
      "POST /verify/SCSW-2023-S001 HTTP/1.1\r\nHost: x\r\nContent-Length: " +
          std::to_string(kHundredMegabytes) + "\r\n\r\n",
      kHundredMegabytes, 'x', 15);
  HttpReply r = post->ReadReply();
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.Header("Allow"), "GET, HEAD");
  const long after_body = ResidentKilobytes(server_->pid());

  std::unique_ptr<RawHttpConnection> header = RawHttpConnection::Open(http_port_);
  ASSERT_NE(header, nullptr);
  const size_t header_sent = header->Flood("GET / HTTP/1.1\r\nHost: x\r\nX-Endless: ",
                                           kHundredMegabytes, 'a', 15);
  EXPECT_EQ(header->ReadReply().status, 431);
  const long after_header = ResidentKilobytes(server_->pid());

  std::printf("talentd VmRSS: %ld kB before; %ld kB after a 100 MB body (%zu bytes of it "
              "sent before the server closed); %ld kB after a 100 MB header line (%zu bytes "
              "sent)\n",
              before, after_body, body_sent, after_header, header_sent);
  RecordProperty("rss_kb_before", static_cast<int>(before));
  RecordProperty("rss_kb_after_body", static_cast<int>(after_body));
  RecordProperty("rss_kb_after_header", static_cast<int>(after_header));
  EXPECT_LT(after_body - before, 20 * 1024);
  EXPECT_LT(after_header - before, 20 * 1024);
  EXPECT_LT(body_sent, kHundredMegabytes);
  EXPECT_LT(header_sent, kHundredMegabytes);
  // And it still serves.
  EXPECT_EQ(HttpGet(http_port_, "/healthz").status, 200);
}

TEST_F(WebAbuseEndToEndTest, FiftySlowClientsDoNotStopHealth) {
  StartWeb();
  if (HasFatalFailure()) return;
  std::vector<std::unique_ptr<RawHttpConnection>> slow;
  for (int i = 0; i < 50; ++i) {
    slow.push_back(RawHttpConnection::Open(http_port_));
    ASSERT_NE(slow.back(), nullptr) << i;
    ASSERT_TRUE(slow.back()->Send("G")) << i;
  }
  // Each sends one more byte of its request line every 200 ms, and between
  // rounds /healthz is asked from the same address.
  const std::string line = "ET /verify/SCSW-2023-S001 HTTP/1.1";
  double slowest = 0;
  for (size_t i = 0; i < 10; ++i) {
    for (auto& c : slow) ASSERT_TRUE(c->Send(line.substr(i, 1))) << i;
    auto start = std::chrono::steady_clock::now();
    HttpReply r = HttpGet(http_port_, "/healthz");
    const double took = SecondsSince(start);
    slowest = std::max(slowest, took);
    EXPECT_EQ(r.status, 200) << i;
    EXPECT_EQ(r.body, "ok\n") << i;
    EXPECT_LT(took, 1.0) << i;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  std::printf("slowest /healthz beside 50 slow clients: %.1f ms\n", slowest * 1000);
  // The slow ones are still waiting for the rest of their request: held,
  // not served and not dropped.
  for (auto& c : slow) EXPECT_EQ(c->ReadReply(0.01).status, 0);
}

TEST_F(WebAbuseEndToEndTest, ABurstOverTheVerifyLimitGets429ThenIsServedAgain) {
  StartWeb({"--verify-rate", "2", "--verify-burst", "3"});
  if (HasFatalFailure()) return;
  for (int i = 0; i < 3; ++i) {
    HttpReply r = HttpGet(http_port_, "/verify/SCSW-2023-S001");
    EXPECT_EQ(r.status, 404) << i;  // no certificate yet: the NOT_FOUND page
    EXPECT_THAT(r.body, HasSubstr("data-result=\"NOT_FOUND\"")) << i;
  }
  HttpReply r = HttpGet(http_port_, "/verify/SCSW-2023-S001");
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.Header("Retry-After"), "1");
  EXPECT_EQ(r.body, "查询过于频繁，请 1 秒后再试。\nToo many requests; try again in 1 second.\n");
  EXPECT_EQ(r.Header("X-Content-Type-Options"), "nosniff");
  // The same allowance over gRPC.
  ProcessResult verify =
      Ctl({"cert", "verify", "SCSW-2023-S001"}, {{"TALENT_TOKEN", ""},
                                                  {"XDG_CONFIG_HOME", dir_.File("nobody")}});
  EXPECT_EQ(verify.exit_code, 1) << verify.err;
  EXPECT_THAT(verify.err, HasSubstr("too many certificate verifications from your address; "
                                    "try again in 1 second"));
  // Half a second earns one more (2 a second).
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  r = HttpGet(http_port_, "/verify/SCSW-2023-S001");
  EXPECT_EQ(r.status, 404);
  EXPECT_THAT(r.body, HasSubstr("data-result=\"NOT_FOUND\""));

  // The refusals are counted on the metrics listener; the public port has
  // no /metrics.
  HttpReply metrics = HttpGet(metrics_port_, "/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_EQ(metrics.Header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_THAT(metrics.body, HasSubstr("\ntalentd_rate_limited_total{surface=\"http\"} 1\n"));
  EXPECT_THAT(metrics.body, HasSubstr("\ntalentd_rate_limited_total{surface=\"grpc\"} 1\n"));
  EXPECT_THAT(metrics.body, HasSubstr("\ntalentd_http_request_duration_seconds_count{route=\"/"
                                      "verify/{number}\",status=\"429\"} 1\n"));
  EXPECT_THAT(metrics.body, HasSubstr("\ntalentd_http_request_duration_seconds_count{route=\"/"
                                      "verify/{number}\",status=\"404\"} 4\n"));
  EXPECT_THAT(metrics.body, Not(HasSubstr("route=\"/metrics\"")));  // scrapes count not themselves
  EXPECT_EQ(HttpGet(metrics_port_, "/healthz").body, "ok\n");
  HttpReply public_metrics = HttpGet(http_port_, "/metrics");
  EXPECT_EQ(public_metrics.status, 404);
  EXPECT_THAT(public_metrics.body, Not(HasSubstr("talentd_")));
  // One log line a request, naming the route, never the number.
  const std::string log = ReadFile(dir_.File("talentd.log"));
  EXPECT_THAT(log, HasSubstr("http=GET /verify/{number} status=429"));
  EXPECT_THAT(log, HasSubstr("http=GET /metrics status=200"));
  EXPECT_THAT(log, Not(HasSubstr("S001 status")));
}

TEST_F(WebAbuseEndToEndTest, TheMetricsListenerNeedsAWellFormedAddress) {
  ASSERT_EQ(server_->Stop(SIGTERM), 0);
  ProcessResult r = RunProcess({kTalentd, "serve", "--db", db_, "--listen", "127.0.0.1:0",
                                "--metrics-listen", "nonsense"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("--metrics-listen must look like 127.0.0.1:8080"));
  r = RunProcess({kTalentd, "serve", "--db", db_, "--listen", "127.0.0.1:0", "--verify-rate",
                  "-1"});
  EXPECT_EQ(r.exit_code, 2);
}

}  // namespace
}  // namespace talent::testing
