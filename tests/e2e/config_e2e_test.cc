// End-to-end: `talentd serve --config FILE` through the real binary — every
// serve flag is a key of the file, flags on the command line win over it,
// and a bad file (unknown key, [section], refused value, a key set twice,
// a missing file or a directory, a flag without the one it needs) stops
// talentd with exit code 2 and a message naming the file and the key. The
// example shipped in packaging/talentd.toml is served too.
#include <signal.h>
#include <unistd.h>

#include <ctime>
#include <regex>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/cli_fixture.h"
#include "tests/testing/process.h"
#include "tests/testing/temp_dir.h"

namespace talent::testing {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

bool Exists(const std::string& path) { return ::access(path.c_str(), F_OK) == 0; }

class ConfigEndToEndTest : public ::testing::Test {
 protected:
  // A fresh database (`rehearsal`: one that takes --clock-offset-days) and
  // its administrator's token.
  void Init(bool rehearsal = false) {
    db_ = dir_.File("talent.db");
    std::vector<std::string> argv = {kTalentd, "init", "--db", db_, "--admin", "admin"};
    if (rehearsal) argv.push_back("--rehearsal");
    ProcessResult r = RunProcess(argv);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    token_ = r.out.substr(0, r.out.find('\n'));
  }

  // Writes `text` to a config file and returns its path.
  std::string Config(const std::string& text, const std::string& name = "talentd.toml") {
    const std::string path = dir_.File(name);
    WriteFile(path, text);
    return path;
  }

  // talentd serve with `args` in the background; waits for `port_file`.
  // Returns the gRPC port, or "" (with the log) when it did not come up.
  std::string Serve(const std::vector<std::string>& args, const std::string& port_file) {
    std::vector<std::string> argv = {kTalentd, "serve"};
    argv.insert(argv.end(), args.begin(), args.end());
    server_ = std::make_unique<Daemon>(argv, log_);
    std::string port = WaitForFile(port_file, 10);
    if (port.empty()) {
      ADD_FAILURE() << ReadFile(log_);
      return "";
    }
    return port.substr(0, port.size() - 1);
  }

  ProcessResult Ctl(const std::string& port, std::vector<std::string> args) {
    args.insert(args.begin(), kTalentctl);
    return RunProcess(args, {{"TALENT_SERVER", "127.0.0.1:" + port},
                             {"TALENT_TOKEN", token_},
                             {"XDG_CONFIG_HOME", dir_.File("config")},
                             {"LANG", "C.UTF-8"}});
  }

  // talentd serve run to completion (it must fail fast).
  ProcessResult ServeFails(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {kTalentd, "serve"};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunProcess(argv, {}, "", 20);
  }

