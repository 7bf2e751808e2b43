#include "server/service/round_service.h"

#include "common/clock.h"
#include "common/fixed_point.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "server/service/access.h"
#include "server/service/mapping.h"

namespace talent::service {
namespace {

// The RPCs of talent.v1.RoundService, checked against the API's descriptors.
const Rpc& RoundRpc(const char* method) {
  return FindRpc(v1::RoundService::service_full_name(), method);
}

using core::Caller;


}  // namespace

grpc::Status RoundService::CreateRound(grpc::ServerContext* context,
                                       const v1::CreateRoundRequest* req, v1::Round* resp) {
  return Call(users_, context, RoundRpc("CreateRound"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(common::CohortRef ref,
                     common::ParseCohortName("round.cohort", req->round().cohort()));
    domain::Round round;
    round.name = req->round().title();
    round.position = req->round().position();
    round.final = req->round().final();
    ASSIGN_OR_RETURN(round, rounds_->CreateRound(caller, ref.code, ref.year, std::move(round)));
    ToProto(ref.code, ref.year, round, resp);
    return absl::OkStatus();
  });
}

grpc::Status RoundService::ListRounds(grpc::ServerContext* context,
                                      const v1::ListRoundsRequest* req,
                                      v1::ListRoundsResponse* resp) {
  return Call(users_, context, RoundRpc("ListRounds"), [&](const Caller&) -> absl::Status {
    ASSIGN_OR_RETURN(common::CohortRef ref, common::ParseCohortName("cohort", req->cohort()));
    ASSIGN_OR_RETURN(auto rounds, rounds_->ListRounds(ref.code, ref.year));
    for (const domain::Round& r : rounds) ToProto(ref.code, ref.year, r, resp->add_rounds());
    return absl::OkStatus();
  });
}

grpc::Status RoundService::GetRound(grpc::ServerContext* context, const v1::GetRoundRequest* req,
                                    v1::Round* resp) {
  return Call(users_, context, RoundRpc("GetRound"), [&](const Caller&) -> absl::Status {
    ASSIGN_OR_RETURN(common::RoundRef ref, common::ParseRoundName("name", req->name()));
    ASSIGN_OR_RETURN(domain::Round round, rounds_->GetRound(ref.code, ref.year, ref.position));
    ToProto(ref.code, ref.year, round, resp);
    return absl::OkStatus();
  });
}

grpc::Status RoundService::OpenRound(grpc::ServerContext* context,
                                     const v1::OpenRoundRequest* req, v1::Round* resp) {
  return Call(users_, context, RoundRpc("OpenRound"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(common::RoundRef ref, common::ParseRoundName("name", req->name()));
    ASSIGN_OR_RETURN(domain::Round round,
                     rounds_->OpenRound(caller, ref.code, ref.year, ref.position));
    ToProto(ref.code, ref.year, round, resp);
    return absl::OkStatus();
  });
}

grpc::Status RoundService::AddConflict(grpc::ServerContext* context,
                                       const v1::AddConflictRequest* req,
                                       v1::AddConflictResponse* resp) {
  return Call(users_, context, RoundRpc("AddConflict"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(std::string assessor, common::ParseUserName("assessor", req->assessor()));
    ASSIGN_OR_RETURN(int64_t enrolment, common::ParseEnrolmentName("enrolment", req->enrolment()));
    ASSIGN_OR_RETURN(core::Rounds::ConflictOutcome out,
                     rounds_->AddConflict(caller, assessor, enrolment, req->reason()));
    resp->set_withdrawn_assignments(out.withdrawn_assignments);
    resp->set_withdrawn_drafts(out.withdrawn_drafts);
    for (const std::string& round : out.submitted_sheets_kept) {
      resp->add_submitted_sheets_kept(round);
    }
    return absl::OkStatus();
  });
}

grpc::Status RoundService::ListConflicts(grpc::ServerContext* context,
                                         const v1::ListConflictsRequest* req,
                                         v1::ListConflictsResponse* resp) {
  return Call(users_, context, RoundRpc("ListConflicts"), [&](const Caller&) -> absl::Status {
    ASSIGN_OR_RETURN(common::CohortRef ref, common::ParseCohortName("cohort", req->cohort()));
    ASSIGN_OR_RETURN(auto conflicts, rounds_->ListConflicts(ref.code, ref.year));
    for (const domain::Conflict& c : conflicts) ToProto(c, resp->add_conflicts());
    return absl::OkStatus();
  });
}

grpc::Status RoundService::AssignAssessors(grpc::ServerContext* context,
                                           const v1::AssignAssessorsRequest* req,
                                           v1::AssignAssessorsResponse* resp) {
  return Call(users_, context, RoundRpc("AssignAssessors"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(common::RoundRef ref, common::ParseRoundName("round", req->round()));
    std::vector<std::string> assessors;
    for (const std::string& name : req->assessors()) {
      ASSIGN_OR_RETURN(std::string username, common::ParseUserName("assessors", name));
      assessors.push_back(std::move(username));
    }
    core::Rounds::AssignmentScope scope;
    for (const std::string& name : req->enrolments()) {
      ASSIGN_OR_RETURN(int64_t id, common::ParseEnrolmentName("enrolments", name));
      scope.enrolment_ids.push_back(id);
    }
    if (!v1::Track_IsValid(req->track())) return absl::InvalidArgumentError("track is not known");
    scope.track = static_cast<domain::Track>(req->track());
    scope.whole_cohort = req->whole_cohort();
    ASSIGN_OR_RETURN(core::Rounds::AssignOutcome outcome,
                     rounds_->Assign(caller, ref.code, ref.year, ref.position, assessors, scope));
    resp->set_assigned(outcome.assigned);
    resp->set_already(outcome.already);
    for (const std::string& reason : outcome.skipped) resp->add_skipped(reason);
    return absl::OkStatus();
  });
}

grpc::Status RoundService::ListAssignments(grpc::ServerContext* context,
                                           const v1::ListAssignmentsRequest* req,
                                           v1::ListAssignmentsResponse* resp) {
  return Call(users_, context, RoundRpc("ListAssignments"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(common::RoundRef ref, common::ParseRoundName("round", req->round()));
    ASSIGN_OR_RETURN(auto assignments,
                     rounds_->ListAssignments(caller, ref.code, ref.year, ref.position));
    for (const domain::Assignment& a : assignments) ToProto(a, resp->add_assignments());
    return absl::OkStatus();
  });
}

grpc::Status RoundService::MarkAbsent(grpc::ServerContext* context,
                                      const v1::MarkAbsentRequest* req, v1::MarkAbsentResponse*) {
  return Call(users_, context, RoundRpc("MarkAbsent"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(common::RoundRef ref, common::ParseRoundName("round", req->round()));
    ASSIGN_OR_RETURN(int64_t enrolment, common::ParseEnrolmentName("enrolment", req->enrolment()));
    return results_->MarkAbsent(caller, ref.code, ref.year, ref.position, enrolment,
                             req->excuse_accepted(), req->reason());
  });
}

grpc::Status RoundService::CloseScoring(grpc::ServerContext* context,
                                        const v1::CloseScoringRequest* req, v1::Round* resp) {
  return Call(users_, context, RoundRpc("CloseScoring"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(common::RoundRef ref, common::ParseRoundName("name", req->name()));
    ASSIGN_OR_RETURN(domain::Round round,
                     results_->CloseScoring(caller, ref.code, ref.year, ref.position));
    ToProto(ref.code, ref.year, round, resp);
    return absl::OkStatus();
  });
}

grpc::Status RoundService::PublishNotice(grpc::ServerContext* context,
                                         const v1::PublishNoticeRequest* req, v1::Round* resp) {
  return Call(users_, context, RoundRpc("PublishNotice"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(common::RoundRef ref, common::ParseRoundName("name", req->name()));
    ASSIGN_OR_RETURN(domain::Round round,
                     results_->PublishNotice(caller, ref.code, ref.year, ref.position));
    ToProto(ref.code, ref.year, round, resp);
    return absl::OkStatus();
  });
}

grpc::Status RoundService::GetResults(grpc::ServerContext* context,
                                      const v1::GetResultsRequest* req, v1::RoundResults* resp) {
  return Call(users_, context, RoundRpc("GetResults"), [&](const Caller&) -> absl::Status {
    ASSIGN_OR_RETURN(common::RoundRef ref, common::ParseRoundName("round", req->round()));
    ASSIGN_OR_RETURN(core::Results::RoundResults results,
                     results_->GetResults(ref.code, ref.year, ref.position));
    ToProto(ref, results, resp);
    return absl::OkStatus();
  });
}

grpc::Status RoundService::FileAppeal(grpc::ServerContext* context,
                                      const v1::FileAppealRequest* req, v1::Appeal* resp) {
  return Call(users_, context, RoundRpc("FileAppeal"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(common::RoundRef ref, common::ParseRoundName("round", req->round()));
    ASSIGN_OR_RETURN(int64_t enrolment, common::ParseEnrolmentName("enrolment", req->enrolment()));
    ASSIGN_OR_RETURN(domain::Appeal appeal, results_->FileAppeal(caller, ref.code, ref.year,
                                                               ref.position, enrolment,
                                                               req->reason(),
                                                               req->request_id()));
    ToProto(ref, appeal, resp);
    return absl::OkStatus();
  });
}

grpc::Status RoundService::ResolveAppeal(grpc::ServerContext* context,
                                         const v1::ResolveAppealRequest* req, v1::Appeal* resp) {
  return Call(users_, context, RoundRpc("ResolveAppeal"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(common::RoundRef ref, common::ParseRoundName("round", req->round()));
    if (req->resolution_state() != v1::APPEAL_STATE_REJECTED &&
        req->resolution_state() != v1::APPEAL_STATE_AMENDED) {
      return absl::InvalidArgumentError("resolution_state must be REJECTED or AMENDED");
    }
    std::vector<std::string> reopen;
    for (const std::string& name : req->reopen()) {
      ASSIGN_OR_RETURN(std::string username, common::ParseUserName("reopen", name));
      reopen.push_back(std::move(username));
    }
    ASSIGN_OR_RETURN(domain::Appeal appeal,
                     results_->ResolveAppeal(caller, ref.code, ref.year, ref.position,
                                          req->appeal_id(),
                                          req->resolution_state() == v1::APPEAL_STATE_AMENDED,
                                          req->resolution(), reopen));
    ToProto(ref, appeal, resp);
    return absl::OkStatus();
  });
}

grpc::Status RoundService::GetPublicNotice(grpc::ServerContext* context,
                                           const v1::GetPublicNoticeRequest* req,
                                           v1::PublicNotice* resp) {
  return Call(users_, context, RoundRpc("GetPublicNotice"), [&](const Caller&) -> absl::Status {
    ASSIGN_OR_RETURN(common::RoundRef ref, common::ParseRoundName("round", req->round()));
    ASSIGN_OR_RETURN(domain::PublicNotice notice,
                     results_->GetPublicNotice(ref.code, ref.year, ref.position));
    ToProto(ref, notice, resp);
    return absl::OkStatus();
  });
}

grpc::Status RoundService::ListAppeals(grpc::ServerContext* context,
                                       const v1::ListAppealsRequest* req,
                                       v1::ListAppealsResponse* resp) {
  return Call(users_, context, RoundRpc("ListAppeals"), [&](const Caller&) -> absl::Status {
    ASSIGN_OR_RETURN(common::RoundRef ref, common::ParseRoundName("round", req->round()));
    ASSIGN_OR_RETURN(auto appeals, results_->ListAppeals(ref.code, ref.year, ref.position));
    for (const domain::Appeal& a : appeals) {
      ToProto(ref, a, resp->add_appeals());
    }
    return absl::OkStatus();
  });
}

grpc::Status RoundService::ConfirmRound(grpc::ServerContext* context,
                                        const v1::ConfirmRoundRequest* req, v1::Round* resp) {
  return Call(users_, context, RoundRpc("ConfirmRound"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(common::RoundRef ref, common::ParseRoundName("name", req->name()));
    ASSIGN_OR_RETURN(domain::Round round,
                     results_->ConfirmRound(caller, ref.code, ref.year, ref.position));
    ToProto(ref.code, ref.year, round, resp);
    return absl::OkStatus();
  });
}

}  // namespace talent::service
