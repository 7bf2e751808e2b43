// Load generator for scripts/bench.sh (not a test): N concurrent clients,
// each with its own channel, call one RPC in a loop for a fixed time and
// report the rate and latency percentiles.
//
//   load_client --server HOST:PORT --mode check|write|read|verify --seconds S
//               --tokens FILE --round NAME --enrolments FILE --number N
//
// `check` calls grpc.health.v1.Health/Check; `write` has client i set a
// point on its own score sheet (a durable write); `read` has it read the
// sheet back; `verify` calls the public VerifyCertificate for certificate
// N, without a token, and counts an answer other than VALID as an error. Client i uses line i of each file (assessor tokens, and an
// enrolment assigned to that assessor). Prints one line:
//   MODE clients=N calls=C qps=Q p50_ms=A p99_ms=B errors=E
#include <grpcpp/create_channel.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "grpc/health/v1/health.grpc.pb.h"
#include "talent/v1/certificate.grpc.pb.h"
#include "talent/v1/sheet.grpc.pb.h"

namespace {

std::vector<std::string> Lines(const std::string& path) {
  std::vector<std::string> out;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

std::string Arg(int argc, char** argv, const std::string& name, const std::string& fallback) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (argv[i] == name) return argv[i + 1];
  }
  return fallback;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string server = Arg(argc, argv, "--server", "127.0.0.1:50051");
  const std::string mode = Arg(argc, argv, "--mode", "check");
  const double seconds = std::stod(Arg(argc, argv, "--seconds", "5"));
  const std::vector<std::string> tokens = Lines(Arg(argc, argv, "--tokens", "/dev/null"));
  const std::vector<std::string> enrolments = Lines(Arg(argc, argv, "--enrolments", "/dev/null"));
  const std::string round = Arg(argc, argv, "--round", "");
  const int clients = std::stoi(Arg(argc, argv, "--clients", "32"));
  const std::string number = Arg(argc, argv, "--number", "");
  const bool anonymous = mode == "check" || mode == "verify";
  if (!anonymous && (tokens.size() < static_cast<size_t>(clients) ||
                          enrolments.size() < static_cast<size_t>(clients))) {
    std::fprintf(stderr, "load_client: need %d tokens and enrolments\n", clients);
    return 2;
  }

  std::atomic<bool> stop{false};
  std::atomic<long> errors{0};
  std::vector<std::vector<double>> latencies(clients);
  std::vector<std::thread> threads;
  for (int i = 0; i < clients; ++i) {
    threads.emplace_back([&, i] {
      grpc::ChannelArguments args;
      args.SetInt("grpc.use_local_subchannel_pool", 1);  // a connection of its own
      auto channel =
          grpc::CreateCustomChannel(server, grpc::InsecureChannelCredentials(), args);
      auto health = grpc::health::v1::Health::NewStub(channel);
      auto sheets = talent::v1::SheetService::NewStub(channel);
      auto certificates = talent::v1::CertificateService::NewStub(channel);
      std::vector<double>& mine = latencies[i];
      for (long n = 0; !stop.load(std::memory_order_relaxed); ++n) {
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
        if (!anonymous) context.AddMetadata("authorization", "Bearer " + tokens[i]);
        auto start = std::chrono::steady_clock::now();
        grpc::Status status;
        if (mode == "check") {
          grpc::health::v1::HealthCheckResponse resp;
          status = health->Check(&context, {}, &resp);
        } else if (mode == "verify") {
          talent::v1::VerifyCertificateRequest req;
          req.set_number(number);
          talent::v1::VerifyCertificateResponse resp;
          status = certificates->VerifyCertificate(&context, req, &resp);
          if (status.ok() && resp.result() != talent::v1::VERIFICATION_RESULT_VALID) {
            status = grpc::Status(grpc::StatusCode::INTERNAL,
                                  "certificate " + number + " did not verify as VALID");
          }
        } else if (mode == "write") {
          talent::v1::SetScoresRequest req;
          req.set_round(round);
          req.set_enrolment(enrolments[i]);
          talent::v1::Score* s = req.add_scores();
          s->set_criterion("theory");
          s->set_points(n % 2 ? "10.5" : "11");
          talent::v1::Sheet resp;
          status = sheets->SetScores(&context, req, &resp);
        } else {
          talent::v1::GetSheetRequest req;
          req.set_round(round);
          req.set_enrolment(enrolments[i]);
          talent::v1::Sheet resp;
          status = sheets->GetSheet(&context, req, &resp);
        }
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                              start)
                        .count();
        if (!status.ok()) {
          if (errors.fetch_add(1) == 0) {
            std::fprintf(stderr, "load_client: %s\n", status.error_message().c_str());
          }
          continue;
        }
        mine.push_back(ms);
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(static_cast<long>(seconds * 1000)));
  stop = true;
  for (std::thread& t : threads) t.join();

  std::vector<double> all;
  for (const auto& v : latencies) all.insert(all.end(), v.begin(), v.end());
  std::sort(all.begin(), all.end());
  auto pct = [&](double p) {
    return all.empty() ? 0.0 : all[std::min(all.size() - 1, static_cast<size_t>(p * all.size()))];
  };
  std::printf("%s clients=%d calls=%zu qps=%.0f p50_ms=%.2f p99_ms=%.2f errors=%ld\n",
              mode.c_str(), clients, all.size(), all.size() / seconds, pct(0.50), pct(0.99),
              errors.load());
  return 0;
}
