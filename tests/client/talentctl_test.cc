// Whole command lines run in process, without a server: each is refused by
// a check made before any call, with the documented exit code and message.
// The server address is one nothing listens on, so a command that did call
// would fail differently.
#include "client/talentctl.h"

#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace talent::client {
namespace {

using ::testing::HasSubstr;

struct Result {
  int exit_code;
  std::string out, err;
};

class TalentctlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // No saved login and no token from the environment.
    ::setenv("XDG_CONFIG_HOME", config_.path().c_str(), 1);
    ::unsetenv("TALENT_TOKEN");
    ::unsetenv("TALENT_SERVER");
  }

  static Result Run(std::vector<std::string> args) {
    args.insert(args.begin(), {"talentctl", "--server", "127.0.0.1:1", "--lang", "en"});
    std::vector<const char*> argv;
    for (const std::string& arg : args) argv.push_back(arg.c_str());
    std::ostringstream out, err;
    int code = RunTalentctl(static_cast<int>(argv.size()), argv.data(), &out, &err);
    return {code, out.str(), err.str()};
  }

  testing::TempDir config_;
};

TEST_F(TalentctlTest, AppealNeedsRejectOrAmend) {
  Result r = Run({"appeal", "resolve", "SCSW/2023/1", "3", "--resolution", "x"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "talentctl: give --reject or --amend\n");
  EXPECT_EQ(r.out, "");
}

TEST_F(TalentctlTest, AppealRejectExcludesAmend) {
  Result r =
      Run({"appeal", "resolve", "SCSW/2023/1", "3", "--resolution", "x", "--reject", "--amend"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--reject excludes --amend"));
}

TEST_F(TalentctlTest, PointsAreSplitAtCommasAndEachChecked) {
  Result r = Run({"score", "set", "SCSW/2023/1", "17", "--points", "theory=12,ethics"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "talentctl: --points takes CODE=POINTS, got \"ethics\"\n");
}

TEST_F(TalentctlTest, QuotasMustBeThreeCounts) {
  Result r =
      Run({"cohort", "create", "--programme", "SCSW", "--year", "2023", "--quotas", "10/10"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "talentctl: --quotas must be SERVICE/MANAGEMENT/EDUCATION counts, e.g. 10/10/10\n");
}

TEST_F(TalentctlTest, UnknownTrackInChineseIsRefused) {
  Result r = Run({"enrolment", "list", "--cohort", "SCSW/2023", "--track", "志愿类"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "talentctl: --track must be one of 服务类/管理类/教育与研究类 (service, management, "
            "education-research), got \"志愿类\"\n");
}

TEST_F(TalentctlTest, AbsentEnrolmentMustBeAnId) {
  Result r = Run({"round", "absent", "SCSW/2023/1", "张伟", "--reason", "ill", "--excused"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "talentctl: enrolment must look like enrolments/17 (or 17)\n");
}

TEST_F(TalentctlTest, AssignmentNeedsWhomToAssign) {
  Result r = Run({"assignment", "add", "SCSW/2023/1", "--assessor", "wang.jg,li.ming"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "talentctl: give --enrolment, --track or --all\n");
}

TEST_F(TalentctlTest, ProgrammeUpdateNeedsAField) {
  Result r = Run({"programme", "update", "SCSW"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "talentctl: name at least one field to change (--title, --issuer, …)\n");
}

TEST_F(TalentctlTest, RoundNeedsItsPosition) {
  Result r = Run({"round", "open", "SCSW/2023/x"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "talentctl: a round is CODE/YEAR/POSITION, e.g. SCSW/2023/1 (or 2023/1)\n");
}

TEST_F(TalentctlTest, NotLoggedInBeforeAnyCall) {
  Result r = Run({"whoami"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_EQ(r.err, "talentctl: not logged in: run 'talentctl login', or set TALENT_TOKEN\n");
}

TEST_F(TalentctlTest, TokenOnTheCommandLineNeedsConsent) {
  Result r = Run({"--token", "tpm_x", "whoami"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--token would show the token to anyone running 'ps'"));
}

TEST_F(TalentctlTest, UnknownVerbIsAUsageError) {
  Result r = Run({"programme", "frobnicate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "A subcommand is required\nRun with --help or --help-all for more information.\n");
  EXPECT_EQ(r.out, "");
}

TEST_F(TalentctlTest, HelpGoesToTheOutputAndSucceeds) {
  Result r = Run({"round", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("absent                      mark a candidate absent from an "
                               "open round"));
  EXPECT_EQ(r.err, "");
}

}  // namespace
}  // namespace talent::client
