// talentctl: the command-line client of Talent Program Manager.
//
//   talentctl <resource> <verb> [args] [flags]
//
// Data goes to stdout, messages to stderr. Exit codes: 0 ok, 1 other
// failure, 2 usage or invalid input, 3 not found, 4 not allowed or not
// logged in, 5 wrong state or conflict. The commands are in talent_cli.
#include "client/talentctl.h"
#include "common/version.h"

int main(int argc, char** argv) {
  return talent::client::RunTalentctl(argc, argv, nullptr, nullptr,
                                      talent::common::VersionString());
}
