// Assessment rounds, declared conflicts of interest, and assignments of
// assessors to enrolments in a round. Static functions over a Connection
// inside the caller's transaction; thread-compatible.
#ifndef TALENT_SERVER_STORAGE_ROUND_REPOSITORY_H_
#define TALENT_SERVER_STORAGE_ROUND_REPOSITORY_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/domain/results.h"
#include "server/domain/round_rules.h"
#include "server/storage/sqlite.h"

namespace talent::storage {

// A declared conflict, with the names a listing shows.
struct Conflict {
  std::string assessor;  // username
  int64_t enrolment_id = 0;
  std::string candidate;  // full name
  std::string reason;
  int64_t create_time = 0;
};

// An assignment, with the names a listing shows.
struct Assignment {
  int64_t enrolment_id = 0;
  std::string candidate;  // full name
  domain::Track track = domain::Track::kUnspecified;
  std::string assessor;  // username
};

// One enrolment's submitted sheet, as the results need it.
struct SubmittedSheet {
  int64_t enrolment_id = 0;
  std::vector<int64_t> points;  // tenths, rubric order
};

struct Absence {
  int64_t enrolment_id = 0;
  bool excuse_accepted = false;
};

enum class AppealState { kOpen = 1, kRejected = 2, kAmended = 3 };

struct Appeal {
  int64_t id = 0;
  int64_t round_id = 0;
  int64_t enrolment_id = 0;
  std::string candidate;  // full name, filled when read
  std::string reason;
  AppealState state = AppealState::kOpen;
  std::string resolution;
  int64_t filed_time = 0;
  int64_t resolved_time = 0;
};

class RoundRepository {
 public:
  // Sets round->id. ALREADY_EXISTS for a taken name or position.
  static absl::Status Insert(Connection& db, domain::Round* round, int64_t now);
  // The cohort's rounds by position.
  static absl::StatusOr<std::vector<domain::Round>> List(Connection& db, int64_t cohort_id);
  // NOT_FOUND naming the position when the cohort has no such round.
  static absl::StatusOr<domain::Round> Find(Connection& db, int64_t cohort_id, int position);
  static absl::Status UpdateState(Connection& db, int64_t round_id, domain::RoundState state,
                                  int64_t now);
  static absl::Status SetNotice(Connection& db, int64_t round_id, int64_t start, int64_t end);

  // Marks (or re-marks) an enrolment absent from a round.
  static absl::Status MarkAbsent(Connection& db, int64_t round_id, int64_t enrolment_id,
                                 bool excuse_accepted, const std::string& reason,
                                 int64_t recorded_by, int64_t now);
  static absl::StatusOr<std::vector<Absence>> Absences(Connection& db, int64_t round_id);
  // Every submitted sheet of the round with all `criteria` points, by
  // enrolment — and the sheets an amended appeal reopened, as they now
  // stand (confirmation waits until they are submitted again).
  static absl::StatusOr<std::vector<SubmittedSheet>> SubmittedSheets(Connection& db,
                                                                     int64_t round_id,
                                                                     size_t criteria);

  // Records a conflict; declaring the same pair again keeps the first.
  static absl::Status AddConflict(Connection& db, int64_t assessor_id, int64_t enrolment_id,
                                  const std::string& reason, int64_t recorded_by, int64_t now);
  static absl::StatusOr<bool> HasConflict(Connection& db, int64_t assessor_id,
                                          int64_t enrolment_id);
  // The conflicts declared for enrolments of the cohort.
  static absl::StatusOr<std::vector<Conflict>> ListConflicts(Connection& db, int64_t cohort_id);

  // Appeals. Sets appeal->id.
  static absl::Status FileAppeal(Connection& db, Appeal* appeal, int64_t filed_by);
  static absl::StatusOr<Appeal> FindAppeal(Connection& db, int64_t round_id, int64_t appeal_id);
  static absl::StatusOr<std::vector<Appeal>> ListAppeals(Connection& db, int64_t round_id);
  static absl::Status ResolveAppeal(Connection& db, int64_t appeal_id, AppealState state,
                                    const std::string& resolution, int64_t resolved_by,
                                    int64_t now);
  // Appeals still open, plus sheets reopened by an amended appeal and not yet
  // submitted again: what keeps a round from being confirmed.
  static absl::StatusOr<int> PendingAppeals(Connection& db, int64_t round_id);

  // Confirmed results, stored as computed (never recomputed).
  static absl::Status SaveResults(Connection& db, int64_t round_id,
                                  const domain::RoundOutcome& outcome,
                                  const std::string& rules_text);
  // The stored outcome and the rules text it was computed under.
  static absl::StatusOr<domain::RoundOutcome> LoadResults(Connection& db, int64_t round_id,
                                                          std::string* rules_text);

  // Assigns; assigning the same pair again changes nothing. Returns whether
  // the pair is new.
  static absl::StatusOr<bool> Assign(Connection& db, int64_t round_id, int64_t enrolment_id,
                                     int64_t assessor_id, int64_t now);
  static absl::StatusOr<bool> IsAssigned(Connection& db, int64_t round_id, int64_t enrolment_id,
                                         int64_t assessor_id);
  // The round's assignments by enrolment then assessor; assessor_id 0: all.
  static absl::StatusOr<std::vector<Assignment>> ListAssignments(Connection& db, int64_t round_id,
                                                                 int64_t assessor_id);
};

}  // namespace talent::storage

#endif  // TALENT_SERVER_STORAGE_ROUND_REPOSITORY_H_
