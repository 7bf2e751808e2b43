// Core: absences, closing scoring, the public notice, and round results.
#include <map>

#include "absl/strings/str_cat.h"
#include "common/labels.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "server/core/core.h"
#include "server/domain/results.h"
#include "server/domain/text_field.h"
#include "server/storage/assessment_repository.h"
#include "server/storage/audit_log.h"
#include "server/storage/enrolment_repository.h"
#include "server/storage/programme_repository.h"
#include "server/storage/round_repository.h"

namespace talent::core {

using domain::Cohort;
using domain::Round;
using domain::RoundState;
using storage::CohortRepository;
using storage::Connection;
using storage::RoundRepository;

namespace {

std::string RoundResource(const std::string& code, int year, int position) {
  return common::RoundName(code, year, position);
}

// Everything a round's results are computed from, read in one transaction.
struct RoundData {
  Cohort cohort;
  Round round;
  domain::Rubric rubric;
  domain::AssessmentRules rules;
  std::vector<domain::Enrolment> active;
  std::vector<domain::RoundInput> inputs;  // one per active enrolment
};

absl::StatusOr<RoundData> LoadRound(Connection& db, const std::string& code, int year,
                                    int position) {
  RoundData d;
  ASSIGN_OR_RETURN(d.cohort, CohortRepository::Find(db, code, year));
  ASSIGN_OR_RETURN(d.round, RoundRepository::Find(db, d.cohort.id, position));
  ASSIGN_OR_RETURN(d.rubric, storage::AssessmentRepository::LoadRubric(db, d.cohort.id));
  ASSIGN_OR_RETURN(d.rules, storage::AssessmentRepository::LoadRules(db, d.cohort.id));
  storage::EnrolmentFilter filter{d.cohort.id, domain::Track::kUnspecified,
                                  domain::Stage::kActive, ""};
  ASSIGN_OR_RETURN(d.active, storage::EnrolmentRepository::List(db, filter, 0, 1 << 30));
  std::map<int64_t, domain::RoundInput> inputs;
  for (const domain::Enrolment& e : d.active) inputs[e.id].enrolment_id = e.id;
  ASSIGN_OR_RETURN(auto sheets,
                   RoundRepository::SubmittedSheets(db, d.round.id, d.rubric.criteria.size()));
  for (storage::SubmittedSheet& sheet : sheets) {
    auto it = inputs.find(sheet.enrolment_id);
    if (it != inputs.end()) it->second.sheets.push_back(std::move(sheet.points));
  }
  ASSIGN_OR_RETURN(auto absences, RoundRepository::Absences(db, d.round.id));
  for (const storage::Absence& a : absences) {
    auto it = inputs.find(a.enrolment_id);
    if (it == inputs.end()) continue;
    it->second.absent = true;
    it->second.excuse_accepted = a.excuse_accepted;
  }
  for (auto& [id, input] : inputs) d.inputs.push_back(std::move(input));
  return d;
}

}  // namespace

absl::Status Core::MarkAbsent(const Caller& caller, const std::string& code, int year,
                              int position, int64_t enrolment_id, bool excuse_accepted,
                              std::string reason) {
  RETURN_IF_ERROR(domain::CheckText("reason", &reason, 1, 500));
  int64_t now = clock_->NowSeconds();
  return store_->Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(Cohort cohort, CohortRepository::Find(db, code, year));
    ASSIGN_OR_RETURN(Round round, RoundRepository::Find(db, cohort.id, position));
    ASSIGN_OR_RETURN(domain::Enrolment e, storage::EnrolmentRepository::Find(db, enrolment_id));
    if (e.cohort_id != cohort.id) {
      return absl::InvalidArgumentError(
          absl::StrCat("enrolment ", enrolment_id, " is not in cohort ", code, "/", year));
    }
    if (round.state != RoundState::kOpen) {
      return absl::FailedPreconditionError(absl::StrCat(
          "round \"", round.name, "\" is ", common::EnglishLabel(domain::RoundStateKey(round.state)),
          "; absences are recorded while it is open"));
    }
    if (e.stage != domain::Stage::kActive) {
      return absl::FailedPreconditionError(absl::StrCat(
          "enrolment ", enrolment_id, " is ", common::EnglishLabel(domain::StageKey(e.stage)),
          "; only active candidates are assessed"));
    }
    RETURN_IF_ERROR(RoundRepository::MarkAbsent(db, round.id, enrolment_id, excuse_accepted,
                                                reason, caller.user_id, now));
    return storage::AuditLog::Append(
        db, now, caller.user_id, "MarkAbsent", RoundResource(code, year, position),
        absl::StrCat("enrolment=", enrolment_id, excuse_accepted ? " excused" : " unexcused"));
  });
}

