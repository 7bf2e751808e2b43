#include "server/core/results.h"

#include <map>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/labels.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "server/core/internal.h"
#include "server/domain/appeal_rules.h"
#include "server/domain/programme_rules.h"
#include "server/domain/results.h"
#include "server/domain/text_field.h"
#include "server/storage/assessment_repository.h"
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

namespace {

// Everything a round's results are computed from, read in one transaction.
struct RoundData {
  Cohort cohort;
  Round round;
  domain::Rubric rubric;
  domain::AssessmentRules rules;
  std::vector<domain::Enrolment> active;
  std::vector<domain::RoundInput> inputs;  // one per active enrolment
  std::vector<domain::Sheet> sheets;       // every sheet of the round
};

absl::StatusOr<RoundData> LoadRound(Connection& db, const std::string& code, int year,
                                    int position) {
  RoundData d;
  ASSIGN_OR_RETURN(d.cohort, CohortRepository::Find(db, code, year, /*counts=*/false));
  ASSIGN_OR_RETURN(d.round, RoundRepository::Find(db, d.cohort.id, position));
  ASSIGN_OR_RETURN(d.rubric, storage::AssessmentRepository::LoadRubric(db, d.cohort.id));
  ASSIGN_OR_RETURN(d.rules, storage::AssessmentRepository::LoadRules(db, d.cohort.id));
  storage::EnrolmentFilter filter{d.cohort.id, domain::Track::kUnspecified,
                                  domain::Stage::kActive, ""};
  ASSIGN_OR_RETURN(d.active, storage::EnrolmentRepository::List(db, filter, 0, 1 << 30));
  std::map<int64_t, domain::RoundInput> inputs;
  for (const domain::Enrolment& e : d.active) inputs[e.id].enrolment_id = e.id;
  ASSIGN_OR_RETURN(d.sheets,
                   storage::SheetRepository::ListRound(db, d.round.id, d.rubric.criteria.size()));
  for (const domain::Sheet& sheet : d.sheets) {
    if (!domain::CountsTowardResult(sheet)) continue;
    auto it = inputs.find(sheet.enrolment_id);
    if (it == inputs.end()) continue;
    std::vector<int64_t> points;
    for (const std::optional<int64_t>& p : sheet.points) points.push_back(p.value_or(0));
    it->second.sheets.push_back(std::move(points));
  }
  ASSIGN_OR_RETURN(auto absences, RoundRepository::Absences(db, d.round.id));
  for (const storage::Absence& a : absences) {
    auto it = inputs.find(a.enrolment_id);
    if (it == inputs.end()) continue;
    it->second.absent = true;
    it->second.excuse_accepted = a.excuse_accepted;
  }
  // The two-pass rule looks at the last confirmed round before this one.
  ASSIGN_OR_RETURN(std::vector<Round> rounds, RoundRepository::List(db, d.cohort.id));
  const Round* previous = nullptr;
  for (const Round& r : rounds) {
    if (r.position < d.round.position && r.state == RoundState::kConfirmed) previous = &r;
  }
  if (previous != nullptr) {
    std::string ignored;
    ASSIGN_OR_RETURN(domain::RoundOutcome before,
                     RoundRepository::LoadResults(db, previous->id, &ignored, &ignored));
    for (const domain::RoundResult& r : before.results) {
      auto it = inputs.find(r.enrolment_id);
      if (it != inputs.end()) it->second.previous_rating = r.rating;
    }
  }
  for (auto& [id, input] : inputs) d.inputs.push_back(std::move(input));
  return d;
}

}  // namespace

absl::Status Results::MarkAbsent(const Caller& caller, const std::string& code, int year,
                              int position, int64_t enrolment_id, bool excuse_accepted,
                              std::string reason) {
  RETURN_IF_ERROR(domain::CheckText("reason", &reason, 1, 500));
  int64_t now = ctx_->Now();
  return ctx_->store().Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(Round round, internal::FindRound(db, code, year, position));
    ASSIGN_OR_RETURN(domain::Enrolment e, storage::EnrolmentRepository::Find(db, enrolment_id));
    if (e.cohort_id != round.cohort_id) {
      return absl::InvalidArgumentError(
          absl::StrCat("enrolment ", enrolment_id, " is not in cohort ", code, "/", year));
    }
    RETURN_IF_ERROR(domain::CheckMarkAbsent(round, e));
    RETURN_IF_ERROR(RoundRepository::MarkAbsent(db, round.id, enrolment_id, excuse_accepted,
                                                reason, caller.user_id, now));
    return storage::AuditLog::Append(
        db, now, caller.actor(), "MarkAbsent", common::RoundName(code, year, position),
        absl::StrCat("enrolment=", enrolment_id, excuse_accepted ? " excused" : " unexcused"));
  });
}

