// Use cases of assessment rounds and who assesses whom: creating and opening
// rounds (docs/lifecycles.md), declaring conflicts of interest, and
// assigning assessors with recusal. Each call is one transaction and leaves
// an audit event when it writes.
//
// Thread-safe (see context.h).
#ifndef TALENT_SERVER_CORE_ROUNDS_H_
#define TALENT_SERVER_CORE_ROUNDS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/core/context.h"
#include "server/domain/round_rules.h"
#include "server/domain/sheet_rules.h"

namespace talent::core {

class Rounds {
 public:
  explicit Rounds(Context* context) : ctx_(context) {}

  // Rounds of a cohort, by position. NOT_FOUND for a missing cohort or
  // round; the rules of domain/round_rules.h otherwise.
  absl::StatusOr<domain::Round> CreateRound(const Caller& caller, const std::string& code,
                                            int year, domain::Round round);
  absl::StatusOr<std::vector<domain::Round>> ListRounds(const std::string& code, int year);
  absl::StatusOr<domain::Round> GetRound(const std::string& code, int year, int position);
  absl::StatusOr<domain::Round> OpenRound(const Caller& caller, const std::string& code, int year,
                                          int position);

  // What declaring a conflict withdrew, in the rounds of the enrolment's
  // cohort that still take assignments (DRAFT or OPEN).
  struct ConflictOutcome {
    int withdrawn_assignments = 0;  // without a submitted sheet
    int withdrawn_drafts = 0;       // draft sheets, with points and history
    std::vector<std::string> submitted_sheets_kept;  // round names
  };
  // Declares that an assessor must not assess an enrolment, and withdraws
  // their pending assignments and draft sheets for it; a submitted sheet is
  // on the record and stays (an appeal can reopen it). NOT_FOUND for a
  // missing user or enrolment; INVALID_ARGUMENT for an empty reason.
  absl::StatusOr<ConflictOutcome> AddConflict(const Caller& caller, const std::string& assessor,
                                              int64_t enrolment_id, std::string reason);
  absl::StatusOr<std::vector<domain::Conflict>> ListConflicts(const std::string& code, int year);

  // Whom to assign: the named enrolments (all or nothing: a recusal refuses
  // the call), or every active enrolment of a track or of the cohort (pairs
  // that must be recused are skipped and reported).
  struct AssignmentScope {
    std::vector<int64_t> enrolment_ids;
    domain::Track track = domain::Track::kUnspecified;
    bool whole_cohort = false;
  };
  struct AssignOutcome {
    int assigned = 0;  // new pairs
    int already = 0;   // pairs that were assigned before
    std::vector<std::string> skipped;  // why each recused pair was left out
  };
  // Assigns assessors in a round that is DRAFT or OPEN. FAILED_PRECONDITION
  // for a recusal (named enrolments), a wrong state, or a user who is not an
  // assessor; INVALID_ARGUMENT for an empty scope or assessor list.
  absl::StatusOr<AssignOutcome> Assign(const Caller& caller, const std::string& code, int year,
                                       int position, const std::vector<std::string>& assessors,
                                       const AssignmentScope& scope);
  // The round's assignments; an assessor sees only their own.
  absl::StatusOr<std::vector<domain::Assignment>> ListAssignments(const Caller& caller,
                                                                  const std::string& code,
                                                                  int year, int position);

 private:
  Context* const ctx_;
};

}  // namespace talent::core

#endif  // TALENT_SERVER_CORE_ROUNDS_H_
