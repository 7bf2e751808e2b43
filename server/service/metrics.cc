#include "server/service/metrics.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace talent::service {

Metrics& Metrics::Global() {
  static Metrics* metrics = new Metrics();
  return *metrics;
}

void Metrics::CountRpc(const std::string& method, absl::StatusCode code, double seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  Rpc& rpc = rpcs_[{method, absl::StatusCodeToString(code)}];
  ++rpc.count;
  rpc.seconds += seconds;
}

void Metrics::CountHttp(const std::string& route, int status) {
  std::lock_guard<std::mutex> lock(mu_);
  ++http_[{route, status}];
}

void Metrics::CountRateLimited(const std::string& surface) {
  std::lock_guard<std::mutex> lock(mu_);
  ++rate_limited_[surface];
}

void Metrics::CountImportRows(uint64_t rows) {
  std::lock_guard<std::mutex> lock(mu_);
  import_rows_ += rows;
}

uint64_t Metrics::import_rows_received() const {
  std::lock_guard<std::mutex> lock(mu_);
  return import_rows_;
}

std::string Metrics::Exposition() const {
  std::lock_guard<std::mutex> lock(mu_);
  // Label values are method names, status code names, our own route
  // patterns and surface names: none holds a quote, backslash or newline.
  std::string out =
      "# HELP talent_rpc_requests_total gRPC calls handled, by method and status code.\n"
      "# TYPE talent_rpc_requests_total counter\n";
  for (const auto& [key, rpc] : rpcs_) {
    absl::StrAppend(&out, "talent_rpc_requests_total{method=\"", key.first, "\",code=\"",
                    key.second, "\"} ", rpc.count, "\n");
  }
  absl::StrAppend(&out,
                  "# HELP talent_rpc_seconds_total Time spent in gRPC calls, by method and "
                  "status code.\n# TYPE talent_rpc_seconds_total counter\n");
  for (const auto& [key, rpc] : rpcs_) {
    absl::StrAppend(&out, "talent_rpc_seconds_total{method=\"", key.first, "\",code=\"",
                    key.second, "\"} ", absl::StrFormat("%.6f", rpc.seconds), "\n");
  }
  absl::StrAppend(&out,
                  "# HELP talent_http_requests_total HTTP requests to the web port, by route "
                  "and status.\n# TYPE talent_http_requests_total counter\n");
  for (const auto& [key, count] : http_) {
    absl::StrAppend(&out, "talent_http_requests_total{route=\"", key.first, "\",status=\"",
                    key.second, "\"} ", count, "\n");
  }
  absl::StrAppend(&out,
                  "# HELP talent_rate_limited_total Requests refused by a rate limit (HTTP 429, "
                  "gRPC RESOURCE_EXHAUSTED), by surface.\n"
                  "# TYPE talent_rate_limited_total counter\n");
  for (const auto& [surface, count] : rate_limited_) {
    absl::StrAppend(&out, "talent_rate_limited_total{surface=\"", surface, "\"} ", count, "\n");
  }
  absl::StrAppend(&out,
                  "# HELP talent_import_rows_received_total Rows of enrolment imports read from "
                  "clients' streams.\n# TYPE talent_import_rows_received_total counter\n"
                  "talent_import_rows_received_total ",
                  import_rows_, "\n");
  return out;
}

}  // namespace talent::service
