// talentd: the Talent Program Manager server.
//
//   talentd init  --db FILE [--key FILE] --admin USER [--admin-name NAME] [--admin-org ORG]
//   talentd backup --db FILE --to NEW_FILE
//   talentd serve --db FILE [--key FILE] [--listen ADDR] [--threads N] [--port-file FILE]
//                 [--http-listen ADDR [--http-port-file FILE]] [--public-url URL]
//                 [--metrics-listen ADDR [--metrics-port-file FILE]]
//                 [--verify-rate N] [--verify-burst N]
//                 [--tls-cert PEM --tls-key PEM | --insecure] [--max-message-mb N]
//                 [--clock-offset-days N]
//                 [--import-max-mb N]
//
// `init` creates the database, the server's signing key and the first
// administrator, and prints the administrator's token once on stdout.
// Every file talentd creates is mode 0600. `serve` refuses plaintext on an
// address other than loopback unless --insecure, and a TLS certificate or
// key it cannot read stops it. `serve` signs certificates with the key file
// (default: DB.key); with --http-listen it serves the public verification
// page and /healthz on a second port, and with --metrics-listen Prometheus
// /metrics and /healthz on a third (meant for loopback or a private
// network). Certificate verification, on the page and over gRPC alike, is
// rate-limited per client address (--verify-rate a second after a
// --verify-burst). It runs until SIGTERM or SIGINT, then shuts down
// gracefully: health turns NOT_SERVING and calls in flight get time to
// finish.
#include <signal.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include <CLI/CLI.hpp>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/crypto.h"
#include "common/rate_limiter.h"
#include "server/core/use_cases.h"
#include "server/core/signing_key.h"
#include "server/service/server.h"
#include "server/web/metrics_server.h"
#include "server/web/web_server.h"
#include "server/storage/store.h"

namespace {

using talent::common::SystemClock;

// The whole file; an error naming `flag` when it cannot be read or is empty.
absl::StatusOr<std::string> ReadPemFile(const std::string& flag, const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    return absl::InvalidArgumentError(absl::StrCat("cannot read ", flag, " ", path, ": ",
                                                   std::strerror(errno)));
  }
  if (!S_ISREG(st.st_mode)) {
    return absl::InvalidArgumentError(absl::StrCat(flag, " ", path, " is not a file"));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in.is_open()) {
    return absl::InvalidArgumentError(absl::StrCat("cannot read ", flag, " ", path, ": ",
                                                   std::strerror(errno)));
  }
  std::string text(std::istreambuf_iterator<char>(in), {});
  if (text.empty()) return absl::InvalidArgumentError(absl::StrCat(flag, " ", path, " is empty"));
  return text;
}

int Fail(const absl::Status& status) {
  std::fprintf(stderr, "talentd: %s\n", std::string(status.message()).c_str());
  return 1;
}

int Init(const std::string& db, std::string key_path, const talent::domain::User& admin) {
  if (key_path.empty()) key_path = db + ".key";
  talent::storage::StoreOptions options;
  options.create = true;
  options.readers = 1;
  auto store = talent::storage::Store::Open(db, options);
  if (!store.ok()) return Fail(store.status());
  talent::core::UseCases cases(std::move(*store), SystemClock::Default());
  auto token = cases.users.Bootstrap(admin);
  if (!token.ok()) return Fail(token.status());
  auto key = talent::core::CreateSigningKeyFile(key_path);
  if (!key.ok()) return Fail(key.status());
  std::fprintf(stderr,
               "talentd: initialised %s (signing key %s); administrator '%s' created.\n"
               "talentd: the administrator's token follows; it is shown only once:\n",
               db.c_str(), key_path.c_str(), admin.username.c_str());
  std::printf("%s\n", token->secret.c_str());
  return 0;
}

void WritePortFile(const std::string& path, int port) {
  if (path.empty()) return;
  std::string tmp = path + ".tmp";
  std::ofstream(tmp) << port << "\n";
  std::rename(tmp.c_str(), path.c_str());
}

struct WebOptions {
  std::string listen;      // empty: no HTTP port
  std::string port_file;
  std::string public_url;  // the address printed certificates point to
  std::string metrics_listen;  // empty: no metrics listener
  std::string metrics_port_file;
  double verify_rate = 10;     // verifications a second per client address; 0: no limit
  int verify_burst = 30;
};

