// talentctl enrolment import: applicants from a spreadsheet's CSV (UTF-8,
// with or without BOM; headings in English or Chinese), streamed to the
// server in batches and committed there in one transaction — or, when any
// row is bad, nothing is imported and every problem is listed by line.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

#include <CLI/CLI.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "client/commands.h"
#include "common/csv.h"
#include "talent/v1/enrolment.grpc.pb.h"

namespace talent::client {
namespace {

constexpr int kBatchRows = 1000;

// The import columns and the headings a spreadsheet may use for them.
struct Column {
  const char* name;
  std::vector<std::string> headings;
  bool required;
  std::string* (*field)(v1::ImportRow*);
};

const std::vector<Column>& Columns() {
  static const auto* columns = new std::vector<Column>{
      {"name", {"name", "full_name", "姓名"}, true,
       [](v1::ImportRow* r) { return r->mutable_full_name(); }},
      {"national_id", {"national_id", "id", "身份证号", "身份证号码", "公民身份号码"}, true,
       [](v1::ImportRow* r) { return r->mutable_national_id(); }},
      {"gender", {"gender", "sex", "性别"}, false,
       [](v1::ImportRow* r) { return r->mutable_gender(); }},
      {"organisation", {"organisation", "organization", "工作单位", "单位"}, true,
       [](v1::ImportRow* r) { return r->mutable_organisation(); }},
      {"region", {"region", "地区", "所在地区"}, false,
       [](v1::ImportRow* r) { return r->mutable_region(); }},
      {"track", {"track", "类别", "申报类别"}, true,
       [](v1::ImportRow* r) { return r->mutable_track(); }},
      {"phone", {"phone", "mobile", "手机", "手机号", "联系电话"}, false,
       [](v1::ImportRow* r) { return r->mutable_phone(); }},
      {"email", {"email", "e-mail", "邮箱", "电子邮箱"}, false,
       [](v1::ImportRow* r) { return r->mutable_email(); }},
      {"qualification", {"qualification", "certificate_level", "证书等级", "职业资格"}, false,
       [](v1::ImportRow* r) { return r->mutable_qualification(); }},
      {"years", {"years", "years_of_experience", "从业年限"}, false,
       [](v1::ImportRow* r) { return r->mutable_years_of_experience(); }},
  };
  return *columns;
}

std::string KnownHeadings() {
  std::string out;
  for (const Column& c : Columns()) {
    absl::StrAppend(&out, out.empty() ? "" : ", ", c.headings[0], " (", c.headings.back(), ")");
  }
  return out;
}

struct ImportOptions {
  std::string cohort;
  std::string file;
  bool dry_run = false;
  std::string request_id;
};

void Progress(size_t sent, uintmax_t bytes_read, uintmax_t file_size) {
  std::fprintf(stderr, "\rimporting: %zu rows sent (%ju%% of the file read)", sent,
               file_size ? std::min<uintmax_t>(100, bytes_read * 100 / file_size) : 100);
  std::fflush(stderr);
}

}  // namespace

void AddImportCommand(CLI::App& enrolment, CliContext& ctx) {
  auto opts = std::make_shared<ImportOptions>();
  CLI::App* cmd = enrolment.add_subcommand(
      "import",
      "import applicants from a CSV file; if any row is bad, nothing is imported and every "
      "problem is listed. Columns: " + KnownHeadings());
  cmd->add_option("--cohort", opts->cohort, "cohort: CODE/YEAR (or YEAR)")->required();
  cmd->add_option("file", opts->file, "CSV file (UTF-8, with or without BOM); - for stdin")
      ->required();
  cmd->add_flag("--dry-run", opts->dry_run, "validate everything, import nothing");
  cmd->add_option("--request-id", opts->request_id, "idempotency key for retries");
  cmd->callback([&ctx, opts] {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (opts->file != "-") {
      file.open(opts->file, std::ios::binary);
      if (!file) throw CliError{kExitUsage, "cannot read " + opts->file};
      in = &file;
    }
    common::CsvReader reader(in);
    common::CsvRecord record;
    auto first = reader.Next(&record);
    if (!first.ok()) throw CliError{kExitUsage, std::string(first.status().message())};
    if (!*first) throw CliError{kExitUsage, opts->file + " is empty"};

    // Map headings to columns.
    std::vector<const Column*> mapping;
    for (const std::string& heading : record.fields) {
      std::string h = absl::AsciiStrToLower(absl::StripAsciiWhitespace(heading));
      const Column* found = nullptr;
      for (const Column& c : Columns()) {
        for (const std::string& alias : c.headings) {
          if (h == alias) found = &c;
        }
      }
      if (!found) {
        throw CliError{kExitUsage, absl::StrCat("line ", record.line, ": unknown column \"",
                                                heading, "\"; the columns are ", KnownHeadings())};
      }
      mapping.push_back(found);
    }
    for (const Column& c : Columns()) {
      if (c.required && std::find(mapping.begin(), mapping.end(), &c) == mapping.end()) {
        throw CliError{kExitUsage, absl::StrCat("the file has no ", c.name, " column (",
                                                c.headings.back(), ")")};
      }
    }

    // Stream rows while reading the file, so reading, transfer and the
    // server's checks overlap. A line that cannot be read as a row goes too,
    // marked malformed: the server reports it with the rest, and refuses
    // the import as a whole.
    v1::ImportEnrolmentsRequest head;
    head.set_cohort(ResolveCohort(ctx, opts->cohort));
    head.set_dry_run(opts->dry_run);
    head.set_request_id(opts->request_id);
    auto stub = v1::EnrolmentService::NewStub(ctx.channel());
    auto call = ctx.Call();
    v1::ImportEnrolmentsResponse resp;
    auto writer = stub->ImportEnrolments(call.get(), &resp);
    bool open = writer->Write(head);
    // A progress line on a terminal, for files big enough to wait for.
    std::error_code size_error;
    uintmax_t file_size = opts->file == "-" ? 0 : std::filesystem::file_size(opts->file, size_error);
    bool progress = ::isatty(STDERR_FILENO) && !size_error && file_size > (1u << 20);
    v1::ImportEnrolmentsRequest batch;
    size_t sent = 0;
    std::string read_error;
    while (open) {
      auto more = reader.Next(&record);
      if (!more.ok()) {
        read_error = std::string(more.status().message());
        break;
      }
      if (!*more) break;
      v1::ImportRow* row = batch.add_rows();
      row->set_line(record.line);
      if (record.fields.size() != mapping.size()) {
        row->set_malformed(absl::StrCat("has ", record.fields.size(), " cells; the heading has ",
                                        mapping.size()));
      } else {
        for (size_t i = 0; i < mapping.size(); ++i) {
          *mapping[i]->field(row) = std::move(record.fields[i]);
        }
      }
      if (batch.rows_size() == kBatchRows) {
        sent += batch.rows_size();
        open = writer->Write(batch);
        batch.Clear();
        if (progress && sent % (kBatchRows * 10) == 0) {
          Progress(sent, static_cast<uintmax_t>(std::max<std::streamoff>(0, file.tellg())),
                   file_size);
        }
      }
    }
    if (open && !read_error.empty()) {
      // The rest of the file cannot be read: make the import fail whole.
      v1::ImportRow* row = batch.add_rows();
      row->set_line(record.line);
      row->set_malformed(read_error);
    }
    if (open && batch.rows_size() > 0) {
      sent += batch.rows_size();
      writer->Write(batch);
    }
    if (progress) std::fprintf(stderr, "\n");
    writer->WritesDone();
    ctx.Check(writer->Finish());

    if (ctx.format() == Format::kJson) {
      ctx.PrintJson(resp);
    } else if (!resp.errors().empty()) {
      std::vector<std::vector<std::string>> table;
      for (const v1::ImportError& e : resp.errors()) {
        table.push_back({e.line() ? absl::StrCat(e.line()) : "", e.column(), e.reason()});
      }
      ctx.PrintRows({"H_LINE", "H_COLUMN", "H_REASON"}, table);
    }
    if (!resp.errors().empty()) {
      throw CliError{kExitUsage, absl::StrCat(opts->file, ": ", resp.errors_size(),
                                              " problem(s) in ", resp.rows(),
                                              " rows; nothing was imported")};
    }
    ctx.Note(opts->dry_run
                         ? absl::StrCat(opts->file, ": all ", resp.rows(),
                                        " rows are valid (dry run: nothing imported)")
                         : absl::StrCat("imported ", resp.imported(), " enrolments into ",
                                        opts->cohort));
  });
}

}  // namespace talent::client
