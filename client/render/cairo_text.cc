#include "client/render/cairo_text.h"

#include <cairo-pdf.h>
#include <glib.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace talent::render {
namespace {

// Pango measures in 1/PANGO_SCALE units.
double FromPango(int units) { return static_cast<double>(units) / PANGO_SCALE; }

PangoAlignment ToPangoAlignment(HAlign h) {
  switch (h) {
    case HAlign::kLeft:
      return PANGO_ALIGN_LEFT;
    case HAlign::kCenter:
      return PANGO_ALIGN_CENTER;
    case HAlign::kRight:
      return PANGO_ALIGN_RIGHT;
  }
  return PANGO_ALIGN_LEFT;
}

// The cairo write function WriteFileAtomically renders with: it collects
// the file in memory (a certificate is a few hundred kilobytes).
cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// The canonical code for a failed g_file_set_contents_full. GError carries
// GLib's own file error codes, not errno, so absl::ErrnoToStatus cannot map
// them; these are the ones writing a file can give.
absl::StatusCode FileErrorCode(const GError* error) {
  if (error->domain != G_FILE_ERROR) return absl::StatusCode::kInternal;
  switch (error->code) {
    case G_FILE_ERROR_NOENT:
    case G_FILE_ERROR_NOTDIR:
      return absl::StatusCode::kNotFound;
    case G_FILE_ERROR_ACCES:
    case G_FILE_ERROR_PERM:
    case G_FILE_ERROR_ROFS:
      return absl::StatusCode::kPermissionDenied;
    case G_FILE_ERROR_NOSPC:
    case G_FILE_ERROR_NOMEM:
    case G_FILE_ERROR_MFILE:
    case G_FILE_ERROR_NFILE:
      return absl::StatusCode::kResourceExhausted;
    case G_FILE_ERROR_ISDIR:
    case G_FILE_ERROR_NAMETOOLONG:
      return absl::StatusCode::kInvalidArgument;
    default:
      return absl::StatusCode::kInternal;
  }
}

}  // namespace

absl::StatusOr<LayoutPtr> MakeLayout(cairo_t* cr, std::string_view text, const TextStyle& style) {
  if (!g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr)) {
    return absl::InvalidArgumentError(
        absl::StrCat("text is not valid UTF-8: \"", std::string(text), "\""));
  }
  LayoutPtr layout(pango_cairo_create_layout(cr));
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family(font, style.family);
  pango_font_description_set_absolute_size(font, style.size * PANGO_SCALE);
  pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout.get(), font);
  pango_font_description_free(font);
  if (style.wrap_width > 0) {
    pango_layout_set_width(layout.get(), static_cast<int>(style.wrap_width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout.get(), ToPangoAlignment(style.paragraph));
  }
  if (style.line_spacing > 0) pango_layout_set_line_spacing(layout.get(), style.line_spacing);
  if (style.letter_spacing != 0) {
    PangoAttrList* attrs = pango_attr_list_new();
    pango_attr_list_insert(
        attrs, pango_attr_letter_spacing_new(static_cast<int>(style.letter_spacing * PANGO_SCALE)));
    pango_layout_set_attributes(layout.get(), attrs);
    pango_attr_list_unref(attrs);
  }
  pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
  return layout;
}

TextExtents Measure(PangoLayout* layout) {
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  return {FromPango(logical.width), FromPango(logical.height),
          FromPango(pango_layout_get_baseline(layout) - logical.y)};
}

absl::Status CheckGlyphs(PangoLayout* layout) {
  const int unknown = pango_layout_get_unknown_glyphs_count(layout);
  if (unknown == 0) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(
      "no installed font can draw ", unknown, " character(s) of \"", pango_layout_get_text(layout),
      "\"; install fonts-noto-cjk ('fc-list :lang=zh' lists the Chinese fonts) or correct the "
      "text"));
}

