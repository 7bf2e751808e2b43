#include "server/core/programmes.h"

#include <functional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "server/core/internal.h"
#include "server/domain/enrolment_rules.h"
#include "server/domain/programme_rules.h"
#include "server/storage/audit_log.h"
#include "server/storage/enrolment_repository.h"
#include "server/storage/programme_repository.h"

namespace talent::core {

using domain::Cohort;
using domain::CohortState;
using domain::PerTrack;
using domain::Programme;
using storage::CohortRepository;
using storage::Connection;
using storage::ProgrammeRepository;

namespace {

std::string QuotaDetail(const PerTrack& q) {
  return absl::StrCat("quotas=", q.service, "/", q.management, "/", q.education_research);
}

using CohortChange = std::function<absl::Status(Connection&, Cohort&, int64_t now)>;

// Loads the cohort and applies `change` to it inside one write, with the
// audit event saying how its state and quotas moved.
absl::StatusOr<Cohort> ChangeCohort(
    Context* ctx_, const Caller& caller, const std::string& code, int year, const char* method,
    const CohortChange& change) {
  int64_t now = ctx_->Now();
  Cohort c;
  RETURN_IF_ERROR(ctx_->store().Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(c, CohortRepository::Find(db, code, year));
    std::string before = domain::CohortStateKey(c.state);
    RETURN_IF_ERROR(change(db, c, now));
    ASSIGN_OR_RETURN(c, CohortRepository::FindById(db, c.id));
    return storage::AuditLog::Append(
        db, now, caller.actor(), method, common::CohortName(code, year),
        absl::StrCat("state ", before, " -> ", domain::CohortStateKey(c.state), " ",
                     QuotaDetail(c.quotas)));
  }));
  return c;
}

}  // namespace

absl::StatusOr<Programme> Programmes::CreateProgramme(const Caller& caller, Programme p,
                                                const std::string& request_id) {
  RETURN_IF_ERROR(domain::ValidateProgramme(&p));
  int64_t now = ctx_->Now();
  p.create_time = p.update_time = now;
  std::optional<std::string> replay;
  RETURN_IF_ERROR(ctx_->store().Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(replay, internal::Replay(db, caller, "CreateProgramme", request_id));
    if (replay) return absl::OkStatus();
    RETURN_IF_ERROR(ProgrammeRepository::Insert(db, &p));
    return internal::Record(db, caller, "CreateProgramme", request_id,
                            common::ProgrammeName(p.code),
                            absl::StrCat("title=", p.title, " years=", p.start_year, "-",
                                         p.end_year, " target=", p.talent_target),
                            now);
  }));
  if (replay) {
    ASSIGN_OR_RETURN(std::string code, common::ParseProgrammeName("programme", *replay));
    return GetProgramme(code);
  }
  return p;
}

absl::StatusOr<Programme> Programmes::GetProgramme(const std::string& code) {
  Programme p;
  RETURN_IF_ERROR(ctx_->store().Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(p, ProgrammeRepository::FindByCode(db, code));
    return absl::OkStatus();
  }));
  return p;
}

absl::StatusOr<Page<Programme>> Programmes::ListProgrammes(const PageRequest& page) {
  ASSIGN_OR_RETURN(internal::PageCursor cursor, internal::OpenPage(page));
  Page<Programme> out;
  RETURN_IF_ERROR(ctx_->store().Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(out.items, ProgrammeRepository::List(db, cursor.after, cursor.size + 1));
    return absl::OkStatus();
  }));
  internal::ClosePage(cursor, &out, [](const Programme& p) { return p.code; });
  return out;
}

absl::StatusOr<Programme> Programmes::UpdateProgramme(const Caller& caller, const std::string& code,
                                                const Programme& values,
                                                const std::vector<std::string>& mask) {
  if (mask.empty()) {
    return absl::InvalidArgumentError(
        "update_mask must name the fields to change: title, issuer, start_year, end_year, "
        "talent_target, objection_contact");
  }
  int64_t now = ctx_->Now();
  Programme p;
  RETURN_IF_ERROR(ctx_->store().Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(p, ProgrammeRepository::FindByCode(db, code));
    for (const std::string& field : mask) {
      if (field == "title") {
        p.title = values.title;
      } else if (field == "issuer") {
        p.issuer = values.issuer;
      } else if (field == "start_year") {
        p.start_year = values.start_year;
      } else if (field == "end_year") {
        p.end_year = values.end_year;
      } else if (field == "talent_target") {
        p.talent_target = values.talent_target;
      } else if (field == "objection_contact") {
        p.objection_contact = values.objection_contact;
      } else {
        return absl::InvalidArgumentError(absl::StrCat(
            "update_mask names \"", field,
            "\", which cannot change; use title, issuer, start_year, end_year, talent_target, "
            "objection_contact"));
      }
    }
    RETURN_IF_ERROR(domain::ValidateProgramme(&p));
    int first = 0, last = 0;
    ASSIGN_OR_RETURN(bool has_cohorts, ProgrammeRepository::CohortYears(db, p.id, &first, &last));
    if (has_cohorts && (first < p.start_year || last > p.end_year)) {
      return absl::FailedPreconditionError(absl::StrCat(
          "programme ", p.code, " has cohorts from ", first, " to ", last,
          "; its years must include them"));
    }
    p.update_time = now;
    RETURN_IF_ERROR(ProgrammeRepository::Update(db, p));
    return storage::AuditLog::Append(db, now, caller.actor(), "UpdateProgramme",
                                     common::ProgrammeName(p.code),
                                     absl::StrCat("changed ", absl::StrJoin(mask, ",")));
  }));
  return p;
}

