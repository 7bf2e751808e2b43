// The columns of a past cohort's spreadsheet for 'talentctl cohort
// import-history': which headings (English or Chinese) name which field of
// a history row, and a CSV record turned into a row. Constant table and
// pure functions; thread-safe.
#ifndef TALENT_CLIENT_HISTORY_IMPORT_H_
#define TALENT_CLIENT_HISTORY_IMPORT_H_

#include <string>
#include <vector>

#include "common/csv.h"
#include "talent/v1/cohort.pb.h"

namespace talent::client {

struct HistoryColumn {
  const char* name;
  // Lower-case headings that name it: the English and the Chinese heading
  // this program documents (README.md) and names in its messages, then
  // other spellings it also accepts.
  std::vector<std::string> headings;
  bool required;
  // Required on certified rows only (and refused on the others): the paper
  // certificate's number, date and score.
  bool certified_only;
  std::string* (*field)(v1::HistoryRow*);
};

const std::vector<HistoryColumn>& HistoryColumns();

// "name (姓名), national_id (身份证号), …": every column with its two
// documented headings.
std::string KnownHistoryHeadings();

// The column each cell of the heading record names (trimmed, any case).
// Throws CliError (usage) for an unknown heading, a column named twice, or
// a missing required column.
std::vector<const HistoryColumn*> MapHistoryHeadings(const common::CsvRecord& heading);

// `record` as the row at its line: each cell moved into its column's field,
// or, when it has more or fewer cells than the heading, marked malformed.
void FillHistoryRow(common::CsvRecord* record, const std::vector<const HistoryColumn*>& mapping,
                    v1::HistoryRow* row);

}  // namespace talent::client

#endif  // TALENT_CLIENT_HISTORY_IMPORT_H_