absl::Status DrawLayout(cairo_t* cr, PangoLayout* layout, double x, double y, HAlign h, VAlign v,
                        double rotation) {
  cairo_save(cr);
  cairo_translate(cr, x, y);
  cairo_rotate(cr, rotation);
  // Hinting depends on the transformation, so measure under the final one.
  pango_cairo_update_layout(cr, layout);
  if (absl::Status glyphs = CheckGlyphs(layout); !glyphs.ok()) {
    cairo_restore(cr);
    return glyphs;
  }
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  const double width = FromPango(logical.width);
  const double height = FromPango(logical.height);
  double left = 0;
  if (h == HAlign::kCenter) left = -width / 2;
  if (h == HAlign::kRight) left = -width;
  double top = 0;
  if (v == VAlign::kMiddle) top = -height / 2;
  if (v == VAlign::kBottom) top = -height;
  if (v == VAlign::kBaseline) top = -FromPango(pango_layout_get_baseline(layout) - logical.y);
  cairo_move_to(cr, left - FromPango(logical.x), top - FromPango(logical.y));
  pango_cairo_show_layout(cr, layout);
  cairo_restore(cr);
  return absl::OkStatus();
}

absl::StatusOr<TextExtents> DrawText(cairo_t* cr, std::string_view text, const TextStyle& style,
                                     double x, double y, HAlign h, VAlign v) {
  absl::StatusOr<LayoutPtr> layout = MakeLayout(cr, text, style);
  if (!layout.ok()) return layout.status();
  SetColor(cr, style.color);
  absl::Status drawn = DrawLayout(cr, layout->get(), x, y, h, v);
  if (!drawn.ok()) return drawn;
  return Measure(layout->get());
}

absl::Status CairoStatusToStatus(cairo_status_t status, std::string_view what) {
  if (status == CAIRO_STATUS_SUCCESS) return absl::OkStatus();
  return absl::InternalError(absl::StrCat(std::string(what), ": ", cairo_status_to_string(status)));
}

absl::Status WriteFileAtomically(const std::string& path, const StreamRenderer& render) {
  std::string contents;
  RETURN_IF_ERROR(render(&AppendToString, &contents));
  return WriteBytesAtomically(path, contents);
}

absl::Status WritePdfFile(const std::string& path, double width, double height,
                          const std::string& title, const std::string& author,
                          const std::function<absl::Status(cairo_t*)>& draw) {
  return WriteFileAtomically(path, [&](cairo_write_func_t write, void* closure) -> absl::Status {
    SurfacePtr surface(cairo_pdf_surface_create_for_stream(write, closure, width, height));
    RETURN_IF_ERROR(CairoStatusToStatus(cairo_surface_status(surface.get()),
                                        absl::StrCat("cannot start ", path)));
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR, author.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "talentctl");
    {
      CairoPtr cr(cairo_create(surface.get()));
      RETURN_IF_ERROR(draw(cr.get()));
      RETURN_IF_ERROR(
          CairoStatusToStatus(cairo_status(cr.get()), absl::StrCat("cannot draw ", path)));
    }
    cairo_surface_finish(surface.get());
    return CairoStatusToStatus(cairo_surface_status(surface.get()),
                               absl::StrCat("cannot write ", path));
  });
}

absl::Status WriteBytesAtomically(const std::string& path, const std::string& contents) {
  // GLib writes a temporary file beside `path`, syncs it and renames it over
  // `path`, removing it on failure: the file is either untouched or whole.
  GError* error = nullptr;
  if (g_file_set_contents_full(path.c_str(), contents.data(), static_cast<gssize>(contents.size()),
                               static_cast<GFileSetContentsFlags>(G_FILE_SET_CONTENTS_CONSISTENT |
                                                                  G_FILE_SET_CONTENTS_DURABLE),
                               0666, &error)) {
    return absl::OkStatus();
  }
  absl::Status status(FileErrorCode(error),
                      absl::StrCat("cannot write ", path, ": ", error->message));
  g_error_free(error);
  return status;
}

}  // namespace talent::render
