// The role table's decisions for a caller, and every ownership rule beside
// it: a user's own tokens and account, an assessor's own sheets, only the
// enrolments assigned to them, national IDs in full for administrators.
// (Which role may call which RPC is written out by hand, independently of
// the table, in tests/service/access_test.cc.)
#include "server/core/authorization.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace talent::core {
namespace {

using domain::Role;
using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;
using ::testing::HasSubstr;

constexpr absl::StatusCode kDenied = absl::StatusCode::kPermissionDenied;

Caller As(int64_t id, const std::string& username, Role role) {
  return Caller{id, username, role, "四川省民政厅", 0, ""};
}

const Caller kAdmin = As(1, "admin", Role::kAdmin);
const Caller kExpert = As(7, "expert1", Role::kAssessor);
const Caller kViewer = As(9, "leader", Role::kViewer);

TEST(CheckRoleTest, NamesTheMethodTheRoleAndTheCaller) {
  EXPECT_THAT(CheckRole(kViewer, "talent.v1.ProgrammeService.CreateProgramme"),
              StatusIs(kDenied, "CreateProgramme is not allowed for the viewer role (you are "
                                "leader)"));
  EXPECT_THAT(CheckRole(kAdmin, "talent.v1.ProgrammeService.CreateProgramme"), IsOk());
}

TEST(CheckRoleTest, UnknownMethodAdmitsNobody) {
  EXPECT_TRUE(AllowedRoles("talent.v1.ProgrammeService.DropEverything").empty());
  EXPECT_THAT(CheckRole(kAdmin, "talent.v1.ProgrammeService.DropEverything"),
              StatusIs(kDenied));
  // A short name is not a key: the table is keyed by full names only.
  EXPECT_TRUE(AllowedRoles("CreateProgramme").empty());
}

TEST(CheckRoleTest, PublicMethodsAreMarkedAndOthersAreNot) {
  EXPECT_TRUE(IsPublic("talent.v1.CertificateService.VerifyCertificate"));
  EXPECT_TRUE(IsPublic("talent.v1.CertificateService.GetPublicKey"));
  EXPECT_FALSE(IsPublic("talent.v1.CertificateService.GetCertificate"));
  EXPECT_FALSE(IsPublic("talent.v1.UserService.WhoAmI"));
}

TEST(CheckTokenOwnerTest, OwnTokensOrAnAdministrator) {
  EXPECT_THAT(CheckTokenOwner(kExpert, "expert1"), IsOk());
  EXPECT_THAT(CheckTokenOwner(kAdmin, "expert1"), IsOk());
  EXPECT_THAT(CheckTokenOwner(kExpert, "expert2"),
              StatusIs(kDenied, "only an administrator may manage another user's tokens (you "
                                "are expert1)"));
  EXPECT_THAT(CheckTokenOwner(kViewer, "admin"), StatusIs(kDenied));
}

TEST(CheckUserLookupTest, OwnAccountOrAnAdministrator) {
  EXPECT_THAT(CheckUserLookup(kViewer, "leader"), IsOk());
  EXPECT_THAT(CheckUserLookup(kAdmin, "leader"), IsOk());
  EXPECT_THAT(CheckUserLookup(kViewer, "admin"),
              StatusIs(kDenied, "only administrators may look up other users"));
}

TEST(CheckSheetWriterTest, OnlyTheAssignedAssessorWritesTheirOwnSheet) {
  EXPECT_THAT(CheckSheetWriter(kExpert, 7, /*assigned=*/true), IsOk());
}

TEST(CheckSheetWriterTest, DeniesSomeoneElsesSheet) {
  EXPECT_THAT(CheckSheetWriter(kExpert, 8, true),
              StatusIs(kDenied, "assessors may only write their own sheets"));
  // An administrator holds no sheet of their own either.
  EXPECT_THAT(CheckSheetWriter(kAdmin, 7, true), StatusIs(kDenied, HasSubstr("own")));
}

TEST(CheckSheetWriterTest, DeniesAnEnrolmentNotAssigned) {
  EXPECT_THAT(CheckSheetWriter(kExpert, 7, false),
              StatusIs(kDenied, "this enrolment is not assigned to you in this round"));
}

TEST(CheckSheetReaderTest, AssessorsReadOnlyTheirOwnAdministratorsAny) {
  EXPECT_THAT(CheckSheetReader(kExpert, "expert1"), IsOk());
  EXPECT_THAT(CheckSheetReader(kAdmin, "expert1"), IsOk());
  EXPECT_THAT(CheckSheetReader(kExpert, "expert2"),
              StatusIs(kDenied, "assessors may only read their own sheets"));
}

TEST(CheckSheetReadAssignedTest, AssessorsOnlyForAssignedEnrolments) {
  EXPECT_THAT(CheckSheetReadAssigned(kExpert, true), IsOk());
  EXPECT_THAT(CheckSheetReadAssigned(kAdmin, false), IsOk());
  EXPECT_THAT(CheckSheetReadAssigned(kExpert, false),
              StatusIs(kDenied, "this enrolment is not assigned to you in this round"));
}

TEST(AssignmentsVisibleToTest, AssessorsTheirOwnEveryoneElseAll) {
  EXPECT_EQ(AssignmentsVisibleTo(kExpert), 7);
  EXPECT_EQ(AssignmentsVisibleTo(kAdmin), 0);
  EXPECT_EQ(AssignmentsVisibleTo(kViewer), 0);
}

}  // namespace
}  // namespace talent::core
