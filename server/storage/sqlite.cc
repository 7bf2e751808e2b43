#include "server/storage/sqlite.h"

#include <fcntl.h>
#include <unistd.h>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace talent::storage {

absl::Status SqliteStatus(int rc, sqlite3* db, absl::string_view context) {
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW) return absl::OkStatus();
  std::string message = absl::StrCat(context, ": ", db ? sqlite3_errmsg(db) : sqlite3_errstr(rc),
                                     " (sqlite ", rc, ")");
  switch (rc) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return absl::AlreadyExistsError(message);
  }
  switch (rc & 0xFF) {
    case SQLITE_CONSTRAINT: return absl::FailedPreconditionError(message);
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return absl::UnavailableError(message);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return absl::DataLossError(message);
    case SQLITE_FULL: return absl::ResourceExhaustedError(message);
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY: return absl::FailedPreconditionError(message);
    default: return absl::InternalError(message);
  }
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::Bind(int index, int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::Bind(int index, std::string_view text) {
  sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::BindRef(int index, const std::string& text) {
  sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  return *this;
}

Statement& Statement::BindBlob(int index, std::string_view bytes) {
  sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::BindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

absl::StatusOr<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  absl::Status status = SqliteStatus(rc, db_, sqlite3_sql(stmt_));
  sqlite3_reset(stmt_);
  return status;
}

absl::Status Statement::Run() {
  ASSIGN_OR_RETURN(bool row, Step());
  if (row) {
    // A statement meant to return nothing returned rows: drain them.
    do {
      ASSIGN_OR_RETURN(row, Step());
    } while (row);
  }
  return absl::OkStatus();
}

int Statement::ColumnCount() const { return sqlite3_column_count(stmt_); }

int64_t Statement::ColumnInt(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string Statement::ColumnText(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  int size = sqlite3_column_bytes(stmt_, column);
  return text ? std::string(reinterpret_cast<const char*>(text), size) : std::string();
}

bool Statement::ColumnIsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

absl::StatusOr<std::unique_ptr<Connection>> Connection::Open(const std::string& path, Mode mode,
                                                             bool create, const std::string& vfs) {
  // Before SQLite initialises: no global allocation statistics, which
  // would take a mutex on every malloc (fails harmlessly if too late).
  static const int configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)configured;
  int flags = SQLITE_OPEN_NOMUTEX;
  flags |= mode == Mode::kReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (create && mode == Mode::kReadWrite) {
    flags |= SQLITE_OPEN_CREATE;
    // A new database holds personal data: its owner only, whatever the
    // umask. SQLite gives the -wal and -shm files the database's mode.
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd >= 0) ::close(fd);
  }
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, vfs.empty() ? nullptr : vfs.c_str());
  if (rc != SQLITE_OK) {
    absl::Status status = SqliteStatus(rc, db, absl::StrCat("opening ", path));
    sqlite3_close_v2(db);
    if ((rc & 0xFF) == SQLITE_CANTOPEN) {
      return absl::FailedPreconditionError(absl::StrCat(
          "cannot open database ", path, create ? "" : " (create it with 'talentd init')"));
    }
    return status;
  }
  std::unique_ptr<Connection> connection(new Connection(db, path));
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, 5000);
  RETURN_IF_ERROR(connection->Execute("PRAGMA foreign_keys = ON"));
  if (mode == Mode::kReadWrite) {
    ASSIGN_OR_RETURN(Statement * wal, connection->Prepare("PRAGMA journal_mode = WAL"));
    ASSIGN_OR_RETURN(bool row, wal->Step());
    std::string journal = row ? wal->ColumnText(0) : "";
    wal->Reset();
    if (journal != "wal") {
      return absl::FailedPreconditionError(
          absl::StrCat("database ", path, " cannot use WAL journaling (got '", journal, "')"));
    }
  }
  RETURN_IF_ERROR(connection->Execute("PRAGMA synchronous = FULL"));
  if (mode == Mode::kReadWrite) {
    // Room for a large import's dirty pages: below this, SQLite spills them
    // to the WAL mid-transaction and rewrites them again and again (16x
    // slower on a 100,000-row import). Pages are allocated only as needed;
    // Store::ReleaseMemory gives them back.
    RETURN_IF_ERROR(connection->Execute("PRAGMA cache_size = -262144"));
    RETURN_IF_ERROR(connection->Execute("PRAGMA temp_store = MEMORY"));
  }
  return connection;
}

Connection::~Connection() {
  cache_.clear();  // finalize every statement before closing
  sqlite3_close_v2(db_);
}

absl::Status Connection::Execute(const char* sql) {
  char* error = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &error);
  sqlite3_free(error);
  return SqliteStatus(rc, db_, sql);
}

absl::StatusOr<Statement*> Connection::Prepare(const char* sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) {
    it->second->Reset();
    return it->second.get();
  }
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return SqliteStatus(rc, db_, sql);
  auto inserted = cache_.emplace(sql, std::make_unique<Statement>(db_, stmt));
  return inserted.first->second.get();
}

void Connection::ResetAll() {
  for (auto& [sql, statement] : cache_) statement->Reset();
}

int64_t Connection::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }

int Connection::Changes() const { return sqlite3_changes(db_); }

absl::StatusOr<std::unique_ptr<Transaction>> Transaction::Begin(Connection* connection,
                                                                Kind kind) {
  RETURN_IF_ERROR(connection->Execute(kind == Kind::kImmediate ? "BEGIN IMMEDIATE" : "BEGIN"));
  return std::unique_ptr<Transaction>(new Transaction(connection));
}

Transaction::~Transaction() {
  if (done_) return;
  connection_->ResetAll();
  connection_->Execute("ROLLBACK").IgnoreError();
}

absl::Status Transaction::Commit() {
  connection_->ResetAll();
  absl::Status status = connection_->Execute("COMMIT");
  if (status.ok()) done_ = true;
  return status;
}

}  // namespace talent::storage
