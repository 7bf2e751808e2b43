// The columns of an applicants spreadsheet for 'talentctl enrolment import':
// which headings (English or Chinese) name which field of an import row, and
// a CSV record turned into a row. Constant table and pure functions;
// thread-safe.
#ifndef TALENT_CLIENT_ENROLMENT_IMPORT_H_
#define TALENT_CLIENT_ENROLMENT_IMPORT_H_

#include <string>
#include <vector>

#include "common/csv.h"
#include "talent/v1/enrolment.pb.h"

namespace talent::client {

struct ImportColumn {
  const char* name;
  // Lower-case headings that name it: the English and the Chinese heading
  // this program documents (README.md) and names in its messages, then
  // other spellings it also accepts.
  std::vector<std::string> headings;
  bool required;
  std::string* (*field)(v1::ImportRow*);
};

const std::vector<ImportColumn>& ImportColumns();

// "name (姓名), national_id (公民身份号码), …": every column with its first
// and last heading.
std::string KnownImportHeadings();

// The column each cell of the heading record names (trimmed, any case).
// Throws CliError (usage) for an unknown heading ("line 1: unknown column
// …") or a missing required column ("the file has no track column (申报类别)").
std::vector<const ImportColumn*> MapImportHeadings(const common::CsvRecord& heading);

// `record` as the row at its line: each cell moved into its column's field,
// or, when it has more or fewer cells than the heading, marked malformed.
void FillImportRow(common::CsvRecord* record, const std::vector<const ImportColumn*>& mapping,
                   v1::ImportRow* row);

}  // namespace talent::client

#endif  // TALENT_CLIENT_ENROLMENT_IMPORT_H_
