#include "server/service/certificate_service.h"

#include "absl/strings/str_cat.h"
#include "common/client_address.h"
#include "common/crypto.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "server/service/access.h"
#include "server/service/mapping.h"
#include "server/service/metrics.h"

namespace talent::service {
namespace {

// The RPCs of talent.v1.CertificateService, checked against the API's descriptors.
const Rpc& CertificateRpc(const char* method) {
  return FindRpc(v1::CertificateService::service_full_name(), method);
}

// RESOURCE_EXHAUSTED, saying when to try again, once the caller's address
// has used up its verifications.
absl::Status TakeVerification(common::RateLimiter* limiter, const grpc::ServerContext& context) {
  if (limiter == nullptr) return absl::OkStatus();
  common::RateLimiter::Decision decision =
      limiter->Acquire(common::ClientKeyOfGrpcPeer(context.peer()));
  if (decision.allowed) return absl::OkStatus();
  Metrics::Global().CountRateLimited("grpc");
  const int wait = decision.retry_after_seconds;
  return absl::ResourceExhaustedError(
      absl::StrCat("too many certificate verifications from your address; try again in ", wait,
                   wait == 1 ? " second" : " seconds"));
}

}  // namespace

using core::Caller;

grpc::Status CertificateService::IssueCertificates(grpc::ServerContext* context,
                                                   const v1::IssueCertificatesRequest* req,
                                                   v1::IssueCertificatesResponse* resp) {
  return Call(users_, context, CertificateRpc("IssueCertificates"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(common::CohortRef cohort, common::ParseCohortName("parent", req->parent()));
    ASSIGN_OR_RETURN(core::Certificates::IssueOutcome outcome,
                     certificates_->IssueCertificates(caller, cohort.code, cohort.year));
    for (const domain::Certificate& c : outcome.issued) {
      ToProto(c, /*register_fields=*/true, url_base_, resp->add_issued());
    }
    resp->set_already_issued(outcome.already);
    return absl::OkStatus();
  });
}

grpc::Status CertificateService::ListCertificates(grpc::ServerContext* context,
                                                  const v1::ListCertificatesRequest* req,
                                                  v1::ListCertificatesResponse* resp) {
  return Call(users_, context, CertificateRpc("ListCertificates"), [&](const Caller&) -> absl::Status {
    common::CohortRef cohort;
    if (!req->parent().empty()) {
      ASSIGN_OR_RETURN(cohort, common::ParseCohortName("parent", req->parent()));
    }
    ASSIGN_OR_RETURN(auto page, certificates_->ListCertificates(cohort.code, cohort.year,
                                                        {req->page_size(), req->page_token()}));
    for (const domain::Certificate& c : page.items) {
      ToProto(c, /*register_fields=*/true, url_base_, resp->add_certificates());
    }
    resp->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status CertificateService::GetCertificate(grpc::ServerContext* context,
                                                const v1::GetCertificateRequest* req,
                                                v1::Certificate* resp) {
  return Call(users_, context, CertificateRpc("GetCertificate"), [&](const Caller&) -> absl::Status {
    ASSIGN_OR_RETURN(std::string number, common::ParseCertificateName("name", req->name()));
    ASSIGN_OR_RETURN(domain::Certificate c, certificates_->GetCertificate(number));
    ToProto(c, /*register_fields=*/true, url_base_, resp);
    return absl::OkStatus();
  });
}

grpc::Status CertificateService::RevokeCertificate(grpc::ServerContext* context,
                                                   const v1::RevokeCertificateRequest* req,
                                                   v1::Certificate* resp) {
  return Call(users_, context, CertificateRpc("RevokeCertificate"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(std::string number, common::ParseCertificateName("name", req->name()));
    ASSIGN_OR_RETURN(domain::Certificate c,
                     certificates_->RevokeCertificate(caller, number, req->reason(),
                                                       req->request_id()));
    ToProto(c, /*register_fields=*/true, url_base_, resp);
    return absl::OkStatus();
  });
}

grpc::Status CertificateService::VerifyCertificate(grpc::ServerContext* context,
                                                   const v1::VerifyCertificateRequest* req,
                                                   v1::VerifyCertificateResponse* resp) {
  return Call(users_, context, CertificateRpc("VerifyCertificate"), [&](const Caller&) -> absl::Status {
    RETURN_IF_ERROR(TakeVerification(verify_limiter_, *context));
    ASSIGN_OR_RETURN(std::string number, common::ParseCertificateName("number", req->number()));
    ASSIGN_OR_RETURN(core::Certificates::Verification v, certificates_->VerifyCertificate(number));
    resp->set_number(v.number);
    resp->set_rehearsal(v.rehearsal);
    resp->set_invalid_reason(v.reason);
    switch (v.verdict) {
      case core::Certificates::Verdict::kValid: resp->set_result(v1::VERIFICATION_RESULT_VALID); break;
      case core::Certificates::Verdict::kRevoked: resp->set_result(v1::VERIFICATION_RESULT_REVOKED); break;
      case core::Certificates::Verdict::kInvalid: resp->set_result(v1::VERIFICATION_RESULT_INVALID); break;
      case core::Certificates::Verdict::kNotFound:
        resp->set_result(v1::VERIFICATION_RESULT_NOT_FOUND);
        return absl::OkStatus();
    }
    ToProto(v.certificate, /*register_fields=*/false, url_base_, resp->mutable_certificate());
    return absl::OkStatus();
  });
}

grpc::Status CertificateService::GetPublicKey(grpc::ServerContext* context,
                                              const v1::GetPublicKeyRequest*,
                                              v1::PublicKey* resp) {
  return Call(users_, context, CertificateRpc("GetPublicKey"), [&](const Caller&) -> absl::Status {
    std::string key = certificates_->PublicKey();
    if (key.empty()) {
      return absl::FailedPreconditionError(
          "this server has no signing key; start talentd with --key");
    }
    resp->set_algorithm("Ed25519");
    resp->set_key(key);
    resp->set_key_base64url(common::Base64UrlEncode(key));
    return absl::OkStatus();
  });
}

}  // namespace talent::service
