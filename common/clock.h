// Clock: the one source of "now" for the server, injectable so tests can
// move time (token expiry, notice periods); MonotonicClock, its counterpart
// for measuring intervals (rate limits), in microseconds. SystemClock and
// SteadyClock are stateless and thread-safe; the fakes are thread-safe
// (atomic).
#ifndef TALENT_COMMON_CLOCK_H_
#define TALENT_COMMON_CLOCK_H_

#include <atomic>
#include <cstdint>
#include <string>

namespace talent::common {

class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since the Unix epoch, UTC.
  virtual int64_t NowSeconds() const = 0;
};

class SystemClock final : public Clock {
 public:
  int64_t NowSeconds() const override;
  static const Clock* Default();
};

// The system clock moved by a fixed number of seconds: for rehearsals and
// demonstrations that must pass a notice period ('talentd serve
// --clock-offset-days'). Stateless beyond the offset; thread-safe.
class OffsetClock final : public Clock {
 public:
  explicit OffsetClock(int64_t offset_seconds) : offset_(offset_seconds) {}
  int64_t NowSeconds() const override;

 private:
  int64_t offset_;
};

class FakeClock final : public Clock {
 public:
  explicit FakeClock(int64_t now_seconds) : now_(now_seconds) {}
  int64_t NowSeconds() const override { return now_.load(); }
  void Set(int64_t now_seconds) { now_.store(now_seconds); }
  void Advance(int64_t seconds) { now_.fetch_add(seconds); }

 private:
  std::atomic<int64_t> now_;
};

// Microseconds since an arbitrary start that never goes back, whatever
// happens to the wall clock: for intervals, never for dates.
class MonotonicClock {
 public:
  virtual ~MonotonicClock() = default;
  virtual int64_t NowMicros() const = 0;
};

// std::chrono::steady_clock.
class SteadyClock final : public MonotonicClock {
 public:
  int64_t NowMicros() const override;
  static const MonotonicClock* Default();
};

class FakeMonotonicClock final : public MonotonicClock {
 public:
  explicit FakeMonotonicClock(int64_t now_micros = 0) : now_(now_micros) {}
  int64_t NowMicros() const override { return now_.load(); }
  void AdvanceMicros(int64_t micros) { now_.fetch_add(micros); }
  void AdvanceSeconds(double seconds) { AdvanceMicros(static_cast<int64_t>(seconds * 1e6)); }

 private:
  std::atomic<int64_t> now_;
};

// A civil date in the proleptic Gregorian calendar.
struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
  friend bool operator==(const Date& a, const Date& b) {
    return a.year == b.year && a.month == b.month && a.day == b.day;
  }
  friend bool operator<(const Date& a, const Date& b) {
    if (a.year != b.year) return a.year < b.year;
    if (a.month != b.month) return a.month < b.month;
    return a.day < b.day;
  }
  friend bool operator<=(const Date& a, const Date& b) { return !(b < a); }
};

bool IsValidDate(int year, int month, int day);
// UTC calendar date of a Unix time.
Date DateOfSeconds(int64_t seconds);
// "YYYY-MM-DD".
std::string FormatDate(const Date& date);
// Parses "YYYY-MM-DD" (a valid calendar date); false otherwise.
bool ParseDate(const std::string& text, Date* date);
// "YYYY-MM-DDTHH:MM:SSZ" (RFC 3339, UTC).
std::string FormatTimestamp(int64_t seconds);
// Parses what FormatTimestamp writes (any RFC 3339 time absl accepts);
// false otherwise.
bool ParseTimestamp(const std::string& text, int64_t* seconds);
// China Standard Time (UTC+8, no daylight saving), where the programmes
// run: "2024年3月1日 08:00" in Chinese, "2024-03-01 08:00" in English, and
// the date alone without the time.
std::string ChinaDateTime(int64_t seconds, bool chinese);
std::string ChinaDateOnly(int64_t seconds, bool chinese);

}  // namespace talent::common

#endif  // TALENT_COMMON_CLOCK_H_
