// The audit log's hash chain and its signed head, shared by talentd (which
// extends and checks the chain) and talentctl (which checks an exported
// log offline, and remembers the last head it saw).
//
// Each event's hash is SHA-256 over the previous event's hash and the
// event's fields, each length-prefixed so no choice of text can pass for
// another event. Two formats:
//  - 1 (events written before the chain named actors): id, time, user id,
//    method, resource, detail;
//  - 2: a domain tag, then id, time, user id, username, token id, method,
//    resource, detail and the content hash (what the event left in the
//    covered tables: sheets with their points and history, stored results),
//    and, only when the event has one, a tag and the request id of the call
//    that made it (so events written before request ids were recorded keep
//    their hashes).
// A chain never goes back from format 2 to 1.
//
// The head (sequence, hash, time) is signed with the server's Ed25519 key
// over a message with its own domain tag, so no head signature can pass for
// a certificate's and no certificate signature for a head's.
// Pure functions; thread-safe.
#ifndef TALENT_COMMON_AUDIT_CHAIN_H_
#define TALENT_COMMON_AUDIT_CHAIN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace talent::common {

inline constexpr int kAuditFormatNamed = 2;  // the format new events are written in

// The hashed fields of one event.
struct ChainedEvent {
  int64_t id = 0;
  int64_t time = 0;
  int64_t user_id = 0;
  std::string username;
  int64_t token_id = 0;
  std::string method;
  std::string resource;
  std::string detail;
  int format = kAuditFormatNamed;
  std::string content_hash;  // 32 bytes, or empty when the event covers no table
  std::string request_id;    // the call's request id; empty: none (hashed only when not)
  std::string prev_hash;     // 32 bytes
  std::string hash;          // 32 bytes
};

// The hash of `event` after `prev_hash` (event.prev_hash and event.hash are
// not read).
std::string AuditEventHash(absl::string_view prev_hash, const ChainedEvent& event);

// The hash before the first event: 32 zero bytes.
std::string AuditGenesisHash();

// Checks a chain from its first event, one event at a time, oldest first:
// ids 1, 2, 3 …, each prev_hash the previous hash, each hash recomputed, no
// format going back. Thread-compatible.
class AuditChainVerifier {
 public:
  // DATA_LOSS naming the event when it does not follow; the verifier is
  // then spent.
  absl::Status Next(const ChainedEvent& event);
  int64_t count() const { return count_; }
  const std::string& last_hash() const { return prev_; }

 private:
  std::string prev_ = AuditGenesisHash();
  int format_ = 1;
  int64_t count_ = 0;
};

// The same over a whole chain.
absl::Status VerifyAuditChain(const std::vector<ChainedEvent>& events);

// The content hash of the rows an event left in the covered tables: one
// (key, digest) pair per covered thing it touched, in key order. Empty
// when there are none.
std::string AuditContentHash(const std::vector<std::pair<std::string, std::string>>& covers);

// The signed head of the chain.
struct AuditHead {
  int64_t sequence = 0;  // the last event's id; 0 for an empty log
  std::string hash;      // 32 bytes: the last event's hash (genesis when empty)
  int64_t time = 0;      // when the head was signed (Unix seconds)
  std::string public_key;  // 32 bytes
  std::string signature;   // 64 bytes
};

// The bytes a head's signature covers.
std::string AuditHeadMessage(int64_t sequence, absl::string_view hash, int64_t time);

// Whether head.signature is head.public_key's signature of the head.
bool AuditHeadSigned(const AuditHead& head);

}  // namespace talent::common

#endif  // TALENT_COMMON_AUDIT_CHAIN_H_
