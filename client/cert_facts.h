// Between the API's Certificate message and the signed facts of
// common/certificate_payload.h (track and rating as label keys, the score
// in hundredths). Pure functions; thread-safe.
#ifndef TALENT_CLIENT_CERT_FACTS_H_
#define TALENT_CLIENT_CERT_FACTS_H_

#include "common/certificate_payload.h"
#include "talent/v1/certificate.pb.h"

namespace talent::client {

// The facts a certificate message states. A malformed final_score becomes
// -1, which no signature covers.
common::CertificateFacts FactsOf(const v1::Certificate& certificate);

// A message with the facts' fields set (for printing an offline check).
v1::Certificate ToCertificateMessage(const common::CertificateFacts& facts);

}  // namespace talent::client

#endif  // TALENT_CLIENT_CERT_FACTS_H_
