#include "server/core/keys.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "server/domain/certificate_rules.h"
#include "server/storage/audit_log.h"
#include "server/storage/certificate_repository.h"
#include "server/storage/settings_repository.h"
#include "server/storage/signing_key_repository.h"

namespace talent::core {

using domain::TrustedKey;
using storage::Connection;
using storage::SigningKeyRepository;

namespace {

std::string KeyResource(int64_t id) { return absl::StrCat("signingKeys/", id); }

std::string Describe(const TrustedKey& key) {
  return absl::StrCat("key #", key.id, " (", domain::FormatPublicKey(key.public_key), ")");
}

bool Exists(const std::string& path) { return ::access(path.c_str(), F_OK) == 0; }

absl::Status SyncDirectoryOf(const std::string& path) {
  std::string dir = path.substr(0, path.find_last_of('/') + 1);
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return absl::InternalError(absl::StrCat("cannot open the directory of ", path));
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return absl::InternalError(absl::StrCat("cannot sync the directory of ", path));
  return absl::OkStatus();
}

// Step 3: KEY kept as KEY.retired-<id> (when it holds the retired key),
// KEY.next renamed over KEY.
absl::Status SwapKeyFiles(const std::string& key_path, const std::string& retired_path) {
  if (Exists(key_path) && ::link(key_path.c_str(), retired_path.c_str()) != 0 &&
      errno != EEXIST) {
    return absl::InternalError(absl::StrCat("cannot keep the old key file as ", retired_path,
                                            ": ", std::strerror(errno)));
  }
  const std::string next = NextKeyPath(key_path);
  if (std::rename(next.c_str(), key_path.c_str()) != 0) {
    return absl::InternalError(absl::StrCat("cannot move ", next, " to ", key_path, ": ",
                                            std::strerror(errno)));
  }
  return SyncDirectoryOf(key_path);
}

}  // namespace

std::string NextKeyPath(const std::string& key_path) { return key_path + ".next"; }

std::string RetiredKeyPath(const std::string& key_path, int64_t id) {
  return absl::StrCat(key_path, ".retired-", id);
}

absl::Status Keys::Initialise(const SigningKey& key, domain::DatabaseKind kind) {
  const int64_t now = clock_->NowSeconds();
  return store_->Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<TrustedKey> keys, SigningKeyRepository::List(db));
    if (!keys.empty()) {
      return absl::FailedPreconditionError(
          absl::StrCat("database ", store_->path(), " already has a signing key"));
    }
    TrustedKey trusted;
    trusted.public_key = key.public_key;
    trusted.valid_from = now;
    trusted.create_time = now;
    RETURN_IF_ERROR(SigningKeyRepository::Insert(db, &trusted));
    RETURN_IF_ERROR(storage::SettingsRepository::Set(db, storage::kSettingKind,
                                                     domain::DatabaseKindName(kind)));
    return storage::AuditLog::Append(
        db, now, domain::Actor{}, "CreateSigningKey", KeyResource(trusted.id),
        absl::StrCat("first signing key ", domain::FormatPublicKey(key.public_key), "; a ",
                     domain::DatabaseKindName(kind), " database"));
  });
}

