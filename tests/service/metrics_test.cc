// The metrics registry (server/service/metrics.h) as Prometheus reads it:
// its exposition parsed by prometheus_client (tests/testing/parse_metrics.py),
// with each family's type, labels and bucket counts pinned.
#include "server/service/metrics.h"

#include <set>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/prometheus_text.h"

namespace talent::service {
namespace {

using ::talent::testing::ParsePrometheusText;
using ::testing::Contains;
using ::testing::IsSupersetOf;
using ::testing::Not;

TEST(MetricsTest, RpcLatenciesAreHistogramsByMethodAndCode) {
  Metrics metrics;
  metrics.CountRpc("SelectEnrolment", absl::StatusCode::kOk, 0.003);
  metrics.CountRpc("SelectEnrolment", absl::StatusCode::kOk, 0.004);
  metrics.CountRpc("SelectEnrolment", absl::StatusCode::kFailedPrecondition, 0.02);
  const std::set<std::string> parsed = ParsePrometheusText(metrics.Exposition());
  EXPECT_THAT(parsed,
              IsSupersetOf({
                  "family\ttalentd_rpc_duration_seconds\thistogram",
                  "sample\ttalentd_rpc_duration_seconds_count\tcode=OK,method=SelectEnrolment\t2",
                  "sample\ttalentd_rpc_duration_seconds_bucket\t"
                  "code=OK,le=0.0025,method=SelectEnrolment\t0",
                  "sample\ttalentd_rpc_duration_seconds_bucket\t"
                  "code=OK,le=0.005,method=SelectEnrolment\t2",
                  "sample\ttalentd_rpc_duration_seconds_bucket\t"
                  "code=OK,le=+Inf,method=SelectEnrolment\t2",
                  "sample\ttalentd_rpc_duration_seconds_sum\tcode=OK,method=SelectEnrolment\t0.007",
                  "sample\ttalentd_rpc_duration_seconds_count\t"
                  "code=FAILED_PRECONDITION,method=SelectEnrolment\t1",
                  "sample\ttalentd_rpc_duration_seconds_bucket\t"
                  "code=FAILED_PRECONDITION,le=0.01,method=SelectEnrolment\t0",
                  "sample\ttalentd_rpc_duration_seconds_bucket\t"
                  "code=FAILED_PRECONDITION,le=0.025,method=SelectEnrolment\t1",
              }));
  // The fourteen bounds from half a millisecond to ten seconds, and +Inf.
  int buckets = 0;
  for (const std::string& line : parsed) {
    buckets += line.rfind("sample\ttalentd_rpc_duration_seconds_bucket\tcode=OK,", 0) == 0;
  }
  EXPECT_EQ(buckets, 15);
}

TEST(MetricsTest, HttpRequestsAreHistogramsByRouteAndStatus) {
  Metrics metrics;
  metrics.CountHttp("/verify/{number}", 200, 0.0007);
  metrics.CountHttp("/verify/{number}", 429, 0.00001);
  const std::set<std::string> parsed = ParsePrometheusText(metrics.Exposition());
  EXPECT_THAT(parsed, IsSupersetOf({
                          "family\ttalentd_http_request_duration_seconds\thistogram",
                          "sample\ttalentd_http_request_duration_seconds_bucket\t"
                          "le=0.0005,route=/verify/{number},status=200\t0",
                          "sample\ttalentd_http_request_duration_seconds_bucket\t"
                          "le=0.001,route=/verify/{number},status=200\t1",
                          "sample\ttalentd_http_request_duration_seconds_bucket\t"
                          "le=0.0005,route=/verify/{number},status=429\t1",
                          "sample\ttalentd_http_request_duration_seconds_count\t"
                          "route=/verify/{number},status=429\t1",
                      }));
}

TEST(MetricsTest, CommitsImportsSessionsAndRefusalsAreCounted) {
  Metrics metrics;
  metrics.ObserveCommit(0.0002, 3);
  metrics.ObserveCommit(0.03, 1);
  metrics.CountImport(40, 2048);
  metrics.CountImport(2, 100);
  metrics.CountRateLimited("http");
  metrics.CountRateLimited("http");
  Metrics::SessionScope call(metrics, "grpc");
  std::set<std::string> parsed = ParsePrometheusText(metrics.Exposition());
  EXPECT_THAT(parsed,
              IsSupersetOf({
                  "family\ttalentd_sqlite_commit_duration_seconds\thistogram",
                  "sample\ttalentd_sqlite_commit_duration_seconds_count\t\t2",
                  "sample\ttalentd_sqlite_commit_duration_seconds_bucket\tle=0.0001\t0",
                  "sample\ttalentd_sqlite_commit_duration_seconds_bucket\tle=0.00025\t1",
                  "sample\ttalentd_sqlite_commit_duration_seconds_bucket\tle=0.025\t1",
                  "sample\ttalentd_sqlite_commit_duration_seconds_bucket\tle=0.05\t2",
                  "family\ttalentd_sqlite_group_commit_batch_size\thistogram",
                  "sample\ttalentd_sqlite_group_commit_batch_size_bucket\tle=1\t1",
                  "sample\ttalentd_sqlite_group_commit_batch_size_bucket\tle=2\t1",
                  "sample\ttalentd_sqlite_group_commit_batch_size_bucket\tle=4\t2",
                  "sample\ttalentd_sqlite_group_commit_batch_size_sum\t\t4",
                  "family\ttalentd_import_rows\tcounter",
                  "sample\ttalentd_import_rows_total\t\t42",
                  "family\ttalentd_import_bytes\tcounter",
                  "sample\ttalentd_import_bytes_total\t\t2148",
                  "family\ttalentd_rate_limited\tcounter",
                  "sample\ttalentd_rate_limited_total\tsurface=http\t2",
                  "sample\ttalentd_rate_limited_total\tsurface=grpc\t0",
                  "family\ttalentd_active_sessions\tgauge",
                  "sample\ttalentd_active_sessions\tsurface=grpc\t1",
                  "sample\ttalentd_active_sessions\tsurface=http\t0",
              }));
  EXPECT_EQ(metrics.import_rows_received(), 42u);
  {
    Metrics::SessionScope request(metrics, "http");
    EXPECT_THAT(ParsePrometheusText(metrics.Exposition()),
                Contains("sample\ttalentd_active_sessions\tsurface=http\t1"));
  }
  parsed = ParsePrometheusText(metrics.Exposition());
  EXPECT_THAT(parsed, Contains("sample\ttalentd_active_sessions\tsurface=http\t0"));
  EXPECT_THAT(parsed, Not(Contains("sample\ttalentd_active_sessions\tsurface=http\t1")));
}

}  // namespace
}  // namespace talent::service
