// talentd's HTTP port over a real socket (cpp-httplib's client): the
// verification page for valid, revoked, altered and unknown numbers, the
// form's redirect, /healthz, /metrics, and that nothing but GET is served.
// The page as a browser renders it is tested end to end with headless
// Chromium (tests/e2e/cert_e2e_test.cc).
#include "server/web/web_server.h"

#include <httplib.h>

#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/web/verify_page.h"
#include "tests/testing/server_fixture.h"

namespace talent {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class WebServerTest : public testing::ServerFixture {
 protected:
  void SetUp() override {
    testing::ServerFixture::SetUp();
    if (HasFatalFailure()) return;
    auto web = web::WebServer::Start(&core_->certificates, "127.0.0.1:0");
    ASSERT_TRUE(web.ok()) << web.status();
    web_ = *std::move(web);
    client_ = std::make_unique<httplib::Client>("127.0.0.1", web_->port());
    client_->set_connection_timeout(5);
    client_->set_read_timeout(5);
  }

  void TearDown() override {
    if (web_) web_->Shutdown();
    testing::ServerFixture::TearDown();
  }

  std::unique_ptr<web::WebServer> web_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(WebServerTest, UnknownNumberIsAFriendlyNotFoundPage) {
  httplib::Result r = client_->Get("/verify/SCSW-2023-S404");
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(r->get_header_value("Cache-Control"), "no-store");
  EXPECT_THAT(r->body, HasSubstr("data-result=\"NOT_FOUND\""));
  EXPECT_THAT(r->body, HasSubstr("查无此证 · not found"));
  EXPECT_THAT(r->body, HasSubstr("SCSW-2023-S404"));
  EXPECT_THAT(r->body, HasSubstr("<meta name=\"viewport\""));
}

TEST_F(WebServerTest, TheFormRedirectsToTheNumbersPage) {
  httplib::Result r = client_->Get("/verify?number=SCSW-2023-S001");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 302);
  EXPECT_EQ(r->get_header_value("Location"), "/verify/SCSW-2023-S001");
  r = client_->Get("/verify");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 302);
  EXPECT_EQ(r->get_header_value("Location"), "/");
  r = client_->Get("/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_THAT(r->body, HasSubstr("<form action=\"/verify\" method=\"get\">"));
}

TEST_F(WebServerTest, HealthAndMetrics) {
  httplib::Result r = client_->Get("/healthz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "ok\n");
  ASSERT_TRUE(client_->Get("/verify/SCSW-2023-S404"));
  r = client_->Get("/metrics");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_THAT(r->body, HasSubstr("# TYPE talent_http_requests_total counter\n"));
  EXPECT_THAT(r->body, HasSubstr("talent_http_requests_total{route=\"/healthz\",status=\"200\"}"));
  EXPECT_THAT(r->body,
              HasSubstr("talent_http_requests_total{route=\"/verify/{number}\",status=\"404\"}"));
  // Never a certificate number as a label.
  EXPECT_THAT(r->body, Not(HasSubstr("S404")));
}

TEST_F(WebServerTest, NothingButGetIsServed) {
  for (const char* path : {"/verify/SCSW-2023-S001", "/", "/healthz", "/metrics"}) {
    httplib::Result r = client_->Post(path, "x", "text/plain");
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 404) << path;
    EXPECT_THAT(r->body, HasSubstr("Certificates are verified at /verify/NUMBER")) << path;
    r = client_->Delete(path);
    ASSERT_TRUE(r) << path;
    EXPECT_GE(r->status, 400) << path;
  }
  httplib::Result r = client_->Get("/admin");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
}

TEST(WebServerStartTest, RefusesAMalformedAddress) {
  for (const char* listen : {"", "8080", ":8080", "127.0.0.1:", "127.0.0.1:x", "127.0.0.1:70000"}) {
    auto web = web::WebServer::Start(nullptr, listen);
    EXPECT_EQ(web.status().code(), absl::StatusCode::kInvalidArgument) << listen;
  }
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

TEST(VerifyPageTest, HtmlEscapeCoversTheFiveCharacters) {
  EXPECT_EQ(web::HtmlEscape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  EXPECT_EQ(web::HtmlEscape("张伟"), "张伟");
}

}  // namespace
}  // namespace talent
