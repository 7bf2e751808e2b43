// CliFixture: end-to-end tests' world — a fresh database made by `talentd
// init` (a rehearsal database when rehearsal_ is set), talentd serving it on an ephemeral port (restartable with extra
// flags), talentctl run as a real process with the administrator's token,
// and the seeding the end-to-end tests share (a programme and its cohort,
// the sample applicants, users who redeemed their invitations). The binaries' paths come from
// the TALENTD_PATH / TALENTCTL_PATH / TALENT_SOURCE_DIR definitions of the
// e2e test target. Not thread-safe.
#ifndef TALENT_TESTS_TESTING_CLI_FIXTURE_H_
#define TALENT_TESTS_TESTING_CLI_FIXTURE_H_

#include <cstdio>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/testing/process.h"
#include "tests/testing/temp_dir.h"

namespace talent::testing {

inline const std::string kTalentd = TALENTD_PATH;
inline const std::string kTalentctl = TALENTCTL_PATH;
// The benchmark's generator of fictional applicants (a CSV to stdout).
inline const std::string kGenApplicants = GEN_APPLICANTS_PATH;
inline const std::string kSource = TALENT_SOURCE_DIR;

class CliFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.File("talent.db");
    std::vector<std::string> argv = {kTalentd, "init", "--db", db_, "--admin", "admin"};
    if (rehearsal_) argv.push_back("--rehearsal");
    ProcessResult init = RunProcess(argv);
    ASSERT_EQ(init.exit_code, 0) << init.err;
    token_ = init.out.substr(0, init.out.find('\n'));
    ASSERT_EQ(token_.rfind("tpm_", 0), 0u) << init.out;
    StartServer();
  }

  // (Re)starts talentd on db_ with `extra` flags, listening on `listen`
  // (e.g. address_, to come back where it was); stop the old one first.
  void StartServer(std::vector<std::string> extra = {},
                   const std::string& listen = "127.0.0.1:0") {
    std::string port_file = dir_.File("port");
    std::remove(port_file.c_str());
    std::vector<std::string> argv = {kTalentd, "serve", "--db", db_, "--listen", listen,
                                     "--port-file", port_file};
    argv.insert(argv.end(), extra.begin(), extra.end());
    server_ = std::make_unique<Daemon>(argv, dir_.File("talentd.log"));
    std::string port = WaitForFile(port_file, 10);
    ASSERT_FALSE(port.empty()) << ReadFile(dir_.File("talentd.log"));
    address_ = "127.0.0.1:" + port.substr(0, port.size() - 1);
  }

  // talentctl with the admin's token unless `env` says otherwise.
  ProcessResult Ctl(std::vector<std::string> args, std::map<std::string, std::string> env = {},
                    const std::string& input = "") {
    args.insert(args.begin(), kTalentctl);
    env.emplace("TALENT_SERVER", address_);
    env.emplace("TALENT_TOKEN", token_);
    env.emplace("XDG_CONFIG_HOME", dir_.File("config"));
    env.emplace("LANG", "C.UTF-8");
    return RunProcess(args, env, input);
  }

  // Programme SCSW and its cohort 2023, enrolling.
  void SeedProgrammeAndCohort() {
    ProcessResult r = Ctl({"programme", "create", "--code", "SCSW", "--title",
                           "四川社会工作人才计划", "--issuer", "四川省民政厅", "--start", "2020",
                           "--end", "2030", "--target", "300"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = Ctl({"cohort", "create", "--programme", "SCSW", "--year", "2023", "--quotas", "10/10/10"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = Ctl({"cohort", "open", "SCSW/2023"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  // Imports the 40 sample applicants into SCSW/2023; returns their IDs by
  // name.
  std::map<std::string, std::string> ImportSampleApplicants() {
    std::map<std::string, std::string> ids;
    ProcessResult r = Ctl({"enrolment", "import", "--cohort", "SCSW/2023",
                           kSource + "/scripts/data/applicants-2023.csv"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    r = Ctl({"-o", "csv", "enrolment", "list", "--cohort", "SCSW/2023"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::istringstream lines(r.out);
    std::string line;
    std::getline(lines, line);  // heading: ID,NAME,…
    while (std::getline(lines, line)) {
      size_t comma = line.find(',');
      size_t next = line.find(',', comma + 1);
      ids[line.substr(comma + 1, next - comma - 1)] = line.substr(0, comma);
    }
    return ids;
  }

  // Creates a user of `role` at `org` (named `display_name`, by default the
  // username), as the administrator, and redeems
  // the invitation printed as that user would (`talentctl login
  // --invitation`, with a login file of their own, the token labelled
  // "first"); returns the token's secret (empty, with a failure recorded, if
  // that went wrong).
  std::string CreateUserWithToken(const std::string& username, const std::string& role,
                                  const std::string& org, const std::string& display_name = "") {
    ProcessResult r = Ctl({"user", "create", username, "--name",
                           display_name.empty() ? username : display_name, "--role", role, "--org",
                           org});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    if (r.out.empty()) return "";
    const std::string code = r.out.substr(0, r.out.size() - 1);
    const std::string home = dir_.File("config-" + username);
    r = Ctl({"login", "--user", username, "--invitation", code, "--label", "first"},
            {{"TALENT_TOKEN", ""}, {"XDG_CONFIG_HOME", home}});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const std::string config = ReadFile(home + "/talentctl/config");
    size_t start = config.find("token = ");
    size_t end = config.find('\n', start);
    if (start == std::string::npos || end == std::string::npos) {
      ADD_FAILURE() << "no token in: " << config;
      return "";
    }
    return config.substr(start + 8, end - start - 8);
  }

  TempDir dir_;
  // Made by `talentd init --rehearsal` (set in a subclass's constructor):
  // the tests that run the clock ahead need a rehearsal database.
  bool rehearsal_ = false;
  std::string db_;
  std::string token_;
  std::string address_;
  std::unique_ptr<Daemon> server_;
};

}  // namespace talent::testing

#endif  // TALENT_TESTS_TESTING_CLI_FIXTURE_H_
