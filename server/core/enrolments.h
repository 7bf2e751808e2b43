// Use cases of enrolments: one application, the nomination stages
// (recommend, select, reject, withdraw; docs/lifecycles.md), listings, and
// the bulk import of thousands of applications. Each call is one
// transaction and leaves an audit event when it writes; an import receives
// its whole file before that transaction begins.
//
// Thread-safe (see context.h).
#ifndef TALENT_SERVER_CORE_ENROLMENTS_H_
#define TALENT_SERVER_CORE_ENROLMENTS_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/core/context.h"
#include "server/core/import_batch.h"
#include "server/domain/applicant.h"
#include "server/domain/personal_data.h"
#include "server/domain/types.h"

namespace talent::core {

struct EnrolmentQuery {
  std::string programme_code;
  int year = 0;
  domain::Track track = domain::Track::kUnspecified;
  domain::Stage stage = domain::Stage::kUnspecified;
  std::string name_contains;
};

struct ImportRow {
  int line = 0;
  domain::ApplicantInput input;
};

struct ImportResult {
  int rows = 0;
  int imported = 0;
  bool dry_run = false;
  // The first ImportErrors::kMaxListed problems by line, and how many
  // there were in all.
  std::vector<ImportError> errors;
  int64_t error_count = 0;
  // Whether the rows outgrew ImportOptions::memory_bytes and went through a
  // temporary file.
  bool spilled = false;
};

// Where an import keeps its checked rows until they are written.
struct ImportOptions {
  // Bytes of rows held in memory; past it they go to a temporary file.
  size_t memory_bytes = size_t{8} << 20;
  // Where that file is made (unnamed, mode 0600); empty: the database's
  // directory. $TMPDIR and then /tmp are tried after it.
  std::string spill_directory;
};

class Enrolments {
 public:
  explicit Enrolments(Context* context) : ctx_(context) {}

  // See talent.v1.EnrolmentService for the codes. Every enrolment returned
  // shows its person masked (domain/personal_data.h), but for a read of
  // PersonalData::kFull: allowed to administrators only, and audited (the
  // read becomes a write of its audit event).
  absl::StatusOr<domain::Enrolment> CreateEnrolment(const Caller& caller, const std::string& code,
                                                    int year, const domain::ApplicantInput& input,
                                                    const std::string& request_id);
  absl::StatusOr<domain::Enrolment> GetEnrolment(const Caller& caller, int64_t id,
                                                 domain::PersonalData view);
  absl::StatusOr<Page<domain::Enrolment>> ListEnrolments(const Caller& caller,
                                                         const EnrolmentQuery& query,
                                                         const PageRequest& page,
                                                         domain::PersonalData view);
  absl::StatusOr<domain::Enrolment> Recommend(const Caller& caller, int64_t id,
                                              domain::Recommendation recommendation);
  absl::StatusOr<domain::Enrolment> Select(const Caller& caller, int64_t id);
  absl::StatusOr<domain::Enrolment> Reject(const Caller& caller, int64_t id, std::string reason);
  absl::StatusOr<domain::Enrolment> Withdraw(const Caller& caller, int64_t id, std::string reason);

  // Adds the next rows of an import to the batch; false once there are no
  // more. An error ends the import with nothing written.
  using ImportSource = std::function<absl::StatusOr<bool>(ImportBatch* batch)>;

  // A bulk import, in three steps. First, in a read snapshot: a retry of an
  // import already applied (same request ID) is answered with its result
  // and nothing is read; NOT_FOUND (cohort) and FAILED_PRECONDITION (not
  // ENROLLING) end the call before the file is read. Then the whole file is
  // pulled from `source` outside any transaction (so a slow or stalled
  // client holds up no one else), each row checked as it arrives: its
  // fields, and national IDs repeated in the file. Last, the rows are
  // checked against the database (people already in the cohort, holding an
  // open enrolment in the programme, or certified by it) and, unless a row
  // was bad or it is a dry run, written in one write transaction that
  // commits only if every row passes; a bad file or a dry run reads a
  // snapshot and takes no write lock. Row problems are in the result (the
  // first 1,000 by line, and their count); the status is an error only for
  // the whole call: the codes above, the source's error, or
  // RESOURCE_EXHAUSTED / INTERNAL when the rows' temporary file fails.
  absl::StatusOr<ImportResult> Import(const Caller& caller, const std::string& code, int year,
                                      bool dry_run, const std::string& request_id,
                                      const ImportSource& source,
                                      const ImportOptions& options = {});
  // The same for rows already in memory.
  absl::StatusOr<ImportResult> Import(const Caller& caller, const std::string& code, int year,
                                      const std::vector<ImportRow>& rows, bool dry_run,
                                      const std::string& request_id,
                                      const ImportOptions& options = {});

 private:
  Context* const ctx_;
};

}  // namespace talent::core

#endif  // TALENT_SERVER_CORE_ENROLMENTS_H_
