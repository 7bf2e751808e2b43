// talentctl cohort rules: show a cohort's assessment rules, or change those
// named by flags.
#include <CLI/CLI.hpp>

#include "absl/strings/str_cat.h"
#include "client/args.h"
#include "client/assessment_cmd.h"
#include "client/commands.h"
#include "client/resource_refs.h"
#include "client/rpc.h"
#include "talent/v1/assessment.grpc.pb.h"

namespace talent::client {
namespace {

using AssessmentStub = v1::AssessmentService::Stub;

// "<n><suffix>", or off for 0.
std::string OrOff(const CliContext& ctx, int value, const char* suffix) {
  return value == 0 ? ctx.L("OFF") : absl::StrCat(value, suffix);
}

}  // namespace

Fields RulesFields(const CliContext& ctx, const v1::AssessmentRules& r) {
  auto on = [&](bool value) { return ctx.L(value ? "ON" : "OFF"); };
  return {
      {"R_AGGREGATION", ctx.L(v1::Aggregation_Name(r.aggregation()))},
      {"R_MIN_SHEETS", absl::StrCat(r.min_sheets())},
      {"R_EXCELLENT_FROM", r.excellent_from()},
      {"R_GOOD_FROM", r.good_from()},
      {"R_PASS_FROM", r.pass_from()},
      {"R_VETO_PERCENT", absl::StrCat(r.veto_percent(), "%")},
      {"R_CAP_PERCENT", OrOff(ctx, r.excellent_cap_percent(), "%")},
      {"R_DISAGREEMENT", r.disagreement_points()},
      {"R_NOTICE_DAYS", absl::StrCat(r.notice_days())},
      {"R_ELIMINATE_FAIL", on(r.eliminate_fail())},
      {"R_ELIMINATE_ABSENT", on(r.eliminate_absent())},
      {"R_BOTTOM_K", OrOff(ctx, r.eliminate_bottom_k(), "")},
      {"R_BOTTOM_PERCENT", OrOff(ctx, r.eliminate_bottom_percent(), "%")},
      {"R_TWO_PASS", on(r.eliminate_two_pass())},
  };
}

void PrintRules(const CliContext& ctx, const v1::AssessmentRules& rules) {
  if (ctx.format() == Format::kJson) return ctx.PrintJson(rules);
  ctx.PrintRecord(RulesFields(ctx, rules));
  if (ctx.format() != Format::kTable) return;
  ctx.Print("\n" + (ctx.lang() == common::Lang::kChinese && !rules.description_zh().empty()
                        ? rules.description_zh()
                        : rules.description()));
}

void SetupCohortRules(CLI::App& cohort, CliContext& ctx) {
  auto opt = std::make_shared<CohortRulesOptions>();
  CLI::App* cmd = cohort.add_subcommand(
      "rules", "show a cohort's assessment rules; with flags, change them (until a round opens)");
  cmd->add_option("cohort", opt->cohort, kCohortArgHelp)->required();
  // Each option maps to one field of the update mask.
  std::vector<std::pair<CLI::Option*, std::string>> fields = {
      {cmd->add_option("--aggregation", opt->aggregation, "trimmed-mean, mean or median"),
       "aggregation"},
      {cmd->add_option("--min-sheets", opt->min_sheets, "fewest sheets for a result"),
       "min_sheets"},
      {cmd->add_option("--excellent-from", opt->excellent_from, "e.g. 90"), "excellent_from"},
      {cmd->add_option("--good-from", opt->good_from, "e.g. 80"), "good_from"},
      {cmd->add_option("--pass-from", opt->pass_from, "e.g. 60"), "pass_from"},
      {cmd->add_option("--veto-percent", opt->veto_percent, "e.g. 60"), "veto_percent"},
      {cmd->add_option("--cap-percent", opt->cap_percent, "excellent cap, 0 = none"),
       "excellent_cap_percent"},
      {cmd->add_option("--disagreement", opt->disagreement, "points, e.g. 20"),
       "disagreement_points"},
      {cmd->add_option("--notice-days", opt->notice_days, "1-30"), "notice_days"},
      {cmd->add_option("--eliminate-fail", opt->eliminate_fail, "on or off"), "eliminate_fail"},
      {cmd->add_option("--eliminate-absent", opt->eliminate_absent, "on or off"),
       "eliminate_absent"},
      {cmd->add_option("--bottom-k", opt->bottom_k, "eliminate the bottom k, 0 = off"),
       "eliminate_bottom_k"},
      {cmd->add_option("--bottom-percent", opt->bottom_percent, "eliminate the bottom p%, 0 = off"),
       "eliminate_bottom_percent"},
      {cmd->add_option("--two-pass", opt->two_pass, "eliminate two consecutive passes: on or off"),
       "eliminate_two_pass"},
  };
  cmd->callback([opt, fields, &ctx] {
    opt->update_mask = GivenFields(fields);
    RunCohortRules(*opt, ctx);
  });
}

v1::SetRulesRequest SetRulesRequestOf(const CohortRulesOptions& opt,
                                      const std::string& cohort_name) {
  v1::SetRulesRequest req;
  for (const std::string& field : opt.update_mask) req.add_update_mask(field);
  v1::AssessmentRules* r = req.mutable_rules();
  r->set_cohort(cohort_name);
  if (!opt.aggregation.empty()) r->set_aggregation(ParseAggregationArg(opt.aggregation));
  r->set_min_sheets(opt.min_sheets);
  r->set_excellent_from(opt.excellent_from);
  r->set_good_from(opt.good_from);
  r->set_pass_from(opt.pass_from);
  r->set_veto_percent(opt.veto_percent);
  r->set_excellent_cap_percent(opt.cap_percent);
  r->set_disagreement_points(opt.disagreement);
  r->set_notice_days(opt.notice_days);
  if (!opt.eliminate_fail.empty()) {
    r->set_eliminate_fail(ParseOnOff("--eliminate-fail", opt.eliminate_fail));
  }
  if (!opt.eliminate_absent.empty()) {
    r->set_eliminate_absent(ParseOnOff("--eliminate-absent", opt.eliminate_absent));
  }
  r->set_eliminate_bottom_k(opt.bottom_k);
  r->set_eliminate_bottom_percent(opt.bottom_percent);
  if (!opt.two_pass.empty()) r->set_eliminate_two_pass(ParseOnOff("--two-pass", opt.two_pass));
  return req;
}

void RunCohortRules(const CohortRulesOptions& opt, CliContext& ctx) {
  std::string name = ResolveCohort(ctx, opt.cohort);
  if (opt.update_mask.empty()) {
    v1::GetRulesRequest get;
    get.set_cohort(name);
    return PrintRules(ctx, Rpc(ctx, &AssessmentStub::GetRules, get));
  }
  PrintRules(ctx, Rpc(ctx, &AssessmentStub::SetRules, SetRulesRequestOf(opt, name)));
}

}  // namespace talent::client
