// talentd: the Talent Program Manager server.
//
//   talentd init  --db FILE [--key FILE] --admin USER [--admin-name NAME] [--admin-org ORG]
//                 [--rehearsal] [--token-lifetime-days N]
//   talentd backup --db FILE --to NEW_FILE
//   talentd invite --db FILE --user NAME [--days N]
//   talentd key rotate --db FILE [--key FILE]
//   talentd key list   --db FILE
//   talentd key export --db FILE [--key FILE] --to BACKUP
//   talentd key import --from BACKUP --key FILE
//   talentd serve [--config FILE] --db FILE [--key FILE] [--listen ADDR] [--threads N]
//                 [--port-file FILE]
//                 [--http-listen ADDR [--http-port-file FILE]] [--public-url URL]
//                 [--metrics-listen ADDR [--metrics-port-file FILE]]
//                 [--verify-rate N] [--verify-burst N]
//                 [--tls-cert PEM --tls-key PEM | --insecure] [--max-message-mb N]
//                 [--clock-offset-days N]
//                 [--import-max-mb N] [--token-lifetime-days N] [--log-format text|json]
//
//   talentd --version | --help | --help-all
//
// `init` creates the server's signing key, the database (production, or a
// rehearsal database with --rehearsal) and the first administrator, all or
// nothing, and prints the administrator's token once on stdout. `invite`
// prints a new invitation code for a user (e.g. an administrator whose token
// expired), for whoever can open the database file. Every file
// talentd creates is mode 0600. `key` rotates, lists, exports (encrypted
// with a passphrase) and imports signing keys (server/core/keys.h). `serve` refuses plaintext on an
// address other than loopback unless --insecure, and a TLS certificate or
// key it cannot read stops it. `serve` signs certificates with the key file
// (default: DB.key); with --http-listen it serves the public verification
// page and /healthz on a second port, and with --metrics-listen Prometheus
// /metrics and /healthz on a third (meant for loopback or a private
// network). Only a rehearsal database accepts --clock-offset-days.
// Certificate verification, on the page and over gRPC alike, is
// rate-limited per client address (--verify-rate a second after a
// --verify-burst). Every token expires --token-lifetime-days (default 90)
// after it is made, the administrator's from init too. It runs until SIGTERM or SIGINT, then shuts down
// gracefully: health turns NOT_SERVING and calls in flight get time to
// finish.
#include <signal.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/crypto.h"
#include "common/rate_limiter.h"
#include "common/version.h"
#include "server/config_file.h"
#include "server/core/keys.h"
#include "server/core/signing_key.h"
#include "server/core/use_cases.h"
#include "server/domain/user_rules.h"
#include "server/service/metrics.h"
#include "server/service/request_log.h"
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

// A usage error (a flag, or a key of a --config file): exit code 2.
int Usage(const std::string& message) {
  talent::service::LogMessage("talentd: " + message, /*error=*/true);
  return 2;
}

int Fail(const absl::Status& status) {
  talent::service::LogMessage("talentd: " + std::string(status.message()), /*error=*/true);
  return 1;
}

// A line of the server's own on stderr, in the log's format.
void Note(const std::string& message) { talent::service::LogMessage("talentd: " + message); }

bool Exists(const std::string& path) { return ::access(path.c_str(), F_OK) == 0; }

// The files a database is made of.
std::vector<std::string> DatabaseFiles(const std::string& db) {
  return {db, db + "-wal", db + "-shm", db + "-journal"};
}

