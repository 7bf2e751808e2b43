#include "common/text_width.h"

#include <unistr.h>
#include <uniwidth.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>

namespace talent::common {
namespace {

// Width of valid UTF-8. u8_width stops at a NUL character, so each NUL-free
// piece is measured separately (NUL itself is a control character: 0).
int ValidUtf8Width(const uint8_t* s, size_t n) {
  int width = 0;
  while (n > 0) {
    const auto* nul = static_cast<const uint8_t*>(std::memchr(s, 0, n));
    const size_t piece = nul == nullptr ? n : static_cast<size_t>(nul - s);
    // "UTF-8" (not a CJK legacy encoding) keeps East Asian Ambiguous
    // characters such as '·' at one column, as UTF-8 terminals show them.
    width += u8_width(s, piece, "UTF-8");
    if (nul == nullptr) break;
    s += piece + 1;
    n -= piece + 1;
  }
  return width;
}

}  // namespace

int DisplayWidth(std::string_view utf8) {
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  size_t n = utf8.size();
  int width = 0;
  while (n > 0) {
    const uint8_t* bad = u8_check(s, n);
    const size_t valid = bad == nullptr ? n : static_cast<size_t>(bad - s);
    width += ValidUtf8Width(s, valid);
    if (bad == nullptr) break;
    width += 1;  // the invalid byte
    s += valid + 1;
    n -= valid + 1;
  }
  return width;
}

std::string PadToWidth(std::string_view text, int width, Align align) {
  const int padding = width - DisplayWidth(text);
  if (padding <= 0) return std::string(text);
  std::string padded;
  padded.reserve(text.size() + static_cast<size_t>(padding));
  if (align == Align::kRight) padded.append(static_cast<size_t>(padding), ' ');
  padded.append(text);
  if (align == Align::kLeft) padded.append(static_cast<size_t>(padding), ' ');
  return padded;
}

TextTable::TextTable(std::vector<std::string> headings, std::vector<Align> aligns)
    : headings_(std::move(headings)), aligns_(std::move(aligns)) {}

void TextTable::AddRow(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }

size_t TextTable::rows() const { return rows_.size(); }

std::string TextTable::Render() const {
  size_t columns = headings_.size();
  for (const auto& row : rows_) columns = std::max(columns, row.size());

  std::vector<int> widths(columns, 0);
  for (size_t c = 0; c < headings_.size(); ++c) widths[c] = DisplayWidth(headings_[c]);
  for (const auto& row : rows_) {
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], DisplayWidth(row[c]));
  }

  std::string out;
  auto render_line = [&](const std::vector<std::string>& cells) {
    const size_t line_start = out.size();
    for (size_t c = 0; c < columns; ++c) {
      if (c > 0) out.append("  ");
      const std::string_view cell = c < cells.size() ? std::string_view(cells[c]) : "";
      const Align align = c < aligns_.size() ? aligns_[c] : Align::kLeft;
      out.append(PadToWidth(cell, widths[c], align));
    }
    // Padding of the last columns would leave invisible trailing spaces that
    // break diffs and golden tests.
    while (out.size() > line_start && out.back() == ' ') out.pop_back();
    out.push_back('\n');
  };
  render_line(headings_);
  for (const auto& row : rows_) render_line(row);
  return out;
}

}  // namespace talent::common
