// ImportBatch: the rows of one bulk import, checked as they arrive (each
// row's fields, and national IDs repeated within the file) and kept only in
// parsed form, so a streamed import of 100,000 rows is validated while it is
// still being received and holds no raw copy of the file. Core::Import then
// checks the batch against the database and writes it in one transaction.
//
// Thread-compatible: one batch belongs to one import call.
#ifndef TALENT_SERVER_CORE_IMPORT_BATCH_H_
#define TALENT_SERVER_CORE_IMPORT_BATCH_H_

#include <string>
#include <unordered_map>
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

  int rows() const { return rows_; }
  // The rows that passed the field checks, with their lines.
  std::vector<domain::Applicant>& applicants() { return applicants_; }
  const std::vector<int>& lines() const { return lines_; }
  // Every problem found so far, in arrival order.
  std::vector<ImportError>& errors() { return errors_; }

 private:
  common::Date today_;
  int rows_ = 0;
  std::vector<domain::Applicant> applicants_;
  std::vector<int> lines_;
  std::vector<ImportError> errors_;
  std::unordered_map<std::string, int> first_line_;  // national ID → line
};

}  // namespace talent::core

#endif  // TALENT_SERVER_CORE_IMPORT_BATCH_H_
