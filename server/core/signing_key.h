// The server's Ed25519 signing key (libsodium), kept in a file of mode 0600
// beside the database: made by `talentd init` (and `talentd key rotate`),
// used to sign certificates; and its passphrase-encrypted backup (`talentd
// key export` / `import`). Thread-safe (no shared state).
//
// Key file: "talent-ed25519-v1\n", then the 64-byte secret key (seed and
// public key) in hex and "\n".
//
// Backup file (text, mode 0600):
//
//   talent-key-backup-v1\n
//   kdf:argon2id13:<opslimit>:<memlimit>\n      (crypto_pwhash, MODERATE)
//   salt:<32 hex digits>\n
//   nonce:<48 hex digits>\n
//   public:<the public key, URL-safe base64 as talentctl prints it>\n
//   box:<hex of crypto_secretbox_easy of the 64-byte secret key>\n
//
// The box's key is derived from the passphrase with Argon2id over the salt;
// a wrong passphrase, or any change to the salt, limits, nonce or box,
// fails to open it, and the public line must match what it holds.
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

// Writes `key` to a new file `path` (mode 0600, synced with its directory;
// ALREADY_EXISTS when it exists).
absl::Status WriteSigningKeyFile(const std::string& path, const SigningKey& key);

// Reads a key written by CreateSigningKeyFile. NOT_FOUND when missing,
// DATA_LOSS when malformed, FAILED_PRECONDITION when readable by others.
absl::StatusOr<SigningKey> LoadSigningKeyFile(const std::string& path);

// The passphrase of a backup: at least 8 characters (INVALID_ARGUMENT).
absl::Status CheckBackupPassphrase(const std::string& passphrase);

// Writes `key` encrypted under `passphrase` to a new file `path` (above;
// mode 0600). ALREADY_EXISTS when it exists; INVALID_ARGUMENT for a short
// passphrase.
absl::Status ExportSigningKey(const SigningKey& key, const std::string& passphrase,
                              const std::string& path);

// The key in the backup `path`. NOT_FOUND when missing; DATA_LOSS when it
// is not a complete backup (truncated, or a line changed out of shape) or
// its public line disagrees with the key it holds; PERMISSION_DENIED
// "wrong passphrase, or the file was changed" when the box does not open.
absl::StatusOr<SigningKey> ImportSigningKey(const std::string& path,
                                            const std::string& passphrase);

}  // namespace talent::core

#endif  // TALENT_SERVER_CORE_SIGNING_KEY_H_
