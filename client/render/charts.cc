#include "client/render/charts.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "client/render/cairo_text.h"
#include "common/status_macros.h"

namespace talent::render {
namespace {

// Tableau 10 order: distinct hues that stay apart for the common forms of
// colour blindness.
constexpr uint32_t kSeriesPalette[kMaxSeries] = {0x4E79A7, 0xF28E2B, 0x59A14F, 0xB07AA1,
                                                 0x76B7B2, 0xEDC948, 0xFF9DA7, 0x9C755F};
// Below the lowest threshold grey, then rising bands warmer to greener.
constexpr uint32_t kBandPalette[kMaxThresholds + 1] = {0xA0A7B0, 0xF28E2B, 0x4E79A7,
                                                       0x59A14F, 0xB07AA1, 0x76B7B2};

constexpr Rgb kBackground = RgbFromHex(0xFFFFFF);
constexpr Rgb kInk = RgbFromHex(0x222222);
constexpr Rgb kMuted = RgbFromHex(0x5A5A5A);
constexpr Rgb kAxis = RgbFromHex(0x444444);
constexpr Rgb kGrid = RgbFromHex(0xE4E4E4);
constexpr Rgb kTargetColor = RgbFromHex(0xC0392B);
constexpr Rgb kPaceColor = RgbFromHex(0x7A7A7A);
constexpr Rgb kThresholdColor = RgbFromHex(0x333333);

// The frame every chart shares, in pixels.
constexpr double kTitleTop = 14;
constexpr double kLegendMiddle = 58;
constexpr double kPlotTop = 86;
// Room under the plot for tick labels, and for an x label when there is one.
constexpr double kPlotBottom = kChartHeight - 40;
constexpr double kPlotBottomWithXLabel = kChartHeight - 64;
constexpr double kPlotRight = kChartWidth - 30;
constexpr double kYLabelLeft = 16;
constexpr double kTickFont = 12;
constexpr double kLabelFont = 13;
constexpr double kQuarterTurn = 1.5707963267948966;  // radians

struct Plot {
  double left = 0, top = kPlotTop, right = kPlotRight, bottom = kPlotBottom;
  double width() const { return right - left; }
  double height() const { return bottom - top; }
};

// A y axis from 0 to `top` with a tick every `step`.
struct YScale {
  int64_t top = 1;
  int64_t step = 1;
  double ToY(const Plot& plot, double value) const {
    return plot.bottom - value / static_cast<double>(top) * plot.height();
  }
};

// Ticks every 1, 2 or 5 times a power of ten (the steps a reader divides
// in their head): the smallest such step that reaches `value` (at least 1)
// in at most seven ticks, so the top of the axis wastes little room.
YScale NiceScale(double value) {
  value = std::max(value, 1.0);
  YScale scale;
  for (int64_t magnitude = 1;; magnitude *= 10) {
    for (int64_t factor : {1, 2, 5}) {
      scale.step = factor * magnitude;
      scale.top = static_cast<int64_t>(std::ceil(value / static_cast<double>(scale.step)));
      if (scale.top <= 7) {
        scale.top *= scale.step;
        return scale;
      }
    }
  }
}

// Crisp one-pixel lines on the PNG: centre them on a pixel.
double Crisp(double v) { return std::floor(v) + 0.5; }

void Line(cairo_t* cr, double x0, double y0, double x1, double y1, const Rgb& color, double width) {
  SetColor(cr, color);
  cairo_set_line_width(cr, width);
  cairo_move_to(cr, x0, y0);
  cairo_line_to(cr, x1, y1);
  cairo_stroke(cr);
}

void FillRect(cairo_t* cr, double x0, double y0, double x1, double y1, const Rgb& color) {
  SetColor(cr, color);
  cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0);
  cairo_fill(cr);
}

// One stacked bar from x0 to x1: counts[i] drawn in color_of(i), bottom up,
// empty segments skipped. Counts are ints or int64s.
template <typename Count, typename ColorOf>
void DrawStack(cairo_t* cr, const Plot& plot, const YScale& scale, double x0, double x1,
               const std::vector<Count>& counts, ColorOf color_of) {
  int64_t below = 0;
  for (size_t i = 0; i < counts.size(); ++i) {
    const int64_t count = counts[i];
    if (count == 0) continue;
    const double y0 = std::round(scale.ToY(plot, static_cast<double>(below)));
    const double y1 = std::round(scale.ToY(plot, static_cast<double>(below + count)));
    FillRect(cr, x0, y1, x1, y0, RgbFromHex(color_of(i)));
    below += count;
  }
}

// White background and the title centred at the top.
absl::Status DrawBackgroundAndTitle(cairo_t* cr, const std::string& title) {
  SetColor(cr, kBackground);
  cairo_paint(cr);
  if (title.empty()) return absl::OkStatus();
  return DrawText(cr, title, Style(kSansFamily, 19, kInk, true), kChartWidth / 2.0, kTitleTop,
                  HAlign::kCenter)
      .status();
}

struct LegendItem {
  enum class Marker { kSwatch, kLine, kNone };
  std::string label;
  Marker marker = Marker::kSwatch;
  Rgb color;
};

// One row of legend items centred under the title.
absl::Status DrawLegend(cairo_t* cr, const std::vector<LegendItem>& items) {
  constexpr double kMarker = 13, kMarkerGap = 6, kItemGap = 22, kLineMarker = 24;
  const TextStyle style = Style(kSansFamily, kLabelFont, kInk);
  std::vector<LayoutPtr> layouts;
  double total = 0;
  for (const LegendItem& item : items) {
    ASSIGN_OR_RETURN(LayoutPtr layout, MakeLayout(cr, item.label, style));
    if (!layouts.empty()) total += kItemGap;
    if (item.marker == LegendItem::Marker::kSwatch) total += kMarker + kMarkerGap;
    if (item.marker == LegendItem::Marker::kLine) total += kLineMarker + kMarkerGap;
    total += Measure(layout.get()).width;
    layouts.push_back(std::move(layout));
  }
  double x = (kChartWidth - total) / 2;
  for (size_t i = 0; i < items.size(); ++i) {
    const LegendItem& item = items[i];
    if (item.marker == LegendItem::Marker::kSwatch) {
      FillRect(cr, std::round(x), std::round(kLegendMiddle - kMarker / 2), std::round(x + kMarker),
               std::round(kLegendMiddle + kMarker / 2), item.color);
      x += kMarker + kMarkerGap;
    } else if (item.marker == LegendItem::Marker::kLine) {
      Line(cr, x, Crisp(kLegendMiddle), x + kLineMarker, Crisp(kLegendMiddle), item.color, 2);
      x += kLineMarker + kMarkerGap;
    }
    SetColor(cr, style.color);
    RETURN_IF_ERROR(
        DrawLayout(cr, layouts[i].get(), x, kLegendMiddle, HAlign::kLeft, VAlign::kMiddle));
    x += Measure(layouts[i].get()).width + kItemGap;
  }
  return absl::OkStatus();
}

// The plot's left edge: room for the rotated y label and the widest tick label.
absl::StatusOr<double> PlotLeft(cairo_t* cr, const YScale& scale, const std::string& y_label) {
  double left = kYLabelLeft;
  if (!y_label.empty()) {
    ASSIGN_OR_RETURN(LayoutPtr layout,
                     MakeLayout(cr, y_label, Style(kSansFamily, kLabelFont, kInk)));
    left += Measure(layout.get()).height + 10;
  }
  double widest = 0;
  for (int64_t v = 0; v <= scale.top; v += scale.step) {
    ASSIGN_OR_RETURN(LayoutPtr layout,
                     MakeLayout(cr, absl::StrCat(v), Style(kSansFamily, kTickFont, kMuted)));
    widest = std::max(widest, Measure(layout.get()).width);
  }
  return left + widest + 12;
}

// Horizontal grid lines with tick labels, the rotated y label, and both axes.
absl::Status DrawYAxis(cairo_t* cr, const Plot& plot, const YScale& scale,
                       const std::string& y_label) {
  const TextStyle tick = Style(kSansFamily, kTickFont, kMuted);
  for (int64_t v = 0; v <= scale.top; v += scale.step) {
    const double y = Crisp(scale.ToY(plot, static_cast<double>(v)));
    if (v > 0) Line(cr, plot.left, y, plot.right, y, kGrid, 1);
    Line(cr, plot.left - 5, y, plot.left, y, kAxis, 1);
    RETURN_IF_ERROR(
        DrawText(cr, absl::StrCat(v), tick, plot.left - 8, y, HAlign::kRight, VAlign::kMiddle)
            .status());
  }
  if (!y_label.empty()) {
    ASSIGN_OR_RETURN(LayoutPtr layout,
                     MakeLayout(cr, y_label, Style(kSansFamily, kLabelFont, kInk)));
    SetColor(cr, kInk);
    RETURN_IF_ERROR(DrawLayout(cr, layout.get(), kYLabelLeft, (plot.top + plot.bottom) / 2,
                               HAlign::kCenter, VAlign::kTop, -kQuarterTurn));
  }
  return absl::OkStatus();
}

void DrawAxes(cairo_t* cr, const Plot& plot) {
  Line(cr, Crisp(plot.left), plot.top, Crisp(plot.left), Crisp(plot.bottom), kAxis, 1);
  Line(cr, plot.left, Crisp(plot.bottom), plot.right, Crisp(plot.bottom), kAxis, 1);
}

// Renders with `draw` on a kChartWidth x kChartHeight surface of `format`
// and writes it to `path` through a temporary file.
absl::Status WriteChart(const std::string& path, ImageFormat format,
                        const std::function<absl::Status(cairo_t*)>& draw) {
  return WriteFileAtomically(path, [&](cairo_write_func_t write, void* closure) -> absl::Status {
    if (format == ImageFormat::kSvg || format == ImageFormat::kPdf) {
      // Vector formats: one user unit is one pixel of the PNG (a point in
      // the PDF), so the chart has the same layout in all three.
      SurfacePtr surface(
          format == ImageFormat::kSvg
              ? cairo_svg_surface_create_for_stream(write, closure, kChartWidth, kChartHeight)
              : cairo_pdf_surface_create_for_stream(write, closure, kChartWidth, kChartHeight));
      if (format == ImageFormat::kSvg) {
        cairo_svg_surface_set_document_unit(surface.get(), CAIRO_SVG_UNIT_PX);
      }
      RETURN_IF_ERROR(CairoStatusToStatus(cairo_surface_status(surface.get()),
                                          absl::StrCat("cannot start ", path)));
      {
        CairoPtr cr(cairo_create(surface.get()));
        RETURN_IF_ERROR(draw(cr.get()));
        RETURN_IF_ERROR(
            CairoStatusToStatus(cairo_status(cr.get()), absl::StrCat("cannot draw ", path)));
      }
      cairo_surface_finish(surface.get());
      return CairoStatusToStatus(cairo_surface_status(surface.get()),
                                 absl::StrCat("cannot write ", path));
    }
    SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, kChartWidth, kChartHeight));
    RETURN_IF_ERROR(CairoStatusToStatus(cairo_surface_status(surface.get()),
                                        absl::StrCat("cannot start ", path)));
    {
      CairoPtr cr(cairo_create(surface.get()));
      RETURN_IF_ERROR(draw(cr.get()));
      RETURN_IF_ERROR(
          CairoStatusToStatus(cairo_status(cr.get()), absl::StrCat("cannot draw ", path)));
    }
    return CairoStatusToStatus(cairo_surface_write_to_png_stream(surface.get(), write, closure),
                               absl::StrCat("cannot write ", path));
  });
}