absl::StatusOr<Round> Results::CloseScoring(const Caller& caller, const std::string& code, int year,
                                         int position) {
  int64_t now = ctx_->Now();
  Round round;
  RETURN_IF_ERROR(ctx_->store().Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(RoundData d, LoadRound(db, code, year, position));
    std::vector<domain::ScoringStatus> status;
    for (const domain::RoundInput& input : d.inputs) {
      status.push_back({input.enrolment_id, static_cast<int>(input.sheets.size()), input.absent});
    }
    RETURN_IF_ERROR(domain::CheckCloseScoring(d.round, status, d.rules.min_sheets));
    RETURN_IF_ERROR(RoundRepository::UpdateState(db, d.round.id, RoundState::kScored, now));
    round = d.round;
    round.state = RoundState::kScored;
    return storage::AuditLog::Append(db, now, caller.actor(), "CloseScoring",
                                     common::RoundName(code, year, position), "state -> SCORED");
  }));
  return round;
}

absl::StatusOr<Round> Results::PublishNotice(const Caller& caller, const std::string& code, int year,
                                          int position) {
  int64_t now = ctx_->Now();
  Round round;
  RETURN_IF_ERROR(ctx_->store().Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(round, internal::FindRound(db, code, year, position));
    ASSIGN_OR_RETURN(domain::AssessmentRules rules,
                     storage::AssessmentRepository::LoadRules(db, round.cohort_id));
    RETURN_IF_ERROR(domain::CheckRoundTransition(round, RoundState::kNotice));
    round.state = RoundState::kNotice;
    round.notice_start = now;
    round.notice_end = domain::NoticeEnd(now, rules.notice_days);
    RETURN_IF_ERROR(RoundRepository::UpdateState(db, round.id, RoundState::kNotice, now));
    RETURN_IF_ERROR(RoundRepository::SetNotice(db, round.id, round.notice_start, round.notice_end));
    return storage::AuditLog::Append(
        db, now, caller.actor(), "PublishNotice", common::RoundName(code, year, position),
        absl::StrCat("notice until ", common::FormatTimestamp(round.notice_end)));
  }));
  return round;
}

namespace {

// A round's results inside a read (see Results::GetResults).
absl::StatusOr<Results::RoundResults> ReadResults(Connection& db, const std::string& code,
                                                  int year, int position) {
  Results::RoundResults out;
  ASSIGN_OR_RETURN(RoundData d, LoadRound(db, code, year, position));
  if (d.round.state == RoundState::kConfirmed) {
    // Stored as computed at confirmation; never recomputed.
    std::string rules_text, rules_text_zh;
    ASSIGN_OR_RETURN(out.outcome,
                     RoundRepository::LoadResults(db, d.round.id, &rules_text, &rules_text_zh));
    storage::EnrolmentFilter all{d.cohort.id, domain::Track::kUnspecified,
                                 domain::Stage::kUnspecified, ""};
    ASSIGN_OR_RETURN(out.enrolments, storage::EnrolmentRepository::List(db, all, 0, 1 << 30));
    out.round = std::move(d.round);
    out.rubric = std::move(d.rubric);
    out.rules = d.rules;
    out.rules_text = std::move(rules_text);
    out.rules_text_zh = std::move(rules_text_zh);
    out.provisional = false;
    return out;
  }
  RETURN_IF_ERROR(domain::CheckProvisionalResults(d.round));
  ASSIGN_OR_RETURN(out.outcome, domain::ComputeRound(d.rubric, d.rules, d.inputs));
  out.round = std::move(d.round);
  out.enrolments = std::move(d.active);
  out.rubric = std::move(d.rubric);
  out.rules = d.rules;
  out.rules_text = domain::DescribeRules(d.rules);
  out.rules_text_zh = domain::DescribeRules(d.rules, common::Lang::kChinese);
  out.provisional = true;
  return out;
}

}  // namespace

