// Files talentctl writes for its user alone: the login config, the audit
// heads it remembers, an exported audit log. Each is written whole or not
// at all, readable by its owner only.
#ifndef TALENT_CLIENT_PRIVATE_FILE_H_
#define TALENT_CLIENT_PRIVATE_FILE_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace talent::client {

// $XDG_CONFIG_HOME/talentctl, or ~/.config/talentctl: where talentctl keeps
// what it remembers between runs.
std::string ConfigDir();

// Writes `text` to `path` atomically: a new temporary file beside it (a
// unique name, mode 0600), synced, renamed over `path`, and the directory
// synced. With
// `make_dirs`, first creates the directory and its parent (mode 0700) when
// they are missing. INTERNAL, naming the path, when any step fails; `path`
// is then unchanged.
absl::Status WritePrivateFile(const std::string& path, std::string_view text,
                              bool make_dirs = false);

}  // namespace talent::client

#endif  // TALENT_CLIENT_PRIVATE_FILE_H_
