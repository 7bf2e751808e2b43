#include "server/service/audit_service.h"

#include "common/clock.h"
#include "common/status_macros.h"
#include "server/service/access.h"
#include "server/service/mapping.h"

namespace talent::service {
namespace {

// The RPCs of talent.v1.AuditService, checked against the API's descriptors.
const Rpc& AuditRpc(const char* method) {
  return FindRpc(v1::AuditService::service_full_name(), method);
}

}  // namespace

grpc::Status AuditService::ListAuditEvents(grpc::ServerContext* context,
                                           const v1::ListAuditEventsRequest* req,
                                           v1::ListAuditEventsResponse* resp) {
  return Call(users_, context, AuditRpc("ListAuditEvents"), [&](const core::Caller&) -> absl::Status {
    ASSIGN_OR_RETURN(auto page, audit_->ListAuditEvents({req->page_size(), req->page_token()}));
    for (const domain::AuditEvent& e : page.items) ToProto(e, resp->add_events());
    resp->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status AuditService::VerifyAuditLog(grpc::ServerContext* context,
                                          const v1::VerifyAuditLogRequest*,
                                          v1::VerifyAuditLogResponse* resp) {
  return Call(users_, context, AuditRpc("VerifyAuditLog"), [&](const core::Caller&) -> absl::Status {
    ASSIGN_OR_RETURN(int64_t checked, audit_->VerifyAuditLog());
    resp->set_events_checked(checked);
    return absl::OkStatus();
  });
}

}  // namespace talent::service
