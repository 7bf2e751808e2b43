#include "client/report_cmd.h"

#include <map>

#include <CLI/CLI.hpp>

#include "absl/strings/str_cat.h"
#include "client/commands.h"
#include "client/resource_refs.h"
#include "client/rpc.h"
#include "common/fixed_point.h"
#include "common/resource_names.h"
#include "talent/v1/assessment.grpc.pb.h"
#include "talent/v1/programme.grpc.pb.h"
#include "talent/v1/round.grpc.pb.h"

namespace talent::client {
namespace {

using RoundStub = v1::RoundService::Stub;

constexpr v1::Rating kRatings[] = {v1::RATING_EXCELLENT, v1::RATING_GOOD, v1::RATING_PASS,
                                   v1::RATING_FAIL};

void Draw(const CliContext& ctx, const absl::Status& status, const std::string& path) {
  if (!status.ok()) {
    throw CliError{absl::IsInvalidArgument(status) ? kExitUsage : kExitFailure,
                   std::string(status.message())};
  }
  ctx.Note(absl::StrCat("wrote ", path));
}

// Fails early, before any call, for a chart path of an unknown kind.
void CheckChartPath(const std::string& path) {
  if (path.empty()) return;
  absl::StatusOr<render::ImageFormat> format = render::FormatForPath(path);
  if (!format.ok()) throw CliError{kExitUsage, std::string(format.status().message())};
}

void PrintProgress(const CliContext& ctx, const v1::ProgrammeProgress& p) {
  ctx.PrintRows({"H_YEAR", "H_STATE", "H_TRACK", "H_SELECTED", "H_ELIMINATED", "H_CERTIFIED"},
                ProgressRows(ctx, p));
  if (IsDataFormat(ctx.format())) return;
  ctx.Print(
      absl::StrCat("\n", ProgressSummary(ctx.lang(), p), "\n", PaceSentence(ctx.lang(), p), "\n"));
}

// The round to report: the one asked for, else the last round with
// results (the final round once it has them).
v1::Round ReportRound(CliContext& ctx, const std::string& cohort, int position) {
  if (position > 0) {
    v1::GetRoundRequest req;
    req.set_name(RoundOfCohort(cohort, position));
    return Rpc(ctx, &RoundStub::GetRound, req);
  }
  v1::ListRoundsRequest req;
  req.set_cohort(cohort);
  v1::ListRoundsResponse resp = Rpc(ctx, &RoundStub::ListRounds, req);
  const v1::Round* chosen = nullptr;
  for (const v1::Round& r : resp.rounds()) {
    if (r.state() >= v1::ROUND_STATE_SCORED) chosen = &r;
  }
  if (chosen) return *chosen;
  throw CliError{kExitConflict,
                 absl::StrCat("no round of ", cohort, " has results yet (scoring is not closed)")};
}

void PrintRatingsByTrack(const CliContext& ctx, const v1::RoundResults& results) {
  if (ctx.format() == Format::kJson) return ctx.PrintJson(results);
  std::vector<std::string> headings = {"H_TRACK"};
  for (v1::Rating rating : kRatings) headings.push_back(v1::Rating_Name(rating));
  headings.push_back("F_ABSENT");
  ctx.PrintRows(headings, RatingsByTrack(ctx, results));
}

}  // namespace

Rows ProgressRows(const CliContext& ctx, const v1::ProgrammeProgress& p) {
  Rows rows;
  for (const v1::YearProgress& y : p.years()) {
    if (y.cohort_state() == v1::COHORT_STATE_UNSPECIFIED) continue;
    for (const v1::TrackFigures& t : y.tracks()) {
      rows.push_back({absl::StrCat(y.year()), ctx.L(v1::CohortState_Name(y.cohort_state())),
                      ctx.L(v1::Track_Name(t.track())), absl::StrCat(t.selected()),
                      absl::StrCat(t.eliminated()), absl::StrCat(t.certified())});
    }
    rows.push_back(
        {absl::StrCat(y.year()), "", ctx.L("V_TOTAL"), "", "", absl::StrCat(y.certified())});
  }
  return rows;
}

std::string ProgressSummary(common::Lang lang, const v1::ProgrammeProgress& p) {
  if (lang == common::Lang::kChinese) {
    return absl::StrCat("累计认定 ", p.certified(), " / 目标 ", p.target(), "（", p.start_year(),
                        "–", p.end_year(), "）");
  }
  return absl::StrCat("certified ", p.certified(), " of a target of ", p.target(), " (",
                      p.start_year(), "–", p.end_year(), ")");
}

std::string PaceSentence(common::Lang lang, const v1::ProgrammeProgress& p) {
  bool zh = lang == common::Lang::kChinese;
  if (p.certified() >= p.target()) return zh ? "目标已达成" : "the target is reached";
  if (p.remaining_years() == 0) {
    return zh ? absl::StrCat("项目年度已结束，距目标尚差 ", p.target() - p.certified(), " 人")
              : absl::StrCat("the programme's years are over; the target was missed by ",
                             p.target() - p.certified());
  }
  if (p.years_counted() == 0) {
    return zh ? absl::StrCat("尚无结业批次；每年需认定 ", p.needed_per_year(), " 人")
              : absl::StrCat("no cohort has closed yet; ", p.needed_per_year(),
                             " a year are needed over ", p.remaining_years(), " years");
  }
  if (zh) {
    return absl::StrCat("按截至 ", p.last_counted_year(), " 年的进度，到 ", p.end_year(),
                        " 年预计 ", p.projected(), " 人，", p.on_track() ? "可以" : "不能",
                        "达到目标",
                        p.on_track() ? ""
                                     : absl::StrCat("；其余 ", p.remaining_years(),
                                                    " 年每年需认定 ", p.needed_per_year(), " 人"));
  }
  return absl::StrCat("at the pace up to ", p.last_counted_year(), ", ", p.projected(), " by ",
                      p.end_year(), ": ", p.on_track() ? "on track" : "behind",
                      p.on_track() ? ""
                                   : absl::StrCat("; ", p.needed_per_year(),
                                                  " a year are needed over the remaining ",
                                                  p.remaining_years(), " years"));
}

render::ProgressChart ProgressChartOf(const CliContext& ctx, const std::string& code,
                                      const v1::ProgrammeProgress& p) {
  render::ProgressChart chart;
  bool zh = ctx.lang() == common::Lang::kChinese;
  chart.title = zh ? absl::StrCat(code, " ", p.start_year(), "–", p.end_year(), "：已认定 ",
                                  p.certified(), " / ", p.target())
                   : absl::StrCat(code, " ", p.start_year(), "–", p.end_year(), ": ", p.certified(),
                                  " of ", p.target(), " certified");
  for (const char* track : {"TRACK_SERVICE", "TRACK_MANAGEMENT", "TRACK_EDUCATION_RESEARCH"}) {
    chart.series_labels.push_back(ctx.L(track));
  }
  chart.start_year = p.start_year();
  chart.end_year = p.end_year();
  // Bars up to the latest year with a cohort; later years stay empty.
  int last = 0;
  for (int i = 0; i < p.years_size(); ++i) {
    if (p.years(i).cohort_state() != v1::COHORT_STATE_UNSPECIFIED) last = i + 1;
  }
  std::vector<int> sums(3, 0);
  for (int i = 0; i < last; ++i) {
    for (int t = 0; t < 3 && t < p.years(i).tracks_size(); ++t) {
      sums[t] += p.years(i).tracks(t).certified();
    }
    chart.cumulative.push_back(sums);
  }
  chart.target = p.target();
  chart.target_label = zh ? absl::StrCat("目标 ", p.target()) : absl::StrCat("target ", p.target());
  chart.y_label = zh ? "累计认定人数" : "certified (cumulative)";
  chart.pace_label = zh ? "达标进度" : "pace to target";
  if (ctx.rehearsal()) chart.title = absl::StrCat(kRehearsalMark, " · ", chart.title);
  return chart;
}

Rows RatingsByTrack(const CliContext& ctx, const v1::RoundResults& results) {
  std::map<v1::Track, std::map<int, int>> counts;  // track → rating (0: absent) → n
  for (const v1::Result& r : results.results()) ++counts[r.track()][r.absent() ? 0 : r.rating()];
  Rows rows;
  for (v1::Track track : {v1::TRACK_SERVICE, v1::TRACK_MANAGEMENT, v1::TRACK_EDUCATION_RESEARCH}) {
    std::vector<std::string> row = {ctx.L(v1::Track_Name(track))};
    for (v1::Rating rating : kRatings) row.push_back(absl::StrCat(counts[track][rating]));
    row.push_back(absl::StrCat(counts[track][0]));
    rows.push_back(row);
  }
  return rows;
}

std::vector<int64_t> ScoresOf(const v1::RoundResults& results) {
  std::vector<int64_t> scores;
  for (const v1::Result& r : results.results()) {
    if (r.absent()) continue;
    absl::StatusOr<int64_t> score = common::ParseHundredths(r.score());
    if (score.ok()) scores.push_back(*score);
  }
  return scores;
}

render::ScoreChart ScoreChartOf(const CliContext& ctx, const std::string& cohort_name,
                                const v1::Round& round, const v1::RoundResults& results,
                                const v1::AssessmentRules& rules) {
  render::ScoreChart chart;
  bool zh = ctx.lang() == common::Lang::kChinese;
  absl::StatusOr<common::CohortRef> ref = common::ParseCohortName("cohort", cohort_name);
  chart.title = absl::StrCat(
      ref.ok() ? absl::StrCat(ref->code, " ", ref->year) : cohort_name, " · ", round.title(), " · ",
      results.provisional() ? (zh ? "暂定结果" : "provisional") : (zh ? "已确认" : "confirmed"),
      zh ? "（" : " (", results.assessed(), zh ? " 人参评）" : " assessed)");
  if (ctx.rehearsal()) chart.title = absl::StrCat(kRehearsalMark, " · ", chart.title);
  chart.scores_hundredths = ScoresOf(results);
  for (auto [value, key] : std::vector<std::pair<std::string, const char*>>{
           {rules.pass_from(), "RATING_PASS"},
           {rules.good_from(), "RATING_GOOD"},
           {rules.excellent_from(), "RATING_EXCELLENT"}}) {
    absl::StatusOr<int64_t> threshold = common::ParseHundredths(value);
    if (!threshold.ok()) continue;
    chart.thresholds.push_back(
        {*threshold, absl::StrCat(ctx.L(key), " ", common::FormatHundredths(*threshold))});
  }
  chart.x_label = zh ? "综合得分" : "score";
  chart.y_label = zh ? "人数" : "enrolments";
  chart.empty_note = zh ? "暂无得分" : "no scores";
  return chart;
}

void SetupProgrammeProgress(CLI::App& programme, CliContext& ctx) {
  auto opt = std::make_shared<ProgrammeProgressOptions>();
  CLI::App* cmd = programme.add_subcommand(
      "progress", "certified talents per year and track against the programme's target");
  cmd->add_option("code", opt->code, "programme code")->required();
  cmd->add_option("--chart", opt->chart,
                  "also draw it: bars per year by track and the target (.svg, .png or .pdf)");
  cmd->callback([opt, &ctx] { RunProgrammeProgress(*opt, ctx); });
}

void RunProgrammeProgress(const ProgrammeProgressOptions& opt, CliContext& ctx) {
  CheckChartPath(opt.chart);
  v1::GetProgrammeProgressRequest req;
  req.set_name(opt.code);
  v1::ProgrammeProgress resp = Rpc(ctx, &v1::ProgrammeService::Stub::GetProgrammeProgress, req);
  if (ctx.format() == Format::kJson) {
    ctx.PrintJson(resp);
  } else {
    PrintProgress(ctx, resp);
  }
  if (opt.chart.empty()) return;
  Draw(ctx, render::WriteProgressChart(ProgressChartOf(ctx, opt.code, resp), opt.chart), opt.chart);
}

void SetupReportCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* group = app.add_subcommand("report", "reports with charts");
  group->require_subcommand(1);
  SetupReportCohort(*group, ctx);
}