// init's work once nothing it makes exists: the key first, then the
// database with its kind, its key and the administrator. Everything it
// opened is closed when it returns.
absl::StatusOr<std::string> InitFiles(const std::string& db, const std::string& key_path,
                                      const talent::domain::User& admin,
                                      talent::domain::DatabaseKind kind, int token_lifetime_days) {
  auto key = talent::core::CreateSigningKeyFile(key_path);
  if (!key.ok()) return key.status();
  talent::storage::StoreOptions options;
  options.create = true;
  options.readers = 1;
  auto store = talent::storage::Store::Open(db, options);
  if (!store.ok()) return store.status();
  talent::core::Keys keys(store->get(), SystemClock::Default());
  if (absl::Status s = keys.Initialise(*key, kind); !s.ok()) return s;
  talent::core::UseCases cases(std::move(*store), SystemClock::Default());
  cases.users.SetTokenLifetimeDays(token_lifetime_days);
  auto token = cases.users.Bootstrap(admin);
  if (!token.ok()) return token.status();
  return token->secret;
}

int Init(const std::string& db, std::string key_path, const talent::domain::User& admin,
         bool rehearsal, int token_lifetime_days) {
  if (key_path.empty()) key_path = db + ".key";
  // All or nothing: refuse before touching anything, and on any failure
  // remove what was made, so success always shows the token.
  for (const std::string& file : DatabaseFiles(db)) {
    if (Exists(file)) {
      return Fail(absl::AlreadyExistsError(absl::StrCat(
          file, " already exists; 'talentd init' makes a new database and changed nothing")));
    }
  }
  if (Exists(key_path)) {
    return Fail(absl::AlreadyExistsError(absl::StrCat(
        "key file ", key_path, " already exists; 'talentd init' makes a new key and changed "
        "nothing (move the file away, or pass --key with a free path)")));
  }
  if (absl::Status s = talent::common::InitCrypto(); !s.ok()) return Fail(s);
  const talent::domain::DatabaseKind kind = rehearsal ? talent::domain::DatabaseKind::kRehearsal
                                                      : talent::domain::DatabaseKind::kProduction;
  absl::StatusOr<std::string> token =
      InitFiles(db, key_path, admin, kind, token_lifetime_days);
  if (!token.ok()) {
    std::remove(key_path.c_str());
    for (const std::string& file : DatabaseFiles(db)) std::remove(file.c_str());
    return Fail(absl::Status(token.status().code(),
                             absl::StrCat(token.status().message(),
                                          " (nothing was created: run 'talentd init' again)")));
  }
  std::fprintf(stderr,
               "talentd: initialised %s (signing key %s); administrator '%s' created.\n",
               db.c_str(), key_path.c_str(), admin.username.c_str());
  if (rehearsal) {
    std::fprintf(stderr,
                 "talentd: this is a 演练 REHEARSAL database: it may run its clock ahead, and "
                 "everything it issues says REHEARSAL\n");
  }
  std::fprintf(stderr, "talentd: back up the signing key with 'talentd key export --db %s "
               "--to BACKUP' and keep the backup apart from the database\n", db.c_str());
  std::fprintf(stderr,
               "talentd: the administrator's token follows; it is shown only once and expires "
               "in %d days: log in with it ('talentctl --token-file FILE login'), and renew it "
               "with 'talentctl login' before then\n",
               token_lifetime_days);
  std::printf("%s\n", token->c_str());
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
          const WebOptions& web_options, bool clock_offset_given, int clock_offset_days,
          int token_lifetime_days) {
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
  options.on_commit = [](double seconds, int64_t writes) {
    talent::service::Metrics::Global().ObserveCommit(seconds, writes);
  };
  auto store = talent::storage::Store::Open(db, options);
  if (!store.ok()) return Fail(store.status());
  talent::common::OffsetClock clock(int64_t{clock_offset_days} * 86400);
  talent::core::DatabaseSettings settings(store->get(), &clock);
  auto kind = settings.Kind();
  if (!kind.ok()) return Fail(kind.status());
  auto old_offset = settings.StartClock(*kind, clock_offset_given, clock_offset_days);
  if (!old_offset.ok()) return Fail(old_offset.status());
  if (*kind == talent::domain::DatabaseKind::kRehearsal) {
    Note(db + " is a 演练 REHEARSAL database");
  }
  if (*old_offset != clock_offset_days) {
    Note(absl::StrCat("the clock offset changed from ", *old_offset, " to ", clock_offset_days,
                      " day(s) (audited)"));
  }
  if (clock_offset_days != 0) {
    Note(absl::StrCat("the clock runs ", clock_offset_days,
                      " day(s) ahead (--clock-offset-days)"));
  }
  if (!web_options.public_url.empty() &&
      !absl::StartsWith(web_options.public_url, "https://") &&
      !absl::StartsWith(web_options.public_url, "http://")) {
    return Fail(absl::InvalidArgumentError(absl::StrCat(
        "--public-url must start with https:// or http://, got '", web_options.public_url, "'")));
  }
  if (key_path.empty()) key_path = db + ".key";
  std::vector<std::string> notes;
  auto key = talent::core::Keys(store->get(), &clock).LoadForServing(key_path, &notes);
  for (const std::string& note : notes) Note(note);
  if (absl::IsNotFound(key.status())) {
    return Fail(absl::Status(key.status().code(),
                             absl::StrCat(key.status().message(),
                                          " (the signing key made by 'talentd init'; pass "
                                          "--key FILE if it is elsewhere)")));
  }
  if (!key.ok()) return Fail(key.status());
  talent::core::UseCases cases(std::move(*store), &clock, *std::move(key), *kind);
  cases.users.SetTokenLifetimeDays(token_lifetime_days);
  // A database from before the chain covered sheets and results: record
  // what is there, once, before serving anything.
  auto adopted = cases.audit.AdoptUncovered();
  if (!adopted.ok()) return Fail(adopted.status());
  if (*adopted > 0) {
    Note(absl::StrCat("the audit chain now covers the ", *adopted,
                      " sheet(s) and stored result(s) written before it did"));
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
    auto started = talent::web::WebServer::Start(&cases.certificates, &cases.results,
                                                 web_options.listen, verify_limiter.get());
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
  Note(absl::StrCat("serving ", db, " on port ", (*server)->port(), ", ", (*server)->mode()));
  if (web) {
    Note(absl::StrCat("verification page on http://", web->host(), ":", web->port(),
                      "/ (certificates point to ", server_options.verification_url_base, ")"));
    WritePortFile(web_options.port_file, web->port());
  }
  if (metrics) {
    Note(absl::StrCat("metrics on http://", metrics->host(), ":", metrics->port(), "/metrics"));
    WritePortFile(web_options.metrics_port_file, metrics->port());
  }
  WritePortFile(port_file, (*server)->port());
  int signal_number = 0;
  sigwait(&signals, &signal_number);
  Note(absl::StrCat("signal ", signal_number, ", shutting down"));
  (*server)->Shutdown(std::chrono::seconds(10));
  if (web) web->Shutdown();
  if (metrics) metrics->Shutdown();
  Note("stopped");
  return 0;
}

// A line of the terminal read without echo, after `prompt` on stderr.
absl::StatusOr<std::string> ReadHidden(const char* prompt) {
  std::fprintf(stderr, "%s", prompt);
  std::fflush(stderr);
  termios saved;
  ::tcgetattr(STDIN_FILENO, &saved);
  termios quiet = saved;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  std::string line;
  bool read = static_cast<bool>(std::getline(std::cin, line));
  ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  std::fprintf(stderr, "\n");
  if (!read) return absl::InvalidArgumentError("no passphrase was given");
  return line;
}

// The backup's passphrase: from the terminal without echo (twice when
// `confirm`), or one line of stdin when stdin is not a terminal.
absl::StatusOr<std::string> ReadPassphrase(bool confirm) {
  std::string passphrase;
  if (!::isatty(STDIN_FILENO)) {
    if (!std::getline(std::cin, passphrase)) {
      return absl::InvalidArgumentError("no passphrase on stdin");
    }
  } else {
    auto first = ReadHidden("passphrase: ");
    if (!first.ok()) return first.status();
    passphrase = *first;
    if (confirm) {
      auto second = ReadHidden("the passphrase again: ");
      if (!second.ok()) return second.status();
      if (*second != passphrase) {
        return absl::InvalidArgumentError("the passphrases differ; nothing was written");
      }
    }
  }
  if (!passphrase.empty() && passphrase.back() == '\r') passphrase.pop_back();
  return passphrase;
}

// A time as the key commands print it, in China Standard Time.
std::string KeyTime(int64_t seconds) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%S +08:00", absl::FromUnixSeconds(seconds),
                          absl::FixedTimeZone(8 * 3600));
}

