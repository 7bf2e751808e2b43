// talentctl rubric show|set.
#include <fstream>

#include <CLI/CLI.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "client/assessment_cmd.h"
#include "client/commands.h"
#include "client/resource_refs.h"
#include "client/rpc.h"
#include "common/csv.h"
#include "talent/v1/assessment.grpc.pb.h"

namespace talent::client {
namespace {

using AssessmentStub = v1::AssessmentService::Stub;

v1::Criterion Criterion(const std::vector<std::string>& parts) {
  v1::Criterion c;
  c.set_code(parts[0]);
  c.set_name_zh(parts[1]);
  c.set_name_en(parts[2]);
  c.set_max_points(parts[3]);
  c.set_veto(parts.size() > 4 && ParseVeto(parts[4]));
  return c;
}

}  // namespace

bool ParseVeto(const std::string& text) {
  std::string t = absl::AsciiStrToLower(absl::StripAsciiWhitespace(text));
  return t == "1" || t == "yes" || t == "true" || t == "veto" || t == "是" || t == "否决";
}

v1::Criterion CriterionFromFlag(const std::string& text) {
  std::vector<std::string> parts = absl::StrSplit(text, ':');
  if (parts.size() != 4 && parts.size() != 5) {
    throw CliError{kExitUsage,
                   "--criterion must be CODE:NAME_ZH:NAME_EN:MAX[:veto], got \"" + text + "\""};
  }
  return Criterion(parts);
}

std::vector<v1::Criterion> CriteriaFromFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CliError{kExitUsage, "cannot read " + path};
  common::CsvReader reader(&in);
  common::CsvRecord record;
  std::vector<v1::Criterion> out;
  bool heading = true;
  for (;;) {
    absl::StatusOr<bool> more = reader.Next(&record);
    if (!more.ok()) throw CliError{kExitUsage, path + ": " + std::string(more.status().message())};
    if (!*more) break;
    if (heading) {
      heading = false;
      continue;
    }
    if (record.fields.size() < 4) {
      throw CliError{kExitUsage, absl::StrCat(path, " line ", record.line,
                                              ": needs code,name_zh,name_en,max[,veto]")};
    }
    out.push_back(Criterion(record.fields));
  }
  return out;
}

void PrintRubric(const CliContext& ctx, const v1::Rubric& rubric) {
  if (ctx.format() == Format::kJson) return ctx.PrintJson(rubric);
  bool zh = ctx.lang() == common::Lang::kChinese;
  Rows rows;
  for (const v1::Criterion& c : rubric.criteria()) {
    rows.push_back(
        {c.code(), zh ? c.name_zh() : c.name_en(), c.max_points(), c.veto() ? ctx.L("VETO") : ""});
  }
  rows.push_back({ctx.L("TOTAL"), "", rubric.total_points(), ""});
  ctx.PrintRows({"H_CODE", "H_CRITERION", "H_MAX", "H_VETO"}, rows);
}

void SetupRubricCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* group = app.add_subcommand("rubric", "the criteria a cohort is scored on");
  group->require_subcommand(1);
  SetupRubricShow(*group, ctx);
  SetupRubricSet(*group, ctx);
}

void SetupRubricShow(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<RubricShowOptions>();
  CLI::App* cmd = group.add_subcommand("show", "show a cohort's rubric");
  cmd->add_option("cohort", opt->cohort, kCohortArgHelp)->required();
  cmd->callback([opt, &ctx] { RunRubricShow(*opt, ctx); });
}

void RunRubricShow(const RubricShowOptions& opt, CliContext& ctx) {
  v1::GetRubricRequest req;
  req.set_cohort(ResolveCohort(ctx, opt.cohort));
  PrintRubric(ctx, Rpc(ctx, &AssessmentStub::GetRubric, req));
}

void SetupRubricSet(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<RubricSetOptions>();
  CLI::App* cmd =
      group.add_subcommand("set", "replace a cohort's criteria (while it is draft or enrolling)");
  cmd->add_option("cohort", opt->cohort, kCohortArgHelp)->required();
  CLI::Option* file =
      cmd->add_option("--file", opt->file, "CSV with the heading code,name_zh,name_en,max,veto");
  CLI::Option* flags = cmd->add_option("--criterion", opt->criteria,
                                       "CODE:NAME_ZH:NAME_EN:MAX[:veto], in order (repeat)");
  file->excludes(flags);
  cmd->callback([opt, &ctx] { RunRubricSet(*opt, ctx); });
}

void RunRubricSet(const RubricSetOptions& opt, CliContext& ctx) {
  v1::SetRubricRequest req;
  req.mutable_rubric()->set_cohort(ResolveCohort(ctx, opt.cohort));
  std::vector<v1::Criterion> criteria;
  if (!opt.file.empty()) {
    criteria = CriteriaFromFile(opt.file);
  } else {
    for (const std::string& text : opt.criteria) criteria.push_back(CriterionFromFlag(text));
  }
  if (criteria.empty()) throw CliError{kExitUsage, "give --file or at least one --criterion"};
  for (v1::Criterion& c : criteria) *req.mutable_rubric()->add_criteria() = std::move(c);
  PrintRubric(ctx, Rpc(ctx, &AssessmentStub::SetRubric, req));
}

}  // namespace talent::client
