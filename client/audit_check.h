// What `talentctl audit verify` checks beyond the server's own answer: the
// signed head against the head this client remembered from its last check
// (so a log that got shorter, was rewritten, or is signed by a key it does
// not trust fails), and an exported log checked offline with the public
// key, as certificates are. Pure functions apart from the heads file;
// thread-compatible.
//
// The export is JSON Lines: a header {"kind": "talent-audit-export",
// "version": 1}, then one object per event with every field its hash covers
// (bytes in hex), then {"head": {...}} with the signed head (public key as
// talentctl prints keys, signature in hex).
#ifndef TALENT_CLIENT_AUDIT_CHECK_H_
#define TALENT_CLIENT_AUDIT_CHECK_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/audit_chain.h"
#include "talent/v1/audit.pb.h"

namespace talent::client {

// A head as remembered: no signature, the key it was signed with.
struct RememberedHead {
  int64_t sequence = 0;
  std::string hash;        // 32 bytes
  int64_t time = 0;
  std::string public_key;  // 32 bytes
};

// Checks `head` (signed) after `before` (the last one remembered for this
// server, if any). `known_hash` is the hash the server's chain has now at
// before->sequence (empty when it is shorter). `trusted_key` (32 bytes, or
// empty) is a key the user vouches for: the head must be signed by it;
// otherwise by the key remembered, or, the first time, any (trust on first
// use; the caller says so). FAILED_PRECONDITION for an unsigned head or an
// untrusted key, DATA_LOSS for a shorter or rewritten chain or a signature
// that does not verify; the message says what happened and what to do.
absl::Status CheckHead(const common::AuditHead& head, const std::optional<RememberedHead>& before,
                       absl::string_view known_hash, absl::string_view trusted_key);

// The heads file: server address → the head last verified there.
// $XDG_CONFIG_HOME/talentctl/audit-heads.json (or ~/.config/…), beside the
// login config.
std::string AuditHeadsPath();
// An empty map when the file is missing; DATA_LOSS when it is unreadable.
absl::StatusOr<std::map<std::string, RememberedHead>> LoadAuditHeads(const std::string& path);
// Writes atomically, mode 0600. INTERNAL when it cannot.
absl::Status SaveAuditHeads(const std::string& path,
                            const std::map<std::string, RememberedHead>& heads);

// The API's messages as the chain's own types.
common::AuditHead AuditHeadFromProto(const v1::AuditHead& head);
common::ChainedEvent ChainedEventFromProto(const v1::ChainedAuditEvent& event);

// The export's text.
std::string AuditExportHeader();
std::string AuditExportLine(const common::ChainedEvent& event);
std::string AuditExportHeadLine(const common::AuditHead& head);

struct CheckedExport {
  int64_t events = 0;
  common::AuditHead head;
};
// Checks an export: every line well-formed, the chain whole from event 1,
// the head naming its last event and signed by `trusted_key` (32 bytes).
// INVALID_ARGUMENT for text that is not an export (naming the line),
// DATA_LOSS when the chain or head does not hold.
absl::StatusOr<CheckedExport> CheckAuditExport(absl::string_view text,
                                               absl::string_view trusted_key);

}  // namespace talent::client

#endif  // TALENT_CLIENT_AUDIT_CHECK_H_
