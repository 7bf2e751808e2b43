#include "client/cli_context.h"

#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>

#include <vector>

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "client/private_file.h"
#include "client/render/spreadsheet.h"
#include "common/crypto.h"
#include "common/text_safety.h"

namespace talent::client {
namespace {

constexpr char kDefaultServer[] = "127.0.0.1:50051";

// How a listing's column is stored in a workbook, by its heading: counts,
// ranks and years as whole numbers, scores with two decimals, the rest
// (identity numbers, phone numbers, ids, names) as text.
render::CellKind ColumnKind(const std::string& heading_key) {
  static const auto* const kKinds = new absl::flat_hash_map<std::string, render::CellKind>{
      {"H_RANK", render::CellKind::kInteger},     {"H_SHEETS", render::CellKind::kInteger},
      {"H_YEAR", render::CellKind::kInteger},     {"H_SELECTED", render::CellKind::kInteger},
      {"H_ELIMINATED", render::CellKind::kInteger}, {"H_CERTIFIED", render::CellKind::kInteger},
      {"H_SCORE", render::CellKind::kDecimal2},   {"H_FINAL_SCORE", render::CellKind::kDecimal2},
  };
  auto it = kKinds->find(heading_key);
  return it == kKinds->end() ? render::CellKind::kText : it->second;
}

// The system's certificate authorities, as OpenSSL finds them.
constexpr char kSystemRoots[] = "/etc/ssl/certs/ca-certificates.crt";

// The PEM roots in `ca_file`, or the system's when it is empty. Never empty:
// gRPC would fall back to roots of its own choosing.
std::string TrustedRoots(const std::string& ca_file) {
  std::string path = ca_file;
  std::string what = "--tls-ca " + ca_file;
  if (path.empty()) {
    const char* env = std::getenv("SSL_CERT_FILE");
    path = env != nullptr && *env != '\0' ? env : kSystemRoots;
    what = "the system's certificate authorities in " + path +
           " (install ca-certificates, or pass --tls-ca FILE)";
  }
  std::ifstream in(path, std::ios::binary);
  std::string pem(std::istreambuf_iterator<char>(in), {});
  if (!in.good() && !in.eof()) pem.clear();
  if (pem.find("-----BEGIN CERTIFICATE-----") == std::string::npos) {
    throw CliError{kExitUsage, "cannot read " + what};
  }
  return pem;
}

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  size_t start = s.find_first_not_of(' ');
  return start == std::string::npos ? "" : s.substr(start);
}

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

std::string ReadTokenFile(const std::string& path) {
  std::string token;
  if (path == "-") {
    std::getline(std::cin, token);
  } else {
    std::ifstream in(path);
    if (!in) throw CliError{kExitUsage, "cannot read token file " + path};
    std::getline(in, token);
  }
  return Trim(token);
}

}  // namespace

int ExitCodeFor(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK: return kExitOk;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::OUT_OF_RANGE: return kExitUsage;
    case grpc::StatusCode::NOT_FOUND: return kExitNotFound;
    case grpc::StatusCode::PERMISSION_DENIED:
    case grpc::StatusCode::UNAUTHENTICATED: return kExitNotAllowed;
    case grpc::StatusCode::FAILED_PRECONDITION:
    case grpc::StatusCode::ALREADY_EXISTS:
    case grpc::StatusCode::ABORTED: return kExitConflict;
    default: return kExitFailure;
  }
}

std::string OutputFileMisplaced(const std::string& format, const std::string& file) {
  return absl::StrCat("-o ", format, " takes no file, but was given '", file,
                      "'; only -o xlsx writes a file (put the command's own arguments before -o)");
}

std::string ConfigPath() { return ConfigDir() + "/config"; }

StoredConfig LoadConfig() {
  StoredConfig config;
  std::ifstream in(ConfigPath());
  std::string line;
  while (std::getline(in, line)) {
    size_t eq = line.find('=');
    if (eq == std::string::npos || line[0] == '#') continue;
    std::string key = Trim(line.substr(0, eq));
    std::string value = Trim(line.substr(eq + 1));
    if (key == "server") config.server = value;
    if (key == "token") config.token = value;
  }
  return config;
}

void SaveConfig(const StoredConfig& config) {
  std::string text = "# talentctl login\nserver = " + config.server + "\ntoken = " +
                     config.token + "\n";
  if (absl::Status s = WritePrivateFile(ConfigPath(), text, /*make_dirs=*/true); !s.ok()) {
    throw CliError{kExitFailure, std::string(s.message())};
  }
}

