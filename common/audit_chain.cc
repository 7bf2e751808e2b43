#include "common/audit_chain.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/crypto.h"

namespace talent::common {
namespace {

// Domain tags: a hash or signature made for one purpose never passes for
// another.
constexpr absl::string_view kEventTag = "talent-audit-event-v2";
constexpr absl::string_view kContentTag = "talent-audit-content-v1";
constexpr absl::string_view kHeadTag = "talent-audit-head-v1";
constexpr absl::string_view kRequestIdTag = "request-id";

void AppendField(std::string* out, absl::string_view field) {
  absl::StrAppend(out, field.size(), ":", field, ";");
}

}  // namespace

std::string AuditGenesisHash() { return std::string(32, '\0'); }

std::string AuditEventHash(absl::string_view prev_hash, const ChainedEvent& e) {
  std::string canonical(prev_hash);
  if (e.format >= kAuditFormatNamed) AppendField(&canonical, kEventTag);
  AppendField(&canonical, absl::StrCat(e.id));
  AppendField(&canonical, absl::StrCat(e.time));
  AppendField(&canonical, absl::StrCat(e.user_id));
  if (e.format >= kAuditFormatNamed) {
    AppendField(&canonical, e.username);
    AppendField(&canonical, absl::StrCat(e.token_id));
  }
  AppendField(&canonical, e.method);
  AppendField(&canonical, e.resource);
  AppendField(&canonical, e.detail);
  if (e.format >= kAuditFormatNamed) AppendField(&canonical, e.content_hash);
  // Every field before is length-prefixed and their number fixed, so the
  // two fields after them cannot be confused with any of them.
  if (e.format >= kAuditFormatNamed && !e.request_id.empty()) {
    AppendField(&canonical, kRequestIdTag);
    AppendField(&canonical, e.request_id);
  }
  return Sha256(canonical);
}

absl::Status AuditChainVerifier::Next(const ChainedEvent& e) {
  const int64_t expected = count_ + 1;
  if (e.id != expected) {
    return absl::DataLossError(absl::StrCat("audit event ", expected, " is missing (the next is ",
                                            e.id, "): the log was altered"));
  }
  if (e.format < format_ || e.format > kAuditFormatNamed) {
    return absl::DataLossError(absl::StrCat("audit event ", e.id, " has format ", e.format,
                                            " after format ", format_, ": the log was altered"));
  }
  if (e.prev_hash != prev_ || e.hash != AuditEventHash(prev_, e)) {
    return absl::DataLossError(
        absl::StrCat("audit event ", e.id, " does not match the chain: the log was altered"));
  }
  format_ = e.format;
  prev_ = e.hash;
  ++count_;
  return absl::OkStatus();
}

absl::Status VerifyAuditChain(const std::vector<ChainedEvent>& events) {
  AuditChainVerifier verifier;
  for (const ChainedEvent& e : events) {
    if (absl::Status s = verifier.Next(e); !s.ok()) return s;
  }
  return absl::OkStatus();
}

std::string AuditContentHash(const std::vector<std::pair<std::string, std::string>>& covers) {
  if (covers.empty()) return "";
  std::string canonical;
  AppendField(&canonical, kContentTag);
  for (const auto& [key, digest] : covers) {
    AppendField(&canonical, key);
    AppendField(&canonical, digest);
  }
  return Sha256(canonical);
}

std::string AuditHeadMessage(int64_t sequence, absl::string_view hash, int64_t time) {
  std::string message;
  AppendField(&message, kHeadTag);
  AppendField(&message, absl::StrCat(sequence));
  AppendField(&message, hash);
  AppendField(&message, absl::StrCat(time));
  return message;
}

bool AuditHeadSigned(const AuditHead& head) {
  return Ed25519Verify(head.public_key, AuditHeadMessage(head.sequence, head.hash, head.time),
                       head.signature);
}

}  // namespace talent::common