absl::StatusOr<Cohort> Programmes::CreateCohort(const Caller& caller, const std::string& code, int year,
                                          const PerTrack& quotas, const std::string& request_id) {
  int64_t now = ctx_->Now();
  Cohort c;
  std::optional<std::string> replay;
  RETURN_IF_ERROR(ctx_->store().Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(replay, internal::Replay(db, caller, "CreateCohort", request_id));
    if (replay) return absl::OkStatus();
    ASSIGN_OR_RETURN(Programme p, ProgrammeRepository::FindByCode(db, code));
    c.programme_id = p.id;
    c.programme_code = p.code;
    c.year = year;
    c.state = CohortState::kDraft;
    c.quotas = quotas;
    c.create_time = c.update_time = now;
    RETURN_IF_ERROR(domain::ValidateCohort(p, c));
    RETURN_IF_ERROR(CohortRepository::Insert(db, &c));
    return internal::Record(db, caller, "CreateCohort", request_id, common::CohortName(code, year),
                            QuotaDetail(quotas), now);
  }));
  if (replay) {
    ASSIGN_OR_RETURN(common::CohortRef ref, common::ParseCohortName("cohort", *replay));
    return GetCohort(ref.code, ref.year);
  }
  return c;
}

absl::StatusOr<Cohort> Programmes::GetCohort(const std::string& code, int year) {
  Cohort c;
  RETURN_IF_ERROR(ctx_->store().Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(c, CohortRepository::Find(db, code, year));
    return absl::OkStatus();
  }));
  return c;
}

absl::StatusOr<Page<Cohort>> Programmes::ListCohorts(const std::string& code, const PageRequest& page) {
  ASSIGN_OR_RETURN(internal::PageCursor cursor, internal::OpenPage(page));
  // The key is "CODE/YEAR", as in a cohort's short name.
  std::string after_code;
  int after_year = 0;
  if (!cursor.after.empty()) {
    std::pair<std::string, std::string> parts = absl::StrSplit(cursor.after, '/');
    if (!absl::SimpleAtoi(parts.second, &after_year)) {
      return absl::InvalidArgumentError("page_token is not valid; list again without it");
    }
    after_code = parts.first;
  }
  Page<Cohort> out;
  RETURN_IF_ERROR(ctx_->store().Read([&](Connection& db) -> absl::Status {
    if (!code.empty()) RETURN_IF_ERROR(ProgrammeRepository::FindByCode(db, code).status());
    ASSIGN_OR_RETURN(out.items,
                     CohortRepository::List(db, code, after_code, after_year, cursor.size + 1));
    return absl::OkStatus();
  }));
  internal::ClosePage(cursor, &out, [](const Cohort& c) { return domain::CohortLabel(c); });
  return out;
}


absl::StatusOr<Cohort> Programmes::SetQuotas(const Caller& caller, const std::string& code, int year,
                                       const PerTrack& quotas) {
  return ChangeCohort(ctx_, caller, code, year, "SetQuotas",
                      [&](Connection& db, Cohort& c, int64_t now) -> absl::Status {
                        RETURN_IF_ERROR(domain::CheckQuotaChange(c, quotas));
                        return CohortRepository::UpdateQuotas(db, c.id, quotas, now);
                      });
}

absl::StatusOr<Cohort> Programmes::OpenEnrolment(const Caller& caller, const std::string& code,
                                           int year) {
  return ChangeCohort(ctx_, caller, code, year, "OpenEnrolment",
                      [&](Connection& db, Cohort& c, int64_t now) -> absl::Status {
                        RETURN_IF_ERROR(domain::CheckCohortTransition(c, CohortState::kEnrolling));
                        return CohortRepository::UpdateState(db, c.id, CohortState::kEnrolling,
                                                             now);
                      });
}

absl::StatusOr<Cohort> Programmes::StartCultivation(const Caller& caller, const std::string& code,
                                              int year) {
  return ChangeCohort(
      ctx_, caller, code, year, "StartCultivation",
      [&](Connection& db, Cohort& c, int64_t now) -> absl::Status {
        RETURN_IF_ERROR(domain::CheckStartCultivation(c));
        RETURN_IF_ERROR(storage::EnrolmentRepository::ChangeStages(
            db, c.id, domain::CultivationStageChanges(), "not selected when cultivation started",
            now));
        return CohortRepository::UpdateState(db, c.id, CohortState::kCultivating, now);
      });
}

}  // namespace talent::core
