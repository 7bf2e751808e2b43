// talentd's public HTTP port over a real socket (tests/testing/raw_http.h):
// the verification page for unknown numbers, the form's redirect,
// /healthz, no /metrics, nothing but GET and HEAD, malformed numbers
// answered without being repeated, the security headers on every answer,
// and the per-address rate limit of the /verify routes. The limits of the
// transport itself (headers, bodies, connections, timeouts) are in
// http_daemon_test.cc; the page as a browser renders it is tested end to
// end with headless Chromium (tests/e2e/cert_e2e_test.cc).
#include "server/web/web_server.h"

#include <cstdint>
#include <memory>
#include <string>

#include "common/clock.h"
#include "common/rate_limiter.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/service/metrics.h"
#include "server/web/verify_page.h"
#include "tests/testing/raw_http.h"
#include "tests/testing/enrolment_fixture.h"
#include "tests/testing/server_fixture.h"

namespace talent {
namespace {

using ::talent::testing::HttpGet;
using ::talent::testing::HttpReply;
using ::testing::HasSubstr;
using ::testing::Not;

// The headers every answer of the port carries.
void ExpectSecurityHeaders(const HttpReply& r) {
  EXPECT_EQ(r.Header("Content-Security-Policy"),
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
            "frame-ancestors 'none'; base-uri 'none'")
      << r.status;
  EXPECT_EQ(r.Header("X-Content-Type-Options"), "nosniff") << r.status;
  EXPECT_EQ(r.Header("X-Frame-Options"), "DENY") << r.status;
  EXPECT_EQ(r.Header("Referrer-Policy"), "no-referrer") << r.status;
}

// talentd_rate_limited_total{surface="http"} as /metrics would show it now.
uint64_t RateLimitedCount() {
  const std::string exposition = service::Metrics::Global().Exposition();
  const std::string line = "\ntalentd_rate_limited_total{surface=\"http\"} ";
  const size_t at = exposition.find(line);
  return at == std::string::npos ? 0 : std::stoull(exposition.substr(at + line.size()));
}

class WebServerTest : public testing::ServerFixture {
 protected:
  void SetUp() override {
    testing::ServerFixture::SetUp();
    if (HasFatalFailure()) return;
    common::RateLimiter::Options limits;
    limits.rate = 1;
    limits.burst = 3;
    limiter_ = std::make_unique<common::RateLimiter>(limits, &ticks_);
    auto web = web::WebServer::Start(&core_->certificates, &core_->results, "127.0.0.1:0",
                                     limiter_.get());
    ASSERT_TRUE(web.ok()) << web.status();
    web_ = *std::move(web);
  }

  void TearDown() override {
    if (web_) web_->Shutdown();
    testing::ServerFixture::TearDown();
  }

  HttpReply Get(const std::string& path, const std::string& method = "GET",
                const std::string& source = "") {
    return HttpGet(web_->port(), path, method, "", source);
  }

