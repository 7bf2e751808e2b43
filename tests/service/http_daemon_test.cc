// HttpDaemon (libmicrohttpd under talentd's web ports) over real sockets,
// with a probe site: what the site is handed, keep-alive, and the limits
// that keep a port up under abuse — methods, bodies, header size, idle
// timeout, connections per address, slow clients.
#include "server/web/http_daemon.h"

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/service/metrics.h"
#include "tests/testing/raw_http.h"

namespace talent::web {
namespace {

using ::talent::testing::HttpGet;
using ::talent::testing::HttpReply;
using ::talent::testing::RawHttpConnection;
using ::testing::HasSubstr;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

// Answers 200 "probe" and remembers the last request.
class ProbeSite final : public HttpSite {
 public:
  std::string RouteOf(std::string_view path) const override {
    return path == "/probe" ? "/probe" : "other";
  }
  HttpResponse Serve(const HttpRequest& request) override {
    std::lock_guard<std::mutex> lock(mu_);
    last_ = request;
    return HttpResponse::Text(200, "probe\n");
  }
  HttpRequest last() {
    std::lock_guard<std::mutex> lock(mu_);
    return last_;
  }

 private:
  std::mutex mu_;
  HttpRequest last_;
};

class HttpDaemonTest : public ::testing::Test {
 protected:
  void Start(const HttpLimits& limits = {}) {
    HttpDaemon::Options options;
    options.listen = "127.0.0.1:0";
    options.limits = limits;
    auto daemon = HttpDaemon::Start(options, &site_);
    ASSERT_TRUE(daemon.ok()) << daemon.status();
    daemon_ = *std::move(daemon);
  }

  std::unique_ptr<RawHttpConnection> Connect(const std::string& source = "") {
    std::unique_ptr<RawHttpConnection> connection =
        RawHttpConnection::Open(daemon_->port(), source);
    EXPECT_NE(connection, nullptr);
    return connection;
  }

  ProbeSite site_;
  std::unique_ptr<HttpDaemon> daemon_;
};

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST_F(HttpDaemonTest, TheSiteGetsTheDecodedPathQueryAndClientAddress) {
  Start();
  HttpReply r = HttpGet(daemon_->port(), "/a%20b?number=+scsw%2D1&x=%3C&x=2&flag", "GET", "",
                        "127.0.0.2");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "probe\n");
  HttpRequest seen = site_.last();
  EXPECT_EQ(seen.method, "GET");
  EXPECT_EQ(seen.path, "/a b");
  EXPECT_THAT(seen.query,
              UnorderedElementsAre(Pair("number", " scsw-1"), Pair("x", "<"), Pair("flag", "")));
  EXPECT_EQ(seen.client, "127.0.0.2");
  r = HttpGet(daemon_->port(), "/probe", "HEAD");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("Content-Length"), "6");
  EXPECT_EQ(site_.last().method, "HEAD");
}

TEST_F(HttpDaemonTest, KeepAliveServesManyRequestsOnOneConnection) {
  Start();
  std::unique_ptr<RawHttpConnection> c = Connect();
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(c->Send("GET /probe HTTP/1.1\r\nHost: x\r\n\r\n")) << i;
    HttpReply r = c->ReadReply();
    EXPECT_EQ(r.status, 200) << i;
    EXPECT_EQ(r.body, "probe\n") << i;
  }
}

TEST_F(HttpDaemonTest, OtherMethodsGet405BeforeTheirBodyIsRead) {
  Start();
  const uint64_t ten_mb = 10 << 20;
  std::unique_ptr<RawHttpConnection> c = Connect();
  size_t sent = c->Flood("PUT /probe HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                             std::to_string(ten_mb) + "\r\n\r\n",
                         ten_mb, 'x', 10);
  HttpReply r = c->ReadReply();
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.Header("Allow"), "GET, HEAD");
  EXPECT_EQ(r.Header("Connection"), "close");
  EXPECT_EQ(r.Header("X-Frame-Options"), "DENY");
  EXPECT_TRUE(c->WaitForClose(5));
  EXPECT_LT(sent, ten_mb);  // the server stopped taking it
  EXPECT_THAT(service::Metrics::Global().Exposition(),
              HasSubstr("\ntalentd_http_request_duration_seconds_count{route=\"/probe\","
                        "status=\"405\"} 1\n"));
}

TEST_F(HttpDaemonTest, GetWithABodyGets413) {
  Start();
  for (const char* header : {"Content-Length: 5\r\n", "Transfer-Encoding: chunked\r\n"}) {
    std::unique_ptr<RawHttpConnection> c = Connect();
    ASSERT_TRUE(c->Send(std::string("GET /probe HTTP/1.1\r\nHost: x\r\n") + header + "\r\n"));
    HttpReply r = c->ReadReply();
    EXPECT_EQ(r.status, 413) << header;
    EXPECT_EQ(r.body, "请求不能带有正文。\nA request here has no body.\n");
    EXPECT_TRUE(c->WaitForClose(5)) << header;
  }
  HttpReply r = HttpGet(daemon_->port(), "/probe", "GET", "Content-Length: 0\r\n");
  EXPECT_EQ(r.status, 200);
}

