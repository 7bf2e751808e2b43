#include "server/web/metrics_server.h"

#include <string_view>

#include "server/service/metrics.h"

namespace talent::web {

class MetricsServer::Site final : public HttpSite {
 public:
  std::string RouteOf(std::string_view path) const override {
    if (path == "/metrics" || path == "/healthz") return std::string(path);
    return "other";
  }

  HttpResponse Serve(const HttpRequest& request) override {
    if (request.path == "/healthz") return HttpResponse::Text(200, "ok\n");
    if (request.path == "/metrics") {
      HttpResponse response;
      response.content_type = "text/plain; version=0.0.4; charset=utf-8";
      response.body = service::Metrics::Global().Exposition();
      response.headers.emplace_back("Cache-Control", "no-store");
      return response;
    }
    return HttpResponse::Text(404, "Not found: this listener serves /metrics and /healthz.\n");
  }
};

absl::StatusOr<std::unique_ptr<MetricsServer>> MetricsServer::Start(const std::string& listen,
                                                                    const common::Clock* clock) {
  std::unique_ptr<MetricsServer> server(new MetricsServer());
  server->site_ = std::make_unique<Site>();
  HttpDaemon::Options options;
  options.listen = listen;
  options.flag = "--metrics-listen";
  options.clock = clock;
  options.count_requests = false;
  absl::StatusOr<std::unique_ptr<HttpDaemon>> http = HttpDaemon::Start(options, server->site_.get());
  if (!http.ok()) return http.status();
  server->http_ = *std::move(http);
  return server;
}

MetricsServer::~MetricsServer() { Shutdown(); }

void MetricsServer::Shutdown() {
  if (http_) http_->Shutdown();
}

}  // namespace talent::web
