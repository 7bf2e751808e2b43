#include "server/core/signing_key.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/crypto.h"

namespace talent::core {
namespace {

constexpr char kHeader[] = "talent-ed25519-v1\n";
constexpr char kBackupHeader[] = "talent-key-backup-v1";
constexpr char kKdf[] = "argon2id13";

const unsigned char* Bytes(const std::string& s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// Writes `text` to a new file (O_EXCL, mode 0600), synced with its
// directory, so a crash leaves either no file or the whole one.
absl::Status WriteNewFile(const std::string& path, const std::string& text, const char* what) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) {
      return absl::AlreadyExistsError(absl::StrCat(what, " ", path, " already exists"));
    }
    return absl::FailedPreconditionError(
        absl::StrCat("cannot create ", what, " ", path, ": ", std::strerror(errno)));
  }
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
            ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) {
    ::unlink(path.c_str());
    return absl::InternalError(absl::StrCat("cannot write ", what, " ", path));
  }
  std::string dir = path.substr(0, path.find_last_of('/') + 1);
  int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return absl::OkStatus();
}

bool Unhex(const std::string& hex, size_t size, std::string* out) {
  out->assign(size, '\0');
  size_t len = 0;
  return hex.size() == size * 2 &&
         sodium_hex2bin(reinterpret_cast<unsigned char*>(out->data()), size, hex.data(),
                        hex.size(), nullptr, &len, nullptr) == 0 &&
         len == size;
}

}  // namespace

absl::Status WriteSigningKeyFile(const std::string& path, const SigningKey& key) {
  return WriteNewFile(path, absl::StrCat(kHeader, common::HexEncode(key.secret_key), "\n"),
                      "key file");
}

absl::StatusOr<SigningKey> CreateSigningKeyFile(const std::string& path) {
  if (absl::Status s = common::InitCrypto(); !s.ok()) return s;
  common::Ed25519Keys keys = common::NewEd25519Keys();
  SigningKey key{keys.public_key, keys.secret_key};
  if (absl::Status s = WriteSigningKeyFile(path, key); !s.ok()) return s;
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
  if (!Unhex(hex, crypto_sign_SECRETKEYBYTES, &key.secret_key)) {
    return absl::DataLossError(absl::StrCat("key file ", path, " is damaged"));
  }
  key.public_key.resize(crypto_sign_PUBLICKEYBYTES);
  crypto_sign_ed25519_sk_to_pk(reinterpret_cast<unsigned char*>(key.public_key.data()),
                               Bytes(key.secret_key));
  return key;
}

absl::Status CheckBackupPassphrase(const std::string& passphrase) {
  if (passphrase.size() < 8) {
    return absl::InvalidArgumentError("the passphrase must have at least 8 characters");
  }
  return absl::OkStatus();
}

