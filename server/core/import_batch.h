// ImportBatch: the rows of one bulk import on their way from the stream to
// the database. A producer (the thread reading the stream) adds rows, each
// checked as it arrives (its fields, and national IDs repeated within the
// file); a consumer (the thread holding the import's transaction) takes the
// good rows in chunks to check against the database and write. So reading,
// parsing and writing overlap, and the whole file is never held at once:
// the producer waits while kMaxPending rows are untaken.
//
// Thread-safe for one producer and one consumer.
#ifndef TALENT_SERVER_CORE_IMPORT_BATCH_H_
#define TALENT_SERVER_CORE_IMPORT_BATCH_H_

#include <condition_variable>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "absl/status/status.h"
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
  // Untaken rows at which the producer waits for the consumer.
  static constexpr size_t kMaxPending = 16384;

  // Birth dates are checked against `today`.
  explicit ImportBatch(const common::Date& today) : today_(today) {}

  // Producer: parses and checks one row of the file.
  void AddRow(int line, domain::ApplicantInput input);
  // Producer: a row the client could not read at all (e.g. the wrong
  // number of cells).
  void AddMalformed(int line, std::string reason);
  // Producer: no more rows; `status` is the stream's outcome.
  void Finish(absl::Status status);

  // A row that passed the field checks.
  struct Row {
    int line = 0;
    domain::Applicant applicant;
  };
  // Consumer: waits for rows, then takes every good row added so far.
  // False once the producer has finished and every row was taken.
  bool Take(std::vector<Row>* rows);
  // Consumer: stops accepting rows (the producer's further rows are
  // dropped), so the producer never waits on a consumer that has left.
  void Abandon();

  // After Finish: the stream's outcome, the rows seen and every problem
  // found, in arrival order.
  absl::Status status();
  int rows();
  std::vector<ImportError> TakeErrors();

 private:
  const common::Date today_;
  std::mutex mu_;
  std::condition_variable changed_;
  int rows_ = 0;
  bool finished_ = false;
  bool abandoned_ = false;
  absl::Status status_;
  std::vector<Row> pending_;
  std::vector<ImportError> errors_;
  std::unordered_map<std::string, int> first_line_;  // national ID → line
};

}  // namespace talent::core

#endif  // TALENT_SERVER_CORE_IMPORT_BATCH_H_
