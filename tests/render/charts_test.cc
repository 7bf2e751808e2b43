#include "client/render/charts.h"

#include <cairo.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/png_image.h"
#include "tests/testing/temp_dir.h"

namespace talent::render {
namespace {

using ::talent::testing::Image;
using ::talent::testing::CountColor;
using ::talent::testing::IsOk;
using ::talent::testing::LoadPng;
using ::talent::testing::StatusIs;
using ::talent::testing::TempDir;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// U+10FFFD, a private-use character no installed font draws (see
// certificate_pdf_test.cc).
constexpr char kNoGlyph[] = "\xF4\x8F\xBF\xBD";

// The colours a reader sees, written out here rather than read from the
// code under test: series (tracks) blue, orange, green; score bands grey
// (below the lowest threshold), then orange, blue, green upward.
constexpr uint32_t kSeriesColors[] = {0x4E79A7, 0xF28E2B, 0x59A14F};
constexpr uint32_t kBandColors[] = {0xA0A7B0, 0xF28E2B, 0x4E79A7, 0x59A14F};

ProgressChart SampleProgress() {
  ProgressChart chart;
  chart.title = "SCSW 2023–2032: 290 / 300 certified";
  chart.series_labels = {"服务类 Service", "管理类 Management", "研究类 Research"};
  chart.start_year = 2023;
  chart.end_year = 2032;
  // Four years done; the series keep the ratio 4 : 2 : 1 in every year.
  chart.cumulative = {{40, 20, 10}, {80, 40, 20}, {120, 60, 30}, {160, 80, 40}};
  chart.target = 300;
  chart.target_label = "target 300";
  chart.y_label = "certified (cumulative)";
  chart.pace_label = "pace";
  return chart;
}

ScoreChart SampleScores() {
  ScoreChart chart;
  chart.title = "2023 年度考核成绩分布";
  // 3 below 60, 4 in 60..80, 2 in 80..90, 6 at 90 or above.
  chart.scores_hundredths = {4500, 5200, 5900, 6500, 7000, 7010, 7500, 8200,
                             8800, 9100, 9235, 9500, 9600, 9850, 10000};
  chart.thresholds = {{9000, "优秀 90"}, {6000, "合格 60"}, {8000, "良好 80"}};
  chart.x_label = "综合成绩 final score";
  chart.y_label = "人数 people";
  return chart;
}



std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TEST(ChartFormatTest, KnowsSvgPngAndPdfInAnyCase) {
  EXPECT_EQ(FormatForPath("progress.pdf").value(), ImageFormat::kPdf);
  EXPECT_EQ(FormatForPath("Progress.PDF").value(), ImageFormat::kPdf);
  EXPECT_EQ(FormatForPath("progress.svg").value(), ImageFormat::kSvg);
  EXPECT_EQ(FormatForPath("/tmp/a.b/Progress.SVG").value(), ImageFormat::kSvg);
  EXPECT_EQ(FormatForPath("scores.png").value(), ImageFormat::kPng);
  EXPECT_EQ(FormatForPath("reports/scores.PnG").value(), ImageFormat::kPng);
}

TEST(ChartFormatTest, RefusesOtherNamesNamingThePath) {
  for (const std::string path : {"chart", "chart.svg.txt", "png", "chart.jpeg", "chart.pdf.gz"}) {
    EXPECT_THAT(FormatForPath(path), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(path)));
  }
}

TEST(ProgressChartTest, PngHasTheSizeAndABarOfEachTrackToScale) {
  TempDir dir;
  ASSERT_THAT(WriteProgressChart(SampleProgress(), dir.File("p.png")), IsOk());
  // The same legend without bars, to tell bar pixels from legend swatches.
  ProgressChart empty = SampleProgress();
  empty.cumulative.clear();
  ASSERT_THAT(WriteProgressChart(empty, dir.File("empty.png")), IsOk());

  Image image = LoadPng(dir.File("p.png"));
  EXPECT_EQ(cairo_image_surface_get_width(image.get()), kChartWidth);
  EXPECT_EQ(cairo_image_surface_get_height(image.get()), kChartHeight);
  Image legend_only = LoadPng(dir.File("empty.png"));
  int64_t bars[3];
  for (size_t s = 0; s < 3; ++s) {
    const int64_t legend = CountColor(legend_only.get(), kSeriesColors[s]);
    EXPECT_GT(legend, 0) << "series " << s << " has a legend swatch";
    bars[s] = CountColor(image.get(), kSeriesColors[s]) - legend;
    EXPECT_GT(bars[s], 1000) << "series " << s;
  }
  // Stacked segments are as tall as their counts (4 : 2 : 1), give or take
  // a pixel row per segment for rounding.
  EXPECT_NEAR(static_cast<double>(bars[0]) / bars[1], 2.0, 0.1);
  EXPECT_NEAR(static_cast<double>(bars[1]) / bars[2], 2.0, 0.15);
}

TEST(ProgressChartTest, ASeriesWithoutCountsShowsOnlyInTheLegend) {
  TempDir dir;
  ProgressChart chart = SampleProgress();
  for (std::vector<int>& row : chart.cumulative) row[2] = 0;
  ASSERT_THAT(WriteProgressChart(chart, dir.File("p.png")), IsOk());
  ProgressChart empty = SampleProgress();
  empty.cumulative.clear();
  ASSERT_THAT(WriteProgressChart(empty, dir.File("empty.png")), IsOk());
  Image image = LoadPng(dir.File("p.png"));
  Image legend_only = LoadPng(dir.File("empty.png"));
  EXPECT_EQ(CountColor(image.get(), kSeriesColors[2]), CountColor(legend_only.get(), kSeriesColors[2]));
  EXPECT_GT(CountColor(image.get(), kSeriesColors[0]),
            CountColor(legend_only.get(), kSeriesColors[0]) + 1000);
}

TEST(ChartColorsTest, PalettesAreTheDocumentedColours) {
  for (size_t s = 0; s < 3; ++s) EXPECT_EQ(SeriesColor(s), kSeriesColors[s]) << s;
  for (size_t b = 0; b < 4; ++b) EXPECT_EQ(BandColor(b), kBandColors[b]) << b;
}

// The labels as a reader finds them: the chart as a PDF keeps its text,
// which pdftotext reads back.
std::string PdfText(const std::string& pdf) {
  std::string command = std::string(PDFTOTEXT_PATH) + " -layout '" + pdf + "' -";
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  pclose(pipe);
  return out;
}

TEST(ProgressChartTest, PdfCarriesTitleAxisLegendYearsAndTargetAsText) {
  TempDir dir;
  ASSERT_THAT(WriteProgressChart(SampleProgress(), dir.File("p.pdf")), IsOk());
  const std::string text = PdfText(dir.File("p.pdf"));
  for (const char* label : {"SCSW 2023–2032: 290 / 300 certified", "服务类 Service",
                            "管理类 Management", "研究类 Research", "target 300", "pace",
                            "certified (cumulative)", "2023", "2026", "2032"}) {
    EXPECT_THAT(text, HasSubstr(label)) << text;
  }
}

TEST(ScoreChartTest, PdfCarriesTitleAxesAndThresholdLabelsAsText) {
  TempDir dir;
  ASSERT_THAT(WriteScoreChart(SampleScores(), dir.File("s.pdf")), IsOk());
  const std::string text = PdfText(dir.File("s.pdf"));
  for (const char* label : {"2023 年度考核成绩分布", "优秀 90", "良好 80", "合格 60",
                            "综合成绩 final score", "人数 people"}) {
    EXPECT_THAT(text, HasSubstr(label)) << text;
  }
}

TEST(ProgressChartTest, SvgIsWrittenAtChartSize) {
  TempDir dir;
  ASSERT_THAT(WriteProgressChart(SampleProgress(), dir.File("p.svg")), IsOk());
  const std::string svg = ReadFile(dir.File("p.svg"));
  EXPECT_THAT(svg, StartsWith("<?xml"));
  EXPECT_THAT(svg, HasSubstr("<svg"));
  EXPECT_THAT(svg, HasSubstr("width=\"900px\" height=\"540px\""));
  EXPECT_THAT(svg, HasSubstr("</svg>"));
}

TEST(ProgressChartTest, RefusesNonsenseWithInvalidArgumentAndWritesNothing) {
  const std::vector<std::pair<std::string, std::function<void(ProgressChart&)>>> cases = {
      {"end before start", [](ProgressChart& c) { c.end_year = 2022; }},
      {"too many years", [](ProgressChart& c) { c.end_year = c.start_year + kMaxYears; }},
      {"negative target", [](ProgressChart& c) { c.target = -1; }},
      {"no series",
       [](ProgressChart& c) {
         c.series_labels.clear();
         c.cumulative.clear();
       }},
      {"too many series",
       [](ProgressChart& c) {
         c.series_labels.assign(kMaxSeries + 1, "x");
         c.cumulative.clear();
       }},
      {"row shorter than the series", [](ProgressChart& c) { c.cumulative[1].pop_back(); }},
      {"row longer than the series", [](ProgressChart& c) { c.cumulative[1].push_back(1); }},
      {"more rows than years",
       [](ProgressChart& c) {
         c.cumulative.resize(11, {1, 1, 1});
       }},
      {"negative count", [](ProgressChart& c) { c.cumulative[0][1] = -3; }},
      {"invalid UTF-8", [](ProgressChart& c) { c.series_labels[0] = "\xFF"; }},
  };
  for (const auto& [name, mutate] : cases) {
    TempDir dir;
    ProgressChart chart = SampleProgress();
    mutate(chart);
    EXPECT_THAT(WriteProgressChart(chart, dir.File("p.png")),
                StatusIs(absl::StatusCode::kInvalidArgument))
        << name;
    EXPECT_TRUE(std::filesystem::is_empty(dir.path())) << name;
  }
  TempDir dir;
  EXPECT_THAT(WriteProgressChart(SampleProgress(), dir.File("p.gif")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("p.gif")));
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(ProgressChartTest, ASingleYearAndZeroTargetAreFine) {
  TempDir dir;
  ProgressChart chart = SampleProgress();
  chart.end_year = chart.start_year;
  chart.cumulative = {{0, 0, 0}};
  chart.target = 0;
  EXPECT_THAT(WriteProgressChart(chart, dir.File("p.svg")), IsOk());
}

TEST(ProgressChartTest, MissingGlyphIsFailedPreconditionAndWritesNothing) {
  TempDir dir;
  ProgressChart chart = SampleProgress();
  chart.series_labels[1] = std::string("管理类") + kNoGlyph;
  EXPECT_THAT(WriteProgressChart(chart, dir.File("p.png")),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr(chart.series_labels[1])));
  chart = SampleProgress();
  chart.title += kNoGlyph;
  EXPECT_THAT(WriteProgressChart(chart, dir.File("p.svg")),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr(chart.title)));
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(ProgressChartTest, MissingDirectoryIsNotFoundNamingThePath) {
  TempDir dir;
  const std::string path = dir.File("missing/p.png");
  EXPECT_THAT(WriteProgressChart(SampleProgress(), path),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr(path)));
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(ScoreChartTest, PngHasTheSizeAndEachBandToScale) {
  TempDir dir;
  ASSERT_THAT(WriteScoreChart(SampleScores(), dir.File("s.png")), IsOk());
  ScoreChart empty = SampleScores();
  empty.scores_hundredths.clear();
  ASSERT_THAT(WriteScoreChart(empty, dir.File("empty.png")), IsOk());

  Image image = LoadPng(dir.File("s.png"));
  EXPECT_EQ(cairo_image_surface_get_width(image.get()), kChartWidth);
  EXPECT_EQ(cairo_image_surface_get_height(image.get()), kChartHeight);
  Image legend_only = LoadPng(dir.File("empty.png"));
  // Scores per band as SampleScores lays them out; each score is one unit of
  // height in a bin of the same width.
  const int64_t scores[] = {3, 4, 2, 6};
  double per_score[4];
  for (size_t band = 0; band < 4; ++band) {
    const int64_t legend = CountColor(legend_only.get(), kBandColors[band]);
    EXPECT_GT(legend, 0) << "band " << band << " has a legend swatch";
    const int64_t bars = CountColor(image.get(), kBandColors[band]) - legend;
    EXPECT_GT(bars, 0) << "band " << band;
    per_score[band] = static_cast<double>(bars) / scores[band];
  }
  for (size_t band = 1; band < 4; ++band) {
    EXPECT_NEAR(per_score[band] / per_score[0], 1.0, 0.05) << "band " << band;
  }
}

TEST(ScoreChartTest, ABinCutByAThresholdShowsBothBands) {
  TempDir dir;
  ScoreChart chart;
  chart.scores_hundredths = {6100, 6900};
  chart.thresholds = {{6500, "合格 65"}};
  chart.bin_width_hundredths = 1000;  // one bin, 60..70, holds both scores
  ASSERT_THAT(WriteScoreChart(chart, dir.File("s.png")), IsOk());
  chart.scores_hundredths.clear();
  ASSERT_THAT(WriteScoreChart(chart, dir.File("empty.png")), IsOk());
  Image image = LoadPng(dir.File("s.png"));
  Image legend_only = LoadPng(dir.File("empty.png"));
  for (size_t band = 0; band < 2; ++band) {
    EXPECT_GT(CountColor(image.get(), kBandColors[band]),
              CountColor(legend_only.get(), kBandColors[band]) + 1000)
        << "band " << band;
  }
}

TEST(ScoreChartTest, NoScoresDrawsAnEmptyChart) {
  TempDir dir;
  ScoreChart chart = SampleScores();
  chart.scores_hundredths.clear();
  ASSERT_THAT(WriteScoreChart(chart, dir.File("s.png")), IsOk());
  ASSERT_THAT(WriteScoreChart(chart, dir.File("s.svg")), IsOk());
  Image image = LoadPng(dir.File("s.png"));
  EXPECT_EQ(cairo_image_surface_get_width(image.get()), kChartWidth);
  EXPECT_THAT(ReadFile(dir.File("s.svg")), StartsWith("<?xml"));
  // Nothing at all to chart is fine too.
  EXPECT_THAT(WriteScoreChart(ScoreChart(), dir.File("blank.png")), IsOk());
}

TEST(ScoreChartTest, RefusesNonsenseWithInvalidArgumentAndWritesNothing) {
  const std::vector<std::pair<std::string, std::function<void(ScoreChart&)>>> cases = {
      {"zero bin width", [](ScoreChart& c) { c.bin_width_hundredths = 0; }},
      {"negative bin width", [](ScoreChart& c) { c.bin_width_hundredths = -200; }},
      {"too many bins", [](ScoreChart& c) { c.bin_width_hundredths = 1; }},
      {"score above 100", [](ScoreChart& c) { c.scores_hundredths.push_back(10001); }},
      {"negative score", [](ScoreChart& c) { c.scores_hundredths.push_back(-1); }},
      {"threshold above 100",
       [](ScoreChart& c) {
         c.thresholds.push_back({10050, "x"});
       }},
      {"two thresholds at 80",
       [](ScoreChart& c) {
         c.thresholds.push_back({8000, "又 80"});
       }},
      {"too many thresholds",
       [](ScoreChart& c) {
         for (int64_t t : {1000, 2000, 3000}) c.thresholds.push_back({t, "t"});
       }},
      {"invalid UTF-8", [](ScoreChart& c) { c.x_label = "\xC3"; }},
  };
  for (const auto& [name, mutate] : cases) {
    TempDir dir;
    ScoreChart chart = SampleScores();
    mutate(chart);
    EXPECT_THAT(WriteScoreChart(chart, dir.File("s.svg")),
                StatusIs(absl::StatusCode::kInvalidArgument))
        << name;
    EXPECT_TRUE(std::filesystem::is_empty(dir.path())) << name;
  }
}

TEST(ScoreChartTest, MissingGlyphInAThresholdLabelIsFailedPrecondition) {
  TempDir dir;
  ScoreChart chart = SampleScores();
  chart.thresholds[0].label = std::string("优秀") + kNoGlyph;
  EXPECT_THAT(
      WriteScoreChart(chart, dir.File("s.png")),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr(chart.thresholds[0].label)));
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(ScoreChartTest, FailureKeepsThePreviousFile) {
  TempDir dir;
  const std::string path = dir.File("s.png");
  ASSERT_THAT(WriteScoreChart(SampleScores(), path), IsOk());
  const std::string before = ReadFile(path);
  ScoreChart chart = SampleScores();
  chart.empty_note += kNoGlyph;
  chart.scores_hundredths.clear();
  EXPECT_THAT(WriteScoreChart(chart, path), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(ReadFile(path), before);
}

}  // namespace
}  // namespace talent::render
