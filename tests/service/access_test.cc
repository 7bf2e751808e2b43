// The role table (server/core/authorization.cc) against the API: every RPC of
// the talent.v1 services has an entry, the table names no RPC that does not
// exist, and the table's decisions hold over the wire.
#include <google/protobuf/descriptor.h>

#include <set>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/core/authorization.h"
#include "talent/v1/assessment.grpc.pb.h"
#include "talent/v1/audit.grpc.pb.h"
#include "talent/v1/certificate.grpc.pb.h"
#include "talent/v1/round.grpc.pb.h"
#include "talent/v1/sheet.grpc.pb.h"
#include "tests/service/expected_roles.h"
#include "tests/testing/server_fixture.h"
#include "tests/testing/status_matchers.h"

namespace talent {
namespace {

using ::talent::testing::GrpcIs;
using ::testing::HasSubstr;

const std::vector<std::string>& ServiceNames() {
  static const auto* names = new std::vector<std::string>{
      v1::ProgrammeService::service_full_name(),
      v1::CohortService::service_full_name(),
      v1::EnrolmentService::service_full_name(),
      v1::UserService::service_full_name(),
      v1::AuditService::service_full_name(),
      v1::AssessmentService::service_full_name(),
      v1::RoundService::service_full_name(),
      v1::SheetService::service_full_name(),
      v1::CertificateService::service_full_name(),
  };
  return *names;
}

// Every method of the nine services by full name, as the descriptor pool
// knows them.
std::multiset<std::string> ApiMethods() {
  std::multiset<std::string> out;
  const google::protobuf::DescriptorPool* pool =
      google::protobuf::DescriptorPool::generated_pool();
  for (const std::string& name : ServiceNames()) {
    const google::protobuf::ServiceDescriptor* service = pool->FindServiceByName(name);
    EXPECT_NE(service, nullptr) << name;
    if (service == nullptr) continue;
    for (int i = 0; i < service->method_count(); ++i) out.insert(service->method(i)->full_name());
  }
  return out;
}

TEST(AccessTableTest, CoversEveryMethodOfTheApi) {
  std::multiset<std::string> api = ApiMethods();
  ASSERT_GE(api.size(), 61u);  // 5 + 6 + 8 + 8 + 2 + 4 + 16 + 6 + 6 when this test was written
  std::vector<std::string> table = core::MethodsWithRoles();
  std::set<std::string> in_table(table.begin(), table.end());
  for (const std::string& method : api) {
    EXPECT_TRUE(in_table.count(method)) << method << " has no entry in the role table";
    EXPECT_FALSE(core::AllowedRoles(method).empty()) << method << " admits nobody";
  }
}

TEST(AccessTableTest, HasNoStaleEntries) {
  std::multiset<std::string> api = ApiMethods();
  for (const std::string& method : core::MethodsWithRoles()) {
    EXPECT_TRUE(api.count(method)) << method << " is in the role table but not in the API";
  }
}

TEST(AccessTableTest, ShortMethodNamesAreUniqueAcrossServices) {
  // The audit log, the metrics and the server's log name a method by its
  // short name: two services with a method of the same name would be
  // confused there.
  std::multiset<std::string> short_names;
  for (const std::string& method : ApiMethods()) {
    short_names.insert(method.substr(method.rfind('.') + 1));
  }
  for (const std::string& method : short_names) {
    EXPECT_EQ(short_names.count(method), 1u) << method << " is defined by more than one service";
  }
}

TEST(AccessTableTest, UnknownMethodAdmitsNobody) {
  EXPECT_TRUE(core::AllowedRoles("talent.v1.ProgrammeService.DropEverything").empty());
}

// Who may call each RPC, written out by hand in expected_roles.h (not read
// from the table), so a change to the table must be made twice to pass.
TEST(AccessTableTest, EveryMethodAdmitsExactlyTheRolesWrittenOutByHand) {
  const std::vector<testing::ExpectedRoles>& expected = testing::ExpectedRoleTable();
  EXPECT_EQ(expected.size(), ApiMethods().size()) << "a method of the API is missing here";
  for (const auto& [method, roles] : expected) {
    std::string full = std::string("talent.v1.") + method;
    EXPECT_THAT(core::AllowedRoles(full), ::testing::UnorderedElementsAreArray(roles)) << full;
    EXPECT_EQ(core::IsPublic(full), roles == std::vector<domain::Role>{domain::Role::kUnspecified})
        << full;
  }
}

class AccessTest : public testing::ServerFixture {};

TEST_F(AccessTest, NoTokenIsUnauthenticated) {
  v1::ListProgrammesResponse resp;
  EXPECT_THAT(programmes_->ListProgrammes(As("").get(), {}, &resp),
              GrpcIs(grpc::StatusCode::UNAUTHENTICATED, HasSubstr("talentctl login")));
}

TEST_F(AccessTest, GarbageTokenIsUnauthenticated) {
  v1::ListProgrammesResponse resp;
  EXPECT_THAT(programmes_->ListProgrammes(As("not-a-token").get(), {}, &resp),
              GrpcIs(grpc::StatusCode::UNAUTHENTICATED, HasSubstr("log in again")));
  // Well-formed prefix, unknown secret.
  EXPECT_THAT(programmes_->ListProgrammes(As("tpm_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").get(),
                                          {}, &resp),
              GrpcIs(grpc::StatusCode::UNAUTHENTICATED));
}

TEST_F(AccessTest, AuthorizationWithoutBearerSchemeIsUnauthenticated) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  context.AddMetadata("authorization", admin_token_);  // no "Bearer "
  v1::ListProgrammesResponse resp;
  EXPECT_THAT(programmes_->ListProgrammes(&context, {}, &resp),
              GrpcIs(grpc::StatusCode::UNAUTHENTICATED));
}

TEST_F(AccessTest, RevokedTokenIsUnauthenticatedOnEveryService) {
  v1::ListTokensRequest list_req;
  v1::ListTokensResponse tokens;
  ASSERT_THAT(users_->ListTokens(As(viewer_token_).get(), list_req, &tokens),
              GrpcIs(grpc::StatusCode::OK));
  ASSERT_EQ(tokens.tokens_size(), 1);
  v1::RevokeTokenRequest revoke;
  revoke.set_name(tokens.tokens(0).name());
  v1::Token token;
  ASSERT_THAT(users_->RevokeToken(AsAdmin().get(), revoke, &token), GrpcIs(grpc::StatusCode::OK));
  v1::ListProgrammesResponse programmes;
  EXPECT_THAT(programmes_->ListProgrammes(As(viewer_token_).get(), {}, &programmes),
              GrpcIs(grpc::StatusCode::UNAUTHENTICATED));
  v1::ListCohortsResponse cohorts;
  EXPECT_THAT(cohorts_->ListCohorts(As(viewer_token_).get(), {}, &cohorts),
              GrpcIs(grpc::StatusCode::UNAUTHENTICATED));
  v1::ListEnrolmentsRequest enrolments_req;
  enrolments_req.set_cohort("programmes/SCSW/cohorts/2023");
  v1::ListEnrolmentsResponse enrolments;
  EXPECT_THAT(enrolments_->ListEnrolments(As(viewer_token_).get(), enrolments_req, &enrolments),
              GrpcIs(grpc::StatusCode::UNAUTHENTICATED));
}

TEST_F(AccessTest, DisabledUserIsUnauthenticatedEvenWithAFreshToken) {
  v1::CreateTokenRequest create;
  v1::CreateTokenResponse fresh;
  ASSERT_THAT(users_->CreateToken(As(assessor_token_).get(), create, &fresh),
              GrpcIs(grpc::StatusCode::OK));
  v1::DisableUserRequest disable;
  disable.set_name("users/expert1");
  v1::User user;
  ASSERT_THAT(users_->DisableUser(AsAdmin().get(), disable, &user), GrpcIs(grpc::StatusCode::OK));
  v1::ListProgrammesResponse resp;
  for (const std::string& token : {assessor_token_, fresh.secret()}) {
    EXPECT_THAT(programmes_->ListProgrammes(As(token).get(), {}, &resp),
                GrpcIs(grpc::StatusCode::UNAUTHENTICATED));
  }
}

TEST_F(AccessTest, EveryRoleMayRead) {
  CreateSeedProgramme();
  for (const std::string& token : {admin_token_, assessor_token_, viewer_token_}) {
    v1::ListProgrammesResponse resp;
    EXPECT_THAT(programmes_->ListProgrammes(As(token).get(), {}, &resp),
                GrpcIs(grpc::StatusCode::OK));
    EXPECT_EQ(resp.programmes_size(), 1);
  }
}

TEST_F(AccessTest, PermissionDeniedNamesMethodRoleAndUser) {
  v1::CreateProgrammeRequest req;
  req.mutable_programme()->set_code("ABC");
  v1::Programme resp;
  EXPECT_THAT(programmes_->CreateProgramme(As(viewer_token_).get(), req, &resp),
              GrpcIs(grpc::StatusCode::PERMISSION_DENIED,
                     ::testing::AllOf(HasSubstr("CreateProgramme"), HasSubstr("viewer"),
                                      HasSubstr("leader1"))));
}

TEST_F(AccessTest, RoleIsCheckedBeforeTheRequestIsValidated) {
  // A bad request from the wrong role is refused for the role, not the field:
  // a caller learns nothing about a resource it may not touch.
  v1::CohortTransitionRequest req;
  req.set_name("garbage");
  v1::Cohort resp;
  EXPECT_THAT(cohorts_->OpenEnrolment(As(assessor_token_).get(), req, &resp),
              GrpcIs(grpc::StatusCode::PERMISSION_DENIED));
  EXPECT_THAT(cohorts_->OpenEnrolment(AsAdmin().get(), req, &resp),
              GrpcIs(grpc::StatusCode::INVALID_ARGUMENT, HasSubstr("name")));
}

}  // namespace
}  // namespace talent
