#include "client/render/notice_pdf.h"

#include <algorithm>
#include <cstdio>
#include <functional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "client/render/cairo_text.h"
#include "common/status_macros.h"

namespace talent::render {
namespace {

constexpr double kPageWidth = 595;   // A4 portrait, points
constexpr double kPageHeight = 842;
constexpr double kMargin = 56;
constexpr double kRight = kPageWidth - kMargin;
constexpr double kContentWidth = kPageWidth - 2 * kMargin;
constexpr double kBottom = kPageHeight - 64;  // the table and text stop here
constexpr double kFooterY = kPageHeight - 36;
constexpr double kCellPadX = 6;
constexpr double kCellPadY = 4;
constexpr double kMinWideColumn = 90;

constexpr Rgb kInk = RgbFromHex(0x202124);
constexpr Rgb kMuted = RgbFromHex(0x5F6368);
constexpr Rgb kRule = RgbFromHex(0x9AA0A6);
constexpr Rgb kHeadFill = RgbFromHex(0xECEFF1);
constexpr Rgb kRed = RgbFromHex(0xB3261E);
constexpr Rgb kRehearsalInk = RgbFromHex(0xF0D2CC);

TextStyle Body(double wrap_width = kContentWidth) {
  TextStyle style = Style(kSerifFamily, 11.5, kInk);
  style.wrap_width = wrap_width;
  style.line_spacing = 1.45;
  return style;
}
TextStyle Cell(double wrap_width, bool head) {
  TextStyle style = Style(kSansFamily, 10, kInk, head);
  style.wrap_width = wrap_width;
  return style;
}

// Walks the document top to bottom, breaking pages where the next piece
// does not fit. Run once without drawing to count the pages, then again
// drawing them, so every footer can say how many there are.
class Pager {
 public:
  Pager(cairo_t* cr, const NoticeArt& art, bool draw, int pages)
      : cr_(cr), art_(art), draw_(draw), pages_(pages) {}

  int page() const { return page_; }

  absl::Status Run() {
    RETURN_IF_ERROR(StartPage());
    RETURN_IF_ERROR(Title());
    for (const std::string& paragraph : art_.paragraphs) RETURN_IF_ERROR(Paragraph(paragraph));
    y_ += 6;
    RETURN_IF_ERROR(Table());
    y_ += 10;
    for (const std::string& paragraph : art_.closing) RETURN_IF_ERROR(Paragraph(paragraph));
    return Signature();
  }

 private:
  absl::Status StartPage() {
    y_ = kMargin;
    if (!draw_) return absl::OkStatus();
    SetColor(cr_, RgbFromHex(0xFFFFFF));
    cairo_paint(cr_);
    if (art_.rehearsal) {
      ASSIGN_OR_RETURN(LayoutPtr mark, MakeLayout(cr_, "演练 REHEARSAL",
                                                  Style(kSansFamily, 72, kRehearsalInk, true)));
      RETURN_IF_ERROR(DrawLayout(cr_, mark.get(), kPageWidth / 2, kPageHeight / 2,
                                 HAlign::kCenter, VAlign::kMiddle, -0.9));
      RETURN_IF_ERROR(DrawText(cr_, "演练 REHEARSAL · 演练数据库所出，并非正式公示 · not a real notice",
                               Style(kSansFamily, 9, kRed, true), kPageWidth / 2, 24,
                               HAlign::kCenter)
                          .status());
    }
    const std::string footer = absl::StrFormat(
        *absl::ParsedFormat<'d', 'd'>::New(art_.page_label.empty() ? "%d / %d" : art_.page_label),
        page_, pages_);
    return DrawText(cr_, footer, Style(kSansFamily, 9, kMuted), kPageWidth / 2, kFooterY,
                    HAlign::kCenter, VAlign::kTop)
        .status();
  }

  absl::Status NextPage() {
    if (draw_) cairo_show_page(cr_);
    ++page_;
    return StartPage();
  }