// A label drawn over the plot on a white backing, so lines under it do not
// cross the text.
absl::Status DrawBackedLabel(cairo_t* cr, PangoLayout* layout, double x, double y, HAlign h,
                             VAlign v, const Rgb& color) {
  const TextExtents extents = Measure(layout);
  double left = x, top = y;
  if (h == HAlign::kCenter) left -= extents.width / 2;
  if (h == HAlign::kRight) left -= extents.width;
  if (v == VAlign::kMiddle) top -= extents.height / 2;
  if (v == VAlign::kBottom) top -= extents.height;
  if (v == VAlign::kBaseline) top -= extents.baseline;
  cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
  cairo_rectangle(cr, left - 3, top, extents.width + 6, extents.height);
  cairo_fill(cr);
  SetColor(cr, color);
  return DrawLayout(cr, layout, x, y, h, v);
}

// MakeLayout and DrawBackedLabel.
absl::Status DrawBackedText(cairo_t* cr, const std::string& text, const TextStyle& style, double x,
                            double y, HAlign h, VAlign v) {
  ASSIGN_OR_RETURN(LayoutPtr layout, MakeLayout(cr, text, style));
  return DrawBackedLabel(cr, layout.get(), x, y, h, v, style.color);
}

absl::Status ValidateProgress(const ProgressChart& chart) {
  if (chart.end_year < chart.start_year) {
    return absl::InvalidArgumentError(
        absl::StrCat("end year ", chart.end_year, " is before start year ", chart.start_year));
  }
  const int64_t years = static_cast<int64_t>(chart.end_year) - chart.start_year + 1;
  if (years > kMaxYears) {
    return absl::InvalidArgumentError(
        absl::StrCat("a progress chart spans at most ", kMaxYears, " years, not ", years));
  }
  if (chart.target < 0) {
    return absl::InvalidArgumentError(absl::StrCat("target ", chart.target, " is negative"));
  }
  if (chart.series_labels.empty() || chart.series_labels.size() > kMaxSeries) {
    return absl::InvalidArgumentError(absl::StrCat("a progress chart has 1 to ", kMaxSeries,
                                                   " series, not ", chart.series_labels.size()));
  }
  if (static_cast<int64_t>(chart.cumulative.size()) > years) {
    return absl::InvalidArgumentError(absl::StrCat(chart.cumulative.size(), " years of counts for ",
                                                   years, " years ", chart.start_year, "–",
                                                   chart.end_year));
  }
  for (size_t i = 0; i < chart.cumulative.size(); ++i) {
    const std::vector<int>& row = chart.cumulative[i];
    const int64_t year = chart.start_year + static_cast<int64_t>(i);
    if (row.size() != chart.series_labels.size()) {
      return absl::InvalidArgumentError(absl::StrCat("year ", year, " has ", row.size(),
                                                     " counts for ", chart.series_labels.size(),
                                                     " series"));
    }
    for (int count : row) {
      if (count < 0) {
        return absl::InvalidArgumentError(
            absl::StrCat("year ", year, " has a negative count ", count));
      }
    }
  }
  return absl::OkStatus();
}

