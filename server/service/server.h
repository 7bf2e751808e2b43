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
#include "common/rate_limiter.h"
#include "server/core/use_cases.h"

namespace talent::service {

// The initial metadata every RPC's answer carries: "production" or
// "rehearsal", the kind of database the server holds.
inline constexpr char kDatabaseKindMetadata[] = "talent-database-kind";

// Invitation attempts one address may make (RedeemInvitation): a burst of
// 60, then one a second. A code has 79 random bits; at this rate guessing
// one in its seven days has a chance below 2^-58 per address.
inline constexpr common::RateLimiter::Options kRedeemLimits = {1.0, 60, size_t{1} << 14};

struct ServerOptions {
  std::string listen = "127.0.0.1:50051";
  int max_threads = 16;
  // PEM certificate chain and private key; both empty means plaintext,
  // which only a loopback address accepts unless `insecure`.
  std::string tls_cert_pem;
  std::string tls_key_pem;
  bool insecure = false;
  // The largest message the server reads, before any token is checked.
  // Imports stream many messages of at most this size each.
  int max_message_bytes = 4 << 20;
  // Memory gRPC may use for calls in flight (its resource quota).
  int64_t memory_quota_bytes = int64_t{512} << 20;
  // Concurrent calls on one connection.
  int max_concurrent_streams = 100;
  // A connection idle this long is closed; one older than max_connection_age
  // is told to reconnect, and its calls get max_connection_grace to end:
  // no call, however stalled, lasts longer than the two together.
  std::chrono::milliseconds max_connection_idle = std::chrono::minutes(15);
  std::chrono::milliseconds max_connection_age = std::chrono::minutes(30);
  std::chrono::milliseconds max_connection_grace = std::chrono::minutes(5);
  // Where the public certificate verification page is served, e.g.
  // "https://talent.example.org" (no trailing slash); certificates carry
  // "<base>/verify/<number>". Empty: no such page.
  std::string verification_url_base;
  // Each VerifyCertificate call takes one from this limiter, keyed by the
  // caller's address (null: no limit). Not owned; must outlive the server.
  common::RateLimiter* verify_limiter = nullptr;
  // Each RedeemInvitation call takes one from this limiter, keyed by the
  // caller's address. Not owned; must outlive the server. Null: the server
  // keeps one of its own with kRedeemLimits.
  common::RateLimiter* redeem_limiter = nullptr;
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
  // Starts serving. INVALID_ARGUMENT for half a TLS pair, a certificate or
  // key that is not PEM, or plaintext on an address other than loopback
  // without `insecure`; UNAVAILABLE when the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<TalentServer>> Start(core::UseCases* cases,
                                                             const ServerOptions& options);
  ~TalentServer();

  // The bound port (useful with port 0).
  int port() const { return port_; }
  // "TLS", "plaintext on loopback" or "PLAINTEXT (--insecure)": for the log.
  const std::string& mode() const { return mode_; }

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
  std::string mode_;
};

// True for 127.0.0.0/8, [::1], localhost and unix: sockets.
bool IsLoopbackAddress(const std::string& listen);

}  // namespace talent::service

#endif  // TALENT_SERVER_SERVICE_SERVER_H_