  // Room for `height` more points on this page, or a new page.
  absl::Status Need(double height) {
    if (y_ + height <= kBottom || y_ == kMargin) return absl::OkStatus();
    return NextPage();
  }

  absl::Status Put(PangoLayout* layout, double x, HAlign h = HAlign::kLeft) {
    if (!draw_) return CheckGlyphs(layout);
    return DrawLayout(cr_, layout, x, y_, h, VAlign::kTop);
  }

  absl::Status Title() {
    TextStyle title = Style(kSerifFamily, 18, kInk, true);
    title.wrap_width = kContentWidth;
    title.paragraph = HAlign::kCenter;
    ASSIGN_OR_RETURN(LayoutPtr layout, MakeLayout(cr_, art_.title, title));
    SetColor(cr_, title.color);
    RETURN_IF_ERROR(Put(layout.get(), kPageWidth / 2, HAlign::kCenter));
    y_ += Measure(layout.get()).height + 4;
    if (!art_.subtitle.empty()) {
      TextStyle sub = Style(kSansFamily, 9.5, kMuted);
      sub.wrap_width = kContentWidth;
      sub.paragraph = HAlign::kCenter;
      ASSIGN_OR_RETURN(LayoutPtr small, MakeLayout(cr_, art_.subtitle, sub));
      SetColor(cr_, sub.color);
      RETURN_IF_ERROR(Put(small.get(), kPageWidth / 2, HAlign::kCenter));
      y_ += Measure(small.get()).height;
    }
    y_ += 18;
    return absl::OkStatus();
  }

  absl::Status Paragraph(const std::string& text) {
    if (text.empty()) return absl::OkStatus();
    // The first line indented by two ideographic spaces, as Chinese prose
    // is typed (a pango indent would be lost on a one-line paragraph, which
    // DrawLayout aligns by its ink).
    ASSIGN_OR_RETURN(LayoutPtr layout, MakeLayout(cr_, "\u3000\u3000" + text, Body()));
    const double height = Measure(layout.get()).height;
    RETURN_IF_ERROR(Need(height));
    SetColor(cr_, kInk);
    RETURN_IF_ERROR(Put(layout.get(), kMargin));
    y_ += height + 6;
    return absl::OkStatus();
  }

