// The offline credential reader (client/credential.h). The first byte of
// the input chooses what the rest is:
//   even: a whole file, checked against the harness's key — if it verifies,
//         it is byte for byte a credential exported from what it states;
//   odd:  an edit of a valid credential (2 bytes of offset, 1 byte of how
//         many bytes to remove, then the bytes to insert) — it verifies
//         exactly when the edit changed nothing (or only dropped the final
//         newline): any other change fails, as DATA_LOSS or INVALID_ARGUMENT.
// Every input is also tried as a public key: one that parses has 32 bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "client/credential.h"
#include "common/certificate_payload.h"
#include "common/crypto.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/testing/certificate_sample.h"

namespace {

using talent::client::ExportCredential;
using talent::client::ParsePublicKey;
using talent::client::SignedCertificate;
using talent::client::VerifyCredential;

struct Fixture {
  std::string public_key;
  std::string valid;  // the sample certificate's credential
};

const Fixture& Get() {
  static const Fixture* fixture = [] {
    FUZZ_CHECK(talent::common::InitCrypto().ok());
    // A fixed key, so that the seed corpus holds credentials that verify.
    auto keys = talent::common::Ed25519KeysFromSeed(std::string(32, '\x2a'));
    FUZZ_CHECK(keys.ok());
    SignedCertificate certificate;
    certificate.facts = talent::testing::SampleCertificateFacts();
    certificate.public_key = keys->public_key;
    auto signature = talent::common::Ed25519Sign(
        keys->secret_key, talent::common::CertificatePayload(certificate.facts));
    FUZZ_CHECK(signature.ok());
    certificate.signature = *signature;
    return new Fixture{keys->public_key, ExportCredential(certificate)};
  }();
  return *fixture;
}

void CheckRefusal(const absl::Status& status) {
  FUZZ_CHECK(status.code() == absl::StatusCode::kInvalidArgument ||
             status.code() == absl::StatusCode::kDataLoss);
}

}  // namespace

// TALENT_FUZZ_WRITE_SEED=<file> writes the valid credential there (with
// the even mode byte in front): how corpus/credential_fuzzer/valid was made.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const Fixture& fixture = Get();
  if (const char* path = std::getenv("TALENT_FUZZ_WRITE_SEED")) {
    std::ofstream(path, std::ios::binary) << '\0' << fixture.valid;
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const Fixture& fixture = Get();
  const std::string rest(reinterpret_cast<const char*>(data) + 1, size - 1);

  const auto key = ParsePublicKey(rest);
  if (key.ok()) {
    FUZZ_CHECK(key->size() == 32);
    const auto again = ParsePublicKey(talent::common::Base64UrlEncode(*key));
    FUZZ_CHECK(again.ok() && *again == *key);
  }

  if (data[0] % 2 == 0) {
    const auto verified = VerifyCredential(rest, fixture.public_key);
    if (verified.ok()) {
      const std::string exported = ExportCredential(*verified);
      FUZZ_CHECK(rest == exported || rest + "\n" == exported);
    } else {
      CheckRefusal(verified.status());
    }
    return 0;
  }

  if (rest.size() < 3) return 0;
  const std::string& valid = fixture.valid;
  const size_t offset =
      (static_cast<uint8_t>(rest[0]) | static_cast<size_t>(static_cast<uint8_t>(rest[1])) << 8) %
      (valid.size() + 1);
  const size_t removed = std::min<size_t>(static_cast<uint8_t>(rest[2]) % 16, valid.size() - offset);
  const std::string edited =
      valid.substr(0, offset) + rest.substr(3) + valid.substr(offset + removed);
  const auto verified = VerifyCredential(edited, fixture.public_key);
  const bool unchanged = edited == valid || edited + "\n" == valid;
  if (unchanged) {
    FUZZ_CHECK(verified.ok());
  } else {
    FUZZ_CHECK(!verified.ok());
    CheckRefusal(verified.status());
  }
  return 0;
}
