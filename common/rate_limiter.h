// RateLimiter: a token bucket per client (a network address, as
// common/client_address.h names it) for what anyone may call without an
// account — certificate verification, on the web page and over gRPC — so
// that nobody can harvest the register by walking its sequential numbers.
// A client may make `burst` requests at once, then `rate` a second. The
// bucket is kept as the generic cell rate algorithm keeps it: one integer
// per client, the time its bucket will be full again, so the arithmetic is
// exact.
//
// Memory is bounded. A client whose bucket has filled up again is
// forgotten: it is as good as new, so forgetting it changes nothing. At
// most `max_clients` are remembered; past that the least recently seen is
// forgotten early, which hands it a full bucket again — only someone
// holding that many addresses gains by it, and they could spread their
// requests over those addresses anyway.
//
// Thread-safe: one mutex around a hash map and a recency list; O(1) a call.
#ifndef TALENT_COMMON_RATE_LIMITER_H_
#define TALENT_COMMON_RATE_LIMITER_H_

#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/clock.h"

namespace talent::common {

class RateLimiter {
 public:
  struct Options {
    double rate = 10;               // requests a second, once the burst is spent; > 0
    int burst = 30;                 // requests at once; >= 1
    size_t max_clients = 1 << 14;   // >= 1; about 150 bytes each
  };

  struct Decision {
    bool allowed = true;
    // When refused: whole seconds (at least 1) until this client's next
    // request would be allowed. 0 when allowed.
    int retry_after_seconds = 0;
  };

  // `clock` must outlive the limiter. Options out of range are clamped.
  explicit RateLimiter(const Options& options,
                       const MonotonicClock* clock = SteadyClock::Default());
  RateLimiter(const RateLimiter&) = delete;
  RateLimiter& operator=(const RateLimiter&) = delete;

  // Takes one request from `client`'s allowance. A refused request takes
  // nothing, so a client that keeps trying still gets `rate` a second.
  Decision Acquire(std::string_view client);

  // Clients remembered now (for tests and curiosity).
  size_t clients() const;
  const Options& options() const { return options_; }

 private:
  struct Bucket {
    std::string client;
    int64_t full_at_micros = 0;  // when its bucket is full again
  };
  using Recency = std::list<Bucket>;  // most recently seen first

  // Drops, from the least recently seen on, clients whose buckets are full.
  void ForgetIdle(int64_t now_micros);
  void Forget(Recency::iterator bucket);

  Options options_;
  const MonotonicClock* const clock_;
  int64_t interval_micros_;  // one request's worth: 1 / rate
  int64_t burst_micros_;     // the whole bucket: burst / rate

  mutable std::mutex mu_;
  Recency recency_;
  // Keys view the `client` strings of recency_'s nodes, which never move.
  std::unordered_map<std::string_view, Recency::iterator> index_;
};

}  // namespace talent::common

#endif  // TALENT_COMMON_RATE_LIMITER_H_
