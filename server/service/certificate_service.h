// gRPC adapter for talent.v1.CertificateService: parse names, map messages,
// call the use cases, convert the status; the public VerifyCertificate is
// rate-limited per caller address. Stateless beyond the use-case pointers,
// the verification page's address and the (thread-safe) limiter;
// thread-safe.
#ifndef TALENT_SERVER_SERVICE_CERTIFICATE_SERVICE_H_
#define TALENT_SERVER_SERVICE_CERTIFICATE_SERVICE_H_

#include <string>

#include "common/rate_limiter.h"
#include "server/core/certificates.h"
#include "server/core/users.h"
#include "talent/v1/certificate.grpc.pb.h"

namespace talent::service {

class CertificateService final : public v1::CertificateService::Service {
 public:
  // `verification_url_base`: where the public verification page is served
  // (e.g. "http://127.0.0.1:8080"); empty when it is not. `verify_limiter`:
  // what each VerifyCertificate call takes from, keyed by the caller's
  // address (null: no limit; not owned).
  CertificateService(core::Users* users, core::Certificates* certificates,
                     std::string verification_url_base, common::RateLimiter* verify_limiter)
      : users_(users),
        certificates_(certificates),
        url_base_(std::move(verification_url_base)),
        verify_limiter_(verify_limiter) {}
  grpc::Status IssueCertificates(grpc::ServerContext* context,
                                 const v1::IssueCertificatesRequest* req,
                                 v1::IssueCertificatesResponse* resp) override;
  grpc::Status ListCertificates(grpc::ServerContext* context,
                                const v1::ListCertificatesRequest* req,
                                v1::ListCertificatesResponse* resp) override;
  grpc::Status GetCertificate(grpc::ServerContext* context, const v1::GetCertificateRequest* req,
                              v1::Certificate* resp) override;
  grpc::Status RevokeCertificate(grpc::ServerContext* context,
                                 const v1::RevokeCertificateRequest* req,
                                 v1::Certificate* resp) override;
  grpc::Status VerifyCertificate(grpc::ServerContext* context,
                                 const v1::VerifyCertificateRequest* req,
                                 v1::VerifyCertificateResponse* resp) override;
  grpc::Status GetPublicKey(grpc::ServerContext* context, const v1::GetPublicKeyRequest* req,
                            v1::PublicKey* resp) override;

 private:
  core::Users* const users_;
  core::Certificates* const certificates_;
  const std::string url_base_;
  common::RateLimiter* const verify_limiter_;
};

}  // namespace talent::service

#endif  // TALENT_SERVER_SERVICE_CERTIFICATE_SERVICE_H_
