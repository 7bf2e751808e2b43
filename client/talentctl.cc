#include "client/talentctl.h"

#include <algorithm>
#include <iostream>

#include <CLI/CLI.hpp>

#include "client/cli_context.h"
#include "client/commands.h"

namespace talent::client {
namespace {

// Global options (-o, --yes, --lang…) work before or after the command.
void SetupGlobalOptions(CLI::App& app, GlobalOptions& options) {
  app.add_option("--server", options.server, "talentd address host:port")->envname("TALENT_SERVER");
  app.add_option("--token-file", options.token_file,
                 "read the bearer token from this file (- for stdin)");
  app.add_option("--token", options.token,
                 "bearer token (visible in ps: needs --allow-token-arg; prefer TALENT_TOKEN, "
                 "--token-file or 'talentctl login')");
  app.add_flag("--allow-token-arg", options.allow_token_arg, "accept --token");
  // -o xlsx FILE: a second value only after xlsx (CliContext::Resolve says
  // so plainly otherwise). A command name ends the values, so
  // "-o csv enrolment list" still works.
  CLI::Option* output = app.add_option_function<std::vector<std::string>>(
         "-o,--output",
         [&options](const std::vector<std::string>& values) {
           // A second -o is refused by CLI11 before this: inject_separator
           // (below) puts "" between the two, so they count as 3 or more.
           if (std::find(values.begin(), values.end(), "") != values.end()) {
             throw CLI::ValidationError("-o is given twice; give it once");
           }
           options.output = values.front();
           options.output_file = values.size() > 1 ? values[1] : "";
           // Said here, before CLI11 reports the argument it took as missing.
           if (values.size() > 1 && values.front() != "xlsx") {
             throw CLI::ValidationError(OutputFileMisplaced(options.output, values[1]));
           }
         },
         "table (default), json, csv, or xlsx FILE (an Excel workbook)")
      ->expected(1, 2)
      ->type_name("FORMAT [FILE]");
  output->inject_separator();
  app.add_option("--lang", options.lang, "en or zh (default: from LANG)");
  app.add_option("--timeout", options.timeout_seconds, "seconds to wait for the server")
      ->capture_default_str();
  app.add_flag("-y,--yes", options.yes, "do not ask for confirmation");
  app.add_option("--request-id", options.request_id,
                 "send this request id with every call (default: a random one); talentd logs "
                 "it and records it in the audit log")
      ->type_name("ID");
  app.add_flag("--tls", options.tls,
               "connect with TLS, trusting the system's certificate authorities")
      ->envname("TALENT_TLS");
  app.add_option("--tls-ca", options.tls_ca,
                 "connect with TLS, trusting the PEM certificates in this file instead")
      ->envname("TALENT_TLS_CA");
}

}  // namespace

std::vector<std::string> GivenFields(
    const std::vector<std::pair<CLI::Option*, std::string>>& options) {
  std::vector<std::string> fields;
  for (const auto& [option, field] : options) {
    if (option->count()) fields.push_back(field);
  }
  return fields;
}

void SetupCommands(CLI::App& app, CliContext& ctx) {
  SetupProgrammeCommands(app, ctx);
  SetupCohortCommands(app, ctx);
  SetupEnrolmentCommands(app, ctx);
  SetupUserCommands(app, ctx);
  SetupAuditCommands(app, ctx);
  SetupRubricCommands(app, ctx);
  SetupCohortRules(*app.get_subcommand("cohort"), ctx);
  SetupRoundCommands(app, ctx);
  SetupAppealCommands(app, ctx);
  SetupResultsCommands(app, ctx);
  SetupConflictCommands(app, ctx);
  SetupAssignmentCommands(app, ctx);
  SetupScoreCommands(app, ctx);
  SetupCertCommands(app, ctx);
  SetupProgrammeProgress(*app.get_subcommand("programme"), ctx);
  SetupReportCommands(app, ctx);
  SetupCompletionCommand(app, ctx);
}

int RunTalentctl(int argc, const char* const* argv, std::ostream* out, std::ostream* err,
                 const char* version) {
  // The summary names every command group (tests/client/help_test.cc
  // checks it against the list below it).
  CLI::App app{
      "talentctl: run talent-cultivation programmes on a talentd server.\n"
      "  set up:     programme, cohort, enrolment\n"
      "  people:     user, whoami, login, token\n"
      "  assess:     rubric, round, conflict, assignment, score, results, appeal\n"
      "  certify:    cert\n"
      "  look back:  report, audit\n"
      "  the shell:  completion\n"
      "Exit codes: 0 ok, 1 failure, 2 usage/invalid input, 3 not found, 4 not allowed or not "
      "logged in, 5 wrong state or conflict."};
  app.require_subcommand(1);
  app.fallthrough();
  app.set_help_all_flag("--help-all", "show help for every command");
  if (version != nullptr) {
    app.set_version_flag("--version", std::string("talentctl ") + version,
                         "print the version and the source revision, and exit");
  }

  GlobalOptions options;
  SetupGlobalOptions(app, options);
  CliContext ctx(&options, out, err);
  SetupCommands(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e, out ? *out : std::cout, err ? *err : std::cerr);
    return code == 0 ? kExitOk : kExitUsage;
  } catch (const CliError& e) {
    ctx.Note("talentctl: " + e.message);
    return e.exit_code;
  }
  return kExitOk;
}

}  // namespace talent::client
