// talentctl score set|submit|show|reopen|history.
#include <fstream>

#include <CLI/CLI.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "client/commands.h"
#include "common/csv.h"
#include "common/resource_names.h"
#include "talent/v1/sheet.grpc.pb.h"

namespace talent::client {
namespace {

std::string Enrolment(const std::string& ref) {
  auto id = common::ParseEnrolmentName("enrolment", ref);
  if (!id.ok()) throw CliError{kExitUsage, std::string(id.status().message())};
  return common::EnrolmentName(*id);
}

void PrintSheet(CliContext& ctx, const v1::Sheet& sheet) {
  if (ctx.format() == Format::kJson) return ctx.PrintJson(sheet);
  std::vector<std::vector<std::string>> rows;
  for (const v1::Score& s : sheet.scores()) rows.push_back({s.criterion(), s.points()});
  rows.push_back({ctx.L("TOTAL"), sheet.total()});
  ctx.PrintRows({"H_CRITERION", "H_POINTS"}, rows);
  if (ctx.format() == Format::kTable) {
    ctx.Note(absl::StrCat(ShortUserName(sheet.assessor()), ", ",
                                  ctx.L(v1::SheetState_Name(sheet.state())),
                                  sheet.comment().empty() ? "" : ": " + sheet.comment()));
  }
}

struct Target {
  std::string round, enrolment;
};

void AddTarget(CLI::App* cmd, Target* target) {
  cmd->add_option("round", target->round, "round: CODE/YEAR/POSITION (or YEAR/POSITION)")
      ->required();
  cmd->add_option("enrolment", target->enrolment, "enrolment ID")->required();
}

}  // namespace

void AddSheetCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* score = app.add_subcommand("score", "score sheets (assessors: your own)");
  score->require_subcommand(1);

  struct SetOptions {
    Target target;
    std::vector<std::string> points;
    std::string comment;
  };
  auto set_opts = std::make_shared<SetOptions>();
  CLI::App* set = score->add_subcommand("set", "set points per criterion on your sheet");
  AddTarget(set, &set_opts->target);
  set->add_option("--points", set_opts->points, "CODE=POINTS, e.g. theory=12.5,ethics=14")
      ->delimiter(',');
  CLI::Option* comment = set->add_option("--comment", set_opts->comment, "your comment");
  set->callback([&ctx, set_opts, comment] {
    v1::SetScoresRequest req;
    req.set_round(ResolveRound(ctx, set_opts->target.round));
    req.set_enrolment(Enrolment(set_opts->target.enrolment));
    for (const std::string& item : set_opts->points) {
      std::pair<std::string, std::string> kv = absl::StrSplit(item, absl::MaxSplits('=', 1));
      if (kv.first.empty() || item.find('=') == std::string::npos) {
        throw CliError{kExitUsage, "--points takes CODE=POINTS, got \"" + item + "\""};
      }
      v1::Score* s = req.add_scores();
      s->set_criterion(kv.first);
      s->set_points(kv.second);
    }
    if (comment->count()) req.set_comment(set_opts->comment);
    auto stub = v1::SheetService::NewStub(ctx.channel());
    v1::Sheet resp;
    ctx.Check(stub->SetScores(ctx.Call().get(), req, &resp));
    PrintSheet(ctx, resp);
  });

  auto submit_target = std::make_shared<Target>();
  CLI::App* submit = score->add_subcommand("submit", "submit (lock) your sheet");
  AddTarget(submit, submit_target.get());
  submit->callback([&ctx, submit_target] {
    v1::SubmitSheetRequest req;
    req.set_round(ResolveRound(ctx, submit_target->round));
    req.set_enrolment(Enrolment(submit_target->enrolment));
    auto stub = v1::SheetService::NewStub(ctx.channel());
    v1::Sheet resp;
    ctx.Check(stub->SubmitSheet(ctx.Call().get(), req, &resp));
    PrintSheet(ctx, resp);
  });

  struct ShowOptions {
    Target target;
    std::string assessor;
  };
  auto show_opts = std::make_shared<ShowOptions>();
  CLI::App* show = score->add_subcommand("show", "show a sheet (yours, or an assessor's for admins)");
  AddTarget(show, &show_opts->target);
  show->add_option("--assessor", show_opts->assessor, "username (admins)");
  show->callback([&ctx, show_opts] {
    v1::GetSheetRequest req;
    req.set_round(ResolveRound(ctx, show_opts->target.round));
    req.set_enrolment(Enrolment(show_opts->target.enrolment));
    if (!show_opts->assessor.empty()) req.set_assessor(common::UserName(show_opts->assessor));
    auto stub = v1::SheetService::NewStub(ctx.channel());
    v1::Sheet resp;
    ctx.Check(stub->GetSheet(ctx.Call().get(), req, &resp));
    PrintSheet(ctx, resp);
  });

  struct ReopenOptions {
    Target target;
    std::string assessor, reason;
  };
  auto reopen_opts = std::make_shared<ReopenOptions>();
  CLI::App* reopen = score->add_subcommand("reopen", "reopen a submitted sheet (admins)");
  AddTarget(reopen, &reopen_opts->target);
  reopen->add_option("--assessor", reopen_opts->assessor, "username")->required();
  reopen->add_option("--reason", reopen_opts->reason, "why")->required();
  reopen->callback([&ctx, reopen_opts] {
    ctx.Confirm("Reopen " + reopen_opts->assessor + "'s sheet for enrolment " +
                reopen_opts->target.enrolment + "?");
    v1::ReopenSheetRequest req;
    req.set_round(ResolveRound(ctx, reopen_opts->target.round));
    req.set_enrolment(Enrolment(reopen_opts->target.enrolment));
    req.set_assessor(common::UserName(reopen_opts->assessor));
    req.set_reason(reopen_opts->reason);
    auto stub = v1::SheetService::NewStub(ctx.channel());
    v1::Sheet resp;
    ctx.Check(stub->ReopenSheet(ctx.Call().get(), req, &resp));
    PrintSheet(ctx, resp);
  });

