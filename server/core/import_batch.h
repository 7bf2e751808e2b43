// ImportBatch: the rows of one bulk import, checked as they arrive (each
// row's fields, and national IDs repeated within the file) and handed on in
// parsed form, so a streamed import of 100,000 rows is checked and written
// while it is still being received and never holds the whole file.
//
// Thread-compatible: one batch belongs to one import call.
#ifndef TALENT_SERVER_CORE_IMPORT_BATCH_H_
#define TALENT_SERVER_CORE_IMPORT_BATCH_H_

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "server/domain/applicant.h"

namespace talent::core {

struct ImportError {
  int line = 0;
  std::string column;
  std::string reason;
};

class ImportBatch {
 public:
  // Birth dates are checked against `today`.
  explicit ImportBatch(const common::Date& today) : today_(today) {}

  // Parses and checks one row of the file.
  void AddRow(int line, const domain::ApplicantInput& input);
  // A row the client could not read at all (e.g. the wrong number of cells).
  void AddMalformed(int line, std::string reason);

  // A row that passed the field checks.
  struct Row {
    int line = 0;
    domain::Applicant applicant;
  };
  // The good rows added since the last call.
  std::vector<Row> TakeRows() { return std::exchange(pending_, {}); }

  int rows() const { return rows_; }
  // Every problem found so far, in arrival order.
  std::vector<ImportError>& errors() { return errors_; }

 private:
  common::Date today_;
  int rows_ = 0;
  std::vector<Row> pending_;
  std::vector<ImportError> errors_;
  std::unordered_map<std::string, int> first_line_;  // national ID → line
};

}  // namespace talent::core

#endif  // TALENT_SERVER_CORE_IMPORT_BATCH_H_
