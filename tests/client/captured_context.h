// CapturedContext: a CliContext for tests, in a chosen language and output
// format, whose output and messages go to strings instead of the terminal.
// No server: commands that would call one are not run through it. Not
// thread-safe.
#ifndef TALENT_TESTS_CLIENT_CAPTURED_CONTEXT_H_
#define TALENT_TESTS_CLIENT_CAPTURED_CONTEXT_H_

#include <sstream>
#include <string>

#include "client/cli_context.h"

namespace talent::client {

class CapturedContext {
 public:
  // `lang` is "en" or "zh"; `output` is "table", "csv" or "json".
  explicit CapturedContext(const std::string& lang = "en", const std::string& output = "table")
      : options_(Options(lang, output)), ctx_(&options_, &out_, &err_) {}

  CliContext& ctx() { return ctx_; }
  // What was printed (data) and noted (messages) so far.
  std::string out() const { return out_.str(); }
  std::string err() const { return err_.str(); }

 private:
  static GlobalOptions Options(const std::string& lang, const std::string& output) {
    GlobalOptions options;
    options.lang = lang;
    options.output = output;
    options.server = "127.0.0.1:1";
    return options;
  }

  GlobalOptions options_;
  std::ostringstream out_;
  std::ostringstream err_;
  CliContext ctx_;
};

}  // namespace talent::client

#endif  // TALENT_TESTS_CLIENT_CAPTURED_CONTEXT_H_
