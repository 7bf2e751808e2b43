// End-to-end: the verbs of scoring and of the public notice — score set,
// submit, reopen and history; round absent, with and without --excused;
// appeal file, resolve (--reject, --amend --reopen) and list — through real
// talentd and talentctl processes, each run as the role that uses it (an
// assessor for the sheets, the administrator for the rest). Every verb is
// checked on its success path, with what it prints, and on its refusals,
// with the exact exit code and the sentence the user reads.
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

constexpr char kRound[] = "SCSW/2023/1";

// Cohort SCSW/2023 in cultivation with 张伟, 王芳 and 李明远 active; its round
// 1 (中期考核) open with the assessors expert.a, expert.b and expert.c
// assigned to all three; chen.li a viewer.
class ScoringVerbsTest : public CliFixture {
 protected:
  void SetUp() override {
    CliFixture::SetUp();
    if (HasFatalFailure()) return;
    SeedProgrammeAndCohort();
    if (HasFatalFailure()) return;
    ids_ = ImportSampleApplicants();
    zhang_ = ids_["张伟"];
    wang_ = ids_["王芳"];
    li_ = ids_["李明远"];
    outsider_ = ids_["刘静"];  // never selected: not-selected once cultivating
    ASSERT_FALSE(zhang_.empty() || wang_.empty() || li_.empty() || outsider_.empty());
    ASSERT_EQ(Ctl({"enrolment", "recommend", "--level", "county", "--by", "成都市民政局",
                   "--date", "2023-04-01", zhang_, wang_, li_})
                  .exit_code,
              0);
    ASSERT_EQ(Ctl({"enrolment", "select", zhang_, wang_, li_}).exit_code, 0);
    ASSERT_EQ(Ctl({"cohort", "cultivate", "SCSW/2023", "--yes"}).exit_code, 0);
    ASSERT_EQ(Ctl({"round", "create", "SCSW/2023", "--title", "中期考核", "--position", "1"})
                  .exit_code,
              0);
    expert_a_ = CreateUserWithToken("expert.a", "assessor", "西南财经大学");
    expert_b_ = CreateUserWithToken("expert.b", "assessor", "四川大学");
    expert_c_ = CreateUserWithToken("expert.c", "assessor", "西南民族大学");
    viewer_ = CreateUserWithToken("chen.li", "viewer", "四川省民政厅");
    ASSERT_FALSE(HasFailure());
    ASSERT_EQ(Ctl({"assignment", "add", kRound, "--assessor", "expert.a,expert.b,expert.c",
                   "--all"})
                  .exit_code,
              0);
    ASSERT_EQ(Ctl({"round", "open", kRound}).exit_code, 0);
  }

  // talentctl with `token` instead of the administrator's.
  ProcessResult As(const std::string& token, std::vector<std::string> args) {
    return Ctl(std::move(args), {{"TALENT_TOKEN", token}});
  }

