// Counters for Prometheus: RPCs by method and status code with their total
// latency, HTTP requests by route and status, requests refused by a rate
// limit, and import rows received, written in the Prometheus text
// exposition format (version 0.0.4) for the metrics listener's /metrics.
// Hand-written because Debian 12 packages no Prometheus client library for
// C++; it is a few counters under one mutex. Thread-safe.
#ifndef TALENT_SERVER_SERVICE_METRICS_H_
#define TALENT_SERVER_SERVICE_METRICS_H_

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "absl/status/status.h"

namespace talent::service {

class Metrics {
 public:
  // The process's registry (talentd serves one).
  static Metrics& Global();

  void CountRpc(const std::string& method, absl::StatusCode code, double seconds);
  void CountHttp(const std::string& route, int status);
  // A request refused by a rate limit, on `surface` ("http" or "grpc").
  void CountRateLimited(const std::string& surface);
  // Rows of enrolment imports read from clients' streams, as they arrive.
  void CountImportRows(uint64_t rows);
  uint64_t import_rows_received() const;
  std::string Exposition() const;

 private:
  struct Rpc {
    uint64_t count = 0;
    double seconds = 0;
  };
  mutable std::mutex mu_;
  std::map<std::pair<std::string, std::string>, Rpc> rpcs_;     // (method, code)
  std::map<std::pair<std::string, int>, uint64_t> http_;         // (route, status)
  std::map<std::string, uint64_t> rate_limited_;                 // by surface
  uint64_t import_rows_ = 0;
};

}  // namespace talent::service

#endif  // TALENT_SERVER_SERVICE_METRICS_H_
