// talentctl enrolment import: applicants from a spreadsheet's CSV (UTF-8,
// with or without BOM; headings in English or Chinese), streamed to the
// server in batches and committed there in one transaction — or, when any
// row is bad, nothing is imported and every problem is listed by line.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <CLI/CLI.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "client/commands.h"
#include "client/enrolment_cmd.h"
#include "client/enrolment_import.h"
#include "client/resource_refs.h"
#include "common/text_safety.h"
#include "talent/v1/enrolment.grpc.pb.h"

namespace talent::client {
namespace {

constexpr int kBatchRows = 1000;

// A progress line on a terminal, for files big enough to wait for.
class ImportProgress {
 public:
  ImportProgress(const std::string& path, std::ifstream* file) : file_(file) {
    std::error_code size_error;
    size_ = path == "-" ? 0 : std::filesystem::file_size(path, size_error);
    on_ = ::isatty(STDERR_FILENO) && !size_error && size_ > (1u << 20);
  }

  void Sent(size_t rows) {
    if (!on_ || rows % (kBatchRows * 10) != 0) return;
    uintmax_t read = static_cast<uintmax_t>(std::max<std::streamoff>(0, file_->tellg()));
    std::fprintf(stderr, "\rimporting: %zu rows sent (%ju%% of the file read)", rows,
                 size_ ? std::min<uintmax_t>(100, read * 100 / size_) : 100);
    std::fflush(stderr);
  }

  void Done() {
    if (on_) std::fprintf(stderr, "\n");
  }

