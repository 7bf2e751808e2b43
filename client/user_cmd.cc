#include "client/user_cmd.h"

#include <termios.h>
#include <unistd.h>

#include <iostream>

#include <CLI/CLI.hpp>

#include "client/args.h"
#include "client/commands.h"
#include "client/rpc.h"
#include "talent/v1/user.grpc.pb.h"

namespace talent::client {
namespace {

using UserStub = v1::UserService::Stub;

void PrintUser(const CliContext& ctx, const v1::User& user) {
  if (ctx.format() == Format::kJson) return ctx.PrintJson(user);
  PrintUsers(ctx, {user});
}

// Reads a secret from the terminal without echo, or a line from a pipe.
std::string ReadSecret(const std::string& prompt) {
  std::string secret;
  if (::isatty(STDIN_FILENO)) {
    std::fprintf(stderr, "%s", prompt.c_str());
    termios old_mode;
    ::tcgetattr(STDIN_FILENO, &old_mode);
    termios quiet = old_mode;
    quiet.c_lflag &= ~ECHO;
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    std::getline(std::cin, secret);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &old_mode);
    std::fprintf(stderr, "\n");
  } else {
    std::getline(std::cin, secret);
  }
  while (!secret.empty() && (secret.back() == '\r' || secret.back() == ' ')) secret.pop_back();
  return secret;
}

// get and disable: the username only.
void SetupUserVerb(CLI::App& group, CliContext& ctx, const char* name, const char* help,
                   void (*run)(const UserOptions&, CliContext&)) {
  auto opt = std::make_shared<UserOptions>();
  CLI::App* cmd = group.add_subcommand(name, help);
  cmd->add_option("username", opt->username, "username")->required();
  cmd->callback([opt, &ctx, run] { run(*opt, ctx); });
}

}  // namespace

std::vector<std::string> UserRow(const CliContext& ctx, const v1::User& u) {
  return {u.username(), u.display_name(), ctx.L(v1::Role_Name(u.role())), u.organisation(),
          u.disabled() ? ctx.L("DISABLED") : ""};
}

void PrintUsers(const CliContext& ctx, const std::vector<v1::User>& users) {
  Rows rows;
  for (const v1::User& u : users) rows.push_back(UserRow(ctx, u));
  ctx.PrintRows({"H_USERNAME", "H_DISPLAY_NAME", "H_ROLE", "H_ORGANISATION", "H_STATE"}, rows);
}

void SetupUserCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* group =
      app.add_subcommand("user", "user accounts (administrators, assessors, viewers)");
  group->require_subcommand(1);
  SetupUserCreate(*group, ctx);
  SetupUserList(*group, ctx);
  SetupUserGet(*group, ctx);
  SetupUserDisable(*group, ctx);
  SetupWhoAmI(app, ctx);
  SetupTokenCommands(app, ctx);
  SetupLogin(app, ctx);
}

void SetupUserCreate(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<UserCreateOptions>();
  CLI::App* cmd = group.add_subcommand("create", "create a user");
  cmd->add_option("username", opt->username, "login name, e.g. wang.jg")->required();
  cmd->add_option("--name", opt->display_name, "display name, e.g. 王建国")->required();
  cmd->add_option("--role", opt->role, kRolesAccepted)->required();
  cmd->add_option("--org", opt->organisation, "organisation (for recusal)")->required();
  cmd->add_flag("--token", opt->token, "also create a token and print it once");
  cmd->add_option("--request-id", opt->request_id, "idempotency key for retries");
  cmd->callback([opt, &ctx] { RunUserCreate(*opt, ctx); });
}

void RunUserCreate(const UserCreateOptions& opt, CliContext& ctx) {
  v1::CreateUserRequest req;
  req.mutable_user()->set_username(opt.username);
  req.mutable_user()->set_display_name(opt.display_name);
  req.mutable_user()->set_role(ParseRoleArg(opt.role));
  req.mutable_user()->set_organisation(opt.organisation);
  req.set_create_token(opt.token);
  req.set_request_id(opt.request_id);
  v1::CreateUserResponse resp = Rpc(ctx, &UserStub::CreateUser, req);
  if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
  PrintUser(ctx, resp.user());
  if (!resp.secret().empty()) {
    ctx.Note("token for " + resp.user().username() + " (shown only now; hand it over safely):");
    ctx.Print(resp.secret() + "\n");
  }
}

void SetupUserList(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<UserListOptions>();
  CLI::App* cmd = group.add_subcommand("list", "list users");
  cmd->add_option("--role", opt->role, kRolesAccepted);
  cmd->callback([opt, &ctx] { RunUserList(*opt, ctx); });
}

void RunUserList(const UserListOptions& opt, CliContext& ctx) {
  v1::ListUsersRequest req;
  if (!opt.role.empty()) req.set_role(ParseRoleArg(opt.role));
  v1::ListUsersResponse all;
  ForEachPage(ctx, &UserStub::ListUsers, req, [&](const v1::ListUsersResponse& page) {
    all.mutable_users()->MergeFrom(page.users());
    return true;
  });
  if (ctx.format() == Format::kJson) return ctx.PrintJson(all);
  PrintUsers(ctx, {all.users().begin(), all.users().end()});
}

void SetupUserGet(CLI::App& group, CliContext& ctx) {
  SetupUserVerb(group, ctx, "get", "show a user", &RunUserGet);
}

void RunUserGet(const UserOptions& opt, CliContext& ctx) {
  v1::GetUserRequest req;
  req.set_name(opt.username);
  PrintUser(ctx, Rpc(ctx, &UserStub::GetUser, req));
}

void SetupUserDisable(CLI::App& group, CliContext& ctx) {
  SetupUserVerb(group, ctx, "disable", "disable a user and revoke their tokens", &RunUserDisable);
}

void RunUserDisable(const UserOptions& opt, CliContext& ctx) {
  ctx.Confirm("Disable " + opt.username + " and revoke all their tokens?");
  v1::DisableUserRequest req;
  req.set_name(opt.username);
  PrintUser(ctx, Rpc(ctx, &UserStub::DisableUser, req));
}

void SetupWhoAmI(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd = app.add_subcommand("whoami", "show who the token belongs to");
  cmd->callback([&ctx] { RunWhoAmI(ctx); });
}

void RunWhoAmI(CliContext& ctx) { PrintUser(ctx, Rpc(ctx, &UserStub::WhoAmI, {})); }

void SetupLogin(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd = app.add_subcommand(
      "login",
      "check a token against the server and save both in " + ConfigPath() +
          " (mode 0600); the token is read from --token-file, TALENT_TOKEN or standard input");
  cmd->callback([&ctx] { RunLogin(ctx); });
}

void RunLogin(CliContext& ctx) {
  std::string token = ctx.ExplicitToken();
  if (token.empty()) token = ReadSecret("token: ");
  if (token.empty()) throw CliError{kExitUsage, "no token given"};
  ctx.UseToken(token);
  v1::User me = Rpc(ctx, &UserStub::WhoAmI, {});
  SaveConfig({ctx.server(), token});
  ctx.Note("logged in to " + ctx.server() + " as " + me.username() + " (" +
           ctx.L(v1::Role_Name(me.role())) + "); saved in " + ConfigPath());
}

}  // namespace talent::client
