#include "server/core/rounds.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/labels.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "server/core/authorization.h"
#include "server/core/internal.h"
#include "server/domain/programme_rules.h"
#include "server/domain/sheet_rules.h"
#include "server/domain/text_field.h"
#include "server/storage/audit_log.h"
#include "server/storage/enrolment_repository.h"
#include "server/storage/programme_repository.h"
#include "server/storage/round_repository.h"
#include "server/storage/sheet_repository.h"
#include "server/storage/user_repository.h"

namespace talent::core {

using domain::Cohort;
using domain::Round;
using domain::RoundState;
using storage::CohortRepository;
using storage::Connection;
using storage::RoundRepository;

absl::StatusOr<Round> Rounds::CreateRound(const Caller& caller, const std::string& code, int year,
                                        Round round) {
  int64_t now = ctx_->Now();
  RETURN_IF_ERROR(ctx_->store().Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(Cohort cohort, CohortRepository::Find(db, code, year, /*counts=*/false));
    ASSIGN_OR_RETURN(std::vector<Round> existing, RoundRepository::List(db, cohort.id));
    round.cohort_id = cohort.id;
    RETURN_IF_ERROR(domain::CheckCreateRound(cohort, existing, &round));
    RETURN_IF_ERROR(RoundRepository::Insert(db, &round, now));
    return storage::AuditLog::Append(db, now, caller.actor(), "CreateRound",
                                     common::RoundName(code, year, round.position),
                                     absl::StrCat("name=", round.name, round.final ? " final" : ""));
  }));
  return round;
}

absl::StatusOr<std::vector<Round>> Rounds::ListRounds(const std::string& code, int year) {
  std::vector<Round> rounds;
  RETURN_IF_ERROR(ctx_->store().Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(Cohort cohort, CohortRepository::Find(db, code, year, /*counts=*/false));
    ASSIGN_OR_RETURN(rounds, RoundRepository::List(db, cohort.id));
    return absl::OkStatus();
  }));
  return rounds;
}

absl::StatusOr<Round> Rounds::GetRound(const std::string& code, int year, int position) {
  Round round;
  RETURN_IF_ERROR(ctx_->store().Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(round, internal::FindRound(db, code, year, position));
    return absl::OkStatus();
  }));
  return round;
}

absl::StatusOr<Round> Rounds::OpenRound(const Caller& caller, const std::string& code, int year,
                                      int position) {
  int64_t now = ctx_->Now();
  Round round;
  RETURN_IF_ERROR(ctx_->store().Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(Cohort cohort, CohortRepository::Find(db, code, year, /*counts=*/false));
    ASSIGN_OR_RETURN(std::vector<Round> rounds, RoundRepository::List(db, cohort.id));
    ASSIGN_OR_RETURN(round, RoundRepository::Find(db, cohort.id, position));
    RETURN_IF_ERROR(domain::CheckOpenRound(cohort, rounds, round));
    RETURN_IF_ERROR(RoundRepository::UpdateState(db, round.id, RoundState::kOpen, now));
    round.state = RoundState::kOpen;
    return storage::AuditLog::Append(db, now, caller.actor(), "OpenRound",
                                     common::RoundName(code, year, position), "state -> OPEN");
  }));
  return round;
}

absl::StatusOr<Rounds::ConflictOutcome> Rounds::AddConflict(const Caller& caller,
                                                            const std::string& assessor,
                                                            int64_t enrolment_id,
                                                            std::string reason) {
  RETURN_IF_ERROR(domain::CheckText("reason", &reason, 1, 500));
  int64_t now = ctx_->Now();
  ConflictOutcome out;
  RETURN_IF_ERROR(ctx_->store().Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(domain::User user, storage::UserRepository::FindByUsername(db, assessor));
    ASSIGN_OR_RETURN(domain::Enrolment enrolment,
                     storage::EnrolmentRepository::Find(db, enrolment_id));
    RETURN_IF_ERROR(
        RoundRepository::AddConflict(db, user.id, enrolment_id, reason, caller.user_id, now));
    ASSIGN_OR_RETURN(std::vector<Round> rounds, RoundRepository::List(db, enrolment.cohort_id));
    for (const Round& round : rounds) {
      if (!domain::CheckAssign(round).ok()) continue;  // past assignment: on the record
      ASSIGN_OR_RETURN(std::optional<domain::Sheet> sheet,
                       storage::SheetRepository::Find(db, round.id, enrolment_id, user.id, 0));
      if (sheet && sheet->state == domain::SheetState::kSubmitted) {
        out.submitted_sheets_kept.push_back(common::RoundName(
            enrolment.programme_code, enrolment.cohort_year, round.position));
        continue;
      }
      if (sheet) {
        ASSIGN_OR_RETURN(bool deleted, storage::SheetRepository::DeleteDraft(db, sheet->id));
        out.withdrawn_drafts += deleted ? 1 : 0;
      }
      ASSIGN_OR_RETURN(bool unassigned,
                       RoundRepository::Unassign(db, round.id, enrolment_id, user.id));
      out.withdrawn_assignments += unassigned ? 1 : 0;
    }
    return storage::AuditLog::Append(
        db, now, caller.actor(), "AddConflict", common::EnrolmentName(enrolment_id),
        absl::StrCat("assessor=", assessor, " withdrew ", out.withdrawn_assignments,
                     " assignment(s) and ", out.withdrawn_drafts, " draft sheet(s)",
                     out.submitted_sheets_kept.empty()
                         ? ""
                         : absl::StrCat("; submitted sheets kept in ",
                                        absl::StrJoin(out.submitted_sheets_kept, ", "))));
  }));
  return out;
}

