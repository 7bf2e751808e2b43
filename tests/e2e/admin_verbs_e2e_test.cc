// End-to-end: the administrator's verbs that change candidates, accounts and
// the programme itself — enrolment reject and withdraw, token create (one's
// own only), list and revoke, user disable, cohort quotas and programme update — through
// real talentd and talentctl processes. Every verb is checked on its
// success path, with what it prints, and on its refusals (the wrong role,
// the wrong state, a bad field, a missing thing, no confirmation), with the
// exact exit code and the sentence the user reads.
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/cli_fixture.h"
#include "tests/testing/process.h"

namespace talent::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;

// Programme SCSW with cohort 2023 enrolling; chen.li, a viewer.
class AdminVerbsTest : public CliFixture {
 protected:
  void SetUp() override {
    CliFixture::SetUp();
    if (HasFatalFailure()) return;
    SeedProgrammeAndCohort();
    if (HasFatalFailure()) return;
    viewer_ = CreateUserWithToken("chen.li", "viewer", "四川省民政厅");
    ASSERT_FALSE(viewer_.empty());
  }

  // talentctl with `token` instead of the administrator's.
  ProcessResult As(const std::string& token, std::vector<std::string> args) {
    return Ctl(std::move(args), {{"TALENT_TOKEN", token}});
  }

  // The rows of `csv` after its heading, each cut to its first `columns`.
  static std::vector<std::string> Rows(const std::string& csv, int columns) {
    std::vector<std::string> rows;
    std::istringstream lines(csv);
    std::string line;
    std::getline(lines, line);
    while (std::getline(lines, line)) {
      size_t end = 0;
      for (int i = 0; i < columns && end != std::string::npos; ++i) {
        end = line.find(',', end == 0 ? 0 : end + 1);
      }
      rows.push_back(line.substr(0, end));
    }
    return rows;
  }

  std::string viewer_;
};

