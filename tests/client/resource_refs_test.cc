// Resources as users name them and as talentctl shows them, resolved
// without a server: every form but a bare year needs no lookup.
#include "client/resource_refs.h"

#include "gtest/gtest.h"
#include "tests/client/cli_error_matchers.h"

namespace talent::client {
namespace {

TEST(IsBareYearTest, DigitsOnly) {
  EXPECT_TRUE(IsBareYear("2023"));
  EXPECT_FALSE(IsBareYear(""));
  EXPECT_FALSE(IsBareYear("SCSW/2023"));
  EXPECT_FALSE(IsBareYear("2023 "));
}

TEST(CohortNameArgTest, ShortAndFullFormsGiveTheResourceName) {
  EXPECT_EQ(CohortNameArg("SCSW/2023"), "programmes/SCSW/cohorts/2023");
  EXPECT_EQ(CohortNameArg("programmes/SCSW/cohorts/2023"), "programmes/SCSW/cohorts/2023");
  EXPECT_CLI_ERROR(CohortNameArg("scsw/2023"), kExitUsage,
                   "cohort must look like programmes/SCSW/cohorts/2023 (or SCSW/2023)");
}

TEST(CohortOfOnlyProgrammeTest, TheYearInTheOneProgramme) {
  v1::ListProgrammesResponse one;
  one.add_programmes()->set_code("SCSW");
  EXPECT_EQ(CohortOfOnlyProgramme(one, "2023"), "programmes/SCSW/cohorts/2023");
}

TEST(CohortOfOnlyProgrammeTest, NoneOrSeveralProgrammesAreUsageErrors) {
  EXPECT_CLI_ERROR(CohortOfOnlyProgramme({}, "2023"), kExitUsage,
                   "there is no programme yet; create one first");
  v1::ListProgrammesResponse two;
  two.add_programmes()->set_code("SCSW");
  two.add_programmes()->set_code("CDSW");
  EXPECT_CLI_ERROR(CohortOfOnlyProgramme(two, "2023"), kExitUsage,
                   "there are several programmes; name the cohort as CODE/2023");
}

TEST(ResolveCohortTest, ShortFormNeedsNoServer) {
  GlobalOptions options;
  options.server = "127.0.0.1:1";
  CliContext ctx(&options);
  EXPECT_EQ(ResolveCohort(ctx, "SCSW/2023"), "programmes/SCSW/cohorts/2023");
}

TEST(ParseRoundArgTest, FullNameIsKeptWhole) {
  RoundArg round = ParseRoundArg("programmes/SCSW/cohorts/2023/rounds/2");
  EXPECT_EQ(round.name, "programmes/SCSW/cohorts/2023/rounds/2");
  EXPECT_EQ(round.cohort, "");
  EXPECT_EQ(round.position, 0);
}

TEST(ParseRoundArgTest, ShortFormsSplitCohortAndPosition) {
  RoundArg round = ParseRoundArg("SCSW/2023/1");
  EXPECT_EQ(round.name, "");
  EXPECT_EQ(round.cohort, "SCSW/2023");
  EXPECT_EQ(round.position, 1);
  round = ParseRoundArg("2023/3");
  EXPECT_EQ(round.cohort, "2023");
  EXPECT_EQ(round.position, 3);
}

TEST(ParseRoundArgTest, MalformedRoundsAreUsageErrors) {
  const char* kShortForm = "a round is CODE/YEAR/POSITION, e.g. SCSW/2023/1 (or 2023/1)";
  EXPECT_CLI_ERROR(ParseRoundArg("SCSW/2023/0"), kExitUsage, kShortForm);
  EXPECT_CLI_ERROR(ParseRoundArg("2023"), kExitUsage, kShortForm);
  EXPECT_CLI_ERROR(ParseRoundArg("programmes/SCSW/cohorts/2023"), kExitUsage,
                   "round must look like programmes/SCSW/cohorts/2023/rounds/1 (or SCSW/2023/1)");
}

TEST(ResolveRoundTest, FullShortFormNeedsNoServer) {
  GlobalOptions options;
  options.server = "127.0.0.1:1";
  CliContext ctx(&options);
  EXPECT_EQ(ResolveRound(ctx, "SCSW/2023/2"), "programmes/SCSW/cohorts/2023/rounds/2");
  EXPECT_EQ(ResolveRound(ctx, "programmes/SCSW/cohorts/2023/rounds/1"),
            "programmes/SCSW/cohorts/2023/rounds/1");
  const char* kCohortForm = "cohort must look like programmes/SCSW/cohorts/2023 (or SCSW/2023)";
  EXPECT_CLI_ERROR(ResolveRound(ctx, "scsw/2023/1"), kExitUsage, kCohortForm);
  // A round without its year: the code is taken for the cohort.
  EXPECT_CLI_ERROR(ResolveRound(ctx, "SCSW/2"), kExitUsage, kCohortForm);
}

TEST(RoundOfCohortTest, AppendsThePosition) {
  EXPECT_EQ(RoundOfCohort("programmes/SCSW/cohorts/2023", 2),
            "programmes/SCSW/cohorts/2023/rounds/2");
}

TEST(EnrolmentArgTest, IdOrResourceName) {
  EXPECT_EQ(EnrolmentIdArg("17"), 17);
  EXPECT_EQ(EnrolmentIdArg("enrolments/17"), 17);
  EXPECT_EQ(EnrolmentNameArg("17"), "enrolments/17");
  EXPECT_CLI_ERROR(EnrolmentNameArg("not-a-number"), kExitUsage,
                   "enrolment must look like enrolments/17 (or 17)");
  EXPECT_CLI_ERROR(EnrolmentIdArg("0"), kExitUsage,
                   "enrolment must look like enrolments/17 (or 17)");
}

TEST(ShortNameTest, NamesFromTheServerShownShort) {
  EXPECT_EQ(ShortUserName("users/wang.jg"), "wang.jg");
  EXPECT_EQ(ShortEnrolmentId("enrolments/17"), "17");
  EXPECT_EQ(ShortProgrammeCode("programmes/SCSW"), "SCSW");
}

TEST(ShortNameTest, NamesThatDoNotParseAreShownAsSent) {
  EXPECT_EQ(ShortUserName(""), "");
  EXPECT_EQ(ShortUserName("groups/x"), "groups/x");
  EXPECT_EQ(ShortEnrolmentId("enrolments/x"), "enrolments/x");
  EXPECT_EQ(ShortProgrammeCode("programmes/"), "programmes/");
}

}  // namespace
}  // namespace talent::client