absl::Status DrawProgress(cairo_t* cr, const ProgressChart& chart) {
  RETURN_IF_ERROR(DrawBackgroundAndTitle(cr, chart.title));
  std::vector<LegendItem> legend;
  for (size_t s = 0; s < chart.series_labels.size(); ++s) {
    legend.push_back(
        {chart.series_labels[s], LegendItem::Marker::kSwatch, RgbFromHex(SeriesColor(s))});
  }
  if (!chart.pace_label.empty()) {
    legend.push_back({chart.pace_label, LegendItem::Marker::kLine, kPaceColor});
  }
  RETURN_IF_ERROR(DrawLegend(cr, legend));

  std::vector<int64_t> totals;
  for (const std::vector<int>& row : chart.cumulative) {
    totals.push_back(std::accumulate(row.begin(), row.end(), int64_t{0}));
  }
  const int64_t highest = std::max<int64_t>(
      chart.target, totals.empty() ? 0 : *std::max_element(totals.begin(), totals.end()));
  // Headroom above the highest bar or the target for their labels.
  const YScale scale = NiceScale(std::max(4.0, static_cast<double>(highest) * 1.08));
  Plot plot;
  ASSIGN_OR_RETURN(plot.left, PlotLeft(cr, scale, chart.y_label));
  RETURN_IF_ERROR(DrawYAxis(cr, plot, scale, chart.y_label));

  // Slot i's centre is where year start_year+i ends; the plot's left edge is
  // where the year before start_year ended, so the pace line starts at the
  // origin, and half a slot is left after the last bar.
  const int years = chart.end_year - chart.start_year + 1;
  const double slot = plot.width() / (years + 0.5);
  auto center = [&](int i) { return plot.left + (i + 1) * slot; };
  const double bar = std::min(0.62 * slot, 56.0);

  for (size_t i = 0; i < chart.cumulative.size(); ++i) {
    const double x0 = std::round(center(static_cast<int>(i)) - bar / 2);
    const double x1 = std::round(center(static_cast<int>(i)) + bar / 2);
    DrawStack(cr, plot, scale, x0, x1, chart.cumulative[i], SeriesColor);
  }

  // Year labels under the slots, thinned out when they would collide.
  const TextStyle tick = Style(kSansFamily, kTickFont, kMuted);
  ASSIGN_OR_RETURN(LayoutPtr sample, MakeLayout(cr, absl::StrCat(chart.end_year), tick));
  const int stride =
      std::max(1, static_cast<int>(std::ceil((Measure(sample.get()).width + 10) / slot)));
  for (int i = 0; i < years; ++i) {
    const double x = Crisp(center(i));
    Line(cr, x, plot.bottom, x, plot.bottom + 5, kAxis, 1);
    if (i % stride != 0) continue;
    RETURN_IF_ERROR(DrawText(cr, absl::StrCat(chart.start_year + i), tick, center(i),
                             plot.bottom + 8, HAlign::kCenter)
                        .status());
  }
  DrawAxes(cr, plot);

  // The pace line, then the target line on top of everything.
  SetColor(cr, kPaceColor);
  cairo_set_line_width(cr, 1.6);
  cairo_move_to(cr, plot.left, scale.ToY(plot, 0));
  cairo_line_to(cr, center(years - 1), scale.ToY(plot, chart.target));
  cairo_stroke(cr);

  const double target_y = Crisp(scale.ToY(plot, chart.target));
  const double dashes[] = {7, 4};
  cairo_set_dash(cr, dashes, 2, 0);
  Line(cr, plot.left, target_y, plot.right, target_y, kTargetColor, 1.6);
  cairo_set_dash(cr, nullptr, 0, 0);
  if (!chart.target_label.empty()) {
    RETURN_IF_ERROR(DrawBackedText(cr, chart.target_label,
                                   Style(kSansFamily, kLabelFont, kTargetColor), plot.right - 4,
                                   target_y - 3, HAlign::kRight, VAlign::kBottom));
  }
  // Each bar's total above it, over the lines, when the slots are wide
  // enough for the numbers.
  if (slot >= 26) {
    for (size_t i = 0; i < totals.size(); ++i) {
      if (totals[i] == 0) continue;
      RETURN_IF_ERROR(DrawBackedText(
          cr, absl::StrCat(totals[i]), Style(kSansFamily, 11, kMuted), center(static_cast<int>(i)),
          scale.ToY(plot, static_cast<double>(totals[i])) - 2, HAlign::kCenter, VAlign::kBottom));
    }
  }
  return absl::OkStatus();
}

