// The public notice (公示) of a round's results, and the confirmed list
// (确认名单), as the public reads them on paper: A4 portrait PDF pages with
// the title, the opening paragraphs, a table of names that runs over as many
// pages as it needs (its heading repeated on each), how to object, and the
// issuer with the date, with "第 1 页 共 2 页" at the foot of every page.
// Chinese is set in the Noto CJK faces and embedded (see cairo_text.h).
// WriteNoticePdf is thread-safe.
#ifndef TALENT_CLIENT_RENDER_NOTICE_PDF_H_
#define TALENT_CLIENT_RENDER_NOTICE_PDF_H_

#include <string>
#include <vector>

#include "absl/status/status.h"

namespace talent::render {

// Everything printed, already localised; all strings UTF-8.
struct NoticeArt {
  std::string title;     // "四川社会工作人才计划2023年度中期考核结果公示"
  std::string subtitle;  // smaller, under the title (e.g. the English title); may be empty
  std::vector<std::string> paragraphs;  // above the table
  std::vector<std::string> headings;    // the table's columns
  // Each row has one cell per heading. The column `wide_column` takes the
  // width the others leave and wraps; the others are as wide as their
  // widest cell.
  std::vector<std::vector<std::string>> rows;
  size_t wide_column = 0;
  std::string no_rows;                 // printed instead of an empty table
  std::vector<std::string> closing;    // below the table
  std::string issuer;                  // right-aligned at the end
  std::string date;                    // under the issuer
  std::string page_label;              // "第 %d 页 共 %d 页": two %d, page then pages
  // From a rehearsal database: "演练 REHEARSAL" across every page.
  bool rehearsal = false;
};

// Writes the notice to `path` as A4 portrait pages (595 x 842 pt), replacing
// any file there only once the whole document is written. Returns
//   INVALID_ARGUMENT   when the title or issuer is empty, a row's cell count
//                      differs from the headings', `wide_column` is out of
//                      range, a text is not valid UTF-8, or the narrow
//                      columns leave the wide one too little room;
//   FAILED_PRECONDITION when a character has no glyph in any installed font;
//   the errno-derived code naming `path` when it cannot be written;
//   INTERNAL           when cairo fails otherwise.
absl::Status WriteNoticePdf(const NoticeArt& art, const std::string& path);

}  // namespace talent::render

#endif  // TALENT_CLIENT_RENDER_NOTICE_PDF_H_
