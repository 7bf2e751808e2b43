#include "server/storage/settings_repository.h"

#include "common/status_macros.h"

namespace talent::storage {

absl::StatusOr<std::optional<std::string>> SettingsRepository::Get(Connection& db,
                                                                   const std::string& name) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("SELECT value FROM database_settings WHERE name = ?"));
  st->Bind(1, name);
  ASSIGN_OR_RETURN(bool row, st->Step());
  std::optional<std::string> value;
  if (row) value = st->ColumnText(0);
  st->Reset();
  return value;
}

absl::Status SettingsRepository::Set(Connection& db, const std::string& name,
                                     const std::string& value) {
  ASSIGN_OR_RETURN(Statement * st,
                   db.Prepare("INSERT INTO database_settings (name, value) VALUES (?, ?) "
                              "ON CONFLICT (name) DO UPDATE SET value = excluded.value"));
  st->Bind(1, name).Bind(2, value);
  return st->Run();
}

}  // namespace talent::storage
