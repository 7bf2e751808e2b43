// ImportErrors: the problems found in one bulk call (an enrolment import, a
// sheet import), each tied to a line of the user's file. Every problem is
// counted, but only the first kMaxListed by line are kept to be listed: a
// file with a million bad rows must not become a million-entry response.
// Each reason is kept as SanitizeForDisplay (common/text_safety.h) leaves
// it, so whatever the file held cannot reach a terminal as control
// characters, and no reason is longer than kMaxReasonChars characters.
//
// Thread-compatible.
#ifndef TALENT_SERVER_CORE_IMPORT_ERRORS_H_
#define TALENT_SERVER_CORE_IMPORT_ERRORS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace talent::core {

struct ImportError {
  int line = 0;
  std::string column;
  std::string reason;
};

class ImportErrors {
 public:
  static constexpr size_t kMaxListed = 1000;
  static constexpr size_t kMaxReasonChars = 300;

  explicit ImportErrors(size_t max_listed = kMaxListed) : max_listed_(max_listed) {}

  void Add(int line, std::string column, std::string reason);

  // How many were added.
  int64_t count() const { return count_; }
  bool empty() const { return count_ == 0; }

  // The first max_listed by line (those of one line in the order added),
  // sorted; the list is left empty.
  std::vector<ImportError> TakeListed();

 private:
  struct Entry {
    ImportError error;
    uint64_t order;
  };
  // Keeps only the first max_listed_ entries.
  void Trim();

  const size_t max_listed_;
  int64_t count_ = 0;
  std::vector<Entry> kept_;
  // After a trim: the last line kept; no entry at or after it can be kept.
  bool has_bar_ = false;
  int bar_ = 0;
};

}  // namespace talent::core

#endif  // TALENT_SERVER_CORE_IMPORT_ERRORS_H_
