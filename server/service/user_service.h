// gRPC adapter for talent.v1.UserService: accounts, invitations and bearer
// tokens. RedeemInvitation, which needs no token, is rate-limited per
// caller address. Stateless beyond the use-case pointer and the
// (thread-safe) limiter; thread-safe.
#ifndef TALENT_SERVER_SERVICE_USER_SERVICE_H_
#define TALENT_SERVER_SERVICE_USER_SERVICE_H_

#include "common/rate_limiter.h"
#include "server/core/users.h"
#include "talent/v1/user.grpc.pb.h"

namespace talent::service {

class UserService final : public v1::UserService::Service {
 public:
  // `redeem_limiter` (not owned; null: no limit) is taken from once by
  // every RedeemInvitation call.
  UserService(core::Users* users, common::RateLimiter* redeem_limiter)
      : users_(users), redeem_limiter_(redeem_limiter) {}
  grpc::Status CreateUser(grpc::ServerContext* context, const v1::CreateUserRequest* req,
                          v1::CreateUserResponse* resp) override;
  grpc::Status InviteUser(grpc::ServerContext* context, const v1::InviteUserRequest* req,
                          v1::Invitation* resp) override;
  grpc::Status RedeemInvitation(grpc::ServerContext* context,
                                const v1::RedeemInvitationRequest* req,
                                v1::RedeemInvitationResponse* resp) override;
  grpc::Status GetUser(grpc::ServerContext* context, const v1::GetUserRequest* req,
                       v1::User* resp) override;
  grpc::Status ListUsers(grpc::ServerContext* context, const v1::ListUsersRequest* req,
                         v1::ListUsersResponse* resp) override;
  grpc::Status DisableUser(grpc::ServerContext* context, const v1::DisableUserRequest* req,
                           v1::User* resp) override;
  grpc::Status WhoAmI(grpc::ServerContext* context, const v1::WhoAmIRequest* req,
                      v1::User* resp) override;
  grpc::Status CreateToken(grpc::ServerContext* context, const v1::CreateTokenRequest* req,
                           v1::CreateTokenResponse* resp) override;
  grpc::Status RenewToken(grpc::ServerContext* context, const v1::RenewTokenRequest* req,
                          v1::RenewTokenResponse* resp) override;
  grpc::Status ListTokens(grpc::ServerContext* context, const v1::ListTokensRequest* req,
                          v1::ListTokensResponse* resp) override;
  grpc::Status RevokeToken(grpc::ServerContext* context, const v1::RevokeTokenRequest* req,
                           v1::Token* resp) override;

 private:
  core::Users* const users_;
  common::RateLimiter* const redeem_limiter_;
};

}  // namespace talent::service

#endif  // TALENT_SERVER_SERVICE_USER_SERVICE_H_