TEST_F(HttpDaemonTest, RequestLineAndHeadersAreCappedNearEightKilobytes) {
  Start();
  // A request with 6 KB of headers is served…
  HttpReply r = HttpGet(daemon_->port(), "/probe", "GET",
                        "X-Padding: " + std::string(6 * 1024, 'a') + "\r\n");
  EXPECT_EQ(r.status, 200);
  // …one with 9 KB is refused by libmicrohttpd, which reads no further.
  r = HttpGet(daemon_->port(), "/probe", "GET", "X-Padding: " + std::string(9 * 1024, 'a') + "\r\n");
  EXPECT_EQ(r.status, 431);
  r = HttpGet(daemon_->port(), "/probe?" + std::string(9 * 1024, 'a'));
  EXPECT_EQ(r.status, 414);
  // Headers that never end: refused at the limit, the rest never read.
  std::unique_ptr<RawHttpConnection> c = Connect();
  const size_t sent = c->Flood("GET /probe HTTP/1.1\r\nHost: x\r\nX-Endless: ", 10 << 20, 'a', 10);
  EXPECT_EQ(c->ReadReply().status, 431);
  EXPECT_LT(sent, size_t{10 << 20});
}

TEST_F(HttpDaemonTest, IdleConnectionsAreClosedAfterTheTimeout) {
  HttpLimits limits;
  limits.idle_timeout_seconds = 1;
  Start(limits);
  std::unique_ptr<RawHttpConnection> c = Connect();
  ASSERT_TRUE(c->Send("GET /pro"));
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(c->WaitForClose(5));
  EXPECT_GE(SecondsSince(start), 0.9);
  EXPECT_LT(SecondsSince(start), 3.5);
}

TEST_F(HttpDaemonTest, ConnectionsPerAddressAreCapped) {
  HttpLimits limits;
  limits.connections_per_client = 3;
  Start(limits);
  std::vector<std::unique_ptr<RawHttpConnection>> held;
  for (int i = 0; i < 3; ++i) {
    held.push_back(Connect());
    ASSERT_TRUE(held.back()->Send("GET /pro"));
  }
  // The fourth from the same address is closed at once, unanswered…
  std::unique_ptr<RawHttpConnection> fourth = Connect();
  fourth->Send("GET /probe HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(fourth->ReadReply(2).status, 0);
  // …while another address is served.
  EXPECT_EQ(HttpGet(daemon_->port(), "/probe", "GET", "", "127.0.0.2").status, 200);
  // Once one of the three is done, the address gets a slot again.
  ASSERT_TRUE(held[0]->Send("be HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  EXPECT_EQ(held[0]->ReadReply().status, 200);
  EXPECT_TRUE(held[0]->WaitForClose(5));
  HttpReply r;
  for (int attempt = 0; attempt < 20 && r.status == 0; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    r = HttpGet(daemon_->port(), "/probe");
  }
  EXPECT_EQ(r.status, 200);
}

TEST_F(HttpDaemonTest, SlowClientsDoNotHoldUpOthers) {
  Start();
  // Twenty clients sending a request line a byte at a time.
  std::vector<std::unique_ptr<RawHttpConnection>> slow;
  for (int i = 0; i < 20; ++i) {
    slow.push_back(Connect());
    ASSERT_TRUE(slow.back()->Send("G"));
  }
  const std::string line = "ET /probe HTTP/1.1\r\n";
  for (size_t i = 0; i < 5; ++i) {
    for (auto& c : slow) ASSERT_TRUE(c->Send(line.substr(i, 1)));
    auto start = std::chrono::steady_clock::now();
    HttpReply r = HttpGet(daemon_->port(), "/probe");
    EXPECT_EQ(r.status, 200);
    EXPECT_LT(SecondsSince(start), 1.0);
  }
}

TEST(HttpDaemonStartTest, NamesTheFlagOfAMalformedAddress) {
  ProbeSite site;
  HttpDaemon::Options options;
  options.listen = "localhost";
  options.flag = "--metrics-listen";
  auto daemon = HttpDaemon::Start(options, &site);
  EXPECT_EQ(daemon.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(daemon.status().message(),
            "--metrics-listen must look like 127.0.0.1:8080 (host:port), got 'localhost'");
}

TEST(HttpDaemonStartTest, ListensOnIpv6Loopback) {
  ProbeSite site;
  HttpDaemon::Options options;
  options.listen = "[::1]:0";
  auto daemon = HttpDaemon::Start(options, &site);
  if (!daemon.ok()) GTEST_SKIP() << "no IPv6 here: " << daemon.status();
  EXPECT_EQ((*daemon)->host(), "[::1]");
  EXPECT_GT((*daemon)->port(), 0);
}

}  // namespace
}  // namespace talent::web
