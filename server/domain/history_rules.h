// Rules of a history import (docs/lifecycles.md §1.1): a cohort that ran
// before the programme adopted this system, recorded from its paper
// records. Which years may be imported, and what each row must hold: a
// person (checked as an application is), the outcome of a closed cohort,
// and for the certified the paper certificate's number, date and score.
// Pure functions on plain values; thread-safe.
#ifndef TALENT_SERVER_DOMAIN_HISTORY_RULES_H_
#define TALENT_SERVER_DOMAIN_HISTORY_RULES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "common/clock.h"
#include "server/domain/applicant.h"
#include "server/domain/certificate_rules.h"
#include "server/domain/enrolment_rules.h"
#include "server/domain/types.h"

namespace talent::domain {

// The most rows one history import takes: a closed cohort is ~30 people,
// and no quota exceeds 1,000 a track.
inline constexpr int kMaxHistoryRows = 5000;

// Checks `year` may be imported into `programme`, which has `cohorts`
// already (imported or run here), on `today`. INVALID_ARGUMENT when the
// year is outside the programme's years; ALREADY_EXISTS when a cohort of
// that year exists; FAILED_PRECONDITION when the year is after today's, or
// not before every cohort run here (only imported cohorts may be later).
absl::Status CheckHistoryYear(const Programme& programme, int year,
                              const std::vector<Cohort>& cohorts, const common::Date& today);

// The text of each cell as the user gave it.
struct HistoryInput {
  std::string full_name;
  std::string national_id;
  std::string organisation;
  std::string region;
  std::string track;
  std::string outcome;  // certified/已认定/认定, completed/结业, eliminated/淘汰, withdrawn/退出
  std::string certificate_number;
  std::string issue_date;  // YYYY-MM-DD or YYYY/MM/DD
  std::string final_score;
};

// One validated row.
struct HistoryPerson {
  Applicant applicant;  // person, track, organisation, region
  Stage outcome = Stage::kUnspecified;  // ELIMINATED, WITHDRAWN, COMPLETED or CERTIFIED
  // For the certified only:
  std::string certificate_number;  // canonical
  int sequence = 0;
  common::Date issue_date;
  int64_t final_score = 0;  // hundredths
};

// Validates every cell of one row of the history of `code`'s cohort of
// `year`: the person as ParseApplicant does (columns name, national_id,
// organisation, region, track); the outcome (column outcome); and, for the
// certified, certificate_number (the programme's format for this year and
// the row's track), issue_date (a real date from 1 January of the year up
// to today) and final_score (0–100, two decimals at most), each required —
// and each refused for every other outcome. Returns the row, or appends one
// FieldError per bad cell to *errors and returns false.
bool ParseHistoryRow(HistoryInput input, const std::string& code, int year,
                     const common::Date& today, HistoryPerson* person,
                     std::vector<FieldError>* errors);

// Checks a person of an imported cohort of `year` against their other
// enrolments in the programme. The column is national_id. Refused when
// they were certified by it already (a certified person is never enrolled
// again), when they are in that year's cohort already, or when this row
// certifies them although they were enrolled in a later cohort.
bool CheckHistoryPerson(const std::vector<PriorEnrolment>& prior, int year, Stage outcome,
                        std::vector<FieldError>* errors);

// The cohort's figures as a programme's progress counts them (selected:
// everyone but the withdrawn).
YearFigures HistoryFigures(int year, const std::vector<HistoryPerson>& people);

}  // namespace talent::domain

#endif  // TALENT_SERVER_DOMAIN_HISTORY_RULES_H_