absl::Status Keys::FinishInterruptedRotation(const std::string& key_path,
                                             std::vector<std::string>* notes) {
  const std::string next_path = NextKeyPath(key_path);
  if (!Exists(next_path)) return absl::OkStatus();
  absl::StatusOr<SigningKey> next = LoadSigningKeyFile(next_path);
  std::optional<TrustedKey> next_row, current, old_row;
  RETURN_IF_ERROR(store_->Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(current, SigningKeyRepository::Current(db));
    if (next.ok()) {
      ASSIGN_OR_RETURN(next_row, SigningKeyRepository::FindByPublicKey(db, next->public_key));
    }
    absl::StatusOr<SigningKey> old = LoadSigningKeyFile(key_path);
    if (old.ok()) {
      ASSIGN_OR_RETURN(old_row, SigningKeyRepository::FindByPublicKey(db, old->public_key));
    }
    return absl::OkStatus();
  }));
  if (!next_row) {
    // Killed before the database step: the new key never signed and is
    // trusted by nothing. The old key stays current.
    if (std::remove(next_path.c_str()) != 0) {
      return absl::InternalError(absl::StrCat("cannot remove ", next_path, ": ",
                                              std::strerror(errno)));
    }
    notes->push_back(absl::StrCat("an interrupted key rotation had not reached the database; "
                                  "its unused new key ", next_path, " was removed"));
    return absl::OkStatus();
  }
  if (!current || current->id != next_row->id) {
    return absl::FailedPreconditionError(absl::StrCat(
        next_path, " holds ", Describe(*next_row), ", which the database no longer trusts for "
        "signing; move it away and start again ('talentd key list' shows the keys)"));
  }
  // Killed after the database step: finish moving the files.
  if (old_row && old_row->id != next_row->id) {
    std::string retired_path = RetiredKeyPath(key_path, old_row->id);
    RETURN_IF_ERROR(SwapKeyFiles(key_path, retired_path));
    notes->push_back(absl::StrCat("finished an interrupted key rotation: ", key_path, " now holds ",
                                  Describe(*next_row), "; the retired key is kept in ",
                                  retired_path));
    return absl::OkStatus();
  }
  if (std::rename(next_path.c_str(), key_path.c_str()) != 0) {
    return absl::InternalError(absl::StrCat("cannot move ", next_path, " to ", key_path));
  }
  RETURN_IF_ERROR(SyncDirectoryOf(key_path));
  notes->push_back(absl::StrCat("finished an interrupted key rotation: ", key_path,
                                " now holds ", Describe(*next_row)));
  return absl::OkStatus();
}

absl::StatusOr<SigningKey> Keys::LoadForServing(const std::string& key_path,
                                                std::vector<std::string>* notes) {
  RETURN_IF_ERROR(FinishInterruptedRotation(key_path, notes));
  ASSIGN_OR_RETURN(SigningKey key, LoadSigningKeyFile(key_path));
  const int64_t now = clock_->NowSeconds();
  std::optional<TrustedKey> adopted;
  RETURN_IF_ERROR(store_->Write([&](Connection& db) -> absl::Status {
    adopted.reset();
    ASSIGN_OR_RETURN(std::vector<TrustedKey> keys, SigningKeyRepository::List(db));
    ASSIGN_OR_RETURN(domain::ServingKey decision,
                     domain::DecideServingKey(keys, key.public_key, key_path));
    if (decision == domain::ServingKey::kUse) return absl::OkStatus();
    // A database from before the table: its key file's key signed every
    // certificate it has, so it is trusted from the first one on.
    ASSIGN_OR_RETURN(int64_t earliest, storage::CertificateRepository::EarliestIssueTime(db));
    TrustedKey trusted;
    trusted.public_key = key.public_key;
    trusted.valid_from = earliest != 0 ? std::min(earliest, now) : now;
    trusted.create_time = now;
    RETURN_IF_ERROR(SigningKeyRepository::Insert(db, &trusted));
    adopted = trusted;
    return storage::AuditLog::Append(
        db, now, domain::Actor{}, "AdoptSigningKey", KeyResource(trusted.id),
        absl::StrCat("the key file's key ", domain::FormatPublicKey(key.public_key),
                     " became the current key, valid from ",
                     domain::ChinaDate(trusted.valid_from)));
  }));
  if (adopted) {
    notes->push_back(absl::StrCat("adopted the key of ", key_path, " as the current signing ",
                                  Describe(*adopted), ", valid from ",
                                  domain::ChinaDate(adopted->valid_from)));
  }
  return key;
}

