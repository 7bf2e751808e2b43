#include "server/service/round_service.h"

#include <map>

#include "common/clock.h"
#include "common/fixed_point.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "server/service/access.h"

namespace talent::service {
namespace {

using core::Caller;

static_assert(static_cast<int>(domain::RoundState::kConfirmed) == v1::ROUND_STATE_CONFIRMED);
static_assert(static_cast<int>(domain::Rating::kFail) == v1::RATING_FAIL);

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

void ToProto(const common::RoundRef& round, const storage::Appeal& in, v1::Appeal* out) {
  out->set_id(in.id);
  out->set_round(common::RoundName(round.code, round.year, round.position));
  out->set_enrolment(common::EnrolmentName(in.enrolment_id));
  out->set_candidate(in.candidate);
  out->set_reason(in.reason);
  out->set_state(static_cast<v1::AppealState>(in.state));
  out->set_resolution(in.resolution);
  out->set_filed_time(common::FormatTimestamp(in.filed_time));
  if (in.resolved_time) out->set_resolved_time(common::FormatTimestamp(in.resolved_time));
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

grpc::Status RoundService::MarkAbsent(grpc::ServerContext* context,
                                      const v1::MarkAbsentRequest* req, v1::MarkAbsentResponse*) {
  return Call(core_, context, "MarkAbsent", [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(common::RoundRef ref, common::ParseRoundName("round", req->round()));
    ASSIGN_OR_RETURN(int64_t enrolment, common::ParseEnrolmentName("enrolment", req->enrolment()));
    return core_->MarkAbsent(caller, ref.code, ref.year, ref.position, enrolment,
                             req->excuse_accepted(), req->reason());
  });
}

grpc::Status RoundService::CloseScoring(grpc::ServerContext* context,
                                        const v1::CloseScoringRequest* req, v1::Round* resp) {
  return Call(core_, context, "CloseScoring", [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(common::RoundRef ref, common::ParseRoundName("name", req->name()));
    ASSIGN_OR_RETURN(domain::Round round,
                     core_->CloseScoring(caller, ref.code, ref.year, ref.position));
    ToProto(ref.code, ref.year, round, resp);
    return absl::OkStatus();
  });
}

grpc::Status RoundService::PublishNotice(grpc::ServerContext* context,
                                         const v1::PublishNoticeRequest* req, v1::Round* resp) {
  return Call(core_, context, "PublishNotice", [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(common::RoundRef ref, common::ParseRoundName("name", req->name()));
    ASSIGN_OR_RETURN(domain::Round round,
                     core_->PublishNotice(caller, ref.code, ref.year, ref.position));
    ToProto(ref.code, ref.year, round, resp);
    return absl::OkStatus();
  });
}

grpc::Status RoundService::GetResults(grpc::ServerContext* context,
                                      const v1::GetResultsRequest* req, v1::RoundResults* resp) {
  return Call(core_, context, "GetResults", [&](const Caller&) -> absl::Status {
    ASSIGN_OR_RETURN(common::RoundRef ref, common::ParseRoundName("round", req->round()));
    ASSIGN_OR_RETURN(core::Core::RoundResults results,
                     core_->GetResults(ref.code, ref.year, ref.position));
    std::map<int64_t, const domain::Enrolment*> by_id;
    for (const domain::Enrolment& e : results.enrolments) by_id[e.id] = &e;
    resp->set_round(common::RoundName(ref.code, ref.year, ref.position));
    resp->set_provisional(results.provisional);
    resp->set_assessed(results.outcome.assessed);
    resp->set_excellent_cap(results.outcome.excellent_cap);
    resp->set_cap_exceeded_by_tie(results.outcome.cap_exceeded_by_tie);
    for (const domain::Criterion& c : results.rubric.criteria) resp->add_criteria(c.code);
    resp->set_rules(results.rules_text);
    for (const domain::RoundResult& r : results.outcome.results) {
      v1::Result* out = resp->add_results();
      out->set_enrolment(common::EnrolmentName(r.enrolment_id));
      if (auto it = by_id.find(r.enrolment_id); it != by_id.end()) {
        out->set_candidate(it->second->person.full_name);
        out->set_track(static_cast<v1::Track>(it->second->track));
      }
      out->set_rank(r.rank);
      if (!r.absent) out->set_score(common::FormatHundredths(r.score));
      out->set_sheets(r.sheets);
      out->set_rating(static_cast<v1::Rating>(r.rating));
      for (int64_t c : r.criteria) out->add_criteria(common::FormatHundredths(c));
      if (!r.absent) out->set_spread(common::FormatTenths(r.spread));
      out->set_absent(r.absent);
      out->set_excused(r.excused);
      out->set_capped(r.capped);
      out->set_veto(r.veto);
      out->set_disagreement(r.disagreement);
      out->set_tie_over_cap(r.tie_over_cap);
      out->set_tie_at_cut(r.tie_at_cut);
      out->set_eliminated(r.eliminated);
      out->set_elimination_reason(r.elimination_reason);
    }
    return absl::OkStatus();
  });
}

grpc::Status RoundService::FileAppeal(grpc::ServerContext* context,
                                      const v1::FileAppealRequest* req, v1::Appeal* resp) {
  return Call(core_, context, "FileAppeal", [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(common::RoundRef ref, common::ParseRoundName("round", req->round()));
    ASSIGN_OR_RETURN(int64_t enrolment, common::ParseEnrolmentName("enrolment", req->enrolment()));
    ASSIGN_OR_RETURN(storage::Appeal appeal, core_->FileAppeal(caller, ref.code, ref.year,
                                                               ref.position, enrolment,
                                                               req->reason()));
    ToProto(ref, appeal, resp);
    return absl::OkStatus();
  });
}

grpc::Status RoundService::ResolveAppeal(grpc::ServerContext* context,
                                         const v1::ResolveAppealRequest* req, v1::Appeal* resp) {
  return Call(core_, context, "ResolveAppeal", [&](const Caller& caller) -> absl::Status {
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
    ASSIGN_OR_RETURN(storage::Appeal appeal,
                     core_->ResolveAppeal(caller, ref.code, ref.year, ref.position,
                                          req->appeal_id(),
                                          req->resolution_state() == v1::APPEAL_STATE_AMENDED,
                                          req->resolution(), reopen));
    ToProto(ref, appeal, resp);
    return absl::OkStatus();
  });
}

grpc::Status RoundService::ListAppeals(grpc::ServerContext* context,
                                       const v1::ListAppealsRequest* req,
                                       v1::ListAppealsResponse* resp) {
  return Call(core_, context, "ListAppeals", [&](const Caller&) -> absl::Status {
    ASSIGN_OR_RETURN(common::RoundRef ref, common::ParseRoundName("round", req->round()));
    ASSIGN_OR_RETURN(auto appeals, core_->ListAppeals(ref.code, ref.year, ref.position));
    for (const storage::Appeal& a : appeals) {
      ToProto(ref, a, resp->add_appeals());
    }
    return absl::OkStatus();
  });
}

grpc::Status RoundService::ConfirmRound(grpc::ServerContext* context,
                                        const v1::ConfirmRoundRequest* req, v1::Round* resp) {
  return Call(core_, context, "ConfirmRound", [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(common::RoundRef ref, common::ParseRoundName("name", req->name()));
    ASSIGN_OR_RETURN(domain::Round round,
                     core_->ConfirmRound(caller, ref.code, ref.year, ref.position));
    ToProto(ref.code, ref.year, round, resp);
    return absl::OkStatus();
  });
}

}  // namespace talent::service
