// talentctl user create|list|get|disable, token create|list|revoke, whoami,
// login.
#include <termios.h>
#include <unistd.h>

#include <iostream>

#include <CLI/CLI.hpp>

#include "absl/strings/str_cat.h"
#include "client/commands.h"
#include "common/resource_names.h"
#include "talent/v1/user.grpc.pb.h"

namespace talent::client {
namespace {

constexpr char kRoles[] = "admin, assessor, viewer (管理员, 评审专家, 查看者)";

std::vector<std::string> UserRow(CliContext& ctx, const v1::User& u) {
  return {u.username(), u.display_name(), ctx.L(v1::Role_Name(u.role())), u.organisation(),
          u.disabled() ? ctx.L("DISABLED") : ""};
}

const std::vector<std::string> kUserHeadings = {"H_USERNAME", "H_DISPLAY_NAME", "H_ROLE",
                                                "H_ORGANISATION", "H_STATE"};

void PrintUser(CliContext& ctx, const v1::User& u) {
  if (ctx.format() == Format::kJson) return ctx.PrintJson(u);
  ctx.PrintRows(kUserHeadings, {UserRow(ctx, u)});
}

std::vector<std::string> TokenRow(const v1::Token& t) {
  return {t.name(), t.label(), t.create_time(), t.expire_time(), t.revoke_time()};
}

const std::vector<std::string> kTokenHeadings = {"H_ID", "H_LABEL", "H_CREATED", "H_EXPIRES",
                                                 "H_REVOKED"};

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

}  // namespace

void AddUserCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* users = app.add_subcommand("user", "user accounts (administrators, assessors, viewers)");
  users->require_subcommand(1);

  struct CreateOptions {
    std::string username, display_name, role, organisation, request_id;
    bool token = false;
  };
  auto create_opts = std::make_shared<CreateOptions>();
  CLI::App* create = users->add_subcommand("create", "create a user");
  create->add_option("username", create_opts->username, "login name, e.g. wang.jg")->required();
  create->add_option("--name", create_opts->display_name, "display name, e.g. 王建国")->required();
  create->add_option("--role", create_opts->role, kRoles)->required();
  create->add_option("--org", create_opts->organisation, "organisation (for recusal)")->required();
  create->add_flag("--token", create_opts->token, "also create a token and print it once");
  create->add_option("--request-id", create_opts->request_id, "idempotency key for retries");
  create->callback([&ctx, create_opts] {
    v1::CreateUserRequest req;
    req.mutable_user()->set_username(create_opts->username);
    req.mutable_user()->set_display_name(create_opts->display_name);
    v1::Role role = v1::ROLE_UNSPECIFIED;
    v1::Role_Parse(ParseEnumArg("--role", "ROLE_", create_opts->role, kRoles), &role);
    req.mutable_user()->set_role(role);
    req.mutable_user()->set_organisation(create_opts->organisation);
    req.set_create_token(create_opts->token);
    req.set_request_id(create_opts->request_id);
    auto stub = v1::UserService::NewStub(ctx.channel());
    v1::CreateUserResponse resp;
    ctx.Check(stub->CreateUser(ctx.Call().get(), req, &resp));
    if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
    PrintUser(ctx, resp.user());
    if (!resp.secret().empty()) {
      ctx.Note("token for " + resp.user().username() +
                       " (shown only now; hand it over safely):");
      ctx.Print(resp.secret() + "\n");
    }
  });

  struct ListOptions {
    std::string role;
  };
  auto list_opts = std::make_shared<ListOptions>();
  CLI::App* list = users->add_subcommand("list", "list users");
  list->add_option("--role", list_opts->role, kRoles);
  list->callback([&ctx, list_opts] {
    v1::ListUsersRequest req;
    if (!list_opts->role.empty()) {
      v1::Role role = v1::ROLE_UNSPECIFIED;
      v1::Role_Parse(ParseEnumArg("--role", "ROLE_", list_opts->role, kRoles), &role);
      req.set_role(role);
    }
    auto stub = v1::UserService::NewStub(ctx.channel());
    v1::ListUsersResponse all;
    ForEachPage<v1::ListUsersRequest, v1::ListUsersResponse>(
        ctx, req,
        [&](auto* call, const auto& r, auto* resp) { return stub->ListUsers(call, r, resp); },
        [&](const v1::ListUsersResponse& page) {
          all.mutable_users()->MergeFrom(page.users());
          return true;
        });
    if (ctx.format() == Format::kJson) return ctx.PrintJson(all);
    std::vector<std::vector<std::string>> rows;
    for (const v1::User& u : all.users()) rows.push_back(UserRow(ctx, u));
    ctx.PrintRows(kUserHeadings, rows);
  });