absl::StatusOr<std::vector<domain::Conflict>> Rounds::ListConflicts(const std::string& code,
                                                                   int year) {
  std::vector<domain::Conflict> out;
  RETURN_IF_ERROR(ctx_->store().Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(Cohort cohort, CohortRepository::Find(db, code, year, /*counts=*/false));
    ASSIGN_OR_RETURN(out, RoundRepository::ListConflicts(db, cohort.id));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Rounds::AssignOutcome> Rounds::Assign(const Caller& caller, const std::string& code,
                                                 int year, int position,
                                                 const std::vector<std::string>& assessors,
                                                 const AssignmentScope& scope) {
  if (assessors.empty()) return absl::InvalidArgumentError("name at least one assessor");
  bool by_group = scope.whole_cohort || scope.track != domain::Track::kUnspecified;
  int scopes = (scope.whole_cohort ? 1 : 0) +
               (scope.track != domain::Track::kUnspecified ? 1 : 0) +
               (scope.enrolment_ids.empty() ? 0 : 1);
  if (scopes != 1) {
    return absl::InvalidArgumentError(
        "name the enrolments, or a track, or the whole cohort — exactly one of them");
  }
  int64_t now = ctx_->Now();
  AssignOutcome outcome;
  RETURN_IF_ERROR(ctx_->store().Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(Round round, internal::FindRound(db, code, year, position));
    RETURN_IF_ERROR(domain::CheckAssign(round));
    std::vector<domain::Enrolment> enrolments;
    if (by_group) {
      storage::EnrolmentFilter filter{round.cohort_id, scope.track, domain::Stage::kActive, ""};
      ASSIGN_OR_RETURN(enrolments, storage::EnrolmentRepository::List(db, filter, 0, 1 << 30));
    } else {
      for (int64_t id : std::set<int64_t>(scope.enrolment_ids.begin(), scope.enrolment_ids.end())) {
        ASSIGN_OR_RETURN(domain::Enrolment e, storage::EnrolmentRepository::Find(db, id));
        if (e.cohort_id != round.cohort_id) {
          return absl::InvalidArgumentError(absl::StrCat(
              "enrolment ", id, " is not in cohort ", code, "/", year));
        }
        enrolments.push_back(std::move(e));
      }
    }
    for (const std::string& username : assessors) {
      ASSIGN_OR_RETURN(domain::User assessor,
                       storage::UserRepository::FindByUsername(db, username));
      RETURN_IF_ERROR(domain::CheckAssessor(assessor));
      for (const domain::Enrolment& e : enrolments) {
        ASSIGN_OR_RETURN(bool conflict, RoundRepository::HasConflict(db, assessor.id, e.id));
        absl::Status allowed = domain::CheckAssignment(assessor, e, conflict);
        if (!allowed.ok()) {
          if (!by_group) return allowed;
          outcome.skipped.push_back(std::string(allowed.message()));
          continue;
        }
        ASSIGN_OR_RETURN(bool fresh, RoundRepository::Assign(db, round.id, e.id, assessor.id, now));
        ++(fresh ? outcome.assigned : outcome.already);
      }
    }
    return storage::AuditLog::Append(
        db, now, caller.actor(), "AssignAssessors", common::RoundName(code, year, position),
        absl::StrCat("assessors=", absl::StrJoin(assessors, ","), " assigned=", outcome.assigned,
                     " skipped=", outcome.skipped.size()));
  }));
  return outcome;
}

absl::StatusOr<std::vector<domain::Assignment>> Rounds::ListAssignments(const Caller& caller,
                                                                       const std::string& code,
                                                                       int year, int position) {
  std::vector<domain::Assignment> out;
  RETURN_IF_ERROR(ctx_->store().Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(Round round, internal::FindRound(db, code, year, position));
    ASSIGN_OR_RETURN(out, RoundRepository::ListAssignments(db, round.id,
                                                            AssignmentsVisibleTo(caller)));
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace talent::core
