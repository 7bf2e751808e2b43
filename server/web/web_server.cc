#include "server/web/web_server.h"

#include <cstdio>
#include <optional>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "server/domain/certificate_rules.h"
#include "server/domain/text_field.h"
#include "server/service/metrics.h"
#include "server/service/request_log.h"
#include "server/web/notice_page.h"
#include "server/web/verify_page.h"

namespace talent::web {
namespace {

constexpr std::string_view kVerifyPrefix = "/verify/";

constexpr char kIndex[] = R"html(<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>证书核验 Certificate verification</title>
<style>
body{margin:0;background:#f3f1ec;color:#202124;font:16px/1.5 system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif}
main{max-width:40rem;margin:0 auto;padding:1.25rem}
form{background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.12);padding:1.5rem}
h1{font-size:1.4rem;margin:0 0 1rem}
input{font:inherit;width:100%;padding:.6rem;border:1px solid #bbb;border-radius:6px;margin:.25rem 0 1rem}
button{font:inherit;padding:.6rem 1.2rem;border:0;border-radius:6px;background:#1b5e9f;color:#fff}
</style></head><body><main><form action="/verify" method="get">
<h1>高层次社会工作专业人才证书核验<br><small>Certificate verification</small></h1>
<label for="number">证书编号 Certificate number</label>
<input id="number" name="number" placeholder="SCSW-2023-S001" required autofocus>
<button type="submit">核验 Verify</button></form></main></body></html>
)html";

HttpResponse Redirect(std::string location) {
  HttpResponse response = HttpResponse::Text(302, "");
  response.headers.emplace_back("Location", std::move(location));
  return response;
}

// "/verify/X" with X not empty and without a '/'.
bool IsNumberPath(std::string_view path) {
  return path.substr(0, kVerifyPrefix.size()) == kVerifyPrefix &&
         path.size() > kVerifyPrefix.size() &&
         path.find('/', kVerifyPrefix.size()) == std::string_view::npos;
}

// What a path segment or a typed number stands for, in canonical form, or
// nullopt when it cannot be a certificate number (then it is not repeated
// to anyone, nor looked up).
std::optional<std::string> WellFormedNumber(std::string_view text) {
  return domain::NormaliseCertificateNumber(absl::string_view(text.data(), text.size()));
}

}  // namespace

class WebServer::Site final : public HttpSite {
 public:
  Site(core::Certificates* certificates, core::Results* results, common::RateLimiter* limiter)
      : certificates_(certificates), results_(results), limiter_(limiter) {}

  std::string RouteOf(std::string_view path) const override {
    if (IsNumberPath(path)) return "/verify/{number}";
    if (path == "/" || path == "/verify" || path == "/healthz" || path == "/notice") {
      return std::string(path);
    }
    if (ParseNoticePath(path)) return "/notice/{code}/{year}/{position}";
    return "other";
  }

  HttpResponse Serve(const HttpRequest& request) override {
    const std::string_view path = request.path;
    if (path == "/") return HttpResponse::Html(200, kIndex);
    if (path == "/healthz") return HttpResponse::Text(200, "ok\n");
    if (results_ != nullptr && (path == "/notice" || path.substr(0, 8) == "/notice/")) {
      if (std::optional<HttpResponse> refused = TakeFromLimit(request.client)) return *refused;
      return NoticeRoute(path);
    }
    const bool verify_form = path == "/verify";
    const bool verify_page = IsNumberPath(path);
    if (!verify_form && !verify_page) {
      return HttpResponse::Text(
          404,
          "未找到此页面。证书核验请访问 /verify/证书编号（例如 /verify/SCSW-2023-S001）。\n"
          "Not found. Certificates are verified at /verify/NUMBER (e.g. "
          "/verify/SCSW-2023-S001).\n");
    }
    if (std::optional<HttpResponse> refused = TakeFromLimit(request.client)) return *refused;
    return verify_form ? VerifyForm(request) : VerifyPage(path.substr(kVerifyPrefix.size()));
  }

 private:
  // 429 when the client has used up its allowance of verifications.
  std::optional<HttpResponse> TakeFromLimit(const std::string& client) {
    if (limiter_ == nullptr) return std::nullopt;
    common::RateLimiter::Decision decision = limiter_->Acquire(client);
    if (decision.allowed) return std::nullopt;
    service::Metrics::Global().CountRateLimited("http");
    const int wait = decision.retry_after_seconds;
    HttpResponse response = HttpResponse::Text(
        429, absl::StrCat("查询过于频繁，请 ", wait, " 秒后再试。\nToo many requests; try again in ",
                          wait, wait == 1 ? " second.\n" : " seconds.\n"));
    response.headers.emplace_back("Retry-After", absl::StrCat(wait));
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
  }