  TempDir dir_;
  std::string db_;
  std::string token_;
  std::string log_ = dir_.File("talentd.log");
  std::unique_ptr<Daemon> server_;
};

TEST_F(ConfigEndToEndTest, ServeTakesEveryFlagFromTheFile) {
  Init(/*rehearsal=*/true);
  if (HasFatalFailure()) return;
  const std::string config = Config(
      "# every flag of serve but the TLS pair (the next test reads those)\n"
      "db = \"" + db_ + "\"\n"
      "key = \"" + db_ + ".key\"\n"
      "listen = \"127.0.0.1:0\"\n"
      "insecure = false\n"
      "port-file = \"" + dir_.File("port") + "\"\n"
      "http-listen = \"127.0.0.1:0\"\n"
      "http-port-file = \"" + dir_.File("http-port") + "\"\n"
      "metrics-listen = \"127.0.0.1:0\"\n"
      "metrics-port-file = \"" + dir_.File("metrics-port") + "\"\n"
      "public-url = \"https://talent.example.org/\"\n"
      "verify-rate = 0.5\n"
      "verify-burst = 2\n"
      "threads = 4\n"
      "max-message-mb = 8\n"
      "import-max-mb = 1\n"
      "clock-offset-days = 3\n"
      "token-lifetime-days = 30\n");
  const std::string port = Serve({"--config", config}, dir_.File("port"));
  ASSERT_FALSE(port.empty());
  ASSERT_FALSE(WaitForFile(dir_.File("http-port"), 5).empty());
  ASSERT_FALSE(WaitForFile(dir_.File("metrics-port"), 5).empty());
  const std::string log = ReadFile(log_);
  EXPECT_THAT(log, HasSubstr("talentd: the clock runs 3 day(s) ahead (--clock-offset-days)\n"));
  EXPECT_THAT(log, HasSubstr("(certificates point to https://talent.example.org)\n"));

  // The burst of 2 verifications, then the rate limit.
  for (int i = 0; i < 2; ++i) {
    ProcessResult r = Ctl(port, {"cert", "verify", "SCSW-2023-S001"});
    EXPECT_EQ(r.exit_code, 3) << r.err;
  }
  ProcessResult r = Ctl(port, {"cert", "verify", "SCSW-2023-S001"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_THAT(r.err, HasSubstr("too many certificate verifications from your address"));

  // Tokens made now live 30 days, on a clock 3 days ahead.
  r = Ctl(port, {"login"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::time_t expiry = std::time(nullptr) + 33 * 86400;
  char day[16];
  std::strftime(day, sizeof day, "%Y-%m-%d", std::gmtime(&expiry));
  EXPECT_THAT(r.err, HasSubstr(std::string("expires ") + day + "T"));
  EXPECT_EQ(server_->Stop(SIGTERM), 0);
}

TEST_F(ConfigEndToEndTest, TheTlsKeysAreReadFromTheFile) {
  Init();
  if (HasFatalFailure()) return;
  const std::string config = Config("db = \"" + db_ + "\"\n"
                                    "tls-cert = \"" + dir_.File("none.pem") + "\"\n"
                                    "tls-key = \"" + dir_.File("none-key.pem") + "\"\n");
  ProcessResult r = ServeFails({"--config", config, "--listen", "127.0.0.1:0"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "talentd: cannot read --tls-cert " + dir_.File("none.pem") +
                       ": No such file or directory\n");
}

TEST_F(ConfigEndToEndTest, FlagsOnTheCommandLineWinOverTheFile) {
  Init();
  if (HasFatalFailure()) return;
  // The file's listen address and port file would fail or go elsewhere.
  const std::string config = Config("db = \"" + db_ + "\"\n"
                                    "listen = \"192.0.2.1:1\"\n"
                                    "port-file = \"" + dir_.File("file-port") + "\"\n"
                                    "threads = 4\n");
  const std::string port =
      Serve({"--config", config, "--listen", "127.0.0.1:0", "--port-file", dir_.File("port")},
            dir_.File("port"));
  ASSERT_FALSE(port.empty());
  EXPECT_FALSE(Exists(dir_.File("file-port")));
  ProcessResult r = Ctl(port, {"whoami"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(server_->Stop(SIGTERM), 0);
}

TEST_F(ConfigEndToEndTest, TheLogFormatComesFromTheFileToo) {
  Init();
  if (HasFatalFailure()) return;
  const std::string config = Config("db = \"" + db_ + "\"\n"
                                    "log-format = \"json\"\n");
  const std::string port = Serve(
      {"--config", config, "--listen", "127.0.0.1:0", "--port-file", dir_.File("port")},
      dir_.File("port"));
  ASSERT_FALSE(port.empty());
  ProcessResult r = Ctl(port, {"--request-id", "cfg-1", "whoami"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(server_->Stop(SIGTERM), 0);
  const std::string log = ReadFile(log_);
  EXPECT_THAT(log, HasSubstr("\"message\":\"talentd: serving "));
  EXPECT_THAT(log, HasSubstr("\"request_id\":\"cfg-1\""));
  EXPECT_THAT(log, Not(HasSubstr("\ntalentd: ")));  // no line of text
  // A value the flag refuses is refused from the file.
  const std::string bad = Config("db = \"" + db_ + "\"\nlog-format = \"xml\"\n", "bad.toml");
  r = ServeFails({"--config", bad});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_THAT(r.err, HasSubstr("log-format = xml"));
}

TEST_F(ConfigEndToEndTest, AFlagNeedsItsPartnerFromEitherPlace) {
  Init();
  if (HasFatalFailure()) return;
  // The HTTP address from the file, its port file from the command line.
  const std::string config = Config("db = \"" + db_ + "\"\nhttp-listen = \"127.0.0.1:0\"\n");
  const std::string port = Serve({"--config", config, "--listen", "127.0.0.1:0", "--port-file",
                                  dir_.File("port"), "--http-port-file", dir_.File("http-port")},
                                 dir_.File("port"));
  ASSERT_FALSE(port.empty());
  EXPECT_FALSE(WaitForFile(dir_.File("http-port"), 5).empty());
  EXPECT_EQ(server_->Stop(SIGTERM), 0);

  // Neither place names the HTTP address.
  const std::string alone = Config("db = \"" + db_ + "\"\nhttp-port-file = \"x\"\n", "alone.toml");
  ProcessResult r = ServeFails({"--config", alone});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "talentd: --http-port-file needs --http-listen (on the command line or in "
                   "--config)\n");
  r = ServeFails({"--db", db_, "--tls-cert", "cert.pem"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "talentd: --tls-cert needs --tls-key (on the command line or in --config)\n");
}

TEST_F(ConfigEndToEndTest, AnUnknownKeyIsRefusedNamingIt) {
  const std::string config = Config("db = \"x.db\"\nlisen = \"127.0.0.1:0\"\n");
  ProcessResult r = ServeFails({"--config", config});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, StartsWith("talentd: " + config + ": unknown key 'lisen' (the keys are the "
                                "flags of 'talentd serve' without their dashes: db, listen, "));
  EXPECT_THAT(r.err, HasSubstr(", token-lifetime-days, "));
  EXPECT_THAT(r.err, EndsWith(")\n"));
  EXPECT_THAT(r.err, Not(HasSubstr("config,")));  // the file cannot name another file
  EXPECT_EQ(r.out, "");
}

TEST_F(ConfigEndToEndTest, EveryServeFlagIsAKey) {
  // The flags `talentd serve --help` lists, each given in a file: none is
  // unknown (each then fails for its value or for the missing database).
  ProcessResult help = RunProcess({kTalentd, "serve", "--help"});
  ASSERT_EQ(help.exit_code, 0) << help.err;
  std::regex flag("\n  --([a-z-]+)");
  std::vector<std::string> keys;
  for (std::sregex_iterator it(help.out.begin(), help.out.end(), flag), end; it != end; ++it) {
    if ((*it)[1] != "help" && (*it)[1] != "help-all" && (*it)[1] != "config") {
      keys.push_back((*it)[1]);
    }
  }
  EXPECT_GE(keys.size(), 19u) << help.out;
  for (const std::string& key : keys) {
    const std::string config = Config(key + " = \"nonsense\"\n", key + ".toml");
    ProcessResult r = ServeFails({"--config", config});
    EXPECT_NE(r.exit_code, 0) << key;
    EXPECT_THAT(r.err, Not(HasSubstr("unknown key"))) << key;
  }
}

TEST_F(ConfigEndToEndTest, ABadFileStopsTalentdNamingFileAndKey) {
  ProcessResult r = ServeFails({"--config", dir_.File("missing.toml")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "talentd: cannot read --config " + dir_.File("missing.toml") +
                       ": No such file or directory\n");

  std::string config = Config("db = \"x.db\"\nthreads = 1000\n");
  r = ServeFails({"--config", config});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "talentd: " + config +
                       ": threads = 1000: --threads: Value 1000 not in range 2 to 256\n");

  config = Config("insecure = maybe\n", "flag.toml");
  r = ServeFails({"--config", config});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "talentd: " + config +
                       ": insecure = maybe: Could not convert: --insecure = maybe\n");

  config = Config("[serve]\ndb = \"x.db\"\n", "section.toml");
  r = ServeFails({"--config", config});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "talentd: " + config +
                       ": section [serve] is not read: write 'serve' settings at the top of the "
                       "file, before any [section]\n");

  config = Config("threads = 4\nthreads = 8\n", "twice.toml");
  r = ServeFails({"--config", config});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "talentd: " + config +
                       ": threads = 4, 8: --threads: At Most 1 required but received 2\n");

  r = ServeFails({"--config", dir_.path()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "talentd: cannot read --config " + dir_.path() + ": not a file\n");

  // A file without the database, and no --db either.
  config = Config("threads = 4\n", "nodb.toml");
  r = ServeFails({"--config", config});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "talentd: serve needs the database: --db FILE, or db = \"FILE\" in "
                   "--config\n");
  EXPECT_EQ(r.out, "");
}

TEST_F(ConfigEndToEndTest, TheShippedExampleServes) {
  Init();
  if (HasFatalFailure()) return;
  // Its paths and ports are the packaged service's; the command line moves
  // them into the test's directory and onto free ports.
  const std::string port = Serve(
      {"--config", kSource + "/packaging/talentd.toml", "--db", db_, "--listen", "127.0.0.1:0",
       "--port-file", dir_.File("port"), "--http-listen", "127.0.0.1:0", "--metrics-listen",
       "127.0.0.1:0"},
      dir_.File("port"));
  ASSERT_FALSE(port.empty());
  ProcessResult r = Ctl(port, {"whoami"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(server_->Stop(SIGTERM), 0);
  EXPECT_THAT(ReadFile(log_), HasSubstr("talentd: metrics on http://127.0.0.1:"));
}

}  // namespace
}  // namespace talent::testing
