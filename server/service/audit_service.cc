#include "server/service/audit_service.h"

#include "common/clock.h"
#include "common/status_macros.h"
#include "server/service/access.h"

namespace talent::service {

grpc::Status AuditService::ListAuditEvents(grpc::ServerContext* context,
                                           const v1::ListAuditEventsRequest* req,
                                           v1::ListAuditEventsResponse* resp) {
  return Call(core_, context, "ListAuditEvents", [&](const core::Caller&) -> absl::Status {
    ASSIGN_OR_RETURN(auto page, core_->ListAuditEvents({req->page_size(), req->page_token()}));
    for (const storage::AuditEvent& e : page.items) {
      v1::AuditEvent* out = resp->add_events();
      out->set_id(e.id);
      out->set_time(common::FormatTimestamp(e.time));
      out->set_user(e.username);
      out->set_method(e.method);
      out->set_resource(e.resource);
      out->set_detail(e.detail);
      out->set_hash(e.hash);
    }
    resp->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status AuditService::VerifyAuditLog(grpc::ServerContext* context,
                                          const v1::VerifyAuditLogRequest*,
                                          v1::VerifyAuditLogResponse* resp) {
  return Call(core_, context, "VerifyAuditLog", [&](const core::Caller&) -> absl::Status {
    ASSIGN_OR_RETURN(int64_t checked, core_->VerifyAuditLog());
    resp->set_events_checked(checked);
    return absl::OkStatus();
  });
}

}  // namespace talent::service
