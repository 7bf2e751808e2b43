#include "server/domain/assessment_rules.h"

#include <algorithm>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace talent::domain {
namespace {

using ::talent::testing::IsOk;
using ::talent::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr absl::StatusCode kInvalid = absl::StatusCode::kInvalidArgument;

// --- Defaults --------------------------------------------------------------

TEST(AssessmentRulesTest, DefaultsFollowTheDesign) {
  AssessmentRules rules;
  EXPECT_EQ(rules.aggregation, Aggregation::kTrimmedMean);
  EXPECT_EQ(rules.min_sheets, 3);
  EXPECT_EQ(rules.excellent_from, 9000);
  EXPECT_EQ(rules.good_from, 8000);
  EXPECT_EQ(rules.pass_from, 6000);
  EXPECT_EQ(rules.veto_percent, 60);
  EXPECT_EQ(rules.excellent_cap_percent, 0);
  EXPECT_EQ(rules.disagreement_tenths, 200);
  EXPECT_EQ(rules.notice_days, 5);
  EXPECT_TRUE(rules.eliminate_fail);
  EXPECT_TRUE(rules.eliminate_absent);
  EXPECT_EQ(rules.eliminate_bottom_k, 0);
  EXPECT_EQ(rules.eliminate_bottom_percent, 0);
  EXPECT_FALSE(rules.eliminate_two_pass);
}

TEST(AssessmentRulesTest, RatingKeyNamesEveryRating) {
  EXPECT_STREQ(RatingKey(Rating::kUnspecified), "RATING_UNSPECIFIED");
  EXPECT_STREQ(RatingKey(Rating::kExcellent), "RATING_EXCELLENT");
  EXPECT_STREQ(RatingKey(Rating::kGood), "RATING_GOOD");
  EXPECT_STREQ(RatingKey(Rating::kPass), "RATING_PASS");
  EXPECT_STREQ(RatingKey(Rating::kFail), "RATING_FAIL");
}

// --- ValidateRules ---------------------------------------------------------

TEST(ValidateRulesTest, DefaultsAreValid) { EXPECT_THAT(ValidateRules(AssessmentRules()), IsOk()); }

TEST(ValidateRulesTest, EveryAggregationMethodIsValid) {
  for (Aggregation method : {Aggregation::kTrimmedMean, Aggregation::kMean, Aggregation::kMedian}) {
    AssessmentRules rules;
    rules.aggregation = method;
    EXPECT_THAT(ValidateRules(rules), IsOk()) << static_cast<int>(method);
  }
}

TEST(ValidateRulesTest, RefusesAnUnknownAggregation) {
  AssessmentRules rules;
  rules.aggregation = static_cast<Aggregation>(0);
  EXPECT_THAT(ValidateRules(rules), StatusIs(kInvalid));
  rules.aggregation = static_cast<Aggregation>(4);
  EXPECT_THAT(ValidateRules(rules), StatusIs(kInvalid));
}

TEST(ValidateRulesTest, RefusesGoodBandAtOrAboveExcellent) {
  AssessmentRules rules;
  rules.good_from = rules.excellent_from;
  EXPECT_THAT(ValidateRules(rules), StatusIs(kInvalid));
  rules.good_from = rules.excellent_from + 1;
  EXPECT_THAT(ValidateRules(rules), StatusIs(kInvalid));
}

TEST(ValidateRulesTest, RefusesPassBandAtOrAboveGood) {
  AssessmentRules rules;
  rules.pass_from = rules.good_from;
  EXPECT_THAT(ValidateRules(rules), StatusIs(kInvalid));
  rules.pass_from = rules.good_from + 500;
  EXPECT_THAT(ValidateRules(rules), StatusIs(kInvalid));
}

TEST(ValidateRulesTest, AcceptsBandsOneHundredthApart) {
  AssessmentRules rules;
  rules.excellent_from = 8002;
  rules.good_from = 8001;
  rules.pass_from = 8000;
  EXPECT_THAT(ValidateRules(rules), IsOk());
}

TEST(ValidateRulesTest, VetoPercentIsZeroToHundred) {
  AssessmentRules rules;
  rules.veto_percent = 101;
  EXPECT_THAT(ValidateRules(rules), StatusIs(kInvalid, HasSubstr("veto")));
  rules.veto_percent = -1;
  EXPECT_THAT(ValidateRules(rules), StatusIs(kInvalid, HasSubstr("veto")));
  rules.veto_percent = 0;
  EXPECT_THAT(ValidateRules(rules), IsOk());
  rules.veto_percent = 100;
  EXPECT_THAT(ValidateRules(rules), IsOk());
}

TEST(ValidateRulesTest, ExcellentCapPercentIsZeroToHundred) {
  AssessmentRules rules;
  rules.excellent_cap_percent = 101;
  EXPECT_THAT(ValidateRules(rules), StatusIs(kInvalid, HasSubstr("cap")));
  rules.excellent_cap_percent = -1;
  EXPECT_THAT(ValidateRules(rules), StatusIs(kInvalid, HasSubstr("cap")));
  rules.excellent_cap_percent = 100;
  EXPECT_THAT(ValidateRules(rules), IsOk());
  rules.excellent_cap_percent = 20;
  EXPECT_THAT(ValidateRules(rules), IsOk());
}

TEST(ValidateRulesTest, MinSheetsIsOneToTwenty) {
  AssessmentRules rules;
  rules.min_sheets = 0;
  EXPECT_THAT(ValidateRules(rules), StatusIs(kInvalid, HasSubstr("sheets")));
  rules.min_sheets = 21;
  EXPECT_THAT(ValidateRules(rules), StatusIs(kInvalid, HasSubstr("sheets")));
  rules.min_sheets = 1;
  EXPECT_THAT(ValidateRules(rules), IsOk());
  rules.min_sheets = 20;
  EXPECT_THAT(ValidateRules(rules), IsOk());
}

TEST(ValidateRulesTest, NoticeDaysIsOneToThirty) {
  AssessmentRules rules;
  rules.notice_days = 0;
  EXPECT_THAT(ValidateRules(rules), StatusIs(kInvalid, HasSubstr("notice")));
  rules.notice_days = 31;
  EXPECT_THAT(ValidateRules(rules), StatusIs(kInvalid, HasSubstr("notice")));
  rules.notice_days = 1;
  EXPECT_THAT(ValidateRules(rules), IsOk());
  rules.notice_days = 30;
  EXPECT_THAT(ValidateRules(rules), IsOk());
}

TEST(ValidateRulesTest, RefusesNegativeBottomK) {
  AssessmentRules rules;
  rules.eliminate_bottom_k = -1;
  EXPECT_THAT(ValidateRules(rules), StatusIs(kInvalid, HasSubstr("bottom")));
  rules.eliminate_bottom_k = 3;
  EXPECT_THAT(ValidateRules(rules), IsOk());
}

TEST(ValidateRulesTest, BottomPercentIsZeroToHundred) {
  AssessmentRules rules;
  rules.eliminate_bottom_percent = -1;
  EXPECT_THAT(ValidateRules(rules), StatusIs(kInvalid, HasSubstr("bottom")));
  rules.eliminate_bottom_percent = 101;
  EXPECT_THAT(ValidateRules(rules), StatusIs(kInvalid, HasSubstr("bottom")));
  rules.eliminate_bottom_percent = 10;
  EXPECT_THAT(ValidateRules(rules), IsOk());
}

TEST(ValidateRulesTest, RefusesNegativeDisagreementThreshold) {
  AssessmentRules rules;
  rules.disagreement_tenths = -1;
  EXPECT_THAT(ValidateRules(rules), StatusIs(kInvalid, HasSubstr("disagreement")));
  rules.disagreement_tenths = 0;
  EXPECT_THAT(ValidateRules(rules), IsOk());
}

// --- DescribeRules ---------------------------------------------------------

TEST(DescribeRulesTest, PrintsTheBandsInHundredths) {
  std::string text = DescribeRules(AssessmentRules());
  EXPECT_THAT(text, HasSubstr("90.00"));
  EXPECT_THAT(text, HasSubstr("80.00"));
  EXPECT_THAT(text, HasSubstr("60.00"));
}

TEST(DescribeRulesTest, PrintsCustomBands) {
  AssessmentRules rules;
  rules.excellent_from = 9250;
  rules.good_from = 8575;
  rules.pass_from = 6005;
  std::string text = DescribeRules(rules);
  EXPECT_THAT(text, HasSubstr("92.50"));
  EXPECT_THAT(text, HasSubstr("85.75"));
  EXPECT_THAT(text, HasSubstr("60.05"));
}

TEST(DescribeRulesTest, TheCapIsPartOfTheText) {
  AssessmentRules capped;
  capped.excellent_cap_percent = 17;
  std::string text = DescribeRules(capped);
  EXPECT_THAT(text, HasSubstr("17"));
  EXPECT_NE(text, DescribeRules(AssessmentRules()));
  EXPECT_THAT(DescribeRules(AssessmentRules()), Not(HasSubstr("17")));
}

TEST(DescribeRulesTest, InChineseTheDefaultRulesReadExactly) {
  EXPECT_EQ(DescribeRules(AssessmentRules(), common::Lang::kChinese),
            "得分：各评审专家总分的截尾平均（5 份及以上评分表时去掉一个最高分和一个最低分；"
            "3 或 4 份时取平均），各项指标同样汇总，四舍五入保留两位小数；至少 3 份已提交的评分表。\n"
            "等次：优秀 ≥ 90.00，良好 ≥ 80.00，合格 ≥ 60.00，否则不合格。否决：否决项低于其满分的 "
            "60% 评为不合格。\n"
            "优秀名额：不设限。\n"
            "分歧：评审专家总分相差超过 20.0 分的予以标注。\n"
            "淘汰：评为不合格；缺考且未获准假。\n");
}

TEST(DescribeRulesTest, InChineseEveryRuleTheEnglishStatesIsStatedLineForLine) {
  AssessmentRules all;
  all.aggregation = Aggregation::kMedian;
  all.excellent_cap_percent = 17;
  all.eliminate_bottom_k = 2;
  all.eliminate_bottom_percent = 10;
  all.eliminate_two_pass = true;
  AssessmentRules none;
  none.aggregation = Aggregation::kMean;
  none.eliminate_fail = false;
  none.eliminate_absent = false;
  for (const AssessmentRules& rules : {AssessmentRules(), all, none}) {
    const std::string en = DescribeRules(rules);
    const std::string zh = DescribeRules(rules, common::Lang::kChinese);
    EXPECT_EQ(std::count(en.begin(), en.end(), '\n'), std::count(zh.begin(), zh.end(), '\n'));
    EXPECT_EQ(en, DescribeRules(rules, common::Lang::kEnglish));
  }
  const std::string zh = DescribeRules(all, common::Lang::kChinese);
  EXPECT_THAT(zh, HasSubstr("得分：各评审专家总分的中位数"));
  EXPECT_THAT(zh, HasSubstr("优秀名额：参评人数的 17%（向下取整）"));
  EXPECT_THAT(zh, HasSubstr("淘汰：评为不合格；缺考且未获准假；排名末 2 位；排名末 10%（向下取整）；"
                            "连续两轮评为合格；末位名额计入因其他规则淘汰者；名额线上的并列者均保留。"));
  EXPECT_THAT(DescribeRules(none, common::Lang::kChinese), HasSubstr("淘汰：无。\n"));
}

TEST(DescribeRulesTest, DiffersByAggregationMethod) {
  AssessmentRules trimmed, mean, median;
  mean.aggregation = Aggregation::kMean;
  median.aggregation = Aggregation::kMedian;
  EXPECT_NE(DescribeRules(trimmed), DescribeRules(mean));
  EXPECT_NE(DescribeRules(trimmed), DescribeRules(median));
  EXPECT_NE(DescribeRules(mean), DescribeRules(median));
}

}  // namespace
}  // namespace talent::domain
