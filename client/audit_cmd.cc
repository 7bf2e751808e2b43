// talentctl audit list|verify.
#include <CLI/CLI.hpp>

#include "absl/strings/str_cat.h"
#include "client/commands.h"
#include "talent/v1/audit.grpc.pb.h"

namespace talent::client {

void AddAuditCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* group = app.add_subcommand("audit", "the audit log of every change");
  group->require_subcommand(1);

  auto limit = std::make_shared<int>(0);
  CLI::App* list = group->add_subcommand("list", "list changes, oldest first");
  list->add_option("--limit", *limit, "at most this many, the newest (default: all)");
  list->callback([&ctx, limit] {
    auto stub = v1::AuditService::NewStub(ctx.channel());
    v1::ListAuditEventsResponse all;
    ForEachPage<v1::ListAuditEventsRequest, v1::ListAuditEventsResponse>(
        ctx, {},
        [&](auto* call, const auto& r, auto* resp) { return stub->ListAuditEvents(call, r, resp); },
        [&](const v1::ListAuditEventsResponse& page) {
          all.mutable_events()->MergeFrom(page.events());
          return true;
        });
    if (*limit > 0 && all.events_size() > *limit) {
      all.mutable_events()->DeleteSubrange(0, all.events_size() - *limit);
    }
    if (ctx.format() == Format::kJson) return ctx.PrintJson(all);
    std::vector<std::vector<std::string>> rows;
    for (const v1::AuditEvent& e : all.events()) {
      rows.push_back({absl::StrCat(e.id()), e.time(), e.user().empty() ? "-" : e.user(),
                      e.method(), e.resource(), e.detail()});
    }
    ctx.PrintRows({"H_ID", "H_TIME", "H_USERNAME", "H_METHOD", "H_RESOURCE", "H_DETAIL"}, rows);
  });

  CLI::App* verify = group->add_subcommand(
      "verify", "recompute the hash chain; fails if any event was altered or removed");
  verify->callback([&ctx] {
    auto stub = v1::AuditService::NewStub(ctx.channel());
    v1::VerifyAuditLogResponse resp;
    ctx.Check(stub->VerifyAuditLog(ctx.Call().get(), {}, &resp));
    if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
    ctx.Print(absl::StrCat("audit log intact: ", resp.events_checked(), " events verified\n"));
  });
}

}  // namespace talent::client
