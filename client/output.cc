#include "client/output.h"

#include <algorithm>

#include "common/csv.h"
#include "common/text_safety.h"
#include "common/text_width.h"
#include "google/protobuf/util/json_util.h"

namespace talent::client {
namespace {

// What a terminal is given: the text without control or invisible characters.
std::string ForTerminal(const std::string& text) {
  return common::SanitizeForDisplay(text, 0);
}

}  // namespace

std::string FormatRows(Format format, const std::vector<std::string>& headings, const Rows& rows) {
  if (format == Format::kCsv) {
    std::string out = common::CsvLine(headings, common::CsvCells::kForSpreadsheet);
    for (const auto& row : rows) out += common::CsvLine(row, common::CsvCells::kForSpreadsheet);
    return out;
  }
  common::TextTable table(headings);
  for (const auto& row : rows) {
    std::vector<std::string> cells;
    cells.reserve(row.size());
    for (const std::string& cell : row) cells.push_back(ForTerminal(cell));
    table.AddRow(cells);
  }
  return table.Render();
}

std::string FormatRecord(Format format, const Fields& fields) {
  if (format == Format::kCsv) {
    std::vector<std::string> names, values;
    for (const auto& [name, value] : fields) {
      names.push_back(name);
      values.push_back(value);
    }
    return common::CsvLine(names, common::CsvCells::kForSpreadsheet) +
           common::CsvLine(values, common::CsvCells::kForSpreadsheet);
  }
  int width = 0;
  for (const auto& [name, value] : fields) width = std::max(width, common::DisplayWidth(name));
  std::string out;
  for (const auto& [name, value] : fields) {
    out += common::PadToWidth(name, width) + "  " + ForTerminal(value) + "\n";
  }
  return out;
}

absl::StatusOr<std::string> FormatJson(const google::protobuf::Message& message) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = false;
  if (!google::protobuf::util::MessageToJsonString(message, &json, options).ok()) {
    return absl::InternalError("cannot print JSON");
  }
  if (json.empty() || json.back() != '\n') json.push_back('\n');
  return json;
}

std::string JoinComma(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

}  // namespace talent::client
