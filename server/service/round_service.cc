#include "server/service/round_service.h"

#include "common/clock.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "server/service/access.h"

namespace talent::service {
namespace {

using core::Caller;

static_assert(static_cast<int>(domain::RoundState::kConfirmed) == v1::ROUND_STATE_CONFIRMED);

void ToProto(const std::string& code, int year, const domain::Round& in, v1::Round* out) {
  out->set_name(common::RoundName(code, year, in.position));
  out->set_cohort(common::CohortName(code, year));
  out->set_title(in.name);
  out->set_position(in.position);
  out->set_final(in.final);
  out->set_state(static_cast<v1::RoundState>(in.state));
  if (in.notice_start) out->set_notice_start(common::FormatTimestamp(in.notice_start));
  if (in.notice_end) out->set_notice_end(common::FormatTimestamp(in.notice_end));
}

}  // namespace

grpc::Status RoundService::CreateRound(grpc::ServerContext* context,
                                       const v1::CreateRoundRequest* req, v1::Round* resp) {
  return Call(core_, context, "CreateRound", [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(common::CohortRef ref,
                     common::ParseCohortName("round.cohort", req->round().cohort()));
    domain::Round round;
    round.name = req->round().title();
    round.position = req->round().position();
    round.final = req->round().final();
    ASSIGN_OR_RETURN(round, core_->CreateRound(caller, ref.code, ref.year, std::move(round)));
    ToProto(ref.code, ref.year, round, resp);
    return absl::OkStatus();
  });
}

grpc::Status RoundService::ListRounds(grpc::ServerContext* context,
                                      const v1::ListRoundsRequest* req,
                                      v1::ListRoundsResponse* resp) {
  return Call(core_, context, "ListRounds", [&](const Caller&) -> absl::Status {
    ASSIGN_OR_RETURN(common::CohortRef ref, common::ParseCohortName("cohort", req->cohort()));
    ASSIGN_OR_RETURN(auto rounds, core_->ListRounds(ref.code, ref.year));
    for (const domain::Round& r : rounds) ToProto(ref.code, ref.year, r, resp->add_rounds());
    return absl::OkStatus();
  });
}

grpc::Status RoundService::GetRound(grpc::ServerContext* context, const v1::GetRoundRequest* req,
                                    v1::Round* resp) {
  return Call(core_, context, "GetRound", [&](const Caller&) -> absl::Status {
    ASSIGN_OR_RETURN(common::RoundRef ref, common::ParseRoundName("name", req->name()));
    ASSIGN_OR_RETURN(domain::Round round, core_->GetRound(ref.code, ref.year, ref.position));
    ToProto(ref.code, ref.year, round, resp);
    return absl::OkStatus();
  });
}

grpc::Status RoundService::OpenRound(grpc::ServerContext* context,
                                     const v1::OpenRoundRequest* req, v1::Round* resp) {
  return Call(core_, context, "OpenRound", [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(common::RoundRef ref, common::ParseRoundName("name", req->name()));
    ASSIGN_OR_RETURN(domain::Round round,
                     core_->OpenRound(caller, ref.code, ref.year, ref.position));
    ToProto(ref.code, ref.year, round, resp);
    return absl::OkStatus();
  });
}

grpc::Status RoundService::AddConflict(grpc::ServerContext* context,
                                       const v1::AddConflictRequest* req,
                                       v1::AddConflictResponse*) {
  return Call(core_, context, "AddConflict", [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(std::string assessor, common::ParseUserName("assessor", req->assessor()));
    ASSIGN_OR_RETURN(int64_t enrolment, common::ParseEnrolmentName("enrolment", req->enrolment()));
    return core_->AddConflict(caller, assessor, enrolment, req->reason());
  });
}

grpc::Status RoundService::ListConflicts(grpc::ServerContext* context,
                                         const v1::ListConflictsRequest* req,
                                         v1::ListConflictsResponse* resp) {
  return Call(core_, context, "ListConflicts", [&](const Caller&) -> absl::Status {
    ASSIGN_OR_RETURN(common::CohortRef ref, common::ParseCohortName("cohort", req->cohort()));
    ASSIGN_OR_RETURN(auto conflicts, core_->ListConflicts(ref.code, ref.year));
    for (const storage::Conflict& c : conflicts) {
      v1::Conflict* out = resp->add_conflicts();
      out->set_assessor(common::UserName(c.assessor));
      out->set_enrolment(common::EnrolmentName(c.enrolment_id));
      out->set_candidate(c.candidate);
      out->set_reason(c.reason);
      out->set_create_time(common::FormatTimestamp(c.create_time));
    }
    return absl::OkStatus();
  });
}

grpc::Status RoundService::AssignAssessors(grpc::ServerContext* context,
                                           const v1::AssignAssessorsRequest* req,
                                           v1::AssignAssessorsResponse* resp) {
  return Call(core_, context, "AssignAssessors", [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(common::RoundRef ref, common::ParseRoundName("round", req->round()));
    std::vector<std::string> assessors;
    for (const std::string& name : req->assessors()) {
      ASSIGN_OR_RETURN(std::string username, common::ParseUserName("assessors", name));
      assessors.push_back(std::move(username));
    }
    core::Core::AssignmentScope scope;
    for (const std::string& name : req->enrolments()) {
      ASSIGN_OR_RETURN(int64_t id, common::ParseEnrolmentName("enrolments", name));
      scope.enrolment_ids.push_back(id);
    }
    if (!v1::Track_IsValid(req->track())) return absl::InvalidArgumentError("track is not known");
    scope.track = static_cast<domain::Track>(req->track());
    scope.whole_cohort = req->whole_cohort();
    ASSIGN_OR_RETURN(core::Core::AssignOutcome outcome,
                     core_->Assign(caller, ref.code, ref.year, ref.position, assessors, scope));
    resp->set_assigned(outcome.assigned);
    resp->set_already(outcome.already);
    for (const std::string& reason : outcome.skipped) resp->add_skipped(reason);
    return absl::OkStatus();
  });
}

grpc::Status RoundService::ListAssignments(grpc::ServerContext* context,
                                           const v1::ListAssignmentsRequest* req,
                                           v1::ListAssignmentsResponse* resp) {
  return Call(core_, context, "ListAssignments", [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(common::RoundRef ref, common::ParseRoundName("round", req->round()));
    ASSIGN_OR_RETURN(auto assignments,
                     core_->ListAssignments(caller, ref.code, ref.year, ref.position));
    for (const storage::Assignment& a : assignments) {
      v1::Assignment* out = resp->add_assignments();
      out->set_enrolment(common::EnrolmentName(a.enrolment_id));
      out->set_candidate(a.candidate);
      out->set_track(static_cast<v1::Track>(a.track));
      out->set_assessor(common::UserName(a.assessor));
    }
    return absl::OkStatus();
  });
}

}  // namespace talent::service