  auto get_name = std::make_shared<std::string>();
  CLI::App* get = users->add_subcommand("get", "show a user");
  get->add_option("username", *get_name, "username")->required();
  get->callback([&ctx, get_name] {
    v1::GetUserRequest req;
    req.set_name(*get_name);
    auto stub = v1::UserService::NewStub(ctx.channel());
    v1::User resp;
    ctx.Check(stub->GetUser(ctx.Call().get(), req, &resp));
    PrintUser(ctx, resp);
  });

  auto disable_name = std::make_shared<std::string>();
  CLI::App* disable = users->add_subcommand("disable", "disable a user and revoke their tokens");
  disable->add_option("username", *disable_name, "username")->required();
  disable->callback([&ctx, disable_name] {
    ctx.Confirm("Disable " + *disable_name + " and revoke all their tokens?");
    v1::DisableUserRequest req;
    req.set_name(*disable_name);
    auto stub = v1::UserService::NewStub(ctx.channel());
    v1::User resp;
    ctx.Check(stub->DisableUser(ctx.Call().get(), req, &resp));
    PrintUser(ctx, resp);
  });

  CLI::App* whoami = app.add_subcommand("whoami", "show who the token belongs to");
  whoami->callback([&ctx] {
    auto stub = v1::UserService::NewStub(ctx.channel());
    v1::User resp;
    ctx.Check(stub->WhoAmI(ctx.Call().get(), v1::WhoAmIRequest(), &resp));
    PrintUser(ctx, resp);
  });

  CLI::App* tokens = app.add_subcommand("token", "bearer tokens");
  tokens->require_subcommand(1);

  struct TokenOptions {
    std::string user, label;
    int ttl_days = 0;
  };
  auto token_opts = std::make_shared<TokenOptions>();
  CLI::App* token_create = tokens->add_subcommand("create", "create a token (printed once)");
  token_create->add_option("--user", token_opts->user, "for this user (admins); default: you");
  token_create->add_option("--label", token_opts->label, "a label, e.g. laptop");
  token_create->add_option("--ttl-days", token_opts->ttl_days, "expire after N days (0: never)");
  token_create->callback([&ctx, token_opts] {
    v1::CreateTokenRequest req;
    req.set_user(token_opts->user);
    req.set_label(token_opts->label);
    req.set_ttl_days(token_opts->ttl_days);
    auto stub = v1::UserService::NewStub(ctx.channel());
    v1::CreateTokenResponse resp;
    ctx.Check(stub->CreateToken(ctx.Call().get(), req, &resp));
    if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
    ctx.Note("token " + resp.token().name() + " (shown only now):");
    ctx.Print(resp.secret() + "\n");
  });

  auto list_user = std::make_shared<std::string>();
  CLI::App* token_list = tokens->add_subcommand("list", "list tokens (never their secrets)");
  token_list->add_option("--user", *list_user, "this user's (admins); default: yours");
  token_list->callback([&ctx, list_user] {
    v1::ListTokensRequest req;
    req.set_user(*list_user);
    auto stub = v1::UserService::NewStub(ctx.channel());
    v1::ListTokensResponse resp;
    ctx.Check(stub->ListTokens(ctx.Call().get(), req, &resp));
    if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
    std::vector<std::vector<std::string>> rows;
    for (const v1::Token& t : resp.tokens()) rows.push_back(TokenRow(t));
    ctx.PrintRows(kTokenHeadings, rows);
  });

  auto revoke_name = std::make_shared<std::string>();
  CLI::App* token_revoke = tokens->add_subcommand("revoke", "revoke a token");
  token_revoke->add_option("token", *revoke_name, "users/NAME/tokens/ID")->required();
  token_revoke->callback([&ctx, revoke_name] {
    ctx.Confirm("Revoke " + *revoke_name + "?");
    v1::RevokeTokenRequest req;
    req.set_name(*revoke_name);
    auto stub = v1::UserService::NewStub(ctx.channel());
    v1::Token resp;
    ctx.Check(stub->RevokeToken(ctx.Call().get(), req, &resp));
    if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
    ctx.PrintRows(kTokenHeadings, {TokenRow(resp)});
  });

  CLI::App* login = app.add_subcommand(
      "login",
      "check a token against the server and save both in " + ConfigPath() +
          " (mode 0600); the token is read from --token-file, TALENT_TOKEN or standard input");
  login->callback([&ctx] {
    std::string token = ctx.ExplicitToken();
    if (token.empty()) token = ReadSecret("token: ");
    if (token.empty()) throw CliError{kExitUsage, "no token given"};
    ctx.UseToken(token);
    auto stub = v1::UserService::NewStub(ctx.channel());
    v1::User me;
    ctx.Check(stub->WhoAmI(ctx.Call().get(), v1::WhoAmIRequest(), &me));
    SaveConfig({ctx.server(), token});
    ctx.Note("logged in to " + ctx.server() + " as " + me.username() + " (" +
                     ctx.L(v1::Role_Name(me.role())) + "); saved in " + ConfigPath());
  });
}

}  // namespace talent::client
