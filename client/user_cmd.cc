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

// An invitation: its code alone on the output, whom it is for and how they
// use it on the error output.
void PrintInvitation(CliContext& ctx, const v1::Invitation& invitation) {
  const std::string username = invitation.user().substr(invitation.user().rfind('/') + 1);
  ctx.Note("invitation for " + username + ", valid until " + invitation.expire_time() +
           ", shown only now; hand it to them. They run:\n  talentctl --server " + ctx.server() +
           " login --user " + username + " --invitation CODE");
  ctx.Print(invitation.code() + "\n");
}

// When a token expires, for the messages of login and whoami.
std::string Expiry(const v1::Token& token) {
  return token.expire_time().empty() ? "never expires" : "expires " + token.expire_time();
}

// Saves the login file; if that fails, the new token (whose predecessor may
// be revoked already) is printed so that it is not lost.
void SaveLogin(CliContext& ctx, const std::string& secret) {
  try {
    SaveConfig({ctx.server(), secret});
  } catch (const CliError& e) {
    ctx.Print(secret + "\n");
    throw CliError{e.exit_code, e.message + "; your new token is printed above: keep it"};
  }
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
  SetupUserInvite(*group, ctx);
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
  cmd->add_option("--org", opt->organisation,
                  "organisation (required for an assessor: recusal compares it with "
                  "candidates')");
  cmd->add_option("--request-id", opt->request_id, "idempotency key for retries");
  cmd->footer(
      "Prints the user's invitation code once (valid 7 days); they redeem it with 'talentctl "
      "login --user NAME --invitation CODE'.");
  cmd->callback([opt, &ctx] { RunUserCreate(*opt, ctx); });
}

void RunUserCreate(const UserCreateOptions& opt, CliContext& ctx) {
  v1::CreateUserRequest req;
  req.mutable_user()->set_username(opt.username);
  req.mutable_user()->set_display_name(opt.display_name);
  req.mutable_user()->set_role(ParseRoleArg(opt.role));
  req.mutable_user()->set_organisation(opt.organisation);
  req.set_request_id(opt.request_id);
  v1::CreateUserResponse resp = Rpc(ctx, &UserStub::CreateUser, req);
  if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
  const v1::User& user = resp.user();
  ctx.Note("user " + user.username() + " created (" + ctx.L(v1::Role_Name(user.role())) +
           (user.organisation().empty() ? "" : ", " + user.organisation()) + ").");
  if (!resp.has_invitation()) {
    ctx.Note("this was a retry: the invitation code was shown the first time; make a new one "
             "with 'talentctl user invite " + user.username() + "'");
    return;
  }
  PrintInvitation(ctx, resp.invitation());
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

void SetupUserInvite(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<UserInviteOptions>();
  CLI::App* cmd = group.add_subcommand(
      "invite", "a new invitation code for a user (e.g. who lost their token), printed once");
  cmd->add_option("username", opt->username, "username")->required();
  cmd->add_option("--days", opt->days, "valid this many days, 1–30 (default 7)");
  cmd->footer("An earlier invitation of theirs not yet redeemed no longer works.");
  cmd->callback([opt, &ctx] { RunUserInvite(*opt, ctx); });
}

void RunUserInvite(const UserInviteOptions& opt, CliContext& ctx) {
  v1::InviteUserRequest req;
  req.set_name(opt.username);
  req.set_ttl_days(opt.days);
  v1::Invitation resp = Rpc(ctx, &UserStub::InviteUser, req);
  if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
  PrintInvitation(ctx, resp);
}

void SetupWhoAmI(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd = app.add_subcommand("whoami", "show who the token belongs to");
  cmd->callback([&ctx] { RunWhoAmI(ctx); });
}

void RunWhoAmI(CliContext& ctx) {
  v1::User me = Rpc(ctx, &UserStub::WhoAmI, {});
  PrintUser(ctx, me);
  if (ctx.format() != Format::kJson && me.has_current_token()) {
    ctx.Note("token " + me.current_token().name() + " " + Expiry(me.current_token()) +
             "; renew it with 'talentctl login' before then");
  }
}

void SetupLogin(CLI::App& app, CliContext& ctx) {
  auto opt = std::make_shared<LoginOptions>();
  CLI::App* cmd = app.add_subcommand(
      "login",
      "log in, saving the server and a token of your own in " + ConfigPath() +
          " (mode 0600): with --invitation, redeem the code an administrator gave you; "
          "otherwise exchange a valid token (--token-file, TALENT_TOKEN, the saved one, or "
          "standard input) for a fresh one, revoking the old");
  cmd->add_option("--invitation", opt->invitation,
                  "an invitation code, e.g. K7QM-3XPA-9RTD-WX4F ('-': read it from standard "
                  "input)");
  cmd->add_option("--user", opt->user, "with --invitation: the username it was made for");
  cmd->add_option("--label", opt->label, "with --invitation: a label for the token")
      ->capture_default_str();
  cmd->callback([opt, &ctx] { RunLogin(*opt, ctx); });
}

void RunLogin(const LoginOptions& opt, CliContext& ctx) {
  if (!opt.invitation.empty()) {
    if (opt.user.empty()) {
      throw CliError{kExitUsage,
                     "--invitation needs --user, the username the invitation was made for"};
    }
    v1::RedeemInvitationRequest req;
    req.set_username(opt.user);
    req.set_code(opt.invitation == "-" ? ReadSecret("invitation code: ") : opt.invitation);
    req.set_label(opt.label);
    v1::RedeemInvitationResponse resp =
        Rpc(ctx, &UserStub::RedeemInvitation, req, Auth::kAnonymous);
    SaveLogin(ctx, resp.secret());
    ctx.Note("logged in to " + ctx.server() + " as " + resp.user().username() + " (" +
             ctx.L(v1::Role_Name(resp.user().role())) + "); token " + resp.token().name() + " " +
             Expiry(resp.token()) + "; saved in " + ConfigPath());
    return;
  }
  if (!opt.user.empty()) throw CliError{kExitUsage, "--user goes with --invitation"};
  std::string token = ctx.ExplicitToken();
  if (token.empty()) token = LoadConfig().token;
  if (token.empty()) token = ReadSecret("token: ");
  if (token.empty()) throw CliError{kExitUsage, "no token given"};
  ctx.UseToken(token);
  v1::RenewTokenResponse resp = Rpc(ctx, &UserStub::RenewToken, {});
  SaveLogin(ctx, resp.secret());
  ctx.UseToken(resp.secret());
  ctx.Note("logged in to " + ctx.server() + " as " + resp.user().username() + " (" +
           ctx.L(v1::Role_Name(resp.user().role())) + "); token " + resp.token().name() + " " +
           Expiry(resp.token()) + "; token " + resp.revoked().name() + " is revoked; saved in " +
           ConfigPath());
}

}  // namespace talent::client
