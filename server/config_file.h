// Settings files for talentd's subcommands (`talentd serve --config FILE`):
// TOML or INI, read with CLI11's own parser. Every key is one of the
// command's flags without its dashes (`db = "/var/lib/talentd/talent.db"`,
// `insecure = true`); a flag given on the command line wins over the same
// key in the file. Not thread-safe (it fills the command's options).
#ifndef TALENT_SERVER_CONFIG_FILE_H_
#define TALENT_SERVER_CONFIG_FILE_H_

#include <string>

#include "absl/status/status.h"

namespace CLI {
class App;
}  // namespace CLI

namespace talent::server {

// Reads `path` and gives each option of `command` that the command line
// left unset the value of its key, checked as the flag's own value would
// be (ranges, conversions). CLI11 2.1 reads configuration files only for the
// top-level app, hence this for a subcommand. Returns INVALID_ARGUMENT
// naming the file and the key for an unknown key, a [section], or a value
// the flag refuses (a key set twice has two values, which a single-valued
// flag refuses); NOT_FOUND when the file cannot be read or is no file. Relations between flags (one needing another) are the caller's to
// check afterwards, since either may come from the file.
absl::Status ApplyConfigFile(const std::string& path, CLI::App& command);

}  // namespace talent::server

#endif  // TALENT_SERVER_CONFIG_FILE_H_
