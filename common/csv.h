// RFC 4180 CSV as spreadsheets (Excel, WPS) save it: reading with CsvReader
// (streaming) or ParseCsv (whole text), writing with CsvEscape / CsvLine.
// Input is UTF-8 with or without a byte order mark, with CRLF, LF or bare CR
// line ends; quoted fields may hold commas, doubled quotes and line breaks.
// Every record carries the physical line it starts on, so import errors can
// point at the line a user sees in a text editor. The reader is lenient where
// spreadsheets are (a quote inside an unquoted field is an ordinary character;
// text after a closing quote is appended to the field) and strict where data
// would be lost (unterminated quotes, invalid UTF-8). CsvReader is not
// thread-safe; the free functions are.
#ifndef TALENT_COMMON_CSV_H_
#define TALENT_COMMON_CSV_H_

#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace talent::common {

// Excel only recognises a UTF-8 CSV when it starts with this; write it first
// in files meant to be opened in a spreadsheet.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

struct CsvRecord {
  int line = 0;  // 1-based physical line where the record starts
  std::vector<std::string> fields;
};

class CsvReader {
 public:
  // `in` must outlive the reader. A leading UTF-8 byte order mark is skipped.
  explicit CsvReader(std::istream* in);

  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Reads the next record into *record, reusing its storage. Returns true
  // when a record was read and false at the end of input. Empty lines are
  // skipped. Returns INVALID_ARGUMENT "line N: unterminated quoted field" or
  // "line N: not valid UTF-8 (save the file as CSV UTF-8)", and DATA_LOSS
  // when the stream fails; an error is final (every later call repeats it).
  absl::StatusOr<bool> Next(CsvRecord* record);

 private:
  friend absl::StatusOr<std::vector<CsvRecord>> ParseCsv(std::string_view text);

  // Reads directly from `text` (which must outlive the reader) without copying.
  explicit CsvReader(std::string_view text);

  enum class Outcome { kRecord, kBlankLine, kEnd, kError };
  // Reads one physical record; on kError the reason is in status_.
  Outcome ReadRecord(CsvRecord* record);
  // Discards the consumed buffer and reads the next chunk; false at the end
  // of input (or on a stream error, recorded in status_).
  bool Refill();
  void SkipBom();

  std::istream* in_ = nullptr;  // null when reading from a string
  std::string chunk_;
  const char* cur_ = nullptr;
  const char* end_ = nullptr;
  // The next '\n' or '\r' at or after cur_ in the buffer (or end_), cached so
  // each line is searched once, not once per field; null when unknown.
  const char* line_break_ = nullptr;
  int line_ = 1;
  bool started_ = false;
  absl::Status status_;
};

// Parses all of `text`; the same records and errors as CsvReader.
absl::StatusOr<std::vector<CsvRecord>> ParseCsv(std::string_view text);

// `field` as one CSV field: quoted (with quotes doubled) only when it holds a
// comma, quote, CR or LF, or starts or ends with a space or tab (which some
// readers trim); unchanged otherwise.
std::string CsvEscape(std::string_view field);

// `field` with a spreadsheet formula defused, by OWASP's rule for CSV
// injection: a field that starts with '=', '+', '-', '@', a tab or a
// carriage return gets a leading apostrophe, so Excel and WPS show it as
// text instead of running it ("=cmd|' /C calc'!A0"). A plain number
// ("-1.50") and a lone "-" (how listings print "none") are left alone:
// spreadsheets read them as a number or as text, never as a formula.
std::string DefuseFormula(std::string_view field);

enum class CsvCells {
  kVerbatim,        // for files read back by a program
  kForSpreadsheet,  // formulas defused (DefuseFormula)
};

// The escaped fields joined by ',' and ending in "\n". A single empty field is
// written as "\"\"\n" so that it is not read back as a skipped blank line.
std::string CsvLine(const std::vector<std::string>& fields,
                    CsvCells cells = CsvCells::kVerbatim);

}  // namespace talent::common

#endif  // TALENT_COMMON_CSV_H_
