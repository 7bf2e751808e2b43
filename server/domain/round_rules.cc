#include "server/domain/round_rules.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/clock.h"
#include "common/labels.h"
#include "common/status_macros.h"
#include "server/domain/programme_rules.h"
#include "server/domain/text_field.h"

namespace talent::domain {
namespace {

std::string Name(RoundState state) { return common::EnglishLabel(RoundStateKey(state)); }

std::string Describe(const Round& round) {
  return absl::StrCat("round \"", round.name, "\" is ", Name(round.state));
}

}  // namespace

const char* RoundStateKey(RoundState state) {
  switch (state) {
    case RoundState::kDraft: return "ROUND_STATE_DRAFT";
    case RoundState::kOpen: return "ROUND_STATE_OPEN";
    case RoundState::kScored: return "ROUND_STATE_SCORED";
    case RoundState::kNotice: return "ROUND_STATE_NOTICE";
    case RoundState::kConfirmed: return "ROUND_STATE_CONFIRMED";
    case RoundState::kUnspecified: break;
  }
  return "ROUND_STATE_UNSPECIFIED";
}

absl::Status CheckCreateRound(const Cohort& cohort, const std::vector<Round>& existing,
                              Round* round) {
  RETURN_IF_ERROR(CheckText("title", &round->name, 1, 50));
  RETURN_IF_ERROR(CheckRange("position", round->position, 1, 100));
  if (cohort.state != CohortState::kEnrolling && cohort.state != CohortState::kCultivating) {
    return absl::FailedPreconditionError(absl::StrCat(
        "cohort ", CohortLabel(cohort), " is ",
        common::EnglishLabel(CohortStateKey(cohort.state)),
        "; rounds are created while it is enrolling or cultivating"));
  }
  for (const Round& other : existing) {
    if (other.name == round->name) {
      return absl::AlreadyExistsError(absl::StrCat("cohort ", CohortLabel(cohort),
                                                   " already has a round named \"", round->name,
                                                   "\""));
    }
    if (other.position == round->position) {
      return absl::AlreadyExistsError(absl::StrCat("round \"", other.name, "\" is already at position ",
                                                   round->position));
    }
    if (other.final && round->final) {
      return absl::FailedPreconditionError(absl::StrCat(
          "round \"", other.name, "\" is already the final round; a cohort has exactly one"));
    }
    if (other.final && round->position > other.position) {
      return absl::FailedPreconditionError(absl::StrCat(
          "no round may come after the final round \"", other.name, "\" (position ",
          other.position, ")"));
    }
    if (round->final && other.position > round->position) {
      return absl::FailedPreconditionError(absl::StrCat(
          "round \"", other.name, "\" comes later (position ", other.position,
          "); the final round must be the last"));
    }
  }
  round->state = RoundState::kDraft;
  return absl::OkStatus();
}

absl::Status CheckRoundTransition(const Round& round, RoundState to) {
  RoundState next = RoundState::kUnspecified;
  switch (round.state) {
    case RoundState::kDraft: next = RoundState::kOpen; break;
    case RoundState::kOpen: next = RoundState::kScored; break;
    case RoundState::kScored: next = RoundState::kNotice; break;
    case RoundState::kNotice: next = RoundState::kConfirmed; break;
    default: break;
  }
  if (to == next) return absl::OkStatus();
  if (next == RoundState::kUnspecified) {
    return absl::FailedPreconditionError(
        absl::StrCat(Describe(round), "; its results are final and it cannot change"));
  }
  return absl::FailedPreconditionError(absl::StrCat(
      Describe(round), "; from there it can only go to ", Name(next), ", not ", Name(to)));
}

absl::Status CheckOpenRound(const Cohort& cohort, const std::vector<Round>& rounds,
                            const Round& round) {
  RETURN_IF_ERROR(CheckRoundTransition(round, RoundState::kOpen));
  if (cohort.state != CohortState::kCultivating) {
    return absl::FailedPreconditionError(absl::StrCat(
        "cohort ", CohortLabel(cohort), " is not cultivating; start cultivation ('talentctl "
        "cohort cultivate ", CohortLabel(cohort), "') before opening a round"));
  }
  for (const Round& other : rounds) {
    if (other.position < round.position && other.state != RoundState::kConfirmed) {
      return absl::FailedPreconditionError(absl::StrCat(
          "the earlier round \"", other.name, "\" is ", Name(other.state),
          "; confirm it before opening \"", round.name, "\""));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckCloseScoring(const Round& round, const std::vector<ScoringStatus>& enrolments,
                               int min_sheets) {
  RETURN_IF_ERROR(CheckRoundTransition(round, RoundState::kScored));
  std::vector<std::string> short_of;
  int total_short = 0;
  for (const ScoringStatus& e : enrolments) {
    if (e.absent || e.submitted_sheets >= min_sheets) continue;
    ++total_short;
    if (short_of.size() < 5) {
      short_of.push_back(absl::StrCat(e.enrolment_id, " (", e.submitted_sheets, ")"));
    }
  }
  if (total_short == 0) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(
      total_short, " enrolment(s) have fewer than ", min_sheets, " submitted sheets: ",
      absl::StrJoin(short_of, ", "), total_short > 5 ? ", …" : "",
      "; collect their sheets or mark them absent"));
}

int64_t NoticeEnd(int64_t start, int days) { return start + int64_t{days} * 86400; }

absl::Status CheckConfirmRound(const Round& round, int64_t now, int open_appeals) {
  RETURN_IF_ERROR(CheckRoundTransition(round, RoundState::kConfirmed));
  if (round.notice_end == 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("round \"", round.name, "\" has no public notice period recorded"));
  }
  if (now < round.notice_end) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the public notice of round \"", round.name, "\" runs until ",
        common::FormatTimestamp(round.notice_end), "; confirm it after that"));
  }
  if (open_appeals > 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        open_appeals, " appeal(s) against round \"", round.name,
        "\" are open; resolve them before confirming"));
  }
  return absl::OkStatus();
}

absl::Status RoundStateError(const Round& round, const std::string& what) {
  return absl::FailedPreconditionError(
      absl::StrCat("round \"", round.name, "\" is ", Name(round.state), "; ", what));
}

absl::Status CheckAssign(const Round& round) {
  if (round.state == RoundState::kDraft || round.state == RoundState::kOpen) {
    return absl::OkStatus();
  }
  return RoundStateError(round, "assessors are assigned while it is draft or open");
}

absl::Status CheckMarkAbsent(const Round& round, const Enrolment& enrolment) {
  if (round.state != RoundState::kOpen) {
    return RoundStateError(round, "absences are recorded while it is open");
  }
  if (enrolment.stage != Stage::kActive) {
    return absl::FailedPreconditionError(absl::StrCat(
        "enrolment ", enrolment.id, " is ", common::EnglishLabel(StageKey(enrolment.stage)),
        "; only active candidates are assessed"));
  }
  return absl::OkStatus();
}

absl::Status CheckProvisionalResults(const Round& round) {
  if (round.state == RoundState::kScored || round.state == RoundState::kNotice) {
    return absl::OkStatus();
  }
  return RoundStateError(
      round, "results are listed once scoring is closed ('talentctl round close')");
}

}  // namespace talent::domain
