// Resource names of the talent.v1 API ("programmes/SCSW",
// "programmes/SCSW/cohorts/2023", "enrolments/17", "users/alice",
// "users/alice/tokens/3"): building them and parsing them, shared by server
// and client. Parsers also take the short forms users type ("SCSW",
// "SCSW/2023", "17", "alice"). Pure functions; thread-safe.
#ifndef TALENT_COMMON_RESOURCE_NAMES_H_
#define TALENT_COMMON_RESOURCE_NAMES_H_

#include <cstdint>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace talent::common {

std::string ProgrammeName(absl::string_view code);
std::string CohortName(absl::string_view code, int year);
std::string EnrolmentName(int64_t id);
std::string UserName(absl::string_view username);
std::string RoundName(absl::string_view code, int year, int position);
std::string TokenName(absl::string_view username, int64_t id);
std::string InvitationName(absl::string_view username, int64_t id);
std::string CertificateName(absl::string_view number);

struct CohortRef {
  std::string code;
  int year = 0;
};
struct RoundRef {
  std::string code;
  int year = 0;
  int position = 0;
};
struct TokenRef {
  std::string username;
  int64_t id = 0;
};

// Each returns INVALID_ARGUMENT naming `field` and showing the expected form,
// or "`field` is too long (N bytes; at most M)" for a name longer than any
// real one (128 bytes; 64 for certificates), before looking into it.
absl::StatusOr<std::string> ParseProgrammeName(absl::string_view field, absl::string_view name);
absl::StatusOr<CohortRef> ParseCohortName(absl::string_view field, absl::string_view name);
absl::StatusOr<int64_t> ParseEnrolmentName(absl::string_view field, absl::string_view name);
absl::StatusOr<std::string> ParseUserName(absl::string_view field, absl::string_view name);
// "programmes/SCSW/cohorts/2023/rounds/1" or "SCSW/2023/1".
absl::StatusOr<RoundRef> ParseRoundName(absl::string_view field, absl::string_view name);
absl::StatusOr<TokenRef> ParseTokenName(absl::string_view field, absl::string_view name);
// "certificates/SCSW-2023-S001" or the number alone: the number as given
// (checking its form is a rule of the domain). INVALID_ARGUMENT when empty.
absl::StatusOr<std::string> ParseCertificateName(absl::string_view field, absl::string_view name);

}  // namespace talent::common

#endif  // TALENT_COMMON_RESOURCE_NAMES_H_
