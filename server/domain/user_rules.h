// Rules for user accounts and tokens: usernames, roles, token labels and
// lifetimes (docs/lifecycles.md §7). Pure functions; thread-safe.
#ifndef TALENT_SERVER_DOMAIN_USER_RULES_H_
#define TALENT_SERVER_DOMAIN_USER_RULES_H_

#include <string>

#include "absl/status/status.h"
#include "server/domain/types.h"

namespace talent::domain {

// Trims and checks every field. INVALID_ARGUMENT naming the field.
absl::Status ValidateUser(User* user);

// Every token expires. Its lifetime, in days, when the server is not told
// otherwise (talentd serve --token-lifetime-days), and the longest it may
// be told.
inline constexpr int kDefaultTokenLifetimeDays = 90;
inline constexpr int kMaxTokenLifetimeDays = 3650;

// Checks a token's label (≤ 50 characters, trimmed) and requested lifetime:
// 0 (the server's, `lifetime_days`) or 1 up to `lifetime_days`.
// INVALID_ARGUMENT naming the field.
absl::Status ValidateTokenRequest(std::string* label, int ttl_days, int lifetime_days);

// When a token made at `now` expires: `ttl_days` later, or `lifetime_days`
// when ttl_days is 0. Takes a request ValidateTokenRequest accepted.
int64_t TokenExpiry(int64_t now, int ttl_days, int lifetime_days);

// True when the token authenticates at `now`: not revoked, not expired
// (expire_time 0: a token made before tokens expired, never).
bool TokenUsable(const Token& token, int64_t now);

// True when the token has an expiry and `now` is at or past it.
bool TokenExpired(const Token& token, int64_t now);

}  // namespace talent::domain

#endif  // TALENT_SERVER_DOMAIN_USER_RULES_H_
