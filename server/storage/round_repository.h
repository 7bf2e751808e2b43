// Assessment rounds, declared conflicts of interest, and assignments of
// assessors to enrolments in a round. Static functions over a Connection
// inside the caller's transaction; thread-compatible.
#ifndef TALENT_SERVER_STORAGE_ROUND_REPOSITORY_H_
#define TALENT_SERVER_STORAGE_ROUND_REPOSITORY_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/domain/results.h"
#include "server/domain/appeal_rules.h"
#include "server/domain/round_rules.h"
#include "server/domain/sheet_rules.h"
#include "server/storage/sqlite.h"

namespace talent::storage {

struct Absence {
  int64_t enrolment_id = 0;
  bool excuse_accepted = false;
};

// A round with the names the public knows it by.
struct PublicRound {
  std::string programme_code;
  std::string programme_title;
  int year = 0;
  domain::Round round;
};

class RoundRepository {
 public:
  // Sets round->id. ALREADY_EXISTS for a taken name or position.
  static absl::Status Insert(Connection& db, domain::Round* round, int64_t now);
  // The cohort's rounds by position.
  static absl::StatusOr<std::vector<domain::Round>> List(Connection& db, int64_t cohort_id);
  // NOT_FOUND naming the position when the cohort has no such round.
  static absl::StatusOr<domain::Round> Find(Connection& db, int64_t cohort_id, int position);
  // Every round in one of `states`, of every programme, by programme code,
  // cohort year and position.
  static absl::StatusOr<std::vector<PublicRound>> ListInStates(
      Connection& db, const std::vector<domain::RoundState>& states);
  static absl::Status UpdateState(Connection& db, int64_t round_id, domain::RoundState state,
                                  int64_t now);
  static absl::Status SetNotice(Connection& db, int64_t round_id, int64_t start, int64_t end);

  // Marks (or re-marks) an enrolment absent from a round.
  static absl::Status MarkAbsent(Connection& db, int64_t round_id, int64_t enrolment_id,
                                 bool excuse_accepted, const std::string& reason,
                                 int64_t recorded_by, int64_t now);
  static absl::StatusOr<std::vector<Absence>> Absences(Connection& db, int64_t round_id);

  // Records a conflict; declaring the same pair again keeps the first.
  static absl::Status AddConflict(Connection& db, int64_t assessor_id, int64_t enrolment_id,
                                  const std::string& reason, int64_t recorded_by, int64_t now);
  static absl::StatusOr<bool> HasConflict(Connection& db, int64_t assessor_id,
                                          int64_t enrolment_id);
  // The conflicts declared for enrolments of the cohort.
  static absl::StatusOr<std::vector<domain::Conflict>> ListConflicts(Connection& db, int64_t cohort_id);

  // Appeals. Sets appeal->id.
  static absl::Status FileAppeal(Connection& db, domain::Appeal* appeal, int64_t filed_by);
  static absl::StatusOr<domain::Appeal> FindAppeal(Connection& db, int64_t round_id, int64_t appeal_id);
  static absl::StatusOr<std::vector<domain::Appeal>> ListAppeals(Connection& db, int64_t round_id);
  static absl::Status ResolveAppeal(Connection& db, int64_t appeal_id, domain::AppealState state,
                                    const std::string& resolution, int64_t resolved_by,
                                    int64_t now);

  // Confirmed results, stored as computed (never recomputed), with the
  // rules they were computed under in English and Chinese.
  static absl::Status SaveResults(Connection& db, int64_t round_id,
                                  const domain::RoundOutcome& outcome,
                                  const std::string& rules_text,
                                  const std::string& rules_text_zh);
  // The stored outcome and the rules texts it was computed under (the
  // Chinese empty for rounds confirmed before schema 10 kept it).
  static absl::StatusOr<domain::RoundOutcome> LoadResults(Connection& db, int64_t round_id,
                                                          std::string* rules_text,
                                                          std::string* rules_text_zh);

  // Assigns; assigning the same pair again changes nothing. Returns whether
  // the pair is new.
  static absl::StatusOr<bool> Assign(Connection& db, int64_t round_id, int64_t enrolment_id,
                                     int64_t assessor_id, int64_t now);
  // Removes the assignment; false when there was none.
  static absl::StatusOr<bool> Unassign(Connection& db, int64_t round_id, int64_t enrolment_id,
                                       int64_t assessor_id);
  static absl::StatusOr<bool> IsAssigned(Connection& db, int64_t round_id, int64_t enrolment_id,
                                         int64_t assessor_id);
  // The round's assignments by enrolment then assessor; assessor_id 0: all.
  static absl::StatusOr<std::vector<domain::Assignment>> ListAssignments(Connection& db, int64_t round_id,
                                                                 int64_t assessor_id);
};

}  // namespace talent::storage

#endif  // TALENT_SERVER_STORAGE_ROUND_REPOSITORY_H_