absl::StatusOr<Results::RoundResults> Results::GetResults(const std::string& code, int year,
                                                    int position) {
  RoundResults out;
  RETURN_IF_ERROR(ctx_->store().Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(out, ReadResults(db, code, year, position));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<domain::PublicNotice> Results::GetPublicNotice(const std::string& code, int year,
                                                              int position) {
  domain::PublicNotice notice;
  RETURN_IF_ERROR(ctx_->store().Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(Cohort cohort, CohortRepository::Find(db, code, year, /*counts=*/false));
    ASSIGN_OR_RETURN(Round round, RoundRepository::Find(db, cohort.id, position));
    RETURN_IF_ERROR(domain::CheckPublicNotice(round));
    ASSIGN_OR_RETURN(domain::Programme programme,
                     storage::ProgrammeRepository::FindByCode(db, code));
    ASSIGN_OR_RETURN(RoundResults results, ReadResults(db, code, year, position));
    notice = domain::MakePublicNotice(programme, year, results.round, results.outcome,
                                      results.enrolments);
    notice.rehearsal = ctx_->rehearsal();
    return absl::OkStatus();
  }));
  return notice;
}

absl::StatusOr<std::vector<Results::NoticeRef>> Results::ListPublicNotices() {
  std::vector<NoticeRef> out;
  RETURN_IF_ERROR(ctx_->store().Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<storage::PublicRound> rounds,
                     RoundRepository::ListInStates(db, {RoundState::kNotice,
                                                        RoundState::kConfirmed}));
    for (storage::PublicRound& r : rounds) {
      NoticeRef ref;
      ref.kind = domain::PublicNoticeKind(r.round);
      if (ref.kind != domain::NoticeKind::kNotice &&
          ref.kind != domain::NoticeKind::kConfirmedList) {
        continue;
      }
      ref.programme_code = std::move(r.programme_code);
      ref.programme_title = std::move(r.programme_title);
      ref.year = r.year;
      ref.round = std::move(r.round);
      out.push_back(std::move(ref));
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<domain::Appeal> Results::FileAppeal(const Caller& caller, const std::string& code,
                                                 int year, int position, int64_t enrolment_id,
                                                 std::string reason,
                                                 const std::string& request_id) {
  RETURN_IF_ERROR(domain::CheckText("reason", &reason, 1, 1000));
  int64_t now = ctx_->Now();
  domain::Appeal appeal;
  RETURN_IF_ERROR(ctx_->store().Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<std::string> replay,
                     internal::Replay(db, caller, "FileAppeal", request_id));
    if (replay) {  // "<round name>/appeals/<id>"
      int64_t appeal_id = 0;
      ASSIGN_OR_RETURN(Round round, internal::FindRound(db, code, year, position));
      if (!absl::SimpleAtoi(replay->substr(replay->rfind('/') + 1), &appeal_id)) {
        return absl::InternalError(absl::StrCat("request_id recorded ", *replay));
      }
      ASSIGN_OR_RETURN(appeal, RoundRepository::FindAppeal(db, round.id, appeal_id));
      return absl::OkStatus();
    }
    ASSIGN_OR_RETURN(RoundData d, LoadRound(db, code, year, position));
    RETURN_IF_ERROR(domain::CheckFileAppeal(d.round, now));
    const domain::Enrolment* listed = nullptr;
    for (const domain::Enrolment& e : d.active) {
      if (e.id == enrolment_id) listed = &e;
    }
    if (listed == nullptr) {
      return absl::NotFoundError(
          absl::StrCat("enrolment ", enrolment_id, " has no result in round \"", d.round.name,
                       "\""));
    }
    appeal.round_id = d.round.id;
    appeal.enrolment_id = enrolment_id;
    appeal.candidate = listed->person.full_name;
    appeal.reason = reason;
    appeal.filed_time = now;
    RETURN_IF_ERROR(RoundRepository::FileAppeal(db, &appeal, caller.user_id));
    return internal::Record(
        db, caller, "FileAppeal", request_id,
        absl::StrCat(common::RoundName(code, year, position), "/appeals/", appeal.id),
        absl::StrCat("appeal=", appeal.id, " enrolment=", enrolment_id), now);
  }));
  return appeal;
}

