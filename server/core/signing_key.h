// The server's Ed25519 signing key (libsodium), kept in a file of mode 0600
// beside the database: made once by `talentd init`, used to sign
// certificates. Thread-safe (no shared state).
#ifndef TALENT_SERVER_CORE_SIGNING_KEY_H_
#define TALENT_SERVER_CORE_SIGNING_KEY_H_

#include <string>

#include "absl/status/statusor.h"

namespace talent::core {

struct SigningKey {
  std::string public_key;  // 32 bytes
  std::string secret_key;  // 64 bytes (libsodium's seed + public key)
};

// Creates a new key pair and writes it to `path` (mode 0600, refusing to
// overwrite: ALREADY_EXISTS). Returns the key.
absl::StatusOr<SigningKey> CreateSigningKeyFile(const std::string& path);

// Reads a key written by CreateSigningKeyFile. NOT_FOUND when missing,
// DATA_LOSS when malformed, FAILED_PRECONDITION when readable by others.
absl::StatusOr<SigningKey> LoadSigningKeyFile(const std::string& path);

}  // namespace talent::core

#endif  // TALENT_SERVER_CORE_SIGNING_KEY_H_
