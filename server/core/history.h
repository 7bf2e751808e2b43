// Use case of a history import (docs/lifecycles.md §1.1): a cohort that ran
// before the programme adopted this system, recorded from its paper
// records — the cohort (CLOSED, imported, no rounds), its people with their
// final stages, and the certificates issued on paper, registered under
// their paper numbers and dates and signed with the server's current key
// so that they verify. One transaction and one audit event per call.
//
// Thread-safe (see context.h).
#ifndef TALENT_SERVER_CORE_HISTORY_H_
#define TALENT_SERVER_CORE_HISTORY_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/core/context.h"
#include "server/domain/certificate_rules.h"
#include "server/domain/history_rules.h"

namespace talent::core {

class History {
 public:
  explicit History(Context* context) : ctx_(context) {}

  // One row of the file: its line, its cells, and the reason the client
  // could not read it as a row (empty when it could).
  struct Row {
    int line = 0;
    domain::HistoryInput input;
    std::string malformed;
  };

  struct Outcome {
    domain::Cohort cohort;
    int people = 0;
    domain::YearFigures figures;
    std::vector<domain::Certificate> certificates;  // by number
    bool dry_run = false;
  };

  // Imports programme `code`'s cohort of `year` from `rows`, or on a dry
  // run checks everything and writes nothing. Quotas are not enforced: the
  // rows record what happened. A retry with the same `request_id` answers
  // with what the first call imported.
  // INVALID_ARGUMENT: no rows or more than domain::kMaxHistoryRows; a year
  // outside the programme; any bad row — the message lists the problems
  // ("line 3, national_id: …", the first ImportErrors::kMaxListed and how
  // many more). NOT_FOUND programme. ALREADY_EXISTS when the year has a
  // cohort. FAILED_PRECONDITION: a future year, a year not before every
  // cohort run here, or no signing key (also "the signing key was rotated;
  // restart talentd").
  absl::StatusOr<Outcome> Import(const Caller& caller, const std::string& code, int year,
                                 std::vector<Row> rows, bool dry_run,
                                 const std::string& request_id);

 private:
  Context* const ctx_;
};

}  // namespace talent::core

#endif  // TALENT_SERVER_CORE_HISTORY_H_
