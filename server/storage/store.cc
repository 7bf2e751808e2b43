#include "server/storage/store.h"

#include <cstdio>

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
  ASSIGN_OR_RETURN(store->writer_,
                   Connection::Open(path, Connection::Mode::kReadWrite, options.create));
  RETURN_IF_ERROR(Migrate(store->writer_.get()));
  // Checkpoints move to the Store's own thread (see the header).
  RETURN_IF_ERROR(store->writer_->Execute("PRAGMA wal_autocheckpoint = 0"));
  ASSIGN_OR_RETURN(store->checkpointer_,
                   Connection::Open(path, Connection::Mode::kReadWrite, false));
  sqlite3_wal_hook(store->writer_->raw(), &Store::OnWalCommit, store.get());
  store->checkpoint_thread_ = std::thread([s = store.get()] { s->CheckpointLoop(); });
  for (int i = 0; i < std::max(1, options.readers); ++i) {
    ASSIGN_OR_RETURN(auto reader, Connection::Open(path, Connection::Mode::kReadOnly, false));
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
  absl::Status status;
  bool done = false;
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
  while (!me.done) {
    if (leading_) {
      queue_cv_.wait(lock);
      continue;
    }
    // Lead: take everything queued so far (this writer's work included).
    leading_ = true;
    std::vector<PendingWrite*> batch;
    batch.swap(queue_);
    lock.unlock();
    RunBatch(batch);
    lock.lock();
    leading_ = false;
    queue_cv_.notify_all();
  }
  return me.status;
}

void Store::RunBatch(const std::vector<PendingWrite*>& batch) {
  std::lock_guard<std::mutex> lock(write_mu_);
  absl::StatusOr<std::unique_ptr<Transaction>> tx =
      Transaction::Begin(writer_.get(), Transaction::Kind::kImmediate);
  std::vector<PendingWrite*> kept;
  if (tx.ok()) {
    for (PendingWrite* p : batch) {
      absl::Status savepoint = writer_->Execute("SAVEPOINT work");
      absl::StatusOr<bool> keep = savepoint.ok() ? (*p->work)(*writer_) : savepoint;
      writer_->ResetAll();
      if (keep.ok() && *keep) {
        p->status = writer_->Execute("RELEASE work");
        if (p->status.ok()) kept.push_back(p);
      } else {
        // This work alone is undone; the others in the batch stand.
        p->status = keep.ok() ? absl::OkStatus() : keep.status();
        writer_->Execute("ROLLBACK TO work").IgnoreError();
        writer_->Execute("RELEASE work").IgnoreError();
      }
    }
    absl::Status committed = (*tx)->Commit();
    if (!committed.ok()) {
      for (PendingWrite* p : kept) p->status = committed;
    }
  } else {
    for (PendingWrite* p : batch) p->status = tx.status();
  }
  for (PendingWrite* p : batch) p->done = true;
}

void Store::ReleaseMemory() {
  std::lock_guard<std::mutex> lock(write_mu_);
  sqlite3_db_release_memory(writer_->raw());
}

absl::Status Store::Read(const Work& work) {
  Connection* connection;
  {
    std::unique_lock<std::mutex> lock(read_mu_);
    read_cv_.wait(lock, [this] { return !free_readers_.empty(); });
    connection = free_readers_.back();
    free_readers_.pop_back();
  }
  absl::Status status = [&]() -> absl::Status {
    ASSIGN_OR_RETURN(auto tx, Transaction::Begin(connection, Transaction::Kind::kDeferred));
    RETURN_IF_ERROR(work(*connection));
    return tx->Commit();
  }();
  {
    std::lock_guard<std::mutex> lock(read_mu_);
    free_readers_.push_back(connection);
  }
  read_cv_.notify_one();
  return status;
}

}  // namespace talent::storage
