// Use cases of score sheets: an assessor's points per criterion for one
// enrolment in one round, submitting, an administrator's reopening, the
// history of every change, and an assessor's sheets imported from a file.
// Each call is one transaction and returns the sheet with the rubric it
// was read under, so a response never needs a second read. Who may write
// or read which sheet is decided in authorization.h.
//
// Thread-safe (see context.h).
#ifndef TALENT_SERVER_CORE_SHEETS_H_
#define TALENT_SERVER_CORE_SHEETS_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "server/core/context.h"
#include "server/core/import_errors.h"
#include "server/domain/rubric.h"
#include "server/domain/sheet_rules.h"

namespace talent::core {

// A sheet as a response shows it: with the criteria it is scored against.
struct SheetView {
  domain::Sheet sheet;
  domain::Rubric rubric;
};

class Sheets {
 public:
  explicit Sheets(Context* context) : ctx_(context) {}

  // Points given per criterion code ("8.5"), and a comment when `comment`
  // is set, on the caller's own sheet. Every change is kept in the sheet's
  // history. PERMISSION_DENIED for an enrolment not assigned to the caller;
  // FAILED_PRECONDITION when the round is not OPEN or the sheet submitted;
  // INVALID_ARGUMENT naming the criterion.
  absl::StatusOr<SheetView> SetScores(
      const Caller& caller, const std::string& code, int year, int position,
      int64_t enrolment_id, const std::vector<std::pair<std::string, std::string>>& points,
      const std::optional<std::string>& comment);
  // Locks the caller's sheet. FAILED_PRECONDITION while a criterion is
  // unscored (naming it), or when the round is not OPEN.
  absl::StatusOr<SheetView> SubmitSheet(const Caller& caller, const std::string& code, int year,
                                        int position, int64_t enrolment_id);
  // The sheet of `assessor` (empty: the caller). Assessors read only their
  // own (PERMISSION_DENIED); NOT_FOUND when none was written.
  absl::StatusOr<SheetView> GetSheet(const Caller& caller, const std::string& code, int year,
                                     int position, int64_t enrolment_id,
                                     const std::string& assessor);
  // Administrators: reopens a submitted sheet with a reason, while the round
  // is OPEN.
  absl::StatusOr<SheetView> ReopenSheet(const Caller& caller, const std::string& code, int year,
                                        int position, int64_t enrolment_id,
                                        const std::string& assessor, std::string reason);

  // An assessor's sheets from a file: each row as SetScores (then
  // SubmitSheet when `submit`) would take it. Every row is checked first,
  // with the cohort, round, rubric and assessor loaded once for the call;
  // any problem is reported by line (the first 1,000, and their count) and
  // nothing is written (nor on a dry run); otherwise all rows are written
  // in one transaction. INVALID_ARGUMENT for more than kMaxImportRows rows;
  // NOT_FOUND (cohort, round).
  static constexpr size_t kMaxImportRows = 10000;
  struct ImportRow {
    int line = 0;
    int64_t enrolment_id = 0;
    std::vector<std::pair<std::string, std::string>> points;
    std::optional<std::string> comment;
    bool submit = false;
    // Set by the caller for a row it could not read (e.g. no enrolment
    // name), with the reason: reported as that line's problem.
    std::string malformed;
  };
  struct ImportResult {
    int rows = 0;
    int written = 0;
    int submitted = 0;
    std::vector<ImportError> errors;  // column empty; the first 1,000 by line
    int64_t error_count = 0;          // all of them
  };
  absl::StatusOr<ImportResult> ImportSheets(const Caller& caller, const std::string& code,
                                            int year, int position,
                                            const std::vector<ImportRow>& rows, bool dry_run);

  // Administrators: the sheet's changes, oldest first.
  absl::StatusOr<std::vector<domain::SheetChange>> SheetHistory(
      const std::string& code, int year, int position, int64_t enrolment_id,
      const std::string& assessor);

 private:
  Context* const ctx_;
};

}  // namespace talent::core

#endif  // TALENT_SERVER_CORE_SHEETS_H_
