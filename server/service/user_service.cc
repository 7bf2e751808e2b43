#include "server/service/user_service.h"

#include "absl/strings/str_cat.h"
#include "common/client_address.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "server/service/access.h"
#include "server/service/mapping.h"
#include "server/service/metrics.h"

namespace talent::service {
namespace {

// The RPCs of talent.v1.UserService, checked against the API's descriptors.
const Rpc& UserRpc(const char* method) {
  return FindRpc(v1::UserService::service_full_name(), method);
}

using core::Caller;

// The username named by `name`, or the caller's when empty.
absl::StatusOr<std::string> UserOrSelf(const Caller& caller, const std::string& name) {
  if (name.empty()) return caller.username;
  return common::ParseUserName("user", name);
}

// RESOURCE_EXHAUSTED, saying when to try again, once the caller's address
// has used up its invitation attempts.
absl::Status TakeRedemption(common::RateLimiter* limiter, const grpc::ServerContext& context) {
  if (limiter == nullptr) return absl::OkStatus();
  common::RateLimiter::Decision decision =
      limiter->Acquire(common::ClientKeyOfGrpcPeer(context.peer()));
  if (decision.allowed) return absl::OkStatus();
  Metrics::Global().CountRateLimited("invitation");
  const int wait = decision.retry_after_seconds;
  return absl::ResourceExhaustedError(
      absl::StrCat("too many invitation attempts from your address; try again in ", wait,
                   wait == 1 ? " second" : " seconds"));
}

}  // namespace

grpc::Status UserService::CreateUser(grpc::ServerContext* context,
                                     const v1::CreateUserRequest* req,
                                     v1::CreateUserResponse* resp) {
  return Call(users_, context, UserRpc("CreateUser"), [&](const Caller& caller) -> absl::Status {
    if (req->create_token()) {
      return absl::InvalidArgumentError(
          "create_token is no longer accepted: an administrator never holds another user's "
          "token; the new user redeems the invitation this call returns");
    }
    const v1::User& in = req->user();
    domain::User user;
    user.username = in.username();
    user.display_name = in.display_name();
    user.role = v1::Role_IsValid(in.role()) ? static_cast<domain::Role>(in.role())
                                            : domain::Role::kUnspecified;
    user.organisation = in.organisation();
    ASSIGN_OR_RETURN(core::NewUser created, users_->CreateUser(caller, user, req->request_id()));
    ToProto(created.user, resp->mutable_user());
    if (created.invitation) {
      ToProto(created.invitation->invitation, resp->mutable_invitation());
      resp->mutable_invitation()->set_code(created.invitation->code);
    }
    return absl::OkStatus();
  });
}

grpc::Status UserService::InviteUser(grpc::ServerContext* context,
                                     const v1::InviteUserRequest* req, v1::Invitation* resp) {
  return Call(users_, context, UserRpc("InviteUser"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(std::string username, common::ParseUserName("name", req->name()));
    ASSIGN_OR_RETURN(core::NewInvitation invitation,
                     users_->InviteUser(caller, username, req->ttl_days()));
    ToProto(invitation.invitation, resp);
    resp->set_code(invitation.code);
    return absl::OkStatus();
  });
}

grpc::Status UserService::RedeemInvitation(grpc::ServerContext* context,
                                           const v1::RedeemInvitationRequest* req,
                                           v1::RedeemInvitationResponse* resp) {
  return Call(users_, context, UserRpc("RedeemInvitation"), [&](const Caller&) -> absl::Status {
    RETURN_IF_ERROR(TakeRedemption(redeem_limiter_, *context));
    ASSIGN_OR_RETURN(std::string username, common::ParseUserName("username", req->username()));
    ASSIGN_OR_RETURN(core::Redeemed redeemed,
                     users_->RedeemInvitation(username, req->code(), req->label()));
    ToProto(redeemed.user, resp->mutable_user());
    ToProto(redeemed.token.token, resp->mutable_token());
    resp->set_secret(redeemed.token.secret);
    return absl::OkStatus();
  });
}

grpc::Status UserService::GetUser(grpc::ServerContext* context, const v1::GetUserRequest* req,
                                  v1::User* resp) {
  return Call(users_, context, UserRpc("GetUser"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(std::string username, common::ParseUserName("name", req->name()));
    ASSIGN_OR_RETURN(domain::User user, users_->GetUser(caller, username));
    ToProto(user, resp);
    return absl::OkStatus();
  });
}

grpc::Status UserService::ListUsers(grpc::ServerContext* context, const v1::ListUsersRequest* req,
                                    v1::ListUsersResponse* resp) {
  return Call(users_, context, UserRpc("ListUsers"), [&](const Caller&) -> absl::Status {
    if (!v1::Role_IsValid(req->role())) return absl::InvalidArgumentError("role is not known");
    ASSIGN_OR_RETURN(auto page, users_->ListUsers(static_cast<domain::Role>(req->role()),
                                                 {req->page_size(), req->page_token()}));
    for (const domain::User& u : page.items) ToProto(u, resp->add_users());
    resp->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status UserService::DisableUser(grpc::ServerContext* context,
                                      const v1::DisableUserRequest* req, v1::User* resp) {
  return Call(users_, context, UserRpc("DisableUser"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(std::string username, common::ParseUserName("name", req->name()));
    ASSIGN_OR_RETURN(domain::User user, users_->DisableUser(caller, username));
    ToProto(user, resp);
    return absl::OkStatus();
  });
}

grpc::Status UserService::WhoAmI(grpc::ServerContext* context, const v1::WhoAmIRequest*,
                                 v1::User* resp) {
  return Call(users_, context, UserRpc("WhoAmI"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(core::Me me, users_->WhoAmI(caller));
    ToProto(me.user, resp);
    if (me.token.id != 0) ToProto(me.token, resp->mutable_current_token());
    return absl::OkStatus();
  });
}

grpc::Status UserService::CreateToken(grpc::ServerContext* context,
                                      const v1::CreateTokenRequest* req,
                                      v1::CreateTokenResponse* resp) {
  return Call(users_, context, UserRpc("CreateToken"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(std::string username, UserOrSelf(caller, req->user()));
    ASSIGN_OR_RETURN(core::NewToken token,
                     users_->CreateToken(caller, username, req->label(), req->ttl_days(),
                                         req->request_id()));
    ToProto(token.token, resp->mutable_token());
    resp->set_secret(token.secret);
    return absl::OkStatus();
  });
}

grpc::Status UserService::RenewToken(grpc::ServerContext* context, const v1::RenewTokenRequest*,
                                     v1::RenewTokenResponse* resp) {
  return Call(users_, context, UserRpc("RenewToken"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(core::RenewedToken renewed, users_->RenewToken(caller));
    ToProto(renewed.user, resp->mutable_user());
    ToProto(renewed.fresh.token, resp->mutable_token());
    resp->set_secret(renewed.fresh.secret);
    ToProto(renewed.revoked, resp->mutable_revoked());
    return absl::OkStatus();
  });
}

grpc::Status UserService::ListTokens(grpc::ServerContext* context,
                                     const v1::ListTokensRequest* req,
                                     v1::ListTokensResponse* resp) {
  return Call(users_, context, UserRpc("ListTokens"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(std::string username, UserOrSelf(caller, req->user()));
    ASSIGN_OR_RETURN(auto tokens, users_->ListTokens(caller, username));
    for (const domain::Token& t : tokens) ToProto(t, resp->add_tokens());
    return absl::OkStatus();
  });
}

grpc::Status UserService::RevokeToken(grpc::ServerContext* context,
                                      const v1::RevokeTokenRequest* req, v1::Token* resp) {
  return Call(users_, context, UserRpc("RevokeToken"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(common::TokenRef ref, common::ParseTokenName("name", req->name()));
    ASSIGN_OR_RETURN(domain::Token token, users_->RevokeToken(caller, ref.username, ref.id));
    ToProto(token, resp);
    return absl::OkStatus();
  });
}

}  // namespace talent::service
