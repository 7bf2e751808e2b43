#include "client/audit_cmd.h"

#include <CLI/CLI.hpp>

#include "absl/strings/str_cat.h"
#include "client/commands.h"
#include "client/rpc.h"
#include "talent/v1/audit.grpc.pb.h"

namespace talent::client {
namespace {

using AuditStub = v1::AuditService::Stub;

}  // namespace

std::vector<std::string> AuditRow(const v1::AuditEvent& e) {
  return {absl::StrCat(e.id()), e.time(),     e.user().empty() ? "-" : e.user(),
          e.method(),           e.resource(), e.detail()};
}

void SetupAuditCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* group = app.add_subcommand("audit", "the audit log of every change");
  group->require_subcommand(1);
  SetupAuditList(*group, ctx);
  SetupAuditVerify(*group, ctx);
}

void SetupAuditList(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<AuditListOptions>();
  CLI::App* cmd = group.add_subcommand("list", "list changes, oldest first");
  cmd->add_option("--limit", opt->limit, "at most this many, the newest (default: all)");
  cmd->callback([opt, &ctx] { RunAuditList(*opt, ctx); });
}

void RunAuditList(const AuditListOptions& opt, CliContext& ctx) {
  v1::ListAuditEventsResponse all;
  ForEachPage(ctx, &AuditStub::ListAuditEvents, {}, [&](const v1::ListAuditEventsResponse& page) {
    all.mutable_events()->MergeFrom(page.events());
    return true;
  });
  if (opt.limit > 0 && all.events_size() > opt.limit) {
    all.mutable_events()->DeleteSubrange(0, all.events_size() - opt.limit);
  }
  if (ctx.format() == Format::kJson) return ctx.PrintJson(all);
  Rows rows;
  for (const v1::AuditEvent& e : all.events()) rows.push_back(AuditRow(e));
  ctx.PrintRows({"H_ID", "H_TIME", "H_USERNAME", "H_METHOD", "H_RESOURCE", "H_DETAIL"}, rows);
}

void SetupAuditVerify(CLI::App& group, CliContext& ctx) {
  CLI::App* cmd = group.add_subcommand(
      "verify", "recompute the hash chain; fails if any event was altered or removed");
  cmd->callback([&ctx] { RunAuditVerify(ctx); });
}

void RunAuditVerify(CliContext& ctx) {
  v1::VerifyAuditLogResponse resp = Rpc(ctx, &AuditStub::VerifyAuditLog, {});
  if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
  ctx.Print(absl::StrCat("audit log intact: ", resp.events_checked(), " events verified\n"));
}

}  // namespace talent::client