absl::Status ExportSigningKey(const SigningKey& key, const std::string& passphrase,
                              const std::string& path) {
  if (absl::Status s = common::InitCrypto(); !s.ok()) return s;
  if (absl::Status s = CheckBackupPassphrase(passphrase); !s.ok()) return s;
  const uint64_t opslimit = crypto_pwhash_OPSLIMIT_MODERATE;
  const size_t memlimit = crypto_pwhash_MEMLIMIT_MODERATE;
  std::string salt = common::RandomBytes(crypto_pwhash_SALTBYTES);
  std::string nonce = common::RandomBytes(crypto_secretbox_NONCEBYTES);
  std::string box_key(crypto_secretbox_KEYBYTES, '\0');
  if (crypto_pwhash(reinterpret_cast<unsigned char*>(box_key.data()), box_key.size(),
                    passphrase.data(), passphrase.size(), Bytes(salt), opslimit, memlimit,
                    crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return absl::ResourceExhaustedError("not enough memory to derive the backup's key (256 MiB)");
  }
  std::string box(crypto_secretbox_MACBYTES + key.secret_key.size(), '\0');
  crypto_secretbox_easy(reinterpret_cast<unsigned char*>(box.data()), Bytes(key.secret_key),
                        key.secret_key.size(), Bytes(nonce), Bytes(box_key));
  sodium_memzero(box_key.data(), box_key.size());
  std::string text = absl::StrCat(
      kBackupHeader, "\n", "kdf:", kKdf, ":", opslimit, ":", memlimit, "\n",
      "salt:", common::HexEncode(salt), "\n", "nonce:", common::HexEncode(nonce), "\n",
      "public:", common::Base64UrlEncode(key.public_key), "\n", "box:", common::HexEncode(box),
      "\n");
  return WriteNewFile(path, text, "backup");
}

absl::StatusOr<SigningKey> ImportSigningKey(const std::string& path,
                                            const std::string& passphrase) {
  if (absl::Status s = common::InitCrypto(); !s.ok()) return s;
  std::ifstream in(path, std::ios::binary);
  if (!in.is_open()) return absl::NotFoundError(absl::StrCat("backup ", path, " not found"));
  std::string text(std::istreambuf_iterator<char>(in), {});
  const auto damaged = [&](const std::string& why) {
    return absl::DataLossError(
        absl::StrCat("backup ", path, " is not a complete talentd key backup (", why, ")"));
  };
  if (text.size() > 4096) return damaged("too long");
  std::vector<std::string> lines = absl::StrSplit(text, '\n');
  if (lines.size() != 7 || !lines[6].empty()) return damaged("it must have six lines");
  if (lines[0] != kBackupHeader) return damaged("the first line is not talent-key-backup-v1");
  std::vector<std::string> kdf = absl::StrSplit(lines[1], ':');
  uint64_t opslimit = 0;
  uint64_t memlimit = 0;
  if (kdf.size() != 4 || kdf[0] != "kdf" || kdf[1] != kKdf ||
      !absl::SimpleAtoi(kdf[2], &opslimit) || !absl::SimpleAtoi(kdf[3], &memlimit) ||
      opslimit < crypto_pwhash_OPSLIMIT_MIN || opslimit > crypto_pwhash_OPSLIMIT_SENSITIVE ||
      memlimit < crypto_pwhash_MEMLIMIT_MIN || memlimit > crypto_pwhash_MEMLIMIT_SENSITIVE) {
    return damaged("line 2, the key derivation");
  }
  std::string salt, nonce, box, public_key;
  if (lines[2].rfind("salt:", 0) != 0 ||
      !Unhex(lines[2].substr(5), crypto_pwhash_SALTBYTES, &salt)) {
    return damaged("line 3, the salt");
  }
  if (lines[3].rfind("nonce:", 0) != 0 ||
      !Unhex(lines[3].substr(6), crypto_secretbox_NONCEBYTES, &nonce)) {
    return damaged("line 4, the nonce");
  }
  if (lines[4].rfind("public:", 0) != 0 ||
      !common::Base64UrlDecode(lines[4].substr(7), &public_key) ||
      public_key.size() != crypto_sign_PUBLICKEYBYTES) {
    return damaged("line 5, the public key");
  }
  const size_t box_size = crypto_secretbox_MACBYTES + crypto_sign_SECRETKEYBYTES;
  if (lines[5].rfind("box:", 0) != 0 || !Unhex(lines[5].substr(4), box_size, &box)) {
    return damaged("line 6, the encrypted key");
  }
  std::string box_key(crypto_secretbox_KEYBYTES, '\0');
  if (crypto_pwhash(reinterpret_cast<unsigned char*>(box_key.data()), box_key.size(),
                    passphrase.data(), passphrase.size(), Bytes(salt), opslimit,
                    static_cast<size_t>(memlimit), crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return absl::ResourceExhaustedError("not enough memory to derive the backup's key");
  }
  SigningKey key;
  key.secret_key.resize(crypto_sign_SECRETKEYBYTES);
  int opened = crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(key.secret_key.data()),
                                          Bytes(box), box.size(), Bytes(nonce), Bytes(box_key));
  sodium_memzero(box_key.data(), box_key.size());
  if (opened != 0) {
    return absl::PermissionDeniedError(absl::StrCat(
        "cannot open backup ", path, ": wrong passphrase, or the file was changed"));
  }
  key.public_key.resize(crypto_sign_PUBLICKEYBYTES);
  crypto_sign_ed25519_sk_to_pk(reinterpret_cast<unsigned char*>(key.public_key.data()),
                               Bytes(key.secret_key));
  if (key.public_key != public_key) {
    return absl::DataLossError(absl::StrCat(
        "backup ", path, " holds a key other than the public key it names; it was changed"));
  }
  return key;
}

}  // namespace talent::core
