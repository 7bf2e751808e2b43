// talentctl: the command-line client of Talent Program Manager.
//
//   talentctl <resource> <verb> [args] [flags]
//
// Data goes to stdout, messages to stderr. Exit codes: 0 ok, 1 other
// failure, 2 usage or invalid input, 3 not found, 4 not allowed or not
// logged in, 5 wrong state or conflict.
#include <cstdio>

#include <CLI/CLI.hpp>

#include "client/cli_context.h"
#include "client/commands.h"

int main(int argc, char** argv) {
  using talent::client::CliContext;
  using talent::client::CliError;

  CLI::App app{
      "talentctl: manage talent-cultivation programmes — programmes, cohorts, enrolments, "
      "users.\nExit codes: 0 ok, 1 failure, 2 usage/invalid input, 3 not found, 4 not allowed "
      "or not logged in, 5 wrong state or conflict."};
  app.require_subcommand(1);
  // Global options (-o, --yes, --lang…) work before or after the command.
  app.fallthrough();
  app.set_help_all_flag("--help-all", "show help for every command");

  talent::client::GlobalOptions options;
  app.add_option("--server", options.server, "talentd address host:port")
      ->envname("TALENT_SERVER");
  app.add_option("--token-file", options.token_file,
                 "read the bearer token from this file (- for stdin)");
  app.add_option("--token", options.token,
                 "bearer token (visible in ps: needs --allow-token-arg; prefer TALENT_TOKEN, "
                 "--token-file or 'talentctl login')");
  app.add_flag("--allow-token-arg", options.allow_token_arg, "accept --token");
  app.add_option("-o,--output", options.output, "table, json or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->capture_default_str();
  app.add_option("--lang", options.lang, "en or zh (default: from LANG)");
  app.add_option("--timeout", options.timeout_seconds, "seconds to wait for the server")
      ->capture_default_str();
  app.add_flag("-y,--yes", options.yes, "do not ask for confirmation");
  app.add_option("--tls-ca", options.tls_ca,
                 "connect with TLS, trusting the PEM certificates in this file")
      ->envname("TALENT_TLS_CA");

  CliContext ctx(&options);
  talent::client::AddProgrammeCommands(app, ctx);
  talent::client::AddCohortCommands(app, ctx);
  talent::client::AddEnrolmentCommands(app, ctx);
  talent::client::AddUserCommands(app, ctx);
  talent::client::AddAuditCommands(app, ctx);
  talent::client::AddAssessmentCommands(app, ctx);
  talent::client::AddRoundCommands(app, ctx);
  talent::client::AddSheetCommands(app, ctx);
  talent::client::AddCertCommands(app, ctx);
  talent::client::AddReportCommands(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : talent::client::kExitUsage;
  } catch (const CliError& e) {
    std::fprintf(stderr, "talentctl: %s\n", e.message.c_str());
    return e.exit_code;
  }
  return 0;
}
