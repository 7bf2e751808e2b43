// Score sheets (one assessor's points per criterion for one enrolment in one
// round) and their change history. Static functions over a Connection
// inside the caller's transaction; thread-compatible.
#ifndef TALENT_SERVER_STORAGE_SHEET_REPOSITORY_H_
#define TALENT_SERVER_STORAGE_SHEET_REPOSITORY_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/domain/sheet_rules.h"
#include "server/storage/sqlite.h"

namespace talent::storage {

class SheetRepository {
 public:
  // The sheet, or nullopt when the assessor has not written one. `criteria`
  // sizes the points.
  static absl::StatusOr<std::optional<domain::Sheet>> Find(Connection& db, int64_t round_id,
                                                   int64_t enrolment_id, int64_t assessor_id,
                                                   size_t criteria);
  // Inserts (setting sheet->id) or updates the sheet and its points.
  // Every sheet of the round (drafts included), by enrolment then sheet.
  static absl::StatusOr<std::vector<domain::Sheet>> ListRound(Connection& db, int64_t round_id,
                                                              size_t criteria);
  static absl::Status Save(Connection& db, domain::Sheet* sheet, int64_t now);
  // Records who made the change (`change.user` is ignored): the actor's
  // user and token.
  static absl::Status AddChange(Connection& db, int64_t sheet_id, const domain::Actor& actor,
                                const domain::SheetChange& change);
  // Oldest first.
  static absl::StatusOr<std::vector<domain::SheetChange>> History(Connection& db, int64_t sheet_id);
  // Deletes a DRAFT sheet with its points and history (a draft withdrawn
  // because its assessor must recuse); false when it is not a draft.
  static absl::StatusOr<bool> DeleteDraft(Connection& db, int64_t sheet_id);
};

}  // namespace talent::storage

#endif  // TALENT_SERVER_STORAGE_SHEET_REPOSITORY_H_
