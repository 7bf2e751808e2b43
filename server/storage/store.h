// Store: the database of one talentd. Owns one writer connection (SQLite has
// one writer at a time anyway) and a pool of reader connections, which WAL
// lets run in parallel with the writer. Every unit of work runs in one
// transaction: Write() in BEGIN IMMEDIATE, committed only when the work
// returns OK (and then durable: synchronous=FULL); Read() in a snapshot.
//
// Writes that arrive together are committed together ("group commit"): the
// first waiting writer runs every queued work in one transaction, each
// inside its own SAVEPOINT (a failing work is rolled back alone), and one
// COMMIT makes them all durable; each caller returns only after it.
//
// Checkpoints (copying the WAL back into the database file) run on a
// background thread of the Store's own, not inside the commit of whichever
// request crossed the threshold: a commit is durable once the WAL is synced.
//
// Thread-safe: any number of threads may call Write() and Read() at once;
// writes are serialised, reads wait for a free reader connection.
#ifndef TALENT_SERVER_STORAGE_STORE_H_
#define TALENT_SERVER_STORAGE_STORE_H_

#include <condition_variable>
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
  // returns OK and rolled back (changing nothing) otherwise. Returns the
  // work's status, or the commit's. Durable once it returns OK.
  absl::Status Write(const Work& work);

  // The same, but the changes are kept only when `work` returns true; false
  // rolls them back (and is not an error).
  using Decision = std::function<absl::StatusOr<bool>(Connection&)>;
  absl::Status WriteIfDecided(const Decision& work);

  // Runs `work` in a read transaction (a consistent snapshot).
  absl::Status Read(const Work& work);

  const std::string& path() const { return path_; }

  // Gives the writer's cached pages back to the system (after a bulk import
  // filled the cache with pages no one will read soon).
  void ReleaseMemory();

  // Stops the checkpointer (after a last checkpoint) and closes.
  ~Store();

 private:
  Store() = default;
  static int OnWalCommit(void* store, sqlite3* db, const char* name, int pages);
  struct PendingWrite;
  // Runs a batch of queued works in one transaction (see the class comment).
  void RunBatch(const std::vector<PendingWrite*>& batch);
  void CheckpointLoop();

  std::string path_;
  std::mutex write_mu_;
  std::unique_ptr<Connection> writer_;

  // Group commit: writers queue here; one of them leads a batch at a time.
  std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::vector<PendingWrite*> queue_;
  bool leading_ = false;

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
