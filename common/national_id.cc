#include "common/national_id.h"

#include <unistr.h>

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace talent::common {
namespace {

constexpr size_t kIdLength = 18;
constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr char kCheckCharacters[] = "10X98765432";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

std::string_view TrimAsciiSpace(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Byte offsets where each character starts: code points for valid UTF-8, so a
// Chinese character counts once in messages and masks; bytes otherwise.
std::vector<size_t> CharacterStarts(std::string_view s) {
  std::vector<size_t> starts;
  starts.reserve(s.size());
  const bool utf8 = u8_check(reinterpret_cast<const uint8_t*>(s.data()), s.size()) == nullptr;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto byte = static_cast<unsigned char>(s[i]);
    if (!utf8 || (byte & 0xC0) != 0x80) starts.push_back(i);
  }
  return starts;
}

// Chinese input methods in full-width mode produce U+FF10..U+FF19, U+FF38 'Ｘ',
// U+FF58 'ｘ' and U+3000 (ideographic space). They look right on screen, so a
// plain "not a digit" would leave the user puzzled.
bool HasFullWidthCharacters(std::string_view s) {
  for (size_t i = 0; i + 2 < s.size(); ++i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    const auto b2 = static_cast<unsigned char>(s[i + 2]);
    if (b0 == 0xEF && b1 == 0xBC && ((b2 >= 0x90 && b2 <= 0x99) || b2 == 0xB8)) return true;
    if (b0 == 0xEF && b1 == 0xBD && b2 == 0x98) return true;
    if (b0 == 0xE3 && b1 == 0x80 && b2 == 0x80) return true;
  }
  return false;
}

// Excel shows an 18-digit cell as "1.10105E+17" and keeps only 15 significant
// digits, so the ID is lost; the user has to retype it into a Text column.
bool LooksLikeSpreadsheetNumber(std::string_view s) {
  return s.find("E+") != std::string_view::npos || s.find("e+") != std::string_view::npos;
}

// "not 'a'" for a printable ASCII character; other bytes are left out of the
// message rather than printed raw.
std::string DescribeCharacter(char c) {
  if (c >= 0x21 && c <= 0x7E) return absl::StrCat(", not '", std::string(1, c), "'");
  return "";
}

int ParseDigits(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

}  // namespace

char NationalIdCheckCharacter(std::string_view first17) {
  if (first17.size() != 17) return '\0';
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    if (!IsDigit(first17[i])) return '\0';
    sum += (first17[i] - '0') * kWeights[i];
  }
  return kCheckCharacters[sum % 11];
}

absl::StatusOr<NationalId> ParseNationalId(std::string_view text, const Date& today) {
  const std::string_view trimmed = TrimAsciiSpace(text);
  if (HasFullWidthCharacters(trimmed)) {
    return absl::InvalidArgumentError(
        "national ID contains full-width characters (switch the input method to half-width "
        "and retype it)");
  }
  if (trimmed.size() != kIdLength && LooksLikeSpreadsheetNumber(trimmed)) {
    return absl::InvalidArgumentError(
        "national ID was turned into a number by a spreadsheet and lost digits (format the "
        "column as Text and retype the ID)");
  }
  const std::vector<size_t> starts = CharacterStarts(trimmed);
  const size_t length = starts.size();
  if (length != kIdLength) {
    std::string message = absl::StrCat("national ID must have 18 characters, got ", length);
    if (length == 15) {
      // First-generation IDs had 15 digits; they stopped being valid in 2013.
      absl::StrAppend(&message,
                      " (an old 15-digit ID? use the 18-digit number on the current card)");
    }
    return absl::InvalidArgumentError(message);
  }
  if (trimmed.size() != kIdLength) {
    // 18 characters but some are multi-byte: name the first one.
    size_t position = 0;
    while (static_cast<unsigned char>(trimmed[starts[position]]) < 0x80) ++position;
    if (position + 1 == kIdLength) {
      return absl::InvalidArgumentError("national ID must end with a digit or X");
    }
    return absl::InvalidArgumentError(
        absl::StrCat("national ID character ", position + 1, " must be a digit"));
  }
  for (size_t i = 0; i < 17; ++i) {
    if (!IsDigit(trimmed[i])) {
      return absl::InvalidArgumentError(absl::StrCat(
          "national ID character ", i + 1, " must be a digit", DescribeCharacter(trimmed[i])));
    }
  }
  char last = trimmed[17];
  if (last == 'x') last = 'X';
  if (!IsDigit(last) && last != 'X') {
    return absl::InvalidArgumentError(
        absl::StrCat("national ID must end with a digit or X", DescribeCharacter(last)));
  }

  const std::string_view date_digits = trimmed.substr(6, 8);
  const Date birth{ParseDigits(date_digits.substr(0, 4)), ParseDigits(date_digits.substr(4, 2)),
                   ParseDigits(date_digits.substr(6, 2))};
  const std::string date_text(date_digits);
  if (!IsValidDate(birth.year, birth.month, birth.day)) {
    return absl::InvalidArgumentError(
        absl::StrCat("national ID birth date ", date_text, " is not a real date"));
  }
  if (birth.year < 1900) {
    return absl::InvalidArgumentError(
        absl::StrCat("national ID birth date ", date_text, " is before 1900"));
  }
  if (today < birth) {
    return absl::InvalidArgumentError(absl::StrCat("national ID birth date ", date_text,
                                                   " is after today (", FormatDate(today), ")"));
  }

  const char expected = NationalIdCheckCharacter(trimmed.substr(0, 17));
  if (last != expected) {
    return absl::InvalidArgumentError(absl::StrCat("national ID check character should be ",
                                                   std::string(1, expected), ", not ",
                                                   std::string(1, last), " (mistyped digit?)"));
  }

  NationalId result;
  result.id = std::string(trimmed.substr(0, 17));
  result.id.push_back(last);
  result.region = std::string(trimmed.substr(0, 6));
  result.birth_date = birth;
  result.male = (trimmed[16] - '0') % 2 == 1;
  return result;
}

std::string MaskNationalId(std::string_view id) {
  const std::vector<size_t> starts = CharacterStarts(id);
  const size_t count = starts.size();
  std::string masked;
  if (count <= 4) return std::string(id);
  masked.append(count - 4, '*');
  masked.append(id.substr(starts[count - 4]));
  return masked;
}

}  // namespace talent::common
