// National IDs (common/national_id.h) on any bytes: an ID that parses is 18
// characters with the right check character, its region and birth date are
// its own digits, a real date not after today, and it parses again to the
// same; an error message never holds the ID typed; the mask shows at most
// the last four characters and keeps the length.
#include <unistr.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/national_id.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using talent::common::Date;
using talent::common::IsValidDate;
using talent::common::MaskNationalId;
using talent::common::NationalIdCheckCharacter;
using talent::common::ParseNationalId;

const Date kToday{2024, 6, 1};

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Characters as the mask counts them: code points of valid UTF-8, else bytes.
size_t Characters(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  if (u8_check(p, s.size()) != nullptr) return s.size();
  return u8_mbsnlen(p, s.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto id = ParseNationalId(text, kToday);
  if (id.ok()) {
    FUZZ_CHECK(id->id.size() == 18);
    FUZZ_CHECK(NationalIdCheckCharacter(id->id.substr(0, 17)) == id->id[17]);
    const std::string_view typed = Trim(text);
    FUZZ_CHECK(typed.size() == 18 && id->id.substr(0, 17) == typed.substr(0, 17));
    FUZZ_CHECK(id->id[17] == (typed[17] == 'x' ? 'X' : typed[17]));
    FUZZ_CHECK(id->region == id->id.substr(0, 6));
    FUZZ_CHECK(IsValidDate(id->birth_date.year, id->birth_date.month, id->birth_date.day));
    FUZZ_CHECK(id->birth_date <= kToday && id->birth_date.year >= 1900);
    FUZZ_CHECK(id->male == ((id->id[16] - '0') % 2 == 1));
    const auto again = ParseNationalId(id->id, kToday);
    FUZZ_CHECK(again.ok() && again->id == id->id && again->birth_date == id->birth_date &&
               again->male == id->male);
  } else {
    FUZZ_CHECK(id.status().code() == absl::StatusCode::kInvalidArgument);
    const std::string_view typed = Trim(text);
    // Personal data: the message never repeats digits typed as an ID (a
    // birth date alone is 8 of them; anything longer is more of the ID).
    const bool id_like =
        typed.find_first_not_of("0123456789Xx") == std::string_view::npos && typed.size() > 8;
    if (id_like) {
      FUZZ_CHECK(std::string(id.status().message()).find(typed) == std::string::npos);
    }
  }

  const std::string masked = MaskNationalId(text);
  const size_t characters = Characters(text);
  if (characters <= 4) {
    FUZZ_CHECK(masked == text);
  } else {
    const size_t hidden = characters - 4;
    FUZZ_CHECK(masked.size() >= hidden);
    FUZZ_CHECK(masked.substr(0, hidden) == std::string(hidden, '*'));
    FUZZ_CHECK(text.size() >= masked.size() - hidden);
    FUZZ_CHECK(masked.substr(hidden) == text.substr(text.size() - (masked.size() - hidden)));
    // Four characters show: code points of valid UTF-8, bytes otherwise.
    const bool utf8 = u8_check(data, size) == nullptr;
    FUZZ_CHECK((utf8 ? Characters(masked.substr(hidden)) : masked.size() - hidden) == 4);
  }
  return 0;
}
