// talentd's HTTP port (docs/operations.md §4), served with cpp-httplib: the public
// certificate verification page (/verify/NUMBER, and / with a form that
// asks for a number), /healthz and Prometheus /metrics. Every route is a
// GET that reads; nothing on this port can change data. One log line per
// request, like the gRPC calls.
//
// Thread-safe: requests are served on a small pool of the server's own;
// Shutdown() may be called from any thread, once.
#ifndef TALENT_SERVER_WEB_WEB_SERVER_H_
#define TALENT_SERVER_WEB_WEB_SERVER_H_

#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "server/core/certificates.h"

namespace httplib {
class Server;
}

namespace talent::web {

class WebServer {
 public:
  // Listens on `listen` ("host:port"; port 0 picks a free one) and serves
  // in the background. INVALID_ARGUMENT for a malformed address;
  // UNAVAILABLE when it cannot be bound.
  static absl::StatusOr<std::unique_ptr<WebServer>> Start(core::Certificates* certificates,
                                                          const std::string& listen);
  ~WebServer();  // shuts down if still running

  int port() const { return port_; }
  const std::string& host() const { return host_; }

  // Stops accepting, finishes the requests in flight, joins the thread.
  void Shutdown();

 private:
  WebServer() = default;
  std::unique_ptr<httplib::Server> http_;
  std::thread thread_;
  std::string host_;
  int port_ = 0;
};

}  // namespace talent::web

#endif  // TALENT_SERVER_WEB_WEB_SERVER_H_
