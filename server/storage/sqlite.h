// RAII wrappers over the SQLite C API: Connection (opened with the pragmas
// the project relies on, with a cache of prepared statements), Statement
// (bound parameters only; never SQL built from input) and Transaction (rolls
// back unless committed). SQLite result codes become absl::Status in one
// place, SqliteStatus().
//
// Thread-safety: a Connection and its Statements belong to one thread at a
// time; Store hands connections out under its own locking.
#ifndef TALENT_SERVER_STORAGE_SQLITE_H_
#define TALENT_SERVER_STORAGE_SQLITE_H_

#include <sqlite3.h>

#include <cstdint>
#include <unordered_map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace talent::storage {

// Maps a SQLite result code to the most specific canonical code: constraint
// UNIQUE/PRIMARYKEY → ALREADY_EXISTS, other constraints → FAILED_PRECONDITION,
// BUSY/LOCKED → UNAVAILABLE, CORRUPT/NOTADB → DATA_LOSS, FULL →
// RESOURCE_EXHAUSTED, CANTOPEN/PERM/READONLY → FAILED_PRECONDITION, anything
// else INTERNAL. The message carries SQLite's text for the server log; the
// service layer never sends INTERNAL details to clients.
absl::Status SqliteStatus(int rc, sqlite3* db, absl::string_view context);

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are 1-based, as in SQLite.
  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<int64_t>(value)); }
  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, const char* text) { return Bind(index, std::string_view(text)); }
  Statement& Bind(int index, const std::string& text) { return Bind(index, std::string_view(text)); }
  // Binds without copying: `text` must stay unchanged until the statement
  // is stepped to completion (hot bulk-insert paths, where the row outlives
  // the step).
  Statement& BindRef(int index, const std::string& text);
  Statement& BindBlob(int index, std::string_view bytes);
  Statement& BindNull(int index);
  // A row id, or NULL when it is 0 (no such row: a nullable reference).
  Statement& BindIdOrNull(int index, int64_t id) {
    return id == 0 ? BindNull(index) : Bind(index, id);
  }

  // Advances: true with a row, false when done.
  absl::StatusOr<bool> Step();
  // Steps to completion, expecting no rows.
  absl::Status Run();

  int ColumnCount() const;
  int64_t ColumnInt(int column) const;
  std::string ColumnText(int column) const;
  bool ColumnIsNull(int column) const;

  // Makes the statement ready for reuse: resets it and clears bindings.
  void Reset();

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

class Connection {
 public:
  enum class Mode { kReadWrite, kReadOnly };

  // Opens (creating when `create`, mode 0600) the database at `path` with extended
  // result codes, foreign_keys=ON, a busy timeout, journal_mode=WAL (checked)
  // and synchronous=FULL. FAILED_PRECONDITION when the file is missing and
  // not to be created, or WAL cannot be enabled. `vfs` names the SQLite VFS
  // to open it with (registered with sqlite3_vfs_register); empty for the
  // default. Only the fault-injection tests name one.
  static absl::StatusOr<std::unique_ptr<Connection>> Open(const std::string& path, Mode mode,
                                                          bool create,
                                                          const std::string& vfs = "");
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs SQL with no parameters (may hold several statements).
  absl::Status Execute(const char* sql);

  // A cached prepared statement for `sql`, reset and with bindings cleared.
  // `sql` must be a string literal: its address is the cache key. The statement stays
  // owned by the connection; do not hold it across another Prepare of the
  // same text.
  absl::StatusOr<Statement*> Prepare(const char* sql);

  // Resets every cached statement, releasing what they hold before a
  // transaction ends.
  void ResetAll();

  int64_t LastInsertRowId() const;
  int Changes() const;
  sqlite3* raw() const { return db_; }
  const std::string& path() const { return path_; }

  // The covered things (audit_log.h) the current write changed and the
  // audit log has not yet recorded: repositories add a key when they change
  // a covered table, AuditLog::Append takes them all. The Store empties the
  // set before each write and refuses a write that leaves it non-empty.
  void MarkCovered(std::string key) { covered_.insert(std::move(key)); }
  std::set<std::string> TakeCovered() { return std::exchange(covered_, {}); }

 private:
  Connection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
  // Destroyed (finalized) before db_ is closed. Keyed by the literal's
  // address: a lookup is a pointer hash, not a copy of the SQL text.
  std::unordered_map<const char*, std::unique_ptr<Statement>> cache_;
  std::set<std::string> covered_;
};

class Transaction {
 public:
  enum class Kind { kDeferred, kImmediate };
  // BEGIN (DEFERRED for reads, IMMEDIATE for writes).
  static absl::StatusOr<std::unique_ptr<Transaction>> Begin(Connection* connection, Kind kind);
  // Rolls back unless Commit() succeeded.
  ~Transaction();
  absl::Status Commit();

 private:
  explicit Transaction(Connection* connection) : connection_(connection) {}
  Connection* connection_;
  bool done_ = false;
};

}  // namespace talent::storage

#endif  // TALENT_SERVER_STORAGE_SQLITE_H_
