// gRPC adapter for talent.v1.AuditService: listing and verifying the
// hash-chained audit log. Stateless beyond the use-case pointers; thread-safe.
#ifndef TALENT_SERVER_SERVICE_AUDIT_SERVICE_H_
#define TALENT_SERVER_SERVICE_AUDIT_SERVICE_H_

#include "server/core/audit.h"
#include "server/core/users.h"
#include "talent/v1/audit.grpc.pb.h"

namespace talent::service {

class AuditService final : public v1::AuditService::Service {
 public:
  AuditService(core::Users* users, core::Audit* audit)
      : users_(users), audit_(audit) {}
  grpc::Status ListAuditEvents(grpc::ServerContext* context,
                               const v1::ListAuditEventsRequest* req,
                               v1::ListAuditEventsResponse* resp) override;
  grpc::Status VerifyAuditLog(grpc::ServerContext* context, const v1::VerifyAuditLogRequest* req,
                              v1::VerifyAuditLogResponse* resp) override;

  grpc::Status ExportAuditLog(grpc::ServerContext* context, const v1::ExportAuditLogRequest* req,
                              v1::ExportAuditLogResponse* resp) override;

 private:
  core::Users* const users_;
  core::Audit* const audit_;
};

}  // namespace talent::service

#endif  // TALENT_SERVER_SERVICE_AUDIT_SERVICE_H_
