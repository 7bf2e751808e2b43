// talentctl rubric show|set and talentctl cohort rules.
#include <fstream>

#include <CLI/CLI.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "client/commands.h"
#include "common/csv.h"
#include "talent/v1/assessment.grpc.pb.h"

namespace talent::client {
namespace {

bool ParseYes(const std::string& text) {
  std::string t = absl::AsciiStrToLower(absl::StripAsciiWhitespace(text));
  return t == "1" || t == "yes" || t == "true" || t == "veto" || t == "是" || t == "否决";
}

void PrintRubric(CliContext& ctx, const v1::Rubric& rubric) {
  if (ctx.format() == Format::kJson) return ctx.PrintJson(rubric);
  bool zh = ctx.lang() == common::Lang::kChinese;
  std::vector<std::vector<std::string>> rows;
  for (const v1::Criterion& c : rubric.criteria()) {
    rows.push_back({c.code(), zh ? c.name_zh() : c.name_en(), c.max_points(),
                    c.veto() ? ctx.L("VETO") : ""});
  }
  rows.push_back({ctx.L("TOTAL"), "", rubric.total_points(), ""});
  ctx.PrintRows({"H_CODE", "H_CRITERION", "H_MAX", "H_VETO"}, rows);
}

// CODE:NAME_ZH:NAME_EN:MAX[:veto] from the command line.
v1::Criterion CriterionFromFlag(const std::string& text) {
  std::vector<std::string> parts = absl::StrSplit(text, ':');
  if (parts.size() != 4 && parts.size() != 5) {
    throw CliError{kExitUsage, "--criterion must be CODE:NAME_ZH:NAME_EN:MAX[:veto], got \"" +
                                   text + "\""};
  }
  v1::Criterion c;
  c.set_code(parts[0]);
  c.set_name_zh(parts[1]);
  c.set_name_en(parts[2]);
  c.set_max_points(parts[3]);
  c.set_veto(parts.size() == 5 && ParseYes(parts[4]));
  return c;
}

// A CSV with the heading code,name_zh,name_en,max,veto (veto optional).
std::vector<v1::Criterion> CriteriaFromFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CliError{kExitUsage, "cannot read " + path};
  common::CsvReader reader(&in);
  common::CsvRecord record;
  std::vector<v1::Criterion> out;
  bool heading = true;
  for (;;) {
    auto more = reader.Next(&record);
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
    v1::Criterion c;
    c.set_code(record.fields[0]);
    c.set_name_zh(record.fields[1]);
    c.set_name_en(record.fields[2]);
    c.set_max_points(record.fields[3]);
    c.set_veto(record.fields.size() > 4 && ParseYes(record.fields[4]));
    out.push_back(c);
  }
  return out;
}

void PrintRules(CliContext& ctx, const v1::AssessmentRules& r) {
  if (ctx.format() == Format::kJson) return ctx.PrintJson(r);
  auto on = [&](bool value) { return ctx.L(value ? "ON" : "OFF"); };
  ctx.PrintRecord({
      {"R_AGGREGATION", ctx.L(v1::Aggregation_Name(r.aggregation()))},
      {"R_MIN_SHEETS", absl::StrCat(r.min_sheets())},
      {"R_EXCELLENT_FROM", r.excellent_from()},
      {"R_GOOD_FROM", r.good_from()},
      {"R_PASS_FROM", r.pass_from()},
      {"R_VETO_PERCENT", absl::StrCat(r.veto_percent(), "%")},
      {"R_CAP_PERCENT", r.excellent_cap_percent() == 0 ? ctx.L("OFF")
                                                        : absl::StrCat(r.excellent_cap_percent(), "%")},
      {"R_DISAGREEMENT", r.disagreement_points()},
      {"R_NOTICE_DAYS", absl::StrCat(r.notice_days())},
      {"R_ELIMINATE_FAIL", on(r.eliminate_fail())},
      {"R_ELIMINATE_ABSENT", on(r.eliminate_absent())},
      {"R_BOTTOM_K", r.eliminate_bottom_k() == 0 ? ctx.L("OFF")
                                                 : absl::StrCat(r.eliminate_bottom_k())},
      {"R_BOTTOM_PERCENT", r.eliminate_bottom_percent() == 0
                               ? ctx.L("OFF")
                               : absl::StrCat(r.eliminate_bottom_percent(), "%")},
      {"R_TWO_PASS", on(r.eliminate_two_pass())},
  });
  if (ctx.format() == Format::kTable) ctx.Print("\n" + r.description());
}

}  // namespace

void AddAssessmentCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* rubric = app.add_subcommand("rubric", "the criteria a cohort is scored on");
  rubric->require_subcommand(1);

  auto show_ref = std::make_shared<std::string>();
  CLI::App* show = rubric->add_subcommand("show", "show a cohort's rubric");
  show->add_option("cohort", *show_ref, "cohort: CODE/YEAR (or YEAR)")->required();
  show->callback([&ctx, show_ref] {
    v1::GetRubricRequest req;
    req.set_cohort(ResolveCohort(ctx, *show_ref));
    auto stub = v1::AssessmentService::NewStub(ctx.channel());
    v1::Rubric resp;
    ctx.Check(stub->GetRubric(ctx.Call().get(), req, &resp));
    PrintRubric(ctx, resp);
  });

  struct SetOptions {
    std::string ref, file;
    std::vector<std::string> criteria;
  };
  auto set_opts = std::make_shared<SetOptions>();
  CLI::App* set = rubric->add_subcommand(
      "set", "replace a cohort's criteria (while it is draft or enrolling)");
  set->add_option("cohort", set_opts->ref, "cohort: CODE/YEAR (or YEAR)")->required();
  CLI::Option* file = set->add_option(
      "--file", set_opts->file, "CSV with the heading code,name_zh,name_en,max,veto");
  CLI::Option* flags = set->add_option("--criterion", set_opts->criteria,
                                       "CODE:NAME_ZH:NAME_EN:MAX[:veto], in order (repeat)");
  file->excludes(flags);
  set->callback([&ctx, set_opts] {
    v1::SetRubricRequest req;
    req.mutable_rubric()->set_cohort(ResolveCohort(ctx, set_opts->ref));
    std::vector<v1::Criterion> criteria;
    if (!set_opts->file.empty()) {
      criteria = CriteriaFromFile(set_opts->file);
    } else {
      for (const std::string& text : set_opts->criteria) {
        criteria.push_back(CriterionFromFlag(text));
      }
    }
    if (criteria.empty()) throw CliError{kExitUsage, "give --file or at least one --criterion"};
    for (v1::Criterion& c : criteria) *req.mutable_rubric()->add_criteria() = std::move(c);
    auto stub = v1::AssessmentService::NewStub(ctx.channel());
    v1::Rubric resp;
    ctx.Check(stub->SetRubric(ctx.Call().get(), req, &resp));
    PrintRubric(ctx, resp);
  });

  CLI::App* cohort = app.get_subcommand("cohort");
  struct RulesOptions {
    std::string ref, aggregation, excellent_from, good_from, pass_from, disagreement, fail,
        absent, two_pass;
    int min_sheets = 0, veto_percent = 0, cap_percent = 0, notice_days = 0, bottom_k = 0,
        bottom_percent = 0;
  };
  auto rules_opts = std::make_shared<RulesOptions>();
  CLI::App* rules = cohort->add_subcommand(
      "rules", "show a cohort's assessment rules; with flags, change them (until a round opens)");
  rules->add_option("cohort", rules_opts->ref, "cohort: CODE/YEAR (or YEAR)")->required();
  // Each option maps to one field of the update mask.
  std::vector<std::pair<CLI::Option*, const char*>> fields = {
      {rules->add_option("--aggregation", rules_opts->aggregation,
                         "trimmed-mean, mean or median"), "aggregation"},
      {rules->add_option("--min-sheets", rules_opts->min_sheets, "fewest sheets for a result"),
       "min_sheets"},
      {rules->add_option("--excellent-from", rules_opts->excellent_from, "e.g. 90"),
       "excellent_from"},
      {rules->add_option("--good-from", rules_opts->good_from, "e.g. 80"), "good_from"},
      {rules->add_option("--pass-from", rules_opts->pass_from, "e.g. 60"), "pass_from"},
      {rules->add_option("--veto-percent", rules_opts->veto_percent, "e.g. 60"), "veto_percent"},
      {rules->add_option("--cap-percent", rules_opts->cap_percent, "excellent cap, 0 = none"),
       "excellent_cap_percent"},
      {rules->add_option("--disagreement", rules_opts->disagreement, "points, e.g. 20"),
       "disagreement_points"},
      {rules->add_option("--notice-days", rules_opts->notice_days, "1-30"), "notice_days"},
      {rules->add_option("--eliminate-fail", rules_opts->fail, "on or off"), "eliminate_fail"},
      {rules->add_option("--eliminate-absent", rules_opts->absent, "on or off"),
       "eliminate_absent"},
      {rules->add_option("--bottom-k", rules_opts->bottom_k, "eliminate the bottom k, 0 = off"),
       "eliminate_bottom_k"},
      {rules->add_option("--bottom-percent", rules_opts->bottom_percent,
                         "eliminate the bottom p%, 0 = off"), "eliminate_bottom_percent"},
      {rules->add_option("--two-pass", rules_opts->two_pass,
                         "eliminate two consecutive passes: on or off"), "eliminate_two_pass"},
  };
  rules->callback([&ctx, rules_opts, fields] {
    std::string name = ResolveCohort(ctx, rules_opts->ref);
    auto stub = v1::AssessmentService::NewStub(ctx.channel());
    v1::SetRulesRequest req;
    for (const auto& [option, field] : fields) {
      if (option->count()) req.add_update_mask(field);
    }
    v1::AssessmentRules resp;
    if (req.update_mask().empty()) {
      v1::GetRulesRequest get;
      get.set_cohort(name);
      ctx.Check(stub->GetRules(ctx.Call().get(), get, &resp));
      return PrintRules(ctx, resp);
    }
    v1::AssessmentRules* r = req.mutable_rules();
    r->set_cohort(name);
    if (!rules_opts->aggregation.empty()) {
      std::string key = ParseEnumArg("--aggregation", "AGGREGATION_", rules_opts->aggregation,
                                     "trimmed-mean, mean, median");
      v1::Aggregation aggregation = v1::AGGREGATION_UNSPECIFIED;
      v1::Aggregation_Parse(key, &aggregation);
      r->set_aggregation(aggregation);
    }
    r->set_min_sheets(rules_opts->min_sheets);
    r->set_excellent_from(rules_opts->excellent_from);
    r->set_good_from(rules_opts->good_from);
    r->set_pass_from(rules_opts->pass_from);
    r->set_veto_percent(rules_opts->veto_percent);
    r->set_excellent_cap_percent(rules_opts->cap_percent);
    r->set_disagreement_points(rules_opts->disagreement);
    r->set_notice_days(rules_opts->notice_days);
    if (!rules_opts->fail.empty()) r->set_eliminate_fail(ParseOnOff("--eliminate-fail", rules_opts->fail));
    if (!rules_opts->absent.empty()) {
      r->set_eliminate_absent(ParseOnOff("--eliminate-absent", rules_opts->absent));
    }
    r->set_eliminate_bottom_k(rules_opts->bottom_k);
    r->set_eliminate_bottom_percent(rules_opts->bottom_percent);
    if (!rules_opts->two_pass.empty()) {
      r->set_eliminate_two_pass(ParseOnOff("--two-pass", rules_opts->two_pass));
    }
    ctx.Check(stub->SetRules(ctx.Call().get(), req, &resp));
    PrintRules(ctx, resp);
  });
}

}  // namespace talent::client
