// Store: the database of one talentd. Owns one writer connection (SQLite has
// one writer at a time anyway) and a pool of reader connections, which WAL
// lets run in parallel with the writer. Every unit of work runs in one
// transaction: Write() in BEGIN IMMEDIATE, committed only when the work
// returns OK (and then durable: synchronous=FULL); Read() in a snapshot.
//
// Writes that arrive together are committed together ("group commit"): the
// first waiting writer leads, running every queued work in one transaction,
// each inside its own SAVEPOINT (a work that fails or throws is rolled back
// alone), and one COMMIT makes them all durable; each caller returns only
// after it. What a caller can rely on:
//   * OK means committed and synced: a crash, even kill -9 or a power cut
//     right after, loses nothing that was acknowledged.
//   * A batch is committed whole or not at all, and every write of it is
//     told which. When SQLite cannot commit it (disk full, an I/O error: the COMMIT fails, or
//     SQLite rolls the whole transaction back under a work), EVERY write
//     of the batch gets UNAVAILABLE, "the database could not commit (disk
//     full, sqlite 13); nothing in this batch was written — retry", even
//     those whose own work had succeeded: none of it is in the database,
//     so a retry duplicates nothing. Before answering, the Store commits an
//     empty change over the failed one, so that a COMMIT whose sync failed
//     cannot come back from the WAL after a crash; when even that fails,
//     the answer is DATA_LOSS instead (see Write()).
//   * No write waits forever: the lead is handed on by a scope guard, also
//     when a work throws or the batch ends early. Likewise a reader
//     connection always goes back to the pool.
// One write transaction at a time; nothing is acknowledged before its
// COMMIT returned.
//
// Checkpoints (copying the WAL back into the database file) run on a
// background thread of the Store's own, not inside the commit of whichever
// request crossed the threshold: a commit is durable once the WAL is synced.
//
// Thread-safe: any number of threads may call Write() and Read() at once;
// writes are serialised, reads wait for a free reader connection. A work
// must not call Write() itself (it would wait for its own batch), nor end
// the transaction it runs in (BEGIN, COMMIT, ROLLBACK are the Store's).
#ifndef TALENT_SERVER_STORAGE_STORE_H_
#define TALENT_SERVER_STORAGE_STORE_H_

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "server/storage/sqlite.h"

namespace talent::storage {

struct StoreOptions {
  // Create the file (and schema) when missing; otherwise FAILED_PRECONDITION.
  bool create = false;
  // Reader connections, at least 1.
  int readers = 4;
  // The SQLite VFS every connection opens the file with, by its registered
  // name; empty for SQLite's default. For fault-injection tests only.
  std::string vfs;
  // Told, after each batch's COMMIT (committed or not), how long the COMMIT
  // took and how many writes the batch carried; on the leading writer's
  // thread, so it must be quick and thread-safe. Empty: nobody is told.
  std::function<void(double seconds, int64_t writes)> on_commit;
};

// Counts of the group commit, for tests and monitoring.
struct WriteStats {
  int64_t batches = 0;         // transactions led, committed or not
  int64_t writes = 0;          // works run in them
  int64_t failed_batches = 0;  // batches failed whole (see the class comment)
  int queued = 0;              // writes waiting now for the next batch
};

// Copies the database at `from` — also while a talentd is serving it — to a
// new file `to` with SQLite's online backup API: a consistent snapshot.
// ALREADY_EXISTS when `to` exists; FAILED_PRECONDITION when `from` is not a
// talentd database.
absl::Status BackupDatabase(const std::string& from, const std::string& to);

class Store {
 public:
  // Opens the database, runs pending migrations, opens the readers.
  // FAILED_PRECONDITION when the file is missing (and not to be created) or
  // its schema is newer than this code.
  static absl::StatusOr<std::unique_ptr<Store>> Open(const std::string& path,
                                                     const StoreOptions& options);

  using Work = std::function<absl::Status(Connection&)>;

