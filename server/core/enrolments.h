// Use cases of enrolments: one application, the nomination stages
// (recommend, select, reject, withdraw; docs/lifecycles.md), listings, and
// the bulk import of thousands of applications. Each call is one
// transaction and leaves an audit event when it writes.
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
  std::vector<ImportError> errors;
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
  // more. An error aborts the import (nothing is written).
  using ImportSource = std::function<absl::StatusOr<bool>(ImportBatch* batch)>;

  // A bulk import, streamed: rows are pulled from `source` inside one write
  // transaction, checked (fields and duplicates in the batch, then the
  // database: people already in the cohort, holding an open enrolment in the
  // programme, or certified by it) and written as they come; the transaction
  // commits only if no row was bad and it is not a dry run (which reads
  // only). Other writers wait while an import runs. Row problems are in the
  // result, sorted by line; the status is an error only for the whole call
  // (NOT_FOUND cohort, FAILED_PRECONDITION not ENROLLING, or the source's).
  absl::StatusOr<ImportResult> Import(const Caller& caller, const std::string& code, int year,
                                      bool dry_run, const std::string& request_id,
                                      const ImportSource& source);
  // The same for rows already in memory.
  absl::StatusOr<ImportResult> Import(const Caller& caller, const std::string& code, int year,
                                      const std::vector<ImportRow>& rows, bool dry_run,
                                      const std::string& request_id);

 private:
  Context* const ctx_;
};

}  // namespace talent::core

#endif  // TALENT_SERVER_CORE_ENROLMENTS_H_
