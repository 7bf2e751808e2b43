#include "server/core/spill_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "absl/strings/str_cat.h"

namespace talent::core {
namespace {

absl::Status WriteError(int error) {
  if (error == ENOSPC || error == EDQUOT || error == EFBIG) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "no room on the server for the import's temporary file (", strerror(error),
        "); free disk space or send a smaller file"));
  }
  return absl::InternalError(absl::StrCat("writing a temporary file: ", strerror(error)));
}

// An unnamed file in `directory`, or -1 with errno set.
int OpenUnnamed(const std::string& directory) {
  int fd = -1;
#ifdef O_TMPFILE
  fd = ::open(directory.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0) return fd;
  // EISDIR / EOPNOTSUPP: a kernel or file system without O_TMPFILE; any
  // other error will recur below and be reported from there.
#endif
  std::string name = absl::StrCat(directory, "/.talentd-spill-XXXXXX");
  fd = ::mkostemp(name.data(), O_CLOEXEC);  // mode 0600
  if (fd < 0) return -1;
  if (::unlink(name.c_str()) != 0) {
    int error = errno;
    ::close(fd);
    errno = error;
    return -1;
  }
  return fd;
}

}  // namespace

absl::StatusOr<std::unique_ptr<SpillFile>> SpillFile::Create(
    const std::vector<std::string>& directories) {
  std::string tried;
  for (const std::string& directory : directories) {
    if (directory.empty()) continue;
    int fd = OpenUnnamed(directory);
    if (fd >= 0) return std::unique_ptr<SpillFile>(new SpillFile(fd));
    int error = errno;
    if (error == ENOSPC || error == EDQUOT) return WriteError(error);
    absl::StrAppend(&tried, tried.empty() ? "" : "; ", directory, ": ", strerror(error));
  }
  return absl::InternalError(
      absl::StrCat("cannot create a temporary file for an import (", tried, ")"));
}

SpillFile::~SpillFile() { ::close(fd_); }

absl::Status SpillFile::Append(absl::string_view bytes) {
  if (reading_) return absl::InternalError("SpillFile::Append after Rewind");
  buffer_.append(bytes.data(), bytes.size());
  size_ += bytes.size();
  if (buffer_.size() >= kBufferBytes) return Flush();
  return absl::OkStatus();
}

absl::Status SpillFile::Flush() {
  size_t done = 0;
  while (done < buffer_.size()) {
    ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return WriteError(errno);
    done += static_cast<size_t>(n);
  }
  buffer_.clear();
  return absl::OkStatus();
}

absl::Status SpillFile::Rewind() {
  if (!reading_) {
    if (absl::Status flushed = Flush(); !flushed.ok()) return flushed;
    reading_ = true;
  }
  if (::lseek(fd_, 0, SEEK_SET) < 0) {
    return absl::InternalError(absl::StrCat("rewinding a temporary file: ", strerror(errno)));
  }
  buffer_.clear();
  buffer_at_ = 0;
  return absl::OkStatus();
}

absl::Status SpillFile::Fill() {
  buffer_.erase(0, buffer_at_);
  buffer_at_ = 0;
  size_t had = buffer_.size();
  buffer_.resize(had + kBufferBytes);
  for (;;) {
    ssize_t n = ::read(fd_, buffer_.data() + had, kBufferBytes);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      buffer_.resize(had);
      return absl::InternalError(absl::StrCat("reading a temporary file: ", strerror(errno)));
    }
    buffer_.resize(had + static_cast<size_t>(n));
    if (n == 0) return absl::OutOfRangeError("end of the temporary file");
    return absl::OkStatus();
  }
}

absl::Status SpillFile::Read(size_t size, std::string* out) {
  if (!reading_) return absl::InternalError("SpillFile::Read before Rewind");
  while (buffer_.size() - buffer_at_ < size) {
    if (absl::Status filled = Fill(); !filled.ok()) return filled;
  }
  out->assign(buffer_, buffer_at_, size);
  buffer_at_ += size;
  return absl::OkStatus();
}

}  // namespace talent::core