int Serve(const std::string& db, std::string key_path,
          talent::service::ServerOptions server_options, const std::string& port_file,
          const WebOptions& web_options, int clock_offset_days) {
  // Block the shutdown signals in every thread; the main thread waits for
  // them with sigwait, so no work happens inside a signal handler.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  if (absl::Status s = talent::common::InitCrypto(); !s.ok()) return Fail(s);
  talent::storage::StoreOptions options;
  options.readers = std::max(1, server_options.max_threads / 2);
  auto store = talent::storage::Store::Open(db, options);
  if (!store.ok()) return Fail(store.status());
  talent::common::OffsetClock clock(int64_t{clock_offset_days} * 86400);
  if (clock_offset_days != 0) {
    std::fprintf(stderr, "talentd: the clock runs %d day(s) ahead (--clock-offset-days)\n",
                 clock_offset_days);
  }
  if (!web_options.public_url.empty() &&
      !absl::StartsWith(web_options.public_url, "https://") &&
      !absl::StartsWith(web_options.public_url, "http://")) {
    return Fail(absl::InvalidArgumentError(absl::StrCat(
        "--public-url must start with https:// or http://, got '", web_options.public_url, "'")));
  }
  if (key_path.empty()) key_path = db + ".key";
  auto key = talent::core::LoadSigningKeyFile(key_path);
  if (!key.ok()) {
    return Fail(absl::Status(key.status().code(),
                             absl::StrCat(key.status().message(),
                                          " (the signing key made by 'talentd init'; pass "
                                          "--key FILE if it is elsewhere)")));
  }
  talent::core::UseCases cases(std::move(*store), &clock, *std::move(key));
  // A database from before the chain covered sheets and results: record
  // what is there, once, before serving anything.
  auto adopted = cases.audit.AdoptUncovered();
  if (!adopted.ok()) return Fail(adopted.status());
  if (*adopted > 0) {
    std::fprintf(stderr,
                 "talentd: the audit chain now covers the %lld sheet(s) and stored result(s) "
                 "written before it did\n",
                 static_cast<long long>(*adopted));
  }
  // One allowance per address for both ways of verifying, the page and gRPC.
  std::unique_ptr<talent::common::RateLimiter> verify_limiter;
  if (web_options.verify_rate > 0) {
    talent::common::RateLimiter::Options limits;
    limits.rate = web_options.verify_rate;
    limits.burst = web_options.verify_burst;
    verify_limiter = std::make_unique<talent::common::RateLimiter>(limits);
  }
  server_options.verify_limiter = verify_limiter.get();
  std::unique_ptr<talent::web::MetricsServer> metrics;
  if (!web_options.metrics_listen.empty()) {
    auto started = talent::web::MetricsServer::Start(web_options.metrics_listen, &clock);
    if (!started.ok()) return Fail(started.status());
    metrics = *std::move(started);
  }
  std::unique_ptr<talent::web::WebServer> web;
  if (!web_options.listen.empty()) {
    auto started = talent::web::WebServer::Start(&cases.certificates, web_options.listen,
                                                 verify_limiter.get());
    if (!started.ok()) return Fail(started.status());
    web = *std::move(started);
    const std::string& host = web->host();
    if (web_options.public_url.empty() &&
        (host == "0.0.0.0" || host == "::" || host == "[::]" || host.empty())) {
      return Fail(absl::InvalidArgumentError(absl::StrCat(
          "--http-listen ", web_options.listen, " serves every interface; say with --public-url "
          "the address people reach it by (it is printed in the certificates' QR codes)")));
    }
    server_options.verification_url_base =
        web_options.public_url.empty()
            ? absl::StrCat("http://", web->host(), ":", web->port())
            : web_options.public_url;
  } else {
    server_options.verification_url_base = web_options.public_url;
  }
  while (!server_options.verification_url_base.empty() &&
         server_options.verification_url_base.back() == '/') {
    server_options.verification_url_base.pop_back();
  }
  auto server = talent::service::TalentServer::Start(&cases, server_options);
  if (!server.ok()) return Fail(server.status());
  std::fprintf(stderr, "talentd: serving %s on port %d, %s\n", db.c_str(), (*server)->port(),
               (*server)->mode().c_str());
  if (web) {
    std::fprintf(stderr, "talentd: verification page on http://%s:%d/ (certificates point to %s)\n",
                 web->host().c_str(), web->port(), server_options.verification_url_base.c_str());
    WritePortFile(web_options.port_file, web->port());
  }
  if (metrics) {
    std::fprintf(stderr, "talentd: metrics on http://%s:%d/metrics\n", metrics->host().c_str(),
                 metrics->port());
    WritePortFile(web_options.metrics_port_file, metrics->port());
  }
  WritePortFile(port_file, (*server)->port());
  int signal_number = 0;
  sigwait(&signals, &signal_number);
  std::fprintf(stderr, "talentd: signal %d, shutting down\n", signal_number);
  (*server)->Shutdown(std::chrono::seconds(10));
  if (web) web->Shutdown();
  if (metrics) metrics->Shutdown();
  std::fprintf(stderr, "talentd: stopped\n");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // The database, its WAL, the signing key and backups hold personal data
  // and secrets: everything talentd creates is readable by its user only.
  ::umask(077);
  CLI::App app{"talentd: the Talent Program Manager server"};
  app.require_subcommand(1);

  std::string db;
  std::string key_path;
  talent::domain::User admin;
  admin.display_name = "Administrator";
  admin.organisation = "Programme office";
  CLI::App* init = app.add_subcommand("init", "create the database, signing key and first admin");
  init->add_option("--db", db, "database file to create")->required();
  init->add_option("--key", key_path, "signing key file (default: DB.key)");
  init->add_option("--admin", admin.username, "the first administrator's username")->required();
  init->add_option("--admin-name", admin.display_name, "their display name");
  init->add_option("--admin-org", admin.organisation, "their organisation");

  talent::service::ServerOptions server_options;
  int max_message_mb = server_options.max_message_bytes >> 20;
  std::string port_file;
  CLI::App* serve = app.add_subcommand("serve", "serve the gRPC API");
  serve->add_option("--db", db, "database file (made by 'talentd init')")->required();
  serve->add_option("--listen", server_options.listen, "address:port to listen on")
      ->capture_default_str();
  serve->add_flag("--insecure", server_options.insecure,
                  "allow plaintext on an address other than loopback (tokens cross the network "
                  "unencrypted)");
  serve->add_option("--max-message-mb", max_message_mb,
                    "largest gRPC message accepted, in MiB (imports send many)")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  serve->add_option("--threads", server_options.max_threads, "maximum server threads")
      ->check(CLI::Range(2, 256))
      ->capture_default_str();
  serve->add_option("--port-file", port_file, "write the bound port to this file when ready");
  std::string serve_key_path;
  serve->add_option("--key", serve_key_path, "signing key file (default: DB.key)");
  WebOptions web_options;
  CLI::Option* http_option = serve->add_option(
      "--http-listen", web_options.listen,
      "also serve the public certificate verification page and /healthz on this "
      "address:port (port 0: any free port)");
  serve->add_option("--http-port-file", web_options.port_file,
                    "write the bound HTTP port to this file when ready")
      ->needs(http_option);
  CLI::Option* metrics_option = serve->add_option(
      "--metrics-listen", web_options.metrics_listen,
      "serve Prometheus /metrics and /healthz on this address:port, which should be loopback "
      "or a private network (port 0: any free port)");
  serve->add_option("--metrics-port-file", web_options.metrics_port_file,
                    "write the bound metrics port to this file when ready")
      ->needs(metrics_option);
  serve->add_option("--verify-rate", web_options.verify_rate,
                    "certificate verifications a second allowed to one client address, on the "
                    "page and over gRPC, once its burst is spent (0: no limit)")
      ->check(CLI::Range(0.0, 1e6))
      ->capture_default_str();
  serve->add_option("--verify-burst", web_options.verify_burst,
                    "certificate verifications one client address may make at once")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  serve->add_option("--public-url", web_options.public_url,
                    "the verification page's public address, for the QR codes on certificates "
                    "(default: http://HTTP-LISTEN)");
  int clock_offset_days = 0;
  serve->add_option("--clock-offset-days", clock_offset_days,
                    "run the clock this many days ahead (rehearsals: pass a notice period)")
      ->check(CLI::Range(0, 3650));
  uint64_t import_max_mb = server_options.import_max_bytes >> 20;
  serve->add_option("--import-max-mb", import_max_mb,
                    "the most one enrolment import may send, in MB (larger files are refused: "
                    "split them)")
      ->check(CLI::Range(1, 65536))
      ->capture_default_str();
  std::string tls_cert, tls_key;
  CLI::Option* cert_option =
      serve->add_option("--tls-cert", tls_cert, "serve TLS with this PEM certificate chain");
  CLI::Option* key_option = serve->add_option("--tls-key", tls_key, "and this PEM private key");
  cert_option->needs(key_option);
  key_option->needs(cert_option);

  std::string backup_to;
  CLI::App* backup = app.add_subcommand(
      "backup", "copy the database, also while it is being served, to a new file");
  backup->add_option("--db", db, "database file")->required();
  backup->add_option("--to", backup_to, "the new copy")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (*init) return Init(db, key_path, admin);
  if (*backup) {
    absl::Status status = talent::storage::BackupDatabase(db, backup_to);
    if (!status.ok()) return Fail(status);
    std::fprintf(stderr,
                 "talentd: %s backed up to %s; the signing key is not in the copy: keep %s.key "
                 "safe on its own, and serve the copy with --key\n",
                 db.c_str(), backup_to.c_str(), db.c_str());
    return 0;
  }
  server_options.import_max_bytes = import_max_mb << 20;
  if (!tls_cert.empty()) {
    auto cert = ReadPemFile("--tls-cert", tls_cert);
    if (!cert.ok()) return Fail(cert.status());
    auto key = ReadPemFile("--tls-key", tls_key);
    if (!key.ok()) return Fail(key.status());
    server_options.tls_cert_pem = *std::move(cert);
    server_options.tls_key_pem = *std::move(key);
  }
  server_options.max_message_bytes = max_message_mb << 20;
  return Serve(db, serve_key_path, server_options, port_file, web_options, clock_offset_days);
}
