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

struct Sheet {
  int64_t id = 0;  // 0: not stored yet
  int64_t round_id = 0;
  int64_t enrolment_id = 0;
  int64_t assessor_id = 0;
  std::string assessor;  // username, filled when read
  domain::SheetState state = domain::SheetState::kDraft;
  // Per criterion in rubric order, tenths; nullopt: not scored yet.
  std::vector<std::optional<int64_t>> points;
  std::string comment;
  int64_t update_time = 0;
  // The amended appeal this sheet was reopened for, 0 if none; cleared when
  // it is submitted again.
  int64_t appeal_id = 0;
};

struct SheetChange {
  int64_t time = 0;
  std::string user;
  std::string change;  // "points:theory", "comment", "submit", "reopen"
  std::string old_value;
  std::string new_value;
  std::string reason;
};

class SheetRepository {
 public:
  // The sheet, or nullopt when the assessor has not written one. `criteria`
  // sizes the points.
  static absl::StatusOr<std::optional<Sheet>> Find(Connection& db, int64_t round_id,
                                                   int64_t enrolment_id, int64_t assessor_id,
                                                   size_t criteria);
  // Inserts (setting sheet->id) or updates the sheet and its points.
  static absl::Status Save(Connection& db, Sheet* sheet, int64_t now);
  static absl::Status AddChange(Connection& db, int64_t sheet_id, int64_t user_id,
                                const SheetChange& change);
  // Oldest first.
  static absl::StatusOr<std::vector<SheetChange>> History(Connection& db, int64_t sheet_id);
};

}  // namespace talent::storage

#endif  // TALENT_SERVER_STORAGE_SHEET_REPOSITORY_H_