absl::StatusOr<domain::Appeal> Results::ResolveAppeal(const Caller& caller, const std::string& code,
                                                    int year, int position, int64_t appeal_id,
                                                    bool amended, std::string resolution,
                                                    const std::vector<std::string>& reopen) {
  RETURN_IF_ERROR(domain::CheckResolution(amended, reopen, &resolution));
  int64_t now = ctx_->Now();
  domain::Appeal appeal;
  RETURN_IF_ERROR(ctx_->store().Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(Round round, internal::FindRound(db, code, year, position));
    ASSIGN_OR_RETURN(appeal, RoundRepository::FindAppeal(db, round.id, appeal_id));
    RETURN_IF_ERROR(domain::CheckResolveAppeal(round, appeal));
    ASSIGN_OR_RETURN(domain::Rubric rubric,
                     storage::AssessmentRepository::LoadRubric(db, round.cohort_id));
    for (const std::string& username : reopen) {
      ASSIGN_OR_RETURN(domain::User user, storage::UserRepository::FindByUsername(db, username));
      ASSIGN_OR_RETURN(std::optional<domain::Sheet> sheet,
                       storage::SheetRepository::Find(db, round.id, appeal.enrolment_id, user.id,
                                                      rubric.criteria.size()));
      RETURN_IF_ERROR(domain::CheckReopenForAppeal(sheet, username, appeal.enrolment_id));
      sheet->state = domain::SheetState::kDraft;
      sheet->appeal_id = appeal.id;
      RETURN_IF_ERROR(storage::SheetRepository::Save(db, &*sheet, now));
      RETURN_IF_ERROR(storage::SheetRepository::AddChange(
          db, sheet->id, caller.actor(),
          {now, "", "reopen", "submitted", "draft",
           absl::StrCat("appeal ", appeal.id, ": ", resolution)}));
    }
    appeal.state = amended ? domain::AppealState::kAmended : domain::AppealState::kRejected;
    appeal.resolution = resolution;
    appeal.resolved_time = now;
    RETURN_IF_ERROR(RoundRepository::ResolveAppeal(db, appeal.id, appeal.state, resolution,
                                                   caller.user_id, now));
    return storage::AuditLog::Append(
        db, now, caller.actor(), "ResolveAppeal", common::RoundName(code, year, position),
        absl::StrCat("appeal=", appeal.id, amended ? " amended" : " rejected"));
  }));
  return appeal;
}

absl::StatusOr<std::vector<domain::Appeal>> Results::ListAppeals(const std::string& code, int year,
                                                               int position) {
  std::vector<domain::Appeal> out;
  RETURN_IF_ERROR(ctx_->store().Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(Round round, internal::FindRound(db, code, year, position));
    ASSIGN_OR_RETURN(out, RoundRepository::ListAppeals(db, round.id));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Round> Results::ConfirmRound(const Caller& caller, const std::string& code, int year,
                                         int position) {
  int64_t now = ctx_->Now();
  Round round;
  RETURN_IF_ERROR(ctx_->store().Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(RoundData d, LoadRound(db, code, year, position));
    ASSIGN_OR_RETURN(std::vector<domain::Appeal> appeals,
                     RoundRepository::ListAppeals(db, d.round.id));
    RETURN_IF_ERROR(
        domain::CheckConfirmRound(d.round, now, domain::PendingAppeals(appeals, d.sheets)));
    ASSIGN_OR_RETURN(domain::RoundOutcome outcome,
                     domain::ComputeRound(d.rubric, d.rules, d.inputs));
    RETURN_IF_ERROR(
        RoundRepository::SaveResults(db, d.round.id, outcome, domain::DescribeRules(d.rules),
                                     domain::DescribeRules(d.rules, common::Lang::kChinese)));
    int eliminated = 0, eligible = 0;
    for (const domain::RoundResult& r : outcome.results) {
      if (r.eliminated) {
        ++eliminated;
        RETURN_IF_ERROR(storage::EnrolmentRepository::Eliminate(
            db, r.enrolment_id, absl::StrCat(d.round.name, ": ", r.elimination_reason), now));
      } else if (d.round.final && r.rating == domain::Rating::kExcellent) {
        ++eligible;
        RETURN_IF_ERROR(storage::EnrolmentRepository::MarkEligible(db, r.enrolment_id, now));
      }
    }
    if (d.round.final) {
      RETURN_IF_ERROR(domain::CheckCohortTransition(d.cohort, domain::CohortState::kClosed));
      RETURN_IF_ERROR(storage::EnrolmentRepository::CompleteRest(db, d.cohort.id, now));
      RETURN_IF_ERROR(CohortRepository::UpdateState(db, d.cohort.id,
                                                    domain::CohortState::kClosed, now));
    }
    RETURN_IF_ERROR(RoundRepository::UpdateState(db, d.round.id, RoundState::kConfirmed, now));
    round = d.round;
    round.state = RoundState::kConfirmed;
    round.confirm_time = now;
    return storage::AuditLog::Append(
        db, now, caller.actor(), "ConfirmRound", common::RoundName(code, year, position),
        absl::StrCat("eliminated=", eliminated, d.round.final ? absl::StrCat(" eligible=", eligible)
                                                               : std::string()));
  }));
  return round;
}

}  // namespace talent::core