// 9000 → "90", 6250 → "62.5", 6025 → "60.25".
std::string FormatPoints(int64_t hundredths) {
  if (hundredths % 100 == 0) return absl::StrCat(hundredths / 100);
  if (hundredths % 10 == 0) return absl::StrFormat("%.1f", static_cast<double>(hundredths) / 100);
  return absl::StrFormat("%.2f", static_cast<double>(hundredths) / 100);
}

// The histogram a ScoreChart describes: bins of `width` from `low`, each
// holding a count per band.
struct Histogram {
  int64_t low = 0;
  int64_t width = 0;
  std::vector<std::vector<int64_t>> counts;  // counts[bin][band]
  int64_t high() const { return low + width * static_cast<int64_t>(counts.size()); }
};

absl::StatusOr<Histogram> BuildHistogram(const ScoreChart& chart,
                                         const std::vector<Threshold>& thresholds) {
  if (chart.bin_width_hundredths <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("bin width ", chart.bin_width_hundredths, " must be positive"));
  }
  int64_t low = 10000;
  for (int64_t score : chart.scores_hundredths) {
    if (score < 0 || score > 10000) {
      return absl::InvalidArgumentError(
          absl::StrCat("score ", FormatPoints(score), " is outside 0..100"));
    }
    low = std::min(low, score);
  }
  for (const Threshold& threshold : thresholds) low = std::min(low, threshold.score_hundredths);
  if (chart.scores_hundredths.empty() && thresholds.empty()) low = 0;
  Histogram histogram;
  histogram.width = chart.bin_width_hundredths;
  histogram.low = low / histogram.width * histogram.width;
  const int64_t bins =
      std::max<int64_t>(1, (10000 - histogram.low + histogram.width - 1) / histogram.width);
  if (bins > kMaxBins) {
    return absl::InvalidArgumentError(
        absl::StrCat("bin width ", FormatPoints(histogram.width), " gives ", bins, " bins from ",
                     FormatPoints(histogram.low), " to 100; at most ", kMaxBins, " are drawn"));
  }
  histogram.counts.assign(bins, std::vector<int64_t>(thresholds.size() + 1, 0));
  for (int64_t score : chart.scores_hundredths) {
    // 100.00 belongs to the last bin, not to one past it.
    const int64_t bin = std::min(bins - 1, (score - histogram.low) / histogram.width);
    size_t band = 0;
    while (band < thresholds.size() && score >= thresholds[band].score_hundredths) ++band;
    ++histogram.counts[bin][band];
  }
  return histogram;
}

