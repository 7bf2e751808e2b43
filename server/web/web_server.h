// talentd's public HTTP port (docs/operations.md §4): the certificate
// verification page (/verify/NUMBER, and / with a form that asks for a
// number), the public notices (/notice, /notice/CODE/YEAR/POSITION:
// notice_page.h) and /healthz. Every route is a GET that reads; nothing on this
// port changes data. It is meant to face the internet, so it is served by
// HttpDaemon (http_daemon.h: GET and HEAD only, no request bodies, bounded
// headers, connection caps, timeouts, security headers) and:
// - a path that is not a well-formed certificate number gets a 400 page
//   that does not repeat it, without asking the register;
// - the /verify and /notice routes are rate-limited per client address
//   (429 with Retry-After), since the numbers are sequential and the
//   register could otherwise be walked;
// - /metrics is not here: it has a listener of its own (metrics_server.h).
//
// Thread-safe: requests are served on HttpDaemon's threads; Shutdown() may
// be called from any thread, once.
#ifndef TALENT_SERVER_WEB_WEB_SERVER_H_
#define TALENT_SERVER_WEB_WEB_SERVER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "common/rate_limiter.h"
#include "server/core/certificates.h"
#include "server/core/results.h"
#include "server/web/http_daemon.h"

namespace talent::web {

class WebServer {
 public:
  // Listens on `listen` ("host:port"; port 0 picks a free one) and serves
  // in the background. Each request to a /verify or /notice route takes one
  // from `verify_limiter` (null: no limit); it may be shared with the gRPC
  // service. `results` null: no notice pages (404). The use cases and the
  // limiter must outlive the server.
  // INVALID_ARGUMENT for a malformed address; UNAVAILABLE when it cannot
  // be bound.
  static absl::StatusOr<std::unique_ptr<WebServer>> Start(core::Certificates* certificates,
                                                          core::Results* results,
                                                          const std::string& listen,
                                                          common::RateLimiter* verify_limiter,
                                                          const HttpLimits& limits = {});
  ~WebServer();  // shuts down if still running

  int port() const { return http_->port(); }
  const std::string& host() const { return http_->host(); }

  // Closes the port and its connections; returns once no request is served.
  void Shutdown();

 private:
  class Site;
  WebServer() = default;
  std::unique_ptr<Site> site_;
  std::unique_ptr<HttpDaemon> http_;  // after site_: it is stopped first
};

}  // namespace talent::web

#endif  // TALENT_SERVER_WEB_WEB_SERVER_H_
