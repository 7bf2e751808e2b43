#include "tests/storage/fault_vfs.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstdlib>
#include <cstdio>

namespace talent::storage::testing {
namespace {

sqlite3_vfs* Unix() {
  static sqlite3_vfs* unix_vfs = sqlite3_vfs_find("unix");
  return unix_vfs;
}

// Our file: the real (unix) file follows it in the same allocation, which
// SQLite sizes from the VFS's szOsFile.
struct FaultFile {
  sqlite3_file base;
  FileKind kind;
  sqlite3_file* real;
};

FaultFile* Cast(sqlite3_file* file) { return reinterpret_cast<FaultFile*>(file); }
sqlite3_file* Real(sqlite3_file* file) { return Cast(file)->real; }
const sqlite3_io_methods* RealMethods(sqlite3_file* file) { return Real(file)->pMethods; }

int Close(sqlite3_file* file) { return RealMethods(file)->xClose(Real(file)); }

int Read(sqlite3_file* file, void* buffer, int amount, sqlite3_int64 offset) {
  if (int rc = FaultVfs::Get().BeforeRead(Cast(file)->kind)) return rc;
  return RealMethods(file)->xRead(Real(file), buffer, amount, offset);
}

int Write(sqlite3_file* file, const void* buffer, int amount, sqlite3_int64 offset) {
  sqlite3_int64 size = 0;
  int rc = RealMethods(file)->xFileSize(Real(file), &size);
  if (rc != SQLITE_OK) return rc;
  if ((rc = FaultVfs::Get().BeforeWrite(Cast(file)->kind, offset, amount, size))) return rc;
  return RealMethods(file)->xWrite(Real(file), buffer, amount, offset);
}

int Truncate(sqlite3_file* file, sqlite3_int64 size) {
  return RealMethods(file)->xTruncate(Real(file), size);
}

int Sync(sqlite3_file* file, int flags) {
  if (int rc = FaultVfs::Get().BeforeSync(Cast(file)->kind)) return rc;
  return RealMethods(file)->xSync(Real(file), flags);
}

int FileSize(sqlite3_file* file, sqlite3_int64* size) {
  return RealMethods(file)->xFileSize(Real(file), size);
}

int Lock(sqlite3_file* file, int level) { return RealMethods(file)->xLock(Real(file), level); }

int Unlock(sqlite3_file* file, int level) {
  return RealMethods(file)->xUnlock(Real(file), level);
}

int CheckReservedLock(sqlite3_file* file, int* out) {
  return RealMethods(file)->xCheckReservedLock(Real(file), out);
}

int FileControl(sqlite3_file* file, int op, void* arg) {
  return RealMethods(file)->xFileControl(Real(file), op, arg);
}

int SectorSize(sqlite3_file* file) { return RealMethods(file)->xSectorSize(Real(file)); }

int DeviceCharacteristics(sqlite3_file* file) {
  return RealMethods(file)->xDeviceCharacteristics(Real(file));
}

int ShmMap(sqlite3_file* file, int page, int page_size, int extend, void volatile** out) {
  return RealMethods(file)->xShmMap(Real(file), page, page_size, extend, out);
}

int ShmLock(sqlite3_file* file, int offset, int n, int flags) {
  return RealMethods(file)->xShmLock(Real(file), offset, n, flags);
}

void ShmBarrier(sqlite3_file* file) { RealMethods(file)->xShmBarrier(Real(file)); }

int ShmUnmap(sqlite3_file* file, int delete_flag) {
  return RealMethods(file)->xShmUnmap(Real(file), delete_flag);
}

int Fetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** out) {
  return RealMethods(file)->xFetch(Real(file), offset, amount, out);
}

int Unfetch(sqlite3_file* file, sqlite3_int64 offset, void* page) {
  return RealMethods(file)->xUnfetch(Real(file), offset, page);
}

// Version 3, as the unix VFS's own files; Open checks the real file's.
const sqlite3_io_methods kMethods = {
    3,        Close,      Read,     Write,   Truncate, Sync,
    FileSize, Lock,       Unlock,   CheckReservedLock, FileControl,
    SectorSize, DeviceCharacteristics, ShmMap, ShmLock, ShmBarrier, ShmUnmap,
    Fetch,    Unfetch,
};

FileKind KindOf(int flags) {
  if (flags & SQLITE_OPEN_MAIN_DB) return FileKind::kDatabase;
  if (flags & SQLITE_OPEN_WAL) return FileKind::kWal;
  return FileKind::kOther;
}

int Open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  FaultFile* f = Cast(file);
  f->kind = KindOf(flags);
  f->real = reinterpret_cast<sqlite3_file*>(f + 1);
  f->real->pMethods = nullptr;
  int rc = Unix()->xOpen(Unix(), name, f->real, flags, out_flags);
  if (f->real->pMethods != nullptr && f->real->pMethods->iVersion < 3) {
    // Every unix file has version 3; anything else is not what we wrap.
    std::fprintf(stderr, "FaultVfs: unexpected io_methods version %d\n",
                 f->real->pMethods->iVersion);
    std::abort();
  }
  // SQLite closes a file whose pMethods is set even when xOpen failed.
  f->base.pMethods = f->real->pMethods != nullptr ? &kMethods : nullptr;
  return rc;
}