  struct ImportOptions {
    std::string round, file;
    bool dry_run = false;
  };
  auto import_opts = std::make_shared<ImportOptions>();
  CLI::App* import = score->add_subcommand(
      "import",
      "your sheets from a CSV: a heading 'enrolment', one column per criterion code, and "
      "optionally 'comment' and 'submit' (yes/no); checked whole, written only if every row is "
      "good");
  import->add_option("round", import_opts->round, "round: CODE/YEAR/POSITION")->required();
  import->add_option("file", import_opts->file, "CSV file (UTF-8, with or without BOM)")
      ->required();
  import->add_flag("--dry-run", import_opts->dry_run, "check everything, write nothing");
  import->callback([&ctx, import_opts] {
    std::ifstream in(import_opts->file, std::ios::binary);
    if (!in) throw CliError{kExitUsage, "cannot read " + import_opts->file};
    common::CsvReader reader(&in);
    common::CsvRecord record;
    auto first = reader.Next(&record);
    if (!first.ok()) throw CliError{kExitUsage, std::string(first.status().message())};
    if (!*first) throw CliError{kExitUsage, import_opts->file + " is empty"};
    std::vector<std::string> heading;
    int enrolment_column = -1, comment_column = -1, submit_column = -1;
    for (size_t i = 0; i < record.fields.size(); ++i) {
      std::string h = std::string(absl::StripAsciiWhitespace(record.fields[i]));
      if (h == "enrolment" || h == "编号") enrolment_column = static_cast<int>(i);
      if (h == "comment" || h == "评语") comment_column = static_cast<int>(i);
      if (h == "submit" || h == "提交") submit_column = static_cast<int>(i);
      heading.push_back(h);
    }
    if (enrolment_column < 0) {
      throw CliError{kExitUsage, "the file needs an 'enrolment' column (the enrolment ID)"};
    }
    v1::ImportSheetsRequest req;
    req.set_round(ResolveRound(ctx, import_opts->round));
    req.set_dry_run(import_opts->dry_run);
    for (;;) {
      auto more = reader.Next(&record);
      if (!more.ok()) throw CliError{kExitUsage, std::string(more.status().message())};
      if (!*more) break;
      v1::SheetRow* row = req.add_rows();
      row->set_line(record.line);
      for (size_t i = 0; i < record.fields.size() && i < heading.size(); ++i) {
        const std::string& cell = record.fields[i];
        int column = static_cast<int>(i);
        if (column == enrolment_column) {
          row->set_enrolment(cell);
        } else if (column == comment_column) {
          row->set_comment(cell);
        } else if (column == submit_column) {
          std::string v = absl::AsciiStrToLower(absl::StripAsciiWhitespace(cell));
          row->set_submit(v == "yes" || v == "1" || v == "true" || v == "是");
        } else if (!absl::StripAsciiWhitespace(cell).empty()) {
          v1::Score* s = row->add_scores();
          s->set_criterion(heading[i]);
          s->set_points(cell);
        }
      }
    }
    auto stub = v1::SheetService::NewStub(ctx.channel());
    v1::ImportSheetsResponse resp;
    ctx.Check(stub->ImportSheets(ctx.Call().get(), req, &resp));
    if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
    if (!resp.errors().empty()) {
      std::vector<std::vector<std::string>> rows;
      for (const v1::SheetRowError& e : resp.errors()) {
        rows.push_back({absl::StrCat(e.line()), e.reason()});
      }
      ctx.PrintRows({"H_LINE", "H_REASON"}, rows);
      throw CliError{kExitUsage, absl::StrCat(import_opts->file, ": ", resp.errors_size(),
                                              " problem(s) in ", resp.rows(),
                                              " rows; nothing was written")};
    }
    ctx.Note(import_opts->dry_run
                         ? absl::StrCat("all ", resp.rows(), " rows are valid (dry run)")
                         : absl::StrCat("wrote ", resp.written(), " sheet(s), submitted ",
                                        resp.submitted()));
  });

  auto history_opts = std::make_shared<ShowOptions>();
  CLI::App* history = score->add_subcommand("history", "every change of a sheet (admins)");
  AddTarget(history, &history_opts->target);
  history->add_option("--assessor", history_opts->assessor, "username")->required();
  history->callback([&ctx, history_opts] {
    v1::ListSheetHistoryRequest req;
    req.set_round(ResolveRound(ctx, history_opts->target.round));
    req.set_enrolment(Enrolment(history_opts->target.enrolment));
    req.set_assessor(common::UserName(history_opts->assessor));
    auto stub = v1::SheetService::NewStub(ctx.channel());
    v1::ListSheetHistoryResponse resp;
    ctx.Check(stub->ListSheetHistory(ctx.Call().get(), req, &resp));
    if (ctx.format() == Format::kJson) return ctx.PrintJson(resp);
    std::vector<std::vector<std::string>> rows;
    for (const v1::SheetChange& c : resp.changes()) {
      rows.push_back({c.time(), ShortUserName(c.user()), c.change(), c.old_value(), c.new_value(),
                      c.reason()});
    }
    ctx.PrintRows({"H_TIME", "H_USERNAME", "H_METHOD", "H_OLD", "H_NEW", "H_REASON"}, rows);
  });
}

}  // namespace talent::client
