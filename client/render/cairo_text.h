// Helpers shared by the renderers in client/render/: owners for cairo and
// pango objects, text layouts in a given face and size drawn at a point with
// an alignment, a check that every character of a layout has a glyph in some
// installed font (so a missing CJK font is an error, never tofu boxes on a
// certificate), and writing a file through a temporary beside it so a failed
// render never leaves a half-written file. The functions are thread-safe; the
// cairo and pango objects they take or return are not (one cairo_t per
// thread, as cairo requires).
#ifndef TALENT_CLIENT_RENDER_CAIRO_TEXT_H_
#define TALENT_CLIENT_RENDER_CAIRO_TEXT_H_

#include <cairo.h>
#include <pango/pangocairo.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace talent::render {

// The faces every renderer uses (Debian package fonts-noto-cjk). Both cover
// Latin as well as Chinese, so mixed labels keep one look.
inline constexpr char kSansFamily[] = "Noto Sans CJK SC";
inline constexpr char kSerifFamily[] = "Noto Serif CJK SC";

struct CairoDeleter {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
using CairoPtr = std::unique_ptr<cairo_t, CairoDeleter>;
using SurfacePtr = std::unique_ptr<cairo_surface_t, CairoDeleter>;

struct GObjectDeleter {
  void operator()(void* object) const { g_object_unref(object); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectDeleter>;

// An opaque colour with components in 0..1, as cairo takes them.
struct Rgb {
  double r = 0, g = 0, b = 0;
};
constexpr Rgb RgbFromHex(uint32_t rgb) {
  return {((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0, (rgb & 0xFF) / 255.0};
}
inline void SetColor(cairo_t* cr, const Rgb& color) {
  cairo_set_source_rgb(cr, color.r, color.g, color.b);
}

enum class HAlign { kLeft, kCenter, kRight };
enum class VAlign { kTop, kMiddle, kBaseline, kBottom };

struct TextStyle {
  const char* family = kSansFamily;
  // The em size in user units: pixels on image and SVG surfaces, points on
  // PDF. Set as an absolute size, so pango's 96 dpi default never scales it.
  double size = 12;
  bool bold = false;
  Rgb color;
  // > 0: wrap at this width (user units), aligning lines by `paragraph`.
  double wrap_width = 0;
  HAlign paragraph = HAlign::kLeft;
  double line_spacing = 0;    // factor of the font height; 0 keeps the font's own
  double letter_spacing = 0;  // extra space between characters, user units
};

// Most text needs only these; the rest keep their defaults.
inline TextStyle Style(const char* family, double size, const Rgb& color, bool bold = false) {
  TextStyle style;
  style.family = family;
  style.size = size;
  style.color = color;
  style.bold = bold;
  return style;
}

// The logical box of a layout in user units; `baseline` is measured from the
// top of the box to the first line's baseline.
struct TextExtents {
  double width = 0, height = 0, baseline = 0;
};

// A layout of `text` in `style` for drawing on `cr`. INVALID_ARGUMENT when
// `text` is not valid UTF-8.
absl::StatusOr<LayoutPtr> MakeLayout(cairo_t* cr, std::string_view text, const TextStyle& style);

TextExtents Measure(PangoLayout* layout);

// FAILED_PRECONDITION, naming the text, when any character of `layout` has
// no glyph in any installed font; OK otherwise.
absl::Status CheckGlyphs(PangoLayout* layout);

// Draws `layout` so that its logical box has the given alignment at (x, y);
// `rotation` (radians, clockwise on screen) turns the box about that point.
// Runs CheckGlyphs first and draws nothing when it fails (FAILED_PRECONDITION).
absl::Status DrawLayout(cairo_t* cr, PangoLayout* layout, double x, double y,
                        HAlign h = HAlign::kLeft, VAlign v = VAlign::kTop, double rotation = 0);

// MakeLayout then DrawLayout; returns the extents drawn, or their errors.
absl::StatusOr<TextExtents> DrawText(cairo_t* cr, std::string_view text, const TextStyle& style,
                                     double x, double y, HAlign h = HAlign::kLeft,
                                     VAlign v = VAlign::kTop);

// OK for CAIRO_STATUS_SUCCESS; otherwise INTERNAL with cairo's description
// and `what` (which should name the file being rendered).
absl::Status CairoStatusToStatus(cairo_status_t status, std::string_view what);

// Produces the bytes of a file: `write` and `closure` are a cairo write
// function and its argument, ready for cairo_pdf_surface_create_for_stream,
// cairo_svg_surface_create_for_stream or cairo_surface_write_to_png_stream.
using StreamRenderer = std::function<absl::Status(cairo_write_func_t write, void* closure)>;

// Calls `render` to produce the file's bytes, then writes them to a
// temporary file beside `path`, syncs it and renames it over `path`
// (g_file_set_contents_full); on any failure `path` is left as it was and no
// temporary remains. Returns `render`'s error if it fails; otherwise, when
// the file cannot be written, NOT_FOUND (missing directory),
// PERMISSION_DENIED, RESOURCE_EXHAUSTED (disk full), INVALID_ARGUMENT
// (`path` is a directory) or INTERNAL, with a message naming `path`.
absl::Status WriteFileAtomically(const std::string& path, const StreamRenderer& render);

// A PDF document of `width` x `height` points (every page), with its title
// and author in the metadata and talentctl as its creator, drawn by `draw`
// on one cairo context (which shows pages itself when it needs more than
// one), and written as WriteFileAtomically writes. Returns `draw`'s error,
// cairo's (INTERNAL, naming `path`), or the file's.
absl::Status WritePdfFile(const std::string& path, double width, double height,
                          const std::string& title, const std::string& author,
                          const std::function<absl::Status(cairo_t*)>& draw);

// The same for bytes already in hand (an exported credential).
absl::Status WriteBytesAtomically(const std::string& path, const std::string& contents);

}  // namespace talent::render

#endif  // TALENT_CLIENT_RENDER_CAIRO_TEXT_H_
