// A temporary directory removed (with its contents) when the object dies,
// for tests that need real files: SQLite databases, key files, CSVs.
// Thread-compatible.
#ifndef TALENT_TESTS_TESTING_TEMP_DIR_H_
#define TALENT_TESTS_TESTING_TEMP_DIR_H_

#include <cstdlib>
#include <filesystem>
#include <string>

namespace talent::testing {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "talent-test-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace talent::testing

#endif  // TALENT_TESTS_TESTING_TEMP_DIR_H_
