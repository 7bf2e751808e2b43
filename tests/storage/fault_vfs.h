// FaultVfs: a SQLite VFS for tests that behaves as the default "unix" VFS
// (it forwards every call to it) until told to fail: a disk that fills up
// (a write that grows a file past the free space fails with SQLITE_FULL),
// and a disk that fails (xWrite, xSync or xRead of a given kind of file
// failing with SQLITE_IOERR_*). Connections choose it by name
// (StoreOptions::vfs = FaultVfs::kName); connections without it are not
// affected.
//
// Hand-written for these tests: no Debian package provides a fault
// injecting VFS. It follows SQLite's documented VFS interface
// (sqlite3_vfs_register, sqlite3_io_methods version 3) and the idea of
// LevelDB's SpecialEnv.
//
// Thread-safe: SQLite calls it from every connection's thread; the faults
// are armed and counted under one mutex.
#ifndef TALENT_TESTS_STORAGE_FAULT_VFS_H_
#define TALENT_TESTS_STORAGE_FAULT_VFS_H_

#include <cstdint>
#include <mutex>

namespace talent::storage::testing {

enum class FileKind { kDatabase, kWal, kOther };

class FaultVfs {
 public:
  static constexpr char kName[] = "talent-fault";

  // The one instance, registered under kName (not as the default VFS) on
  // first use.
  static FaultVfs& Get();

  // From now on the disk has `bytes` free: a write that would grow a file
  // by more than what is left fails with SQLITE_FULL and writes nothing
  // (writes within a file's current size need no space). Negative means
  // unlimited, the default.
  void SetFreeBytes(int64_t bytes);
  // The next `count` syncs of a file of `kind` fail with SQLITE_IOERR_FSYNC
  // without syncing: the data stays in the operating system's cache, as
  // after a real failed fsync.
  void FailSyncs(FileKind kind, int count);
  // Writes to files of `kind` fail with SQLITE_IOERR_WRITE, writing
  // nothing, once `bytes` more bytes have been written to them.
  void FailWritesAfter(FileKind kind, int64_t bytes);
  // The next `count` reads of a file of `kind` fail with SQLITE_IOERR_READ.
  void FailReads(FileKind kind, int count);
  // Disarms every fault (the injected count is kept).
  void Clear();
  // How many calls have failed on command since the process started.
  int injected() const;

  // Called by the VFS's methods: the result code to return instead of
  // doing the operation, or 0 (SQLITE_OK) to go ahead. `size` is the file's
  // size before a write.
  int BeforeWrite(FileKind kind, int64_t offset, int amount, int64_t size);
  int BeforeSync(FileKind kind);
  int BeforeRead(FileKind kind);

 private:
  FaultVfs();

  static constexpr int kKinds = 3;
  mutable std::mutex mu_;
  int64_t free_bytes_ = -1;
  int failing_syncs_[kKinds] = {};
  int64_t writes_left_[kKinds] = {-1, -1, -1};
  int failing_reads_[kKinds] = {};
  int injected_ = 0;
};

}  // namespace talent::storage::testing

#endif  // TALENT_TESTS_STORAGE_FAULT_VFS_H_
