// The certificate register: issued certificates (facts as signed, key,
// signature, revocation), the enrolments waiting for one, and the figures of
// a programme's progress. Static functions over a Connection the caller
// holds (inside the Store's read or write); thread-compatible.
#ifndef TALENT_SERVER_STORAGE_CERTIFICATE_REPOSITORY_H_
#define TALENT_SERVER_STORAGE_CERTIFICATE_REPOSITORY_H_

#include <vector>

#include "absl/status/statusor.h"
#include "server/domain/certificate_rules.h"
#include "server/storage/sqlite.h"

namespace talent::storage {

// An enrolment rated excellent in the confirmed final round and not yet
// certified, with what its certificate states.
struct Candidate {
  int64_t enrolment_id = 0;
  domain::Track track = domain::Track::kUnspecified;
  std::string full_name;
  std::string national_id;  // in full: the caller masks it
  int64_t final_score = 0;  // hundredths
  int rating = 0;           // domain::Rating
  int rank = 0;             // in the final round
};

class CertificateRepository {
 public:
  // Eligible, uncertified enrolments of the cohort, by track, then rank in
  // the final round, then enrolment id (the order numbers are given in).
  static absl::StatusOr<std::vector<Candidate>> Candidates(Connection& db, int64_t cohort_id,
                                                           int64_t final_round_id);
  // The highest sequence issued for the cohort and track; 0 when none.
  static absl::StatusOr<int> MaxSequence(Connection& db, int64_t cohort_id, domain::Track track);
  // How many certificates the cohort has.
  static absl::StatusOr<int> Count(Connection& db, int64_t cohort_id);
  // The earliest issue time of any certificate; 0 when there is none.
  static absl::StatusOr<int64_t> EarliestIssueTime(Connection& db);
  // The latest issue time of a certificate signed by `public_key`; 0 when none.
  static absl::StatusOr<int64_t> LatestIssueTime(Connection& db, const std::string& public_key);
  // Inserts; sets c->id. ALREADY_EXISTS for a taken number or enrolment.
  // c->imported is not stored: a certificate is imported when its cohort
  // is (CohortRepository::MarkImported).
  static absl::Status Insert(Connection& db, domain::Certificate* c, int64_t issued_by);
  // NOT_FOUND naming the number.
  static absl::StatusOr<domain::Certificate> Find(Connection& db, const std::string& number);
  // Certificates of a cohort (cohort_id 0: of every cohort), by id, after
  // `after_id`, at most `limit`.
  static absl::StatusOr<std::vector<domain::Certificate>> List(Connection& db, int64_t cohort_id,
                                                               int64_t after_id, int limit);
  static absl::Status Revoke(Connection& db, int64_t id, const std::string& reason,
                             int64_t revoked_by, int64_t now);
  // Per cohort year and track of the programme: selected, eliminated and
  // certified enrolments, with each cohort's state.
  static absl::StatusOr<std::vector<domain::YearFigures>> Figures(Connection& db,
                                                                  int64_t programme_id);
};

}  // namespace talent::storage

#endif  // TALENT_SERVER_STORAGE_CERTIFICATE_REPOSITORY_H_
