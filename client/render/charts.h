// Charts for talentctl reports, as SVG or PNG of about 900 x 540 px: the
// progress of a programme towards its target (stacked bars per year and
// track) and the score distribution of an assessment round (a histogram
// coloured by rating band, with the thresholds marked). Text is set in
// "Noto Sans CJK SC", so Chinese labels work; a character no installed font
// can draw is an error rather than a box. Files are written through a
// temporary beside the destination, so a failure never leaves half a file.
// All functions are thread-safe.
#ifndef TALENT_CLIENT_RENDER_CHARTS_H_
#define TALENT_CLIENT_RENDER_CHARTS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace talent::render {

enum class ImageFormat { kSvg, kPng, kPdf };

// kSvg for ".svg", kPng for ".png", kPdf for ".pdf" (case-insensitive; a PDF
// keeps its labels as text, for a report or a reader that searches them);
// INVALID_ARGUMENT
// naming the path otherwise.
absl::StatusOr<ImageFormat> FormatForPath(const std::string& path);

// Chart sizes in pixels (SVG user units are pixels too).
inline constexpr int kChartWidth = 900;
inline constexpr int kChartHeight = 540;

// Programme progress: cumulative certified talents at the end of each year,
// one stacked bar per year coloured by track, a dashed horizontal line at the
// target, and a straight "pace" line from 0 before start_year to the target
// at end_year.
struct ProgressChart {
  std::string title;                       // e.g. "SCSW 2023–2032: 5 / 300 certified"
  std::vector<std::string> series_labels;  // 3 track labels, legend order
  int start_year = 0, end_year = 0;        // one bar slot per year, inclusive
  // cumulative[i][s]: certified up to and including year start_year+i,
  // series s. May be shorter than the year span (future years empty).
  std::vector<std::vector<int>> cumulative;
  int target = 0;
  std::string target_label;  // "target 300"
  std::string y_label;       // "certified (cumulative)"
  std::string pace_label;    // legend entry of the pace line ("pace"); none when empty
};

// At most this many series (one colour each) and this many years.
inline constexpr size_t kMaxSeries = 8;
inline constexpr int kMaxYears = 60;

// The fill of series `s` (< kMaxSeries) of a progress chart as 0xRRGGBB,
// exposed so tests and text output can match the picture.
uint32_t SeriesColor(size_t s);

// Writes `chart` to `path` in the format its extension names. Returns
//   INVALID_ARGUMENT for an unknown extension, end_year < start_year, more
//     than kMaxYears years, target < 0, no series or more than kMaxSeries,
//     more rows than years, a row whose length differs from series_labels,
//     a negative count, or text that is not UTF-8;
//   FAILED_PRECONDITION when a text has a character no installed font draws;
//   the errno-derived code naming `path` when the file cannot be written;
//   INTERNAL when cairo fails otherwise.
absl::Status WriteProgressChart(const ProgressChart& chart, const std::string& path);

// Score distribution of a round: a histogram of the final scores (integer
// hundredths; bins of `bin_width_hundredths`, default 200 = 2 points,
// spanning from the lowest threshold or lowest score, whichever is lower
// (rounded down to a bin), to 100.00), bars coloured by band, vertical lines
// at each threshold labelled (e.g. "优秀 90"). A bin that a threshold cuts
// is split: each score is coloured by its own band.
struct Threshold {
  int64_t score_hundredths;
  std::string label;
};
struct ScoreChart {
  std::string title;
  std::vector<int64_t> scores_hundredths;
  // e.g. {6000, "合格 60"}, {8000, "良好 80"}, {9000, "优秀 90"}; any order.
  std::vector<Threshold> thresholds;
  int64_t bin_width_hundredths = 200;
  std::string x_label, y_label;
  std::string empty_note = "no scores";  // shown when scores_hundredths is empty
};

// At most this many thresholds, and so at most one more band.
inline constexpr size_t kMaxThresholds = 5;
// At most this many bins (a narrower bin width is refused).
inline constexpr int64_t kMaxBins = 250;

// The fill of band `b` (<= kMaxThresholds) as 0xRRGGBB: band 0 holds the
// scores below the lowest threshold, band i those at or above the i-th
// lowest. A chart without thresholds has only band 0.
uint32_t BandColor(size_t b);

// Writes `chart` to `path` in the format its extension names; an empty score
// list gives empty axes with `empty_note`. Returns
//   INVALID_ARGUMENT for an unknown extension, bin width <= 0 or more than
//     kMaxBins bins, a score or threshold outside 0..10000, more than
//     kMaxThresholds thresholds, two thresholds at the same score, or text
//     that is not UTF-8;
//   FAILED_PRECONDITION when a text has a character no installed font draws;
//   the errno-derived code naming `path` when the file cannot be written;
//   INTERNAL when cairo fails otherwise.
absl::Status WriteScoreChart(const ScoreChart& chart, const std::string& path);

}  // namespace talent::render

#endif  // TALENT_CLIENT_RENDER_CHARTS_H_
