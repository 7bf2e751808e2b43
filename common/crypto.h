// Hashing, randomness and signatures from libsodium: SHA-256 (token hashes,
// the audit chain), cryptographically random bytes (token secrets) and
// Ed25519 detached signatures (certificates). Thread-safe
// once InitCrypto() has run (it is idempotent and thread-safe itself).
#ifndef TALENT_COMMON_CRYPTO_H_
#define TALENT_COMMON_CRYPTO_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace talent::common {

// Initialises libsodium. INTERNAL when it cannot.
absl::Status InitCrypto();

// The 32-byte SHA-256 digest of `data`.
std::string Sha256(std::string_view data);

// `size` random bytes from the operating system's CSPRNG.
std::string RandomBytes(size_t size);

// Lower-case hex of bytes.
std::string HexEncode(std::string_view bytes);

// URL-safe base64 without padding.
std::string Base64UrlEncode(std::string_view bytes);
// The inverse; false when `text` is not URL-safe base64 without padding
// (whitespace is not skipped).
bool Base64UrlDecode(std::string_view text, std::string* bytes);

inline constexpr size_t kEd25519PublicKeyBytes = 32;
inline constexpr size_t kEd25519SecretKeyBytes = 64;
inline constexpr size_t kEd25519SignatureBytes = 64;

struct Ed25519Keys {
  std::string public_key;  // 32 bytes
  std::string secret_key;  // 64 bytes: the seed, then the public key (libsodium's form)
};
// A new random key pair.
Ed25519Keys NewEd25519Keys();
// The key pair of a 32-byte seed (RFC 8032's "secret key"); INVALID_ARGUMENT
// for another size.
absl::StatusOr<Ed25519Keys> Ed25519KeysFromSeed(std::string_view seed);

// The 64-byte Ed25519 signature of `message` under `secret_key` (libsodium's
// 64-byte form: seed then public key). INVALID_ARGUMENT for a key of the
// wrong size.
absl::StatusOr<std::string> Ed25519Sign(std::string_view secret_key, std::string_view message);

// Whether `signature` is a valid Ed25519 signature of `message` under
// `public_key`; false too for a key or signature of the wrong size.
bool Ed25519Verify(std::string_view public_key, std::string_view message,
                   std::string_view signature);

}  // namespace talent::common

#endif  // TALENT_COMMON_CRYPTO_H_
