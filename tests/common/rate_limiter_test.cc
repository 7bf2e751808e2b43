#include "common/rate_limiter.h"

#include <string>
#include <thread>
#include <vector>

#include "common/clock.h"
#include "gtest/gtest.h"

namespace talent::common {
namespace {

RateLimiter::Options Limits(double rate, int burst, size_t max_clients = 1000) {
  RateLimiter::Options options;
  options.rate = rate;
  options.burst = burst;
  options.max_clients = max_clients;
  return options;
}

// Acquires `n` times for `client`; returns how many were allowed.
int Allowed(RateLimiter& limiter, const std::string& client, int n) {
  int allowed = 0;
  for (int i = 0; i < n; ++i) allowed += limiter.Acquire(client).allowed ? 1 : 0;
  return allowed;
}

TEST(RateLimiterTest, AllowsTheBurstAtOnceThenRefuses) {
  FakeMonotonicClock clock;
  RateLimiter limiter(Limits(10, 30), &clock);
  EXPECT_EQ(Allowed(limiter, "203.0.113.7", 30), 30);
  RateLimiter::Decision refused = limiter.Acquire("203.0.113.7");
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after_seconds, 1);
}

TEST(RateLimiterTest, RecoversAtTheRate) {
  FakeMonotonicClock clock;
  RateLimiter limiter(Limits(10, 30), &clock);
  ASSERT_EQ(Allowed(limiter, "a", 31), 30);
  clock.AdvanceSeconds(0.05);  // half a token
  EXPECT_FALSE(limiter.Acquire("a").allowed);
  clock.AdvanceSeconds(0.05);  // a whole one
  EXPECT_TRUE(limiter.Acquire("a").allowed);
  EXPECT_FALSE(limiter.Acquire("a").allowed);
  clock.AdvanceSeconds(1);  // ten more, no more
  EXPECT_EQ(Allowed(limiter, "a", 20), 10);
  clock.AdvanceSeconds(60);  // never more than the burst
  EXPECT_EQ(Allowed(limiter, "a", 40), 30);
}

TEST(RateLimiterTest, RetryAfterIsTheWholeSecondsUntilTheNextToken) {
  FakeMonotonicClock clock;
  RateLimiter limiter(Limits(0.25, 2), &clock);  // one request every four seconds
  ASSERT_EQ(Allowed(limiter, "a", 2), 2);
  EXPECT_EQ(limiter.Acquire("a").retry_after_seconds, 4);
  clock.AdvanceSeconds(1.5);
  EXPECT_EQ(limiter.Acquire("a").retry_after_seconds, 3);  // 2.5 s, rounded up
  clock.AdvanceSeconds(2.5);
  RateLimiter::Decision allowed = limiter.Acquire("a");
  EXPECT_TRUE(allowed.allowed);
  EXPECT_EQ(allowed.retry_after_seconds, 0);
}

TEST(RateLimiterTest, RefusedRequestsTakeNothing) {
  FakeMonotonicClock clock;
  RateLimiter limiter(Limits(1, 1), &clock);
  ASSERT_TRUE(limiter.Acquire("a").allowed);
  for (int i = 0; i < 9; ++i) {
    clock.AdvanceSeconds(0.1);
    EXPECT_FALSE(limiter.Acquire("a").allowed);
  }
  clock.AdvanceSeconds(0.1);  // one second since the allowed one
  EXPECT_TRUE(limiter.Acquire("a").allowed);
}

TEST(RateLimiterTest, ClientsHaveTheirOwnBuckets) {
  FakeMonotonicClock clock;
  RateLimiter limiter(Limits(1, 3), &clock);
  EXPECT_EQ(Allowed(limiter, "203.0.113.7", 5), 3);
  EXPECT_EQ(Allowed(limiter, "203.0.113.8", 5), 3);
  EXPECT_EQ(limiter.clients(), 2u);
}

TEST(RateLimiterTest, ForgetsClientsWhoseBucketsAreFullAgain) {
  FakeMonotonicClock clock;
  RateLimiter limiter(Limits(10, 30), &clock);  // empty to full in 3 s
  for (int i = 0; i < 100; ++i) Allowed(limiter, "client-" + std::to_string(i), 30);
  EXPECT_EQ(limiter.clients(), 100u);
  clock.AdvanceSeconds(2.9);
  limiter.Acquire("late");  // full again at 3.0 s, like the hundred
  EXPECT_EQ(limiter.clients(), 101u);  // not yet full: still remembered
  clock.AdvanceSeconds(0.1);
  limiter.Acquire("later");
  EXPECT_EQ(limiter.clients(), 1u);  // the others are as good as new: forgotten
  EXPECT_EQ(Allowed(limiter, "client-0", 40), 30);
}

TEST(RateLimiterTest, RemembersAtMostMaxClientsForgettingTheLeastRecent) {
  FakeMonotonicClock clock;
  RateLimiter limiter(Limits(1, 2, /*max_clients=*/3), &clock);
  ASSERT_EQ(Allowed(limiter, "a", 2), 2);
  ASSERT_EQ(Allowed(limiter, "b", 2), 2);
  ASSERT_EQ(Allowed(limiter, "c", 2), 2);
  EXPECT_FALSE(limiter.Acquire("a").allowed);  // a is now the most recent
  EXPECT_TRUE(limiter.Acquire("d").allowed);   // b, the least recent, is forgotten
  EXPECT_EQ(limiter.clients(), 3u);
  EXPECT_FALSE(limiter.Acquire("a").allowed);
  EXPECT_FALSE(limiter.Acquire("c").allowed);
  EXPECT_TRUE(limiter.Acquire("b").allowed);   // forgotten: a full bucket again
  for (int i = 0; i < 10000; ++i) limiter.Acquire("flood-" + std::to_string(i));
  EXPECT_EQ(limiter.clients(), 3u);
}

TEST(RateLimiterTest, ManyThreadsNeverGetMoreThanTheBurst) {
  FakeMonotonicClock clock;  // time stands still: exactly the burst, no more
  RateLimiter limiter(Limits(1, 500), &clock);
  std::vector<std::thread> threads;
  std::vector<int> allowed(8);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] { allowed[t] = Allowed(limiter, "shared", 200); });
  }
  for (std::thread& thread : threads) thread.join();
  int total = 0;
  for (int n : allowed) total += n;
  EXPECT_EQ(total, 500);
}

}  // namespace
}  // namespace talent::common
