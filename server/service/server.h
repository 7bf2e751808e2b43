// TalentServer: builds and runs the gRPC server — the talent.v1 services,
// grpc.health.v1.Health and server reflection — on the sync API with a
// bounded thread pool. Used by talentd and by the integration tests (which
// bind 127.0.0.1:0 and read the chosen port).
//
// Thread-safe: Shutdown() may be called from any thread, once.
#ifndef TALENT_SERVER_SERVICE_SERVER_H_
#define TALENT_SERVER_SERVICE_SERVER_H_

#include <grpcpp/server.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "server/core/use_cases.h"

namespace talent::service {

struct ServerOptions {
  std::string listen = "127.0.0.1:50051";
  int max_threads = 16;
  // PEM certificate chain and private key; both empty means plaintext.
  std::string tls_cert_pem;
  std::string tls_key_pem;
  // Where the public certificate verification page is served, e.g.
  // "https://talent.example.org" (no trailing slash); certificates carry
  // "<base>/verify/<number>". Empty: no such page.
  std::string verification_url_base;
  // The most an ImportEnrolments stream may carry, in bytes: the sum of
  // its messages' sizes. Past it the import is refused (RESOURCE_EXHAUSTED).
  uint64_t import_max_bytes = uint64_t{256} << 20;
  // Checked rows of one import held in memory before they go to a
  // temporary file (unnamed, mode 0600) next to the database.
  size_t import_memory_bytes = size_t{8} << 20;
  // Where that file is made instead; empty: the database's directory.
  std::string import_spill_directory;
};

class TalentServer {
 public:
  // Starts serving. UNAVAILABLE when the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<TalentServer>> Start(core::UseCases* cases,
                                                             const ServerOptions& options);
  ~TalentServer();

  // The bound port (useful with port 0).
  int port() const { return port_; }

  // Health turns NOT_SERVING, new calls are refused, calls in flight get
  // until `grace` to finish, then are cancelled.
  void Shutdown(std::chrono::milliseconds grace);

  // Blocks until the server has shut down.
  void Wait();

 private:
  TalentServer() = default;
  struct Services;
  std::unique_ptr<Services> services_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

}  // namespace talent::service

#endif  // TALENT_SERVER_SERVICE_SERVER_H_
