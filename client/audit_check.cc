#include "client/audit_check.h"

#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "client/credential.h"
#include "client/private_file.h"
#include "common/crypto.h"

namespace talent::client {
namespace {

using nlohmann::json;

constexpr char kExportKind[] = "talent-audit-export";

std::string KeyText(absl::string_view key) {
  return common::Base64UrlEncode(std::string_view(key.data(), key.size()));
}

std::string ShortHex(absl::string_view bytes) {
  return common::HexEncode(std::string_view(bytes.data(), bytes.size())).substr(0, 16);
}

// Hex of exactly `size` bytes (0: any even length) back to bytes.
bool FromHex(const std::string& text, size_t size, std::string* out) {
  if (text.size() % 2 != 0 || (size != 0 && text.size() != 2 * size)) return false;
  for (char c : text) {
    if (!absl::ascii_isxdigit(static_cast<unsigned char>(c))) return false;
  }
  *out = absl::HexStringToBytes(text);
  return true;
}

}  // namespace

absl::Status CheckHead(const common::AuditHead& head, const std::optional<RememberedHead>& before,
                       absl::string_view known_hash, absl::string_view trusted_key) {
  if (head.public_key.empty() || head.signature.empty()) {
    return absl::FailedPreconditionError(
        "the server sent an unsigned head: it has no signing key, so the log cannot be vouched "
        "for");
  }
  if (!common::AuditHeadSigned(head)) {
    return absl::DataLossError(absl::StrCat("the head's signature does not verify under key ",
                                            KeyText(head.public_key),
                                            ": the answer was altered on its way"));
  }
  if (!trusted_key.empty() && head.public_key != trusted_key) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the head is signed by key ", KeyText(head.public_key), ", not by the key you gave (",
        KeyText(trusted_key), ")"));
  }
  if (trusted_key.empty() && before && head.public_key != before->public_key) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the head is signed by key ", KeyText(head.public_key), ", not by the key ",
        KeyText(before->public_key),
        " this client trusted before; if the server's key was rotated, check the new key "
        "with the server's operator ('talentd key list') and pass it with --pubkey"));
  }
  if (!before) return absl::OkStatus();
  if (head.sequence < before->sequence) {
    return absl::DataLossError(absl::StrCat(
        "the log is shorter than when this client last verified it (", before->sequence,
        " events then, ", head.sequence,
        " now): events were deleted or an older backup was restored"));
  }
  if (known_hash != before->hash) {
    return absl::DataLossError(absl::StrCat(
        "the log was rewritten since this client last verified it: event ", before->sequence,
        " had hash ", ShortHex(before->hash), "…, now ",
        known_hash.empty() ? std::string("none") : absl::StrCat(ShortHex(known_hash), "…")));
  }
  return absl::OkStatus();
}

std::string AuditHeadsPath() { return ConfigDir() + "/audit-heads.json"; }

absl::StatusOr<std::map<std::string, RememberedHead>> LoadAuditHeads(const std::string& path) {
  std::map<std::string, RememberedHead> heads;
  std::ifstream in(path);
  if (!in.is_open()) return heads;
  std::string text(std::istreambuf_iterator<char>(in), {});
  const auto unreadable = [&] {
    return absl::DataLossError(absl::StrCat(
        path, " is not a heads file this program wrote; move it away to start afresh (the next "
              "check then trusts the server's key anew)"));
  };
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return unreadable();
  for (const auto& [server, value] : doc.items()) {
    if (!value.is_object() || !value.contains("sequence") || !value["sequence"].is_number_integer() ||
        !value.contains("time") || !value["time"].is_number_integer() ||
        !value.contains("hash") || !value["hash"].is_string() ||
        !value.contains("public_key") || !value["public_key"].is_string()) {
      return unreadable();
    }
    RememberedHead head;
    head.sequence = value["sequence"].get<int64_t>();
    head.time = value["time"].get<int64_t>();
    absl::StatusOr<std::string> key = ParsePublicKey(value["public_key"].get<std::string>());
    if (!FromHex(value["hash"].get<std::string>(), 32, &head.hash) || !key.ok()) {
      return unreadable();
    }
    head.public_key = *key;
    heads[server] = head;
  }
  return heads;
}

absl::Status SaveAuditHeads(const std::string& path,
                            const std::map<std::string, RememberedHead>& heads) {
  json doc = json::object();
  for (const auto& [server, head] : heads) {
    doc[server] = {{"sequence", head.sequence},
                   {"hash", common::HexEncode(head.hash)},
                   {"time", head.time},
                   {"public_key", KeyText(head.public_key)}};
  }
  return WritePrivateFile(path, doc.dump(2) + "\n", /*make_dirs=*/true);
}

common::AuditHead AuditHeadFromProto(const v1::AuditHead& in) {
  return {in.sequence(), in.hash(), in.time(), in.public_key(), in.signature()};
}

common::ChainedEvent ChainedEventFromProto(const v1::ChainedAuditEvent& in) {
  common::ChainedEvent e;
  e.id = in.id();
  e.time = in.time();
  e.user_id = in.user_id();
  e.username = in.username();
  e.token_id = in.token_id();
  e.method = in.method();
  e.resource = in.resource();
  e.detail = in.detail();
  e.format = in.format();
  e.content_hash = in.content_hash();
  e.prev_hash = in.prev_hash();
  e.hash = in.hash();
  e.request_id = in.request_id();
  return e;
}

std::string AuditExportHeader() {
  return json{{"kind", kExportKind}, {"version", 1}}.dump() + "\n";
}

