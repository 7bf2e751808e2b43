#include "client/resource_refs.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "client/rpc.h"
#include "common/resource_names.h"
#include "talent/v1/programme.grpc.pb.h"

namespace talent::client {
namespace {

// The value of `parsed`, or CliError (usage) with its message.
template <typename T>
T OrUsageError(absl::StatusOr<T> parsed) {
  if (!parsed.ok()) throw CliError{kExitUsage, std::string(parsed.status().message())};
  return *std::move(parsed);
}

}  // namespace

bool IsBareYear(const std::string& ref) {
  return !ref.empty() && ref.find_first_not_of("0123456789") == std::string::npos;
}

std::string CohortNameArg(const std::string& ref) {
  common::CohortRef cohort = OrUsageError(common::ParseCohortName("cohort", ref));
  return common::CohortName(cohort.code, cohort.year);
}

std::string CohortOfOnlyProgramme(const v1::ListProgrammesResponse& programmes,
                                  const std::string& year) {
  if (programmes.programmes_size() != 1) {
    throw CliError{kExitUsage,
                   programmes.programmes_size() == 0
                       ? "there is no programme yet; create one first"
                       : "there are several programmes; name the cohort as CODE/" + year};
  }
  return common::CohortName(programmes.programmes(0).code(), std::stoi(year));
}

std::string ResolveCohort(CliContext& ctx, const std::string& ref) {
  if (!IsBareYear(ref)) return CohortNameArg(ref);
  v1::ListProgrammesRequest request;
  request.set_page_size(2);
  return CohortOfOnlyProgramme(Rpc(ctx, &v1::ProgrammeService::Stub::ListProgrammes, request), ref);
}

RoundArg ParseRoundArg(const std::string& ref) {
  RoundArg round;
  if (absl::StartsWith(ref, "programmes/")) {
    common::RoundRef parsed = OrUsageError(common::ParseRoundName("round", ref));
    round.name = common::RoundName(parsed.code, parsed.year, parsed.position);
    return round;
  }
  size_t slash = ref.rfind('/');
  if (slash == std::string::npos || !absl::SimpleAtoi(ref.substr(slash + 1), &round.position) ||
      round.position < 1) {
    throw CliError{kExitUsage, "a round is CODE/YEAR/POSITION, e.g. SCSW/2023/1 (or 2023/1)"};
  }
  round.cohort = ref.substr(0, slash);
  return round;
}

std::string RoundOfCohort(const std::string& cohort_name, int position) {
  return absl::StrCat(cohort_name, "/rounds/", position);
}

std::string ResolveRound(CliContext& ctx, const std::string& ref) {
  RoundArg round = ParseRoundArg(ref);
  if (!round.name.empty()) return round.name;
  return RoundOfCohort(ResolveCohort(ctx, round.cohort), round.position);
}

int64_t EnrolmentIdArg(const std::string& ref) {
  return OrUsageError(common::ParseEnrolmentName("enrolment", ref));
}

std::string EnrolmentNameArg(const std::string& ref) {
  return common::EnrolmentName(EnrolmentIdArg(ref));
}

std::string ShortUserName(const std::string& name) {
  absl::StatusOr<std::string> username = common::ParseUserName("user", name);
  return username.ok() ? *username : name;
}

std::string ShortEnrolmentId(const std::string& name) {
  absl::StatusOr<int64_t> id = common::ParseEnrolmentName("enrolment", name);
  return id.ok() ? absl::StrCat(*id) : name;
}

std::string ShortProgrammeCode(const std::string& name) {
  absl::StatusOr<std::string> code = common::ParseProgrammeName("programme", name);
  return code.ok() ? *code : name;
}

}  // namespace talent::client
