// End-to-end: assessment rounds, declared conflicts and assignments through
// real talentd and talentctl processes, as an administrator runs them.
#include <signal.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/cli_fixture.h"
#include "tests/testing/process.h"
#include "tests/testing/temp_dir.h"

namespace talent::testing {
namespace {

using ::testing::HasSubstr;

// The shared end-to-end fixture, plus the sample applicants.
class RoundEndToEndTest : public CliFixture {
 protected:
  // Imports the 40 sample applicants and returns their IDs by name.
  std::map<std::string, std::string> ImportApplicants() {
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
};

TEST_F(RoundEndToEndTest, RoundsAssignmentsAndTheRulesFreeze) {
  SeedProgrammeAndCohort();
  if (HasFatalFailure()) return;

  // Rounds: a mid-term, the final, and one refused after the final.
  ProcessResult r =
      Ctl({"round", "create", "SCSW/2023", "--title", "中期考核", "--position", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = Ctl({"round", "create", "SCSW/2023", "--title", "年度考核", "--position", "2", "--final"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = Ctl({"round", "create", "SCSW/2023", "--title", "补充考核", "--position", "3"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_EQ(r.err,
            "talentctl: no round may come after the final round \"年度考核\" (position 2)\n");
  EXPECT_EQ(r.out, "");
  r = Ctl({"round", "create", "SCSW/2023", "--title", "中期考核", "--position", "2"});
  EXPECT_EQ(r.exit_code, 5) << r.err;
  r = Ctl({"round", "list", "SCSW/2023"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "#  TITLE     FINAL  STATE  NOTICE ENDS\n"
            "1  中期考核         draft\n"
            "2  年度考核  final  draft\n");

  // Three active candidates: 张伟 (education & research), 王芳 (service),
  // 李明远 (management).
  std::map<std::string, std::string> ids = ImportApplicants();
  ASSERT_EQ(ids.size(), 40u);
  const std::string zhang = ids["张伟"], wang = ids["王芳"], li = ids["李明远"];
  ASSERT_FALSE(zhang.empty() || wang.empty() || li.empty());
  r = Ctl({"enrolment", "recommend", "--level", "county", "--by", "成都市民政局", "--date",
           "2023-04-01", zhang, wang, li});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = Ctl({"enrolment", "select", zhang, wang, li});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = Ctl({"cohort", "cultivate", "SCSW/2023", "--yes"});
  ASSERT_EQ(r.exit_code, 0) << r.err;

  // expert.a works at 张伟's organisation (written with a space);
  // expert.b has declared a conflict with 王芳.
  r = Ctl({"user", "create", "expert.a", "--name", "专家甲", "--role", "assessor", "--org",
           "成都市锦江区 养老服务中心"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = Ctl({"user", "create", "expert.b", "--name", "专家乙", "--role", "assessor", "--org",
           "西南财经大学"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = Ctl({"conflict", "add", "--assessor", "expert.b", "--enrolment", wang, "--reason",
           "曾为其督导"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("expert.b will not assess enrolment " + wang));
  r = Ctl({"-o", "csv", "conflict", "list", "SCSW/2023"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "USER,ID,NAME,REASON\nexpert.b," + wang + ",王芳,曾为其督导\n");

  // The whole cohort: recused pairs skipped and listed on stdout, the summary
  // on stderr.
  r = Ctl({"assignment", "add", "SCSW/2023/1", "--assessor", "expert.a,expert.b", "--all"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "skipped: assessor expert.a is recused from enrolment " + zhang +
                " (张伟): both are of 成都市锦江区养老服务中心\n"
                "skipped: assessor expert.b is recused from enrolment " + wang +
                " (王芳): a conflict of interest is declared\n");
  EXPECT_THAT(r.err, HasSubstr("assigned 4 new pair(s); 0 already assigned; 2 recused"));
  r = Ctl({"assignment", "add", "SCSW/2023/1", "--assessor", "expert.a", "--track", "管理类"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("assigned 0 new pair(s); 1 already assigned; 0 recused"));
  r = Ctl({"-o", "csv", "assignment", "list", "SCSW/2023/1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // By enrolment (import order), then assessor.
  EXPECT_EQ(r.out, "ID,NAME,TRACK,USER\n" + zhang + ",张伟,education-research,expert.b\n" + wang +
                       ",王芳,service,expert.a\n" + li + ",李明远,management,expert.a\n" + li +
                       ",李明远,management,expert.b\n");

  // A recused named enrolment refuses the call.
  r = Ctl({"assignment", "add", "SCSW/2023/1", "--assessor", "expert.a", "--enrolment", zhang});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_EQ(r.err, "talentctl: assessor expert.a is recused from enrolment " + zhang +
                       " (张伟): both are of 成都市锦江区养老服务中心\n");

  // Rules change while every round is a draft, and no longer once one opens.
  r = Ctl({"cohort", "rules", "SCSW/2023", "--cap-percent", "15"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = Ctl({"round", "open", "SCSW/2023/2"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_THAT(r.err, HasSubstr("the earlier round \"中期考核\" is draft"));
  r = Ctl({"round", "open", "SCSW/2023/1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("中期考核"));
  EXPECT_THAT(r.out, HasSubstr("open"));
  r = Ctl({"round", "list", "SCSW/2023"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "#  TITLE     FINAL  STATE  NOTICE ENDS\n"
            "1  中期考核         open\n"
            "2  年度考核  final  draft\n");
  r = Ctl({"cohort", "rules", "SCSW/2023", "--cap-percent", "10"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_THAT(r.err, HasSubstr("has opened an assessment round"));
  r = Ctl({"-o", "json", "cohort", "rules", "SCSW/2023"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"excellentCapPercent\": 15"));
}

TEST_F(RoundEndToEndTest, ExitCodesOfRoundCommands) {
  SeedProgrammeAndCohort();
  if (HasFatalFailure()) return;
  // Opening while enrolling: wrong state.
  ASSERT_EQ(Ctl({"round", "create", "SCSW/2023", "--title", "中期考核", "--position", "1"})
                .exit_code,
            0);
  ProcessResult r = Ctl({"round", "open", "SCSW/2023/1"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_THAT(r.err, HasSubstr("cultivat"));
  // Not found, invalid, usage.
  r = Ctl({"round", "open", "SCSW/2023/9"});
  EXPECT_EQ(r.exit_code, 3);
  r = Ctl({"round", "list", "SCSW/2024"});
  EXPECT_EQ(r.exit_code, 3);
  r = Ctl({"round", "create", "SCSW/2023", "--title", "年度考核", "--position", "0"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("position"));
  r = Ctl({"round", "open", "SCSW/2023/x"});
  EXPECT_EQ(r.exit_code, 2);
  r = Ctl({"assignment", "add", "SCSW/2023/1", "--assessor", "admin"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--enrolment, --track or --all"));
  // A viewer may read the rounds but not create one.
  std::string viewer = CreateUserWithToken("chen.li", "viewer", "四川省民政厅", "陈丽");
  ASSERT_FALSE(viewer.empty());
  r = Ctl({"round", "list", "SCSW/2023"}, {{"TALENT_TOKEN", viewer}});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("中期考核"));
  r = Ctl({"round", "create", "SCSW/2023", "--title", "年度考核", "--position", "2"},
          {{"TALENT_TOKEN", viewer}});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_THAT(r.err, HasSubstr("CreateRound is not allowed for the viewer role"));
}

}  // namespace
}  // namespace talent::testing

namespace talent::testing {
namespace {

// The assessment year's second half through the command line: sheets from
// CSV files, closing, results, notice, confirmation after the notice (on a
// talentd restarted with its clock ahead), eliminations.
// The clock runs ahead past the notice period: a rehearsal database.
class RehearsalRoundEndToEndTest : public RoundEndToEndTest {
 protected:
  RehearsalRoundEndToEndTest() { rehearsal_ = true; }
};

TEST_F(RehearsalRoundEndToEndTest, ScoringToConfirmationThroughTheCommandLine) {
  SeedProgrammeAndCohort();
  if (HasFatalFailure()) return;
  std::map<std::string, std::string> ids = ImportApplicants();
  const std::string zhang = ids["张伟"], wang = ids["王芳"], li = ids["李明远"];
  ASSERT_FALSE(zhang.empty() || wang.empty() || li.empty());
  ASSERT_EQ(Ctl({"enrolment", "recommend", "--level", "county", "--by", "民政局", "--date",
                 "2023-04-01", zhang, wang, li})
                .exit_code,
            0);
  ASSERT_EQ(Ctl({"enrolment", "select", zhang, wang, li}).exit_code, 0);
  ASSERT_EQ(Ctl({"cohort", "cultivate", "SCSW/2023", "--yes"}).exit_code, 0);
  ASSERT_EQ(Ctl({"round", "create", "SCSW/2023", "--title", "中期考核", "--position", "1"})
                .exit_code,
            0);
  std::vector<std::string> tokens;
  for (const char* name : {"expert.a", "expert.b", "expert.c"}) {
    tokens.push_back(CreateUserWithToken(name, "assessor", std::string("大学") + name, "专家"));
    ASSERT_FALSE(HasFailure());
  }
  ASSERT_EQ(Ctl({"assignment", "add", "SCSW/2023/1", "--assessor", "expert.a,expert.b,expert.c",
                 "--all"})
                .exit_code,
            0);
  ASSERT_EQ(Ctl({"round", "open", "SCSW/2023/1"}).exit_code, 0);

  // Every assessor gives the same sheets: 张伟 92, 王芳 86 with ethics 8.0
  // (the veto), 李明远 55 (a fail).
  std::string csv = "enrolment,theory,competence,system,talent,charity,ethics,submit\n" + zhang +
                    ",14,14,18,18,14,14,yes\n" + wang + ",15,15,20,15,13,8,yes\n" + li +
                    ",9,9,11,10,7,9,yes\n";
  WriteFile(dir_.File("sheets.csv"), csv);
  ProcessResult r = Ctl({"score", "import", "SCSW/2023/1", dir_.File("sheets.csv")},
                        {{"TALENT_TOKEN", tokens[0]}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, ::testing::HasSubstr("wrote 3 sheet(s), submitted 3"));
  r = Ctl({"round", "close", "SCSW/2023/1"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_THAT(r.err, ::testing::HasSubstr("fewer than 3 submitted sheets"));
  for (int i = 1; i < 3; ++i) {
    r = Ctl({"score", "import", "SCSW/2023/1", dir_.File("sheets.csv")},
            {{"TALENT_TOKEN", tokens[i]}});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  ASSERT_EQ(Ctl({"round", "close", "SCSW/2023/1"}).exit_code, 0);

  r = Ctl({"-o", "csv", "results", "show", "SCSW/2023/1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "RANK,NAME,TRACK,SCORE,SHEETS,RATING,FLAGS,ELIMINATED\n"
            "1,张伟,education-research,92.00,3,excellent,,\n"
            "2,王芳,service,86.00,3,fail,veto,rated fail by the veto criterion\n"
            "3,李明远,management,55.00,3,fail,,rated fail\n");

  // No notice to print before it is published.
  r = Ctl({"round", "notice-pdf", "SCSW/2023/1", "-o", dir_.File("early.pdf")});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.err, ::testing::HasSubstr("no public notice yet"));
  EXPECT_FALSE(std::filesystem::exists(dir_.File("early.pdf")));
  ASSERT_EQ(Ctl({"round", "notice", "SCSW/2023/1"}).exit_code, 0);
  // The notice as the public reads it on paper: every name, by track, with
  // its rating, the period and how to object; no score, no ID.
  ASSERT_EQ(Ctl({"programme", "update", "SCSW", "--objection-contact", "电话 028-86000000"})
                .exit_code,
            0);
  r = Ctl({"--lang", "zh", "round", "notice-pdf", "SCSW/2023/1", "-o", dir_.File("notice.pdf")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, ::testing::HasSubstr("notice.pdf (3 names)"));
  ProcessResult text = RunProcess({PDFTOTEXT_PATH, "-layout", dir_.File("notice.pdf"), "-"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  // pdftotext breaks lines where the page wraps them and drops spaces
  // between Chinese and digits: sentences are compared without white space.
  auto squeezed = [](std::string s) {
    s.erase(std::remove_if(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\n'; }),
            s.end());
    return s;
  };
  EXPECT_THAT(text.out, ::testing::HasSubstr("年度中期考核结果公示"));
  EXPECT_THAT(squeezed(text.out), ::testing::HasSubstr("（北京时间）"));
  EXPECT_THAT(squeezed(text.out), ::testing::HasSubstr("异议受理：电话028-86000000"));
  EXPECT_THAT(text.out, ::testing::ContainsRegex("1 +王芳 +.* +服务类 +不合格"));
  EXPECT_THAT(text.out, ::testing::ContainsRegex("2 +李明远 +.* +管理类 +不合格"));
  EXPECT_THAT(text.out, ::testing::ContainsRegex("3 +张伟 +.* +教育与研究类 +优秀"));
  EXPECT_THAT(text.out, ::testing::HasSubstr("并非正式公示"));  // a rehearsal's
  EXPECT_THAT(text.out, ::testing::Not(::testing::HasSubstr("92.00")));
  EXPECT_THAT(squeezed(text.out), ::testing::HasSubstr("第1页共1页"));
  r = Ctl({"round", "notice-pdf", "SCSW/2023/1", "-o", dir_.File("notice-en.pdf")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  text = RunProcess({PDFTOTEXT_PATH, dir_.File("notice-en.pdf"), "-"});
  EXPECT_THAT(squeezed(text.out), ::testing::HasSubstr("publicnoticeoftheresultsof中期考核"));
  EXPECT_THAT(text.out, ::testing::HasSubstr("page 1 of 1"));
  r = Ctl({"round", "confirm", "SCSW/2023/1", "--yes"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_THAT(r.err, ::testing::HasSubstr("confirm it after that"));

  // Six days later.
  ASSERT_EQ(server_->Stop(SIGTERM), 0);
  StartServer({"--clock-offset-days", "6"});
  if (HasFatalFailure()) return;
  r = Ctl({"round", "confirm", "SCSW/2023/1", "--yes"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = Ctl({"results", "show", "SCSW/2023/1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, ::testing::Not(::testing::HasSubstr("Provisional")));
  EXPECT_THAT(r.out, ::testing::HasSubstr("\nScore: trimmed mean of the assessors' totals"));
  // In Chinese, the rules the results were confirmed under are Chinese too.
  r = Ctl({"--lang", "zh", "results", "show", "SCSW/2023/1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, ::testing::HasSubstr("\n得分：各评审专家总分的截尾平均"));
  EXPECT_THAT(r.out, ::testing::HasSubstr("\n淘汰：评为不合格；缺考且未获准假。\n"));
  EXPECT_THAT(r.out, ::testing::Not(::testing::HasSubstr("Score:")));
  r = Ctl({"--lang", "zh", "cohort", "rules", "SCSW/2023"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, ::testing::HasSubstr("\n等次：优秀 ≥ 90.00，良好 ≥ 80.00，合格 ≥ 60.00"));
  r = Ctl({"-o", "csv", "enrolment", "list", "--cohort", "SCSW/2023", "--stage", "eliminated"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, ::testing::HasSubstr("王芳"));
  EXPECT_THAT(r.out, ::testing::HasSubstr("李明远"));
  EXPECT_THAT(r.out, ::testing::Not(::testing::HasSubstr("张伟")));
  r = Ctl({"enrolment", "get", wang});
  EXPECT_THAT(r.out, ::testing::HasSubstr("中期考核: rated fail by the veto criterion"));
  r = Ctl({"--lang", "zh", "enrolment", "get", wang});
  EXPECT_THAT(r.out, ::testing::HasSubstr("中期考核: 否决项未达标，评为不合格"));
}

}  // namespace
}  // namespace talent::testing
