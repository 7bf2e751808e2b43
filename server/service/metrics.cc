#include "server/service/metrics.h"

#include <prometheus/text_serializer.h>

#include <utility>

#include "absl/strings/str_cat.h"

namespace talent::service {
namespace {

// Latencies from half a millisecond (a read served from the page cache) to
// ten seconds (a large import, a stalled disk); roughly ×2.5 a step.
const prometheus::Histogram::BucketBoundaries& LatencyBuckets() {
  static const auto* buckets = new prometheus::Histogram::BucketBoundaries{
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  return *buckets;
}

// A COMMIT is one fsync of the WAL (two on a filesystem without
// fdatasync): tens of microseconds on a battery-backed disk, tens of
// milliseconds on a slow one.
const prometheus::Histogram::BucketBoundaries& CommitBuckets() {
  static const auto* buckets = new prometheus::Histogram::BucketBoundaries{
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1};
  return *buckets;
}

// Writes in one group commit: 1 when calls come one at a time; up to the
// number of request threads under load.
const prometheus::Histogram::BucketBoundaries& BatchBuckets() {
  static const auto* buckets =
      new prometheus::Histogram::BucketBoundaries{1, 2, 4, 8, 16, 32, 64, 128};
  return *buckets;
}

}  // namespace

Metrics& Metrics::Global() {
  static Metrics* metrics = new Metrics();
  return *metrics;
}

Metrics::Metrics() : registry_(std::make_shared<prometheus::Registry>()) {
  rpc_duration_ = &prometheus::BuildHistogram()
                       .Name("talentd_rpc_duration_seconds")
                       .Help("gRPC calls handled, by method and status code, and their latency.")
                       .Register(*registry_);
  http_duration_ = &prometheus::BuildHistogram()
                        .Name("talentd_http_request_duration_seconds")
                        .Help("Requests to the public HTTP port, by route pattern and status, "
                              "and their latency.")
                        .Register(*registry_);
  rate_limited_ = &prometheus::BuildCounter()
                       .Name("talentd_rate_limited_total")
                       .Help("Requests refused by a rate limit (HTTP 429, gRPC "
                             "RESOURCE_EXHAUSTED), by surface.")
                       .Register(*registry_);
  active_sessions_ = &prometheus::BuildGauge()
                          .Name("talentd_active_sessions")
                          .Help("Calls being served now: gRPC calls and open streams (surface "
                                "grpc), HTTP requests (surface http).")
                          .Register(*registry_);
  commit_duration_ = &prometheus::BuildHistogram()
                          .Name("talentd_sqlite_commit_duration_seconds")
                          .Help("Time the COMMIT of each SQLite write transaction took (the "
                                "WAL's sync).")
                          .Register(*registry_)
                          .Add({}, CommitBuckets());
  batch_size_ = &prometheus::BuildHistogram()
                     .Name("talentd_sqlite_group_commit_batch_size")
                     .Help("Writes committed together in one SQLite transaction (group commit).")
                     .Register(*registry_)
                     .Add({}, BatchBuckets());
  import_rows_ = &prometheus::BuildCounter()
                      .Name("talentd_import_rows_total")
                      .Help("Rows of enrolment imports read from clients' streams.")
                      .Register(*registry_)
                      .Add({});
  import_bytes_ = &prometheus::BuildCounter()
                       .Name("talentd_import_bytes_total")
                       .Help("Bytes of enrolment imports read from clients' streams (the "
                             "messages' encoded size).")
                       .Register(*registry_)
                       .Add({});
  // Present from the start, at 0, so a dashboard sees the series before the
  // first call.
  for (const char* surface : {"grpc", "http"}) active_sessions_->Add({{"surface", surface}});
  for (const char* surface : {"grpc", "http", "invitation"}) {
    rate_limited_->Add({{"surface", surface}});
  }
}

void Metrics::CountRpc(const std::string& method, absl::StatusCode code, double seconds) {
  rpc_duration_
      ->Add({{"method", method}, {"code", absl::StatusCodeToString(code)}}, LatencyBuckets())
      .Observe(seconds);
}

void Metrics::CountHttp(const std::string& route, int status, double seconds) {
  http_duration_->Add({{"route", route}, {"status", absl::StrCat(status)}}, LatencyBuckets())
      .Observe(seconds);
}

void Metrics::CountRateLimited(const std::string& surface) {
  rate_limited_->Add({{"surface", surface}}).Increment();
}

void Metrics::CountImport(uint64_t rows, uint64_t bytes) {
  import_rows_->Increment(static_cast<double>(rows));
  import_bytes_->Increment(static_cast<double>(bytes));
}

void Metrics::ObserveCommit(double seconds, int64_t writes) {
  commit_duration_->Observe(seconds);
  batch_size_->Observe(static_cast<double>(writes));
}

uint64_t Metrics::import_rows_received() const {
  return static_cast<uint64_t>(import_rows_->Value());
}

Metrics::SessionScope::SessionScope(Metrics& metrics, const std::string& surface)
    : gauge_(&metrics.active_sessions_->Add({{"surface", surface}})) {
  gauge_->Increment();
}

Metrics::SessionScope::~SessionScope() { gauge_->Decrement(); }

std::string Metrics::Exposition() const {
  return prometheus::TextSerializer().Serialize(registry_->Collect());
}

}  // namespace talent::service
