// talentd's Prometheus metrics, kept in a prometheus-cpp registry and
// written in the text exposition format (version 0.0.4) for the metrics
// listener's /metrics (docs/operations.md §9 lists every family):
//   - talentd_rpc_duration_seconds{method,code}: gRPC calls, a histogram;
//   - talentd_http_request_duration_seconds{route,status}: requests to the
//     public HTTP port by route pattern (never a certificate number);
//   - talentd_sqlite_commit_duration_seconds and
//     talentd_sqlite_group_commit_batch_size: each write transaction's
//     COMMIT and how many writes it carried;
//   - talentd_import_rows_total, talentd_import_bytes_total: what enrolment
//     imports read from clients' streams;
//   - talentd_active_sessions{surface}: calls being served now (a unary RPC
//     or an open stream on "grpc", a request on "http"; see SessionScope);
//   - talentd_rate_limited_total{surface}: calls refused by a rate limit.
// Label values are method names, status code names, our own route patterns
// and surface names, never request data, so the number of series is
// bounded by the API.
//
// Thread-safe: prometheus-cpp's families and metrics are.
#ifndef TALENT_SERVER_SERVICE_METRICS_H_
#define TALENT_SERVER_SERVICE_METRICS_H_

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"

namespace talent::service {

class Metrics {
 public:
  // The process's metrics (talentd serves one registry).
  static Metrics& Global();
  Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // A gRPC call of `method` ("SelectEnrolment") that ended with `code`
  // after `seconds`.
  void CountRpc(const std::string& method, absl::StatusCode code, double seconds);
  // An HTTP request to the route pattern `route` answered with `status`
  // after `seconds`.
  void CountHttp(const std::string& route, int status, double seconds);
  // A request refused by a rate limit, on `surface` ("http", "grpc",
  // "invitation").
  void CountRateLimited(const std::string& surface);
  // Rows and bytes (the stream messages' encoded size) of enrolment imports
  // read from clients' streams, as they arrive.
  void CountImport(uint64_t rows, uint64_t bytes);
  // A write transaction's COMMIT took `seconds`, for a batch of `writes`
  // group-committed writes.
  void ObserveCommit(double seconds, int64_t writes);

  // A call being served on `surface`, counted in talentd_active_sessions
  // for the lifetime of the object.
  class SessionScope {
   public:
    SessionScope(Metrics& metrics, const std::string& surface);
    ~SessionScope();
    SessionScope(const SessionScope&) = delete;
    SessionScope& operator=(const SessionScope&) = delete;

   private:
    prometheus::Gauge* gauge_;
  };

  uint64_t import_rows_received() const;
  // Everything, in the text exposition format.
  std::string Exposition() const;

 private:
  std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Family<prometheus::Histogram>* rpc_duration_;
  prometheus::Family<prometheus::Histogram>* http_duration_;
  prometheus::Family<prometheus::Counter>* rate_limited_;
  prometheus::Family<prometheus::Gauge>* active_sessions_;
  prometheus::Histogram* commit_duration_;
  prometheus::Histogram* batch_size_;
  prometheus::Counter* import_rows_;
  prometheus::Counter* import_bytes_;
};

}  // namespace talent::service

#endif  // TALENT_SERVER_SERVICE_METRICS_H_
