#include "server/core/signing_key.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "common/crypto.h"

namespace talent::core {
namespace {

constexpr char kHeader[] = "talent-ed25519-v1\n";

}  // namespace

absl::StatusOr<SigningKey> CreateSigningKeyFile(const std::string& path) {
  if (absl::Status s = common::InitCrypto(); !s.ok()) return s;
  common::Ed25519Keys keys = common::NewEd25519Keys();
  SigningKey key{keys.public_key, keys.secret_key};
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) {
      return absl::AlreadyExistsError(absl::StrCat("key file ", path, " already exists"));
    }
    return absl::FailedPreconditionError(
        absl::StrCat("cannot create key file ", path, ": ", std::strerror(errno)));
  }
  std::string text = absl::StrCat(kHeader, common::HexEncode(key.secret_key), "\n");
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
            ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return absl::InternalError(absl::StrCat("cannot write key file ", path));
  return key;
}

absl::StatusOr<SigningKey> LoadSigningKeyFile(const std::string& path) {
  if (absl::Status s = common::InitCrypto(); !s.ok()) return s;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return absl::NotFoundError(absl::StrCat("key file ", path, " not found (run 'talentd init')"));
  }
  struct stat st;
  if (::fstat(fd, &st) == 0 && (st.st_mode & 077) != 0) {
    ::close(fd);
    return absl::FailedPreconditionError(
        absl::StrCat("key file ", path, " is readable by others; chmod 600 it"));
  }
  char buf[512];
  ssize_t n = ::read(fd, buf, sizeof buf);
  ::close(fd);
  std::string text(buf, n > 0 ? n : 0);
  std::string header(kHeader);
  if (text.compare(0, header.size(), header) != 0) {
    return absl::DataLossError(absl::StrCat("key file ", path, " is not a talentd key"));
  }
  std::string hex = text.substr(header.size(), crypto_sign_SECRETKEYBYTES * 2);
  SigningKey key;
  key.secret_key.resize(crypto_sign_SECRETKEYBYTES);
  size_t len = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(key.secret_key.data()),
                     key.secret_key.size(), hex.data(), hex.size(), nullptr, &len,
                     nullptr) != 0 ||
      len != crypto_sign_SECRETKEYBYTES) {
    return absl::DataLossError(absl::StrCat("key file ", path, " is damaged"));
  }
  key.public_key.resize(crypto_sign_PUBLICKEYBYTES);
  crypto_sign_ed25519_sk_to_pk(reinterpret_cast<unsigned char*>(key.public_key.data()),
                               reinterpret_cast<const unsigned char*>(key.secret_key.data()));
  return key;
}

}  // namespace talent::core
