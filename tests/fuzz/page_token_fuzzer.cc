// Page tokens (server/core/context.h) on any bytes: a token that decodes,
// encoded again, decodes to the same key; every key this server could put
// in a token (up to 189 bytes: what fits in the 256 characters a token may
// have) comes back from its token unchanged; anything else is refused with
// INVALID_ARGUMENT.
#include <cstddef>
#include <cstdint>
#include <string>

#include "server/core/context.h"
#include "tests/fuzz/fuzz_check.h"

using talent::core::DecodePageToken;
using talent::core::EncodePageToken;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const auto key = DecodePageToken(input);
  if (key.ok()) {
    FUZZ_CHECK(input.size() <= 256);
    const auto again = DecodePageToken(EncodePageToken(*key));
    FUZZ_CHECK(again.ok() && *again == *key);
  } else {
    FUZZ_CHECK(key.status().code() == absl::StatusCode::kInvalidArgument);
  }
  // The input as a key.
  const std::string token = EncodePageToken(input);
  const auto decoded = DecodePageToken(token);
  if (input.size() <= 189) {
    FUZZ_CHECK(decoded.ok() && *decoded == input);
  } else {
    FUZZ_CHECK(!decoded.ok());
  }
  return 0;
}
