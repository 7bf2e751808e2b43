#include "server/web/http_daemon.h"

#include <microhttpd.h>
#include <netdb.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <optional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/client_address.h"
#include "server/service/metrics.h"
#include "server/service/request_log.h"

namespace talent::web {
namespace {

constexpr char kHtml[] = "text/html; charset=utf-8";
constexpr char kText[] = "text/plain; charset=utf-8";

// Set in the request's state once its headers have been checked, so the
// next call knows it is the one to answer.
char kHeadersChecked;

struct ResponseDeleter {
  void operator()(MHD_Response* response) const { MHD_destroy_response(response); }
};
using ResponsePtr = std::unique_ptr<MHD_Response, ResponseDeleter>;

struct AddressInfoDeleter {
  void operator()(addrinfo* info) const { freeaddrinfo(info); }
};

// The method for the log: what a client chose to send is not logged, only
// the names HTTP defines.
std::string_view LoggedMethod(std::string_view method) {
  for (std::string_view known :
       {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"}) {
    if (method == known) return known;
  }
  return "other";
}

bool AnnouncesBody(MHD_Connection* connection) {
  const char* length =
      MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
  const char* encoding = MHD_lookup_connection_value(connection, MHD_HEADER_KIND,
                                                     MHD_HTTP_HEADER_TRANSFER_ENCODING);
  return encoding != nullptr || (length != nullptr && std::strcmp(length, "0") != 0);
}

MHD_Result AddQueryParameter(void* cls, MHD_ValueKind, const char* key, const char* value) {
  if (key != nullptr) {
    static_cast<std::map<std::string, std::string>*>(cls)->emplace(key, value ? value : "");
  }
  return MHD_YES;
}

}  // namespace

struct HttpDaemon::Callbacks {
  static MHD_Result Access(void* cls, MHD_Connection* connection, const char* url,
                           const char* method, const char* /*version*/,
                           const char* /*upload_data*/, size_t* upload_data_size,
                           void** request_state) {
    return static_cast<HttpDaemon*>(cls)->Handle(connection, url, method, upload_data_size,
                                                 request_state)
               ? MHD_YES
               : MHD_NO;
  }
};

void HttpDaemon::DaemonDeleter::operator()(MHD_Daemon* daemon) const { MHD_stop_daemon(daemon); }

HttpResponse HttpResponse::Text(int status, std::string body) {
  return HttpResponse{status, kText, std::move(body), {}};
}

HttpResponse HttpResponse::Html(int status, std::string body) {
  return HttpResponse{status, kHtml, std::move(body), {}};
}

absl::StatusOr<std::unique_ptr<HttpDaemon>> HttpDaemon::Start(const Options& options,
                                                              HttpSite* site) {
  const std::string& listen = options.listen;
  const size_t colon = listen.rfind(':');
  int port = -1;
  if (colon == std::string::npos || colon == 0 ||
      !absl::SimpleAtoi(listen.substr(colon + 1), &port) || port < 0 || port > 65535) {
    return absl::InvalidArgumentError(absl::StrCat(
        options.flag, " must look like 127.0.0.1:8080 (host:port), got '", listen, "'"));
  }
  std::unique_ptr<HttpDaemon> daemon(new HttpDaemon(options, site));
  daemon->host_ = listen.substr(0, colon);
  std::string host = daemon->host_;
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  const absl::Status unavailable = absl::UnavailableError(
      absl::StrCat("cannot listen for HTTP on ", listen, " (in use, or not a local address?)"));
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0) {
    return unavailable;
  }
  std::unique_ptr<addrinfo, AddressInfoDeleter> addresses(found);
  const HttpLimits& limits = options.limits;
  unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD;
  // An IPv6 wildcard ("[::]") takes IPv4 clients too, as IPv4-mapped addresses.
  if (addresses->ai_family == AF_INET6) flags |= MHD_USE_DUAL_STACK;
  daemon->daemon_.reset(MHD_start_daemon(
      flags, 0, nullptr, nullptr, &Callbacks::Access, daemon.get(),
      MHD_OPTION_SOCK_ADDR, addresses->ai_addr,
      MHD_OPTION_THREAD_POOL_SIZE, limits.threads,
      MHD_OPTION_CONNECTION_LIMIT, limits.connections,
      MHD_OPTION_PER_IP_CONNECTION_LIMIT, limits.connections_per_client,
      MHD_OPTION_CONNECTION_TIMEOUT, limits.idle_timeout_seconds,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, limits.connection_memory,
      MHD_OPTION_END));
  if (!daemon->daemon_) return unavailable;
  const MHD_DaemonInfo* bound = MHD_get_daemon_info(daemon->daemon_.get(), MHD_DAEMON_INFO_BIND_PORT);
  daemon->port_ = bound == nullptr ? 0 : bound->port;
  if (daemon->port_ <= 0) return unavailable;
  return daemon;
}

HttpDaemon::~HttpDaemon() { Shutdown(); }

void HttpDaemon::Shutdown() { daemon_.reset(); }

bool HttpDaemon::Handle(MHD_Connection* connection, const char* url, const char* method,
                        size_t* upload_data_size, void** request_state) {
  const std::string_view verb = method;
  if (*request_state == nullptr) {
    // The first call: the request line and headers are in, nothing more.
    // A refusal queued now is sent before any body is read, and
    // libmicrohttpd then closes the connection rather than read on.
    *request_state = &kHeadersChecked;
    if (verb != "GET" && verb != "HEAD") {
      HttpResponse refusal = HttpResponse::Text(
          405, "只接受 GET 和 HEAD 请求。\nMethod not allowed: only GET and HEAD are served.\n");
      refusal.headers.emplace_back("Allow", "GET, HEAD");
      return Send(connection, verb, site_->RouteOf(url), refusal);
    }
    if (AnnouncesBody(connection)) {
      return Send(connection, verb, site_->RouteOf(url),
                  HttpResponse::Text(413, "请求不能带有正文。\nA request here has no body.\n"));
    }
    // Answered on the next call, once libmicrohttpd knows there is no body:
    // an answer queued on the first call would end a keep-alive connection.
    return true;
  }
  if (*upload_data_size != 0) return false;  // a body never announced: give up on the client
  HttpRequest request;
  request.method = std::string(verb);
  request.path = url;
  MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, &AddQueryParameter,
                            &request.query);
  const MHD_ConnectionInfo* peer =
      MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  request.client = common::ClientKeyOfSocketAddress(peer == nullptr ? nullptr : peer->client_addr);
  const auto start = std::chrono::steady_clock::now();
  std::optional<service::Metrics::SessionScope> session;
  if (options_.count_requests) session.emplace(service::Metrics::Global(), "http");
  HttpResponse response = site_->Serve(request);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return Send(connection, verb, site_->RouteOf(request.path), response, seconds);
}