absl::StatusOr<Round> Core::CloseScoring(const Caller& caller, const std::string& code, int year,
                                         int position) {
  int64_t now = clock_->NowSeconds();
  Round round;
  RETURN_IF_ERROR(store_->Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(RoundData d, LoadRound(db, code, year, position));
    std::vector<domain::ScoringStatus> status;
    for (const domain::RoundInput& input : d.inputs) {
      status.push_back({input.enrolment_id, static_cast<int>(input.sheets.size()), input.absent});
    }
    RETURN_IF_ERROR(domain::CheckCloseScoring(d.round, status, d.rules.min_sheets));
    RETURN_IF_ERROR(RoundRepository::UpdateState(db, d.round.id, RoundState::kScored, now));
    round = d.round;
    round.state = RoundState::kScored;
    return storage::AuditLog::Append(db, now, caller.user_id, "CloseScoring",
                                     RoundResource(code, year, position), "state -> SCORED");
  }));
  return round;
}

absl::StatusOr<Round> Core::PublishNotice(const Caller& caller, const std::string& code, int year,
                                          int position) {
  int64_t now = clock_->NowSeconds();
  Round round;
  RETURN_IF_ERROR(store_->Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(Cohort cohort, CohortRepository::Find(db, code, year));
    ASSIGN_OR_RETURN(round, RoundRepository::Find(db, cohort.id, position));
    ASSIGN_OR_RETURN(domain::AssessmentRules rules,
                     storage::AssessmentRepository::LoadRules(db, cohort.id));
    RETURN_IF_ERROR(domain::CheckRoundTransition(round, RoundState::kNotice));
    round.state = RoundState::kNotice;
    round.notice_start = now;
    round.notice_end = domain::NoticeEnd(now, rules.notice_days);
    RETURN_IF_ERROR(RoundRepository::UpdateState(db, round.id, RoundState::kNotice, now));
    RETURN_IF_ERROR(RoundRepository::SetNotice(db, round.id, round.notice_start, round.notice_end));
    return storage::AuditLog::Append(
        db, now, caller.user_id, "PublishNotice", RoundResource(code, year, position),
        absl::StrCat("notice until ", common::FormatTimestamp(round.notice_end)));
  }));
  return round;
}

absl::StatusOr<Core::RoundResults> Core::GetResults(const std::string& code, int year,
                                                    int position) {
  RoundResults out;
  RETURN_IF_ERROR(store_->Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(RoundData d, LoadRound(db, code, year, position));
    if (d.round.state != RoundState::kScored && d.round.state != RoundState::kNotice) {
      return absl::FailedPreconditionError(absl::StrCat(
          "round \"", d.round.name, "\" is ",
          common::EnglishLabel(domain::RoundStateKey(d.round.state)),
          "; results are listed once scoring is closed ('talentctl round close')"));
    }
    ASSIGN_OR_RETURN(out.outcome, domain::ComputeRound(d.rubric, d.rules, d.inputs));
    out.round = std::move(d.round);
    out.enrolments = std::move(d.active);
    out.rubric = std::move(d.rubric);
    out.rules = d.rules;
    out.provisional = true;
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace talent::core
