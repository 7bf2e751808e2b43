// Resource names (common/resource_names.h) on any bytes, through every
// parser: a name that parses, built again from what was parsed, parses to
// the same; a name longer than the limit is refused before anything else;
// a refusal is INVALID_ARGUMENT naming the field.
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/match.h"
#include "common/resource_names.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using namespace talent::common;  // NOLINT: every function of the header

constexpr char kField[] = "name";

template <typename T>
void CheckRefusal(const absl::StatusOr<T>& parsed, size_t size, size_t limit) {
  if (parsed.ok()) {
    FUZZ_CHECK(size <= limit);
    return;
  }
  FUZZ_CHECK(parsed.status().code() == absl::StatusCode::kInvalidArgument);
  FUZZ_CHECK(absl::StartsWith(parsed.status().message(), kField));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string name(reinterpret_cast<const char*>(data), size);

  const auto programme = ParseProgrammeName(kField, name);
  CheckRefusal(programme, size, 128);
  if (programme.ok()) {
    const auto again = ParseProgrammeName(kField, ProgrammeName(*programme));
    FUZZ_CHECK(again.ok() && *again == *programme);
  }

  const auto cohort = ParseCohortName(kField, name);
  CheckRefusal(cohort, size, 128);
  if (cohort.ok()) {
    const auto again = ParseCohortName(kField, CohortName(cohort->code, cohort->year));
    FUZZ_CHECK(again.ok() && again->code == cohort->code && again->year == cohort->year);
  }

  const auto enrolment = ParseEnrolmentName(kField, name);
  CheckRefusal(enrolment, size, 128);
  if (enrolment.ok()) {
    FUZZ_CHECK(*enrolment > 0);
    const auto again = ParseEnrolmentName(kField, EnrolmentName(*enrolment));
    FUZZ_CHECK(again.ok() && *again == *enrolment);
  }

  const auto user = ParseUserName(kField, name);
  CheckRefusal(user, size, 128);
  if (user.ok()) {
    const auto again = ParseUserName(kField, UserName(*user));
    FUZZ_CHECK(again.ok() && *again == *user);
  }

  const auto round = ParseRoundName(kField, name);
  CheckRefusal(round, size, 128);
  if (round.ok()) {
    FUZZ_CHECK(round->position >= 1);
    const auto again =
        ParseRoundName(kField, RoundName(round->code, round->year, round->position));
    FUZZ_CHECK(again.ok() && again->code == round->code && again->year == round->year &&
               again->position == round->position);
  }

  const auto token = ParseTokenName(kField, name);
  CheckRefusal(token, size, 128);
  if (token.ok()) {
    const auto again = ParseTokenName(kField, TokenName(token->username, token->id));
    FUZZ_CHECK(again.ok() && again->username == token->username && again->id == token->id);
  }

  const auto certificate = ParseCertificateName(kField, name);
  CheckRefusal(certificate, size, 64);
  if (certificate.ok()) {
    FUZZ_CHECK(!certificate->empty());
    const auto again = ParseCertificateName(kField, CertificateName(*certificate));
    FUZZ_CHECK(again.ok() && *again == *certificate);
  }
  return 0;
}