bool HttpDaemon::Send(MHD_Connection* connection, std::string_view method,
                      const std::string& route, const HttpResponse& response, double seconds) {
  ResponsePtr answer(MHD_create_response_from_buffer(
      response.body.size(), const_cast<char*>(response.body.data()), MHD_RESPMEM_MUST_COPY));
  if (!answer) return false;
  bool ok = true;
  for (const auto& [name, value] : kSecurityHeaders) {
    ok = ok && MHD_add_response_header(answer.get(), name, value) == MHD_YES;
  }
  if (!response.content_type.empty()) {
    ok = ok && MHD_add_response_header(answer.get(), MHD_HTTP_HEADER_CONTENT_TYPE,
                                       response.content_type.c_str()) == MHD_YES;
  }
  for (const auto& [name, value] : response.headers) {
    ok = ok && MHD_add_response_header(answer.get(), name.c_str(), value.c_str()) == MHD_YES;
  }
  ok = ok && MHD_queue_response(connection, response.status, answer.get()) == MHD_YES;
  const common::Clock* clock = options_.clock ? options_.clock : common::SystemClock::Default();
  const std::string_view logged = LoggedMethod(method);
  service::LogHttp(clock->NowSeconds(), std::string(logged), route, ok ? response.status : 0,
                   seconds * 1000);
  if (options_.count_requests) {
    service::Metrics::Global().CountHttp(route, response.status, seconds);
  }
  return ok;
}

}  // namespace talent::web
