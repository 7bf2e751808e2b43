#include "client/render/certificate_pdf.h"

#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <algorithm>
#include <cerrno>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "client/render/cairo_text.h"
#include "common/status_macros.h"

namespace talent::render {
namespace {

// A4 landscape in PostScript points; PDF user units are points, so every
// length and font size below is in points.
constexpr double kPageWidth = 842;
constexpr double kPageHeight = 595;
constexpr double kCenterX = kPageWidth / 2;

constexpr Rgb kPaper = RgbFromHex(0xFCF9F1);
constexpr Rgb kRed = RgbFromHex(0x9E1B1B);
constexpr Rgb kGold = RgbFromHex(0xB8913A);
constexpr Rgb kInk = RgbFromHex(0x222222);
constexpr Rgb kMuted = RgbFromHex(0x6B6358);
constexpr Rgb kPanel = RgbFromHex(0xF5EEDD);
constexpr Rgb kRehearsalInk = RgbFromHex(0xF0D2CC);

// The QR code: the symbol plus the four-module quiet zone ISO/IEC 18004
// requires around it, drawn as a square of this side.
constexpr double kQrSide = 88;
constexpr int kQrQuietModules = 4;

// The part of a bilingual value ("优秀 Excellent") before its first space,
// for the Chinese sentence; the whole value when it has no space.
absl::string_view ChinesePart(absl::string_view value) {
  const size_t space = value.find(' ');
  return space == absl::string_view::npos ? value : value.substr(0, space);
}

absl::Status RequireField(const std::string& value, absl::string_view name) {
  if (!value.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("certificate field ", name, " is empty; it must be printed on the certificate"));
}

void StrokeRect(cairo_t* cr, double inset, double line_width, const Rgb& color) {
  cairo_rectangle(cr, inset, inset, kPageWidth - 2 * inset, kPageHeight - 2 * inset);
  cairo_set_line_width(cr, line_width);
  SetColor(cr, color);
  cairo_stroke(cr);
}

// A double frame (red outside, gold inside) with gold brackets in the corners.
void DrawFrame(cairo_t* cr) {
  StrokeRect(cr, 20, 4, kRed);
  StrokeRect(cr, 28, 1, kGold);
  constexpr double kInset = 34, kArm = 30;
  cairo_set_line_width(cr, 1.6);
  SetColor(cr, kGold);
  for (double x : {kInset, kPageWidth - kInset}) {
    for (double y : {kInset, kPageHeight - kInset}) {
      const double dx = x < kCenterX ? kArm : -kArm;
      const double dy = y < kPageHeight / 2 ? kArm : -kArm;
      cairo_move_to(cr, x + dx, y);
      cairo_line_to(cr, x, y);
      cairo_line_to(cr, x, y + dy);
      cairo_stroke(cr);
    }
  }
}

// Two gold rules with a diamond between them, centred at `y`.
void DrawOrnament(cairo_t* cr, double y) {
  SetColor(cr, kGold);
  cairo_set_line_width(cr, 0.8);
  cairo_move_to(cr, kCenterX - 130, y);
  cairo_line_to(cr, kCenterX - 12, y);
  cairo_move_to(cr, kCenterX + 12, y);
  cairo_line_to(cr, kCenterX + 130, y);
  cairo_stroke(cr);
  cairo_move_to(cr, kCenterX, y - 4.5);
  cairo_line_to(cr, kCenterX + 4.5, y);
  cairo_line_to(cr, kCenterX, y + 4.5);
  cairo_line_to(cr, kCenterX - 4.5, y);
  cairo_close_path(cr);
  cairo_fill(cr);
}

// "兹证明 张伟（公民身份号码 …）参加…，经考核评定为优秀，确认为…。", leaving
// out the clauses whose fields are empty. `name_begin` and `name_end` receive
// the byte range of the holder's name, which is set in bold.
std::string Sentence(const CertificateArt& art, size_t* name_begin, size_t* name_end) {
  std::string first = "兹证明 ";
  *name_begin = first.size();
  first += art.holder_name;
  *name_end = first.size();
  if (!art.masked_national_id.empty()) {
    absl::StrAppend(&first, "（公民身份号码 ", art.masked_national_id, "）");
  }
  if (!art.programme.empty()) {
    absl::StrAppend(&first, "参加", art.programme);
    std::vector<std::string> details;
    if (!art.cohort.empty()) details.push_back(absl::StrCat(art.cohort, " 年度"));
    if (!art.track.empty()) details.emplace_back(ChinesePart(art.track));
    if (!details.empty()) absl::StrAppend(&first, "（", absl::StrJoin(details, "，"), "）");
  }
  std::vector<std::string> clauses = {first};
  if (!art.score.empty()) clauses.push_back(absl::StrCat("综合成绩 ", art.score, " 分"));
  if (!art.rating.empty()) clauses.push_back(absl::StrCat("经考核评定为", ChinesePart(art.rating)));
  if (!art.title.empty()) clauses.push_back(absl::StrCat("确认为", art.title));
  return absl::StrCat(absl::StrJoin(clauses, "，"), "。");
}

// Draws the sentence as a paragraph whose top is at `top`, the
// first line indented two characters; returns its height.
absl::StatusOr<double> DrawSentence(cairo_t* cr, const CertificateArt& art, double top) {
  constexpr double kWidth = 620, kSize = 16;
  size_t name_begin = 0, name_end = 0;
  const std::string text = Sentence(art, &name_begin, &name_end);
  TextStyle style = Style(kSerifFamily, kSize, kInk);
  style.wrap_width = kWidth;
  style.line_spacing = 1.45;
  ASSIGN_OR_RETURN(LayoutPtr layout, MakeLayout(cr, text, style));
  pango_layout_set_indent(layout.get(), static_cast<int>(2 * kSize * PANGO_SCALE));
  PangoAttrList* attrs = pango_attr_list_new();
  PangoAttribute* weight = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
  weight->start_index = static_cast<unsigned>(name_begin);
  weight->end_index = static_cast<unsigned>(name_end);
  pango_attr_list_insert(attrs, weight);
  PangoAttribute* size = pango_attr_size_new_absolute(static_cast<int>(19 * PANGO_SCALE));
  size->start_index = static_cast<unsigned>(name_begin);
  size->end_index = static_cast<unsigned>(name_end);
  pango_attr_list_insert(attrs, size);
  pango_layout_set_attributes(layout.get(), attrs);
  pango_attr_list_unref(attrs);
  SetColor(cr, kInk);
  RETURN_IF_ERROR(DrawLayout(cr, layout.get(), kCenterX - kWidth / 2, top));
  return Measure(layout.get()).height;
}

// One label and value of the facts block.
struct Fact {
  const char* label;
  const std::string* value;
};

// Lays out `label` muted and `value` in ink at (x, top), the value wrapped
// at `right` and starting at `value_x`; draws them when `draw` is set (a
// first pass only measures). Returns the height used.
absl::StatusOr<double> DrawFact(cairo_t* cr, const Fact& fact, double x, double value_x,
                                double right, double top, bool draw) {
  TextStyle value = Style(kSansFamily, 12, kInk);
  value.wrap_width = right - value_x;
  ASSIGN_OR_RETURN(LayoutPtr value_layout, MakeLayout(cr, *fact.value, value));
  const TextExtents value_extents = Measure(value_layout.get());
  if (draw) {
    // Label and value share the first line's baseline.
    RETURN_IF_ERROR(DrawText(cr, fact.label, Style(kSansFamily, 11, kMuted), x,
                             top + value_extents.baseline, HAlign::kLeft, VAlign::kBaseline)
                        .status());
    SetColor(cr, value.color);
    RETURN_IF_ERROR(DrawLayout(cr, value_layout.get(), value_x, top));
  }
  return value_extents.height;
}

// The facts block spans these x coordinates: two columns of label and value,
// the programme (the longest value) across both.
constexpr double kFactsLeft = 172, kFactsRight = 670;
constexpr double kFactsPadding = 12;

// Lays out the facts from `top`, drawing them when `draw` is set; returns
// the height of the block.
absl::StatusOr<double> DrawFacts(cairo_t* cr, const CertificateArt& art, double top, bool draw) {
  constexpr double kColumn = (kFactsRight - kFactsLeft) / 2, kLabel = 72, kRowGap = 8;
  const std::vector<std::pair<Fact, Fact>> rows = {
      {{"姓　　名", &art.holder_name}, {"培养类别", &art.track}},
      {{"身份号码", &art.masked_national_id}, {"培养年度", &art.cohort}},
      {{"综合成绩", &art.score}, {"评定等级", &art.rating}},
  };
  double y = top;
  for (const auto& [left, right] : rows) {
    double height = 0;
    if (!left.value->empty()) {
      ASSIGN_OR_RETURN(height, DrawFact(cr, left, kFactsLeft, kFactsLeft + kLabel,
                                        kFactsLeft + kColumn - 12, y, draw));
    }
    if (!right.value->empty()) {
      ASSIGN_OR_RETURN(double right_height,
                       DrawFact(cr, right, kFactsLeft + kColumn, kFactsLeft + kColumn + kLabel,
                                kFactsRight, y, draw));
      height = std::max(height, right_height);
    }
    if (height > 0) y += height + kRowGap;
  }
  if (!art.programme.empty()) {
    ASSIGN_OR_RETURN(double height, DrawFact(cr, {"培养计划", &art.programme}, kFactsLeft,
                                             kFactsLeft + kLabel, kFactsRight, y, draw));
    y += height + kRowGap;
  }
  return y > top ? y - top - kRowGap : 0;
}

// The QR code of `url` (error correction level M) with its quiet zone, as a
// square of side kQrSide whose top left corner is (x, y). The dark modules of
// each row are merged into runs so no hairline seams show between them.
absl::Status DrawQrCode(cairo_t* cr, const std::string& url, double x, double y) {
  QRcode* code = QRcode_encodeString(url.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (code == nullptr) {
    if (errno == ERANGE) {
      return absl::InvalidArgumentError(absl::StrCat("verification_url is too long for a QR code (",
                                                     url.size(), " bytes): ", url));
    }
    return absl::InternalError(absl::StrCat("cannot encode the QR code of ", url));
  }
  const int modules = code->width;
  const double module = kQrSide / (modules + 2 * kQrQuietModules);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, x, y, kQrSide, kQrSide);
  cairo_fill(cr);
  const double origin_x = x + kQrQuietModules * module;
  const double origin_y = y + kQrQuietModules * module;
  for (int row = 0; row < modules; ++row) {
    int col = 0;
    while (col < modules) {
      if ((code->data[row * modules + col] & 1) == 0) {
        ++col;
        continue;
      }
      const int run_start = col;
      while (col < modules && (code->data[row * modules + col] & 1) != 0) ++col;
      cairo_rectangle(cr, origin_x + run_start * module, origin_y + row * module,
                      (col - run_start) * module, module);
    }
  }
  QRcode_free(code);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_fill(cr);
  return absl::OkStatus();
}

// The bottom band, above the inner frame: the number on the left, issuer
// and date in the middle, the QR code with its URL beneath on the right.
struct BandTops {
  double qr = 0;    // top of the QR code, on the right
  double text = 0;  // top of the number, issuer and date, left of it
};
absl::StatusOr<BandTops> DrawBottomBand(cairo_t* cr, const CertificateArt& art) {
  constexpr double kBottom = 536, kQrRight = kPageWidth - 50, kIssuerX = 530;
  constexpr double kBaseline = kBottom - 6;
  TextStyle url = Style(kSansFamily, 6.5, kMuted);
  // A long URL wraps (anywhere: it has no words) under the QR code rather
  // than running into the date.
  url.wrap_width = 190;
  url.paragraph = HAlign::kRight;
  ASSIGN_OR_RETURN(LayoutPtr url_layout, MakeLayout(cr, art.verification_url, url));
  pango_layout_set_wrap(url_layout.get(), PANGO_WRAP_CHAR);
  SetColor(cr, url.color);
  RETURN_IF_ERROR(
      DrawLayout(cr, url_layout.get(), kQrRight, kBottom, HAlign::kRight, VAlign::kBottom));
  const double qr_top = kBottom - Measure(url_layout.get()).height - 3 - kQrSide;
  RETURN_IF_ERROR(DrawQrCode(cr, art.verification_url, kQrRight - kQrSide, qr_top));
  BandTops tops{qr_top, kBaseline - 12};

  ASSIGN_OR_RETURN(TextExtents label, DrawText(cr, "证书编号", Style(kSansFamily, 10, kMuted), 72,
                                               kBaseline, HAlign::kLeft, VAlign::kBaseline));
  RETURN_IF_ERROR(DrawText(cr, art.number, Style(kSansFamily, 12, kInk, true), 72 + label.width + 8,
                           kBaseline, HAlign::kLeft, VAlign::kBaseline)
                      .status());
  if (!art.issue_date.empty()) {
    RETURN_IF_ERROR(DrawText(cr, art.issue_date, Style(kSerifFamily, 13, kInk), kIssuerX, kBaseline,
                             HAlign::kCenter, VAlign::kBaseline)
                        .status());
  }
  if (!art.issuer.empty()) {
    ASSIGN_OR_RETURN(TextExtents issuer,
                     DrawText(cr, art.issuer, Style(kSerifFamily, 17, kInk, true), kIssuerX,
                              kBaseline - 26, HAlign::kCenter, VAlign::kBaseline));
    tops.text = kBaseline - 26 - issuer.baseline;
  }
  return tops;
}

// A rehearsal certificate: "演练 REHEARSAL" large across the page, under
// everything else, and a plain line at the top saying what it is.
absl::Status DrawRehearsalMark(cairo_t* cr) {
  ASSIGN_OR_RETURN(LayoutPtr mark,
                   MakeLayout(cr, "演练 REHEARSAL", Style(kSansFamily, 84, kRehearsalInk, true)));
  RETURN_IF_ERROR(DrawLayout(cr, mark.get(), kCenterX, kPageHeight / 2, HAlign::kCenter,
                             VAlign::kMiddle, -0.45));
  return DrawText(cr, "演练 REHEARSAL · 演练数据库所发，并非正式证书 · not a real certificate",
                  Style(kSansFamily, 10, kRed, true), kCenterX, 30, HAlign::kCenter)
      .status();
}

absl::Status DrawCertificate(cairo_t* cr, const CertificateArt& art) {
  SetColor(cr, kPaper);
  cairo_paint(cr);
  if (art.rehearsal) RETURN_IF_ERROR(DrawRehearsalMark(cr));
  DrawFrame(cr);

  double y = 60;
  if (!art.title.empty()) {
    ASSIGN_OR_RETURN(
        TextExtents extents,
        DrawText(cr, art.title, Style(kSerifFamily, 36, kRed, true), kCenterX, y, HAlign::kCenter));
    y += extents.height;
  }
  if (!art.title_en.empty()) {
    TextStyle title_en = Style(kSerifFamily, 13, kMuted);
    title_en.letter_spacing = 1.2;
    ASSIGN_OR_RETURN(TextExtents extents,
                     DrawText(cr, art.title_en, title_en, kCenterX, y + 2, HAlign::kCenter));
    y += extents.height + 2;
  }
  DrawOrnament(cr, y + 14);
  y += 36;
  ASSIGN_OR_RETURN(double sentence_height, DrawSentence(cr, art, y));
  y += sentence_height;

  ASSIGN_OR_RETURN(const BandTops band, DrawBottomBand(cr, art));
  // The facts sit in a panel centred in the space left between the sentence
  // and the issuer (the panel ends left of the QR code, the sentence does
  // not); text that cannot fit is refused, never overlapped.
  ASSIGN_OR_RETURN(const double facts_height, DrawFacts(cr, art, 0, /*draw=*/false));
  const double panel_height = facts_height + 2 * kFactsPadding;
  const double room = band.text - 12 - y;
  const double overflow = std::max(y + 10 - band.qr, panel_height + 16 - room);
  if (overflow > 0) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "the certificate text is %.0f pt too tall for the page; shorten the programme title, "
        "holder name or verification URL",
        overflow));
  }
  const double panel_top = y + std::min(28.0, (room - panel_height) / 2);
  cairo_rectangle(cr, kFactsLeft - kFactsPadding, panel_top,
                  kFactsRight - kFactsLeft + 2 * kFactsPadding, panel_height);
  SetColor(cr, kPanel);
  cairo_fill_preserve(cr);
  SetColor(cr, kGold);
  cairo_set_line_width(cr, 0.6);
  cairo_stroke(cr);
  return DrawFacts(cr, art, panel_top + kFactsPadding, /*draw=*/true).status();
}

}  // namespace

absl::Status WriteCertificatePdf(const CertificateArt& art, const std::string& path) {
  RETURN_IF_ERROR(RequireField(art.holder_name, "holder_name"));
  RETURN_IF_ERROR(RequireField(art.number, "number"));
  RETURN_IF_ERROR(RequireField(art.verification_url, "verification_url"));
  return WritePdfFile(
      path, kPageWidth, kPageHeight,
      absl::StrCat(art.rehearsal ? "演练 REHEARSAL · " : "", art.title, " ", art.number),
      art.issuer, [&](cairo_t* cr) { return DrawCertificate(cr, art); });
}

}  // namespace talent::render
