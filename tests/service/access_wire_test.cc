// Every RPC of the API called over the wire by every kind of caller (no
// token, an administrator, an assessor, a viewer) with an empty request,
// against the roles written out by hand in expected_roles.h: a caller whose
// role is not listed gets exactly PERMISSION_DENIED, a caller without a
// token exactly UNAUTHENTICATED (public methods excepted), and a caller who
// is allowed gets past authorisation to the method's own answer to an empty
// request: OK where an empty request is whole, INVALID_ARGUMENT elsewhere.
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/byte_buffer.h>

#include <algorithm>
#include <future>
#include <set>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "talent/v1/enrolment.grpc.pb.h"
#include "tests/service/expected_roles.h"
#include "tests/testing/server_fixture.h"

namespace talent {
namespace {

using domain::Role;

class AccessOverTheWireTest : public testing::ServerFixture {
 protected:
  // The code of an empty request to /talent.v1.<method> sent with `token`.
  grpc::StatusCode CallEmpty(const std::string& method, const std::string& token) {
    std::string service = method.substr(0, method.find('.'));
    std::string name = method.substr(method.find('.') + 1);
    std::unique_ptr<grpc::ClientContext> context = As(token);
    if (name == "ImportEnrolments") {  // the one client-streaming RPC
      auto stub = v1::EnrolmentService::NewStub(channel_);
      v1::ImportEnrolmentsResponse resp;
      auto writer = stub->ImportEnrolments(context.get(), &resp);
      writer->WritesDone();
      return writer->Finish().error_code();
    }
    grpc::GenericStub stub(channel_);
    grpc::Slice empty;  // an empty message is zero bytes
    grpc::ByteBuffer request(&empty, 1);
    grpc::ByteBuffer response;
    std::promise<grpc::Status> done;
    stub.UnaryCall(context.get(), "/talent.v1." + service + "/" + name, grpc::StubOptions(),
                   &request, &response, [&](grpc::Status s) { done.set_value(std::move(s)); });
    return done.get_future().get().error_code();
  }
};

// Methods for which an empty request is a whole, valid request: listings
// without a filter, the caller's own tokens, who the caller is, renewing
// the caller's token, the public key. Every other method needs a field and
// answers INVALID_ARGUMENT.
bool EmptyRequestIsValid(const std::string& method) {
  static const auto* valid = new std::set<std::string>{
      "ProgrammeService.ListProgrammes", "CohortService.ListCohorts",
      "CertificateService.ListCertificates", "CertificateService.GetPublicKey",
      "AuditService.ListAuditEvents", "AuditService.VerifyAuditLog",
      "AuditService.ExportAuditLog",
      "UserService.ListUsers", "UserService.WhoAmI",
      "UserService.CreateToken", "UserService.RenewToken", "UserService.ListTokens"};
  return valid->count(method) > 0;
}

TEST_F(AccessOverTheWireTest, EveryMethodRefusesExactlyTheCallersItShould) {
  struct Who {
    const char* name;
    Role role;
    std::string token;
  };
  const std::vector<Who> callers = {{"no token", Role::kUnspecified, ""},
                                    {"admin", Role::kAdmin, admin_token_},
                                    {"assessor", Role::kAssessor, assessor_token_},
                                    {"viewer", Role::kViewer, viewer_token_}};
  int calls = 0;
  for (const testing::ExpectedRoles& expected : testing::ExpectedRoleTable()) {
    const bool is_public = expected.roles == std::vector<Role>{Role::kUnspecified};
    for (const Who& who : callers) {
      SCOPED_TRACE(std::string(expected.method) + " as " + who.name);
      // RenewToken revokes the token it is called with: give it a spare.
      std::string token = who.token;
      if (std::string(expected.method) == "UserService.RenewToken" && !token.empty()) {
        auto caller = core_->users.Authenticate(token);
        ASSERT_TRUE(caller.ok()) << caller.status();
        auto spare = core_->users.CreateToken(*caller, caller->username, "spare", 0, "");
        ASSERT_TRUE(spare.ok()) << spare.status();
        token = spare->secret;
      }
      grpc::StatusCode code = CallEmpty(expected.method, token);
      ++calls;
      bool allowed = is_public || std::find(expected.roles.begin(), expected.roles.end(),
                                            who.role) != expected.roles.end();
      if (allowed) {
        EXPECT_EQ(code, EmptyRequestIsValid(expected.method) ? grpc::StatusCode::OK
                                                             : grpc::StatusCode::INVALID_ARGUMENT);
      } else if (who.token.empty()) {
        EXPECT_EQ(code, grpc::StatusCode::UNAUTHENTICATED);
      } else {
        EXPECT_EQ(code, grpc::StatusCode::PERMISSION_DENIED);
      }
    }
  }
  EXPECT_EQ(calls, 67 * 4);
}

}  // namespace
}  // namespace talent
