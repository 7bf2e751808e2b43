// talentctl as a function: builds the command line (global options and
// every command group), parses `argv`, runs the command and returns the
// process exit code (0 ok, 1 other failure, 2 usage or invalid input, 3 not
// found, 4 not allowed or not logged in, 5 wrong state or conflict). Data
// goes to `out` and messages to `err` (null: standard output and error), so
// tests can run a command line in process. With `version` (the build's
// version and revision, common/version.h) there is a --version flag that
// prints "talentctl VERSION"; tests leave it out. Not thread-safe.
#ifndef TALENT_CLIENT_TALENTCTL_H_
#define TALENT_CLIENT_TALENTCTL_H_

#include <ostream>

namespace talent::client {

int RunTalentctl(int argc, const char* const* argv, std::ostream* out = nullptr,
                 std::ostream* err = nullptr, const char* version = nullptr);

}  // namespace talent::client

#endif  // TALENT_CLIENT_TALENTCTL_H_
