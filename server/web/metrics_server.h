// talentd's metrics listener ('talentd serve --metrics-listen'): Prometheus
// /metrics and /healthz on an address of their own, apart from the public
// port, so the counters are not published to the internet. Meant for
// loopback or a private network; nothing stops another address, so that
// is the operator's choice (docs/operations.md §9). Served by HttpDaemon
// with the same limits as the public port; its own requests are logged but
// not counted in talentd_http_request_duration_seconds (a scrape would
// count itself). The exposition is prometheus-cpp's (service/metrics.h).
//
// Thread-safe: requests are served on HttpDaemon's threads; Shutdown() may
// be called from any thread, once.
#ifndef TALENT_SERVER_WEB_METRICS_SERVER_H_
#define TALENT_SERVER_WEB_METRICS_SERVER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "common/clock.h"
#include "server/web/http_daemon.h"

namespace talent::web {

class MetricsServer {
 public:
  // Listens on `listen` ("host:port"; port 0 picks a free one) and serves
  // in the background; `clock` (for the log, may be null) must outlive it.
  // INVALID_ARGUMENT for a malformed address; UNAVAILABLE when it cannot
  // be bound.
  static absl::StatusOr<std::unique_ptr<MetricsServer>> Start(const std::string& listen,
                                                              const common::Clock* clock);
  ~MetricsServer();

  int port() const { return http_->port(); }
  const std::string& host() const { return http_->host(); }

  void Shutdown();

 private:
  class Site;
  MetricsServer() = default;
  std::unique_ptr<Site> site_;
  std::unique_ptr<HttpDaemon> http_;  // after site_: it is stopped first
};

}  // namespace talent::web

#endif  // TALENT_SERVER_WEB_METRICS_SERVER_H_
