#include "common/resource_names.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status_macros.h"

namespace talent::common {
namespace {

absl::Status Bad(absl::string_view field, absl::string_view example) {
  return absl::InvalidArgumentError(absl::StrCat(field, " must look like ", example));
}

// Longer than any name of the API ("programmes/<12>/cohorts/<4>/rounds/<n>",
// "users/<64>/tokens/<19 digits>"): refused before it is split or copied.
constexpr size_t kMaxNameBytes = 128;
// "certificates/" and the longest number, "<12>-<4>-<S + 6 digits>", fit.
constexpr size_t kMaxCertificateNameBytes = 64;

absl::Status CheckLength(absl::string_view field, absl::string_view name, size_t max) {
  if (name.size() <= max) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(field, " is too long (", name.size(),
                                                 " bytes; at most ", max, ")"));
}

// The short forms ("SCSW/2023") are shorter than the names they stand for;
// the limit holds for the name written in full, so that what a parser
// accepts is also accepted once built into a full name and sent on.
absl::Status CheckFullLength(absl::string_view field, const std::string& full, size_t max) {
  if (full.size() <= max) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(field, " is too long (", full.size(),
                                                 " bytes in full; at most ", max, ")"));
}

// Strips `prefix` when present, so both the full and the short form parse.
absl::string_view StripNamePrefix(absl::string_view name, absl::string_view prefix) {
  if (absl::StartsWith(name, prefix)) {
    name.remove_prefix(prefix.size());
  }
  return name;
}

bool ValidCode(absl::string_view code) {
  if (code.empty()) return false;
  for (char c : code) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

bool ValidUsername(absl::string_view username) {
  if (username.empty()) return false;
  for (char c : username) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string ProgrammeName(absl::string_view code) { return absl::StrCat("programmes/", code); }
std::string CohortName(absl::string_view code, int year) {
  return absl::StrCat("programmes/", code, "/cohorts/", year);
}
std::string EnrolmentName(int64_t id) { return absl::StrCat("enrolments/", id); }
std::string CertificateName(absl::string_view number) {
  return absl::StrCat("certificates/", number);
}
std::string UserName(absl::string_view username) { return absl::StrCat("users/", username); }
std::string RoundName(absl::string_view code, int year, int position) {
  return absl::StrCat("programmes/", code, "/cohorts/", year, "/rounds/", position);
}
std::string TokenName(absl::string_view username, int64_t id) {
  return absl::StrCat("users/", username, "/tokens/", id);
}

std::string InvitationName(absl::string_view username, int64_t id) {
  return absl::StrCat("users/", username, "/invitations/", id);
}

absl::StatusOr<std::string> ParseProgrammeName(absl::string_view field, absl::string_view name) {
  RETURN_IF_ERROR(CheckLength(field, name, kMaxNameBytes));
  absl::string_view code = StripNamePrefix(name, "programmes/");
  if (!ValidCode(code)) return Bad(field, "programmes/SCSW (or SCSW)");
  RETURN_IF_ERROR(CheckFullLength(field, ProgrammeName(code), kMaxNameBytes));
  return std::string(code);
}

absl::StatusOr<CohortRef> ParseCohortName(absl::string_view field, absl::string_view name) {
  RETURN_IF_ERROR(CheckLength(field, name, kMaxNameBytes));
  absl::string_view rest = StripNamePrefix(name, "programmes/");
  std::vector<std::string> parts = absl::StrSplit(rest, '/');
  if (parts.size() == 3 && parts[1] == "cohorts") parts.erase(parts.begin() + 1);
  CohortRef ref;
  if (parts.size() != 2 || !ValidCode(parts[0]) || !absl::SimpleAtoi(parts[1], &ref.year) ||
      ref.year < 1000 || ref.year > 9999) {
    return Bad(field, "programmes/SCSW/cohorts/2023 (or SCSW/2023)");
  }
  ref.code = parts[0];
  RETURN_IF_ERROR(CheckFullLength(field, CohortName(ref.code, ref.year), kMaxNameBytes));
  return ref;
}

absl::StatusOr<int64_t> ParseEnrolmentName(absl::string_view field, absl::string_view name) {
  RETURN_IF_ERROR(CheckLength(field, name, kMaxNameBytes));
  absl::string_view id_text = StripNamePrefix(name, "enrolments/");
  int64_t id = 0;
  if (!absl::SimpleAtoi(id_text, &id) || id <= 0) {
    return Bad(field, "enrolments/17 (or 17)");
  }
  return id;
}

absl::StatusOr<std::string> ParseUserName(absl::string_view field, absl::string_view name) {
  RETURN_IF_ERROR(CheckLength(field, name, kMaxNameBytes));
  absl::string_view username = StripNamePrefix(name, "users/");
  if (!ValidUsername(username)) return Bad(field, "users/alice (or alice)");
  RETURN_IF_ERROR(CheckFullLength(field, UserName(username), kMaxNameBytes));
  return std::string(username);
}

absl::StatusOr<std::string> ParseCertificateName(absl::string_view field,
                                                 absl::string_view name) {
  RETURN_IF_ERROR(CheckLength(field, name, kMaxCertificateNameBytes));
  absl::string_view number = absl::StripAsciiWhitespace(StripNamePrefix(name, "certificates/"));
  if (number.empty()) return Bad(field, "certificates/SCSW-2023-S001 (or SCSW-2023-S001)");
  RETURN_IF_ERROR(CheckFullLength(field, CertificateName(number), kMaxCertificateNameBytes));
  return std::string(number);
}

absl::StatusOr<RoundRef> ParseRoundName(absl::string_view field, absl::string_view name) {
  RETURN_IF_ERROR(CheckLength(field, name, kMaxNameBytes));
  absl::string_view rest = StripNamePrefix(name, "programmes/");
  std::vector<std::string> parts = absl::StrSplit(rest, '/');
  // programmes/X/cohorts/Y/rounds/P → X cohorts Y rounds P; short: X Y P.
  if (parts.size() == 5 && parts[1] == "cohorts" && parts[3] == "rounds") {
    parts = {parts[0], parts[2], parts[4]};
  }
  RoundRef ref;
  if (parts.size() != 3 || !ValidCode(parts[0]) || !absl::SimpleAtoi(parts[1], &ref.year) ||
      ref.year < 1000 || ref.year > 9999 || !absl::SimpleAtoi(parts[2], &ref.position) ||
      ref.position < 1) {
    return Bad(field, "programmes/SCSW/cohorts/2023/rounds/1 (or SCSW/2023/1)");
  }
  ref.code = parts[0];
  RETURN_IF_ERROR(
      CheckFullLength(field, RoundName(ref.code, ref.year, ref.position), kMaxNameBytes));
  return ref;
}

absl::StatusOr<TokenRef> ParseTokenName(absl::string_view field, absl::string_view name) {
  RETURN_IF_ERROR(CheckLength(field, name, kMaxNameBytes));
  absl::string_view rest = StripNamePrefix(name, "users/");
  std::vector<std::string> parts = absl::StrSplit(rest, '/');
  TokenRef ref;
  if (parts.size() != 3 || parts[1] != "tokens" || !ValidUsername(parts[0]) ||
      !absl::SimpleAtoi(parts[2], &ref.id) || ref.id <= 0) {
    return Bad(field, "users/alice/tokens/3");
  }
  ref.username = parts[0];
  RETURN_IF_ERROR(CheckFullLength(field, TokenName(ref.username, ref.id), kMaxNameBytes));
  return ref;
}

}  // namespace talent::common
