// talentctl cohort create|list|get|quotas|open|cultivate.
#include <CLI/CLI.hpp>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "client/commands.h"
#include "talent/v1/cohort.grpc.pb.h"

namespace talent::client {
namespace {

// "10/10/10" → quotas for service/management/education-research.
v1::TrackQuotas ParseQuotas(const std::string& text) {
  std::vector<std::string> parts = absl::StrSplit(text, '/');
  v1::TrackQuotas q;
  int values[3];
  if (parts.size() != 3 || !absl::SimpleAtoi(parts[0], &values[0]) ||
      !absl::SimpleAtoi(parts[1], &values[1]) || !absl::SimpleAtoi(parts[2], &values[2])) {
    throw CliError{kExitUsage,
                   "--quotas must be SERVICE/MANAGEMENT/EDUCATION counts, e.g. 10/10/10"};
  }
  q.set_service(values[0]);
  q.set_management(values[1]);
  q.set_education_research(values[2]);
  return q;
}

std::string Triple(int a, int b, int c) { return absl::StrCat(a, "/", b, "/", c); }

std::string ShortName(const v1::Cohort& c) {
  return absl::StrCat(ShortProgrammeCode(c.programme()), "/", c.year());
}

void PrintCohorts(CliContext& ctx, const google::protobuf::RepeatedPtrField<v1::Cohort>& cohorts) {
  std::vector<std::vector<std::string>> rows;
  for (const v1::Cohort& c : cohorts) {
    rows.push_back({ShortName(c), ctx.L(v1::CohortState_Name(c.state())),
                    Triple(c.quotas().service(), c.quotas().management(),
                           c.quotas().education_research()),
                    Triple(c.applied().service(), c.applied().management(),
                           c.applied().education_research()),
                    Triple(c.selected().service(), c.selected().management(),
                           c.selected().education_research())});
  }
  ctx.PrintRows({"H_COHORT", "H_STATE", "H_QUOTA", "H_APPLIED", "H_SELECTED"}, rows);
}

void PrintCohort(CliContext& ctx, const v1::Cohort& c) {
  if (ctx.format() == Format::kJson) return ctx.PrintJson(c);
  google::protobuf::RepeatedPtrField<v1::Cohort> one;
  *one.Add() = c;
  PrintCohorts(ctx, one);
}

using Transition = grpc::Status (v1::CohortService::Stub::*)(grpc::ClientContext*,
                                                             const v1::CohortTransitionRequest&,
                                                             v1::Cohort*);

void AddTransition(CLI::App* group, CliContext& ctx, const char* name, const char* help,
                   Transition rpc, const char* confirm) {
  auto ref = std::make_shared<std::string>();
  CLI::App* cmd = group->add_subcommand(name, help);
  cmd->add_option("cohort", *ref, "cohort: CODE/YEAR (or YEAR with one programme)")->required();
  cmd->callback([&ctx, ref, rpc, confirm] {
    v1::CohortTransitionRequest req;
    req.set_name(ResolveCohort(ctx, *ref));
    if (confirm) ctx.Confirm(absl::StrCat(confirm, " ", *ref, "?"));
    auto stub = v1::CohortService::NewStub(ctx.channel());
    v1::Cohort resp;
    ctx.Check(((*stub).*rpc)(ctx.Call().get(), req, &resp));
    PrintCohort(ctx, resp);
  });
}

}  // namespace

void AddCohortCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* group = app.add_subcommand("cohort", "cohorts: one year's intake of a programme");
  group->require_subcommand(1);

  struct CreateOptions {
    std::string programme;
    int year = 0;
    std::string quotas = "10/10/10";
    std::string request_id;
  };
  auto create_opts = std::make_shared<CreateOptions>();
  CLI::App* create = group->add_subcommand("create", "create a cohort (in draft)");
  create->add_option("--programme", create_opts->programme, "programme code")->required();
  create->add_option("--year", create_opts->year, "intake year")->required();
  create->add_option("--quotas", create_opts->quotas, "SERVICE/MANAGEMENT/EDUCATION quotas")
      ->capture_default_str();
  create->add_option("--request-id", create_opts->request_id, "idempotency key for retries");
  create->callback([&ctx, create_opts] {
    v1::CreateCohortRequest req;
    req.mutable_cohort()->set_programme(create_opts->programme);
    req.mutable_cohort()->set_year(create_opts->year);
    *req.mutable_cohort()->mutable_quotas() = ParseQuotas(create_opts->quotas);
    req.set_request_id(create_opts->request_id);
    auto stub = v1::CohortService::NewStub(ctx.channel());
    v1::Cohort resp;
    ctx.Check(stub->CreateCohort(ctx.Call().get(), req, &resp));
    PrintCohort(ctx, resp);
  });

  auto programme = std::make_shared<std::string>();
  CLI::App* list = group->add_subcommand("list", "list cohorts");
  list->add_option("--programme", *programme, "only this programme's");
  list->callback([&ctx, programme] {
    v1::ListCohortsRequest req;
    req.set_programme(*programme);
    auto stub = v1::CohortService::NewStub(ctx.channel());
    v1::ListCohortsResponse all;
    ForEachPage<v1::ListCohortsRequest, v1::ListCohortsResponse>(
        ctx, req,
        [&](auto* call, const auto& r, auto* resp) { return stub->ListCohorts(call, r, resp); },
        [&](const v1::ListCohortsResponse& page) {
          all.mutable_cohorts()->MergeFrom(page.cohorts());
          return true;
        });
    if (ctx.format() == Format::kJson) return ctx.PrintJson(all);
    PrintCohorts(ctx, all.cohorts());
  });

  auto get_ref = std::make_shared<std::string>();
  CLI::App* get = group->add_subcommand("get", "show a cohort with its counts");
  get->add_option("cohort", *get_ref, "cohort: CODE/YEAR (or YEAR)")->required();
  get->callback([&ctx, get_ref] {
    v1::GetCohortRequest req;
    req.set_name(ResolveCohort(ctx, *get_ref));
    auto stub = v1::CohortService::NewStub(ctx.channel());
    v1::Cohort resp;
    ctx.Check(stub->GetCohort(ctx.Call().get(), req, &resp));
    PrintCohort(ctx, resp);
  });

  struct QuotaOptions {
    std::string ref;
    std::string quotas;
  };
  auto quota_opts = std::make_shared<QuotaOptions>();
  CLI::App* quotas = group->add_subcommand("quotas", "set the per-track quotas");
  quotas->add_option("cohort", quota_opts->ref, "cohort: CODE/YEAR (or YEAR)")->required();
  quotas->add_option("--quotas", quota_opts->quotas, "SERVICE/MANAGEMENT/EDUCATION, e.g. 10/10/10")
      ->required();
  quotas->callback([&ctx, quota_opts] {
    v1::SetQuotasRequest req;
    req.set_name(ResolveCohort(ctx, quota_opts->ref));
    *req.mutable_quotas() = ParseQuotas(quota_opts->quotas);
    auto stub = v1::CohortService::NewStub(ctx.channel());
    v1::Cohort resp;
    ctx.Check(stub->SetQuotas(ctx.Call().get(), req, &resp));
    PrintCohort(ctx, resp);
  });

  AddTransition(group, ctx, "open", "open enrolment: draft → enrolling",
                &v1::CohortService::Stub::OpenEnrolment, nullptr);
  AddTransition(group, ctx, "cultivate",
                "start cultivation: enrolling → cultivating; the selected become active, the "
                "others not selected, and enrolment is frozen",
                &v1::CohortService::Stub::StartCultivation,
                "Freeze enrolment and start cultivation of");
}

}  // namespace talent::client
