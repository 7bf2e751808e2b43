// People, enrolments and their recommendations. Static functions over a
// Connection inside the caller's transaction; thread-compatible.
#ifndef TALENT_SERVER_STORAGE_ENROLMENT_REPOSITORY_H_
#define TALENT_SERVER_STORAGE_ENROLMENT_REPOSITORY_H_

#include <string>
#include <unordered_map>
#include <vector>

#include "absl/status/statusor.h"
#include "server/domain/enrolment_rules.h"
#include "server/domain/types.h"
#include "server/storage/sqlite.h"

namespace talent::storage {

struct EnrolmentFilter {
  int64_t cohort_id = 0;
  domain::Track track = domain::Track::kUnspecified;  // unspecified: any
  domain::Stage stage = domain::Stage::kUnspecified;  // unspecified: any
  std::string name_contains;                          // empty: any
};

class EnrolmentRepository {
 public:
  // Inserts the person or, when the national ID is known, updates the name
  // and contact details to the latest application's. Sets person->id.
  static absl::Status UpsertPerson(Connection& db, domain::Person* person, int64_t now);

  // Inserts the person when person->id is 0 (setting it), otherwise
  // updates the name and contact details of that person.
  static absl::Status SavePerson(Connection& db, domain::Person* person, int64_t now);

  // The person's enrolments in the programme (none when the ID is unknown).
  // Sets *person_id to the person's id, or 0 when the ID is unknown.
  static absl::StatusOr<std::vector<domain::PriorEnrolment>> PriorEnrolments(
      Connection& db, int64_t programme_id, const std::string& national_id,
      int64_t* person_id = nullptr);

  // Inserts an enrolment of enrolment->person.id; sets enrolment->id.
  // ALREADY_EXISTS when the person is in the cohort already.
  static absl::Status Insert(Connection& db, int64_t programme_id, domain::Enrolment* enrolment);

  // With person, cohort and recommendations. NOT_FOUND when absent.
  static absl::StatusOr<domain::Enrolment> Find(Connection& db, int64_t id);

  // Matching enrolments with id > after_id, by id, at most `limit`.
  static absl::StatusOr<std::vector<domain::Enrolment>> List(Connection& db,
                                                             const EnrolmentFilter& filter,
                                                             int64_t after_id, int limit);
  static absl::StatusOr<int> Count(Connection& db, const EnrolmentFilter& filter);

  static absl::Status UpdateStage(Connection& db, int64_t id, domain::Stage stage,
                                  const std::string& reason, int64_t now);

  static absl::Status AddRecommendation(Connection& db, int64_t enrolment_id,
                                        const domain::Recommendation& recommendation,
                                        int64_t recorded_by, int64_t now);

  // Bulk import, part 1: of the given national IDs, those of known people,
  // with each person's id and enrolments in the programme. One statement
  // for the lot.
  struct KnownPerson {
    int64_t id = 0;
    std::vector<domain::PriorEnrolment> prior;
  };
  static absl::StatusOr<std::unordered_map<std::string, KnownPerson>> FindPeople(
      Connection& db, int64_t programme_id, const std::vector<const std::string*>& national_ids);

  // Bulk import, part 2: saves each enrolment's person (inserted when its id
  // is 0, else updated) and inserts the enrolments, many rows per
  // statement. Sets the ids. Needs the write lock held throughout (ids are
  // assigned from the tables' current maximum).
  static absl::Status InsertMany(Connection& db, int64_t programme_id,
                                 std::vector<domain::Enrolment>* enrolments, int64_t now);

  // Confirming a round: the eliminated (with the reason), and for the final
  // round the certificate-eligible and the completed.
  // ACTIVE → CERTIFIED, the certificate's number as the stage reason.
  static absl::Status Certify(Connection& db, int64_t id, const std::string& number, int64_t now);
  static absl::Status Eliminate(Connection& db, int64_t id, const std::string& reason,
                                int64_t now);
  static absl::Status MarkEligible(Connection& db, int64_t id, int64_t now);
  // ACTIVE enrolments of the cohort that are not eligible → COMPLETED.
  static absl::Status CompleteRest(Connection& db, int64_t cohort_id, int64_t now);
  static absl::StatusOr<bool> IsEligible(Connection& db, int64_t id);

  // Applies each change in order to the cohort's enrolments in its `from`
  // stage (the reason is recorded where the change says so).
  static absl::Status ChangeStages(Connection& db, int64_t cohort_id,
                                   const std::vector<domain::StageChange>& changes,
                                   const std::string& reason, int64_t now);
};

}  // namespace talent::storage

#endif  // TALENT_SERVER_STORAGE_ENROLMENT_REPOSITORY_H_