  common::FakeMonotonicClock ticks_;
  std::unique_ptr<common::RateLimiter> limiter_;
  std::unique_ptr<web::WebServer> web_;
};

TEST_F(WebServerTest, UnknownNumberIsAFriendlyNotFoundPage) {
  HttpReply r = Get("/verify/scsw-2023-s404");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.Header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(r.Header("Cache-Control"), "no-store");
  ExpectSecurityHeaders(r);
  EXPECT_THAT(r.body, HasSubstr("data-result=\"NOT_FOUND\""));
  EXPECT_THAT(r.body, HasSubstr("查无此证 · not found"));
  EXPECT_THAT(r.body, HasSubstr("SCSW-2023-S404"));  // well formed, so repeated (canonical)
  EXPECT_THAT(r.body, HasSubstr("<meta name=\"viewport\""));
}

TEST_F(WebServerTest, APaperCertificateIsValidAndSaysItWasRegisteredFromPaper) {
  CreateSeedProgramme();
  core::History::Row row;
  row.line = 2;
  row.input = {"王芳", testing::ValidNationalId(1), "成都市锦江区社会工作服务中心", "成都市锦江区",
               "服务类", "已认定", "SCSW-2021-S001", "2021-12-20", "95.5"};
  auto imported = core_->history.Import(admin_caller_, "SCSW", 2021, {row}, false, "");
  ASSERT_TRUE(imported.ok()) << imported.status();

  HttpReply r = Get("/verify/SCSW-2021-S001");
  EXPECT_EQ(r.status, 200);
  EXPECT_THAT(r.body, HasSubstr("data-result=\"VALID\""));
  EXPECT_THAT(r.body, HasSubstr("本证书原以纸质颁发，2023-06-01 据纸质档案登记入册，签名完整，"
                                "现行有效。<br>Issued on paper, registered from paper records "
                                "on 2023-06-01; its signature intact, and in force."));
  EXPECT_THAT(r.body, HasSubstr("<dt>发证日期<small>ISSUED ON</small></dt><dd>2021-12-20</dd>"));
  EXPECT_THAT(r.body, HasSubstr("<dt>登记<small>REGISTERED</small></dt><dd>据纸质档案登记，"
                                "2023-06-01 · from paper records, on 2023-06-01</dd>"));
}

TEST_F(WebServerTest, TheFormRedirectsToTheNumbersPage) {
  HttpReply r = Get("/verify?number=+scsw-2023-s001+");
  EXPECT_EQ(r.status, 302);
  EXPECT_EQ(r.Header("Location"), "/verify/SCSW-2023-S001");
  ExpectSecurityHeaders(r);
  r = Get("/verify");
  EXPECT_EQ(r.status, 302);
  EXPECT_EQ(r.Header("Location"), "/");
  r = Get("/");
  EXPECT_EQ(r.status, 200);
  ExpectSecurityHeaders(r);
  EXPECT_THAT(r.body, HasSubstr("<form action=\"/verify\" method=\"get\">"));
}

TEST_F(WebServerTest, MalformedNumbersAreNeitherRepeatedNorLookedUp) {
  const std::string malformed[] = {
      "/verify/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
      "/verify/SCSW-2023-S0000000001",      // a serial longer than any
      "/verify/ABCDEFGHIJKLM-2023-S001",    // a prefix longer than any
      "/verify/" + std::string(4000, 'A'),  // long, and nothing like a number
      "/verify?number=%3Cscript%3Ealert(1)%3C/script%3E",
  };
  for (const std::string& path : malformed) {
    HttpReply r = Get(path);
    EXPECT_EQ(r.status, 400) << path;
    EXPECT_EQ(r.Header("Content-Type"), "text/html; charset=utf-8") << path;
    ExpectSecurityHeaders(r);
    // The page that says what a number looks like, not a verdict of the
    // register (which a lookup would have given).
    EXPECT_THAT(r.body, HasSubstr("data-result=\"MALFORMED\"")) << path;
    EXPECT_THAT(r.body, HasSubstr("Certificate numbers look like SCSW-2023-S001")) << path;
    EXPECT_THAT(r.body, Not(HasSubstr("data-result=\"NOT_FOUND\""))) << path;
    EXPECT_THAT(r.body, Not(HasSubstr("img"))) << path;
    EXPECT_THAT(r.body, Not(HasSubstr("script"))) << path;
    EXPECT_THAT(r.body, Not(HasSubstr("S0000000001"))) << path;
    EXPECT_THAT(r.body, Not(HasSubstr("AAAAAAAA"))) << path;
    ticks_.AdvanceSeconds(1);  // this test is not about the rate limit
  }
  // A path below a number is no page at all.
  HttpReply r = Get("/verify/SCSW-2023-S001/more");
  EXPECT_EQ(r.status, 404);
  EXPECT_THAT(r.body, Not(HasSubstr("SCSW-2023-S001/more")));
}

TEST_F(WebServerTest, HealthButNoMetricsOnThePublicPort) {
  HttpReply r = Get("/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "ok\n");
  ExpectSecurityHeaders(r);
  r = Get("/metrics");
  EXPECT_EQ(r.status, 404);
  ExpectSecurityHeaders(r);
  EXPECT_THAT(r.body, HasSubstr("Certificates are verified at /verify/NUMBER"));
  EXPECT_THAT(r.body, Not(HasSubstr("talent_")));
}

TEST_F(WebServerTest, OnlyGetAndHeadAreServed) {
  for (const char* path : {"/verify/SCSW-2023-S001", "/", "/healthz", "/metrics", "/admin"}) {
    for (const char* method : {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
      HttpReply r = Get(path, method);
      EXPECT_EQ(r.status, 405) << method << " " << path;
      EXPECT_EQ(r.Header("Allow"), "GET, HEAD") << method << " " << path;
      EXPECT_EQ(r.body,
                "只接受 GET 和 HEAD 请求。\nMethod not allowed: only GET and HEAD are served.\n");
      ExpectSecurityHeaders(r);
    }
  }
  HttpReply r = Get("/healthz", "HEAD");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("Content-Length"), "3");
  r = Get("/admin");
  EXPECT_EQ(r.status, 404);
  ExpectSecurityHeaders(r);
}

TEST_F(WebServerTest, VerificationIsRateLimitedPerAddress) {
  const uint64_t before = RateLimitedCount();
  // The burst (3), then a refusal saying when to come back…
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Get("/verify/SCSW-2023-S404").status, 404) << i;
  HttpReply r = Get("/verify/SCSW-2023-S404");
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.Header("Retry-After"), "1");
  EXPECT_EQ(r.Header("Cache-Control"), "no-store");
  EXPECT_EQ(r.Header("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(r.body, "查询过于频繁，请 1 秒后再试。\nToo many requests; try again in 1 second.\n");
  ExpectSecurityHeaders(r);
  // …for the form as well, and for malformed numbers, but not for health
  // nor for another address.
  EXPECT_EQ(Get("/verify?number=SCSW-2023-S001").status, 429);
  EXPECT_EQ(Get("/verify/nonsense").status, 429);
  EXPECT_EQ(Get("/healthz").status, 200);
  EXPECT_EQ(Get("/verify/SCSW-2023-S404", "GET", "127.0.0.2").status, 404);
  EXPECT_EQ(RateLimitedCount(), before + 3);
  // A second later, one more.
  ticks_.AdvanceSeconds(1);
  EXPECT_EQ(Get("/verify/SCSW-2023-S404").status, 404);
  EXPECT_EQ(Get("/verify/SCSW-2023-S404").status, 429);
}

TEST(WebServerStartTest, RefusesAMalformedAddress) {
  for (const char* listen : {"", "8080", ":8080", "127.0.0.1:", "127.0.0.1:x", "127.0.0.1:70000"}) {
    auto web = web::WebServer::Start(nullptr, nullptr, listen, nullptr);
    EXPECT_EQ(web.status().code(), absl::StatusCode::kInvalidArgument) << listen;
    EXPECT_THAT(web.status().message(), HasSubstr("--http-listen must look like 127.0.0.1:8080"));
  }
}

TEST(WebServerStartTest, RefusesAnAddressInUse) {
  auto first = web::WebServer::Start(nullptr, nullptr, "127.0.0.1:0", nullptr);
  ASSERT_TRUE(first.ok()) << first.status();
  auto second =
      web::WebServer::Start(nullptr, nullptr, "127.0.0.1:" + std::to_string((*first)->port()),
                            nullptr);
  EXPECT_EQ(second.status().code(), absl::StatusCode::kUnavailable);
}

// The page itself, rendered from verifications built here.
core::Certificates::Verification Sample(core::Certificates::Verdict verdict) {
  core::Certificates::Verification v;
  v.verdict = verdict;
  v.number = "SCSW-2023-S001";
  domain::Certificate& c = v.certificate;
  c.facts.number = "SCSW-2023-S001";
  c.facts.holder_name = "张<伟>";
  c.facts.masked_national_id = "510104********1234";
  c.facts.track = "TRACK_SERVICE";
  c.facts.programme_title = "四川社会工作人才计划";
  c.facts.cohort_year = 2023;
  c.facts.final_score = 9235;
  c.facts.rating = "RATING_EXCELLENT";
  c.facts.issuer = "四川省民政厅";
  c.facts.issue_date = "2023-12-20";
  return v;
}

TEST(VerifyPageTest, ValidShowsTheFactsEscaped) {
  std::string html = web::RenderVerifyPage(Sample(core::Certificates::Verdict::kValid));
  EXPECT_THAT(html, HasSubstr("<body data-result=\"VALID\" class=\"VALID\">"));
  EXPECT_THAT(html, HasSubstr("有效 · valid"));
  EXPECT_THAT(html, HasSubstr("张&lt;伟&gt;"));
  EXPECT_THAT(html, Not(HasSubstr("张<伟>")));
  EXPECT_THAT(html, HasSubstr("服务类 service"));
  EXPECT_THAT(html, HasSubstr("优秀 excellent"));
  EXPECT_THAT(html, HasSubstr("92.35"));
  EXPECT_THAT(html, HasSubstr("**************1234"));  // an older mask, masked again
  EXPECT_THAT(html, Not(HasSubstr("510104")));
  EXPECT_THAT(html, Not(HasSubstr("撤销时间")));
}

TEST(VerifyPageTest, RevokedShowsWhenAndWhy) {
  core::Certificates::Verification v = Sample(core::Certificates::Verdict::kRevoked);
  v.certificate.revoke_time = 1688169600;  // 2023-07-01T00:00:00Z
  v.certificate.revoke_reason = "申报材料不实";
  std::string html = web::RenderVerifyPage(v);
  EXPECT_THAT(html, HasSubstr("data-result=\"REVOKED\""));
  EXPECT_THAT(html, HasSubstr("已撤销 · revoked"));
  EXPECT_THAT(html, HasSubstr("本证书已于 2023-07-01 撤销，不再有效。原因：申报材料不实"));
  EXPECT_THAT(html, HasSubstr("Revoked on 2023-07-01; no longer valid. Reason: 申报材料不实"));
  EXPECT_THAT(html, HasSubstr("<dd>2023-07-01</dd>"));  // and in the facts, the same day
}

TEST(VerifyPageTest, AlteredRecordSaysSo) {
  std::string html = web::RenderVerifyPage(Sample(core::Certificates::Verdict::kInvalid));
  EXPECT_THAT(html, HasSubstr("data-result=\"INVALID\""));
  EXPECT_THAT(html, HasSubstr("记录被篡改 · altered"));
}

TEST(VerifyPageTest, MalformedNumberPageSaysWhatANumberLooksLike) {
  std::string html = web::RenderMalformedNumberPage();
  EXPECT_THAT(html, HasSubstr("<body data-result=\"MALFORMED\" class=\"MALFORMED\">"));
  EXPECT_THAT(html, HasSubstr("编号格式不正确 · Not a certificate number"));
  EXPECT_THAT(html, HasSubstr("<a href=\"/\">"));
}

TEST(VerifyPageTest, HtmlEscapeCoversTheFiveCharacters) {
  EXPECT_EQ(web::HtmlEscape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  EXPECT_EQ(web::HtmlEscape("张伟"), "张伟");
}

}  // namespace
}  // namespace talent
