#include "common/clock.h"

#include <chrono>
#include <cstdio>

#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace talent::common {

int64_t SystemClock::NowSeconds() const { return absl::ToUnixSeconds(absl::Now()); }

int64_t OffsetClock::NowSeconds() const { return SystemClock::Default()->NowSeconds() + offset_; }

const Clock* SystemClock::Default() {
  static const SystemClock clock;
  return &clock;
}

int64_t SteadyClock::NowMicros() const {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

const MonotonicClock* SteadyClock::Default() {
  static const SteadyClock clock;
  return &clock;
}

bool IsValidDate(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  // absl normalises out-of-range fields; a date is valid when it survives.
  absl::CivilDay civil(year, month, day);
  return civil.year() == year && civil.month() == month && civil.day() == day;
}

Date DateOfSeconds(int64_t seconds) {
  absl::CivilDay day = absl::ToCivilDay(absl::FromUnixSeconds(seconds), absl::UTCTimeZone());
  return Date{static_cast<int>(day.year()), day.month(), day.day()};
}

std::string FormatDate(const Date& date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buf;
}

bool ParseDate(const std::string& text, Date* date) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  int y = std::stoi(text.substr(0, 4));
  int m = std::stoi(text.substr(5, 2));
  int d = std::stoi(text.substr(8, 2));
  if (!IsValidDate(y, m, d)) return false;
  *date = Date{y, m, d};
  return true;
}

std::string FormatTimestamp(int64_t seconds) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromUnixSeconds(seconds),
                          absl::UTCTimeZone());
}

bool ParseTimestamp(const std::string& text, int64_t* seconds) {
  absl::Time time;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, text, &time, &error)) return false;
  *seconds = absl::ToUnixSeconds(time);
  return true;
}

namespace {

absl::TimeZone ChinaStandardTime() { return absl::FixedTimeZone(8 * 3600); }

}  // namespace

std::string ChinaDateOnly(int64_t seconds, bool chinese) {
  const absl::CivilSecond t =
      absl::ToCivilSecond(absl::FromUnixSeconds(seconds), ChinaStandardTime());
  char buf[32];
  std::snprintf(buf, sizeof buf, chinese ? "%04d年%d月%d日" : "%04d-%02d-%02d",
                static_cast<int>(t.year()), t.month(), t.day());
  return buf;
}

std::string ChinaDateTime(int64_t seconds, bool chinese) {
  const absl::CivilSecond t =
      absl::ToCivilSecond(absl::FromUnixSeconds(seconds), ChinaStandardTime());
  char buf[16];
  std::snprintf(buf, sizeof buf, " %02d:%02d", t.hour(), t.minute());
  return ChinaDateOnly(seconds, chinese) + buf;
}

}  // namespace talent::common
