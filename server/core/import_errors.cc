#include "server/core/import_errors.h"

#include <algorithm>
#include <utility>

#include "common/text_safety.h"

namespace talent::core {
namespace {

// By line, then in the order added.
struct Earlier {
  template <typename Entry>
  bool operator()(const Entry& a, const Entry& b) const {
    return a.error.line != b.error.line ? a.error.line < b.error.line : a.order < b.order;
  }
};

}  // namespace

void ImportErrors::Add(int line, std::string column, std::string reason) {
  const uint64_t order = static_cast<uint64_t>(count_++);
  if (max_listed_ == 0) return;
  // Once the list has been full, a line at or after the last kept one
  // cannot be among the first (a tie loses to the earlier entry): lines
  // mostly arrive in order, so most of a long list costs only its count.
  if (has_bar_ && line >= bar_) return;
  kept_.push_back({{line, common::SanitizeForDisplay(column, kMaxReasonChars),
                    common::SanitizeForDisplay(reason, kMaxReasonChars)},
                   order});
  if (kept_.size() >= 2 * max_listed_) Trim();
}

void ImportErrors::Trim() {
  if (kept_.size() <= max_listed_) return;
  std::nth_element(kept_.begin(), kept_.begin() + static_cast<std::ptrdiff_t>(max_listed_),
                   kept_.end(), Earlier());
  kept_.resize(max_listed_);
  has_bar_ = true;
  bar_ = kept_.front().error.line;
  for (const Entry& e : kept_) bar_ = std::max(bar_, e.error.line);
}

std::vector<ImportError> ImportErrors::TakeListed() {
  Trim();
  std::sort(kept_.begin(), kept_.end(), Earlier());
  std::vector<ImportError> out;
  out.reserve(kept_.size());
  for (Entry& e : kept_) out.push_back(std::move(e.error));
  kept_.clear();
  return out;
}

}  // namespace talent::core
