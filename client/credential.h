// Offline certificates: a certificate exported as a JSON credential shaped
// after Open Badges 3.0 (an OpenBadgeCredential whose achievement is the
// high-level talent title, with the final score and the achieved level
// "excellent / 优秀" as its result, the issuer, dates and a proof), and the
// check of such a file against the issuer's public key with no server.
//
// The proof is our own: an Ed25519 signature over the canonical payload of
// common/certificate_payload.h (cryptosuite "talent-certificate-v1-ed25519"),
// not a JSON-LD Data Integrity suite, so generic Open Badges verifiers can
// read the file but not check the proof. Checking rebuilds the whole
// document from the signed facts and compares it with the file, first as
// JSON (naming what kind of change it is), then byte for byte: any change
// fails, to a value, a key, the structure or even the layout, not only a
// change to a signed fact.
// Pure functions; thread-safe.
#ifndef TALENT_CLIENT_CREDENTIAL_H_
#define TALENT_CLIENT_CREDENTIAL_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/certificate_payload.h"

namespace talent::client {

inline constexpr char kCredentialCryptosuite[] = "talent-certificate-v1-ed25519";

struct SignedCertificate {
  common::CertificateFacts facts;
  std::string public_key;  // 32 bytes
  std::string signature;   // 64 bytes
};

// The credential as JSON text (two-space indent, trailing newline). The
// same certificate always gives the same bytes. A rehearsal certificate
// (facts.rehearsal) has "rehearsal": true among its facts and a name that
// begins "演练 REHEARSAL · "; it is checked over the rehearsal payload.
std::string ExportCredential(const SignedCertificate& certificate);

// Checks a credential file against `trusted_public_key` (32 bytes) and
// returns what it certifies. INVALID_ARGUMENT when the text is not JSON or
// not a credential this program wrote (naming what is missing); DATA_LOSS
// when it was altered (it differs from the document its facts make), was
// signed by another key, or its signature does not verify; its bytes must be
// those ExportCredential wrote (a missing final newline is forgiven).
absl::StatusOr<SignedCertificate> VerifyCredential(absl::string_view json,
                                                   absl::string_view trusted_public_key);

// The public key as talentctl prints it (URL-safe base64 without padding),
// back to its 32 bytes. INVALID_ARGUMENT otherwise.
absl::StatusOr<std::string> ParsePublicKey(absl::string_view text);

}  // namespace talent::client

#endif  // TALENT_CLIENT_CREDENTIAL_H_
