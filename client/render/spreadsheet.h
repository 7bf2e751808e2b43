// Listings as an Excel workbook (.xlsx, through libxlsxwriter): one
// worksheet with a bold, frozen heading row, columns as wide as their
// widest cell, numbers stored as numbers and everything else as text (so
// that Excel never turns an identity number into 5.10104E+17 or a leading
// "=" into a formula). Thread-compatible.
#ifndef TALENT_CLIENT_RENDER_SPREADSHEET_H_
#define TALENT_CLIENT_RENDER_SPREADSHEET_H_

#include <string>
#include <vector>

#include "absl/status/status.h"

namespace talent::render {

// How a column's cells are stored. A cell of a numeric column whose text is
// not a plain number ("-" for no rank, a reason) is stored as text; an
// empty cell is left blank.
enum class CellKind {
  kText,      // text, and the column formatted as text ("@")
  kInteger,   // a whole number: -?[0-9]{1,15}
  kDecimal2,  // a decimal number shown with two decimals (scores): -?[0-9]+(.[0-9]+)?
};

struct SheetColumn {
  std::string heading;
  CellKind kind = CellKind::kText;
};

// Writes `rows` under `columns` to `path`: written beside it first, then
// renamed, so `path` is whole or unchanged. `sheet_name` is the worksheet's
// tab (at most 31 characters, none of []:*?/\). The file is readable by
// its owner only (it may hold personal data). Control characters that the
// file format cannot hold are dropped; a cell is cut at Excel's 32,767
// characters. INVALID_ARGUMENT for a bad sheet name
// or a row of the wrong width; INTERNAL, naming `path`, when the file cannot
// be written.
absl::Status WriteXlsx(const std::string& path, const std::string& sheet_name,
                       const std::vector<SheetColumn>& columns,
                       const std::vector<std::vector<std::string>>& rows);

}  // namespace talent::render

#endif  // TALENT_CLIENT_RENDER_SPREADSHEET_H_
