#include "server/service/programme_service.h"

#include "common/resource_names.h"
#include "common/status_macros.h"
#include "server/service/access.h"
#include "server/service/mapping.h"

namespace talent::service {
namespace {

// The RPCs of talent.v1.ProgrammeService, checked against the API's descriptors.
const Rpc& ProgrammeRpc(const char* method) {
  return FindRpc(v1::ProgrammeService::service_full_name(), method);
}

// The RPCs of talent.v1.CohortService, checked against the API's descriptors.
const Rpc& CohortRpc(const char* method) {
  return FindRpc(v1::CohortService::service_full_name(), method);
}

}  // namespace

using core::Caller;

grpc::Status ProgrammeService::CreateProgramme(grpc::ServerContext* context,
                                               const v1::CreateProgrammeRequest* req,
                                               v1::Programme* resp) {
  return Call(users_, context, ProgrammeRpc("CreateProgramme"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(domain::Programme p,
                     programmes_->CreateProgramme(caller, FromProto(req->programme()), req->request_id()));
    ToProto(p, resp);
    return absl::OkStatus();
  });
}

grpc::Status ProgrammeService::GetProgramme(grpc::ServerContext* context,
                                            const v1::GetProgrammeRequest* req,
                                            v1::Programme* resp) {
  return Call(users_, context, ProgrammeRpc("GetProgramme"), [&](const Caller&) -> absl::Status {
    ASSIGN_OR_RETURN(std::string code, common::ParseProgrammeName("name", req->name()));
    ASSIGN_OR_RETURN(domain::Programme p, programmes_->GetProgramme(code));
    ToProto(p, resp);
    return absl::OkStatus();
  });
}

grpc::Status ProgrammeService::ListProgrammes(grpc::ServerContext* context,
                                              const v1::ListProgrammesRequest* req,
                                              v1::ListProgrammesResponse* resp) {
  return Call(users_, context, ProgrammeRpc("ListProgrammes"), [&](const Caller&) -> absl::Status {
    ASSIGN_OR_RETURN(auto page, programmes_->ListProgrammes({req->page_size(), req->page_token()}));
    for (const domain::Programme& p : page.items) ToProto(p, resp->add_programmes());
    resp->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status ProgrammeService::GetProgrammeProgress(grpc::ServerContext* context,
                                                    const v1::GetProgrammeProgressRequest* req,
                                                    v1::ProgrammeProgress* resp) {
  return Call(users_, context, ProgrammeRpc("GetProgrammeProgress"), [&](const Caller&) -> absl::Status {
    ASSIGN_OR_RETURN(std::string code, common::ParseProgrammeName("name", req->name()));
    ASSIGN_OR_RETURN(domain::ProgrammeProgress progress, certificates_->GetProgress(code));
    ToProto(progress, code, resp);
    return absl::OkStatus();
  });
}

grpc::Status ProgrammeService::UpdateProgramme(grpc::ServerContext* context,
                                               const v1::UpdateProgrammeRequest* req,
                                               v1::Programme* resp) {
  return Call(users_, context, ProgrammeRpc("UpdateProgramme"), [&](const Caller& caller) -> absl::Status {
    const v1::Programme& in = req->programme();
    ASSIGN_OR_RETURN(std::string code,
                     common::ParseProgrammeName("programme.name",
                                                in.name().empty() ? in.code() : in.name()));
    std::vector<std::string> mask(req->update_mask().begin(), req->update_mask().end());
    ASSIGN_OR_RETURN(domain::Programme p,
                     programmes_->UpdateProgramme(caller, code, FromProto(in), mask));
    ToProto(p, resp);
    return absl::OkStatus();
  });
}

grpc::Status CohortService::CreateCohort(grpc::ServerContext* context,
                                         const v1::CreateCohortRequest* req, v1::Cohort* resp) {
  return Call(users_, context, CohortRpc("CreateCohort"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(std::string code,
                     common::ParseProgrammeName("cohort.programme", req->cohort().programme()));
    ASSIGN_OR_RETURN(domain::Cohort c,
                     programmes_->CreateCohort(caller, code, req->cohort().year(),
                                         FromProto(req->cohort().quotas()), req->request_id()));
    ToProto(c, resp);
    return absl::OkStatus();
  });
}

grpc::Status CohortService::GetCohort(grpc::ServerContext* context,
                                      const v1::GetCohortRequest* req, v1::Cohort* resp) {
  return Call(users_, context, CohortRpc("GetCohort"), [&](const Caller&) -> absl::Status {
    ASSIGN_OR_RETURN(common::CohortRef ref, common::ParseCohortName("name", req->name()));
    ASSIGN_OR_RETURN(domain::Cohort c, programmes_->GetCohort(ref.code, ref.year));
    ToProto(c, resp);
    return absl::OkStatus();
  });
}

grpc::Status CohortService::ListCohorts(grpc::ServerContext* context,
                                        const v1::ListCohortsRequest* req,
                                        v1::ListCohortsResponse* resp) {
  return Call(users_, context, CohortRpc("ListCohorts"), [&](const Caller&) -> absl::Status {
    std::string code;
    if (!req->programme().empty()) {
      ASSIGN_OR_RETURN(code, common::ParseProgrammeName("programme", req->programme()));
    }
    ASSIGN_OR_RETURN(auto page, programmes_->ListCohorts(code, {req->page_size(), req->page_token()}));
    for (const domain::Cohort& c : page.items) ToProto(c, resp->add_cohorts());
    resp->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status CohortService::SetQuotas(grpc::ServerContext* context,
                                      const v1::SetQuotasRequest* req, v1::Cohort* resp) {
  return Call(users_, context, CohortRpc("SetQuotas"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(common::CohortRef ref, common::ParseCohortName("name", req->name()));
    ASSIGN_OR_RETURN(domain::Cohort c,
                     programmes_->SetQuotas(caller, ref.code, ref.year, FromProto(req->quotas())));
    ToProto(c, resp);
    return absl::OkStatus();
  });
}

grpc::Status CohortService::OpenEnrolment(grpc::ServerContext* context,
                                          const v1::CohortTransitionRequest* req,
                                          v1::Cohort* resp) {
  return Call(users_, context, CohortRpc("OpenEnrolment"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(common::CohortRef ref, common::ParseCohortName("name", req->name()));
    ASSIGN_OR_RETURN(domain::Cohort c, programmes_->OpenEnrolment(caller, ref.code, ref.year));
    ToProto(c, resp);
    return absl::OkStatus();
  });
}

grpc::Status CohortService::StartCultivation(grpc::ServerContext* context,
                                             const v1::CohortTransitionRequest* req,
                                             v1::Cohort* resp) {
  return Call(users_, context, CohortRpc("StartCultivation"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(common::CohortRef ref, common::ParseCohortName("name", req->name()));
    ASSIGN_OR_RETURN(domain::Cohort c, programmes_->StartCultivation(caller, ref.code, ref.year));
    ToProto(c, resp);
    return absl::OkStatus();
  });
}

grpc::Status CohortService::ImportHistory(grpc::ServerContext* context,
                                          const v1::ImportHistoryRequest* req,
                                          v1::ImportHistoryResponse* resp) {
  return Call(users_, context, CohortRpc("ImportHistory"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(std::string code, common::ParseProgrammeName("programme", req->programme()));
    std::vector<core::History::Row> rows;
    rows.reserve(req->rows_size());
    for (const v1::HistoryRow& row : req->rows()) rows.push_back(FromProto(row));
    ASSIGN_OR_RETURN(core::History::Outcome outcome,
                     history_->Import(caller, code, req->year(), std::move(rows), req->dry_run(),
                                      req->request_id()));
    ToProto(outcome, url_base_, resp);
    return absl::OkStatus();
  });
}

}  // namespace talent::service