 private:
  std::ifstream* file_;
  uintmax_t size_ = 0;
  bool on_ = false;
};

// Sends `head`, then the rows while reading them, so reading, transfer and
// the server's checks overlap. A line that cannot be read as a row goes
// too, marked malformed: the server reports it with the rest, and refuses
// the import as a whole. `record` is the reader's buffer, holding the
// heading. The one streaming call of talentctl.
v1::ImportEnrolmentsResponse SendRows(CliContext& ctx, const v1::ImportEnrolmentsRequest& head,
                                      common::CsvReader& reader, common::CsvRecord& record,
                                      const std::vector<const ImportColumn*>& mapping,
                                      ImportProgress& progress) {
  v1::EnrolmentService::Stub stub(ctx.channel());
  std::unique_ptr<grpc::ClientContext> call = ctx.Call();
  v1::ImportEnrolmentsResponse resp;
  auto writer = stub.ImportEnrolments(call.get(), &resp);
  bool open = writer->Write(head);
  v1::ImportEnrolmentsRequest batch;
  size_t sent = 0;
  std::string read_error;
  while (open) {
    absl::StatusOr<bool> more = reader.Next(&record);
    if (!more.ok()) {
      read_error = std::string(more.status().message());
      break;
    }
    if (!*more) break;
    FillImportRow(&record, mapping, batch.add_rows());
    if (batch.rows_size() == kBatchRows) {
      sent += batch.rows_size();
      open = writer->Write(batch);
      batch.Clear();
      progress.Sent(sent);
    }
  }
  if (open && !read_error.empty()) {
    // The rest of the file cannot be read: make the import fail whole.
    v1::ImportRow* row = batch.add_rows();
    row->set_line(record.line);
    row->set_malformed(read_error);
  }
  if (open && batch.rows_size() > 0) writer->Write(batch);
  progress.Done();
  writer->WritesDone();
  grpc::Status status = writer->Finish();
  ctx.ObserveServer(*call);
  ctx.Check(status);
  return resp;
}

}  // namespace

const std::vector<ImportColumn>& ImportColumns() {
  static const auto* columns = new std::vector<ImportColumn>{
      {"name",
       {"name", "姓名", "full_name"},
       true,
       [](v1::ImportRow* r) { return r->mutable_full_name(); }},
      {"national_id",
       {"national_id", "身份证号", "id", "身份证号码", "公民身份号码"},
       true,
       [](v1::ImportRow* r) { return r->mutable_national_id(); }},
      {"gender",
       {"gender", "性别", "sex"},
       false,
       [](v1::ImportRow* r) { return r->mutable_gender(); }},
      {"organisation",
       {"organisation", "工作单位", "organization", "单位"},
       true,
       [](v1::ImportRow* r) { return r->mutable_organisation(); }},
      {"region",
       {"region", "地区", "所在地区"},
       false,
       [](v1::ImportRow* r) { return r->mutable_region(); }},
      {"track",
       {"track", "类别", "申报类别"},
       true,
       [](v1::ImportRow* r) { return r->mutable_track(); }},
      {"phone",
       {"phone", "手机", "mobile", "手机号", "联系电话"},
       false,
       [](v1::ImportRow* r) { return r->mutable_phone(); }},
      {"email",
       {"email", "邮箱", "e-mail", "电子邮箱"},
       false,
       [](v1::ImportRow* r) { return r->mutable_email(); }},
      {"qualification",
       {"qualification", "证书等级", "certificate_level", "职业资格"},
       false,
       [](v1::ImportRow* r) { return r->mutable_qualification(); }},
      {"years",
       {"years", "从业年限", "years_of_experience"},
       false,
       [](v1::ImportRow* r) { return r->mutable_years_of_experience(); }},
  };
  return *columns;
}

std::string KnownImportHeadings() {
  std::string out;
  for (const ImportColumn& c : ImportColumns()) {
    absl::StrAppend(&out, out.empty() ? "" : ", ", c.headings[0], " (", c.headings[1], ")");
  }
  return out;
}

std::vector<const ImportColumn*> MapImportHeadings(const common::CsvRecord& heading) {
  std::vector<const ImportColumn*> mapping;
  for (const std::string& cell : heading.fields) {
    std::string h = absl::AsciiStrToLower(absl::StripAsciiWhitespace(cell));
    const ImportColumn* found = nullptr;
    for (const ImportColumn& c : ImportColumns()) {
      for (const std::string& alias : c.headings) {
        if (h == alias) found = &c;
      }
    }
    if (!found) {
      throw CliError{kExitUsage, absl::StrCat("line ", heading.line, ": unknown column \"", cell,
                                              "\"; the columns are ", KnownImportHeadings())};
    }
    mapping.push_back(found);
  }
  for (const ImportColumn& c : ImportColumns()) {
    if (c.required && std::find(mapping.begin(), mapping.end(), &c) == mapping.end()) {
      throw CliError{kExitUsage,
                     absl::StrCat("the file has no ", c.name, " column (", c.headings[1], ")")};
    }
  }
  return mapping;
}

void FillImportRow(common::CsvRecord* record, const std::vector<const ImportColumn*>& mapping,
                   v1::ImportRow* row) {
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

void SetupEnrolmentImport(CLI::App& group, CliContext& ctx) {
  auto opt = std::make_shared<EnrolmentImportOptions>();
  CLI::App* cmd = group.add_subcommand(
      "import",
      "import applicants from a CSV file; if any row is bad, nothing is imported and every "
      "problem is listed. Columns: " +
          KnownImportHeadings());
  cmd->add_option("--cohort", opt->cohort, kCohortArgHelp)->required();
  cmd->add_option("file", opt->file, "CSV file (UTF-8, with or without BOM); - for stdin")
      ->required();
  cmd->add_flag("--dry-run", opt->dry_run, "validate everything, import nothing");
  cmd->add_option("--request-id", opt->request_id, "idempotency key for retries");
  cmd->callback([opt, &ctx] { RunEnrolmentImport(*opt, ctx); });
}

void PrintEnrolmentImportResult(CliContext& ctx, const EnrolmentImportOptions& opt,
                                const v1::ImportEnrolmentsResponse& resp) {
  // A server older than error_count leaves it 0 and lists every problem.
  const int64_t problems = std::max<int64_t>(resp.error_count(), resp.errors_size());
  if (ctx.format() == Format::kJson) {
    ctx.PrintJson(resp);
  } else if (problems > 0) {
    Rows rows;
    for (const v1::ImportError& e : resp.errors()) {
      rows.push_back({e.line() ? absl::StrCat(e.line()) : "",
                      common::SanitizeForDisplay(e.column(), 0),
                      common::SanitizeForDisplay(e.reason(), 0)});
    }
    ctx.PrintRows({"H_LINE", "H_COLUMN", "H_REASON"}, rows);
    ctx.PrintMore(resp.errors_size(), problems);
  }
  if (problems > 0) {
    throw CliError{kExitUsage, absl::StrCat(opt.file, ": ", problems, " problem(s) in ",
                                            resp.rows(), " rows; nothing was imported")};
  }
  ctx.Note(opt.dry_run
               ? absl::StrCat(opt.file, ": all ", resp.rows(),
                              " rows are valid (dry run: nothing imported)")
               : absl::StrCat("imported ", resp.imported(), " enrolments into ", opt.cohort));
}

void RunEnrolmentImport(const EnrolmentImportOptions& opt, CliContext& ctx) {
  std::ifstream file;
  std::istream* in = &std::cin;
  if (opt.file != "-") {
    file.open(opt.file, std::ios::binary);
    if (!file) throw CliError{kExitUsage, "cannot read " + opt.file};
    in = &file;
  }
  common::CsvReader reader(in);
  common::CsvRecord record;
  absl::StatusOr<bool> first = reader.Next(&record);
  if (!first.ok()) throw CliError{kExitUsage, std::string(first.status().message())};
  if (!*first) throw CliError{kExitUsage, opt.file + " is empty"};
  std::vector<const ImportColumn*> mapping = MapImportHeadings(record);

  v1::ImportEnrolmentsRequest head;
  head.set_cohort(ResolveCohort(ctx, opt.cohort));
  head.set_dry_run(opt.dry_run);
  head.set_request_id(opt.request_id);
  ImportProgress progress(opt.file, &file);
  PrintEnrolmentImportResult(ctx, opt, SendRows(ctx, head, reader, record, mapping, progress));
}

}  // namespace talent::client
