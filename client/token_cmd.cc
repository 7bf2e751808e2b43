// talentctl token create|list|revoke.
#include <CLI/CLI.hpp>

#include "client/commands.h"
#include "client/rpc.h"
#include "client/user_cmd.h"
#include "talent/v1/user.grpc.pb.h"

namespace talent::client {
namespace {

using UserStub = v1::UserService::Stub;

}  // namespace

std::vector<std::string> TokenRow(const v1::Token& t) {
  return {t.name(), t.label(), t.create_time(), t.expire_time(), t.revoke_time()};
}

void PrintTokens(const CliContext& ctx, const std::vector<v1::Token>& tokens) {
  Rows rows;
  for (const v1::Token& t : tokens) rows.push_back(TokenRow(t));
  ctx.PrintRows({"H_ID", "H_LABEL", "H_CREATED", "H_EXPIRES", "H_REVOKED"}, rows);
}

void SetupTokenCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* group = app.add_subcommand("token", "bearer tokens");
  group->require_subcommand(1);
  SetupTokenCreate(*group, ctx);
  SetupTokenList(*group, ctx);
  SetupTokenRevoke(*group, ctx);
}

void SetupTokenCreate(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<TokenCreateOptions>();
  CLI::App* cmd = group.add_subcommand("create", "create a token (printed once)");
  cmd->add_option("--user", opt->user,
                  "must be you: nobody makes tokens for others (invite them: 'user invite')");
  cmd->add_option("--label", opt->label, "a label, e.g. laptop");
  cmd->add_option("--ttl-days", opt->ttl_days,
                  "expire after N days (0: the server's token lifetime, and at most that)");
  cmd->add_option("--request-id", opt->request_id, "idempotency key for retries");
  cmd->callback([opt, &ctx] { RunTokenCreate(*opt, ctx); });
}

void RunTokenCreate(const TokenCreateOptions& opt, CliContext& ctx) {
  v1::CreateTokenRequest req;
  req.set_user(opt.user);
  req.set_label(opt.label);
  req.set_ttl_days(opt.ttl_days);
  req.set_request_id(opt.request_id);
  v1::CreateTokenResponse resp = Rpc(ctx, &UserStub::CreateToken, req);
  if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
  ctx.Note("token " + resp.token().name() + " (shown only now):");
  ctx.Print(resp.secret() + "\n");
}

void SetupTokenList(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<TokenListOptions>();
  CLI::App* cmd = group.add_subcommand("list", "list tokens (never their secrets)");
  cmd->add_option("--user", opt->user, "this user's (admins); default: yours");
  cmd->callback([opt, &ctx] { RunTokenList(*opt, ctx); });
}

void RunTokenList(const TokenListOptions& opt, CliContext& ctx) {
  v1::ListTokensRequest req;
  req.set_user(opt.user);
  v1::ListTokensResponse resp = Rpc(ctx, &UserStub::ListTokens, req);
  if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
  PrintTokens(ctx, {resp.tokens().begin(), resp.tokens().end()});
}

void SetupTokenRevoke(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<TokenRevokeOptions>();
  CLI::App* cmd = group.add_subcommand("revoke", "revoke a token");
  cmd->add_option("token", opt->token, "users/NAME/tokens/ID")->required();
  cmd->callback([opt, &ctx] { RunTokenRevoke(*opt, ctx); });
}

void RunTokenRevoke(const TokenRevokeOptions& opt, CliContext& ctx) {
  ctx.Confirm("Revoke " + opt.token + "?");
  v1::RevokeTokenRequest req;
  req.set_name(opt.token);
  v1::Token resp = Rpc(ctx, &UserStub::RevokeToken, req);
  if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
  PrintTokens(ctx, {resp});
}

}  // namespace talent::client
