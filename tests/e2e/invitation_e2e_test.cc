// End-to-end: people act with their own credentials (docs/lifecycles.md
// §7), through real talentd and talentctl processes. An administrator
// creates an assessor and is given an invitation code, never a token; the
// assessor redeems it once with 'talentctl login --invitation', on their
// own, and never a second time; the administrator cannot create a token
// for them; tokens expire after the server's lifetime, and 'talentctl
// login' renews a valid one (the old one revoked) — exact exit codes and
// the sentences the user reads.
#include <signal.h>

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

const char kCode[] = "[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}";
const char kTime[] = "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z";

class InvitationTest : public CliFixture {
 protected:
  // talentctl as someone with their own login file and no token of the
  // administrator's.
  ProcessResult AsPerson(const std::string& who, std::vector<std::string> args) {
    return Ctl(std::move(args),
               {{"TALENT_TOKEN", ""}, {"XDG_CONFIG_HOME", dir_.File("config-" + who)}});
  }

  // The token saved in `who`'s login file.
  std::string SavedToken(const std::string& who) {
    std::string config = ReadFile(dir_.File("config-" + who + "/talentctl/config"));
    size_t at = config.find("token = ");
    if (at == std::string::npos) return "";
    return config.substr(at + 8, config.find('\n', at) - at - 8);
  }

