// SpillFile: an anonymous temporary file for data too large to keep in
// memory, written once from the start and then read back from the start.
// It is created readable and writable by its owner only (0600) and has no
// name from the moment it exists (O_TMPFILE, or created and unlinked at
// once where the file system has no O_TMPFILE), so nothing is left behind
// if the process dies; closing it (the destructor) frees its space.
//
// Thread-compatible: one thread at a time.
#ifndef TALENT_SERVER_CORE_SPILL_FILE_H_
#define TALENT_SERVER_CORE_SPILL_FILE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace talent::core {

class SpillFile {
 public:
  // A new empty file in the first of `directories` where one can be made
  // (empty entries are skipped). RESOURCE_EXHAUSTED when the place is full;
  // INTERNAL naming the directories and errors when none would do.
  static absl::StatusOr<std::unique_ptr<SpillFile>> Create(
      const std::vector<std::string>& directories);
  ~SpillFile();
  SpillFile(const SpillFile&) = delete;
  SpillFile& operator=(const SpillFile&) = delete;

  // Appends `bytes` (buffered). RESOURCE_EXHAUSTED when the disk is full,
  // INTERNAL for other write errors. Not after Rewind().
  absl::Status Append(absl::string_view bytes);

  // Writes out what is buffered and starts reading from the beginning.
  absl::Status Rewind();
  // Reads exactly `size` bytes into *out. OUT_OF_RANGE at the end of the
  // file (or fewer bytes left); INTERNAL for read errors.
  absl::Status Read(size_t size, std::string* out);

  // Bytes appended so far.
  uint64_t size() const { return size_; }
  // The open descriptor, for tests and diagnostics.
  int descriptor() const { return fd_; }

 private:
  explicit SpillFile(int fd) : fd_(fd) {}
  absl::Status Flush();
  absl::Status Fill();

  static constexpr size_t kBufferBytes = 1 << 16;
  const int fd_;
  uint64_t size_ = 0;
  bool reading_ = false;
  std::string buffer_;   // writing: bytes not yet written; reading: read ahead
  size_t buffer_at_ = 0;  // reading: the next unread byte of buffer_
};

}  // namespace talent::core

#endif  // TALENT_SERVER_CORE_SPILL_FILE_H_
