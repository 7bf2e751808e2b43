#include "server/storage/store.h"

#include <chrono>
#include <cstdio>
#include <exception>
#include <set>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "server/storage/migrations.h"

namespace talent::storage {

absl::Status BackupDatabase(const std::string& from, const std::string& to) {
  ASSIGN_OR_RETURN(auto source, Connection::Open(from, Connection::Mode::kReadOnly, false));
  ASSIGN_OR_RETURN(int version, SchemaVersion(source.get()));
  if (version == 0) {
    return absl::FailedPreconditionError(from + " is not a talentd database");
  }
  if (FILE* existing = std::fopen(to.c_str(), "rb")) {
    std::fclose(existing);
    return absl::AlreadyExistsError(to + " already exists; choose a new file");
  }
  ASSIGN_OR_RETURN(auto target, Connection::Open(to, Connection::Mode::kReadWrite, true));
  sqlite3_backup* backup = sqlite3_backup_init(target->raw(), "main", source->raw(), "main");
  if (backup == nullptr) return SqliteStatus(sqlite3_errcode(target->raw()), target->raw(), to);
  // All pages in one step: a consistent snapshot of the source (WAL lets
  // the server keep writing meanwhile).
  int rc = sqlite3_backup_step(backup, -1);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return SqliteStatus(rc, target->raw(), "backup to " + to);
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<Store>> Store::Open(const std::string& path,
                                                   const StoreOptions& options) {
  std::unique_ptr<Store> store(new Store());
  store->path_ = path;
  store->on_commit_ = options.on_commit;
  ASSIGN_OR_RETURN(store->writer_, Connection::Open(path, Connection::Mode::kReadWrite,
                                                    options.create, options.vfs));
  RETURN_IF_ERROR(Migrate(store->writer_.get()));
  // Checkpoints move to the Store's own thread (see the header).
  RETURN_IF_ERROR(store->writer_->Execute("PRAGMA wal_autocheckpoint = 0"));
  ASSIGN_OR_RETURN(store->checkpointer_,
                   Connection::Open(path, Connection::Mode::kReadWrite, false, options.vfs));
  sqlite3_wal_hook(store->writer_->raw(), &Store::OnWalCommit, store.get());
  store->checkpoint_thread_ = std::thread([s = store.get()] { s->CheckpointLoop(); });
  for (int i = 0; i < std::max(1, options.readers); ++i) {
    ASSIGN_OR_RETURN(auto reader,
                     Connection::Open(path, Connection::Mode::kReadOnly, false, options.vfs));
    store->free_readers_.push_back(reader.get());
    store->readers_.push_back(std::move(reader));
  }
  return store;
}

Store::~Store() {
  {
    std::lock_guard<std::mutex> lock(checkpoint_mu_);
    stopping_ = true;
  }
  checkpoint_cv_.notify_one();
  if (checkpoint_thread_.joinable()) checkpoint_thread_.join();
}

int Store::OnWalCommit(void* store, sqlite3*, const char*, int pages) {
  // SQLite's own default threshold for an automatic checkpoint.
  constexpr int kCheckpointPages = 1000;
  if (pages >= kCheckpointPages) {
    auto* self = static_cast<Store*>(store);
    {
      std::lock_guard<std::mutex> lock(self->checkpoint_mu_);
      self->checkpoint_wanted_ = true;
    }
    self->checkpoint_cv_.notify_one();
  }
  return SQLITE_OK;
}

void Store::CheckpointLoop() {
  std::unique_lock<std::mutex> lock(checkpoint_mu_);
  for (;;) {
    checkpoint_cv_.wait(lock, [this] { return checkpoint_wanted_ || stopping_; });
    bool stop = stopping_;
    checkpoint_wanted_ = false;
    lock.unlock();
    // PASSIVE: never blocks readers or the writer; what it cannot copy now
    // is copied next time.
    int rc = sqlite3_wal_checkpoint_v2(checkpointer_->raw(), nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                       nullptr, nullptr);
    if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
      std::fprintf(stderr, "talentd: checkpoint: %s\n", sqlite3_errmsg(checkpointer_->raw()));
    }
    if (stop) return;
    lock.lock();
  }
}

struct Store::PendingWrite {
  const Decision* work = nullptr;
  // Set by the batch's leader under queue_mu_, read by the writer under it.
  absl::Status status;
  bool done = false;
};

struct Store::BatchOutcome {
  std::vector<absl::Status> statuses;  // one per write, in batch order
  bool failed_whole = false;
};

namespace {

// What a SQLite error says about the disk, for the message of a failed
// batch: "disk full", "I/O error while syncing".
std::string Reason(int rc) {
  switch (rc & 0xFF) {
    case SQLITE_FULL: return "disk full";
    case SQLITE_IOERR:
      switch (rc) {
        case SQLITE_IOERR_FSYNC:
        case SQLITE_IOERR_DIR_FSYNC: return "I/O error while syncing";
        case SQLITE_IOERR_WRITE: return "I/O error while writing";
        case SQLITE_IOERR_READ:
        case SQLITE_IOERR_SHORT_READ: return "I/O error while reading";
        default: return "I/O error";
      }
    case SQLITE_NOMEM: return "out of memory";
    case SQLITE_CORRUPT: return "database file corrupt";
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE: return "transaction rolled back by SQLite";
    default: return sqlite3_errstr(rc);
  }
}

bool IsDiskFault(int rc) {
  return (rc & 0xFF) == SQLITE_FULL || (rc & 0xFF) == SQLITE_IOERR;
}

std::string Cause(int rc) { return absl::StrCat(Reason(rc), ", sqlite ", rc); }

// One work, with an exception it throws made its failure (INTERNAL, "a
// write failed with an exception (what); it changed nothing"): a work must
// not take a batch, a reader connection or the server down with it.
template <typename Result, typename Fn>
Result CallWork(const Fn& work, Connection& db, const char* what, const char* outcome) {
  try {
    return work(db);
  } catch (const std::exception& e) {
    return absl::InternalError(
        absl::StrCat("a ", what, " failed with an exception (", e.what(), ")", outcome));
  } catch (...) {
    return absl::InternalError(absl::StrCat("a ", what, " failed with an exception", outcome));
  }
}

}  // namespace

// The lead of one batch, as a scope guard: it takes the queued writes (and
// the lead) under the queue lock, releases the lock while the batch runs,
// and, however the scope is left — normally, by an early return, by an
// exception — takes the lock again, gives every write of the batch its
// status and marks it done, and hands the lead on. A write can therefore
// never wait for a batch that will not finish.
class Store::BatchLead {
 public:
  BatchLead(Store* store, std::unique_lock<std::mutex>* lock) : store_(store), lock_(lock) {
    batch_.swap(store_->queue_);
    store_->leading_ = true;
    store_->stats_.queued = 0;
    lock_->unlock();
  }
  BatchLead(const BatchLead&) = delete;
  BatchLead& operator=(const BatchLead&) = delete;