std::string CliContext::ExplicitToken() {
  if (!options_->token.empty() && !options_->allow_token_arg) {
    throw CliError{kExitUsage,
                   "--token would show the token to anyone running 'ps'; use --token-file, "
                   "TALENT_TOKEN or 'talentctl login' (or add --allow-token-arg)"};
  }
  if (!options_->token.empty()) return options_->token;
  if (!options_->token_file.empty()) return ReadTokenFile(options_->token_file);
  return Env("TALENT_TOKEN");
}

void CliContext::Resolve() {
  if (resolved_) return;
  resolved_ = true;
  StoredConfig stored = LoadConfig();
  server_ = !options_->server.empty()       ? options_->server
            : !Env("TALENT_SERVER").empty() ? Env("TALENT_SERVER")
            : !stored.server.empty()        ? stored.server
                                            : kDefaultServer;
  token_ = ExplicitToken();
  if (token_.empty()) token_ = stored.token;
  // Checked by the server (talentd refuses a malformed one, naming it).
  request_id_ = !options_->request_id.empty() ? options_->request_id
                                              : common::HexEncode(common::RandomBytes(8));
  if (options_->output == "table") {
    format_ = Format::kTable;
  } else if (options_->output == "json") {
    format_ = Format::kJson;
  } else if (options_->output == "csv") {
    format_ = Format::kCsv;
  } else if (options_->output == "xlsx") {
    format_ = Format::kXlsx;
  } else {
    throw CliError{kExitUsage, "-o must be table, json, csv or xlsx FILE"};
  }
  if (format_ == Format::kXlsx && options_->output_file.empty()) {
    throw CliError{kExitUsage, "-o xlsx needs the file to write: -o xlsx FILE.xlsx"};
  }
  if (format_ != Format::kXlsx && !options_->output_file.empty()) {
    throw CliError{kExitUsage, OutputFileMisplaced(options_->output, options_->output_file)};
  }
  std::string lang = !options_->lang.empty() ? options_->lang : Env("LANG");
  lang_ = common::LangFromString(lang.c_str());
  if (options_->timeout_seconds <= 0) throw CliError{kExitUsage, "--timeout must be positive"};
}

std::shared_ptr<grpc::Channel> CliContext::channel() {
  Resolve();
  if (!channel_) {
    grpc::ChannelArguments args;
    args.SetMaxReceiveMessageSize(64 << 20);
    std::shared_ptr<grpc::ChannelCredentials> credentials = grpc::InsecureChannelCredentials();
    if (options_->tls || !options_->tls_ca.empty()) {
      grpc::SslCredentialsOptions tls;
      tls.pem_root_certs = TrustedRoots(options_->tls_ca);
      credentials = grpc::SslCredentials(tls);
    }
    channel_ = grpc::CreateCustomChannel(server_, credentials, args);
  }
  return channel_;
}

std::unique_ptr<grpc::ClientContext> CliContext::Call(bool anonymous) {
  Resolve();
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::milliseconds(
                            static_cast<int64_t>(options_->timeout_seconds * 1000)));
  if (!anonymous) {
    if (token_.empty()) {
      throw CliError{kExitNotAllowed,
                     "not logged in: run 'talentctl login', or set TALENT_TOKEN"};
    }
    context->AddMetadata("authorization", "Bearer " + token_);
  }
  context->AddMetadata("x-request-id", request_id_);
  return context;
}

void CliContext::Check(const grpc::Status& status) const {
  if (status.ok()) return;
  std::string message = status.error_message();
  switch (status.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
      message = "cannot reach talentd at " + server_ +
                " (is it running? set --server or TALENT_SERVER): " + message;
      break;
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      message = "talentd at " + server_ + " did not answer in time (raise --timeout)";
      break;
    case grpc::StatusCode::INTERNAL:
    case grpc::StatusCode::DATA_LOSS:
    case grpc::StatusCode::UNKNOWN:
      message += " (request id " + request_id_ + ")";
      break;
    default:
      break;
  }
  throw CliError{ExitCodeFor(status.error_code()), message};
}

std::string CliContext::L(const std::string& key) const {
  return std::string(common::Label(key, lang()));
}

void CliContext::Print(std::string_view text) const {
  if (out_) {
    out_->write(text.data(), static_cast<std::streamsize>(text.size()));
  } else {
    std::fwrite(text.data(), 1, text.size(), stdout);
  }
}

