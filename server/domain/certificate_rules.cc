#include "server/domain/certificate_rules.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "common/labels.h"
#include "server/domain/text_field.h"

namespace talent::domain {

char TrackLetter(Track track) {
  switch (track) {
    case Track::kService: return 'S';
    case Track::kManagement: return 'M';
    case Track::kEducationResearch: return 'E';
    case Track::kUnspecified: break;
  }
  return '?';
}

std::string FormatCertificateNumber(absl::string_view prefix, int year, Track track,
                                    int sequence) {
  return absl::StrFormat("%s-%04d-%c%03d", prefix, year, TrackLetter(track), sequence);
}

std::optional<std::string> NormaliseCertificateNumber(absl::string_view text) {
  std::string number = absl::AsciiStrToUpper(TrimTextView(text));
  std::vector<absl::string_view> parts = absl::StrSplit(number, '-');
  if (parts.size() != 3) return std::nullopt;
  // Prefix: a programme code (2–12 upper-case letters or digits, a letter first).
  absl::string_view prefix = parts[0];
  if (prefix.size() < 2 || prefix.size() > 12 || !absl::ascii_isupper(prefix[0])) {
    return std::nullopt;
  }
  for (char c : prefix) {
    if (!absl::ascii_isupper(c) && !absl::ascii_isdigit(c)) return std::nullopt;
  }
  int year = 0;
  if (parts[1].size() != 4 || !absl::SimpleAtoi(parts[1], &year)) return std::nullopt;
  absl::string_view serial = parts[2];
  if (serial.size() < 4 || serial.size() > 7 || std::string("SME").find(serial[0]) == std::string::npos) {
    return std::nullopt;
  }
  for (char c : serial.substr(1)) {
    if (!absl::ascii_isdigit(c)) return std::nullopt;
  }
  return number;
}

std::string ChinaDate(int64_t seconds) {
  constexpr int64_t kChinaStandardTime = 8 * 3600;
  return common::FormatDate(common::DateOfSeconds(seconds + kChinaStandardTime));
}

absl::Status CheckIssueCertificates(const Cohort& cohort, const std::vector<Round>& rounds) {
  const Round* final_round = nullptr;
  for (const Round& round : rounds) {
    if (round.final) final_round = &round;
  }
  std::string cohort_name = absl::StrCat(cohort.programme_code, " ", cohort.year);
  if (final_round == nullptr) {
    return absl::FailedPreconditionError(absl::StrCat(
        "cohort ", cohort_name, " has no final round; create one with 'talentctl round create "
        "--final', assess and confirm it, then issue certificates"));
  }
  if (final_round->state != RoundState::kConfirmed) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the final round of cohort ", cohort_name, " (", final_round->name, ") is ",
        common::EnglishLabel(RoundStateKey(final_round->state)),
        "; certificates are issued after it is confirmed ('talentctl round confirm')"));
  }
  return absl::OkStatus();
}

absl::Status CheckRevokeCertificate(bool already_revoked, std::string* reason) {
  if (absl::Status s = CheckText("reason", reason, 1, 500); !s.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(s.message(), " (say why the certificate is revoked with --reason)"));
  }
  if (already_revoked) {
    return absl::FailedPreconditionError("the certificate is already revoked");
  }
  return absl::OkStatus();
}

TrackFigures& YearFigures::operator[](Track track) {
  switch (track) {
    case Track::kManagement: return management;
    case Track::kEducationResearch: return education_research;
    default: return service;
  }
}

const TrackFigures& YearFigures::operator[](Track track) const {
  return const_cast<YearFigures&>(*this)[track];
}

int YearFigures::certified() const {
  return service.certified + management.certified + education_research.certified;
}

ProgrammeProgress ComputeProgress(const Programme& programme,
                                  const std::vector<YearFigures>& figures) {
  ProgrammeProgress out;
  out.target = programme.talent_target;
  for (int year = programme.start_year; year <= programme.end_year; ++year) {
    YearFigures y;
    y.year = year;
    for (const YearFigures& f : figures) {
      if (f.year == year) y = f;
    }
    out.certified += y.certified();
    y.cumulative_certified = out.certified;
    if (y.has_cohort && y.state == CohortState::kClosed) {
      out.last_counted_year = year;
      out.years_counted = year - programme.start_year + 1;
    }
    out.years.push_back(y);
  }
  const int total_years = programme.end_year - programme.start_year + 1;
  // Certificates issued in a later, not yet closed year still count as
  // done; the pace is judged over the closed years.
  if (out.years_counted > 0) {
    out.projected = static_cast<int>(int64_t{out.certified} * total_years / out.years_counted);
  }
  out.remaining_years = total_years - out.years_counted;
  const int missing = std::max(0, out.target - out.certified);
  out.on_track = missing == 0 || (out.years_counted > 0 && out.projected >= out.target);
  if (missing > 0 && out.remaining_years > 0) {
    out.needed_per_year = (missing + out.remaining_years - 1) / out.remaining_years;
  } else {
    out.needed_per_year = 0;
  }
  return out;
}

}  // namespace talent::domain
