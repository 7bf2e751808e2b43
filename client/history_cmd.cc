// talentctl cohort import-history: a cohort that ran before the programme
// adopted this system, from its paper records in a spreadsheet's CSV
// (UTF-8, with or without BOM; headings in English or Chinese). The server
// checks every row and records the cohort, its people and its certificates
// in one transaction — or, when any row is bad, nothing, and every problem
// is listed by line.
#include <algorithm>
#include <fstream>
#include <iostream>

#include <CLI/CLI.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "client/cohort_cmd.h"
#include "client/commands.h"
#include "client/history_import.h"
#include "client/resource_refs.h"
#include "client/rpc.h"
#include "talent/v1/cohort.grpc.pb.h"

namespace talent::client {
namespace {

// The most rows the server takes (domain::kMaxHistoryRows): a file longer
// than that is refused here, before it is sent.
constexpr int kMaxRows = 5000;

void PrintHistoryResult(CliContext& ctx, const CohortImportHistoryOptions& opt,
                        const v1::ImportHistoryResponse& resp) {
  if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
  Rows rows;
  int selected = 0, eliminated = 0, certified = 0;
  for (const v1::TrackFigures& t : resp.tracks()) {
    rows.push_back({ctx.L(v1::Track_Name(t.track())), absl::StrCat(t.selected()),
                    absl::StrCat(t.eliminated()), absl::StrCat(t.certified())});
    selected += t.selected();
    eliminated += t.eliminated();
    certified += t.certified();
  }
  rows.push_back({ctx.L("V_TOTAL"), absl::StrCat(selected), absl::StrCat(eliminated),
                  absl::StrCat(certified)});
  ctx.PrintRows({"H_TRACK", "H_SELECTED", "H_ELIMINATED", "H_CERTIFIED"}, rows);
  const std::string cohort = absl::StrCat(opt.programme, "/", opt.year);
  std::string numbers;
  if (!resp.certificates().empty()) {
    numbers = absl::StrCat(": ", resp.certificates(0).number(),
                           resp.certificates_size() > 1
                               ? absl::StrCat(" … ", resp.certificates().rbegin()->number())
                               : std::string());
  }
  ctx.Note(resp.dry_run()
               ? absl::StrCat(opt.file, ": all ", resp.people(), " rows are valid; ",
                              resp.certificates_size(),
                              " certificate(s) would be registered (dry run: nothing imported)")
               : absl::StrCat("imported ", resp.people(), " people into ", cohort,
                              " (closed, imported from paper records); ",
                              resp.certificates_size(), " certificate(s) registered", numbers));
}

}  // namespace

const std::vector<HistoryColumn>& HistoryColumns() {
  static const auto* columns = new std::vector<HistoryColumn>{
      {"name",
       {"name", "姓名", "full_name"},
       true,
       false,
       [](v1::HistoryRow* r) { return r->mutable_full_name(); }},
      {"national_id",
       {"national_id", "身份证号", "id", "身份证号码", "公民身份号码"},
       true,
       false,
       [](v1::HistoryRow* r) { return r->mutable_national_id(); }},
      {"organisation",
       {"organisation", "工作单位", "organization", "单位"},
       true,
       false,
       [](v1::HistoryRow* r) { return r->mutable_organisation(); }},
      {"region",
       {"region", "地区", "所在地区"},
       false,
       false,
       [](v1::HistoryRow* r) { return r->mutable_region(); }},
      {"track",
       {"track", "类别", "申报类别"},
       true,
       false,
       [](v1::HistoryRow* r) { return r->mutable_track(); }},
      {"outcome",
       {"outcome", "结果", "培养结果", "考核结果", "result"},
       true,
       false,
       [](v1::HistoryRow* r) { return r->mutable_outcome(); }},
      {"certificate_number",
       {"certificate_number", "证书编号", "certificate", "证书号"},
       false,
       true,
       [](v1::HistoryRow* r) { return r->mutable_certificate_number(); }},
      {"issue_date",
       {"issue_date", "发证日期", "issued_on", "颁发日期"},
       false,
       true,
       [](v1::HistoryRow* r) { return r->mutable_issue_date(); }},
      {"final_score",
       {"final_score", "综合得分", "score", "得分", "总分"},
       false,
       true,
       [](v1::HistoryRow* r) { return r->mutable_final_score(); }},
  };
  return *columns;
}

std::string KnownHistoryHeadings() {
  std::string out;
  for (const HistoryColumn& c : HistoryColumns()) {
    absl::StrAppend(&out, out.empty() ? "" : ", ", c.headings[0], " (", c.headings[1], ")");
  }
  return out;
}

std::vector<const HistoryColumn*> MapHistoryHeadings(const common::CsvRecord& heading) {
  std::vector<const HistoryColumn*> mapping;
  for (const std::string& cell : heading.fields) {
    std::string h = absl::AsciiStrToLower(absl::StripAsciiWhitespace(cell));
    const HistoryColumn* found = nullptr;
    for (const HistoryColumn& c : HistoryColumns()) {
      for (const std::string& alias : c.headings) {
        if (h == alias) found = &c;
      }
    }
    if (!found) {
      throw CliError{kExitUsage, absl::StrCat("line ", heading.line, ": unknown column \"", cell,
                                              "\"; the columns are ", KnownHistoryHeadings())};
    }
    if (std::find(mapping.begin(), mapping.end(), found) != mapping.end()) {
      throw CliError{kExitUsage, absl::StrCat("line ", heading.line, ": column ", found->name,
                                              " (", found->headings[1], ") is named twice")};
    }
    mapping.push_back(found);
  }
  for (const HistoryColumn& c : HistoryColumns()) {
    if (c.required && std::find(mapping.begin(), mapping.end(), &c) == mapping.end()) {
      throw CliError{kExitUsage,
                     absl::StrCat("the file has no ", c.name, " column (", c.headings[1], ")")};
    }
  }
  return mapping;
}

void FillHistoryRow(common::CsvRecord* record, const std::vector<const HistoryColumn*>& mapping,
                    v1::HistoryRow* row) {
  row->set_line(record->line);
  if (record->fields.size() != mapping.size()) {
    row->set_malformed(
        absl::StrCat("has ", record->fields.size(), " cells; the heading has ", mapping.size()));
    return;
  }
  for (size_t i = 0; i < mapping.size(); ++i) {
    *mapping[i]->field(row) = std::move(record->fields[i]);
  }
}

void SetupCohortImportHistory(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<CohortImportHistoryOptions>();
  CLI::App* cmd = group.add_subcommand(
      "import-history",
      "record a cohort that ran before this system from its paper records: its people, their "
      "outcomes and the certificates issued on paper; if any row is bad, nothing is imported "
      "and every problem is listed. Columns: " +
          KnownHistoryHeadings());
  cmd->add_option("--programme", opt->programme, "programme code")->required();
  cmd->add_option("--year", opt->year, "the past cohort's year")->required();
  cmd->add_option("file", opt->file, "CSV file (UTF-8, with or without BOM); - for stdin")
      ->required();
  cmd->add_flag("--dry-run", opt->dry_run, "validate everything, import nothing");
  cmd->add_option("--request-id", opt->request_id, "idempotency key for retries");
  cmd->callback([opt, &ctx] { RunCohortImportHistory(*opt, ctx); });
}

void RunCohortImportHistory(const CohortImportHistoryOptions& opt, CliContext& ctx) {
  std::ifstream file;
  std::istream* in = &std::cin;
  if (opt.file != "-") {
    file.open(opt.file, std::ios::binary);
    if (!file) throw CliError{kExitUsage, "cannot read " + opt.file};
    in = &file;
  }
  common::CsvReader reader(in);
  common::CsvRecord record;
  absl::StatusOr<bool> more = reader.Next(&record);
  if (!more.ok()) throw CliError{kExitUsage, std::string(more.status().message())};
  if (!*more) throw CliError{kExitUsage, opt.file + " is empty"};
  std::vector<const HistoryColumn*> mapping = MapHistoryHeadings(record);

  v1::ImportHistoryRequest req;
  req.set_programme(opt.programme);
  req.set_year(opt.year);
  req.set_dry_run(opt.dry_run);
  req.set_request_id(opt.request_id);
  for (;;) {
    more = reader.Next(&record);
    if (!more.ok()) {
      // The rest cannot be read: the server reports it with the rest.
      v1::HistoryRow* row = req.add_rows();
      row->set_line(record.line);
      row->set_malformed(std::string(more.status().message()));
      break;
    }
    if (!*more) break;
    if (req.rows_size() == kMaxRows) {
      throw CliError{kExitUsage, absl::StrCat(opt.file, " has more than ", kMaxRows,
                                              " rows: a cohort's history holds fewer")};
    }
    FillHistoryRow(&record, mapping, req.add_rows());
  }
  PrintHistoryResult(ctx, opt, Rpc(ctx, &v1::CohortService::Stub::ImportHistory, req));
}

}  // namespace talent::client
