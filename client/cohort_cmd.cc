#include "client/cohort_cmd.h"

#include <CLI/CLI.hpp>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "client/commands.h"
#include "client/resource_refs.h"
#include "client/rpc.h"
#include "talent/v1/cohort.grpc.pb.h"

namespace talent::client {
namespace {

using CohortStub = v1::CohortService::Stub;

constexpr char kCohortOrYearHelp[] = "cohort: CODE/YEAR (or YEAR with one programme)";

std::string Triple(int a, int b, int c) { return absl::StrCat(a, "/", b, "/", c); }

void PrintCohort(const CliContext& ctx, const v1::Cohort& cohort) {
  if (ctx.format() == Format::kJson) return ctx.PrintJson(cohort);
  PrintCohorts(ctx, {cohort});
}

// A verb whose only argument is the cohort.
void SetupCohortVerb(CLI::App& group, CliContext& ctx, const char* name, const std::string& help,
                     const char* arg_help, void (*run)(const CohortOptions&, CliContext&)) {
  auto opt = std::make_shared<CohortOptions>();
  CLI::App* cmd = group.add_subcommand(name, help);
  cmd->add_option("cohort", opt->cohort, arg_help)->required();
  cmd->callback([opt, &ctx, run] { run(*opt, ctx); });
}

}  // namespace

v1::TrackQuotas ParseQuotas(const std::string& text) {
  std::vector<std::string> parts = absl::StrSplit(text, '/');
  int values[3];
  if (parts.size() != 3 || !absl::SimpleAtoi(parts[0], &values[0]) ||
      !absl::SimpleAtoi(parts[1], &values[1]) || !absl::SimpleAtoi(parts[2], &values[2])) {
    throw CliError{kExitUsage,
                   "--quotas must be SERVICE/MANAGEMENT/EDUCATION counts, e.g. 10/10/10"};
  }
  v1::TrackQuotas quotas;
  quotas.set_service(values[0]);
  quotas.set_management(values[1]);
  quotas.set_education_research(values[2]);
  return quotas;
}

std::vector<std::string> CohortRow(const CliContext& ctx, const v1::Cohort& c) {
  return {
      absl::StrCat(ShortProgrammeCode(c.programme()), "/", c.year()),
      absl::StrCat(ctx.L(v1::CohortState_Name(c.state())),
                   c.imported() ? ctx.L("T_IMPORTED_COHORT") : ""),
      Triple(c.quotas().service(), c.quotas().management(), c.quotas().education_research()),
      Triple(c.applied().service(), c.applied().management(), c.applied().education_research()),
      Triple(c.selected().service(), c.selected().management(), c.selected().education_research())};
}

void PrintCohorts(const CliContext& ctx, const std::vector<v1::Cohort>& cohorts) {
  Rows rows;
  for (const v1::Cohort& c : cohorts) rows.push_back(CohortRow(ctx, c));
  ctx.PrintRows({"H_COHORT", "H_STATE", "H_QUOTA", "H_APPLIED", "H_SELECTED"}, rows);
}

void SetupCohortCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* group = app.add_subcommand("cohort", "cohorts: one year's intake of a programme");
  group->require_subcommand(1);
  SetupCohortCreate(*group, ctx);
  SetupCohortList(*group, ctx);
  SetupCohortGet(*group, ctx);
  SetupCohortQuotas(*group, ctx);
  SetupCohortOpen(*group, ctx);
  SetupCohortCultivate(*group, ctx);
  SetupCohortImportHistory(*group, ctx);
}

void SetupCohortCreate(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<CohortCreateOptions>();
  CLI::App* cmd = group.add_subcommand("create", "create a cohort (in draft)");
  cmd->add_option("--programme", opt->programme, "programme code")->required();
  cmd->add_option("--year", opt->year, "intake year")->required();
  cmd->add_option("--quotas", opt->quotas, "SERVICE/MANAGEMENT/EDUCATION quotas")
      ->capture_default_str();
  cmd->add_option("--request-id", opt->request_id, "idempotency key for retries");
  cmd->callback([opt, &ctx] { RunCohortCreate(*opt, ctx); });
}

