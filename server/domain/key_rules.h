// Rules of the trusted signing keys and of the two kinds of database
// (docs/operations.md §5 and §11): which key file `talentd serve` may sign
// with, when a certificate's key vouches for it, when a key is retired, and
// who may move the clock. Pure functions on plain values; thread-safe.
#ifndef TALENT_SERVER_DOMAIN_KEY_RULES_H_
#define TALENT_SERVER_DOMAIN_KEY_RULES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace talent::domain {

// A database is made as one kind by `talentd init` and stays that kind: a
// rehearsal database may run its clock ahead and everything it issues says
// so. A database from before the kinds existed is production.
enum class DatabaseKind { kProduction, kRehearsal };

// "production" or "rehearsal", as stored and printed.
const char* DatabaseKindName(DatabaseKind kind);
// The inverse; nullopt for anything else.
std::optional<DatabaseKind> ParseDatabaseKind(std::string_view name);

// `talentd serve --clock-offset-days`: only a rehearsal database accepts the
// flag (given at all, even 0). FAILED_PRECONDITION on a production database.
absl::Status CheckClockOffset(DatabaseKind kind, bool offset_given);

// A key the register trusts: certificates it signed while it was valid.
struct TrustedKey {
  int64_t id = 0;
  std::string public_key;    // Ed25519, 32 bytes
  int64_t valid_from = 0;    // seconds since the epoch
  int64_t valid_until = 0;   // 0: the current key, still signing
  int64_t create_time = 0;
  bool current() const { return valid_until == 0; }
};

// The current key of `keys` (the one with valid_until 0), if any.
std::optional<TrustedKey> CurrentKey(const std::vector<TrustedKey>& keys);

// Empty when `key` vouches for a certificate issued at `issue_time`: the
// key is trusted and valid_from ≤ issue_time, and issue_time ≤ valid_until
// unless the key is current. Otherwise why not, in a sentence for the
// person verifying ("signed by a key this register does not trust").
// `key` is nullopt when the certificate's key is not in the table.
std::string KeyDistrust(const std::optional<TrustedKey>& key, int64_t issue_time);

// What `talentd serve` does with the key of its key file, whose public half
// is `public_key`: kAdopt when the table is empty (a database from before
// the table: the file's key becomes the current key), kUse when it is the
// current key. FAILED_PRECONDITION otherwise, saying which key the file
// holds, which is current, and what to do.
enum class ServingKey { kUse, kAdopt };
absl::StatusOr<ServingKey> DecideServingKey(const std::vector<TrustedKey>& keys,
                                            const std::string& public_key,
                                            const std::string& key_path);

// When the current key is retired by a rotation at `now`: never before the
// last certificate it signed (`latest_issue_time`, 0 when none), whose
// issue time a rehearsal's clock offset may have put ahead of today. The
// new key is valid from the same moment.
int64_t RetireTime(int64_t now, int64_t latest_issue_time);

// Issuing with the server's key (public half `public_key`) at `now`:
// FAILED_PRECONDITION "the signing key was rotated; restart talentd" unless
// it is the table's current key, and when `now` is before the current key's
// valid_from (a clock set back on a rehearsal database).
absl::Status CheckIssuingKey(const std::optional<TrustedKey>& current,
                             const std::string& public_key, int64_t now);

// The public key as talentctl prints it (URL-safe base64, no padding).
std::string FormatPublicKey(const std::string& public_key);

}  // namespace talent::domain

#endif  // TALENT_SERVER_DOMAIN_KEY_RULES_H_