int Index(FileKind kind) { return static_cast<int>(kind); }

}  // namespace

FaultVfs& FaultVfs::Get() {
  static FaultVfs* instance = new FaultVfs();
  return *instance;
}

FaultVfs::FaultVfs() {
  static sqlite3_vfs vfs = *Unix();
  vfs.pNext = nullptr;
  vfs.zName = kName;
  vfs.szOsFile = static_cast<int>(sizeof(FaultFile)) + Unix()->szOsFile;
  vfs.xOpen = Open;
  if (sqlite3_vfs_register(&vfs, /*makeDflt=*/0) != SQLITE_OK) {
    std::fprintf(stderr, "FaultVfs: cannot register\n");
    std::abort();
  }
}

void FaultVfs::SetFreeBytes(int64_t bytes) {
  std::lock_guard<std::mutex> lock(mu_);
  free_bytes_ = bytes;
}

void FaultVfs::FailSyncs(FileKind kind, int count) {
  std::lock_guard<std::mutex> lock(mu_);
  failing_syncs_[Index(kind)] = count;
}

void FaultVfs::FailWritesAfter(FileKind kind, int64_t bytes) {
  std::lock_guard<std::mutex> lock(mu_);
  writes_left_[Index(kind)] = bytes;
}

void FaultVfs::FailReads(FileKind kind, int count) {
  std::lock_guard<std::mutex> lock(mu_);
  failing_reads_[Index(kind)] = count;
}

void FaultVfs::Clear() {
  std::lock_guard<std::mutex> lock(mu_);
  free_bytes_ = -1;
  std::fill(std::begin(failing_syncs_), std::end(failing_syncs_), 0);
  std::fill(std::begin(writes_left_), std::end(writes_left_), -1);
  std::fill(std::begin(failing_reads_), std::end(failing_reads_), 0);
}

int FaultVfs::injected() const {
  std::lock_guard<std::mutex> lock(mu_);
  return injected_;
}

int FaultVfs::BeforeWrite(FileKind kind, int64_t offset, int amount, int64_t size) {
  std::lock_guard<std::mutex> lock(mu_);
  int64_t& left = writes_left_[Index(kind)];
  if (left >= 0) {
    if (left < amount) {
      left = 0;
      ++injected_;
      return SQLITE_IOERR_WRITE;
    }
    left -= amount;
  }
  if (free_bytes_ >= 0) {
    int64_t growth = std::max<int64_t>(0, offset + amount - size);
    if (growth > free_bytes_) {
      ++injected_;
      return SQLITE_FULL;
    }
    free_bytes_ -= growth;
  }
  return SQLITE_OK;
}

int FaultVfs::BeforeSync(FileKind kind) {
  std::lock_guard<std::mutex> lock(mu_);
  int& failing = failing_syncs_[Index(kind)];
  if (failing > 0) {
    --failing;
    ++injected_;
    return SQLITE_IOERR_FSYNC;
  }
  return SQLITE_OK;
}

int FaultVfs::BeforeRead(FileKind kind) {
  std::lock_guard<std::mutex> lock(mu_);
  int& failing = failing_reads_[Index(kind)];
  if (failing > 0) {
    --failing;
    ++injected_;
    return SQLITE_IOERR_READ;
  }
  return SQLITE_OK;
}

}  // namespace talent::storage::testing