std::string AuditExportLine(const common::ChainedEvent& e) {
  json line{{"id", e.id},
              {"time", e.time},
              {"user_id", e.user_id},
              {"username", e.username},
              {"token_id", e.token_id},
              {"method", e.method},
              {"resource", e.resource},
              {"detail", e.detail},
              {"format", e.format},
              {"content_hash", common::HexEncode(e.content_hash)},
              {"prev_hash", common::HexEncode(e.prev_hash)},
              {"hash", common::HexEncode(e.hash)}};
  // Only when there is one, as only then is it hashed: the export of an
  // event without one reads as it always did.
  if (!e.request_id.empty()) line["request_id"] = e.request_id;
  return line.dump() + "\n";
}

std::string AuditExportHeadLine(const common::AuditHead& head) {
  return json{{"head",
               {{"sequence", head.sequence},
                {"hash", common::HexEncode(head.hash)},
                {"time", head.time},
                {"public_key", KeyText(head.public_key)},
                {"signature", common::HexEncode(head.signature)}}}}
             .dump() +
         "\n";
}

absl::StatusOr<CheckedExport> CheckAuditExport(absl::string_view text,
                                               absl::string_view trusted_key) {
  std::vector<absl::string_view> lines = absl::StrSplit(text, '\n', absl::SkipEmpty());
  const auto bad = [](size_t line, absl::string_view what) {
    return absl::InvalidArgumentError(
        absl::StrCat("line ", line, ": ", what, " (is this a file 'talentctl audit export' wrote?)"));
  };
  if (lines.empty()) return bad(1, "the file is empty");
  json header = json::parse(lines[0].begin(), lines[0].end(), nullptr, false);
  // Types checked before values: a wrong type must be a clear refusal, not
  // an exception.
  if (!header.is_object() || !header.contains("kind") || !header["kind"].is_string() ||
      header["kind"].get<std::string>() != kExportKind || !header.contains("version") ||
      !header["version"].is_number_integer() || header["version"].get<int64_t>() != 1) {
    return bad(1, "not an audit export header");
  }
  if (lines.size() < 2) return bad(2, "the signed head is missing: the export is cut short");
  common::AuditChainVerifier verifier;
  for (size_t i = 1; i + 1 < lines.size(); ++i) {
    json e = json::parse(lines[i].begin(), lines[i].end(), nullptr, false);
    const auto integer = [&](const char* key) {
      return e.contains(key) && e[key].is_number_integer();
    };
    const auto text_field = [&](const char* key) { return e.contains(key) && e[key].is_string(); };
    if (!e.is_object() || !integer("id") || !integer("time") || !integer("user_id") ||
        !integer("token_id") || !integer("format") || !text_field("username") ||
        !text_field("method") || !text_field("resource") || !text_field("detail") ||
        !text_field("content_hash") || !text_field("prev_hash") || !text_field("hash")) {
      return bad(i + 1, "not an audit event");
    }
    if (e.contains("request_id") && !e["request_id"].is_string()) {
      return bad(i + 1, "not an audit event");
    }
    common::ChainedEvent event;
    event.id = e["id"].get<int64_t>();
    event.time = e["time"].get<int64_t>();
    event.user_id = e["user_id"].get<int64_t>();
    event.username = e["username"].get<std::string>();
    event.token_id = e["token_id"].get<int64_t>();
    event.method = e["method"].get<std::string>();
    event.resource = e["resource"].get<std::string>();
    event.detail = e["detail"].get<std::string>();
    event.format = e["format"].get<int>();
    if (e.contains("request_id")) event.request_id = e["request_id"].get<std::string>();
    if (!FromHex(e["content_hash"].get<std::string>(), 0, &event.content_hash) ||
        !FromHex(e["prev_hash"].get<std::string>(), 32, &event.prev_hash) ||
        !FromHex(e["hash"].get<std::string>(), 32, &event.hash)) {
      return bad(i + 1, "a hash is not hex of the right length");
    }
    if (absl::Status s = verifier.Next(event); !s.ok()) return s;
  }
  json last = json::parse(lines.back().begin(), lines.back().end(), nullptr, false);
  if (!last.is_object() || !last.contains("head") || !last["head"].is_object()) {
    return bad(lines.size(), "the signed head is missing: the export is cut short");
  }
  const json& h = last["head"];
  common::AuditHead head;
  absl::StatusOr<std::string> key =
      h.contains("public_key") && h["public_key"].is_string()
          ? ParsePublicKey(h["public_key"].get<std::string>())
          : absl::InvalidArgumentError("no key");
  if (!h.contains("sequence") || !h["sequence"].is_number_integer() || !h.contains("time") ||
      !h["time"].is_number_integer() || !h.contains("hash") || !h["hash"].is_string() ||
      !h.contains("signature") || !h["signature"].is_string() || !key.ok() ||
      !FromHex(h["hash"].get<std::string>(), 32, &head.hash) ||
      !FromHex(h["signature"].get<std::string>(), 64, &head.signature)) {
    return bad(lines.size(), "not a signed head");
  }
  head.sequence = h["sequence"].get<int64_t>();
  head.time = h["time"].get<int64_t>();
  head.public_key = *key;
  if (head.public_key != trusted_key) {
    return absl::DataLossError(absl::StrCat("the export's head is signed by key ",
                                            KeyText(head.public_key), ", not by the key given (",
                                            KeyText(trusted_key), ")"));
  }
  if (!common::AuditHeadSigned(head)) {
    return absl::DataLossError("the export's head signature does not verify: it was altered");
  }
  if (head.sequence != verifier.count() || head.hash != verifier.last_hash()) {
    return absl::DataLossError(absl::StrCat(
        "the signed head names event ", head.sequence, " but the export ends at event ",
        verifier.count(), ": events were removed or added after it was signed"));
  }
  return CheckedExport{verifier.count(), head};
}

}  // namespace talent::client
