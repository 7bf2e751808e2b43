// talentd's log on stderr: one line per gRPC call, per HTTP request and per
// event of the server's own (starting, a key adopted, shutting down), in one
// of two formats chosen once at start ('talentd serve --log-format'):
//   text  "<time> rpc=SelectEnrolment code=OK latency_ms=1.52 user=admin
//         request_id=6f1c…" and "<time> http=GET /verify/{number} status=200";
//         the server's own events as the message alone ("talentd: …");
//   json  one object per line: time (RFC 3339 UTC), level ("info",
//         "error"), message, and for a call method, code, duration_ms,
//         request_id and user (absent when unknown); for an HTTP request
//         http_method, route, status, duration_ms.
// No request field is ever logged (never a national ID or a certificate
// number); the route is the pattern, the request id was checked to be
// printable ASCII.
//
// Thread-safe: each line is written whole under a lock; SetLogFormat is
// meant for the start, before any thread logs.
#ifndef TALENT_SERVER_SERVICE_REQUEST_LOG_H_
#define TALENT_SERVER_SERVICE_REQUEST_LOG_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace talent::service {

enum class LogFormat { kText, kJson };

// "text" or "json"; INVALID_ARGUMENT naming --log-format otherwise.
absl::StatusOr<LogFormat> ParseLogFormat(const std::string& name);
void SetLogFormat(LogFormat format);
LogFormat CurrentLogFormat();

// One finished gRPC call.
struct RpcLogLine {
  int64_t time = 0;  // Unix seconds, by the server's clock
  std::string method;
  absl::StatusCode code = absl::StatusCode::kOk;
  double duration_ms = 0;
  std::string user;        // empty: not known (a public method, a refused token)
  std::string request_id;  // empty: none (a malformed one is not logged)
};
void LogRpc(const RpcLogLine& line);

// One answered HTTP request; `method` is one HTTP defines or "other".
void LogHttp(int64_t time, const std::string& method, const std::string& route, int status,
             double duration_ms);

// An event of the server's own, e.g. "talentd: serving …"; `error` marks a
// failure. The text form is `message` alone, as it always was.
void LogMessage(const std::string& message, bool error = false);

}  // namespace talent::service

#endif  // TALENT_SERVER_SERVICE_REQUEST_LOG_H_