void RunCohortCreate(const CohortCreateOptions& opt, CliContext& ctx) {
  v1::CreateCohortRequest req;
  req.mutable_cohort()->set_programme(opt.programme);
  req.mutable_cohort()->set_year(opt.year);
  *req.mutable_cohort()->mutable_quotas() = ParseQuotas(opt.quotas);
  req.set_request_id(opt.request_id);
  PrintCohort(ctx, Rpc(ctx, &CohortStub::CreateCohort, req));
}

void SetupCohortList(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<CohortListOptions>();
  CLI::App* cmd = group.add_subcommand("list", "list cohorts");
  cmd->add_option("--programme", opt->programme, "only this programme's");
  cmd->callback([opt, &ctx] { RunCohortList(*opt, ctx); });
}

void RunCohortList(const CohortListOptions& opt, CliContext& ctx) {
  v1::ListCohortsRequest req;
  req.set_programme(opt.programme);
  v1::ListCohortsResponse all;
  ForEachPage(ctx, &CohortStub::ListCohorts, req, [&](const v1::ListCohortsResponse& page) {
    all.mutable_cohorts()->MergeFrom(page.cohorts());
    return true;
  });
  if (ctx.format() == Format::kJson) return ctx.PrintJson(all);
  PrintCohorts(ctx, {all.cohorts().begin(), all.cohorts().end()});
}

void SetupCohortGet(CLI::App& group, CliContext& ctx) {
  SetupCohortVerb(group, ctx, "get", "show a cohort with its counts", kCohortArgHelp,
                  &RunCohortGet);
}

void RunCohortGet(const CohortOptions& opt, CliContext& ctx) {
  v1::GetCohortRequest req;
  req.set_name(ResolveCohort(ctx, opt.cohort));
  PrintCohort(ctx, Rpc(ctx, &CohortStub::GetCohort, req));
}

void SetupCohortQuotas(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<CohortQuotasOptions>();
  CLI::App* cmd = group.add_subcommand("quotas", "set the per-track quotas");
  cmd->add_option("cohort", opt->cohort, kCohortArgHelp)->required();
  cmd->add_option("--quotas", opt->quotas, "SERVICE/MANAGEMENT/EDUCATION, e.g. 10/10/10")
      ->required();
  cmd->callback([opt, &ctx] { RunCohortQuotas(*opt, ctx); });
}

void RunCohortQuotas(const CohortQuotasOptions& opt, CliContext& ctx) {
  v1::SetQuotasRequest req;
  req.set_name(ResolveCohort(ctx, opt.cohort));
  *req.mutable_quotas() = ParseQuotas(opt.quotas);
  PrintCohort(ctx, Rpc(ctx, &CohortStub::SetQuotas, req));
}

void SetupCohortOpen(CLI::App& group, CliContext& ctx) {
  SetupCohortVerb(group, ctx, "open", "open enrolment: draft → enrolling", kCohortOrYearHelp,
                  &RunCohortOpen);
}

void RunCohortOpen(const CohortOptions& opt, CliContext& ctx) {
  v1::CohortTransitionRequest req;
  req.set_name(ResolveCohort(ctx, opt.cohort));
  PrintCohort(ctx, Rpc(ctx, &CohortStub::OpenEnrolment, req));
}

void SetupCohortCultivate(CLI::App& group, CliContext& ctx) {
  SetupCohortVerb(group, ctx, "cultivate",
                  "start cultivation: enrolling → cultivating; the selected become active, the "
                  "others not selected, and enrolment is frozen",
                  kCohortOrYearHelp, &RunCohortCultivate);
}

void RunCohortCultivate(const CohortOptions& opt, CliContext& ctx) {
  v1::CohortTransitionRequest req;
  req.set_name(ResolveCohort(ctx, opt.cohort));
  ctx.Confirm(absl::StrCat("Freeze enrolment and start cultivation of ", opt.cohort, "?"));
  PrintCohort(ctx, Rpc(ctx, &CohortStub::StartCultivation, req));
}

}  // namespace talent::client
