// Resources as users name them on the command line and as talentctl shows
// them. Input: a cohort as CODE/YEAR, its resource name, or a bare YEAR when
// the server has one programme; a round as CODE/YEAR/POSITION, YEAR/POSITION
// or its resource name; an enrolment as 17 or enrolments/17. Output: the
// short forms of names the server sends ("users/alice" shows as alice).
// Parsing is common/resource_names.h; what is here adds the bare year (the
// one lookup on the server) and the CliError exit codes. Pure functions
// are thread-safe; those taking a CliContext are not.
#ifndef TALENT_CLIENT_RESOURCE_REFS_H_
#define TALENT_CLIENT_RESOURCE_REFS_H_

#include <cstdint>
#include <string>

#include "client/cli_context.h"
#include "talent/v1/programme.pb.h"

namespace talent::client {

// True for a bare year ("2023"): digits only, not empty.
bool IsBareYear(const std::string& ref);

// "SCSW/2023" or "programmes/SCSW/cohorts/2023" → the resource name. Throws
// CliError (usage) naming the expected form.
std::string CohortNameArg(const std::string& ref);

// The cohort of `year` (a bare year) in the only programme of `programmes`,
// the first page of a listing of at most two. Throws CliError (usage) when
// there is no programme or there are several.
std::string CohortOfOnlyProgramme(const v1::ListProgrammesResponse& programmes,
                                  const std::string& year);

// Any form of cohort reference → its resource name; asks the server for the
// programmes only for a bare year. Throws CliError.
std::string ResolveCohort(CliContext& ctx, const std::string& ref);

// A round reference taken apart without the server: a resource name is
// checked and kept whole in `name`; a short form leaves its cohort part
// ("SCSW/2023" or "2023") in `cohort` and its position in `position`.
struct RoundArg {
  std::string name;
  std::string cohort;
  int position = 0;
};
// Throws CliError (usage) when `ref` is neither form.
RoundArg ParseRoundArg(const std::string& ref);

// "programmes/SCSW/cohorts/2023" and 2 → ".../rounds/2".
std::string RoundOfCohort(const std::string& cohort_name, int position);

// Any form of round reference → its resource name. Throws CliError.
std::string ResolveRound(CliContext& ctx, const std::string& ref);

// "17" or "enrolments/17" → 17 / "enrolments/17". Throws CliError (usage).
int64_t EnrolmentIdArg(const std::string& ref);
std::string EnrolmentNameArg(const std::string& ref);

// Short forms of names the server sends, for tables and messages; a name
// that does not parse is shown as sent.
std::string ShortUserName(const std::string& name);       // users/alice → alice
std::string ShortEnrolmentId(const std::string& name);    // enrolments/17 → 17
std::string ShortProgrammeCode(const std::string& name);  // programmes/SCSW → SCSW

}  // namespace talent::client

#endif  // TALENT_CLIENT_RESOURCE_REFS_H_
