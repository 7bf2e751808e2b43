// Terminal display width of UTF-8 text and plain-text tables that stay
// aligned when cells mix ASCII and Chinese: a CJK character takes two columns
// but three bytes, so neither byte counts nor printf widths line up. The free
// functions are thread-safe; a TextTable is not.
#ifndef TALENT_COMMON_TEXT_WIDTH_H_
#define TALENT_COMMON_TEXT_WIDTH_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace talent::common {

// Columns `utf8` occupies on a terminal: East Asian Wide and Fullwidth
// characters 2, combining marks and control characters 0, others 1. Each byte
// that is not part of valid UTF-8 counts 1 (a terminal shows a replacement
// character for it).
int DisplayWidth(std::string_view utf8);

enum class Align { kLeft, kRight };

// `text` padded with spaces to `width` display columns, on the right for
// kLeft and on the left for kRight. Text already as wide or wider is returned
// unchanged: never truncated.
std::string PadToWidth(std::string_view text, int width, Align align = Align::kLeft);

class TextTable {
 public:
  // One column per heading; `aligns` gives each column's alignment (missing
  // entries are kLeft).
  explicit TextTable(std::vector<std::string> headings, std::vector<Align> aligns = {});

  // Appends a row. Missing cells are empty; cells beyond the headings are
  // kept in extra columns with empty headings rather than silently dropped.
  void AddRow(std::vector<std::string> cells);

  size_t rows() const;

  // The heading line, then one line per row. Columns are separated by two
  // spaces and padded to the display width of their widest cell; trailing
  // spaces are removed and every line ends in "\n". No border lines.
  std::string Render() const;

 private:
  std::vector<std::string> headings_;
  std::vector<Align> aligns_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace talent::common

#endif  // TALENT_COMMON_TEXT_WIDTH_H_
