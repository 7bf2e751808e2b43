// The talentctl command groups. Each Add* function registers one resource's
// subcommands (options struct, setup, run) on the app; the run callbacks
// use the shared CliContext and throw CliError to fail. Not thread-safe.
#ifndef TALENT_CLIENT_COMMANDS_H_
#define TALENT_CLIENT_COMMANDS_H_

#include <grpcpp/client_context.h>

#include <string>

#include "client/args.h"
#include "client/cli_context.h"
#include "client/resource_refs.h"

namespace CLI {
class App;
}

namespace talent::client {

// Every group, in the order --help lists them.
void SetupCommands(CLI::App& app, CliContext& ctx);

void AddProgrammeCommands(CLI::App& app, CliContext& ctx);
void AddCohortCommands(CLI::App& app, CliContext& ctx);
void AddEnrolmentCommands(CLI::App& app, CliContext& ctx);
void AddImportCommand(CLI::App& enrolment, CliContext& ctx);
void AddUserCommands(CLI::App& app, CliContext& ctx);
void AddAuditCommands(CLI::App& app, CliContext& ctx);
// Needs the cohort group registered first (adds 'cohort rules').
void AddAssessmentCommands(CLI::App& app, CliContext& ctx);
void AddRoundCommands(CLI::App& app, CliContext& ctx);
void AddSheetCommands(CLI::App& app, CliContext& ctx);
void AddCertCommands(CLI::App& app, CliContext& ctx);
// Needs the programme group registered first (adds 'programme progress').
void AddReportCommands(CLI::App& app, CliContext& ctx);

// Calls a List RPC page after page (1000 to a page) until the last page, or
// until `take` (given each page's response) returns false.
template <typename Request, typename Response, typename Rpc, typename Take>
void ForEachPage(CliContext& ctx, Request request, Rpc rpc, Take take) {
  request.set_page_size(1000);
  for (;;) {
    Response page;
    ctx.Check(rpc(ctx.Call().get(), request, &page));
    if (!take(page) || page.next_page_token().empty()) return;
    request.set_page_token(page.next_page_token());
  }
}

}  // namespace talent::client

#endif  // TALENT_CLIENT_COMMANDS_H_
