#include "server/service/request_log.h"

#include <atomic>
#include <cstdio>
#include <ctime>
#include <mutex>

#include <nlohmann/json.hpp>

#include "absl/strings/str_format.h"
#include "common/clock.h"

namespace talent::service {
namespace {

std::atomic<LogFormat> g_format{LogFormat::kText};

void WriteLine(const std::string& line) {
  static std::mutex mu;
  std::lock_guard<std::mutex> lock(mu);
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

void WriteJson(const nlohmann::json& object) {
  // Text that is not UTF-8 (a message quoting a path, say) is replaced, not
  // thrown over.
  WriteLine(object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

// Milliseconds to the microsecond: enough for a log, and short.
double Rounded(double ms) { return static_cast<double>(static_cast<int64_t>(ms * 1000)) / 1000; }

bool IsServerFault(absl::StatusCode code) {
  return code == absl::StatusCode::kInternal || code == absl::StatusCode::kDataLoss ||
         code == absl::StatusCode::kUnknown;
}

}  // namespace

absl::StatusOr<LogFormat> ParseLogFormat(const std::string& name) {
  if (name == "text") return LogFormat::kText;
  if (name == "json") return LogFormat::kJson;
  return absl::InvalidArgumentError("--log-format must be text or json, got '" + name + "'");
}

void SetLogFormat(LogFormat format) { g_format.store(format); }

LogFormat CurrentLogFormat() { return g_format.load(); }

void LogRpc(const RpcLogLine& line) {
  const std::string code = absl::StatusCodeToString(line.code);
  if (CurrentLogFormat() == LogFormat::kText) {
    WriteLine(absl::StrFormat("%s rpc=%s code=%s latency_ms=%.2f user=%s request_id=%s\n",
                              common::FormatTimestamp(line.time), line.method, code,
                              line.duration_ms, line.user.empty() ? "-" : line.user,
                              line.request_id.empty() ? "-" : line.request_id));
    return;
  }
  nlohmann::json object = {{"time", common::FormatTimestamp(line.time)},
                           {"level", IsServerFault(line.code) ? "error" : "info"},
                           {"message", "rpc " + line.method + " " + code},
                           {"method", line.method},
                           {"code", code},
                           {"duration_ms", Rounded(line.duration_ms)}};
  if (!line.request_id.empty()) object["request_id"] = line.request_id;
  if (!line.user.empty()) object["user"] = line.user;
  WriteJson(object);
}

void LogHttp(int64_t time, const std::string& method, const std::string& route, int status,
             double duration_ms) {
  if (CurrentLogFormat() == LogFormat::kText) {
    WriteLine(absl::StrFormat("%s http=%s %s status=%d\n", common::FormatTimestamp(time), method,
                              route, status));
    return;
  }
  WriteJson({{"time", common::FormatTimestamp(time)},
             {"level", status >= 500 || status == 0 ? "error" : "info"},
             {"message", "http " + method + " " + route + " " + std::to_string(status)},
             {"http_method", method},
             {"route", route},
             {"status", status},
             {"duration_ms", Rounded(duration_ms)}});
}

void LogMessage(const std::string& message, bool error) {
  if (CurrentLogFormat() == LogFormat::kText) {
    WriteLine(message + "\n");
    return;
  }
  WriteJson({{"time", common::FormatTimestamp(static_cast<int64_t>(std::time(nullptr)))},
             {"level", error ? "error" : "info"},
             {"message", message}});
}

}  // namespace talent::service