absl::StatusOr<std::vector<Threshold>> SortedThresholds(const ScoreChart& chart) {
  if (chart.thresholds.size() > kMaxThresholds) {
    return absl::InvalidArgumentError(
        absl::StrCat("at most ", kMaxThresholds, " thresholds, not ", chart.thresholds.size()));
  }
  std::vector<Threshold> sorted = chart.thresholds;
  std::sort(sorted.begin(), sorted.end(), [](const Threshold& a, const Threshold& b) {
    return a.score_hundredths < b.score_hundredths;
  });
  for (size_t i = 0; i < sorted.size(); ++i) {
    const int64_t score = sorted[i].score_hundredths;
    if (score < 0 || score > 10000) {
      return absl::InvalidArgumentError(absl::StrCat("threshold \"", sorted[i].label, "\" at ",
                                                     FormatPoints(score), " is outside 0..100"));
    }
    if (i > 0 && score == sorted[i - 1].score_hundredths) {
      return absl::InvalidArgumentError(absl::StrCat("thresholds \"", sorted[i - 1].label,
                                                     "\" and \"", sorted[i].label,
                                                     "\" are both at ", FormatPoints(score)));
    }
  }
  return sorted;
}

// Points between x ticks: the smallest of these leaving at most 12 ticks.
int64_t XTickStep(int64_t span) {
  for (int64_t step : {100, 200, 500, 1000, 2000, 2500, 5000}) {
    if (span / step <= 12) return step;
  }
  return 10000;
}