  const std::vector<PendingWrite*>& batch() const { return batch_; }
  void Finish(BatchOutcome outcome) { outcome_ = std::move(outcome); }

  ~BatchLead() {
    lock_->lock();
    const bool finished = outcome_.statuses.size() == batch_.size();
    for (size_t i = 0; i < batch_.size(); ++i) {
      batch_[i]->status = finished ? outcome_.statuses[i]
                                   : absl::InternalError(
                                         "the write transaction was abandoned; nothing in this "
                                         "batch was written");
      batch_[i]->done = true;
    }
    ++store_->stats_.batches;
    store_->stats_.writes += static_cast<int64_t>(batch_.size());
    if (!finished || outcome_.failed_whole) ++store_->stats_.failed_batches;
    store_->leading_ = false;
    store_->queue_cv_.notify_all();
  }

 private:
  Store* store_;
  std::unique_lock<std::mutex>* lock_;
  std::vector<PendingWrite*> batch_;
  BatchOutcome outcome_;
};

absl::Status Store::Write(const Work& work) {
  return WriteIfDecided([&work](Connection& db) -> absl::StatusOr<bool> {
    absl::Status status = work(db);
    if (!status.ok()) return status;
    return true;
  });
}

absl::Status Store::WriteIfDecided(const Decision& work) {
  PendingWrite me;
  me.work = &work;
  std::unique_lock<std::mutex> lock(queue_mu_);
  queue_.push_back(&me);
  stats_.queued = static_cast<int>(queue_.size());
  // Either a leader runs this write in its batch, or the lead is free and
  // this writer takes it, with everything queued so far.
  queue_cv_.wait(lock, [&] { return me.done || !leading_; });
  if (!me.done) {
    BatchLead lead(this, &lock);
    lead.Finish(RunBatch(lead.batch()));
  }  // the lock is held again here, and me.done is set
  return me.status;
}

WriteStats Store::write_stats() const {
  std::lock_guard<std::mutex> lock(queue_mu_);
  return stats_;
}

Store::BatchOutcome Store::RunBatch(const std::vector<PendingWrite*>& batch) {
  std::lock_guard<std::mutex> lock(write_mu_);
  sqlite3* db = writer_->raw();
  BatchOutcome outcome;
  absl::StatusOr<std::unique_ptr<Transaction>> tx =
      Transaction::Begin(writer_.get(), Transaction::Kind::kImmediate);
  if (!tx.ok()) {
    const int rc = sqlite3_extended_errcode(db);
    outcome.failed_whole = true;
    outcome.statuses.assign(
        batch.size(), IsDiskFault(rc) ? absl::UnavailableError(absl::StrCat(
                                            "the database could not start a write (", Cause(rc),
                                            "); nothing in this batch was written — retry"))
                                      : tx.status());
    return outcome;
  }
  int lost = RunWorks(batch, &outcome.statuses);
  const bool commit_attempted = lost == kTransactionKept;
  if (commit_attempted) {
    const auto start = std::chrono::steady_clock::now();
    const bool committed = (*tx)->Commit().ok();
    if (on_commit_) {
      on_commit_(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
                 static_cast<int64_t>(batch.size()));
    }
    if (committed) return outcome;
    lost = sqlite3_extended_errcode(db);
  }
  tx->reset();  // rolls back whatever SQLite has not
  outcome.failed_whole = true;
  outcome.statuses.assign(batch.size(), FailBatch(lost, commit_attempted));
  return outcome;
}

int Store::RunWorks(const std::vector<PendingWrite*>& batch, std::vector<absl::Status>* statuses) {
  sqlite3* db = writer_->raw();
  statuses->assign(batch.size(), absl::OkStatus());
  for (size_t i = 0; i < batch.size(); ++i) {
    absl::Status savepoint = writer_->Execute("SAVEPOINT work");
    writer_->TakeCovered();
    absl::StatusOr<bool> keep =
        savepoint.ok() ? CallWork<absl::StatusOr<bool>>(*batch[i]->work, *writer_, "write",
                                                        "; it changed nothing")
                       : savepoint;
    // A change of a covered table must be in the audit chain (audit_log.h):
    // a write that changed one and appended no event is a bug, refused.
    if (std::set<std::string> unrecorded = writer_->TakeCovered();
        keep.ok() && *keep && !unrecorded.empty()) {
      keep = absl::InternalError(absl::StrCat("a write changed ", *unrecorded.begin(),
                                              " without an audit event; it changed nothing"));
    }
    // SQLite answers some errors (a full disk, an I/O error) by rolling back
    // the whole transaction, not only the statement: the later works would
    // then run and commit one by one outside it, and the earlier ones be
    // gone. So after each work: is the transaction still there?
    if (sqlite3_get_autocommit(db)) return sqlite3_extended_errcode(db);
    writer_->ResetAll();
    if (keep.ok() && *keep) {
      (*statuses)[i] = writer_->Execute("RELEASE work");
    } else {
      // This work alone is undone; the others in the batch stand.
      (*statuses)[i] = keep.ok() ? absl::OkStatus() : keep.status();
      writer_->Execute("ROLLBACK TO work").IgnoreError();
      writer_->Execute("RELEASE work").IgnoreError();
    }
    if (sqlite3_get_autocommit(db)) return sqlite3_extended_errcode(db);
  }
  return kTransactionKept;
}

absl::Status Store::FailBatch(int rc, bool commit_attempted) {
  // When SQLite rolls back under an I/O error, the reads that should restore
  // the changed pages in its cache may fail too: drop every cached page, so
  // that the next transaction reads them afresh from the disk.
  sqlite3_db_release_memory(writer_->raw());
  // Only a COMMIT can have left the batch, complete, in the WAL.
  absl::Status overwritten = commit_attempted ? OverwriteFailedCommit() : absl::OkStatus();
  if (!overwritten.ok()) {
    std::fprintf(stderr, "talentd: a failed commit could not be overwritten: %s\n",
                 std::string(overwritten.message()).c_str());
    return absl::DataLossError(absl::StrCat(
        "the database could not commit (", Cause(rc),
        ") and the disk is still failing: this batch may be in the database after a restart; "
        "check before retrying"));
  }
  return absl::UnavailableError(absl::StrCat("the database could not commit (", Cause(rc),
                                             "); nothing in this batch was written — retry"));
}

absl::Status Store::OverwriteFailedCommit() {
  // The next commit writes its frames where the failed one's begin, so they
  // can no longer be read as a valid commit; this one changes nothing.
  ASSIGN_OR_RETURN(auto tx, Transaction::Begin(writer_.get(), Transaction::Kind::kImmediate));
  ASSIGN_OR_RETURN(Statement * read, writer_->Prepare("PRAGMA user_version"));
  ASSIGN_OR_RETURN(bool row, read->Step());
  int64_t version = row ? read->ColumnInt(0) : 0;
  read->Reset();
  // An integer the database gave, not input: the pragma takes no parameter.
  const std::string set = absl::StrCat("PRAGMA user_version = ", version);
  RETURN_IF_ERROR(writer_->Execute(set.c_str()));
  return tx->Commit();
}

void Store::ReleaseMemory() {
  std::lock_guard<std::mutex> lock(write_mu_);
  sqlite3_db_release_memory(writer_->raw());
}

// A reader connection taken from the pool for one scope, and given back
// however the scope is left.
class Store::ReaderLease {
 public:
  explicit ReaderLease(Store* store) : store_(store) {
    std::unique_lock<std::mutex> lock(store_->read_mu_);
    store_->read_cv_.wait(lock, [this] { return !store_->free_readers_.empty(); });
    connection_ = store_->free_readers_.back();
    store_->free_readers_.pop_back();
  }
  ReaderLease(const ReaderLease&) = delete;
  ReaderLease& operator=(const ReaderLease&) = delete;
  ~ReaderLease() {
    {
      std::lock_guard<std::mutex> lock(store_->read_mu_);
      store_->free_readers_.push_back(connection_);
    }
    store_->read_cv_.notify_one();
  }
  Connection* connection() const { return connection_; }

 private:
  Store* store_;
  Connection* connection_ = nullptr;
};

absl::Status Store::Read(const Work& work) {
  ReaderLease lease(this);
  Connection* connection = lease.connection();
  ASSIGN_OR_RETURN(auto tx, Transaction::Begin(connection, Transaction::Kind::kDeferred));
  RETURN_IF_ERROR(CallWork<absl::Status>(work, *connection, "read", ""));
  return tx->Commit();
}

}  // namespace talent::storage
