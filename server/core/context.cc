#include "server/core/context.h"

#include <algorithm>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/crypto.h"

namespace talent::core {
namespace {
constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 1000;
constexpr char kPageTokenPrefix[] = "v1:";
}  // namespace

absl::StatusOr<int> EffectivePageSize(int page_size) {
  if (page_size < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("page_size must not be negative, got ", page_size));
  }
  if (page_size == 0) return kDefaultPageSize;
  return std::min(page_size, kMaxPageSize);
}

std::string EncodePageToken(const std::string& key) {
  return common::Base64UrlEncode(absl::StrCat(kPageTokenPrefix, key));
}

absl::StatusOr<std::string> DecodePageToken(const std::string& token) {
  // The tokens this server makes are short; a long one is not decoded.
  if (token.size() > 256) {
    return absl::InvalidArgumentError(
        "page_token is not one this server gave out; list again without it");
  }
  std::string raw;
  if (!absl::WebSafeBase64Unescape(token, &raw) || !absl::StartsWith(raw, kPageTokenPrefix)) {
    return absl::InvalidArgumentError(
        "page_token is not one this server gave out; list again without it");
  }
  return raw.substr(sizeof(kPageTokenPrefix) - 1);
}

}  // namespace talent::core