  // The form's target: /verify?number=X → /verify/X.
  HttpResponse VerifyForm(const HttpRequest& request) {
    auto typed = request.query.find("number");
    if (typed == request.query.end() || domain::TrimTextView(typed->second).empty()) {
      return Redirect("/");
    }
    std::optional<std::string> number = WellFormedNumber(typed->second);
    if (!number) return HttpResponse::Html(400, RenderMalformedNumberPage());
    return Redirect(std::string(kVerifyPrefix) + *number);  // only A-Z, 0-9 and -
  }

  HttpResponse VerifyPage(std::string_view segment) {
    std::optional<std::string> number;
    if (segment.size() <= domain::kMaxCertificateNumberLength) number = WellFormedNumber(segment);
    if (!number) return HttpResponse::Html(400, RenderMalformedNumberPage());
    absl::StatusOr<core::Certificates::Verification> v = certificates_->VerifyCertificate(*number);
    if (!v.ok()) {
      // The public sees a short answer; the details (which may hold SQL)
      // go to the server's log only.
      service::LogMessage("talentd: verification page: " + v.status().ToString(), /*error=*/true);
      return HttpResponse::Text(absl::IsUnavailable(v.status()) ? 503 : 500,
                                "登记簿暂时无法读取，请稍后再试。\n"
                                "The register cannot be read just now; try again later.\n");
    }
    HttpResponse response = HttpResponse::Html(
        v->verdict == core::Certificates::Verdict::kNotFound ? 404 : 200, RenderVerifyPage(*v));
    response.headers.emplace_back("Cache-Control", "no-store");  // a revocation shows at once
    return response;
  }

  // /notice: what runs now; /notice/CODE/YEAR/POSITION: one notice, 404
  // before it is published, 410 once it ended with its round's confirmation.
  HttpResponse NoticeRoute(std::string_view path) {
    absl::StatusOr<HttpResponse> page = [&]() -> absl::StatusOr<HttpResponse> {
      if (path == "/notice") {
        absl::StatusOr<std::vector<core::Results::NoticeRef>> notices =
            results_->ListPublicNotices();
        if (!notices.ok()) return notices.status();
        return HttpResponse::Html(200, RenderNoticeIndex(*notices));
      }
      std::optional<NoticePath> round = ParseNoticePath(path);
      if (!round) return HttpResponse::Html(404, RenderNoNoticePage(/*ended=*/false));
      absl::StatusOr<domain::PublicNotice> notice =
          results_->GetPublicNotice(round->code, round->year, round->position);
      if (absl::IsNotFound(notice.status())) {
        return HttpResponse::Html(404, RenderNoNoticePage(/*ended=*/false));
      }
      if (absl::IsFailedPrecondition(notice.status())) {  // ended with its round's confirmation
        return HttpResponse::Html(410, RenderNoNoticePage(/*ended=*/true));
      }
      if (!notice.ok()) return notice.status();
      return HttpResponse::Html(200, RenderNoticePage(*notice));
    }();
    if (!page.ok()) {
      service::LogMessage("talentd: notice page: " + page.status().ToString(), /*error=*/true);
      return HttpResponse::Text(absl::IsUnavailable(page.status()) ? 503 : 500,
                                "公示暂时无法读取，请稍后再试。\n"
                                "The notices cannot be read just now; try again later.\n");
    }
    // Appeals may amend a notice while it runs, and it is taken down on
    // confirmation: never served from a cache.
    page->headers.emplace_back("Cache-Control", "no-store");
    return *std::move(page);
  }

  core::Certificates* const certificates_;
  core::Results* const results_;
  common::RateLimiter* const limiter_;
};

absl::StatusOr<std::unique_ptr<WebServer>> WebServer::Start(core::Certificates* certificates,
                                                            core::Results* results,
                                                            const std::string& listen,
                                                            common::RateLimiter* verify_limiter,
                                                            const HttpLimits& limits) {
  std::unique_ptr<WebServer> server(new WebServer());
  server->site_ = std::make_unique<Site>(certificates, results, verify_limiter);
  HttpDaemon::Options options;
  options.listen = listen;
  options.flag = "--http-listen";
  options.limits = limits;
  if (certificates != nullptr) options.clock = &certificates->clock();
  absl::StatusOr<std::unique_ptr<HttpDaemon>> http = HttpDaemon::Start(options, server->site_.get());
  if (!http.ok()) return http.status();
  server->http_ = *std::move(http);
  return server;
}

WebServer::~WebServer() { Shutdown(); }

void WebServer::Shutdown() {
  if (http_) http_->Shutdown();
}

}  // namespace talent::web
