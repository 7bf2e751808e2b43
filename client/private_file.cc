#include "client/private_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace talent::client {
namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

std::string Parent(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

std::string ConfigDir() {
  std::string base = Env("XDG_CONFIG_HOME");
  if (base.empty()) base = Env("HOME") + "/.config";
  return base + "/talentctl";
}

absl::Status WritePrivateFile(const std::string& path, std::string_view text, bool make_dirs) {
  const std::string dir = Parent(path);
  if (make_dirs) {
    ::mkdir(Parent(dir).c_str(), 0700);
    ::mkdir(dir.c_str(), 0700);
  }
  const auto failed = [&](const char* step) {
    return absl::InternalError(
        absl::StrCat("cannot write ", path, " (", step, ": ", std::strerror(errno), ")"));
  };
  // A new temporary with a unique name (mkostemp: O_EXCL, mode 0600), so a
  // file or symlink planted beside `path` is never written through.
  std::string tmp = path + ".XXXXXX";
  int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
  if (fd < 0) return failed("create");
  bool ok = ::fchmod(fd, 0600) == 0;
  for (size_t done = 0; ok && done < text.size();) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  if (!ok) {
    absl::Status status = failed("write");
    ::close(fd);
    ::unlink(tmp.c_str());
    return status;
  }
  ::close(fd);
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    absl::Status status = failed("rename");
    ::unlink(tmp.c_str());
    return status;
  }
  // The rename itself survives a crash only once the directory is synced.
  if (int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return absl::OkStatus();
}

}  // namespace talent::client
