// Hashing and randomness from libsodium: SHA-256 (token hashes, the audit
// chain) and cryptographically random bytes (token secrets). Thread-safe
// once InitCrypto() has run (it is idempotent and thread-safe itself).
#ifndef TALENT_COMMON_CRYPTO_H_
#define TALENT_COMMON_CRYPTO_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"

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

}  // namespace talent::common

#endif  // TALENT_COMMON_CRYPTO_H_