  // Creates expert.a; returns the invitation code printed.
  std::string CreateExpert() {
    ProcessResult r = Ctl({"user", "create", "expert.a", "--name", "张建华", "--role",
                           "assessor", "--org", "西南财经大学"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out.empty() ? "" : r.out.substr(0, r.out.size() - 1);
  }
};

// What talentctl says first on a rehearsal database.
const char kRehearsalBanner[] = "talentctl: 演练 REHEARSAL database — nothing in it is real\n";

// Runs the clock ahead, past a token's expiry: a rehearsal database.
class RehearsalInvitationTest : public InvitationTest {
 protected:
  RehearsalInvitationTest() { rehearsal_ = true; }
};

TEST_F(InvitationTest, AnAssessorRedeemsTheirInvitationOnceAndTheAdminMintsNoTokenForThem) {
  ProcessResult r = Ctl({"user", "create", "expert.a", "--name", "张建华", "--role", "assessor",
                         "--org", "西南财经大学"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The code alone on the output; how to use it on the error output.
  EXPECT_THAT(r.out, MatchesRegex(std::string(kCode) + "\n"));
  const std::string code = r.out.substr(0, r.out.size() - 1);
  EXPECT_THAT(r.err, MatchesRegex(std::string("user expert\\.a created \\(assessor, 西南财经大学\\)\\.\n"
                                              "invitation for expert\\.a, valid until ") +
                                  kTime +
                                  ", shown only now; hand it to them\\. They run:\n"
                                  "  talentctl --server 127\\.0\\.0\\.1:[0-9]+ login --user "
                                  "expert\\.a --invitation CODE\n"));
  // The administrator has no token of theirs, and cannot make one.
  r = Ctl({"-o", "csv", "token", "list", "--user", "expert.a"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "ID,LABEL,CREATED,EXPIRES,REVOKED\n");
  r = Ctl({"token", "create", "--user", "expert.a"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_EQ(r.err,
            "talentctl: tokens are made only for oneself: an administrator never holds another "
            "user's token; invite them instead ('talentctl user invite expert.a') (you are "
            "admin)\n");

  // The assessor redeems it on their own machine, and is logged in.
  r = AsPerson("expert", {"login", "--user", "expert.a", "--invitation", code});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, MatchesRegex(std::string("logged in to 127\\.0\\.0\\.1:[0-9]+ as expert\\.a "
                                              "\\(assessor\\); token users/expert\\.a/tokens/2 "
                                              "expires ") +
                                  kTime + "; saved in .*/config-expert/talentctl/config\n"));
  r = AsPerson("expert", {"whoami"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "USER      DISPLAY NAME  ROLE      ORGANISATION  STATE\n"
            "expert.a  张建华        assessor  西南财经大学\n");
  EXPECT_THAT(r.err, MatchesRegex(std::string("token users/expert\\.a/tokens/2 expires ") + kTime +
                                  "; renew it with 'talentctl login' before then\n"));
  r = Ctl({"-o", "csv", "token", "list", "--user", "expert.a"});
  EXPECT_THAT(r.out, MatchesRegex(std::string("ID,LABEL,CREATED,EXPIRES,REVOKED\n"
                                              "users/expert\\.a/tokens/2,talentctl,") +
                                  kTime + "," + kTime + ",\n"));

  // Never a second time, by anyone.
  r = AsPerson("intruder", {"login", "--user", "expert.a", "--invitation", code});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_THAT(r.err, MatchesRegex(std::string("talentctl: this invitation was redeemed already, "
                                              "on ") +
                                  kTime +
                                  ", and works only once; if that was not you, tell an "
                                  "administrator at once; ask an administrator for a new one "
                                  "\\('talentctl user invite expert\\.a'\\)\n"));
  // A wrong code and an unknown user read alike.
  std::string wrong = code;
  wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
  const std::string not_valid =
      "talentctl: this invitation code is not valid for this username; check both, as the "
      "administrator gave them\n";
  r = AsPerson("intruder", {"login", "--user", "expert.a", "--invitation", wrong});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_EQ(r.err, not_valid);
  r = AsPerson("intruder", {"login", "--user", "nobody", "--invitation", code});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_EQ(r.err, not_valid);
  r = AsPerson("intruder", {"login", "--user", "expert.a", "--invitation", "O0O0-1111"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "talentctl: code must be 16 letters and digits in groups of four, as in "
            "K7QM-3XPA-9RTD-WX4F (it never has 0, O, 1, I or L)\n");
  r = AsPerson("intruder", {"login", "--invitation", code});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "talentctl: --invitation needs --user, the username the invitation was made for\n");

  // A lost token: a new invitation, which withdraws any unredeemed one.
  r = Ctl({"user", "invite", "expert.a"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string lost = r.out.substr(0, r.out.size() - 1);
  r = Ctl({"user", "invite", "expert.a", "--days", "30"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string again = r.out.substr(0, r.out.size() - 1);
  r = AsPerson("laptop", {"login", "--user", "expert.a", "--invitation", lost});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_THAT(r.err, HasSubstr("this invitation was withdrawn on "));
  // Read from standard input with '-'.
  r = Ctl({"login", "--user", "expert.a", "--invitation", "-"},
          {{"TALENT_TOKEN", ""}, {"XDG_CONFIG_HOME", dir_.File("config-laptop")}}, again + "\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("as expert.a (assessor)"));
  // Only an administrator invites.
  r = AsPerson("laptop", {"user", "invite", "expert.a"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_EQ(r.err, "talentctl: InviteUser is not allowed for the assessor role (you are "
                   "expert.a)\n");
  r = Ctl({"user", "invite", "nobody"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, "talentctl: user nobody not found (list them with 'talentctl user list')\n");

  // On the server itself, whoever may open the database lets a user back
  // in, e.g. the last administrator after their token expired.
  ProcessResult invite = RunProcess({kTalentd, "invite", "--db", db_, "--user", "admin"});
  ASSERT_EQ(invite.exit_code, 0) << invite.err;
  EXPECT_THAT(invite.out, MatchesRegex(std::string(kCode) + "\n"));
  EXPECT_THAT(invite.err, MatchesRegex(std::string("talentd: invitation for admin, valid until ") +
                                       kTime +
                                       ", shown only now \\(an earlier one not yet redeemed no "
                                       "longer works\\)\\. They run:\n  talentctl login --user "
                                       "admin --invitation CODE\n"));
  r = AsPerson("admin", {"login", "--user", "admin", "--invitation",
                         invite.out.substr(0, invite.out.size() - 1)});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("as admin (admin)"));
  invite = RunProcess({kTalentd, "invite", "--db", db_, "--user", "nobody"});
  EXPECT_EQ(invite.exit_code, 1);
  EXPECT_EQ(invite.err, "talentd: user nobody not found (list them with 'talentctl user list')\n");
}

TEST_F(RehearsalInvitationTest, TokensExpireAndLoginRenewsThem) {
  ASSERT_EQ(server_->Stop(SIGTERM), 0);
  StartServer({"--token-lifetime-days", "2"});
  const std::string code = CreateExpert();
  ProcessResult r = AsPerson("expert", {"login", "--user", "expert.a", "--invitation", code});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string first = SavedToken("expert");
  ASSERT_EQ(first.rfind("tpm_", 0), 0u);

  // Renewal: a fresh token in the login file, the old one revoked at once.
  r = AsPerson("expert", {"login"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, MatchesRegex(std::string(kRehearsalBanner) +
                                  "logged in to 127\\.0\\.0\\.1:[0-9]+ as expert\\.a "
                                  "\\(assessor\\); token users/expert\\.a/tokens/3 expires " +
                                  kTime +
                                  "; token users/expert\\.a/tokens/2 is revoked; saved in "
                                  ".*/config-expert/talentctl/config\n"));
  const std::string second = SavedToken("expert");
  EXPECT_NE(second, first);
  r = Ctl({"whoami"}, {{"TALENT_TOKEN", first}});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_EQ(r.err,
            std::string(kRehearsalBanner) +
            "talentctl: the token is not valid (unknown, revoked or expired); log in again with "
            "'talentctl login'\n");
  r = AsPerson("expert", {"whoami"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = Ctl({"-o", "csv", "token", "list", "--user", "expert.a"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, MatchesRegex(std::string("ID,LABEL,CREATED,EXPIRES,REVOKED\n"
                                              "users/expert\\.a/tokens/3,talentctl,") +
                                  kTime + "," + kTime + ",\n" +
                                  "users/expert\\.a/tokens/2,talentctl," + kTime + "," + kTime +
                                  "," + kTime + "\n"));

  // Three days later the two-day token has expired: it says what to do.
  ASSERT_EQ(server_->Stop(SIGTERM), 0);
  StartServer({"--token-lifetime-days", "2", "--clock-offset-days", "3"});
  const std::string expired =
      std::string(kRehearsalBanner) + "talentctl: your token expired on [^;]+; ask an administrator for a new invitation "
      "\\('talentctl user invite expert\\.a'\\), and renew the next one with 'talentctl "
      "login' before it expires\n";
  r = AsPerson("expert", {"whoami"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_THAT(r.err, MatchesRegex(expired));
  r = AsPerson("expert", {"login"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_THAT(r.err, MatchesRegex(expired));
  EXPECT_EQ(SavedToken("expert"), second) << "a failed renewal leaves the login file alone";
  // The administrator's token from init lives the default 90 days.
  r = Ctl({"whoami"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

}  // namespace
}  // namespace talent::testing
