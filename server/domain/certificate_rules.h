// Rules of certification (docs/rules.md §8 and §12): certificate numbers,
// when a cohort's certificates may be issued, revocation, and a programme's
// progress toward its target. Pure functions on plain values; thread-safe.
#ifndef TALENT_SERVER_DOMAIN_CERTIFICATE_RULES_H_
#define TALENT_SERVER_DOMAIN_CERTIFICATE_RULES_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/certificate_payload.h"
#include "server/domain/round_rules.h"
#include "server/domain/types.h"

namespace talent::domain {

// An issued certificate: the facts as signed, and the register's own data.
struct Certificate {
  int64_t id = 0;
  common::CertificateFacts facts;
  int64_t enrolment_id = 0;
  int64_t cohort_id = 0;
  Track track = Track::kUnspecified;
  int sequence = 0;
  std::string public_key;  // the Ed25519 key that signed, 32 bytes
  std::string signature;   // 64 bytes, over common::CertificatePayload(facts)
  // When the register signed it: the issue for a certificate issued here,
  // the registration for one imported from paper records (then `imported`,
  // and facts.issue_date is the paper date).
  int64_t issue_time = 0;
  std::string issued_by;   // username
  bool imported = false;
  int64_t revoke_time = 0;  // 0: not revoked
  std::string revoke_reason;
  std::string revoked_by;
  bool revoked() const { return revoke_time != 0; }
};

// 'S', 'M' or 'E'.
char TrackLetter(Track track);

// "<prefix>-<year>-<S|M|E><sequence:03>": FormatCertificateNumber("SCSW",
// 2023, kService, 1) is "SCSW-2023-S001"; sequences above 999 take more
// digits ("S1000"), so numbers stay unique.
std::string FormatCertificateNumber(absl::string_view prefix, int year, Track track,
                                    int sequence);

// The longest a canonical number can be: a 12-character prefix, the year
// and a track letter with six digits ("ABCDEFGHIJKL-2023-S123456").
inline constexpr size_t kMaxCertificateNumberLength = 12 + 1 + 4 + 1 + 7;

// A number as typed by a person (surrounding spaces, lower case) in the
// canonical form (at most kMaxCertificateNumberLength characters, only
// A–Z, 0–9 and '-'), or nullopt when it cannot be a certificate number.
std::optional<std::string> NormaliseCertificateNumber(absl::string_view text);

// The calendar date of `seconds` (Unix time) in China Standard Time (UTC+8,
// no daylight saving), where the programmes run, as "YYYY-MM-DD": the date
// a certificate is issued on, and revoked on, as printed and shown.
std::string ChinaDate(int64_t seconds);

// Certificates of a cohort may be issued once its final round is CONFIRMED
// (the cohort is then CLOSED). FAILED_PRECONDITION saying what to do when
// the cohort has no final round or it is not confirmed yet.
absl::Status CheckIssueCertificates(const Cohort& cohort, const std::vector<Round>& rounds);

// Trims the reason. INVALID_ARGUMENT for an empty or over-long reason
// (1–500 characters); FAILED_PRECONDITION when already revoked.
absl::Status CheckRevokeCertificate(bool already_revoked, std::string* reason);

// One cohort year's figures for one track.
struct TrackFigures {
  int selected = 0;    // ever selected: selected, active, eliminated, completed, certified
  int eliminated = 0;
  int certified = 0;
};

struct YearFigures {
  int year = 0;
  bool has_cohort = false;
  CohortState state = CohortState::kUnspecified;
  TrackFigures service, management, education_research;
  TrackFigures& operator[](Track track);
  const TrackFigures& operator[](Track track) const;
  int certified() const;  // all tracks
  int cumulative_certified = 0;  // up to and including this year
};

struct ProgrammeProgress {
  std::vector<YearFigures> years;  // start_year..end_year, one each
  int target = 0;
  int certified = 0;          // all years
  // The pace so far is judged over the years up to the latest CLOSED
  // cohort (its outcome is known); 0 when no cohort is closed yet.
  int years_counted = 0;
  int last_counted_year = 0;
  // certified × (years in the programme) / years_counted, rounded down.
  int projected = 0;
  bool on_track = false;     // projected ≥ target (or the target is reached)
  int remaining_years = 0;   // after last_counted_year (all years when none)
  // Certified talents needed per remaining year to reach the target,
  // rounded up; 0 when reached.
  int needed_per_year = 0;
};

// Assembles a programme's progress from its per-year figures (years outside
// the programme are ignored; missing years count as zero).
ProgrammeProgress ComputeProgress(const Programme& programme,
                                  const std::vector<YearFigures>& figures);

}  // namespace talent::domain

#endif  // TALENT_SERVER_DOMAIN_CERTIFICATE_RULES_H_
