#include "common/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace talent::common {

RateLimiter::RateLimiter(const Options& options, const MonotonicClock* clock)
    : options_(options), clock_(clock) {
  options_.rate = std::clamp(options_.rate, 1e-3, 1e6);
  options_.burst = std::clamp(options_.burst, 1, 1 << 20);
  options_.max_clients = std::max<size_t>(options_.max_clients, 1);
  interval_micros_ = std::max<int64_t>(1, std::llround(1e6 / options_.rate));
  burst_micros_ = interval_micros_ * options_.burst;
}

RateLimiter::Decision RateLimiter::Acquire(std::string_view client) {
  const int64_t now = clock_->NowMicros();
  std::lock_guard<std::mutex> lock(mu_);
  ForgetIdle(now);
  Bucket* bucket;
  auto found = index_.find(client);
  if (found == index_.end()) {
    if (index_.size() >= options_.max_clients) Forget(std::prev(recency_.end()));
    recency_.push_front(Bucket{std::string(client), now});
    index_.emplace(recency_.front().client, recency_.begin());
    bucket = &recency_.front();
  } else {
    recency_.splice(recency_.begin(), recency_, found->second);
    bucket = &*found->second;
  }
  // Taking a request moves "full again" one interval later; the bucket
  // overflows when that is more than a whole bucket away.
  const int64_t full_at = std::max(bucket->full_at_micros, now) + interval_micros_;
  const int64_t overflow = full_at - now - burst_micros_;
  if (overflow <= 0) {
    bucket->full_at_micros = full_at;
    return Decision{};
  }
  const int64_t seconds = (overflow + 999999) / 1000000;
  return Decision{false, static_cast<int>(std::max<int64_t>(1, seconds))};
}

size_t RateLimiter::clients() const {
  std::lock_guard<std::mutex> lock(mu_);
  return index_.size();
}

void RateLimiter::ForgetIdle(int64_t now_micros) {
  // The list is in order of last use. A bucket is full at most a whole
  // bucket after its last use, so every client unseen for that long is at
  // the end and is forgotten here; a few seen more recently may wait.
  while (!recency_.empty() && recency_.back().full_at_micros <= now_micros) {
    Forget(std::prev(recency_.end()));
  }
}

void RateLimiter::Forget(Recency::iterator bucket) {
  index_.erase(bucket->client);
  recency_.erase(bucket);
}

}  // namespace talent::common