  // Runs `work` in a write transaction; its changes are committed when it
  // returns OK and rolled back (changing nothing) otherwise. Durable once it
  // returns OK. Returns
  //   * the work's own status when it fails (only its changes are undone);
  //   * INTERNAL when it throws (the exception is its failure; it changed
  //     nothing, and the other writes of the batch go on);
  //   * UNAVAILABLE, "the database could not commit (<reason>, sqlite N);
  //     nothing in this batch was written — retry", when the batch failed
  //     whole (see the class comment), whatever the work returned;
  //   * DATA_LOSS, "the database could not commit (<reason>, sqlite N) and
  //     the disk is still failing: this batch may be in the database after
  //     a restart; check before retrying", when the batch failed whole and
  //     the Store could not overwrite it in the WAL;
  //   * when no transaction could start: UNAVAILABLE, "the database could
  //     not start a write (<reason>, sqlite N); nothing in this batch was
  //     written — retry" for a disk fault, BEGIN's own status otherwise
  //     (UNAVAILABLE when the file is locked by another process);
  //   * INTERNAL, "the write transaction was abandoned; nothing in this
  //     batch was written", if the Store itself fails while running the
  //     batch (an exception outside any work; the transaction is rolled
  //     back).
  absl::Status Write(const Work& work);

  // The same, but the changes are kept only when `work` returns true; false
  // rolls them back (and is not an error).
  using Decision = std::function<absl::StatusOr<bool>(Connection&)>;
  absl::Status WriteIfDecided(const Decision& work);

  // Runs `work` in a read transaction (a consistent snapshot). Returns the
  // work's status, INTERNAL ("a read failed with an exception (...)") when
  // it throws, or the transaction's.
  absl::Status Read(const Work& work);

  const std::string& path() const { return path_; }

  WriteStats write_stats() const;

  // Gives the writer's cached pages back to the system (after a bulk import
  // filled the cache with pages no one will read soon).
  void ReleaseMemory();

  // Stops the checkpointer (after a last checkpoint) and closes.
  ~Store();

 private:
  Store() = default;
  static int OnWalCommit(void* store, sqlite3* db, const char* name, int pages);
  struct PendingWrite;
  class BatchLead;
  class ReaderLease;
  struct BatchOutcome;
  // Runs a batch of queued works in one transaction (see the class comment)
  // and returns each work's status, in order.
  BatchOutcome RunBatch(const std::vector<PendingWrite*>& batch);
  // Runs each work in its own savepoint of the open transaction, setting its
  // status. Returns kTransactionKept, or the SQLite error with which SQLite
  // rolled the whole transaction back under a work (the later works are
  // then not run).
  static constexpr int kTransactionKept = -1;
  int RunWorks(const std::vector<PendingWrite*>& batch, std::vector<absl::Status>* statuses);
  // After a batch failed whole with SQLite error `rc`, rolled back: cleans
  // up and returns the status every write of the batch gets.
  absl::Status FailBatch(int rc, bool commit_attempted);
  // After a failed COMMIT: commits a change to nothing over it (see the
  // class comment). The status of that commit.
  absl::Status OverwriteFailedCommit();
  void CheckpointLoop();

  std::string path_;
  std::function<void(double seconds, int64_t writes)> on_commit_;
  std::mutex write_mu_;
  std::unique_ptr<Connection> writer_;

  // Group commit: writers queue here; one of them leads a batch at a time.
  // Everything below is read and written under queue_mu_ only, the
  // PendingWrites' status and done flags included.
  mutable std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::vector<PendingWrite*> queue_;
  bool leading_ = false;
  WriteStats stats_;

  std::mutex read_mu_;
  std::condition_variable read_cv_;
  std::vector<std::unique_ptr<Connection>> readers_;
  std::vector<Connection*> free_readers_;

  std::unique_ptr<Connection> checkpointer_;
  std::mutex checkpoint_mu_;
  std::condition_variable checkpoint_cv_;
  bool checkpoint_wanted_ = false;
  bool stopping_ = false;
  std::thread checkpoint_thread_;
};

}  // namespace talent::storage

#endif  // TALENT_SERVER_STORAGE_STORE_H_