// The database of a key command, with the clock it last served with (a
// rehearsal database's offset moves key validity too).
struct KeyDatabase {
  std::unique_ptr<talent::storage::Store> store;
  std::unique_ptr<talent::common::OffsetClock> clock;
};

absl::StatusOr<KeyDatabase> OpenKeyDatabase(const std::string& db) {
  talent::storage::StoreOptions options;
  options.readers = 1;
  auto store = talent::storage::Store::Open(db, options);
  if (!store.ok()) return store.status();
  KeyDatabase out;
  out.store = *std::move(store);
  auto days = talent::core::DatabaseSettings(out.store.get(), SystemClock::Default())
                  .LastClockOffsetDays();
  if (!days.ok()) return days.status();
  out.clock = std::make_unique<talent::common::OffsetClock>(int64_t{*days} * 86400);
  return out;
}

int KeyRotate(const std::string& db, std::string key_path) {
  if (key_path.empty()) key_path = db + ".key";
  if (absl::Status s = talent::common::InitCrypto(); !s.ok()) return Fail(s);
  auto opened = OpenKeyDatabase(db);
  if (!opened.ok()) return Fail(opened.status());
  std::vector<std::string> notes;
  auto rotation = talent::core::Keys(opened->store.get(), opened->clock.get())
                      .Rotate(key_path, &notes);
  for (const std::string& note : notes) std::fprintf(stderr, "talentd: %s\n", note.c_str());
  if (!rotation.ok()) return Fail(rotation.status());
  std::fprintf(stderr,
               "talentd: key #%lld retired (it still vouches for the certificates it signed); "
               "key #%lld (%s) signs from now on, in %s.\n"
               "talentd: the old key file is kept as %s. Restart a running talentd, and back "
               "up the new key with 'talentd key export'.\n",
               static_cast<long long>(rotation->retired.id),
               static_cast<long long>(rotation->current.id),
               talent::domain::FormatPublicKey(rotation->current.public_key).c_str(),
               key_path.c_str(), rotation->retired_path.c_str());
  return 0;
}

