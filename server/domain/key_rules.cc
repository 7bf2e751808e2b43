#include "server/domain/key_rules.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/crypto.h"
#include "server/domain/certificate_rules.h"

namespace talent::domain {
namespace {

std::string Describe(const TrustedKey& key) {
  return absl::StrCat("key #", key.id, " (", FormatPublicKey(key.public_key), ")");
}

}  // namespace

const char* DatabaseKindName(DatabaseKind kind) {
  return kind == DatabaseKind::kRehearsal ? "rehearsal" : "production";
}

std::optional<DatabaseKind> ParseDatabaseKind(std::string_view name) {
  if (name == "production") return DatabaseKind::kProduction;
  if (name == "rehearsal") return DatabaseKind::kRehearsal;
  return std::nullopt;
}

absl::Status CheckClockOffset(DatabaseKind kind, bool offset_given) {
  if (offset_given && kind == DatabaseKind::kProduction) {
    return absl::FailedPreconditionError(
        "--clock-offset-days refused: this is a production database, whose clock is never "
        "moved; offsets are only for databases made with 'talentd init --rehearsal'");
  }
  return absl::OkStatus();
}

std::optional<TrustedKey> CurrentKey(const std::vector<TrustedKey>& keys) {
  for (const TrustedKey& key : keys) {
    if (key.current()) return key;
  }
  return std::nullopt;
}

std::string KeyDistrust(const std::optional<TrustedKey>& key, int64_t issue_time) {
  if (!key) return "signed by a key this register does not trust";
  if (issue_time < key->valid_from) {
    return absl::StrCat("issued on ", ChinaDate(issue_time), ", before its signing key #",
                        key->id, " was valid (from ", ChinaDate(key->valid_from), ")");
  }
  if (!key->current() && issue_time > key->valid_until) {
    return absl::StrCat("issued on ", ChinaDate(issue_time), ", after its signing key #",
                        key->id, " was retired (", ChinaDate(key->valid_until), ")");
  }
  return "";
}

absl::StatusOr<ServingKey> DecideServingKey(const std::vector<TrustedKey>& keys,
                                            const std::string& public_key,
                                            const std::string& key_path) {
  if (keys.empty()) return ServingKey::kAdopt;
  std::optional<TrustedKey> current = CurrentKey(keys);
  if (current && current->public_key == public_key) return ServingKey::kUse;
  std::string held = absl::StrCat("a key this database does not trust (",
                                  FormatPublicKey(public_key), ")");
  for (const TrustedKey& key : keys) {
    if (key.public_key == public_key) {
      held = absl::StrCat(Describe(key), ", retired on ", ChinaDate(key.valid_until));
    }
  }
  if (!current) {
    return absl::FailedPreconditionError(absl::StrCat(
        "key file ", key_path, " holds ", held,
        ", and the database has no current signing key; restore the database from a backup"));
  }
  return absl::FailedPreconditionError(absl::StrCat(
      "key file ", key_path, " holds ", held, "; the database's current signing key is ",
      Describe(*current), ". Serve with --key naming that key's file, or restore it with "
      "'talentd key import --from BACKUP --key ", key_path, "' after moving this file away "
      "('talentd key list' shows the keys)"));
}

int64_t RetireTime(int64_t now, int64_t latest_issue_time) {
  return std::max(now, latest_issue_time);
}

absl::Status CheckIssuingKey(const std::optional<TrustedKey>& current,
                             const std::string& public_key, int64_t now) {
  if (!current || current->public_key != public_key) {
    return absl::FailedPreconditionError("the signing key was rotated; restart talentd");
  }
  if (now < current->valid_from) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the clock (", ChinaDate(now), ") is before the current signing key's validity (from ",
        ChinaDate(current->valid_from), "); serve with the clock offset it was rotated under"));
  }
  return absl::OkStatus();
}

std::string FormatPublicKey(const std::string& public_key) {
  return common::Base64UrlEncode(public_key);
}

}  // namespace talent::domain
