// Real child processes for end-to-end tests: RunProcess() a command to completion
// with its own environment and standard input, capturing stdout, stderr and
// the exit code; Daemon starts talentd in the background and can stop it
// with any signal (SIGTERM for a graceful stop, SIGKILL for a crash).
// Thread-compatible.
#ifndef TALENT_TESTS_TESTING_PROCESS_H_
#define TALENT_TESTS_TESTING_PROCESS_H_

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace talent::testing {

struct ProcessResult {
  int exit_code = -1;  // 128 + signal when killed by a signal
  std::string out;
  std::string err;
  bool timed_out = false;  // killed after the deadline; err says so
};

// How long RunProcess lets a command run before it kills it (SIGKILL): no
// test may hang the suite on a child that never ends.
inline constexpr double kDefaultProcessTimeoutSeconds = 120;

// Runs argv[0] (a path) with the current environment plus `env` overrides
// (an empty value unsets the variable), feeding `input` on stdin. Kills it
// after `timeout_seconds` (exit code 128 + SIGKILL, timed_out set).
ProcessResult RunProcess(const std::vector<std::string>& argv,
                         const std::map<std::string, std::string>& env = {},
                         const std::string& input = "",
                         double timeout_seconds = kDefaultProcessTimeoutSeconds);

// A background process whose stderr goes to a file.
class Daemon {
 public:
  Daemon(const std::vector<std::string>& argv, const std::string& log_path);
  ~Daemon();  // SIGKILL if still running
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

  pid_t pid() const { return pid_; }
  // Sends `signal` and waits; returns the exit code (128 + signal if killed).
  int Stop(int signal);

 private:
  pid_t pid_ = -1;
};

// Waits up to `seconds` for a non-empty file and returns its contents.
std::string WaitForFile(const std::string& path, double seconds);

std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& contents);

}  // namespace talent::testing

#endif  // TALENT_TESTS_TESTING_PROCESS_H_
