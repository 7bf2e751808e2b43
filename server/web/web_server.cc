#include "server/web/web_server.h"

#include <httplib.h>

#include <chrono>
#include <cstdio>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/clock.h"
#include "server/service/metrics.h"
#include "server/web/verify_page.h"

namespace talent::web {
namespace {

constexpr char kHtml[] = "text/html; charset=utf-8";
constexpr char kText[] = "text/plain; charset=utf-8";

// The route a path was served by, for the log (never the path itself: a
// certificate number is not for the log either).
std::string RouteOf(const std::string& path) {
  if (path.rfind("/verify/", 0) == 0) return "/verify/{number}";
  if (path == "/" || path == "/verify" || path == "/healthz" || path == "/metrics") return path;
  return "other";
}

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

}  // namespace

absl::StatusOr<std::unique_ptr<WebServer>> WebServer::Start(core::Certificates* certificates,
                                                            const std::string& listen) {
  size_t colon = listen.rfind(':');
  int port = -1;
  if (colon == std::string::npos || colon == 0 ||
      !absl::SimpleAtoi(listen.substr(colon + 1), &port) || port < 0 || port > 65535) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--http-listen must look like 127.0.0.1:8080 (host:port), got '", listen, "'"));
  }
  std::unique_ptr<WebServer> server(new WebServer());
  server->host_ = listen.substr(0, colon);
  server->http_ = std::make_unique<httplib::Server>();
  httplib::Server& http = *server->http_;
  http.new_task_queue = [] { return new httplib::ThreadPool(4); };
  http.set_read_timeout(10);
  http.set_write_timeout(10);

  // Each route is counted as its handler finishes, before the response is
  // sent, so a scrape that follows a request always sees it.
  auto get = [&http](const char* pattern, const char* route, httplib::Server::Handler handler) {
    http.Get(pattern, [route, handler](const httplib::Request& req, httplib::Response& res) {
      handler(req, res);
      service::Metrics::Global().CountHttp(route, res.status == -1 ? 200 : res.status);
    });
  };
  get("/", "/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(kIndex, kHtml);
  });
  // The form's target: /verify?number=X → /verify/X.
  get("/verify", "/verify", [](const httplib::Request& req, httplib::Response& res) {
    std::string number = req.get_param_value("number");
    if (number.empty()) {
      res.set_redirect("/");
      return;
    }
    res.set_redirect(absl::StrCat("/verify/", httplib::detail::encode_query_param(number)));
  });
  // The route's name, never the path: a certificate number is not a label.
  get(R"(/verify/([^/]+))", "/verify/{number}",
      [certificates](const httplib::Request& req, httplib::Response& res) {
        absl::StatusOr<core::Certificates::Verification> v =
            certificates->VerifyCertificate(req.matches[1].str());
        if (!v.ok()) {
          // The public sees a short answer; the details (which may hold
          // SQL) go to the server's log only.
          std::fprintf(stderr, "talentd: verification page: %s\n", v.status().ToString().c_str());
          if (absl::IsInvalidArgument(v.status())) {
            res.status = 400;
            res.set_content(absl::StrCat(v.status().message(), "\n"), kText);
          } else {
            res.status = absl::IsUnavailable(v.status()) ? 503 : 500;
            res.set_content("The register cannot be read just now; try again later.\n", kText);
          }
          return;
        }
        res.set_header("Cache-Control", "no-store");  // a revocation shows at once
        res.status = v->verdict == core::Certificates::Verdict::kNotFound ? 404 : 200;
        res.set_content(RenderVerifyPage(*v), kHtml);
      });
  get("/healthz", "/healthz", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok\n", kText);
  });
  get("/metrics", "/metrics", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(service::Metrics::Global().Exposition(),
                    "text/plain; version=0.0.4; charset=utf-8");
  });
  // Other paths, and methods other than GET: a short answer, not an empty
  // page, counted as "other". The routes that answer 4xx themselves keep
  // their own body (and were counted already).
  http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    service::Metrics::Global().CountHttp("other", res.status);
    res.set_content(absl::StrCat(res.status == 404 ? "Not found." : "Not allowed.",
                                 " Certificates are verified at /verify/NUMBER (e.g. "
                                 "/verify/SCSW-2023-S001).\n"),
                    kText);
  });
  http.set_logger([certificates](const httplib::Request& req, const httplib::Response& res) {
    std::fprintf(stderr, "%s http=%s %s status=%d\n",
                 common::FormatTimestamp(certificates->clock().NowSeconds()).c_str(),
                 req.method.c_str(), RouteOf(req.path).c_str(), res.status);
  });

  if (port == 0) {
    server->port_ = http.bind_to_any_port(server->host_);
  } else if (http.bind_to_port(server->host_, port)) {
    server->port_ = port;
  }
  if (server->port_ <= 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen for HTTP on ", listen, " (in use, or not a local address?)"));
  }
  server->thread_ = std::thread([&http] { http.listen_after_bind(); });
  // httplib's stop() does nothing until the loop runs: wait for it, so a
  // Shutdown() right after Start() cannot leave the thread listening.
  for (int i = 0; i < 500 && !http.is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (!http.is_running()) {
    http.stop();
    server->thread_.join();
    return absl::UnavailableError(absl::StrCat("the HTTP server on ", listen, " did not start"));
  }
  return server;
}

WebServer::~WebServer() { Shutdown(); }

void WebServer::Shutdown() {
  if (!http_) return;
  http_->stop();
  if (thread_.joinable()) thread_.join();
  http_.reset();
}

}  // namespace talent::web