// A new invitation for `username`, made by the server itself: whoever may
// open the database file may let a user back in, e.g. the last
// administrator after their token expired (operations.md §3.3).
int Invite(const std::string& db, const std::string& username, int days) {
  if (absl::Status s = talent::common::InitCrypto(); !s.ok()) return Fail(s);
  auto opened = OpenKeyDatabase(db);
  if (!opened.ok()) return Fail(opened.status());
  talent::core::UseCases cases(std::move(opened->store), opened->clock.get());
  auto invitation = cases.users.InviteUser(talent::core::Caller{}, username, days);
  if (!invitation.ok()) return Fail(invitation.status());
  std::fprintf(stderr,
               "talentd: invitation for %s, valid until %s, shown only now (an earlier one not "
               "yet redeemed no longer works). They run:\n  talentctl login --user %s "
               "--invitation CODE\n",
               username.c_str(),
               talent::common::FormatTimestamp(invitation->invitation.expire_time).c_str(),
               username.c_str());
  std::printf("%s\n", invitation->code.c_str());
  return 0;
}

int KeyList(const std::string& db) {
  auto opened = OpenKeyDatabase(db);
  if (!opened.ok()) return Fail(opened.status());
  auto keys = talent::core::Keys(opened->store.get(), opened->clock.get()).List();
  if (!keys.ok()) return Fail(keys.status());
  if (keys->empty()) {
    std::fprintf(stderr, "talentd: no trusted key yet; 'talentd serve' adopts its key file's\n");
    return 0;
  }
  std::printf("%-4s  %-43s  %-25s  %s\n", "ID", "PUBLIC KEY", "VALID FROM", "VALID UNTIL");
  for (const talent::domain::TrustedKey& key : *keys) {
    std::printf("%-4lld  %-43s  %-25s  %s\n", static_cast<long long>(key.id),
                talent::domain::FormatPublicKey(key.public_key).c_str(),
                KeyTime(key.valid_from).c_str(),
                key.current() ? "current (signing)" : KeyTime(key.valid_until).c_str());
  }
  return 0;
}