  // Each assessor submits the same full sheet for each of `enrolments`
  // (92.0 points in all), through one CSV import apiece.
  void EveryAssessorSubmits(const std::vector<std::string>& enrolments) {
    std::string csv = "enrolment,theory,competence,system,talent,charity,ethics,submit\n";
    for (const std::string& id : enrolments) csv += id + ",14,14,18,18,14,14,yes\n";
    WriteFile(dir_.File("sheets.csv"), csv);
    for (const std::string& token : {expert_a_, expert_b_, expert_c_}) {
      ProcessResult r = As(token, {"score", "import", kRound, dir_.File("sheets.csv")});
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
  }

  std::map<std::string, std::string> ids_;
  std::string zhang_, wang_, li_, outsider_;
  std::string expert_a_, expert_b_, expert_c_, viewer_;
};

TEST_F(ScoringVerbsTest, SetAndSubmitTheAssessorsOwnSheet) {
  ProcessResult r = As(expert_a_, {"score", "set", kRound, zhang_, "--points",
                                   "theory=14,competence=14.5", "--comment", "基础扎实"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "CRITERION   POINTS\n"
            "theory      14.0\n"
            "competence  14.5\n"
            "system\n"
            "talent\n"
            "charity\n"
            "ethics\n"
            "TOTAL       28.5\n");
  EXPECT_EQ(r.err, "expert.a, draft: 基础扎实\n");

  // Submitting needs every criterion.
  r = As(expert_a_, {"score", "submit", kRound, zhang_});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_EQ(r.err,
            "talentctl: score every criterion before submitting; missing: system, talent, "
            "charity, ethics\n");

  r = As(expert_a_, {"score", "set", kRound, zhang_, "--points",
                     "system=18,talent=18,charity=14,ethics=14"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("ethics      14.0\nTOTAL       92.5\n"));
  r = As(expert_a_, {"score", "submit", kRound, zhang_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("TOTAL       92.5\n"));
  EXPECT_EQ(r.err, "expert.a, submitted: 基础扎实\n");

  // Submitted is locked, for more points and for a second submission.
  r = As(expert_a_, {"score", "set", kRound, zhang_, "--points", "theory=15"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_EQ(r.err,
            "talentctl: the sheet is submitted and locked; ask an administrator to reopen it\n");
  r = As(expert_a_, {"score", "submit", kRound, zhang_});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_EQ(r.err,
            "talentctl: the sheet is submitted and locked; ask an administrator to reopen it\n");
  // Another assessor has no sheet to submit.
  r = As(expert_b_, {"score", "submit", kRound, zhang_});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, "talentctl: expert.b has no sheet for enrolment " + zhang_ +
                       " in this round\n");
  r = As(viewer_, {"score", "submit", kRound, zhang_});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_THAT(r.err, HasSubstr("SubmitSheet is not allowed for the viewer role (you are chen.li)"));
}

TEST_F(ScoringVerbsTest, SetRefusesMalformedPointsOtherRolesAndUnassignedEnrolments) {
  // --points items without a code or without "=": the client refuses them.
  for (const std::string item : {"theory", "=1", "theory=14,ethics"}) {
    ProcessResult r = As(expert_a_, {"score", "set", kRound, zhang_, "--points", item});
    EXPECT_EQ(r.exit_code, 2) << item;
    std::string bad = item == "theory=14,ethics" ? "ethics" : item;
    EXPECT_EQ(r.err, "talentctl: --points takes CODE=POINTS, got \"" + bad + "\"\n") << item;
  }
  // A code with no number, a number above the maximum, a code not in the
  // rubric: the server refuses them.
  ProcessResult r = As(expert_a_, {"score", "set", kRound, zhang_, "--points", "theory="});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "talentctl: criterion theory: \"\" is not a number with at most 1 decimal, e.g. "
            "8.5\n");
  r = As(expert_a_, {"score", "set", kRound, zhang_, "--points", "theory=15.25"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "talentctl: criterion theory: \"15.25\" is not a number with at most 1 decimal, "
            "e.g. 8.5\n");
  r = As(expert_a_, {"score", "set", kRound, zhang_, "--points", "theory=16"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "talentctl: criterion theory: 16.0 is above its maximum 15.0\n");
  r = As(expert_a_, {"score", "set", kRound, zhang_, "--points", "practice=10"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "talentctl: criterion practice is not in the cohort's rubric\n");
  r = As(expert_a_, {"score", "set", kRound, zhang_});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "talentctl: give points for at least one criterion, or a comment\n");
  r = As(expert_a_, {"score", "set", kRound, "张伟", "--points", "theory=14"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "talentctl: enrolment must look like enrolments/17 (or 17)\n");

  // Only an assessor writes, and only on an enrolment assigned to them.
  r = As(viewer_, {"score", "set", kRound, zhang_, "--points", "theory=14"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_EQ(r.err, "talentctl: SetScores is not allowed for the viewer role (you are chen.li)\n");
  r = Ctl({"score", "set", kRound, zhang_, "--points", "theory=14"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_EQ(r.err, "talentctl: SetScores is not allowed for the admin role (you are admin)\n");
  r = As(expert_a_, {"score", "set", kRound, outsider_, "--points", "theory=14"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_EQ(r.err, "talentctl: this enrolment is not assigned to you in this round\n");
  r = As(expert_a_, {"score", "set", "SCSW/2023/2", zhang_, "--points", "theory=14"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err,
            "talentctl: the cohort has no round at position 2 (list them with 'talentctl round "
            "list')\n");

  // None of it wrote a sheet.
  r = Ctl({"score", "show", kRound, zhang_, "--assessor", "expert.a"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, "talentctl: expert.a has no sheet for enrolment " + zhang_ +
                       " in this round\n");
}

TEST_F(ScoringVerbsTest, ReopenUnlocksASubmittedSheetAndHistoryListsEveryChange) {
  ASSERT_EQ(As(expert_a_, {"score", "set", kRound, zhang_, "--points",
                           "theory=14,competence=14,system=18,talent=18,charity=14,ethics=14",
                           "--comment", "基础扎实"})
                .exit_code,
            0);
  ASSERT_EQ(As(expert_a_, {"score", "submit", kRound, zhang_}).exit_code, 0);

  // Refusals: no terminal to confirm on, an assessor, no such sheet, no
  // reason.
  ProcessResult r =
      Ctl({"score", "reopen", kRound, zhang_, "--assessor", "expert.a", "--reason", "笔误"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "talentctl: Reopen expert.a's sheet for enrolment " + zhang_ +
                       "?: add --yes to confirm (no terminal to ask on)\n");
  r = As(expert_a_,
         {"score", "reopen", kRound, zhang_, "--assessor", "expert.a", "--reason", "笔误", "--yes"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_EQ(r.err,
            "talentctl: ReopenSheet is not allowed for the assessor role (you are expert.a)\n");
  r = Ctl({"score", "reopen", kRound, zhang_, "--assessor", "expert.b", "--reason", "笔误",
           "--yes"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, "talentctl: expert.b has no sheet for enrolment " + zhang_ +
                       " in this round\n");
  r = Ctl({"score", "reopen", kRound, zhang_, "--assessor", "expert.a", "--reason", " ",
           "--yes"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "talentctl: reason is required\n");

  r = Ctl({"score", "reopen", kRound, zhang_, "--assessor", "expert.a", "--reason", "笔误",
           "--yes"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "CRITERION   POINTS\n"
            "theory      14.0\n"
            "competence  14.0\n"
            "system      18.0\n"
            "talent      18.0\n"
            "charity     14.0\n"
            "ethics      14.0\n"
            "TOTAL       92.0\n");
  EXPECT_EQ(r.err, "expert.a, draft: 基础扎实\n");
  r = Ctl({"score", "reopen", kRound, zhang_, "--assessor", "expert.a", "--reason", "笔误",
           "--yes"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_EQ(r.err, "talentctl: the sheet is not submitted; there is nothing to reopen\n");

  // The assessor corrects and resubmits.
  ASSERT_EQ(As(expert_a_, {"score", "set", kRound, zhang_, "--points", "theory=13"}).exit_code, 0);
  ASSERT_EQ(As(expert_a_, {"score", "submit", kRound, zhang_}).exit_code, 0);

  r = Ctl({"-o", "csv", "score", "history", kRound, zhang_, "--assessor", "expert.a"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Each line without its time, the first column.
  std::string changes;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) changes += line.substr(line.find(',')) + "\n";
  EXPECT_EQ(changes,
            ",USER,CHANGE,FROM,TO,REASON\n"
            ",expert.a,points:theory,,14.0,\n"
            ",expert.a,points:competence,,14.0,\n"
            ",expert.a,points:system,,18.0,\n"
            ",expert.a,points:talent,,18.0,\n"
            ",expert.a,points:charity,,14.0,\n"
            ",expert.a,points:ethics,,14.0,\n"
            ",expert.a,comment,,基础扎实,\n"
            ",expert.a,submit,draft,submitted,\n"
            ",admin,reopen,submitted,draft,笔误\n"
            ",expert.a,points:theory,14.0,13.0,\n"
            ",expert.a,submit,draft,submitted,\n");

  // History is the administrator's, of a sheet that exists.
  r = As(expert_a_, {"score", "history", kRound, zhang_, "--assessor", "expert.a"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_EQ(r.err,
            "talentctl: ListSheetHistory is not allowed for the assessor role (you are "
            "expert.a)\n");
  r = Ctl({"score", "history", kRound, wang_, "--assessor", "expert.a"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, "talentctl: expert.a has no sheet for enrolment " + wang_ +
                       " in this round\n");
  r = Ctl({"score", "history", kRound, zhang_, "--assessor", "nobody"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err,
            "talentctl: user nobody not found (list them with 'talentctl user list')\n");
  r = Ctl({"score", "history", kRound, zhang_});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--assessor is required"));
}

TEST_F(ScoringVerbsTest, AbsentMarksACandidateWithOrWithoutAnExcuse) {
  ProcessResult r = Ctl({"round", "absent", kRound, li_, "--reason", "病假", "--excused"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "enrolment " + li_ + " marked absent (excused)\n");
  r = Ctl({"round", "absent", kRound, wang_, "--reason", "未到场"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "enrolment " + wang_ + " marked absent\n");

  // Refusals: a viewer, no reason, a candidate not active, none at all, a
  // round not open.
  r = As(viewer_, {"round", "absent", kRound, zhang_, "--reason", "病假"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_EQ(r.err, "talentctl: MarkAbsent is not allowed for the viewer role (you are chen.li)\n");
  r = Ctl({"round", "absent", kRound, zhang_, "--reason", ""});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "talentctl: reason is required\n");
  r = Ctl({"round", "absent", kRound, outsider_, "--reason", "病假"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_EQ(r.err, "talentctl: enrolment " + outsider_ +
                       " is not-selected; only active candidates are assessed\n");
  r = Ctl({"round", "absent", kRound, "99999", "--reason", "病假"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, "talentctl: enrolment 99999 not found\n");
  ASSERT_EQ(Ctl({"round", "create", "SCSW/2023", "--title", "年度考核", "--position", "2",
                 "--final"})
                .exit_code,
            0);
  r = Ctl({"round", "absent", "SCSW/2023/2", zhang_, "--reason", "病假"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_EQ(r.err,
            "talentctl: round \"年度考核\" is draft; absences are recorded while it is open\n");

  // The two absent need no sheets: scoring closes with 张伟's alone, and the
  // results carry the absences.
  EveryAssessorSubmits({zhang_});
  if (HasFatalFailure()) return;
  r = Ctl({"round", "close", kRound});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = Ctl({"-o", "csv", "results", "show", kRound});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "RANK,NAME,TRACK,SCORE,SHEETS,RATING,FLAGS,ELIMINATED\n"
            "1,张伟,education-research,92.00,3,excellent,,\n"
            "-,王芳,service,,0,,absent,absent without an accepted excuse\n"
            "-,李明远,management,,0,,absent (excused),\n");
}

TEST_F(ScoringVerbsTest, AppealsAreFiledResolvedAndListedDuringTheNotice) {
  EveryAssessorSubmits({zhang_, wang_, li_});
  if (HasFatalFailure()) return;
  ProcessResult r = Ctl({"appeal", "file", kRound, wang_, "--reason", "伦理项评分有误"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_EQ(r.err,
            "talentctl: round \"中期考核\" is open; appeals are filed during its public notice\n");
  ASSERT_EQ(Ctl({"round", "close", kRound}).exit_code, 0);
  ASSERT_EQ(Ctl({"round", "notice", kRound}).exit_code, 0);
  r = Ctl({"appeal", "list", kRound});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "ID  NAME  STATE  REASON  RESOLUTION\n");

  // Filing.
  r = Ctl({"appeal", "file", kRound, wang_, "--reason", "伦理项评分有误"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "appeal 1 filed for 王芳\n");
  r = Ctl({"appeal", "file", kRound, zhang_, "--reason", "总分计算有误"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "appeal 2 filed for 张伟\n");
  r = Ctl({"appeal", "file", kRound, outsider_, "--reason", "未入选"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, "talentctl: enrolment " + outsider_ + " has no result in round \"中期考核\"\n");
  r = Ctl({"appeal", "file", kRound, li_, "--reason", ""});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "talentctl: reason is required\n");
  r = As(viewer_, {"appeal", "file", kRound, li_, "--reason", "有误"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_EQ(r.err, "talentctl: FileAppeal is not allowed for the viewer role (you are chen.li)\n");

  // Resolving: refusals first.
  r = Ctl({"appeal", "resolve", kRound, "1", "--resolution", "复核"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "talentctl: give --reject or --amend\n");
  r = Ctl({"appeal", "resolve", kRound, "1", "--reject", "--amend", "--resolution", "复核"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--reject excludes --amend"));
  r = Ctl({"appeal", "resolve", kRound, "1", "--amend", "--resolution", "复核"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "talentctl: an amended appeal names the assessors whose sheets reopen\n");
  r = Ctl({"appeal", "resolve", kRound, "1", "--reject", "--reopen", "expert.a", "--resolution",
           "复核"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "talentctl: a rejected appeal reopens no sheet\n");
  r = Ctl({"appeal", "resolve", kRound, "1", "--amend", "--reopen", "chen.li", "--resolution",
           "复核"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_EQ(r.err, "talentctl: chen.li has no submitted sheet for enrolment " + wang_ + "\n");
  r = Ctl({"appeal", "resolve", kRound, "9", "--reject", "--resolution", "复核"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err,
            "talentctl: the round has no appeal 9 (list them with 'talentctl appeal list')\n");
  r = As(viewer_, {"appeal", "resolve", kRound, "1", "--reject", "--resolution", "复核"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_EQ(r.err,
            "talentctl: ResolveAppeal is not allowed for the viewer role (you are chen.li)\n");
  // During the notice a sheet reopens only through an amended appeal.
  r = Ctl({"score", "reopen", kRound, wang_, "--assessor", "expert.a", "--reason", "复核",
           "--yes"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_THAT(r.err, HasSubstr("the round is notice; sheets reopen while it is open (during "
                               "the notice, through an amended appeal: 'talentctl appeal "
                               "resolve --amend')"));

  // Amended: expert.a's sheet reopens for the correction; expert.b's, not
  // reopened, cannot be written during the notice.
  r = Ctl({"appeal", "resolve", kRound, "1", "--amend", "--reopen", "expert.a", "--resolution",
           "伦理项复核后更正"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "appeal 1: amended\n");
  r = As(expert_a_, {"score", "set", kRound, wang_, "--points", "ethics=12"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("TOTAL       90.0\n"));
  ASSERT_EQ(As(expert_a_, {"score", "submit", kRound, wang_}).exit_code, 0);
  r = As(expert_b_, {"score", "set", kRound, wang_, "--points", "ethics=12"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_EQ(r.err,
            "talentctl: the round is notice; sheets can be written only while it is open\n");

  // Rejected, and then resolved for good.
  r = Ctl({"appeal", "resolve", kRound, "2", "--reject", "--resolution", "维持原结果"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "appeal 2: rejected\n");
  r = Ctl({"appeal", "resolve", kRound, "2", "--reject", "--resolution", "维持原结果"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_EQ(r.err, "talentctl: appeal 2 is already resolved\n");

  const std::string listing =
      "ID  NAME  STATE     REASON          RESOLUTION\n"
      "1   王芳  amended   伦理项评分有误  伦理项复核后更正\n"
      "2   张伟  rejected  总分计算有误    维持原结果\n";
  r = Ctl({"appeal", "list", kRound});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, listing);
  r = As(viewer_, {"appeal", "list", kRound});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, listing);
  r = As(expert_a_, {"appeal", "list", kRound});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_EQ(r.err,
            "talentctl: ListAppeals is not allowed for the assessor role (you are expert.a)\n");
  r = Ctl({"appeal", "list", "SCSW/2023/5"});
  EXPECT_EQ(r.exit_code, 3);
}

}  // namespace
}  // namespace talent::testing
