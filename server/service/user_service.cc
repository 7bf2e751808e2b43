#include "server/service/user_service.h"

#include "common/resource_names.h"
#include "common/status_macros.h"
#include "server/service/access.h"
#include "server/service/mapping.h"

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

}  // namespace

grpc::Status UserService::CreateUser(grpc::ServerContext* context,
                                     const v1::CreateUserRequest* req,
                                     v1::CreateUserResponse* resp) {
  return Call(users_, context, UserRpc("CreateUser"), [&](const Caller& caller) -> absl::Status {
    const v1::User& in = req->user();
    domain::User user;
    user.username = in.username();
    user.display_name = in.display_name();
    user.role = v1::Role_IsValid(in.role()) ? static_cast<domain::Role>(in.role())
                                            : domain::Role::kUnspecified;
    user.organisation = in.organisation();
    ASSIGN_OR_RETURN(core::NewUser created,
                     users_->CreateUser(caller, user, req->create_token(), req->request_id()));
    ToProto(created.user, resp->mutable_user());
    if (created.token) {
      ToProto(created.token->token, resp->mutable_token());
      resp->set_secret(created.token->secret);
    }
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
    ASSIGN_OR_RETURN(domain::User user, users_->GetUser(caller, caller.username));
    ToProto(user, resp);
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