int KeyExport(const std::string& db, std::string key_path, const std::string& to) {
  if (key_path.empty()) key_path = db + ".key";
  if (absl::Status s = talent::common::InitCrypto(); !s.ok()) return Fail(s);
  if (Exists(to)) {
    return Fail(absl::AlreadyExistsError(absl::StrCat(to, " already exists; nothing written")));
  }
  auto key = talent::core::LoadSigningKeyFile(key_path);
  if (!key.ok()) return Fail(key.status());
  auto passphrase = ReadPassphrase(/*confirm=*/true);
  if (!passphrase.ok()) return Fail(passphrase.status());
  if (absl::Status s = talent::core::ExportSigningKey(*key, *passphrase, to); !s.ok()) {
    return Fail(s);
  }
  std::fprintf(stderr,
               "talentd: the key of %s (%s) is in %s, encrypted with the passphrase; keep the "
               "backup and the passphrase apart. Restore with 'talentd key import --from %s "
               "--key FILE'.\n",
               key_path.c_str(), talent::domain::FormatPublicKey(key->public_key).c_str(),
               to.c_str(), to.c_str());
  return 0;
}

int KeyImport(const std::string& from, const std::string& key_path) {
  if (absl::Status s = talent::common::InitCrypto(); !s.ok()) return Fail(s);
  if (Exists(key_path)) {
    return Fail(absl::AlreadyExistsError(absl::StrCat(
        "key file ", key_path, " already exists; import never overwrites a key (move it away "
        "first)")));
  }
  auto passphrase = ReadPassphrase(/*confirm=*/false);
  if (!passphrase.ok()) return Fail(passphrase.status());
  auto key = talent::core::ImportSigningKey(from, *passphrase);
  if (!key.ok()) return Fail(key.status());
  if (absl::Status s = talent::core::WriteSigningKeyFile(key_path, *key); !s.ok()) return Fail(s);
  std::fprintf(stderr, "talentd: key %s restored to %s (mode 0600)\n",
               talent::domain::FormatPublicKey(key->public_key).c_str(), key_path.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // The database, its WAL, the signing key and backups hold personal data
  // and secrets: everything talentd creates is readable by its user only.
  ::umask(077);
  CLI::App app{
      "talentd: the Talent Program Manager server. 'init' makes a database, 'serve' serves it "
      "(gRPC, the verification page, metrics), 'invite' lets a user back in, 'backup' copies "
      "it, 'key' rotates, lists, backs up and restores its signing keys.\nExit codes: 0 ok, 1 "
      "failure, 2 usage (a flag, or a key of a --config file)."};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("talentd ") + talent::common::VersionString(),
                       "print the version and the source revision, and exit");
  app.set_help_all_flag("--help-all", "show help for every command");

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
  bool rehearsal = false;
  int token_lifetime_days = talent::domain::kDefaultTokenLifetimeDays;
  init->add_option("--token-lifetime-days", token_lifetime_days,
                   "the administrator's token expires this many days after it is made")
      ->check(CLI::Range(1, talent::domain::kMaxTokenLifetimeDays))
      ->capture_default_str();
  init->add_flag("--rehearsal", rehearsal,
                 "make a rehearsal database: it may run its clock ahead "
                 "(serve --clock-offset-days), and everything it issues says REHEARSAL");

  talent::service::ServerOptions server_options;
  int max_message_mb = server_options.max_message_bytes >> 20;
  std::string port_file;
  CLI::App* serve = app.add_subcommand(
      "serve", "serve the gRPC API, the verification page and metrics (settings from flags or "
               "--config FILE)");
  std::string config_path;
  serve->add_option("--config", config_path,
                    "read these settings from a TOML file: each key a flag without its dashes "
                    "(db = \"/var/lib/talentd/talent.db\"); a flag given here wins over the file")
      ->configurable(false);
  serve->add_option("--db", db,
                    "database file (made by 'talentd init'); required, here or in --config");
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
  CLI::Option* http_port_file_option =
      serve->add_option("--http-port-file", web_options.port_file,
                        "write the bound HTTP port to this file when ready (needs --http-listen)");
  CLI::Option* metrics_option = serve->add_option(
      "--metrics-listen", web_options.metrics_listen,
      "serve Prometheus /metrics and /healthz on this address:port, which should be loopback "
      "or a private network (port 0: any free port)");
  CLI::Option* metrics_port_file_option = serve->add_option(
      "--metrics-port-file", web_options.metrics_port_file,
      "write the bound metrics port to this file when ready (needs --metrics-listen)");
  serve->add_option("--verify-rate", web_options.verify_rate,
                    "certificate verifications a second allowed to one client address, on the "
                    "page and over gRPC, once its burst is spent (0: no limit)")
      ->check(CLI::Range(0.0, 1e6))
      ->capture_default_str();
  serve->add_option("--verify-burst", web_options.verify_burst,
                    "certificate verifications one client address may make at once")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  std::string log_format = "text";
  serve->add_option("--log-format", log_format,
                    "the log on stderr: text, or json (one object a line: time, level, message, "
                    "and for a call method, code, duration_ms, request_id, user)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  serve->add_option("--public-url", web_options.public_url,
                    "the verification page's public address, for the QR codes on certificates "
                    "(default: http://HTTP-LISTEN)");
  int clock_offset_days = 0;
  CLI::Option* offset_option =
      serve->add_option("--clock-offset-days", clock_offset_days,
                        "run the clock this many days ahead (only a rehearsal database, made "
                        "by 'talentd init --rehearsal': pass a notice period)")
          ->check(CLI::Range(0, 3650));
  serve->add_option("--token-lifetime-days", token_lifetime_days,
                    "every token made (login, invitation, init) expires this many days after it "
                    "is made; 'talentctl login' renews one before then")
      ->check(CLI::Range(1, talent::domain::kMaxTokenLifetimeDays))
      ->capture_default_str();
  uint64_t import_max_mb = server_options.import_max_bytes >> 20;
  serve->add_option("--import-max-mb", import_max_mb,
                    "the most one enrolment import may send, in MB (larger files are refused: "
                    "split them)")
      ->check(CLI::Range(1, 65536))
      ->capture_default_str();
  std::string tls_cert, tls_key;
  CLI::Option* cert_option = serve->add_option(
      "--tls-cert", tls_cert, "serve TLS with this PEM certificate chain (needs --tls-key)");
  CLI::Option* key_option =
      serve->add_option("--tls-key", tls_key, "and this PEM private key (needs --tls-cert)");

  std::string invite_user;
  int invite_days = 0;
  CLI::App* invite = app.add_subcommand(
      "invite", "print a new invitation code for a user (e.g. an administrator whose token "
                "expired); works while talentd serves");
  invite->add_option("--db", db, "database file")->required();
  invite->add_option("--user", invite_user, "the username")->required();
  invite->add_option("--days", invite_days, "valid this many days, 1–30 (default 7)");

  std::string backup_to;
  CLI::App* backup = app.add_subcommand(
      "backup", "copy the database, also while it is being served, to a new file");
  backup->add_option("--db", db, "database file")->required();
  backup->add_option("--to", backup_to, "the new copy")->required();

  CLI::App* key_cmd = app.add_subcommand("key", "rotate, list, back up and restore signing keys");
  key_cmd->require_subcommand(1);
  std::string key_file;
  CLI::App* rotate = key_cmd->add_subcommand(
      "rotate", "make a new signing key and retire the current one (it still vouches for what "
      "it signed)");
  rotate->add_option("--db", db, "database file")->required();
  rotate->add_option("--key", key_file, "the key file (default: DB.key)");
  CLI::App* list = key_cmd->add_subcommand("list", "print the trusted signing keys");
  list->add_option("--db", db, "database file")->required();
  std::string backup_file;
  CLI::App* key_export = key_cmd->add_subcommand(
      "export", "write the signing key to a backup encrypted with a passphrase (asked twice "
      "on the terminal, or one line of stdin)");
  key_export->add_option("--db", db, "database file")->required();
  key_export->add_option("--key", key_file, "the key file (default: DB.key)");
  key_export->add_option("--to", backup_file, "the new backup file")->required();
  CLI::App* key_import = key_cmd->add_subcommand(
      "import", "restore a signing key from a backup made by 'talentd key export'");
  key_import->add_option("--from", backup_file, "the backup file")->required();
  key_import->add_option("--key", key_file, "the key file to create")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (*init) return Init(db, key_path, admin, rehearsal, token_lifetime_days);
  if (*invite) return Invite(db, invite_user, invite_days);
  if (*rotate) return KeyRotate(db, key_file);
  if (*list) return KeyList(db);
  if (*key_export) return KeyExport(db, key_file, backup_file);
  if (*key_import) return KeyImport(backup_file, key_file);
  if (*backup) {
    absl::Status status = talent::storage::BackupDatabase(db, backup_to);
    if (!status.ok()) return Fail(status);
    std::fprintf(stderr,
                 "talentd: %s backed up to %s.\n"
                 "talentd: the signing key is not in the copy: back it up on its own, encrypted, "
                 "with 'talentd key export --db %s --to BACKUP' (again after every 'talentd key "
                 "rotate'), and serve a restored copy with --key\n",
                 db.c_str(), backup_to.c_str(), db.c_str());
    return 0;
  }
  // serve: the file fills what the command line left unset; then the log
  // takes its format, so that the refusals after are in it; then the
  // checks CLI11 would have made on the command line alone, since a flag
  // and the one it needs may come from different places.
  if (!config_path.empty()) {
    if (absl::Status s = talent::server::ApplyConfigFile(config_path, *serve); !s.ok()) {
      return Usage(std::string(s.message()));
    }
  }
  if (auto format = talent::service::ParseLogFormat(log_format); format.ok()) {
    talent::service::SetLogFormat(*format);
  } else {
    return Usage(std::string(format.status().message()));
  }
  if (db.empty()) {
    return Usage("serve needs the database: --db FILE, or db = \"FILE\" in --config");
  }
  const std::pair<CLI::Option*, CLI::Option*> needs[] = {
      {http_port_file_option, http_option},
      {metrics_port_file_option, metrics_option},
      {cert_option, key_option},
      {key_option, cert_option}};
  for (const auto& [option, needed] : needs) {
    if (option->count() > 0 && needed->count() == 0) {
      return Usage(absl::StrCat(option->get_name(), " needs ", needed->get_name(),
                                " (on the command line or in --config)"));
    }
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
  return Serve(db, serve_key_path, server_options, port_file, web_options,
               offset_option->count() > 0, clock_offset_days, token_lifetime_days);
}