absl::StatusOr<Keys::Rotation> Keys::Rotate(const std::string& key_path,
                                            std::vector<std::string>* notes, int stop_after) {
  // The key file must be the current key (adopted if the table is empty).
  ASSIGN_OR_RETURN(SigningKey old_key, LoadForServing(key_path, notes));
  // 1. The new key, whole and synced, beside the old.
  ASSIGN_OR_RETURN(SigningKey new_key, CreateSigningKeyFile(NextKeyPath(key_path)));
  if (stop_after < 2) return Rotation();
  // 2. The database: the old key retired, the new one current.
  const int64_t now = clock_->NowSeconds();
  Rotation rotation;
  RETURN_IF_ERROR(store_->Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<TrustedKey> current, SigningKeyRepository::Current(db));
    if (!current || current->public_key != old_key.public_key) {
      return absl::FailedPreconditionError(
          "the database's current signing key changed during the rotation; run it again");
    }
    ASSIGN_OR_RETURN(int64_t latest,
                     storage::CertificateRepository::LatestIssueTime(db, old_key.public_key));
    const int64_t until = domain::RetireTime(now, latest);
    RETURN_IF_ERROR(SigningKeyRepository::Retire(db, current->id, until));
    rotation.retired = *current;
    rotation.retired.valid_until = until;
    rotation.current = TrustedKey();
    rotation.current.public_key = new_key.public_key;
    rotation.current.valid_from = until;
    rotation.current.create_time = now;
    RETURN_IF_ERROR(SigningKeyRepository::Insert(db, &rotation.current));
    return storage::AuditLog::Append(
        db, now, domain::Actor{}, "RotateSigningKey", KeyResource(rotation.current.id),
        absl::StrCat("retired ", Describe(rotation.retired), " on ",
                     domain::ChinaDate(until), "; ", Describe(rotation.current), " signs from now"));
  }));
  rotation.retired_path = RetiredKeyPath(key_path, rotation.retired.id);
  if (stop_after < 3) return rotation;
  // 3. The files.
  RETURN_IF_ERROR(SwapKeyFiles(key_path, rotation.retired_path));
  return rotation;
}

absl::StatusOr<std::vector<TrustedKey>> Keys::List() {
  std::vector<TrustedKey> keys;
  RETURN_IF_ERROR(store_->Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(keys, SigningKeyRepository::List(db));
    return absl::OkStatus();
  }));
  return keys;
}

absl::StatusOr<domain::DatabaseKind> DatabaseSettings::Kind() {
  std::optional<std::string> value;
  RETURN_IF_ERROR(store_->Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(value, storage::SettingsRepository::Get(db, storage::kSettingKind));
    return absl::OkStatus();
  }));
  if (!value) return domain::DatabaseKind::kProduction;
  std::optional<domain::DatabaseKind> kind = domain::ParseDatabaseKind(*value);
  if (!kind) {
    return absl::DataLossError(
        absl::StrCat("database ", store_->path(), " has an unknown kind '", *value, "'"));
  }
  return *kind;
}

absl::StatusOr<int> DatabaseSettings::LastClockOffsetDays() {
  std::optional<std::string> value;
  RETURN_IF_ERROR(store_->Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(value,
                     storage::SettingsRepository::Get(db, storage::kSettingClockOffsetDays));
    return absl::OkStatus();
  }));
  int days = 0;
  if (value && !absl::SimpleAtoi(*value, &days)) {
    return absl::DataLossError(absl::StrCat("database ", store_->path(),
                                            " has an unreadable clock offset '", *value, "'"));
  }
  return days;
}

absl::StatusOr<int> DatabaseSettings::StartClock(domain::DatabaseKind kind, bool offset_given,
                                                 int offset_days) {
  RETURN_IF_ERROR(domain::CheckClockOffset(kind, offset_given));
  ASSIGN_OR_RETURN(int old_days, LastClockOffsetDays());
  if (old_days == offset_days) return old_days;
  const int64_t now = clock_->NowSeconds();
  RETURN_IF_ERROR(store_->Write([&](Connection& db) -> absl::Status {
    RETURN_IF_ERROR(storage::SettingsRepository::Set(db, storage::kSettingClockOffsetDays,
                                                     absl::StrCat(offset_days)));
    return storage::AuditLog::Append(
        db, now, domain::Actor{}, "ChangeClockOffset", "database",
        absl::StrCat("clock offset ", old_days, " → ", offset_days, " days"));
  }));
  return old_days;
}

}  // namespace talent::core
