#include "server/domain/user_rules.h"

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "server/domain/text_field.h"

namespace talent::domain {

absl::Status ValidateUser(User* user) {
  user->username = TrimText(user->username);
  const std::string& u = user->username;
  bool ok = u.size() >= 3 && u.size() <= 32 && u[0] >= 'a' && u[0] <= 'z';
  for (char c : u) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                c == '-');
  }
  if (!ok) {
    return absl::InvalidArgumentError(
        "username must be 3–32 lower-case letters, digits, '.', '_' or '-', starting with a "
        "letter");
  }
  RETURN_IF_ERROR(CheckText("display_name", &user->display_name, 1, 50));
  if (user->role != Role::kAdmin && user->role != Role::kAssessor && user->role != Role::kViewer) {
    return absl::InvalidArgumentError("role must be admin, assessor or viewer");
  }
  // An assessor's organisation is what recusal compares with a candidate's;
  // an administrator or a viewer scores nobody, so theirs may be left out.
  if (user->role == Role::kAssessor && TrimText(user->organisation).empty()) {
    return absl::InvalidArgumentError(
        "organisation is required for an assessor: recusal compares it with each candidate's");
  }
  return CheckText("organisation", &user->organisation, 0, 100);
}

absl::Status ValidateTokenRequest(std::string* label, int ttl_days, int lifetime_days) {
  RETURN_IF_ERROR(CheckText("label", label, 0, 50));
  if (ttl_days < 0 || ttl_days > lifetime_days) {
    return absl::InvalidArgumentError(
        absl::StrCat("ttl_days must be 0 (the server's token lifetime, ", lifetime_days,
                     " days) or 1–", lifetime_days, ", got ", ttl_days));
  }
  return absl::OkStatus();
}

int64_t TokenExpiry(int64_t now, int ttl_days, int lifetime_days) {
  return now + int64_t{ttl_days == 0 ? lifetime_days : ttl_days} * 86400;
}

bool TokenUsable(const Token& token, int64_t now) {
  return token.revoke_time == 0 && !TokenExpired(token, now);
}

bool TokenExpired(const Token& token, int64_t now) {
  return token.expire_time != 0 && now >= token.expire_time;
}

}  // namespace talent::domain
