// talentctl programme create|list|get|update.
#include <CLI/CLI.hpp>

#include "absl/strings/str_cat.h"
#include "client/commands.h"
#include "common/labels.h"
#include "common/resource_names.h"
#include "talent/v1/programme.grpc.pb.h"

namespace talent::client {
namespace {

struct ProgrammeOptions {
  std::string code;
  std::string title;
  std::string issuer;
  int start_year = 0;
  int end_year = 0;
  int target = 0;
  std::string request_id;
};

void PrintProgrammes(CliContext& ctx, const std::vector<v1::Programme>& programmes) {
  std::vector<std::vector<std::string>> rows;
  for (const v1::Programme& p : programmes) {
    rows.push_back({p.code(), p.title(), p.issuer(),
                    absl::StrCat(p.start_year(), "–", p.end_year()),
                    absl::StrCat(p.talent_target())});
  }
  ctx.PrintRows({"H_CODE", "H_TITLE", "H_ISSUER", "H_YEARS", "H_TARGET"}, rows);
}

void PrintProgramme(CliContext& ctx, const v1::Programme& p) {
  if (ctx.format() == Format::kJson) return ctx.PrintJson(p);
  PrintProgrammes(ctx, {p});
}

}  // namespace

void AddProgrammeCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* group = app.add_subcommand("programme", "talent programmes (the long-running plans)");
  group->require_subcommand(1);

  auto create_opts = std::make_shared<ProgrammeOptions>();
  CLI::App* create = group->add_subcommand("create", "create a programme");
  create->add_option("--code", create_opts->code,
                     "short code, also the certificate prefix (e.g. SCSW)")->required();
  create->add_option("--title", create_opts->title, "full title")->required();
  create->add_option("--issuer", create_opts->issuer, "issuing body")->required();
  create->add_option("--start", create_opts->start_year, "first year")->required();
  create->add_option("--end", create_opts->end_year, "last year")->required();
  create->add_option("--target", create_opts->target, "talents to certify in all")->required();
  create->add_option("--request-id", create_opts->request_id, "idempotency key for retries");
  create->callback([&ctx, create_opts] {
    auto stub = v1::ProgrammeService::NewStub(ctx.channel());
    v1::CreateProgrammeRequest req;
    v1::Programme* p = req.mutable_programme();
    p->set_code(create_opts->code);
    p->set_title(create_opts->title);
    p->set_issuer(create_opts->issuer);
    p->set_start_year(create_opts->start_year);
    p->set_end_year(create_opts->end_year);
    p->set_talent_target(create_opts->target);
    req.set_request_id(create_opts->request_id);
    v1::Programme resp;
    ctx.Check(stub->CreateProgramme(ctx.Call().get(), req, &resp));
    PrintProgramme(ctx, resp);
  });

  CLI::App* list = group->add_subcommand("list", "list programmes");
  list->callback([&ctx] {
    auto stub = v1::ProgrammeService::NewStub(ctx.channel());
    v1::ListProgrammesResponse all;
    ForEachPage<v1::ListProgrammesRequest, v1::ListProgrammesResponse>(
        ctx, {},
        [&](auto* call, const auto& req, auto* resp) { return stub->ListProgrammes(call, req, resp); },
        [&](const v1::ListProgrammesResponse& page) {
          all.mutable_programmes()->MergeFrom(page.programmes());
          return true;
        });
    if (ctx.format() == Format::kJson) return ctx.PrintJson(all);
    PrintProgrammes(ctx, {all.programmes().begin(), all.programmes().end()});
  });

  auto code = std::make_shared<std::string>();
  CLI::App* get = group->add_subcommand("get", "show a programme");
  get->add_option("code", *code, "programme code")->required();
  get->callback([&ctx, code] {
    auto stub = v1::ProgrammeService::NewStub(ctx.channel());
    v1::GetProgrammeRequest req;
    req.set_name(*code);
    v1::Programme resp;
    ctx.Check(stub->GetProgramme(ctx.Call().get(), req, &resp));
    PrintProgramme(ctx, resp);
  });

  auto update_opts = std::make_shared<ProgrammeOptions>();
  CLI::App* update = group->add_subcommand("update", "change a programme's fields");
  update->add_option("code", update_opts->code, "programme code")->required();
  CLI::Option* title = update->add_option("--title", update_opts->title, "full title");
  CLI::Option* issuer = update->add_option("--issuer", update_opts->issuer, "issuing body");
  CLI::Option* start = update->add_option("--start", update_opts->start_year, "first year");
  CLI::Option* end = update->add_option("--end", update_opts->end_year, "last year");
  CLI::Option* target = update->add_option("--target", update_opts->target, "talent target");
  update->callback([&ctx, update_opts, title, issuer, start, end, target] {
    v1::UpdateProgrammeRequest req;
    v1::Programme* p = req.mutable_programme();
    p->set_name(update_opts->code);
    p->set_title(update_opts->title);
    p->set_issuer(update_opts->issuer);
    p->set_start_year(update_opts->start_year);
    p->set_end_year(update_opts->end_year);
    p->set_talent_target(update_opts->target);
    if (title->count()) req.add_update_mask("title");
    if (issuer->count()) req.add_update_mask("issuer");
    if (start->count()) req.add_update_mask("start_year");
    if (end->count()) req.add_update_mask("end_year");
    if (target->count()) req.add_update_mask("talent_target");
    if (req.update_mask().empty()) {
      throw CliError{kExitUsage, "name at least one field to change (--title, --issuer, …)"};
    }
    auto stub = v1::ProgrammeService::NewStub(ctx.channel());
    v1::Programme resp;
    ctx.Check(stub->UpdateProgramme(ctx.Call().get(), req, &resp));
    PrintProgramme(ctx, resp);
  });
}

}  // namespace talent::client
