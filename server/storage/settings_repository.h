// Settings of the database itself (table database_settings, name → value):
// its kind ("kind": production or rehearsal) and the clock offset talentd
// last served it with ("clock_offset_days"). Static functions over a
// Connection the caller holds; thread-compatible.
#ifndef TALENT_SERVER_STORAGE_SETTINGS_REPOSITORY_H_
#define TALENT_SERVER_STORAGE_SETTINGS_REPOSITORY_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "server/storage/sqlite.h"

namespace talent::storage {

inline constexpr char kSettingKind[] = "kind";
inline constexpr char kSettingClockOffsetDays[] = "clock_offset_days";

class SettingsRepository {
 public:
  // The setting's value; nullopt when it was never set.
  static absl::StatusOr<std::optional<std::string>> Get(Connection& db, const std::string& name);
  // Sets it, replacing any earlier value.
  static absl::Status Set(Connection& db, const std::string& name, const std::string& value);
};

}  // namespace talent::storage

#endif  // TALENT_SERVER_STORAGE_SETTINGS_REPOSITORY_H_
