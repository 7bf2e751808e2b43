// talentctl score import: an assessor's sheets from a CSV, checked whole by
// the server and written only if every row is good.
#include <algorithm>
#include <fstream>

#include <CLI/CLI.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "client/commands.h"
#include "client/resource_refs.h"
#include "client/rpc.h"
#include "client/sheet_cmd.h"
#include "common/text_safety.h"
#include "talent/v1/sheet.grpc.pb.h"

namespace talent::client {

SheetColumns SheetColumnsOf(const common::CsvRecord& heading) {
  SheetColumns columns;
  for (size_t i = 0; i < heading.fields.size(); ++i) {
    std::string h = std::string(absl::StripAsciiWhitespace(heading.fields[i]));
    if (h == "enrolment" || h == "编号") columns.enrolment = static_cast<int>(i);
    if (h == "comment" || h == "评语") columns.comment = static_cast<int>(i);
    if (h == "submit" || h == "提交") columns.submit = static_cast<int>(i);
    columns.headings.push_back(h);
  }
  if (columns.enrolment < 0) {
    throw CliError{kExitUsage, "the file needs an 'enrolment' column (the enrolment ID)"};
  }
  return columns;
}

v1::SheetRow SheetRowOf(const common::CsvRecord& record, const SheetColumns& columns) {
  v1::SheetRow row;
  row.set_line(record.line);
  for (size_t i = 0; i < record.fields.size() && i < columns.headings.size(); ++i) {
    const std::string& cell = record.fields[i];
    int column = static_cast<int>(i);
    if (column == columns.enrolment) {
      row.set_enrolment(cell);
    } else if (column == columns.comment) {
      row.set_comment(cell);
    } else if (column == columns.submit) {
      std::string v = absl::AsciiStrToLower(absl::StripAsciiWhitespace(cell));
      row.set_submit(v == "yes" || v == "1" || v == "true" || v == "是");
    } else if (!absl::StripAsciiWhitespace(cell).empty()) {
      v1::Score* s = row.add_scores();
      s->set_criterion(columns.headings[i]);
      s->set_points(cell);
    }
  }
  return row;
}

void SetupScoreImport(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<ScoreImportOptions>();
  CLI::App* cmd = group.add_subcommand(
      "import",
      "your sheets from a CSV: a heading 'enrolment', one column per criterion code, and "
      "optionally 'comment' and 'submit' (yes/no); checked whole, written only if every row is "
      "good");
  cmd->add_option("round", opt->round, kRoundArgHelp)->required();
  cmd->add_option("file", opt->file, "CSV file (UTF-8, with or without BOM)")->required();
  cmd->add_flag("--dry-run", opt->dry_run, "check everything, write nothing");
  cmd->callback([opt, &ctx] { RunScoreImport(*opt, ctx); });
}

void PrintScoreImportResult(CliContext& ctx, const ScoreImportOptions& opt,
                            const v1::ImportSheetsResponse& resp) {
  if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
  // A server older than error_count leaves it 0 and lists every problem.
  const int64_t problems = std::max<int64_t>(resp.error_count(), resp.errors_size());
  if (problems > 0) {
    Rows rows;
    for (const v1::SheetRowError& e : resp.errors()) {
      rows.push_back({absl::StrCat(e.line()), common::SanitizeForDisplay(e.reason(), 0)});
    }
    ctx.PrintRows({"H_LINE", "H_REASON"}, rows);
    ctx.PrintMore(resp.errors_size(), problems);
    throw CliError{kExitUsage, absl::StrCat(opt.file, ": ", problems, " problem(s) in ",
                                            resp.rows(), " rows; nothing was written")};
  }
  ctx.Note(opt.dry_run
               ? absl::StrCat("all ", resp.rows(), " rows are valid (dry run)")
               : absl::StrCat("wrote ", resp.written(), " sheet(s), submitted ", resp.submitted()));
}

void RunScoreImport(const ScoreImportOptions& opt, CliContext& ctx) {
  std::ifstream in(opt.file, std::ios::binary);
  if (!in) throw CliError{kExitUsage, "cannot read " + opt.file};
  common::CsvReader reader(&in);
  common::CsvRecord record;
  absl::StatusOr<bool> first = reader.Next(&record);
  if (!first.ok()) throw CliError{kExitUsage, std::string(first.status().message())};
  if (!*first) throw CliError{kExitUsage, opt.file + " is empty"};
  SheetColumns columns = SheetColumnsOf(record);
  v1::ImportSheetsRequest req;
  req.set_round(ResolveRound(ctx, opt.round));
  req.set_dry_run(opt.dry_run);
  for (;;) {
    absl::StatusOr<bool> more = reader.Next(&record);
    if (!more.ok()) throw CliError{kExitUsage, std::string(more.status().message())};
    if (!*more) break;
    *req.add_rows() = SheetRowOf(record, columns);
  }
  PrintScoreImportResult(ctx, opt, Rpc(ctx, &v1::SheetService::Stub::ImportSheets, req));
}

}  // namespace talent::client
