// Rules for invitations: the one-time code an administrator has issued to a
// user, which that user alone redeems for a token of their own (so no
// administrator ever holds another user's token) — its shape, made to be
// read aloud and typed, its lifetime, and when it may be redeemed
// (docs/lifecycles.md §7). Pure functions; thread-safe.
#ifndef TALENT_SERVER_DOMAIN_INVITATION_RULES_H_
#define TALENT_SERVER_DOMAIN_INVITATION_RULES_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/domain/types.h"

namespace talent::domain {

// The symbols of a code: digits and capital letters without the ones read
// or typed for one another (0 O, 1 I L). 31 symbols.
inline constexpr char kInvitationAlphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
inline constexpr int kInvitationAlphabetSize = sizeof(kInvitationAlphabet) - 1;
// 16 symbols, about 79 random bits, written in four groups of four:
// "K7QM-3XPA-9RTD-WX4F".
inline constexpr int kInvitationCodeSymbols = 16;
inline constexpr int kInvitationGroupSymbols = 4;

// An invitation's lifetime: 7 days unless the administrator asks for
// 1–30.
inline constexpr int kDefaultInvitationDays = 7;
inline constexpr int kMaxInvitationDays = 30;

// The code as shown: 16 symbols of the alphabet → "K7QM-3XPA-9RTD-WX4F".
// `symbols` must be a canonical code (NormalizeInvitationCode).
std::string FormatInvitationCode(absl::string_view symbols);

// The canonical code (16 symbols, no hyphens) of what a person typed:
// letters of either case, with spaces and hyphens anywhere. INVALID_ARGUMENT
// naming `code` when it cannot be a code (too short or long, a character
// outside the alphabet); this says nothing about any user.
absl::StatusOr<std::string> NormalizeInvitationCode(absl::string_view typed);

// When an invitation made at `now` expires: `days` days later, 0 meaning
// the default (7). INVALID_ARGUMENT naming ttl_days outside 0–30.
absl::StatusOr<int64_t> InvitationExpiry(int64_t now, int days);

// Whether an invitation whose code was presented may be redeemed at `now`.
// FAILED_PRECONDITION, saying to ask for a new invitation, when it was
// redeemed already, replaced by a newer one (or its user disabled), or has
// expired (at its expire_time exactly).
absl::Status CheckInvitationRedeemable(const Invitation& invitation, int64_t now);

}  // namespace talent::domain

#endif  // TALENT_SERVER_DOMAIN_INVITATION_RULES_H_
