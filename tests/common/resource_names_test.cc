#include "common/resource_names.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace talent::common {
namespace {

using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;

TEST(ResourceNamesTest, InvitationNameIsUnderItsUser) {
  EXPECT_EQ(InvitationName("alice", 7), "users/alice/invitations/7");
  EXPECT_EQ(TokenName("alice", 3), "users/alice/tokens/3");
}

TEST(ResourceNamesTest, FullAndShortFormsParseAlike) {
  EXPECT_EQ(*ParseProgrammeName("name", "programmes/SCSW"), "SCSW");
  EXPECT_EQ(*ParseProgrammeName("name", "SCSW"), "SCSW");
  CohortRef cohort = *ParseCohortName("cohort", "programmes/SCSW/cohorts/2023");
  EXPECT_EQ(cohort.code, "SCSW");
  EXPECT_EQ(cohort.year, 2023);
  EXPECT_EQ(ParseCohortName("cohort", "SCSW/2023")->year, 2023);
  EXPECT_EQ(*ParseEnrolmentName("name", "enrolments/17"), 17);
  EXPECT_EQ(*ParseUserName("name", "users/alice"), "alice");
  RoundRef round = *ParseRoundName("round", "programmes/SCSW/cohorts/2023/rounds/2");
  EXPECT_EQ(round.position, 2);
  TokenRef token = *ParseTokenName("name", "users/alice/tokens/3");
  EXPECT_EQ(token.username, "alice");
  EXPECT_EQ(token.id, 3);
  EXPECT_EQ(*ParseCertificateName("number", "certificates/SCSW-2023-S001"), "SCSW-2023-S001");
}

TEST(ResourceNamesTest, MalformedNamesShowTheExpectedForm) {
  EXPECT_THAT(ParseCohortName("cohort", "SCSW"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "cohort must look like programmes/SCSW/cohorts/2023 (or SCSW/2023)"));
  EXPECT_THAT(ParseCertificateName("number", "  "),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "number must look like certificates/SCSW-2023-S001 (or SCSW-2023-S001)"));
}

TEST(ResourceNamesTest, TheLongestRealNamesParse) {
  std::string round = "programmes/ABCDEFGHIJKL/cohorts/2023/rounds/99";
  EXPECT_TRUE(ParseRoundName("round", round).ok());
  std::string token = "users/" + std::string(64, 'a') + "/tokens/9223372036854775807";
  EXPECT_TRUE(ParseTokenName("name", token).ok());
  EXPECT_TRUE(ParseCertificateName("number", "certificates/ABCDEFGHIJKL-2023-S999999").ok());
}

TEST(ResourceNamesTest, NamesLongerThanAnyRealOneAreRefusedByLength) {
  const std::string huge(4 << 20, 'A');  // what a 4 MB message could carry
  const std::string message = "name is too long (4194304 bytes; at most 128)";
  EXPECT_THAT(ParseProgrammeName("name", huge),
              StatusIs(absl::StatusCode::kInvalidArgument, message));
  EXPECT_THAT(ParseCohortName("name", huge), StatusIs(absl::StatusCode::kInvalidArgument, message));
  EXPECT_THAT(ParseEnrolmentName("name", huge),
              StatusIs(absl::StatusCode::kInvalidArgument, message));
  EXPECT_THAT(ParseUserName("name", huge), StatusIs(absl::StatusCode::kInvalidArgument, message));
  EXPECT_THAT(ParseRoundName("name", huge), StatusIs(absl::StatusCode::kInvalidArgument, message));
  EXPECT_THAT(ParseTokenName("name", huge), StatusIs(absl::StatusCode::kInvalidArgument, message));
  EXPECT_THAT(ParseCertificateName("number", std::string(65, 'S')),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "number is too long (65 bytes; at most 64)"));
  EXPECT_THAT(ParseProgrammeName("name", std::string(129, 'A')),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "name is too long (129 bytes; at most 128)"));
}

// Found by tests/fuzz/resource_names_fuzzer: a short form within the limit
// stood for a full name over it, so a name the client accepted was refused
// by the server once written out. The limit now holds for the full name.
TEST(ResourceNamesTest, AShortFormIsRefusedWhenItsFullNameIsTooLong) {
  EXPECT_THAT(ParseCertificateName("number", std::string(52, 'S')),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "number is too long (65 bytes in full; at most 64)"));
  EXPECT_THAT(ParseCertificateName("number", std::string(51, 'S')), IsOk());
  EXPECT_THAT(ParseProgrammeName("name", std::string(118, 'A')),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "name is too long (129 bytes in full; at most 128)"));
  EXPECT_THAT(ParseProgrammeName("name", std::string(117, 'A')), IsOk());
  EXPECT_THAT(ParseCohortName("name", std::string(105, 'A') + "/2023"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "name is too long (129 bytes in full; at most 128)"));
  EXPECT_THAT(ParseRoundName("name", std::string(96, 'A') + "/2023/1"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "name is too long (129 bytes in full; at most 128)"));
  EXPECT_THAT(ParseUserName("name", std::string(123, 'a')),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "name is too long (129 bytes in full; at most 128)"));
  EXPECT_THAT(ParseTokenName("name", std::string(114, 'a') + "/tokens/3"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "name is too long (129 bytes in full; at most 128)"));
}

}  // namespace
}  // namespace talent::common
