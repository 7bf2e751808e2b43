// End-to-end: what a real `talentd serve` tells its operator. /metrics on
// the metrics listener, scraped over HTTP after real calls (one refused, a
// verification page, an import) and read by Prometheus's own parser;
// `--log-format json`, one object a line; and the request id talentctl
// sends, found in the log line and in the audit event of its change.
#include <signal.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/cli_fixture.h"
#include "tests/testing/process.h"
#include "tests/testing/prometheus_text.h"
#include "tests/testing/raw_http.h"

namespace talent::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::IsSupersetOf;
using ::testing::MatchesRegex;
using ::testing::Not;
using json = nlohmann::json;

// The value of the one sample line starting with `prefix` ("sample\tNAME\tLABELS\t"); -1 when
// there is none.
double SampleValue(const std::set<std::string>& parsed, const std::string& prefix) {
  for (const std::string& line : parsed) {
    if (line.rfind(prefix, 0) == 0) return std::stod(line.substr(prefix.size()));
  }
  return -1;
}

// The data rows of a CSV file (its lines but the heading).
int DataRows(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  int lines = 0;
  while (std::getline(in, line)) lines += !line.empty();
  return lines - 1;
}

class ObservabilityEndToEndTest : public CliFixture {
 protected:
  void Restart(std::vector<std::string> flags) {
    ASSERT_EQ(server_->Stop(SIGTERM), 0);
    std::remove(dir_.File("talentd.log").c_str());
    StartServer(flags);
  }