TEST_F(AdminVerbsTest, EnrolmentRejectAndWithdraw) {
  std::map<std::string, std::string> ids = ImportSampleApplicants();
  const std::string wang = ids["王芳"], liu = ids["刘静"], chen = ids["陈浩然"],
                    zhao = ids["赵国平"], zhang = ids["张伟"], li = ids["李明远"];
  ASSERT_EQ(Ctl({"enrolment", "recommend", "--level", "county", "--by", "成都市民政局", "--date",
                 "2023-04-01", wang, liu, zhang, li})
                .exit_code,
            0);
  ASSERT_EQ(Ctl({"enrolment", "select", wang, zhang}).exit_code, 0);

  // Reject: an applied and a recommended candidate, marked not selected.
  ProcessResult r = Ctl({"enrolment", "reject", chen, liu, "--reason", "材料不全"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "talentctl: Mark 2 enrolment(s) not selected?: add --yes to confirm (no terminal to "
            "ask on)\n");
  r = Ctl({"-o", "csv", "enrolment", "reject", chen, liu, "--reason", "材料不全", "--yes"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  std::vector<std::string> rows = Rows(r.out, 2);
  EXPECT_THAT(rows, ::testing::ElementsAre(chen + ",陈浩然", liu + ",刘静"));
  EXPECT_THAT(r.out, HasSubstr(",not-selected,"));
  r = Ctl({"enrolment", "get", chen});
  EXPECT_THAT(r.out, HasSubstr("STAGE                not-selected\n"
                               "REASON               材料不全\n"));

  // Refusals: not selectable any more, a missing one among good ones, a
  // viewer, no reason.
  r = Ctl({"enrolment", "reject", chen, "--reason", "材料不全", "--yes"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_EQ(r.err, "talentctl: enrolment " + chen + ": enrolment " + chen +
                       " (陈浩然) is not-selected; only applied, recommended or selected "
                       "candidates can be rejected\n"
                       "talentctl: 1 of 1 failed: none was changed; not changed: " + chen +
                       "\n");
  r = Ctl({"-o", "csv", "enrolment", "reject", "99999", zhao, "--reason", "材料不全", "--yes"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(Rows(r.out, 2), ::testing::ElementsAre(zhao + ",赵国平"));
  EXPECT_EQ(r.err, "talentctl: enrolment 99999: enrolment 99999 not found\ntalentctl: 1 of 2 "
                   "failed: changed: " + zhao + "; not changed: 99999\n");
  // An enrolment named twice changes nothing, not even the others.
  r = Ctl({"-o", "csv", "enrolment", "reject", li, li, "--reason", "材料不全", "--yes"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "talentctl: enrolment " + li + " is named twice; nothing was changed\n");
  r = As(viewer_, {"enrolment", "reject", li, "--reason", "材料不全", "--yes"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_THAT(r.err, HasSubstr("RejectEnrolment is not allowed for the viewer role (you are "
                               "chen.li)"));
  r = Ctl({"enrolment", "reject", li, "--reason", " ", "--yes"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "talentctl: enrolment " + li +
                       ": reason is required\ntalentctl: 1 of 1 failed: none was changed; not "
                       "changed: " + li + "\n");

  // Withdraw while enrolling: a selected candidate frees a place.
  r = Ctl({"enrolment", "withdraw", wang, "--reason", "个人原因"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "talentctl: Withdraw 1 enrolment(s)?: add --yes to confirm (no terminal to ask on)\n");
  r = Ctl({"-o", "csv", "enrolment", "withdraw", wang, "--reason", "个人原因", "--yes"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(Rows(r.out, 2), ::testing::ElementsAre(wang + ",王芳"));
  EXPECT_THAT(r.out, HasSubstr(",withdrawn,"));
  r = Ctl({"enrolment", "withdraw", chen, "--reason", "个人原因", "--yes"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_THAT(r.err, HasSubstr("enrolment " + chen +
                               " (陈浩然) is not-selected in cohort SCSW/2023 (enrolling); it "
                               "cannot be withdrawn now"));
  r = As(viewer_, {"enrolment", "withdraw", zhang, "--reason", "个人原因", "--yes"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_THAT(r.err, HasSubstr("WithdrawEnrolment is not allowed for the viewer role"));

  // Cultivating: an active candidate withdraws; nobody is rejected any more.
  ASSERT_EQ(Ctl({"cohort", "cultivate", "SCSW/2023", "--yes"}).exit_code, 0);
  r = Ctl({"-o", "csv", "enrolment", "withdraw", zhang, "--reason", "调离社工岗位", "--yes"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr(",withdrawn,"));
  r = Ctl({"enrolment", "reject", li, "--reason", "材料不全", "--yes"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_THAT(r.err, HasSubstr("cohort SCSW/2023 is cultivating; enrolment is frozen"));
}

TEST_F(AdminVerbsTest, TokenCreateListAndRevoke) {
  const std::string expert_a = CreateUserWithToken("expert.a", "assessor", "西南财经大学");
  const std::string expert_b = CreateUserWithToken("expert.b", "assessor", "四川大学");
  ASSERT_FALSE(HasFailure());

  // A user makes a second token of their own; the secret is printed once.
  ProcessResult r =
      As(expert_a, {"token", "create", "--user", "expert.a", "--label", "laptop", "--ttl-days",
                    "30"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, MatchesRegex("token users/expert\\.a/tokens/[0-9]+ \\(shown only now\\):\n"));
  EXPECT_THAT(r.out, MatchesRegex("tpm_[A-Za-z0-9_-]+\n"));
  const std::string laptop = r.out.substr(0, r.out.size() - 1);
  const std::string laptop_name = r.err.substr(6, r.err.find(' ', 6) - 6);
  r = As(laptop, {"whoami"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("expert.a"));
  // An assessor makes their own, but nobody else's.
  r = As(expert_a, {"token", "create", "--label", "phone"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("token users/expert.a/tokens/"));
  r = As(expert_a, {"token", "create", "--user", "expert.b", "--label", "borrowed"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_EQ(r.err,
            "talentctl: tokens are made only for oneself: an administrator never holds another "
            "user's token; invite them instead ('talentctl user invite expert.b') (you are "
            "expert.a)\n");
  // Nor does an administrator make one for anybody else.
  r = Ctl({"token", "create", "--user", "expert.a", "--label", "borrowed"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_EQ(r.err,
            "talentctl: tokens are made only for oneself: an administrator never holds another "
            "user's token; invite them instead ('talentctl user invite expert.a') (you are "
            "admin)\n");
  r = As(expert_a, {"token", "create", "--ttl-days", "91"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "talentctl: ttl_days must be 0 (the server's token lifetime, 90 days) or 1–90, got "
            "91\n");

  // Listed newest first, without their secrets.
  r = Ctl({"-o", "csv", "token", "list", "--user", "expert.a"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, Not(HasSubstr("tpm_")));
  std::vector<std::string> rows = Rows(r.out, 2);
  ASSERT_EQ(rows.size(), 3u) << r.out;
  EXPECT_THAT(rows[0], MatchesRegex("users/expert\\.a/tokens/[0-9]+,phone"));
  EXPECT_EQ(rows[1], laptop_name + ",laptop");
  EXPECT_THAT(rows[2], MatchesRegex("users/expert\\.a/tokens/[0-9]+,first"));
  EXPECT_THAT(r.out, MatchesRegex(".*,laptop,[^,]+,[^,]+,\n.*"));  // expires, not revoked
  r = As(expert_a, {"-o", "csv", "token", "list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Rows(r.out, 2), rows);
  r = As(expert_a, {"token", "list", "--user", "expert.b"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_THAT(r.err, HasSubstr("only an administrator may manage another user's tokens"));

  // Revoking: the owner may, and the token stops working at once.
  r = As(expert_a, {"token", "revoke", laptop_name});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "talentctl: Revoke " + laptop_name +
                       "?: add --yes to confirm (no terminal to ask on)\n");
  r = As(expert_a, {"-o", "csv", "token", "revoke", laptop_name, "--yes"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, MatchesRegex("ID,LABEL,CREATED,EXPIRES,REVOKED\n" + laptop_name +
                                  ",laptop,[^,]+,[^,]+,[^,]+\n"));
  r = As(laptop, {"whoami"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_EQ(r.err,
            "talentctl: the token is not valid (unknown, revoked or expired); log in again with "
            "'talentctl login'\n");
  r = Ctl({"token", "revoke", laptop_name, "--yes"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_EQ(r.err, "talentctl: token " + laptop_name + " is already revoked\n");
  r = As(expert_b, {"token", "revoke", laptop_name, "--yes"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_THAT(r.err, HasSubstr("only an administrator may manage another user's tokens (you "
                               "are expert.b)"));
  r = Ctl({"token", "revoke", "users/expert.a/tokens/999", "--yes"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, "talentctl: token 999 not found\n");
  r = Ctl({"token", "revoke", "laptop", "--yes"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "talentctl: name must look like users/alice/tokens/3\n");
}

TEST_F(AdminVerbsTest, UserDisableRevokesEveryToken) {
  const std::string expert_b = CreateUserWithToken("expert.b", "assessor", "四川大学");
  ASSERT_FALSE(expert_b.empty());
  ProcessResult r = Ctl({"user", "disable", "expert.b"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "talentctl: Disable expert.b and revoke all their tokens?: add --yes to confirm (no "
            "terminal to ask on)\n");
  r = As(viewer_, {"user", "disable", "expert.b", "--yes"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_EQ(r.err,
            "talentctl: DisableUser is not allowed for the viewer role (you are chen.li)\n");
  r = Ctl({"user", "disable", "admin", "--yes"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_EQ(r.err,
            "talentctl: you cannot disable your own account; ask another administrator\n");
  r = Ctl({"user", "disable", "nobody", "--yes"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err,
            "talentctl: user nobody not found (list them with 'talentctl user list')\n");
  // Still working: none of that disabled anyone.
  ASSERT_EQ(As(expert_b, {"whoami"}).exit_code, 0);

  r = Ctl({"user", "disable", "expert.b", "--yes"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "USER      DISPLAY NAME  ROLE      ORGANISATION  STATE\n"
            "expert.b  expert.b      assessor  四川大学      disabled\n");
  r = As(expert_b, {"whoami"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_THAT(r.err, HasSubstr("the token is not valid (unknown, revoked or expired)"));
  r = Ctl({"-o", "csv", "token", "list", "--user", "expert.b"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, MatchesRegex("ID,LABEL,CREATED,EXPIRES,REVOKED\n"
                                  "users/expert\\.b/tokens/[0-9]+,first,[^,]+,[^,]+,[^,]+\n"));
  r = Ctl({"user", "invite", "expert.b"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_EQ(r.err, "talentctl: user expert.b is disabled; a disabled account is not invited\n");
  r = Ctl({"-o", "csv", "user", "list", "--role", "assessor"});
  EXPECT_THAT(r.out, HasSubstr("expert.b,expert.b,assessor,四川大学,disabled\n"));
}

TEST_F(AdminVerbsTest, CohortQuotas) {
  ProcessResult r = Ctl({"cohort", "quotas", "SCSW/2023", "--quotas", "12/8/5"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "COHORT     STATE      QUOTA   APPLIED  SELECTED\n"
            "SCSW/2023  enrolling  12/8/5  0/0/0    0/0/0\n");
  r = Ctl({"cohort", "get", "SCSW/2023"});
  EXPECT_THAT(r.out, HasSubstr(" 12/8/5 "));

  // Refusals: malformed, out of range, a viewer, no such cohort.
  r = Ctl({"cohort", "quotas", "SCSW/2023", "--quotas", "12/8"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "talentctl: --quotas must be SERVICE/MANAGEMENT/EDUCATION counts, e.g. 10/10/10\n");
  r = Ctl({"cohort", "quotas", "SCSW/2023", "--quotas=-1/8/5"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "talentctl: quotas.service must be between 0 and 1000, got -1\n");
  r = As(viewer_, {"cohort", "quotas", "SCSW/2023", "--quotas", "12/8/5"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_EQ(r.err, "talentctl: SetQuotas is not allowed for the viewer role (you are chen.li)\n");
  r = Ctl({"cohort", "quotas", "SCSW/2024", "--quotas", "12/8/5"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err,
            "talentctl: cohort SCSW/2024 not found (list them with 'talentctl cohort list')\n");

  // Below the number already selected, and after cultivation starts.
  std::map<std::string, std::string> ids = ImportSampleApplicants();
  ASSERT_EQ(Ctl({"enrolment", "recommend", "--level", "county", "--by", "成都市民政局", "--date",
                 "2023-04-01", ids["王芳"], ids["刘静"]})
                .exit_code,
            0);
  ASSERT_EQ(Ctl({"enrolment", "select", ids["王芳"], ids["刘静"]}).exit_code, 0);
  r = Ctl({"cohort", "quotas", "SCSW/2023", "--quotas", "1/8/5"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_EQ(r.err,
            "talentctl: track service already has 2 selected; its quota cannot be 1 (reject some "
            "selected candidates first)\n");
  ASSERT_EQ(Ctl({"cohort", "cultivate", "SCSW/2023", "--yes"}).exit_code, 0);
  r = Ctl({"cohort", "quotas", "SCSW/2023", "--quotas", "20/8/5"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_EQ(r.err, "talentctl: cohort SCSW/2023 is cultivating; quotas can no longer change\n");
}

TEST_F(AdminVerbsTest, ProgrammeUpdate) {
  ProcessResult r =
      Ctl({"programme", "update", "SCSW", "--title", "四川省社会工作人才计划", "--target", "400"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string updated =
      "CODE  TITLE                   ISSUER        YEARS      TARGET\n"
      "SCSW  四川省社会工作人才计划  四川省民政厅  2020–2030  400\n";
  EXPECT_EQ(r.out, updated);
  r = Ctl({"programme", "get", "SCSW"});
  EXPECT_EQ(r.out, updated);

  // Refusals: nothing to change, a bad field, years that would leave the
  // 2023 cohort out, no such programme, a viewer.
  r = Ctl({"programme", "update", "SCSW"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "talentctl: name at least one field to change (--title, --issuer, …)\n");
  r = Ctl({"programme", "update", "SCSW", "--end", "2019"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "talentctl: end_year 2019 is before start_year 2020\n");
  r = Ctl({"programme", "update", "SCSW", "--title", " "});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "talentctl: title is required\n");
  r = Ctl({"programme", "update", "SCSW", "--start", "2024"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_EQ(r.err,
            "talentctl: programme SCSW has cohorts from 2023 to 2023; its years must include "
            "them\n");
  r = Ctl({"programme", "update", "NOPE", "--target", "10"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err,
            "talentctl: programme NOPE not found (list them with 'talentctl programme list')\n");
  r = As(viewer_, {"programme", "update", "SCSW", "--target", "10"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_EQ(r.err,
            "talentctl: UpdateProgramme is not allowed for the viewer role (you are chen.li)\n");
  // None of them changed it.
  r = Ctl({"programme", "get", "SCSW"});
  EXPECT_EQ(r.out, updated);
}

}  // namespace
}  // namespace talent::testing
