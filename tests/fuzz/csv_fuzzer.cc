// The CSV reader (common/csv.h) on any bytes: the streaming reader and the
// whole-text parser agree (records, lines, errors); line numbers only grow;
// and whatever parses, written back with CsvLine after a byte order mark,
// reads back as the same fields — also with formulas defused, where each
// field is the original or the original after an apostrophe.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "common/csv.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using talent::common::CsvCells;
using talent::common::CsvLine;
using talent::common::CsvReader;
using talent::common::CsvRecord;
using talent::common::DefuseFormula;
using talent::common::kUtf8Bom;
using talent::common::ParseCsv;

std::vector<std::vector<std::string>> Fields(const std::vector<CsvRecord>& records) {
  std::vector<std::vector<std::string>> fields;
  for (const CsvRecord& r : records) fields.push_back(r.fields);
  return fields;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const absl::StatusOr<std::vector<CsvRecord>> whole = ParseCsv(text);

  std::istringstream in(text);
  CsvReader reader(&in);
  std::vector<CsvRecord> streamed;
  absl::Status stream_status;
  CsvRecord record;
  while (true) {
    absl::StatusOr<bool> more = reader.Next(&record);
    if (!more.ok()) {
      stream_status = more.status();
      // An error is final.
      FUZZ_CHECK(reader.Next(&record).status() == stream_status);
      break;
    }
    if (!*more) break;
    streamed.push_back(record);
  }
  FUZZ_CHECK(whole.ok() == stream_status.ok());
  if (!whole.ok()) {
    FUZZ_CHECK(whole.status() == stream_status);
    FUZZ_CHECK(whole.status().code() == absl::StatusCode::kInvalidArgument);
    return 0;
  }
  FUZZ_CHECK(whole->size() == streamed.size());
  int previous_line = 0;
  for (size_t i = 0; i < whole->size(); ++i) {
    FUZZ_CHECK((*whole)[i].line == streamed[i].line);
    FUZZ_CHECK((*whole)[i].fields == streamed[i].fields);
    FUZZ_CHECK((*whole)[i].line > previous_line);
    FUZZ_CHECK(!(*whole)[i].fields.empty());
    previous_line = (*whole)[i].line;
  }

  std::string written(kUtf8Bom);
  std::string defused(kUtf8Bom);
  for (const CsvRecord& r : *whole) {
    written += CsvLine(r.fields);
    defused += CsvLine(r.fields, CsvCells::kForSpreadsheet);
  }
  const absl::StatusOr<std::vector<CsvRecord>> again = ParseCsv(written);
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(Fields(*again) == Fields(*whole));

  const absl::StatusOr<std::vector<CsvRecord>> spreadsheet = ParseCsv(defused);
  FUZZ_CHECK(spreadsheet.ok());
  FUZZ_CHECK(spreadsheet->size() == whole->size());
  for (size_t i = 0; i < whole->size(); ++i) {
    const std::vector<std::string>& original = (*whole)[i].fields;
    const std::vector<std::string>& cells = (*spreadsheet)[i].fields;
    FUZZ_CHECK(cells.size() == original.size());
    for (size_t k = 0; k < cells.size(); ++k) {
      FUZZ_CHECK(cells[k] == DefuseFormula(original[k]));
      FUZZ_CHECK(cells[k] == original[k] || cells[k] == "'" + original[k]);
    }
  }
  return 0;
}