  // The log's lines, parsed; a failure for any that is not a JSON object.
  std::vector<json> JsonLog() {
    std::vector<json> out;
    std::istringstream lines(ReadFile(dir_.File("talentd.log")));
    std::string line;
    while (std::getline(lines, line)) {
      json object = json::parse(line, nullptr, false);
      EXPECT_TRUE(object.is_object()) << "not a JSON object: " << line;
      if (!object.is_object()) continue;
      EXPECT_TRUE(object.contains("time") && object["time"].is_string()) << line;
      EXPECT_TRUE(object.contains("level") && object["level"].is_string()) << line;
      EXPECT_TRUE(object.contains("message") && object["message"].is_string()) << line;
      if (object.contains("time") && object["time"].is_string()) {
        EXPECT_THAT(object["time"].get<std::string>(),
                    MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z"));
      }
      out.push_back(std::move(object));
    }
    return out;
  }
};

TEST_F(ObservabilityEndToEndTest, MetricsCountTheCallsPagesCommitsAndImportAsPrometheusReadsThem) {
  Restart({"--http-listen", "127.0.0.1:0", "--http-port-file", dir_.File("http-port"),
           "--metrics-listen", "127.0.0.1:0", "--metrics-port-file", dir_.File("metrics-port")});
  if (HasFatalFailure()) return;
  const int http_port = std::stoi(WaitForFile(dir_.File("http-port"), 10));
  const int metrics_port = std::stoi(WaitForFile(dir_.File("metrics-port"), 10));
  SeedProgrammeAndCohort();
  ProcessResult r = Ctl({"programme", "get", "NOPE"});
  EXPECT_EQ(r.exit_code, 3) << r.err;  // NOT_FOUND
  const std::string applicants = kSource + "/scripts/data/applicants-2023.csv";
  r = Ctl({"enrolment", "import", "--cohort", "SCSW/2023", applicants});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(HttpGet(http_port, "/verify/SCSW-2023-S001").status, 404);

  HttpReply scrape = HttpGet(metrics_port, "/metrics");
  ASSERT_EQ(scrape.status, 200);
  EXPECT_EQ(scrape.Header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  const std::set<std::string> parsed = ParsePrometheusText(scrape.body);
  EXPECT_THAT(parsed,
              IsSupersetOf(std::vector<std::string>{
                  "family\ttalentd_rpc_duration_seconds\thistogram",
                  "sample\ttalentd_rpc_duration_seconds_count\tcode=OK,method=CreateProgramme\t1",
                  "sample\ttalentd_rpc_duration_seconds_bucket\t"
                  "code=OK,le=+Inf,method=CreateProgramme\t1",
                  "sample\ttalentd_rpc_duration_seconds_count\tcode=OK,method=OpenEnrolment\t1",
                  "sample\ttalentd_rpc_duration_seconds_count\t"
                  "code=NOT_FOUND,method=GetProgramme\t1",
                  "sample\ttalentd_rpc_duration_seconds_count\t"
                  "code=OK,method=ImportEnrolments\t1",
                  "family\ttalentd_http_request_duration_seconds\thistogram",
                  "sample\ttalentd_http_request_duration_seconds_count\t"
                  "route=/verify/{number},status=404\t1",
                  "sample\ttalentd_import_rows_total\t\t" + std::to_string(DataRows(applicants)),
                  "sample\ttalentd_active_sessions\tsurface=grpc\t0",
                  "sample\ttalentd_rate_limited_total\tsurface=http\t0",
              }));
  // Every write committed: programme, cohort, opening it, the import (the
  // import and each creation is one write; more may come from the server).
  EXPECT_GE(SampleValue(parsed, "sample\ttalentd_sqlite_commit_duration_seconds_count\t\t"), 4);
  EXPECT_GE(SampleValue(parsed, "sample\ttalentd_sqlite_group_commit_batch_size_count\t\t"), 4);
  EXPECT_GT(SampleValue(parsed, "sample\ttalentd_import_bytes_total\t\t"), 0);
  // A scrape counts not itself.
  for (const std::string& line : parsed) EXPECT_THAT(line, Not(HasSubstr("route=/metrics")));
}

TEST_F(ObservabilityEndToEndTest, JsonLogLinesCarryTheRequestIdIntoTheAuditEvent) {
  Restart({"--log-format", "json"});
  if (HasFatalFailure()) return;
  ProcessResult r = Ctl({"--request-id", "abc-123", "programme", "create", "--code", "SCSW",
                         "--title", "四川社会工作人才计划", "--issuer", "四川省民政厅", "--start",
                         "2020", "--end", "2030", "--target", "300"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = Ctl({"programme", "list"});  // a random id of talentctl's
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // A malformed request id is refused before anything else is looked at.
  for (const std::string& bad : {std::string("has space"), std::string(65, 'x')}) {
    r = Ctl({"--request-id", bad, "programme", "list"});
    EXPECT_EQ(r.exit_code, 2) << bad << ": " << r.err;  // INVALID_ARGUMENT
    EXPECT_THAT(r.err, HasSubstr("x-request-id must be one value of 1 to 64 printable ASCII "
                                 "characters"))
        << bad;
  }
  r = Ctl({"-o", "json", "audit", "list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json events = json::parse(r.out, nullptr, false);
  ASSERT_TRUE(events.is_object()) << r.out;
  bool found = false;
  for (const json& e : events["events"]) {
    if (e.value("method", "") != "CreateProgramme") continue;
    found = true;
    EXPECT_EQ(e.value("requestId", ""), "abc-123") << e.dump();
  }
  EXPECT_TRUE(found) << r.out;
  // The chain, request ids and all, still verifies.
  r = Ctl({"audit", "verify"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(server_->Stop(SIGTERM), 0);

  const std::vector<json> log = JsonLog();
  int create = 0, list = 0, refused = 0;
  for (const json& line : log) {
    const std::string method = line.value("method", "");
    if (method == "CreateProgramme") {
      ++create;
      EXPECT_EQ(line.value("request_id", ""), "abc-123") << line.dump();
      EXPECT_EQ(line.value("code", ""), "OK") << line.dump();
      EXPECT_EQ(line.value("user", ""), "admin") << line.dump();
      EXPECT_EQ(line.value("level", ""), "info") << line.dump();
      EXPECT_TRUE(line.contains("duration_ms") && line["duration_ms"].is_number()) << line.dump();
    } else if (method == "ListProgrammes" && line.value("code", "") == "OK") {
      ++list;
      EXPECT_THAT(line.value("request_id", ""), MatchesRegex("[0-9a-f]{16}")) << line.dump();
    } else if (method == "ListProgrammes") {
      ++refused;
      EXPECT_EQ(line.value("code", ""), "INVALID_ARGUMENT") << line.dump();
      EXPECT_FALSE(line.contains("request_id")) << line.dump();  // never the bad one
      EXPECT_FALSE(line.contains("user")) << line.dump();        // not looked at
    }
  }
  EXPECT_EQ(create, 1);
  EXPECT_EQ(list, 1);
  EXPECT_EQ(refused, 2);
  // The server's own lines too.
  int stopped = 0;
  for (const json& line : log) {
    stopped += line.value("message", "") == "talentd: stopped" && line.value("level", "") == "info";
  }
  EXPECT_EQ(stopped, 1);
}

TEST_F(ObservabilityEndToEndTest, AnUnknownLogFormatIsAUsageError) {
  ASSERT_EQ(server_->Stop(SIGTERM), 0);
  ProcessResult r = RunProcess({kTalentd, "serve", "--db", db_, "--log-format", "xml"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_THAT(r.err, HasSubstr("--log-format"));
}

}  // namespace
}  // namespace talent::testing
