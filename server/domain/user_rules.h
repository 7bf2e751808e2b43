// Rules for user accounts and tokens: usernames, roles, token labels and
// lifetimes. Pure functions; thread-safe.
#ifndef TALENT_SERVER_DOMAIN_USER_RULES_H_
#define TALENT_SERVER_DOMAIN_USER_RULES_H_

#include <string>

#include "absl/status/status.h"
#include "server/domain/types.h"

namespace talent::domain {

// Trims and checks every field. INVALID_ARGUMENT naming the field.
absl::Status ValidateUser(User* user);

// Checks a token's label (≤ 50 characters, trimmed) and lifetime (0–3650
// days; 0 = no expiry). INVALID_ARGUMENT naming the field.
absl::Status ValidateTokenRequest(std::string* label, int ttl_days);

// True when the token authenticates at `now`: not revoked, not expired.
bool TokenUsable(const Token& token, int64_t now);

}  // namespace talent::domain

#endif  // TALENT_SERVER_DOMAIN_USER_RULES_H_