void CliContext::PrintJson(const google::protobuf::Message& message) const {
  absl::StatusOr<std::string> json = FormatJson(message);
  if (!json.ok()) throw CliError{kExitFailure, std::string(json.status().message())};
  Print(*json);
}

void CliContext::ObserveServer(const grpc::ClientContext& call) {
  const auto& metadata = call.GetServerInitialMetadata();
  auto kind = metadata.find("talent-database-kind");
  if (kind == metadata.end() || kind->second != "rehearsal" || rehearsal_) return;
  rehearsal_ = true;
  Note(absl::StrCat("talentctl: ", kRehearsalMark, " database — nothing in it is real"));
}

std::string CliContext::Reason(const std::string& text) const {
  if (lang() != common::Lang::kChinese) return text;
  size_t colon = text.rfind(": ");
  const std::string head = colon == std::string::npos ? "" : text.substr(0, colon + 2);
  const std::string tail = colon == std::string::npos ? text : text.substr(colon + 2);
  // Exactly the server's English (ignoring case), never a loose match: a
  // typed "fail" stays "fail".
  for (const char* key : {"ELIM_ABSENT", "ELIM_TWO_PASS", "ELIM_VETO", "ELIM_FAIL", "ELIM_BOTTOM"}) {
    if (absl::EqualsIgnoreCase(tail, common::EnglishLabel(key))) return head + L(key);
  }
  return text;
}

void CliContext::PrintRows(const std::vector<std::string>& heading_keys, const Rows& rows) const {
  if (format() == Format::kXlsx) return WriteWorkbook(heading_keys, rows);
  std::vector<std::string> headings;
  for (const std::string& key : heading_keys) headings.push_back(L(key));
  if (rehearsal_ && format() == Format::kTable) Print(absl::StrCat("[", kRehearsalMark, "]\n"));
  Print(FormatRows(format(), headings, rows));
}

void CliContext::PrintRecord(const Fields& fields) const {
  if (format() == Format::kXlsx) {
    std::vector<std::string> keys;
    std::vector<std::string> values;
    for (const auto& [key, value] : fields) {
      keys.push_back(key);
      values.push_back(value);
    }
    return WriteWorkbook(keys, {values});
  }
  Fields named;
  for (const auto& [key, value] : fields) named.emplace_back(L(key), value);
  Print(FormatRecord(format(), named));
}

void CliContext::WriteWorkbook(const std::vector<std::string>& heading_keys,
                               const Rows& rows) const {
  std::vector<render::SheetColumn> columns;
  for (const std::string& key : heading_keys) columns.push_back({L(key), ColumnKind(key)});
  // The tab says what the workbook is; a rehearsal's says so first.
  std::string sheet = lang() == common::Lang::kChinese ? "数据" : "Data";
  if (rehearsal_) sheet = absl::StrCat(kRehearsalMark, " ", sheet);
  if (absl::Status s = render::WriteXlsx(options_->output_file, sheet, columns, rows); !s.ok()) {
    throw CliError{kExitFailure, std::string(s.message())};
  }
  Note(absl::StrCat("wrote ", rows.size(), rows.size() == 1 ? " row" : " rows", " to ",
                    options_->output_file));
}

void CliContext::Confirm(const std::string& prompt) const {
  if (options_->yes) return;
  if (!::isatty(STDIN_FILENO)) {
    throw CliError{kExitUsage, prompt + ": add --yes to confirm (no terminal to ask on)"};
  }
  std::fprintf(stderr, "%s [y/N] ", prompt.c_str());
  std::fflush(stderr);
  std::string answer;
  std::getline(std::cin, answer);
  if (answer != "y" && answer != "Y" && answer != "yes") {
    throw CliError{kExitFailure, "cancelled"};
  }
}

void CliContext::Note(const std::string& message) const {
  // Messages echo what users and servers sent: a terminal gets each line
  // without control or invisible characters (an ESC sequence in a cell).
  std::vector<std::string> lines;
  for (absl::string_view line : absl::StrSplit(message, '\n')) {
    lines.push_back(common::SanitizeForDisplay(line, 0));
  }
  const std::string safe = absl::StrJoin(lines, "\n");
  if (err_) {
    *err_ << safe << "\n";
  } else {
    std::fprintf(stderr, "%s\n", safe.c_str());
  }
}

void CliContext::PrintMore(int64_t listed, int64_t total) const {
  if (total <= listed) return;
  std::string more = absl::StrCat("… and ", total - listed, " more");
  if (format() == Format::kTable) {
    Print(more + "\n");
  } else {
    Note(more);
  }
}

}  // namespace talent::client
