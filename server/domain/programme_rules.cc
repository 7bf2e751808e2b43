#include "server/domain/programme_rules.h"

#include "absl/strings/str_cat.h"
#include "common/labels.h"
#include "common/status_macros.h"
#include "server/domain/text_field.h"

namespace talent::domain {
namespace {

constexpr int kMinYear = 2000;
constexpr int kMaxYear = 2100;
constexpr int kMaxQuota = 1000;

std::string StateName(CohortState state) { return common::EnglishLabel(CohortStateKey(state)); }

std::string TrackName(Track track) { return common::EnglishLabel(TrackKey(track)); }

// The API's field name of a track's quota.
const char* QuotaField(Track track) {
  switch (track) {
    case Track::kManagement: return "quotas.management";
    case Track::kEducationResearch: return "quotas.education_research";
    default: return "quotas.service";
  }
}

absl::Status CheckQuotas(const PerTrack& quotas) {
  for (Track track : kTracks) {
    if (quotas[track] < 0 || quotas[track] > kMaxQuota) {
      return absl::InvalidArgumentError(absl::StrCat(QuotaField(track),
                                                     " must be between 0 and ", kMaxQuota,
                                                     ", got ", quotas[track]));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateProgramme(Programme* p) {
  p->code = TrimText(p->code);
  bool code_ok = p->code.size() >= 2 && p->code.size() <= 12 && p->code[0] >= 'A' &&
                 p->code[0] <= 'Z';
  for (char c : p->code) {
    code_ok = code_ok && ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
  }
  if (!code_ok) {
    return absl::InvalidArgumentError(
        "code must be 2–12 upper-case letters or digits starting with a letter, e.g. SCSW");
  }
  RETURN_IF_ERROR(CheckText("title", &p->title, 1, 100));
  RETURN_IF_ERROR(CheckText("issuer", &p->issuer, 1, 100));
  RETURN_IF_ERROR(CheckText("objection_contact", &p->objection_contact, 0, 300));
  RETURN_IF_ERROR(CheckRange("start_year", p->start_year, kMinYear, kMaxYear));
  RETURN_IF_ERROR(CheckRange("end_year", p->end_year, kMinYear, kMaxYear));
  if (p->end_year < p->start_year) {
    return absl::InvalidArgumentError(absl::StrCat("end_year ", p->end_year,
                                                   " is before start_year ", p->start_year));
  }
  return CheckRange("talent_target", p->talent_target, 1, 100000);
}

std::string CohortLabel(const Cohort& cohort) {
  return absl::StrCat(cohort.programme_code, "/", cohort.year);
}

absl::Status ValidateCohort(const Programme& programme, const Cohort& cohort) {
  if (cohort.year < programme.start_year || cohort.year > programme.end_year) {
    return absl::InvalidArgumentError(absl::StrCat(
        "year ", cohort.year, " is outside programme ", programme.code, "'s years ",
        programme.start_year, "–", programme.end_year));
  }
  return CheckQuotas(cohort.quotas);
}

absl::Status CheckCohortTransition(const Cohort& cohort, CohortState to) {
  CohortState from = cohort.state;
  CohortState next = CohortState::kUnspecified;
  switch (from) {
    case CohortState::kDraft: next = CohortState::kEnrolling; break;
    case CohortState::kEnrolling: next = CohortState::kCultivating; break;
    case CohortState::kCultivating: next = CohortState::kClosed; break;
    default: break;
  }
  if (to == next) return absl::OkStatus();
  if (next == CohortState::kUnspecified) {
    return absl::FailedPreconditionError(absl::StrCat(
        "cohort ", CohortLabel(cohort), " is ", StateName(from), "; it cannot change any more"));
  }
  return absl::FailedPreconditionError(absl::StrCat("cohort ", CohortLabel(cohort), " is ",
                                                    StateName(from), "; from there it can only go to ",
                                                    StateName(next), ", not ", StateName(to)));
}

absl::Status CheckStartCultivation(const Cohort& cohort) {
  RETURN_IF_ERROR(CheckCohortTransition(cohort, CohortState::kCultivating));
  int selected = 0;
  for (Track track : kTracks) selected += cohort.selected[track];
  if (selected == 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        "cohort ", CohortLabel(cohort),
        " has nobody selected; select candidates ('talentctl enrolment select') first"));
  }
  return absl::OkStatus();
}

absl::Status CheckEnrolmentOpen(const Cohort& cohort) {
  switch (cohort.state) {
    case CohortState::kEnrolling:
      return absl::OkStatus();
    case CohortState::kDraft:
      return absl::FailedPreconditionError(absl::StrCat(
          "cohort ", CohortLabel(cohort), " is draft; open it first ('talentctl cohort open ",
          CohortLabel(cohort), "')"));
    default:
      return absl::FailedPreconditionError(absl::StrCat(
          "cohort ", CohortLabel(cohort), " is ", StateName(cohort.state),
          "; enrolment is frozen"));
  }
}

absl::Status CheckQuotaChange(const Cohort& cohort, const PerTrack& quotas) {
  RETURN_IF_ERROR(CheckQuotas(quotas));
  if (cohort.state != CohortState::kDraft && cohort.state != CohortState::kEnrolling) {
    return absl::FailedPreconditionError(absl::StrCat("cohort ", CohortLabel(cohort), " is ",
                                                      StateName(cohort.state),
                                                      "; quotas can no longer change"));
  }
  for (Track track : kTracks) {
    if (quotas[track] < cohort.selected[track]) {
      return absl::FailedPreconditionError(absl::StrCat(
          "track ", TrackName(track), " already has ", cohort.selected[track],
          " selected; its quota cannot be ", quotas[track],
          " (reject some selected candidates first)"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckRubricEditable(const Cohort& cohort) {
  if (cohort.state == CohortState::kDraft || cohort.state == CohortState::kEnrolling) {
    return absl::OkStatus();
  }
  return absl::FailedPreconditionError(absl::StrCat("cohort ", CohortLabel(cohort), " is ",
                                                    StateName(cohort.state),
                                                    "; its rubric can no longer change"));
}

absl::Status CheckRulesEditable(const Cohort& cohort, int rounds_opened) {
  if (cohort.state == CohortState::kClosed) {
    return absl::FailedPreconditionError(
        absl::StrCat("cohort ", CohortLabel(cohort), " is closed; its rules can no longer change"));
  }
  if (rounds_opened > 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        "cohort ", CohortLabel(cohort),
        " has opened an assessment round; its rules can no longer change"));
  }
  return absl::OkStatus();
}

}  // namespace talent::domain
