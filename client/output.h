// What talentctl prints, as text: rows as an aligned table or CSV, one record
// as FIELD / VALUE lines or CSV, and a message as proto3 JSON. Headings and
// field names here are already in the user's language (CliContext looks the
// label keys up and writes the text). Pure functions; thread-safe.
#ifndef TALENT_CLIENT_OUTPUT_H_
#define TALENT_CLIENT_OUTPUT_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "google/protobuf/message.h"

namespace talent::client {

// kXlsx writes an Excel workbook to the file named after -o xlsx.
enum class Format { kTable, kJson, kCsv, kXlsx };

// CSV and xlsx are data: nothing but the rows (notes go to the error output).
inline bool IsDataFormat(Format format) { return format == Format::kCsv || format == Format::kXlsx; }

using Rows = std::vector<std::vector<std::string>>;
using Fields = std::vector<std::pair<std::string, std::string>>;

// kCsv: the headings, then each row, as CSV lines, with spreadsheet formulas
// defused (common::DefuseFormula). Otherwise a table whose columns are
// padded to their widest cell in display columns (a Chinese character takes
// two), separated by two spaces, without trailing spaces, and without
// control or invisible characters (common::SanitizeForDisplay).
std::string FormatRows(Format format, const std::vector<std::string>& headings, const Rows& rows);

// kCsv: a heading line of the names and a line of the values (defused as
// above). Otherwise one line per field: the name padded to the widest name,
// two spaces, the value (without control or invisible characters).
std::string FormatRecord(Format format, const Fields& fields);

// The message as proto3 JSON with whitespace and camelCase names, ending in
// a newline. INTERNAL when it cannot be printed.
absl::StatusOr<std::string> FormatJson(const google::protobuf::Message& message);

// The items joined by ", " (the flags column of results).
std::string JoinComma(const std::vector<std::string>& items);

}  // namespace talent::client

#endif  // TALENT_CLIENT_OUTPUT_H_
