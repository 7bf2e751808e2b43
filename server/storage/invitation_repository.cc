#include "server/storage/invitation_repository.h"

#include "common/status_macros.h"

namespace talent::storage {
namespace {

using domain::Invitation;

#define INVITATION_SELECT                                                                   \
  "SELECT i.id, i.user_id, u.username, i.create_time, i.expire_time, i.redeem_time, "       \
  "COALESCE(i.token_id, 0), i.void_time FROM invitations i JOIN users u ON u.id = i.user_id "

Invitation ReadInvitation(const Statement& st) {
  Invitation i;
  i.id = st.ColumnInt(0);
  i.user_id = st.ColumnInt(1);
  i.username = st.ColumnText(2);
  i.create_time = st.ColumnInt(3);
  i.expire_time = st.ColumnInt(4);
  i.redeem_time = st.ColumnInt(5);
  i.token_id = st.ColumnInt(6);
  i.void_time = st.ColumnInt(7);
  return i;
}

}  // namespace

absl::Status InvitationRepository::Insert(Connection& db, Invitation* invitation,
                                          const std::string& code_hash, int64_t created_by) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("INSERT INTO invitations (user_id, code_hash, create_time, "
                              "expire_time, created_by) VALUES (?, ?, ?, ?, ?)"));
  st->Bind(1, invitation->user_id).BindBlob(2, code_hash).Bind(3, invitation->create_time);
  st->Bind(4, invitation->expire_time);
  st->BindIdOrNull(5, created_by);
  RETURN_IF_ERROR(st->Run());
  invitation->id = db.LastInsertRowId();
  return absl::OkStatus();
}

absl::StatusOr<Invitation> InvitationRepository::Find(Connection& db, int64_t user_id,
                                                      const std::string& code_hash) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare(INVITATION_SELECT "WHERE i.user_id = ? AND i.code_hash = ?"));
  st->Bind(1, user_id).BindBlob(2, code_hash);
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return absl::NotFoundError("no such invitation");
  return ReadInvitation(*st);
}

absl::StatusOr<int> InvitationRepository::VoidOpen(Connection& db, int64_t user_id,
                                                   int64_t now) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("UPDATE invitations SET void_time = ? "
                              "WHERE user_id = ? AND redeem_time = 0 AND void_time = 0"));
  st->Bind(1, now).Bind(2, user_id);
  RETURN_IF_ERROR(st->Run());
  return db.Changes();
}

absl::Status InvitationRepository::MarkRedeemed(Connection& db, int64_t invitation_id,
                                                int64_t now, int64_t token_id) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("UPDATE invitations SET redeem_time = ?, token_id = ? "
                              "WHERE id = ? AND redeem_time = 0 AND void_time = 0"));
  st->Bind(1, now).Bind(2, token_id).Bind(3, invitation_id);
  RETURN_IF_ERROR(st->Run());
  if (db.Changes() != 1) {
    return absl::FailedPreconditionError("this invitation was redeemed or withdrawn meanwhile");
  }
  return absl::OkStatus();
}

}  // namespace talent::storage