void SetupReportCohort(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<ReportCohortOptions>();
  CLI::App* cmd = group.add_subcommand(
      "cohort", "a cohort's ratings by track in a round, and its score distribution");
  cmd->add_option("cohort", opt->cohort, kCohortArgHelp)->required();
  cmd->add_option("--round", opt->round,
                  "round position (default: the final round, else the last with results)");
  cmd->add_option("--chart", opt->chart,
                  "draw the score distribution with the band thresholds (.svg, .png or .pdf)");
  cmd->callback([opt, &ctx] { RunReportCohort(*opt, ctx); });
}

void RunReportCohort(const ReportCohortOptions& opt, CliContext& ctx) {
  CheckChartPath(opt.chart);
  std::string cohort_name = ResolveCohort(ctx, opt.cohort);
  v1::Round round = ReportRound(ctx, cohort_name, opt.round);
  v1::GetResultsRequest results_req;
  results_req.set_round(round.name());
  v1::RoundResults results = Rpc(ctx, &RoundStub::GetResults, results_req);
  v1::GetRulesRequest rules_req;
  rules_req.set_cohort(cohort_name);
  v1::AssessmentRules rules = Rpc(ctx, &v1::AssessmentService::Stub::GetRules, rules_req);
  PrintRatingsByTrack(ctx, results);
  if (opt.chart.empty()) return;
  Draw(ctx,
       render::WriteScoreChart(ScoreChartOf(ctx, cohort_name, round, results, rules), opt.chart),
       opt.chart);
}

}  // namespace talent::client
