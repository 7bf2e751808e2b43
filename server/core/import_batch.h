// ImportBatch: the rows of one bulk import of enrolments, received whole
// before the database is touched. Each row is checked as it is added (its
// fields, and national IDs repeated within the file); the good rows are
// kept in the order added — in memory up to Options::memory_bytes, beyond
// that in a SpillFile — to be read back, chunk by chunk, by the
// transaction that checks them against the database and writes them. The
// problems go to an ImportErrors (the first 1,000 by line, and their
// count).
//
// Thread-compatible: rows are added by one thread, then read back by one.
#ifndef TALENT_SERVER_CORE_IMPORT_BATCH_H_
#define TALENT_SERVER_CORE_IMPORT_BATCH_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/clock.h"
#include "server/core/import_errors.h"
#include "server/core/spill_file.h"
#include "server/domain/applicant.h"

namespace talent::core {

class ImportBatch {
 public:
  struct Options {
    // Good rows held in memory, in bytes (an estimate of what they take);
    // past it they move to a temporary file.
    size_t memory_bytes = size_t{8} << 20;
    // Where that file may be made, in order of preference.
    std::vector<std::string> spill_directories;
  };

  // Birth dates are checked against `today`.
  ImportBatch(const common::Date& today, Options options);
  ImportBatch(const ImportBatch&) = delete;
  ImportBatch& operator=(const ImportBatch&) = delete;

  // Parses and checks one row of the file, keeping it when good. An error
  // only when it could not be kept (the temporary file: RESOURCE_EXHAUSTED
  // when the disk is full, INTERNAL otherwise); the import must then stop.
  absl::Status AddRow(int line, domain::ApplicantInput input);
  // A row the client could not read at all (e.g. the wrong number of cells).
  void AddMalformed(int line, std::string reason);

  // Every problem so far; the database's are added here too.
  ImportErrors& errors() { return errors_; }
  // Rows added, good or bad.
  int rows() const { return rows_; }
  // Whether the good rows outgrew memory and went to a temporary file.
  bool spilled() const { return file_ != nullptr; }

  // A row that passed the field checks.
  struct Row {
    int line = 0;
    domain::Applicant applicant;
  };
  // Reading back: Rewind(), then Next() until it returns false. Rows come
  // in the order they were added. Rewind() may be called again to read
  // them once more.
  absl::Status Rewind();
  // Replaces *rows with the next at most `max` good rows; false (and no
  // rows) after the last. INTERNAL when the temporary file cannot be read.
  absl::StatusOr<bool> Next(size_t max, std::vector<Row>* rows);

 private:
  // Moves the rows held in memory to the end of the file.
  absl::Status Spill();

  const common::Date today_;
  const Options options_;
  int rows_ = 0;
  ImportErrors errors_;
  // National ID (its first 17 digits as a number) → the line it was first on.
  absl::flat_hash_map<uint64_t, int> first_line_;

  // Good rows: the first file_rows_ in the file, the rest in memory_.
  std::vector<Row> memory_;
  size_t memory_used_ = 0;
  std::unique_ptr<SpillFile> file_;
  uint64_t file_rows_ = 0;

  // Reading back.
  uint64_t file_rows_read_ = 0;
  size_t memory_rows_read_ = 0;
};

}  // namespace talent::core

#endif  // TALENT_SERVER_CORE_IMPORT_BATCH_H_
