// talentctl programme progress [--chart] and report cohort [--chart]: the
// programme's certified talents against its target, and the ratings and
// score distribution of a cohort's round. Not thread-safe.
#ifndef TALENT_CLIENT_REPORT_CMD_H_
#define TALENT_CLIENT_REPORT_CMD_H_

#include <cstdint>
#include <string>
#include <vector>

#include "client/cli_context.h"
#include "client/render/charts.h"
#include "common/labels.h"
#include "talent/v1/assessment.pb.h"
#include "talent/v1/programme.pb.h"
#include "talent/v1/round.pb.h"

namespace CLI {
class App;
}

namespace talent::client {

struct ProgrammeProgressOptions {
  std::string code, chart;  // chart: .svg, .png or .pdf path, or empty
};
void RunProgrammeProgress(const ProgrammeProgressOptions& options, CliContext& ctx);

struct ReportCohortOptions {
  std::string cohort, chart;
  int round = 0;  // 0: the last round with results
};
void SetupReportCohort(CLI::App& group, CliContext& ctx);
void RunReportCohort(const ReportCohortOptions& options, CliContext& ctx);

// Per year with a cohort: a row per track (year, state, track, selected,
// eliminated, certified) and a total row.
Rows ProgressRows(const CliContext& ctx, const v1::ProgrammeProgress& progress);
// "certified 5 of a target of 300 (2020–2030)" in `lang`.
std::string ProgressSummary(common::Lang lang, const v1::ProgrammeProgress& progress);
// Whether the target is reached, missed, or on track at the pace so far, in
// `lang`.
std::string PaceSentence(common::Lang lang, const v1::ProgrammeProgress& progress);
render::ProgressChart ProgressChartOf(const CliContext& ctx, const std::string& code,
                                      const v1::ProgrammeProgress& progress);

// A row per track: the track, then how many were rated excellent, good,
// pass and fail, and how many were absent.
Rows RatingsByTrack(const CliContext& ctx, const v1::RoundResults& results);
// The scores of those present, in hundredths (unparsable ones left out).
std::vector<int64_t> ScoresOf(const v1::RoundResults& results);
render::ScoreChart ScoreChartOf(const CliContext& ctx, const std::string& cohort_name,
                                const v1::Round& round, const v1::RoundResults& results,
                                const v1::AssessmentRules& rules);

}  // namespace talent::client

#endif  // TALENT_CLIENT_REPORT_CMD_H_
