#include "server/domain/invitation_rules.h"

#include "absl/strings/str_cat.h"
#include "common/clock.h"
#include "common/status_macros.h"
#include "server/domain/text_field.h"

namespace talent::domain {
namespace {

bool InAlphabet(char c) {
  for (int i = 0; i < kInvitationAlphabetSize; ++i) {
    if (kInvitationAlphabet[i] == c) return true;
  }
  return false;
}

std::string AskAgain(const Invitation& invitation) {
  return absl::StrCat("; ask an administrator for a new one ('talentctl user invite ",
                      invitation.username, "')");
}

}  // namespace

std::string FormatInvitationCode(absl::string_view symbols) {
  std::string out;
  for (size_t i = 0; i < symbols.size(); ++i) {
    if (i > 0 && i % kInvitationGroupSymbols == 0) out += '-';
    out += symbols[i];
  }
  return out;
}

absl::StatusOr<std::string> NormalizeInvitationCode(absl::string_view typed) {
  std::string code;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (!InAlphabet(c)) {
      return absl::InvalidArgumentError(
          "code must be 16 letters and digits in groups of four, as in K7QM-3XPA-9RTD-WX4F "
          "(it never has 0, O, 1, I or L)");
    }
    code += c;
  }
  if (code.size() != static_cast<size_t>(kInvitationCodeSymbols)) {
    return absl::InvalidArgumentError(
        absl::StrCat("code must be 16 letters and digits in groups of four, as in "
                     "K7QM-3XPA-9RTD-WX4F; got ",
                     code.size()));
  }
  return code;
}

absl::StatusOr<int64_t> InvitationExpiry(int64_t now, int days) {
  RETURN_IF_ERROR(CheckRange("ttl_days", days, 0, kMaxInvitationDays));
  if (days == 0) days = kDefaultInvitationDays;
  return now + int64_t{days} * 86400;
}

absl::Status CheckInvitationRedeemable(const Invitation& invitation, int64_t now) {
  if (invitation.redeem_time != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("this invitation was redeemed already, on ",
                     common::FormatTimestamp(invitation.redeem_time),
                     ", and works only once; if that was not you, tell an administrator at once",
                     AskAgain(invitation)));
  }
  if (invitation.void_time != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("this invitation was withdrawn on ",
                     common::FormatTimestamp(invitation.void_time),
                     " (a newer one replaced it, or the account was disabled)",
                     AskAgain(invitation)));
  }
  if (now >= invitation.expire_time) {
    return absl::FailedPreconditionError(
        absl::StrCat("this invitation expired on ",
                     common::FormatTimestamp(invitation.expire_time), AskAgain(invitation)));
  }
  return absl::OkStatus();
}

}  // namespace talent::domain
