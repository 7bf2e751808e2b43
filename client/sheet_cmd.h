// talentctl score set|submit|show|reopen|history (sheet_cmd.cc) and score
// import (score_import_cmd.cc): assessors' score sheets. Not thread-safe.
#ifndef TALENT_CLIENT_SHEET_CMD_H_
#define TALENT_CLIENT_SHEET_CMD_H_

#include <string>
#include <vector>

#include "client/cli_context.h"
#include "common/csv.h"
#include "talent/v1/sheet.pb.h"

namespace CLI {
class App;
}

namespace talent::client {

// The sheet of one candidate in one round.
struct SheetTarget {
  std::string round, enrolment;
};

struct ScoreSetOptions {
  SheetTarget target;
  std::vector<std::string> points;  // CODE=POINTS each
  std::string comment;
  bool comment_given = false;  // an empty --comment clears it
};
void SetupScoreSet(CLI::App& group, CliContext& ctx);
void RunScoreSet(const ScoreSetOptions& options, CliContext& ctx);
// The request for the round `round_name`. Throws CliError (usage) for a bad
// enrolment or a --points item that is not CODE=POINTS.
v1::SetScoresRequest SetScoresRequestOf(const ScoreSetOptions& options,
                                        const std::string& round_name);
// "theory=12.5" → criterion theory, points "12.5" (the server checks the
// number). Throws CliError (usage) without '=' or without a code.
v1::Score ParsePoints(const std::string& item);

struct ScoreSubmitOptions {
  SheetTarget target;
};
void SetupScoreSubmit(CLI::App& group, CliContext& ctx);
void RunScoreSubmit(const ScoreSubmitOptions& options, CliContext& ctx);

// show (assessor optional, admins) and history (assessor required).
struct ScoreShowOptions {
  SheetTarget target;
  std::string assessor;
};
void SetupScoreShow(CLI::App& group, CliContext& ctx);
void RunScoreShow(const ScoreShowOptions& options, CliContext& ctx);
void SetupScoreHistory(CLI::App& group, CliContext& ctx);
void RunScoreHistory(const ScoreShowOptions& options, CliContext& ctx);

struct ScoreReopenOptions {
  SheetTarget target;
  std::string assessor, reason;
};
void SetupScoreReopen(CLI::App& group, CliContext& ctx);
void RunScoreReopen(const ScoreReopenOptions& options, CliContext& ctx);

struct ScoreImportOptions {
  std::string round, file;
  bool dry_run = false;
};
void SetupScoreImport(CLI::App& group, CliContext& ctx);
void RunScoreImport(const ScoreImportOptions& options, CliContext& ctx);
// The outcome of a sheet import: JSON as it came, or the problems (the
// server lists the first 1,000; then "… and N more") or what was written.
// Throws CliError (usage) when any row was bad, in the table and CSV formats.
void PrintScoreImportResult(CliContext& ctx, const ScoreImportOptions& options,
                            const v1::ImportSheetsResponse& response);

// The columns of a sheets CSV: which cell is the enrolment, the comment and
// the submit flag (-1: none); every other heading is a criterion code.
struct SheetColumns {
  std::vector<std::string> headings;  // trimmed
  int enrolment = -1, comment = -1, submit = -1;
};
// Throws CliError (usage) when there is no enrolment (编号) column.
SheetColumns SheetColumnsOf(const common::CsvRecord& heading);
// One sheet row at the record's line: blank criterion cells are left out,
// cells beyond the heading ignored; submit is yes/1/true/是.
v1::SheetRow SheetRowOf(const common::CsvRecord& record, const SheetColumns& columns);

// The points per criterion and the total; in a table, the assessor, the
// state and the comment as a message.
void PrintSheet(const CliContext& ctx, const v1::Sheet& sheet);
// A table row of a change: time, user, change, old, new, reason.
std::vector<std::string> SheetChangeRow(const v1::SheetChange& change);

}  // namespace talent::client

#endif  // TALENT_CLIENT_SHEET_CMD_H_
