// The state every talentctl command shares: global options (server, token,
// output format, language, timeout), the gRPC channel, per-call contexts
// with deadline and bearer token, where output goes (standard output and
// error, or streams a test reads), and the mapping of gRPC codes to
// documented exit codes. One per process; not thread-safe.
//
// Exit codes: 0 ok, 1 other failure, 2 usage or invalid input, 3 not found,
// 4 not allowed or not logged in, 5 wrong state or conflict.
#ifndef TALENT_CLIENT_CLI_CONTEXT_H_
#define TALENT_CLIENT_CLI_CONTEXT_H_

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "client/output.h"
#include "common/labels.h"
#include "google/protobuf/message.h"

namespace talent::client {

enum ExitCode {
  kExitOk = 0,
  kExitFailure = 1,
  kExitUsage = 2,
  kExitNotFound = 3,
  kExitNotAllowed = 4,
  kExitConflict = 5,
};

struct GlobalOptions {
  std::string server;      // --server > TALENT_SERVER > config file > default
  std::string token;       // --token (with --allow-token-arg) > --token-file > TALENT_TOKEN > file
  std::string token_file;  // "-" for standard input
  bool allow_token_arg = false;
  std::string output = "table";
  std::string output_file;  // the FILE of -o xlsx FILE
  std::string lang;        // --lang > LANG
  double timeout_seconds = 30;
  // TLS when either is set: --tls (TALENT_TLS) trusts the system's roots
  // (SSL_CERT_FILE, or Debian's /etc/ssl/certs/ca-certificates.crt);
  // --tls-ca (TALENT_TLS_CA) the PEM roots in that file. Plaintext otherwise.
  bool tls = false;
  std::string tls_ca;
  bool yes = false;
  // --request-id: sent as x-request-id with every call of this invocation,
  // so the server's log lines and audit events of one command share it;
  // empty: a random one.
  std::string request_id;
};

// Raised through the command functions to end the process with a message
// and an exit code (caught once, in main).
struct CliError {
  int exit_code;
  std::string message;
};

class CliContext {
 public:
  // Data goes to `out` and messages to `err`; null means standard output
  // and standard error.
  explicit CliContext(GlobalOptions* options, std::ostream* out = nullptr,
                      std::ostream* err = nullptr)
      : options_(options), out_(out), err_(err) {}

  // Resolves server, token, format and language once, on first use (after
  // the command line is parsed). Throws CliError (usage).
  void Resolve();

  const std::string& server() { Resolve(); return server_; }
  Format format() const { const_cast<CliContext*>(this)->Resolve(); return format_; }
  common::Lang lang() const { const_cast<CliContext*>(this)->Resolve(); return lang_; }

  // The token given by flag, token file or TALENT_TOKEN (not the saved
  // config); empty when none.
  std::string ExplicitToken();
  // Uses `token` for the calls that follow (login).
  void UseToken(const std::string& token) { Resolve(); token_ = token; }

  std::shared_ptr<grpc::Channel> channel();
  // A context with the deadline, the invocation's request id and (unless
  // `anonymous`) the bearer token. UNAUTHENTICATED locally when there is no
  // token.
  std::unique_ptr<grpc::ClientContext> Call(bool anonymous = false);

  // The x-request-id every call of this invocation sends.
  const std::string& request_id() { Resolve(); return request_id_; }

  // Throws CliError with the exit code for `status` unless it is OK. A
  // fault of the server's own (INTERNAL, DATA_LOSS, UNKNOWN) names the
  // request id, which finds the call in the server's log.
  void Check(const grpc::Status& status) const;

  // Reads what kind of database the server holds from a finished call's
  // initial metadata ("talent-database-kind"). The first time it says
  // "rehearsal", notes on the error output: "talentctl: 演练 REHEARSAL
  // database — nothing in it is real". Every RPC goes through it (rpc.h).
  void ObserveServer(const grpc::ClientContext& call);
  // The server said it holds a rehearsal database. Tables (not CSV or
  // JSON, which are data) then start with a line "[演练 REHEARSAL]".
  bool rehearsal() const { return rehearsal_; }

  // The label of an enum key or heading in the user's language.
  std::string L(const std::string& key) const;
  // A reason the server wrote in English, in the user's language: a round's
  // reason for an elimination ("rated fail"), alone or after the round's
  // name ("中期考核: rated fail"). Any other text (a reason someone typed)
  // is returned as it is.
  std::string Reason(const std::string& text) const;

  // Writes `text` as it is to the output.
  void Print(std::string_view text) const;
  // Prints a message as proto3 JSON. Throws CliError when it cannot.
  void PrintJson(const google::protobuf::Message& message) const;
  // Prints rows as an aligned table or CSV (per the format), or writes
  // them to the -o xlsx file (numbers as numbers: the columns whose heading
  // is a count, a rank, a year or a score). Heading keys are label keys
  // (H_…).
  void PrintRows(const std::vector<std::string>& heading_keys, const Rows& rows) const;
  // Prints one record as FIELD / VALUE lines (table), or as a heading row
  // and a row of values (CSV, xlsx); the field names are label keys.
  void PrintRecord(const Fields& fields) const;

  // Asks "prompt [y/N]" on the terminal unless --yes; throws CliError when
  // declined or when there is no terminal to ask on.
  void Confirm(const std::string& prompt) const;

  // A message for the user on the error output, followed by a newline.
  void Note(const std::string& message) const;
  // After a list that shows `listed` of `total` items: "… and N more",
  // below a table, or on the error output for CSV (where a line of prose
  // would be taken for data). Nothing when nothing was left out.
  void PrintMore(int64_t listed, int64_t total) const;

 private:
  // PrintRows and PrintRecord for -o xlsx. Throws CliError when the file
  // cannot be written.
  void WriteWorkbook(const std::vector<std::string>& heading_keys, const Rows& rows) const;

  GlobalOptions* options_;
  std::ostream* out_;
  std::ostream* err_;
  std::string server_;
  std::string token_;
  std::string request_id_;
  Format format_ = Format::kTable;
  common::Lang lang_ = common::Lang::kEnglish;
  std::shared_ptr<grpc::Channel> channel_;
  bool resolved_ = false;
  bool rehearsal_ = false;
};

// The mark of everything a rehearsal database produces.
inline constexpr char kRehearsalMark[] = "演练 REHEARSAL";

// Exit code for a gRPC status code.
int ExitCodeFor(grpc::StatusCode code);

// The usage error for "-o csv SOMETHING": only xlsx takes a file.
std::string OutputFileMisplaced(const std::string& format, const std::string& file);

// Config file: $XDG_CONFIG_HOME/talentctl/config (or ~/.config/…).
std::string ConfigPath();
struct StoredConfig {
  std::string server;
  std::string token;
};
StoredConfig LoadConfig();
// Writes with mode 0600 (directory 0700). Throws CliError on failure.
void SaveConfig(const StoredConfig& config);

}  // namespace talent::client

#endif  // TALENT_CLIENT_CLI_CONTEXT_H_
