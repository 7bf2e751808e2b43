// The database schema as an append-only chain of migrations, applied at
// start inside one transaction each with PRAGMA user_version set inside it.
// A database newer than this code is refused. Not thread-safe: run on the
// writer connection before serving.
#ifndef TALENT_SERVER_STORAGE_MIGRATIONS_H_
#define TALENT_SERVER_STORAGE_MIGRATIONS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "server/storage/sqlite.h"

namespace talent::storage {

// The schema version this code writes.
int LatestSchemaVersion();

// PRAGMA user_version of the connection's database.
absl::StatusOr<int> SchemaVersion(Connection* connection);

// Brings the database up to LatestSchemaVersion(). FAILED_PRECONDITION when
// the database is newer than this code (upgrade talentd instead).
absl::Status Migrate(Connection* connection);

}  // namespace talent::storage

#endif  // TALENT_SERVER_STORAGE_MIGRATIONS_H_
