// The facts a certificate states, and the canonical bytes its Ed25519
// signature covers. Shared by talentd (which signs) and talentctl (which
// verifies an exported certificate offline), so both build the same bytes
// from the same facts. Pure functions; thread-safe.
//
// Payload, version 1: the UTF-8 bytes
//
//   <context>\n                      (talent-certificate-v1, or for a
//                                    rehearsal certificate
//                                    talent-rehearsal-certificate-v1)
//   number:<n>:<value>\n
//   holder_name:<n>:<value>\n
//   masked_national_id:<n>:<value>\n
//   track:<n>:<value>\n              (a label key: TRACK_SERVICE, …)
//   programme_code:<n>:<value>\n
//   programme_title:<n>:<value>\n
//   cohort_year:<n>:<value>\n        (decimal)
//   final_score:<n>:<value>\n        (two decimals: "92.35")
//   rating:<n>:<value>\n             (a label key: RATING_EXCELLENT)
//   issuer:<n>:<value>\n
//   issue_date:<n>:<value>\n         (YYYY-MM-DD, China Standard Time)
//
// in exactly this order, where <n> is the decimal byte length of <value>:
// a value may hold any byte (even a newline) and the encoding stays
// unambiguous. Revocation is not signed: it is a fact of the register, told
// by the server.
//
// The context string separates the two kinds of database (docs/operations.md
// §11): a certificate issued by a rehearsal database is signed over bytes
// that begin with the rehearsal context, so its signature never verifies as
// a production certificate's, even when one key signed both. A verifier
// rebuilds the payload from the kind it expects (talentd: its database's
// kind; an exported credential: the kind it declares, which is then shown).
#ifndef TALENT_COMMON_CERTIFICATE_PAYLOAD_H_
#define TALENT_COMMON_CERTIFICATE_PAYLOAD_H_

#include <cstdint>
#include <string>

namespace talent::common {

inline constexpr char kCertificatePayloadVersion[] = "talent-certificate-v1";
inline constexpr char kRehearsalCertificatePayloadVersion[] = "talent-rehearsal-certificate-v1";

struct CertificateFacts {
  std::string number;              // "SCSW-2023-S001"
  std::string holder_name;         // "张伟"
  std::string masked_national_id;  // "**************1234" (older: "510104********1234")
  std::string track;               // "TRACK_SERVICE"
  std::string programme_code;      // "SCSW"
  std::string programme_title;
  int cohort_year = 0;
  int64_t final_score = 0;         // hundredths
  std::string rating;              // "RATING_EXCELLENT"
  std::string issuer;
  std::string issue_date;          // "2023-12-20"
  // Issued by a rehearsal database: not a field of the payload, it chooses
  // the payload's context string (above).
  bool rehearsal = false;

  friend bool operator==(const CertificateFacts& a, const CertificateFacts& b);
};

// The version-1 payload of `facts` (see above), in the production or the
// rehearsal context as `facts.rehearsal` says.
std::string CertificatePayload(const CertificateFacts& facts);

}  // namespace talent::common

#endif  // TALENT_COMMON_CERTIFICATE_PAYLOAD_H_
