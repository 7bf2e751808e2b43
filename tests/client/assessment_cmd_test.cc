// Rubrics and rules without a server: --criterion and the criteria CSV,
// the request of 'cohort rules' with flags, and the rules as printed.
#include "client/assessment_cmd.h"

#include <fstream>

#include "gtest/gtest.h"
#include "tests/client/captured_context.h"
#include "tests/client/cli_error_matchers.h"
#include "tests/testing/temp_dir.h"

namespace talent::client {
namespace {

constexpr char kCohort[] = "programmes/SCSW/cohorts/2023";

TEST(CriterionFromFlagTest, FourOrFiveParts) {
  v1::Criterion c = CriterionFromFlag("ethics:职业道德:Ethics:15:veto");
  EXPECT_EQ(c.code(), "ethics");
  EXPECT_EQ(c.name_zh(), "职业道德");
  EXPECT_EQ(c.name_en(), "Ethics");
  EXPECT_EQ(c.max_points(), "15");
  EXPECT_TRUE(c.veto());
  EXPECT_FALSE(CriterionFromFlag("theory:理论:Theory:20").veto());
  EXPECT_FALSE(CriterionFromFlag("theory:理论:Theory:20:no").veto());
}

TEST(CriterionFromFlagTest, OtherShapesAreUsageErrors) {
  EXPECT_CLI_ERROR(CriterionFromFlag("theory:20"), kExitUsage,
                   "--criterion must be CODE:NAME_ZH:NAME_EN:MAX[:veto], got \"theory:20\"");
}

TEST(ParseVetoTest, YesWordsInEnglishAndChinese) {
  for (const char* yes : {"1", "yes", " TRUE ", "veto", "是", "否决"}) {
    EXPECT_TRUE(ParseVeto(yes)) << yes;
  }
  for (const char* no : {"", "0", "no", "否"}) EXPECT_FALSE(ParseVeto(no)) << no;
}

TEST(CriteriaFromFileTest, SkipsTheHeadingAndReadsEachRow) {
  testing::TempDir dir;
  std::string path = dir.File("rubric.csv");
  std::ofstream(path) << "code,name_zh,name_en,max,veto\n"
                         "theory,理论,Theory,20\n"
                         "ethics,职业道德,Ethics,15,是\n";
  std::vector<v1::Criterion> criteria = CriteriaFromFile(path);
  ASSERT_EQ(criteria.size(), 2u);
  EXPECT_EQ(criteria[0].code(), "theory");
  EXPECT_FALSE(criteria[0].veto());
  EXPECT_EQ(criteria[1].name_zh(), "职业道德");
  EXPECT_TRUE(criteria[1].veto());
}

TEST(CriteriaFromFileTest, ShortRowNamesFileAndLine) {
  testing::TempDir dir;
  std::string path = dir.File("rubric.csv");
  std::ofstream(path) << "code,name_zh,name_en,max\ntheory,理论,20\n";
  EXPECT_CLI_ERROR(CriteriaFromFile(path), kExitUsage,
                   path + " line 2: needs code,name_zh,name_en,max[,veto]");
  EXPECT_CLI_ERROR(CriteriaFromFile(dir.File("missing.csv")), kExitUsage,
                   "cannot read " + dir.File("missing.csv"));
}

TEST(SetRulesRequestTest, FlagsGivenAreParsedAndMasked) {
  CohortRulesOptions options;
  options.aggregation = "中位数";
  options.eliminate_fail = "off";
  options.two_pass = "ON";
  options.cap_percent = 20;
  options.update_mask = {"aggregation", "eliminate_fail", "eliminate_two_pass",
                         "excellent_cap_percent"};
  v1::SetRulesRequest req = SetRulesRequestOf(options, kCohort);
  EXPECT_EQ(req.rules().cohort(), kCohort);
  EXPECT_EQ(req.rules().aggregation(), v1::AGGREGATION_MEDIAN);
  EXPECT_FALSE(req.rules().eliminate_fail());
  EXPECT_TRUE(req.rules().eliminate_two_pass());
  EXPECT_EQ(req.rules().excellent_cap_percent(), 20);
  EXPECT_EQ(req.update_mask_size(), 4);
  EXPECT_EQ(req.update_mask(3), "excellent_cap_percent");
}

TEST(SetRulesRequestTest, BadSwitchNamesItsFlag) {
  CohortRulesOptions options;
  options.eliminate_absent = "sometimes";
  options.update_mask = {"eliminate_absent"};
  EXPECT_CLI_ERROR(SetRulesRequestOf(options, kCohort), kExitUsage,
                   "--eliminate-absent must be on or off, got \"sometimes\"");
}

TEST(RulesOutputTest, ZeroCapsAndBottomsAreOff) {
  CapturedContext captured("en");
  v1::AssessmentRules rules;
  rules.set_aggregation(v1::AGGREGATION_TRIMMED_MEAN);
  rules.set_veto_percent(60);
  rules.set_eliminate_bottom_k(2);
  rules.set_eliminate_fail(true);
  Fields fields = RulesFields(captured.ctx(), rules);
  ASSERT_EQ(fields.size(), 14u);
  EXPECT_EQ(fields[0].second, "trimmed-mean");
  EXPECT_EQ(fields[5].second, "60%");
  EXPECT_EQ(fields[6], (std::pair<std::string, std::string>{"R_CAP_PERCENT", "off"}));
  EXPECT_EQ(fields[9].second, "on");
  EXPECT_EQ(fields[11], (std::pair<std::string, std::string>{"R_BOTTOM_K", "2"}));
  EXPECT_EQ(fields[12].second, "off");
}

TEST(RulesOutputTest, TableEndsWithTheDescription) {
  CapturedContext captured("zh");
  v1::AssessmentRules rules;
  rules.set_description("去掉最高分和最低分后平均。\n");
  PrintRules(captured.ctx(), rules);
  // Names are padded to the widest, 连续两次合格淘汰 (16 columns).
  std::string first = "汇总方法" + std::string(8 + 2, ' ') + "AGGREGATION_UNSPECIFIED\n";
  std::string last = "连续两次合格淘汰  不启用\n\n去掉最高分和最低分后平均。\n";
  std::string out = captured.out();
  ASSERT_GT(out.size(), first.size() + last.size());
  EXPECT_EQ(out.substr(0, first.size()), first);
  EXPECT_EQ(out.substr(out.size() - last.size()), last);
}

TEST(RubricOutputTest, CriterionNamesInTheUsersLanguageAndATotal) {
  v1::Rubric rubric;
  v1::Criterion* c = rubric.add_criteria();
  c->set_code("ethics");
  c->set_name_zh("职业道德");
  c->set_name_en("Ethics");
  c->set_max_points("15");
  c->set_veto(true);
  rubric.set_total_points("15");
  CapturedContext zh("zh");
  PrintRubric(zh.ctx(), rubric);
  EXPECT_EQ(zh.out(),
            "代码    考核项目  满分  否决项\n"
            "ethics  职业道德  15    否决\n"
            "合计" +
                std::string(2 + 2 + 8 + 2, ' ') + "15\n");
  CapturedContext en("en", "csv");
  PrintRubric(en.ctx(), rubric);
  EXPECT_EQ(en.out(), "CODE,CRITERION,MAX,VETO\nethics,Ethics,15,veto\nTOTAL,,15,\n");
}

}  // namespace
}  // namespace talent::client
