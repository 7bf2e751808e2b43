#include "server/domain/history_rules.h"

#include <optional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/fixed_point.h"
#include "common/labels.h"
#include "common/text_safety.h"
#include "server/domain/text_field.h"

namespace talent::domain {
namespace {

// The outcome as typed: a stage's label in either language, or its key, or
// 认定 (how paper records say 已认定). Unspecified when it is none of them.
Stage ParseOutcome(const std::string& text) {
  if (text == "认定") return Stage::kCertified;
  std::optional<std::string> key = common::KeyForLabel("STAGE_", text);
  if (!key) return Stage::kUnspecified;
  for (Stage stage :
       {Stage::kEliminated, Stage::kWithdrawn, Stage::kCompleted, Stage::kCertified}) {
    if (*key == StageKey(stage)) return stage;
  }
  return Stage::kUnspecified;
}

// The sequence of `number` when it is the programme's number for this year
// and track ("SCSW-2021-S003" → 3); else 0, with the reason in *why.
int CertificateSequence(const std::string& number, const std::string& code, int year,
                        Track track, std::string* why) {
  const std::string head = absl::StrCat(code, "-", year, "-");
  const std::string example = FormatCertificateNumber(code, year, track, 1);
  if (number.compare(0, head.size(), head) != 0 || number.size() < head.size() + 2) {
    *why = absl::StrCat("certificate_number must be this programme's number of ", year,
                        " for the ", common::EnglishLabel(TrackKey(track)), " track, e.g. ",
                        example, ", got \"", common::SanitizeForDisplay(number), "\"");
    return 0;
  }
  if (number[head.size()] != TrackLetter(track)) {
    *why = absl::StrCat("certificate_number ", number, " is not of the row's track (",
                        common::EnglishLabel(TrackKey(track)), " numbers have ",
                        std::string(1, TrackLetter(track)), ", e.g. ", example, ")");
    return 0;
  }
  int sequence = 0;
  if (!absl::SimpleAtoi(number.substr(head.size() + 1), &sequence) || sequence <= 0 ||
      FormatCertificateNumber(code, year, track, sequence) != number) {
    *why = absl::StrCat("certificate_number ", common::SanitizeForDisplay(number),
                        " must end in a sequence of three digits from 001, e.g. ", example);
    return 0;
  }
  return sequence;
}

}  // namespace

absl::Status CheckHistoryYear(const Programme& programme, int year,
                              const std::vector<Cohort>& cohorts, const common::Date& today) {
  if (year < programme.start_year || year > programme.end_year) {
    return absl::InvalidArgumentError(absl::StrCat("year ", year, " is outside programme ",
                                                   programme.code, "'s years (",
                                                   programme.start_year, "–",
                                                   programme.end_year, ")"));
  }
  if (year > today.year) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the cohort of ", year, " has not run yet: only a past cohort can be imported; create a "
        "cohort that runs here with 'talentctl cohort create'"));
  }
  for (const Cohort& c : cohorts) {
    if (c.year == year) {
      return absl::AlreadyExistsError(absl::StrCat(
          "cohort ", programme.code, "/", year, " already exists",
          c.imported ? " (imported earlier)" : "", "; nothing was imported"));
    }
  }
  for (const Cohort& c : cohorts) {
    if (!c.imported && c.year < year) {
      return absl::FailedPreconditionError(absl::StrCat(
          "programme ", programme.code, " has run cohort ", c.year,
          " here; history can be imported only for years before it"));
    }
  }
  return absl::OkStatus();
}