  // Column widths: each narrow column as wide as its widest cell, the wide
  // column what is left.
  absl::Status Widths() {
    const size_t n = art_.headings.size();
    widths_.assign(n, 0);
    for (size_t c = 0; c < n; ++c) {
      if (c == art_.wide_column) continue;
      auto widen = [&](const std::string& text, bool head) -> absl::Status {
        ASSIGN_OR_RETURN(LayoutPtr layout, MakeLayout(cr_, text, Cell(0, head)));
        widths_[c] = std::max(widths_[c], Measure(layout.get()).width + 2 * kCellPadX);
        return absl::OkStatus();
      };
      RETURN_IF_ERROR(widen(art_.headings[c], true));
      for (const std::vector<std::string>& row : art_.rows) RETURN_IF_ERROR(widen(row[c], false));
    }
    double narrow = 0;
    for (double w : widths_) narrow += w;
    widths_[art_.wide_column] = kContentWidth - narrow;
    if (widths_[art_.wide_column] < kMinWideColumn) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "the notice's columns are %.0f pt too wide for an A4 page; shorten the longest cells",
          kMinWideColumn - widths_[art_.wide_column]));
    }
    return absl::OkStatus();
  }

  // One row of cells; `head` draws it bold on a grey band.
  absl::Status Row(const std::vector<std::string>& cells, bool head) {
    std::vector<LayoutPtr> layouts;
    double height = 0;
    for (size_t c = 0; c < cells.size(); ++c) {
      ASSIGN_OR_RETURN(LayoutPtr layout,
                       MakeLayout(cr_, cells[c], Cell(widths_[c] - 2 * kCellPadX, head)));
      height = std::max(height, Measure(layout.get()).height);
      layouts.push_back(std::move(layout));
    }
    height += 2 * kCellPadY;
    if (!head && y_ + height > kBottom) {
      RETURN_IF_ERROR(NextPage());
      RETURN_IF_ERROR(Row(art_.headings, true));  // the heading again on each page
    }
    if (draw_) {
      if (head) {
        SetColor(cr_, kHeadFill);
        cairo_rectangle(cr_, kMargin, y_, kContentWidth, height);
        cairo_fill(cr_);
      }
      SetColor(cr_, kRule);
      cairo_set_line_width(cr_, head ? 0.8 : 0.4);
      cairo_move_to(cr_, kMargin, y_ + height);
      cairo_line_to(cr_, kRight, y_ + height);
      cairo_stroke(cr_);
    }
    double x = kMargin;
    SetColor(cr_, kInk);
    const double top = y_;
    for (size_t c = 0; c < layouts.size(); ++c) {
      y_ = top + kCellPadY;
      RETURN_IF_ERROR(Put(layouts[c].get(), x + kCellPadX));
      x += widths_[c];
    }
    y_ = top + height;
    return absl::OkStatus();
  }

  absl::Status Table() {
    if (art_.rows.empty()) return Paragraph(art_.no_rows);
    RETURN_IF_ERROR(Widths());
    RETURN_IF_ERROR(Need(60));  // the heading never ends a page alone
    RETURN_IF_ERROR(Row(art_.headings, true));
    for (const std::vector<std::string>& row : art_.rows) RETURN_IF_ERROR(Row(row, false));
    return absl::OkStatus();
  }

  absl::Status Signature() {
    TextStyle style = Style(kSerifFamily, 12, kInk);
    ASSIGN_OR_RETURN(LayoutPtr issuer, MakeLayout(cr_, art_.issuer, style));
    ASSIGN_OR_RETURN(LayoutPtr date, MakeLayout(cr_, art_.date, style));
    const double issuer_height = Measure(issuer.get()).height;
    RETURN_IF_ERROR(Need(24 + issuer_height + Measure(date.get()).height));
    y_ += 24;
    SetColor(cr_, kInk);
    RETURN_IF_ERROR(Put(issuer.get(), kRight, HAlign::kRight));
    y_ += issuer_height + 2;
    return Put(date.get(), kRight, HAlign::kRight);
  }

  cairo_t* const cr_;
  const NoticeArt& art_;
  const bool draw_;
  const int pages_;
  int page_ = 1;
  double y_ = kMargin;
  std::vector<double> widths_;
};

absl::Status CheckArt(const NoticeArt& art) {
  if (art.title.empty()) return absl::InvalidArgumentError("the notice needs a title");
  if (art.issuer.empty()) return absl::InvalidArgumentError("the notice needs an issuer");
  if (art.wide_column >= art.headings.size()) {
    return absl::InvalidArgumentError(absl::StrCat("wide_column ", art.wide_column, " of ",
                                                   art.headings.size(), " headings"));
  }
  for (size_t i = 0; i < art.rows.size(); ++i) {
    if (art.rows[i].size() != art.headings.size()) {
      return absl::InvalidArgumentError(absl::StrCat("row ", i + 1, " has ", art.rows[i].size(),
                                                     " cells for ", art.headings.size(),
                                                     " headings"));
    }
  }
  if (!art.page_label.empty() && !absl::ParsedFormat<'d', 'd'>::New(art.page_label)) {
    return absl::InvalidArgumentError("page_label must hold two %d: the page, then the pages");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status WriteNoticePdf(const NoticeArt& art, const std::string& path) {
  RETURN_IF_ERROR(CheckArt(art));
  return WritePdfFile(path, kPageWidth, kPageHeight,
                      absl::StrCat(art.rehearsal ? "演练 REHEARSAL · " : "", art.title),
                      art.issuer, [&](cairo_t* cr) -> absl::Status {
                        Pager count(cr, art, /*draw=*/false, 0);
                        RETURN_IF_ERROR(count.Run());
                        Pager pages(cr, art, /*draw=*/true, count.page());
                        return pages.Run();
                      });
}

}  // namespace talent::render
