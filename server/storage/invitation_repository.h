// Invitations: the one-time codes users redeem for a token of their own,
// stored as SHA-256 hashes only (docs/lifecycles.md §7). Static functions
// over a Connection inside the caller's transaction; thread-compatible.
#ifndef TALENT_SERVER_STORAGE_INVITATION_REPOSITORY_H_
#define TALENT_SERVER_STORAGE_INVITATION_REPOSITORY_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "server/domain/types.h"
#include "server/storage/sqlite.h"

namespace talent::storage {

class InvitationRepository {
 public:
  // Sets invitation->id. `created_by`: the administrator's user id, 0 for
  // the server itself.
  static absl::Status Insert(Connection& db, domain::Invitation* invitation,
                             const std::string& code_hash, int64_t created_by);
  // The user's invitation with this code hash, in whatever state. NOT_FOUND
  // when the user has none with it.
  static absl::StatusOr<domain::Invitation> Find(Connection& db, int64_t user_id,
                                                 const std::string& code_hash);
  // Voids the user's invitations neither redeemed nor voided yet; returns
  // how many.
  static absl::StatusOr<int> VoidOpen(Connection& db, int64_t user_id, int64_t now);
  // Records that the invitation was redeemed for the token `token_id`.
  static absl::Status MarkRedeemed(Connection& db, int64_t invitation_id, int64_t now,
                                   int64_t token_id);
};

}  // namespace talent::storage

#endif  // TALENT_SERVER_STORAGE_INVITATION_REPOSITORY_H_