absl::Status DrawScores(cairo_t* cr, const ScoreChart& chart,
                        const std::vector<Threshold>& thresholds, const Histogram& histogram) {
  RETURN_IF_ERROR(DrawBackgroundAndTitle(cr, chart.title));
  std::vector<LegendItem> legend;
  if (!thresholds.empty()) {
    legend.push_back({absl::StrCat("< ", thresholds[0].label), LegendItem::Marker::kSwatch,
                      RgbFromHex(BandColor(0))});
    for (size_t i = 0; i < thresholds.size(); ++i) {
      legend.push_back(
          {thresholds[i].label, LegendItem::Marker::kSwatch, RgbFromHex(BandColor(i + 1))});
    }
  }
  legend.push_back(
      {absl::StrCat("n = ", chart.scores_hundredths.size()), LegendItem::Marker::kNone, kInk});
  RETURN_IF_ERROR(DrawLegend(cr, legend));

  int64_t highest = 0;
  for (const std::vector<int64_t>& bin : histogram.counts) {
    highest = std::max(highest, std::accumulate(bin.begin(), bin.end(), int64_t{0}));
  }
  // Headroom for the threshold labels along the top.
  const YScale scale = NiceScale(std::max(4.0, static_cast<double>(highest) * 1.2));
  Plot plot;
  if (!chart.x_label.empty()) plot.bottom = kPlotBottomWithXLabel;
  ASSIGN_OR_RETURN(plot.left, PlotLeft(cr, scale, chart.y_label));
  RETURN_IF_ERROR(DrawYAxis(cr, plot, scale, chart.y_label));

  const double span = static_cast<double>(histogram.high() - histogram.low);
  auto to_x = [&](int64_t hundredths) {
    return plot.left + static_cast<double>(hundredths - histogram.low) / span * plot.width();
  };
  for (size_t b = 0; b < histogram.counts.size(); ++b) {
    const int64_t from = histogram.low + static_cast<int64_t>(b) * histogram.width;
    double x0 = std::round(to_x(from));
    double x1 = std::round(to_x(from + histogram.width));
    if (x1 - x0 >= 6) {
      x0 += 1;
      x1 -= 1;
    }
    DrawStack(cr, plot, scale, x0, x1, histogram.counts[b], BandColor);
  }

  const TextStyle tick = Style(kSansFamily, kTickFont, kMuted);
  const int64_t step = XTickStep(histogram.high() - histogram.low);
  for (int64_t v = (histogram.low + step - 1) / step * step; v <= histogram.high(); v += step) {
    const double x = Crisp(to_x(v));
    Line(cr, x, plot.bottom, x, plot.bottom + 5, kAxis, 1);
    RETURN_IF_ERROR(
        DrawText(cr, FormatPoints(v), tick, to_x(v), plot.bottom + 8, HAlign::kCenter).status());
  }
  if (!chart.x_label.empty()) {
    RETURN_IF_ERROR(DrawText(cr, chart.x_label, Style(kSansFamily, kLabelFont, kInk),
                             (plot.left + plot.right) / 2, plot.bottom + 30, HAlign::kCenter)
                        .status());
  }
  DrawAxes(cr, plot);

  // Threshold lines; each label goes right of its line (left of it near the
  // right edge), in the top row where it overlaps no earlier label.
  const double dashes[] = {5, 3};
  const TextStyle label_style = Style(kSansFamily, kTickFont, kThresholdColor);
  std::vector<double> row_right;  // right end of the last label in each row
  for (const Threshold& threshold : thresholds) {
    const double x = Crisp(to_x(threshold.score_hundredths));
    cairo_set_dash(cr, dashes, 2, 0);
    Line(cr, x, plot.top, x, plot.bottom, kThresholdColor, 1);
    cairo_set_dash(cr, nullptr, 0, 0);
    if (threshold.label.empty()) continue;
    ASSIGN_OR_RETURN(LayoutPtr layout, MakeLayout(cr, threshold.label, label_style));
    const TextExtents extents = Measure(layout.get());
    const bool fits_right = x + 5 + extents.width <= plot.right;
    const double left = fits_right ? x + 5 : x - 5 - extents.width;
    size_t row = 0;
    while (row < row_right.size() && left - 6 < row_right[row]) ++row;
    if (row == row_right.size()) row_right.push_back(0);
    row_right[row] = left + extents.width;
    const double top = plot.top + 4 + static_cast<double>(row) * (extents.height + 2);
    RETURN_IF_ERROR(DrawBackedLabel(cr, layout.get(), fits_right ? x + 5 : x - 5, top,
                                    fits_right ? HAlign::kLeft : HAlign::kRight, VAlign::kTop,
                                    kThresholdColor));
  }
  if (chart.scores_hundredths.empty() && !chart.empty_note.empty()) {
    RETURN_IF_ERROR(DrawBackedText(cr, chart.empty_note, Style(kSansFamily, 16, kMuted),
                                   (plot.left + plot.right) / 2, (plot.top + plot.bottom) / 2,
                                   HAlign::kCenter, VAlign::kMiddle));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ImageFormat> FormatForPath(const std::string& path) {
  const std::string lower = absl::AsciiStrToLower(path);
  if (absl::EndsWith(lower, ".svg")) return ImageFormat::kSvg;
  if (absl::EndsWith(lower, ".png")) return ImageFormat::kPng;
  if (absl::EndsWith(lower, ".pdf")) return ImageFormat::kPdf;
  return absl::InvalidArgumentError(
      absl::StrCat("cannot tell the image format of ", path, ": name it .svg, .png or .pdf"));
}

uint32_t SeriesColor(size_t s) { return kSeriesPalette[s % kMaxSeries]; }

uint32_t BandColor(size_t b) { return kBandPalette[b % (kMaxThresholds + 1)]; }

absl::Status WriteProgressChart(const ProgressChart& chart, const std::string& path) {
  ASSIGN_OR_RETURN(ImageFormat format, FormatForPath(path));
  RETURN_IF_ERROR(ValidateProgress(chart));
  return WriteChart(path, format, [&](cairo_t* cr) { return DrawProgress(cr, chart); });
}

absl::Status WriteScoreChart(const ScoreChart& chart, const std::string& path) {
  ASSIGN_OR_RETURN(ImageFormat format, FormatForPath(path));
  ASSIGN_OR_RETURN(std::vector<Threshold> thresholds, SortedThresholds(chart));
  ASSIGN_OR_RETURN(Histogram histogram, BuildHistogram(chart, thresholds));
  return WriteChart(path, format,
                    [&](cairo_t* cr) { return DrawScores(cr, chart, thresholds, histogram); });
}

}  // namespace talent::render
