// Use cases of certificates (docs/rules.md §8) and of a programme's progress
// toward its target (§12): issuing to the excellent of a confirmed final
// round, signed with the server's Ed25519 key; the register; verification
// by anyone; revocation; the public key. Each call is one transaction and
// leaves an audit event when it writes.
//
// Thread-safe (see context.h).
#ifndef TALENT_SERVER_CORE_CERTIFICATES_H_
#define TALENT_SERVER_CORE_CERTIFICATES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/core/context.h"
#include "server/domain/certificate_rules.h"

namespace talent::core {

class Certificates {
 public:
  explicit Certificates(Context* context) : ctx_(context) {}

  const common::Clock& clock() const { return ctx_->clock(); }

  // Issues a certificate, signed with the server's key, to every enrolment
  // of the cohort rated excellent in its confirmed final round and not yet
  // certified; each becomes CERTIFIED. Numbers follow the final round's
  // ranking within each track and are never reused. Issuing again issues
  // nothing new (`already` counts the cohort's earlier certificates).
  // NOT_FOUND cohort; FAILED_PRECONDITION before the final round is
  // confirmed or when the server has no signing key; FAILED_PRECONDITION
  // "the signing key was rotated; restart talentd" when the server's key is
  // no longer the table's current key (checked in the write transaction).
  struct IssueOutcome {
    std::vector<domain::Certificate> issued;
    int already = 0;
  };
  absl::StatusOr<IssueOutcome> IssueCertificates(const Caller& caller, const std::string& code,
                                                 int year);
  // Certificates carry facts.rehearsal from the database's kind.
  // Certificates of a cohort (code empty: of every programme), by issue.
  absl::StatusOr<Page<domain::Certificate>> ListCertificates(const std::string& code, int year,
                                                             const PageRequest& page);
  // NOT_FOUND naming the number (typed numbers are normalised first).
  absl::StatusOr<domain::Certificate> GetCertificate(const std::string& number);
  // What anyone may learn of a number: VALID, REVOKED, NOT_FOUND, or
  // INVALID when the register's record is not vouched for: its signature
  // does not verify against the key stored with it (the record was
  // altered), that key is not in the table of trusted keys (re-signed by
  // another key), or the certificate's issue time lies outside the key's
  // validity. A key retired by `talentd key rotate` still vouches for what
  // it signed while current. `reason` says why INVALID. A rehearsal
  // database verifies its certificates as rehearsal ones (common/
  // certificate_payload.h). INVALID_ARGUMENT for an empty number.
  enum class Verdict { kValid, kRevoked, kNotFound, kInvalid };
  struct Verification {
    Verdict verdict = Verdict::kNotFound;
    std::string number;               // normalised
    domain::Certificate certificate;  // unless NOT_FOUND
    std::string reason;               // why INVALID; empty otherwise
    bool rehearsal = false;           // the register is a rehearsal database's
  };
  absl::StatusOr<Verification> VerifyCertificate(const std::string& number);
  // Revokes for good. NOT_FOUND; INVALID_ARGUMENT for an empty reason;
  // FAILED_PRECONDITION when already revoked, but for a retry with the
  // same `request_id`, which returns the certificate it revoked.
  absl::StatusOr<domain::Certificate> RevokeCertificate(const Caller& caller,
                                                        const std::string& number,
                                                        std::string reason,
                                                        const std::string& request_id);
  // The public half of the signing key (32 bytes); empty without a key.
  std::string PublicKey() const;

  // A programme's progress toward its target. NOT_FOUND.
  absl::StatusOr<domain::ProgrammeProgress> GetProgress(const std::string& code);

 private:
  Context* const ctx_;
};

}  // namespace talent::core

#endif  // TALENT_SERVER_CORE_CERTIFICATES_H_
