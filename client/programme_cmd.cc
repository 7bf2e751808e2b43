#include "client/programme_cmd.h"

#include <CLI/CLI.hpp>

#include "absl/strings/str_cat.h"
#include "client/commands.h"
#include "client/rpc.h"
#include "talent/v1/programme.grpc.pb.h"

namespace talent::client {
namespace {

using ProgrammeStub = v1::ProgrammeService::Stub;

void PrintProgramme(const CliContext& ctx, const v1::Programme& programme) {
  if (ctx.format() == Format::kJson) return ctx.PrintJson(programme);
  PrintProgrammes(ctx, {programme});
}

}  // namespace

std::vector<std::string> ProgrammeRow(const v1::Programme& p) {
  return {p.code(), p.title(), p.issuer(), absl::StrCat(p.start_year(), "–", p.end_year()),
          absl::StrCat(p.talent_target())};
}

void PrintProgrammes(const CliContext& ctx, const std::vector<v1::Programme>& programmes) {
  Rows rows;
  for (const v1::Programme& p : programmes) rows.push_back(ProgrammeRow(p));
  ctx.PrintRows({"H_CODE", "H_TITLE", "H_ISSUER", "H_YEARS", "H_TARGET"}, rows);
}

void SetupProgrammeCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* group = app.add_subcommand("programme", "talent programmes (the long-running plans)");
  group->require_subcommand(1);
  SetupProgrammeCreate(*group, ctx);
  SetupProgrammeList(*group, ctx);
  SetupProgrammeGet(*group, ctx);
  SetupProgrammeUpdate(*group, ctx);
}

void SetupProgrammeCreate(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<ProgrammeCreateOptions>();
  CLI::App* cmd = group.add_subcommand("create", "create a programme");
  cmd->add_option("--code", opt->code, "short code, also the certificate prefix (e.g. SCSW)")
      ->required();
  cmd->add_option("--title", opt->title, "full title")->required();
  cmd->add_option("--issuer", opt->issuer, "issuing body")->required();
  cmd->add_option("--start", opt->start_year, "first year")->required();
  cmd->add_option("--end", opt->end_year, "last year")->required();
  cmd->add_option("--target", opt->target, "talents to certify in all")->required();
  cmd->add_option("--objection-contact", opt->objection_contact,
                  "how the public objects during a notice, printed on it (e.g. \"电话 "
                  "028-86000000\")");
  cmd->add_option("--request-id", opt->request_id, "idempotency key for retries");
  cmd->callback([opt, &ctx] { RunProgrammeCreate(*opt, ctx); });
}

void RunProgrammeCreate(const ProgrammeCreateOptions& opt, CliContext& ctx) {
  v1::CreateProgrammeRequest req;
  v1::Programme* p = req.mutable_programme();
  p->set_code(opt.code);
  p->set_title(opt.title);
  p->set_issuer(opt.issuer);
  p->set_start_year(opt.start_year);
  p->set_end_year(opt.end_year);
  p->set_talent_target(opt.target);
  p->set_objection_contact(opt.objection_contact);
  req.set_request_id(opt.request_id);
  PrintProgramme(ctx, Rpc(ctx, &ProgrammeStub::CreateProgramme, req));
}

void SetupProgrammeList(CLI::App& group, CliContext& ctx) {
  CLI::App* cmd = group.add_subcommand("list", "list programmes");
  cmd->callback([&ctx] { RunProgrammeList(ctx); });
}

void RunProgrammeList(CliContext& ctx) {
  v1::ListProgrammesResponse all;
  ForEachPage(ctx, &ProgrammeStub::ListProgrammes, {}, [&](const v1::ListProgrammesResponse& page) {
    all.mutable_programmes()->MergeFrom(page.programmes());
    return true;
  });
  if (ctx.format() == Format::kJson) return ctx.PrintJson(all);
  PrintProgrammes(ctx, {all.programmes().begin(), all.programmes().end()});
}

void SetupProgrammeGet(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<ProgrammeGetOptions>();
  CLI::App* cmd = group.add_subcommand("get", "show a programme");
  cmd->add_option("code", opt->code, "programme code")->required();
  cmd->callback([opt, &ctx] { RunProgrammeGet(*opt, ctx); });
}

void RunProgrammeGet(const ProgrammeGetOptions& opt, CliContext& ctx) {
  v1::GetProgrammeRequest req;
  req.set_name(opt.code);
  PrintProgramme(ctx, Rpc(ctx, &ProgrammeStub::GetProgramme, req));
}

void SetupProgrammeUpdate(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<ProgrammeUpdateOptions>();
  CLI::App* cmd = group.add_subcommand("update", "change a programme's fields");
  cmd->add_option("code", opt->code, "programme code")->required();
  std::vector<std::pair<CLI::Option*, std::string>> fields = {
      {cmd->add_option("--title", opt->title, "full title"), "title"},
      {cmd->add_option("--issuer", opt->issuer, "issuing body"), "issuer"},
      {cmd->add_option("--start", opt->start_year, "first year"), "start_year"},
      {cmd->add_option("--end", opt->end_year, "last year"), "end_year"},
      {cmd->add_option("--target", opt->target, "talent target"), "talent_target"},
      {cmd->add_option("--objection-contact", opt->objection_contact,
                       "how the public objects during a notice, printed on it"),
       "objection_contact"},
  };
  cmd->callback([opt, fields, &ctx] {
    opt->update_mask = GivenFields(fields);
    RunProgrammeUpdate(*opt, ctx);
  });
}

v1::UpdateProgrammeRequest UpdateProgrammeRequestOf(const ProgrammeUpdateOptions& opt) {
  v1::UpdateProgrammeRequest req;
  v1::Programme* p = req.mutable_programme();
  p->set_name(opt.code);
  p->set_title(opt.title);
  p->set_issuer(opt.issuer);
  p->set_start_year(opt.start_year);
  p->set_end_year(opt.end_year);
  p->set_talent_target(opt.target);
  p->set_objection_contact(opt.objection_contact);
  for (const std::string& field : opt.update_mask) req.add_update_mask(field);
  if (req.update_mask().empty()) {
    throw CliError{kExitUsage, "name at least one field to change (--title, --issuer, …)"};
  }
  return req;
}

void RunProgrammeUpdate(const ProgrammeUpdateOptions& opt, CliContext& ctx) {
  PrintProgramme(ctx, Rpc(ctx, &ProgrammeStub::UpdateProgramme, UpdateProgrammeRequestOf(opt)));
}

}  // namespace talent::client
