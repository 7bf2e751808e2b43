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
    core::AuditQuery query{req->user(), req->token_id(), req->resource(), req->start_time(),
                           req->end_time()};
    ASSIGN_OR_RETURN(auto page,
                     audit_->ListAuditEvents({req->page_size(), req->page_token()}, query));
    for (const domain::AuditEvent& e : page.items) ToProto(e, resp->add_events());
    resp->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status AuditService::VerifyAuditLog(grpc::ServerContext* context,
                                          const v1::VerifyAuditLogRequest* req,
                                          v1::VerifyAuditLogResponse* resp) {
  return Call(users_, context, AuditRpc("VerifyAuditLog"), [&](const core::Caller&) -> absl::Status {
    ASSIGN_OR_RETURN(core::AuditVerification checked,
                     audit_->VerifyAuditLog(req->known_sequence()));
    resp->set_events_checked(checked.events);
    resp->set_covered_checked(checked.covered);
    ToProto(checked.head, resp->mutable_head());
    resp->set_known_hash(checked.known_hash);
    return absl::OkStatus();
  });
}

grpc::Status AuditService::ExportAuditLog(grpc::ServerContext* context,
                                          const v1::ExportAuditLogRequest* req,
                                          v1::ExportAuditLogResponse* resp) {
  return Call(users_, context, AuditRpc("ExportAuditLog"), [&](const core::Caller&) -> absl::Status {
    ASSIGN_OR_RETURN(core::Audit::ExportPage page,
                     audit_->ExportAuditLog({req->page_size(), req->page_token()}));
    for (const common::ChainedEvent& e : page.events.items) ToProto(e, resp->add_events());
    resp->set_next_page_token(page.events.next_page_token);
    if (page.head) ToProto(*page.head, resp->mutable_head());
    return absl::OkStatus();
  });
}

}  // namespace talent::service
