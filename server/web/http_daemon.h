// HttpDaemon: the HTTP listener under talentd's web ports (the public
// verification site, the metrics listener), a thin C++ wrapper — RAII and
// absl::Status — over GNU libmicrohttpd, which parses HTTP; we never do.
//
// Why libmicrohttpd and not cpp-httplib 0.11, which served this port
// before: httplib read a request line or header line into an unbounded
// buffer before its 8 KB check (a 100 MB header grew the server by 100 MB),
// read a request's body in full before routing it (a 1.5 GB PUT grew it to
// 1.46 GB), and gave each connection a thread from a pool of four with an
// unbounded queue, so four clients trickling bytes stalled every other
// request. libmicrohttpd is event-driven (epoll, on a pool of
// kDefaultThreads threads): a slow client costs a connection slot and a
// fixed buffer of its own, never a thread, and a request that outgrows its
// buffer is refused by the library before it is read further.
//
// What every site served here gets, whatever its routes:
// - GET and HEAD only. Any other method gets 405 with `Allow: GET, HEAD`,
//   and a request announcing a body (Content-Length other than 0, or
//   Transfer-Encoding) gets 413 — both queued as soon as the headers are
//   in, so no byte of the body is read, and the connection is then closed.
// - The request line and headers within HttpLimits::connection_memory
//   (8 KB, shared with the answer's headers: requests of up to about
//   7.4 KB are served): from about 7.8 KB libmicrohttpd itself answers
//   414 URI Too Long or 431 Request Header Fields Too Large. In between
//   there is no room left for the answer's headers and the connection is
//   closed without one. Browsers send well under 2 KB.
//   libmicrohttpd's own 414 and 431 carry none of our headers.
// - An idle timeout, a cap on connections and one per client address.
// - Security headers on every answer this code makes (kSecurityHeaders).
// - One log line per request on stderr — time, method, the route's name
//   (never the path: it may hold a certificate number) and status — and,
//   when Options::count_requests, talentd_http_request_duration_seconds.
//
// Thread-safe: the site's Serve() runs on libmicrohttpd's threads, several
// at once. Shutdown() may be called from any thread, once (the destructor
// calls it).
#ifndef TALENT_SERVER_WEB_HTTP_DAEMON_H_
#define TALENT_SERVER_WEB_HTTP_DAEMON_H_

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "common/clock.h"

struct MHD_Daemon;
struct MHD_Connection;

namespace talent::web {

// The headers every answer carries. The pages are self-contained: inline
// CSS, no script, no image, no frame, one GET form to this same site.
inline constexpr std::pair<const char*, const char*> kSecurityHeaders[] = {
    {"Content-Security-Policy",
     "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
     "frame-ancestors 'none'; base-uri 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"X-Frame-Options", "DENY"},
    {"Referrer-Policy", "no-referrer"},
};

struct HttpLimits {
  // A browser opens at most six connections to a site, but a school or an
  // office may send everyone through one address (NAT). Half of the
  // connections for one address lets a crowd behind one NAT in and still
  // keeps one abuser from taking them all; 50 slow connections from one
  // address leave room for a /healthz from the same address. 256 sockets
  // stay well inside the default limit of 1024 open files, beside gRPC's.
  unsigned connections = 256;
  unsigned connections_per_client = 128;
  // Seconds a connection may stay silent (no byte read or written) before
  // it is closed: a slow request, or an idle keep-alive.
  unsigned idle_timeout_seconds = 10;
  // Each connection's whole memory: its read buffer (the request line and
  // headers) and the answer's headers. Fixed per connection, so 256
  // connections cost at most 2 MB whatever the clients send.
  size_t connection_memory = 8 * 1024;
  // Threads polling the sockets and running the handlers.
  unsigned threads = 2;
};

// A GET or HEAD request, as the site sees it.
struct HttpRequest {
  std::string method;  // "GET" or "HEAD"
  std::string path;    // percent-decoded, without the query
  // The query's parameters, percent-decoded (the first of each name).
  std::map<std::string, std::string> query;
  std::string client;  // the peer's address (common/client_address.h)
};

struct HttpResponse {
  int status = 200;
  std::string content_type;
  std::string body;  // not sent for HEAD
  std::vector<std::pair<std::string, std::string>> headers;  // besides the security headers

  static HttpResponse Text(int status, std::string body);  // text/plain; charset=utf-8
  static HttpResponse Html(int status, std::string body);  // text/html; charset=utf-8
};

// The routes of one listener.
class HttpSite {
 public:
  virtual ~HttpSite() = default;
  // The name of the route serving `path` for logs and metrics: a pattern
  // such as "/verify/{number}" or "other", never the path itself.
  virtual std::string RouteOf(std::string_view path) const = 0;
  // Answers a GET or HEAD without a body (HEAD: only the headers are sent).
  virtual HttpResponse Serve(const HttpRequest& request) = 0;
};

class HttpDaemon {
 public:
  struct Options {
    std::string listen;                  // "host:port"; port 0 picks a free one
    std::string flag = "--http-listen";  // the flag `listen` came from, for messages
    HttpLimits limits;
    const common::Clock* clock = nullptr;  // for the log's timestamps; null: the system's
    bool count_requests = true;            // in talentd_http_request_duration_seconds
  };

  // Listens and serves `site` (which must outlive the daemon) in the
  // background. INVALID_ARGUMENT for a malformed address ("host:port",
  // IPv6 hosts in brackets); UNAVAILABLE when it cannot be bound.
  static absl::StatusOr<std::unique_ptr<HttpDaemon>> Start(const Options& options,
                                                           HttpSite* site);
  ~HttpDaemon();
  HttpDaemon(const HttpDaemon&) = delete;
  HttpDaemon& operator=(const HttpDaemon&) = delete;

  const std::string& host() const { return host_; }  // as given, e.g. "[::1]"
  int port() const { return port_; }                  // the bound port

  // Closes the listener and every connection; returns once no handler runs.
  void Shutdown();

 private:
  struct DaemonDeleter {
    void operator()(MHD_Daemon* daemon) const;
  };

  HttpDaemon(const Options& options, HttpSite* site) : options_(options), site_(site) {}

  struct Callbacks;  // libmicrohttpd's C callbacks, in the .cc

  // One call of libmicrohttpd's access handler; false closes the connection.
  bool Handle(MHD_Connection* connection, const char* url, const char* method,
              size_t* upload_data_size, void** request_state);
  // Queues `response`, logs and counts it with the `seconds` it took to
  // make; false when it cannot be queued.
  bool Send(MHD_Connection* connection, std::string_view method, const std::string& route,
            const HttpResponse& response, double seconds = 0);

  const Options options_;
  HttpSite* const site_;
  std::string host_;
  int port_ = 0;
  std::unique_ptr<MHD_Daemon, DaemonDeleter> daemon_;
};

}  // namespace talent::web

#endif  // TALENT_SERVER_WEB_HTTP_DAEMON_H_