bool ParseHistoryRow(HistoryInput in, const std::string& code, int year,
                     const common::Date& today, HistoryPerson* out,
                     std::vector<FieldError>* errors) {
  const size_t before = errors->size();
  HistoryPerson h;
  // The row's track, for its certificate number, even when another cell of
  // the person is bad (ParseApplicant then fills nothing in; it reports a
  // bad track itself).
  Track track = Track::kUnspecified;
  if (std::optional<std::string> key = common::KeyForLabel("TRACK_", TrimText(in.track))) {
    for (Track t : kTracks) {
      if (*key == TrackKey(t)) track = t;
    }
  }
  ApplicantInput applicant;
  applicant.full_name = std::move(in.full_name);
  applicant.national_id = std::move(in.national_id);
  applicant.organisation = std::move(in.organisation);
  applicant.region = std::move(in.region);
  applicant.track = std::move(in.track);
  ParseApplicant(std::move(applicant), today, &h.applicant, errors);

  const std::string outcome = TrimText(in.outcome);
  h.outcome = ParseOutcome(outcome);
  if (outcome.empty()) {
    errors->push_back({"outcome", "outcome is required: 已认定, 结业, 淘汰 or 退出 (certified, "
                                  "completed, eliminated, withdrawn)"});
  } else if (h.outcome == Stage::kUnspecified) {
    errors->push_back({"outcome", absl::StrCat("outcome \"", common::SanitizeForDisplay(outcome),
                                               "\" is not one of a closed cohort's: 已认定, 结业, "
                                               "淘汰, 退出 (certified, completed, eliminated, "
                                               "withdrawn)")});
  }

  const std::string number = TrimText(in.certificate_number);
  const std::string date = absl::StrReplaceAll(TrimText(in.issue_date), {{"/", "-"}});
  const std::string score = TrimText(in.final_score);
  if (h.outcome == Stage::kCertified) {
    if (number.empty()) {
      errors->push_back({"certificate_number",
                         "certificate_number is required for the certified: the paper "
                         "certificate's number"});
    } else if (track != Track::kUnspecified) {
      std::string why;
      h.certificate_number = NormaliseCertificateNumber(number).value_or(number);
      h.sequence = CertificateSequence(h.certificate_number, code, year, track, &why);
      if (h.sequence == 0) errors->push_back({"certificate_number", why});
    }
    if (date.empty()) {
      errors->push_back({"issue_date", "issue_date is required for the certified: the date on "
                                       "the paper certificate, YYYY-MM-DD"});
    } else if (!common::ParseDate(date, &h.issue_date)) {
      errors->push_back({"issue_date", absl::StrCat("issue_date must be a real date, YYYY-MM-DD, "
                                                    "got \"", common::SanitizeForDisplay(date),
                                                    "\"")});
    } else if (h.issue_date.year < year || today < h.issue_date) {
      errors->push_back({"issue_date", absl::StrCat("issue_date ", date, " must lie between ",
                                                    year, "-01-01 and today")});
    }
    absl::StatusOr<int64_t> hundredths = common::ParseHundredths(score);
    if (score.empty()) {
      errors->push_back({"final_score", "final_score is required for the certified: the score "
                                        "on the paper certificate, e.g. 92.5"});
    } else if (!hundredths.ok() || *hundredths > 10000) {
      errors->push_back({"final_score", absl::StrCat("final_score must be 0–100 with at most "
                                                     "two decimals, got \"",
                                                     common::SanitizeForDisplay(score), "\"")});
    } else {
      h.final_score = *hundredths;
    }
  } else if (h.outcome != Stage::kUnspecified) {
    const std::string stage = common::EnglishLabel(StageKey(h.outcome));
    if (!number.empty()) {
      errors->push_back({"certificate_number", absl::StrCat("only the certified have a "
                                                            "certificate_number; this row is ",
                                                            stage)});
    }
    if (!date.empty()) {
      errors->push_back({"issue_date", absl::StrCat("only the certified have an issue_date; "
                                                    "this row is ", stage)});
    }
    if (!score.empty()) {
      errors->push_back({"final_score", absl::StrCat("only the certified have a final_score; "
                                                     "this row is ", stage)});
    }
  }

  if (errors->size() != before) return false;
  *out = std::move(h);
  return true;
}

bool CheckHistoryPerson(const std::vector<PriorEnrolment>& prior, int year, Stage outcome,
                        std::vector<FieldError>* errors) {
  for (const PriorEnrolment& p : prior) {
    if (p.stage == Stage::kCertified) {
      errors->push_back({"national_id", absl::StrCat("this person was certified by the programme "
                                                     "in cohort ", p.cohort_year, " (enrolment ",
                                                     p.id, ") and cannot be enrolled again")});
      return false;
    }
  }
  for (const PriorEnrolment& p : prior) {
    if (p.cohort_year == year) {
      errors->push_back({"national_id", absl::StrCat("this person is already in cohort ", year,
                                                     " (enrolment ", p.id, ")")});
      return false;
    }
  }
  if (outcome == Stage::kCertified) {
    for (const PriorEnrolment& p : prior) {
      if (p.cohort_year > year) {
        errors->push_back({"national_id", absl::StrCat("this row certifies a person enrolled "
                                                       "later, in cohort ", p.cohort_year,
                                                       " (enrolment ", p.id, "): a certified "
                                                       "person is never enrolled again")});
        return false;
      }
    }
  }
  return true;
}

YearFigures HistoryFigures(int year, const std::vector<HistoryPerson>& people) {
  YearFigures figures;
  figures.year = year;
  figures.has_cohort = true;
  figures.state = CohortState::kClosed;
  for (const HistoryPerson& p : people) {
    TrackFigures& t = figures[p.applicant.track];
    if (p.outcome != Stage::kWithdrawn) ++t.selected;
    if (p.outcome == Stage::kEliminated) ++t.eliminated;
    if (p.outcome == Stage::kCertified) ++t.certified;
  }
  return figures;
}

}  // namespace talent::domain
