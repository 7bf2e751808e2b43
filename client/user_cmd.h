// talentctl user create|list|get|disable|invite, whoami and login
// (user_cmd.cc); token create|list|revoke (token_cmd.cc). Not thread-safe.
#ifndef TALENT_CLIENT_USER_CMD_H_
#define TALENT_CLIENT_USER_CMD_H_

#include <string>
#include <vector>

#include "client/cli_context.h"
#include "talent/v1/user.pb.h"

namespace CLI {
class App;
}

namespace talent::client {

struct UserCreateOptions {
  std::string username, display_name, role, organisation, request_id;
};
void SetupUserCreate(CLI::App& group, CliContext& ctx);
void RunUserCreate(const UserCreateOptions& options, CliContext& ctx);

struct UserListOptions {
  std::string role;  // empty: every role
};
void SetupUserList(CLI::App& group, CliContext& ctx);
void RunUserList(const UserListOptions& options, CliContext& ctx);

// get and disable.
struct UserOptions {
  std::string username;
};
void SetupUserGet(CLI::App& group, CliContext& ctx);
void RunUserGet(const UserOptions& options, CliContext& ctx);
void SetupUserDisable(CLI::App& group, CliContext& ctx);
void RunUserDisable(const UserOptions& options, CliContext& ctx);

struct UserInviteOptions {
  std::string username;
  int days = 0;  // 0: the server's default, 7
};
void SetupUserInvite(CLI::App& group, CliContext& ctx);
void RunUserInvite(const UserInviteOptions& options, CliContext& ctx);

// whoami has no options.
void SetupWhoAmI(CLI::App& app, CliContext& ctx);
void RunWhoAmI(CliContext& ctx);

// login: redeem an invitation (`invitation` and `user`), or renew a token.
struct LoginOptions {
  std::string invitation;  // "-": read from standard input
  std::string user;
  std::string label = "talentctl";
};
void SetupLogin(CLI::App& app, CliContext& ctx);
void RunLogin(const LoginOptions& options, CliContext& ctx);

struct TokenCreateOptions {
  std::string user, label;  // user empty: yourself
  int ttl_days = 0;
  std::string request_id;
};
void SetupTokenCreate(CLI::App& group, CliContext& ctx);
void RunTokenCreate(const TokenCreateOptions& options, CliContext& ctx);

struct TokenListOptions {
  std::string user;  // empty: yours
};
void SetupTokenList(CLI::App& group, CliContext& ctx);
void RunTokenList(const TokenListOptions& options, CliContext& ctx);

struct TokenRevokeOptions {
  std::string token;  // users/NAME/tokens/ID
};
void SetupTokenRevoke(CLI::App& group, CliContext& ctx);
void RunTokenRevoke(const TokenRevokeOptions& options, CliContext& ctx);

// Table rows of users and tokens.
std::vector<std::string> UserRow(const CliContext& ctx, const v1::User& user);
void PrintUsers(const CliContext& ctx, const std::vector<v1::User>& users);
std::vector<std::string> TokenRow(const v1::Token& token);
void PrintTokens(const CliContext& ctx, const std::vector<v1::Token>& tokens);

}  // namespace talent::client

#endif  // TALENT_CLIENT_USER_CMD_H_
