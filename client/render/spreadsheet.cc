#include "client/render/spreadsheet.h"

#include <fcntl.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdio>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/text_width.h"

namespace talent::render {
namespace {

// Excel's own limits.
constexpr int kMaxCellChars = 32767;
constexpr double kMinWidth = 6;
constexpr double kMaxWidth = 60;

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The number a cell of a numeric column holds, or false when its text is
// not one (it is then stored as text).
bool AsNumber(const std::string& text, CellKind kind, double* value) {
  std::string_view digits = text;
  if (!digits.empty() && digits.front() == '-') digits.remove_prefix(1);
  if (kind == CellKind::kInteger) {
    if (!IsDigits(digits) || digits.size() > 15) return false;
  } else {
    size_t dot = digits.find('.');
    if (!IsDigits(digits.substr(0, dot)) ||
        (dot != std::string_view::npos && !IsDigits(digits.substr(dot + 1))) ||
        digits.size() > 17) {
      return false;
    }
  }
  return absl::SimpleAtod(text, value);
}

// Drops the C0 control characters XML 1.0 cannot carry (all but tab, line
// feed and carriage return) and caps the cell at Excel's length, counted in
// characters (UTF-8 is what the server sends).
std::string CellText(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
    out.push_back(c);
  }
  int chars = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    if ((static_cast<unsigned char>(out[i]) & 0xC0) == 0x80) continue;  // a continuation byte
    if (++chars > kMaxCellChars) {
      out.resize(i);
      break;
    }
  }
  return out;
}

absl::Status Failed(const std::string& path, lxw_error error) {
  return absl::InternalError(absl::StrCat("cannot write ", path, ": ", lxw_strerror(error)));
}

}  // namespace

absl::Status WriteXlsx(const std::string& path, const std::string& sheet_name,
                       const std::vector<SheetColumn>& columns,
                       const std::vector<std::vector<std::string>>& rows) {
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].size() != columns.size()) {
      return absl::InvalidArgumentError(absl::StrCat("row ", i + 1, " has ", rows[i].size(),
                                                     " cells for ", columns.size(), " columns"));
    }
  }
  if (rows.size() + 1 > LXW_ROW_MAX) {
    return absl::InvalidArgumentError(
        absl::StrCat(rows.size(), " rows are more than a worksheet holds"));
  }
  // The workbook holds personal data: a new temporary with a unique name and
  // mode 0600 (mkostemp), which libxlsxwriter then opens and fills.
  std::string tmp = path + ".XXXXXX";
  int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
  if (fd < 0) {
    return absl::InternalError(absl::StrCat("cannot write ", path, ": ", std::strerror(errno)));
  }
  ::close(fd);
  lxw_workbook* book = workbook_new(tmp.c_str());
  if (book == nullptr) {
    std::remove(tmp.c_str());
    return Failed(path, LXW_ERROR_CREATING_XLSX_FILE);
  }
  if (lxw_error e = workbook_validate_sheet_name(book, sheet_name.c_str()); e != LXW_NO_ERROR) {
    workbook_close(book);
    std::remove(tmp.c_str());
    return absl::InvalidArgumentError(
        absl::StrCat("worksheet name '", sheet_name, "': ", lxw_strerror(e)));
  }
  lxw_worksheet* sheet = workbook_add_worksheet(book, sheet_name.c_str());
  lxw_format* heading = workbook_add_format(book);
  format_set_bold(heading);
  format_set_bottom(heading, LXW_BORDER_THIN);
  lxw_format* text = workbook_add_format(book);
  format_set_num_format(text, "@");
  lxw_format* decimal2 = workbook_add_format(book);
  format_set_num_format(decimal2, "0.00");

  lxw_error error = LXW_NO_ERROR;
  const auto keep = [&](lxw_error e) {
    if (error == LXW_NO_ERROR) error = e;
  };
  for (size_t c = 0; c < columns.size(); ++c) {
    const lxw_col_t col = static_cast<lxw_col_t>(c);
    int width = common::DisplayWidth(columns[c].heading);
    for (const auto& row : rows) width = std::max(width, common::DisplayWidth(row[c]));
    keep(worksheet_set_column(sheet, col, col,
                              std::clamp(width + 2.0, kMinWidth, kMaxWidth),
                              columns[c].kind == CellKind::kText ? text : nullptr));
    keep(worksheet_write_string(sheet, 0, col, CellText(columns[c].heading).c_str(), heading));
  }
  worksheet_freeze_panes(sheet, 1, 0);
  for (size_t r = 0; r < rows.size(); ++r) {
    const lxw_row_t row = static_cast<lxw_row_t>(r + 1);
    for (size_t c = 0; c < columns.size(); ++c) {
      const lxw_col_t col = static_cast<lxw_col_t>(c);
      const std::string& cell = rows[r][c];
      if (cell.empty()) continue;
      double number = 0;
      if (columns[c].kind != CellKind::kText && AsNumber(cell, columns[c].kind, &number)) {
        keep(worksheet_write_number(sheet, row, col, number,
                                    columns[c].kind == CellKind::kDecimal2 ? decimal2 : nullptr));
      } else {
        keep(worksheet_write_string(sheet, row, col, CellText(cell).c_str(), text));
      }
    }
  }
  keep(workbook_close(book));
  if (error != LXW_NO_ERROR) {
    std::remove(tmp.c_str());
    return Failed(path, error);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return absl::InternalError(absl::StrCat("cannot write ", path));
  }
  return absl::OkStatus();
}

}  // namespace talent::render
