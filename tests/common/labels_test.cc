#include "common/labels.h"

#include <string>

#include "gtest/gtest.h"

namespace talent::common {
namespace {

TEST(LabelsTest, LangFromLangVariable) {
  EXPECT_EQ(LangFromString("zh_CN.UTF-8"), Lang::kChinese);
  EXPECT_EQ(LangFromString("zh"), Lang::kChinese);
  EXPECT_EQ(LangFromString("zh_TW"), Lang::kChinese);
  EXPECT_EQ(LangFromString("en_US.UTF-8"), Lang::kEnglish);
  EXPECT_EQ(LangFromString("C.UTF-8"), Lang::kEnglish);
  EXPECT_EQ(LangFromString("z"), Lang::kEnglish);
  EXPECT_EQ(LangFromString(""), Lang::kEnglish);
  EXPECT_EQ(LangFromString(nullptr), Lang::kEnglish);
}

TEST(LabelsTest, LabelsInBothLanguages) {
  EXPECT_EQ(Label("TRACK_SERVICE", Lang::kEnglish), "service");
  EXPECT_EQ(Label("TRACK_SERVICE", Lang::kChinese), "服务类");
  EXPECT_EQ(Label("TRACK_EDUCATION_RESEARCH", Lang::kEnglish), "education-research");
  EXPECT_EQ(Label("TRACK_EDUCATION_RESEARCH", Lang::kChinese), "教育与研究类");
  EXPECT_EQ(Label("COHORT_STATE_CULTIVATING", Lang::kChinese), "培养中");
  EXPECT_EQ(Label("STAGE_NOT_SELECTED", Lang::kEnglish), "not-selected");
  EXPECT_EQ(Label("STAGE_CERTIFIED", Lang::kChinese), "已认定");
  EXPECT_EQ(Label("LEVEL_PROVINCE", Lang::kChinese), "省级");
  EXPECT_EQ(Label("ROLE_ASSESSOR", Lang::kChinese), "评审专家");
  EXPECT_EQ(Label("GENDER_FEMALE", Lang::kChinese), "女");
  EXPECT_EQ(Label("RATING_FAIL", Lang::kChinese), "不合格");
}

TEST(LabelsTest, HeadingLabels) {
  EXPECT_EQ(Label("H_NATIONAL_ID", Lang::kEnglish), "NATIONAL ID");
  EXPECT_EQ(Label("H_NATIONAL_ID", Lang::kChinese), "身份证号");
  EXPECT_EQ(Label("H_RECOMMENDATIONS", Lang::kEnglish), "RECOMMENDED BY");
  EXPECT_EQ(Label("H_RECOMMENDATIONS", Lang::kChinese), "推荐单位");
  EXPECT_EQ(Label("H_USERNAME", Lang::kEnglish), "USER");
  EXPECT_EQ(Label("H_REASON", Lang::kChinese), "原因");
}

TEST(LabelsTest, EveryRequiredKeyHasBothLabels) {
  const char* const keys[] = {"TRACK_SERVICE",
                              "TRACK_MANAGEMENT",
                              "TRACK_EDUCATION_RESEARCH",
                              "COHORT_STATE_DRAFT",
                              "COHORT_STATE_ENROLLING",
                              "COHORT_STATE_CULTIVATING",
                              "COHORT_STATE_CLOSED",
                              "STAGE_APPLIED",
                              "STAGE_RECOMMENDED",
                              "STAGE_SELECTED",
                              "STAGE_NOT_SELECTED",
                              "STAGE_ACTIVE",
                              "STAGE_ELIMINATED",
                              "STAGE_WITHDRAWN",
                              "STAGE_COMPLETED",
                              "STAGE_CERTIFIED",
                              "LEVEL_COUNTY",
                              "LEVEL_CITY",
                              "LEVEL_PROVINCE",
                              "ROLE_ADMIN",
                              "ROLE_ASSESSOR",
                              "ROLE_VIEWER",
                              "GENDER_MALE",
                              "GENDER_FEMALE",
                              "RATING_EXCELLENT",
                              "RATING_GOOD",
                              "RATING_PASS",
                              "RATING_FAIL",
                              "H_ID",
                              "H_CODE",
                              "H_TITLE",
                              "H_ISSUER",
                              "H_YEARS",
                              "H_TARGET",
                              "H_YEAR",
                              "H_STATE",
                              "H_QUOTA",
                              "H_SERVICE",
                              "H_MANAGEMENT",
                              "H_EDUCATION",
                              "H_NAME",
                              "H_NATIONAL_ID",
                              "H_GENDER",
                              "H_ORGANISATION",
                              "H_REGION",
                              "H_TRACK",
                              "H_STAGE",
                              "H_RECOMMENDATIONS",
                              "H_USERNAME",
                              "H_ROLE",
                              "H_DISPLAY_NAME",
                              "H_CREATED",
                              "H_EXPIRES",
                              "H_REVOKED",
                              "H_LABEL",
                              "H_SELECTED",
                              "H_APPLIED",
                              "H_COUNT",
                              "H_PHONE",
                              "H_EMAIL",
                              "H_LINE",
                              "H_COLUMN",
                              "H_REASON"};
  for (const char* key : keys) {
    EXPECT_NE(Label(key, Lang::kEnglish), key) << key;
    EXPECT_NE(Label(key, Lang::kChinese), key) << key;
    EXPECT_NE(Label(key, Lang::kEnglish), Label(key, Lang::kChinese)) << key;
  }
}

TEST(LabelsTest, TheMarksOfImportedHistory) {
  EXPECT_EQ(Label("H_REGISTERED", Lang::kEnglish), "REGISTERED");
  EXPECT_EQ(Label("H_REGISTERED", Lang::kChinese), "登记");
  EXPECT_EQ(Label("T_FROM_PAPER", Lang::kEnglish), "from paper records, on $0");
  EXPECT_EQ(Label("T_FROM_PAPER", Lang::kChinese), "据纸质档案登记，$0");
  EXPECT_EQ(Label("T_PAPER_CERTIFICATE", Lang::kChinese), "（纸质档案）");
  EXPECT_EQ(Label("T_IMPORTED_COHORT", Lang::kEnglish), " (imported)");
  EXPECT_EQ(Label("T_IMPORTED_COHORT", Lang::kChinese), "（历史导入）");
}

TEST(LabelsTest, UnknownKeyReturnsKey) {
  EXPECT_EQ(Label("TRACK_UNKNOWN", Lang::kEnglish), "TRACK_UNKNOWN");
  EXPECT_EQ(Label("TRACK_UNKNOWN", Lang::kChinese), "TRACK_UNKNOWN");
  EXPECT_EQ(Label("", Lang::kChinese), "");
}

TEST(LabelsTest, KeyForChineseEnglishOrKey) {
  EXPECT_EQ(KeyForLabel("TRACK_", "服务类"), "TRACK_SERVICE");
  EXPECT_EQ(KeyForLabel("TRACK_", "service"), "TRACK_SERVICE");
  EXPECT_EQ(KeyForLabel("TRACK_", "TRACK_SERVICE"), "TRACK_SERVICE");
  EXPECT_EQ(KeyForLabel("TRACK_", "教育与研究类"), "TRACK_EDUCATION_RESEARCH");
  EXPECT_EQ(KeyForLabel("TRACK_", "education-research"), "TRACK_EDUCATION_RESEARCH");
  EXPECT_EQ(KeyForLabel("GENDER_", "女"), "GENDER_FEMALE");
  EXPECT_EQ(KeyForLabel("ROLE_", "评审专家"), "ROLE_ASSESSOR");
}

TEST(LabelsTest, KeyForLabelTakesEverySpellingTheProgramPrints) {
  for (const char* text : {"education-research", "EDUCATION-RESEARCH", "EDUCATION_RESEARCH",
                           "education_research", "education research",
                           "TRACK_EDUCATION_RESEARCH", "track-education-research", "教育与研究类"}) {
    EXPECT_EQ(KeyForLabel("TRACK_", text), "TRACK_EDUCATION_RESEARCH") << text;
  }
  EXPECT_EQ(KeyForLabel("TRACK_", "SERVICE"), "TRACK_SERVICE");
  EXPECT_EQ(KeyForLabel("STAGE_", "NOT_SELECTED"), "STAGE_NOT_SELECTED");
  EXPECT_EQ(KeyForLabel("STAGE_", "not selected"), "STAGE_NOT_SELECTED");
  // Separators count alike, but not letters or missing parts.
  EXPECT_EQ(KeyForLabel("TRACK_", "education.research"), std::nullopt);
  EXPECT_EQ(KeyForLabel("TRACK_", "educationresearch"), std::nullopt);
  EXPECT_EQ(KeyForLabel("TRACK_", "EDUCATION"), std::nullopt);
  // The prefix alone is no value.
  EXPECT_EQ(KeyForLabel("TRACK_", "TRACK_"), std::nullopt);
}

TEST(LabelsTest, KeyForLabelIgnoresAsciiCaseAndSurroundingSpace) {
  EXPECT_EQ(KeyForLabel("TRACK_", "Service"), "TRACK_SERVICE");
  EXPECT_EQ(KeyForLabel("TRACK_", "MANAGEMENT"), "TRACK_MANAGEMENT");
  EXPECT_EQ(KeyForLabel("TRACK_", "track_management"), "TRACK_MANAGEMENT");
  EXPECT_EQ(KeyForLabel("TRACK_", " 管理类 "), "TRACK_MANAGEMENT");
}

TEST(LabelsTest, PrefixDisambiguatesSharedLabels) {
  // 培养中 is both a cohort state and a stage; 服务类 is a track and a heading.
  EXPECT_EQ(KeyForLabel("STAGE_", "培养中"), "STAGE_ACTIVE");
  EXPECT_EQ(KeyForLabel("COHORT_STATE_", "培养中"), "COHORT_STATE_CULTIVATING");
  EXPECT_EQ(KeyForLabel("H_", "服务类"), "H_SERVICE");
  EXPECT_EQ(KeyForLabel("STAGE_", "selected"), "STAGE_SELECTED");
  EXPECT_EQ(KeyForLabel("STAGE_", "not-selected"), "STAGE_NOT_SELECTED");
}

TEST(LabelsTest, KeyForLabelFindsNothing) {
  EXPECT_EQ(KeyForLabel("TRACK_", "志愿类"), std::nullopt);
  EXPECT_EQ(KeyForLabel("TRACK_", "管理员"), std::nullopt);  // a role, not a track
  EXPECT_EQ(KeyForLabel("TRACK_", "servic"), std::nullopt);
  EXPECT_EQ(KeyForLabel("TRACK_", ""), std::nullopt);
  EXPECT_EQ(KeyForLabel("TRACK_", "  "), std::nullopt);
  EXPECT_EQ(KeyForLabel("NO_SUCH_", "service"), std::nullopt);
}

TEST(LabelsTest, EmptyPrefixSearchesAllKeys) {
  EXPECT_EQ(KeyForLabel("", "评审专家"), "ROLE_ASSESSOR");
  EXPECT_EQ(KeyForLabel("", "certified"), "STAGE_CERTIFIED");
}

TEST(LabelsTest, LabelsRoundTripWithinEachPrefix) {
  const char* const prefixes[] = {"TRACK_", "COHORT_STATE_", "STAGE_", "LEVEL_",
                                  "ROLE_",  "GENDER_",       "RATING_"};
  const char* const keys[] = {
      "TRACK_SERVICE",      "TRACK_MANAGEMENT",    "TRACK_EDUCATION_RESEARCH",
      "COHORT_STATE_DRAFT", "COHORT_STATE_CLOSED", "STAGE_APPLIED",
      "STAGE_ELIMINATED",   "STAGE_WITHDRAWN",     "LEVEL_COUNTY",
      "ROLE_VIEWER",        "GENDER_MALE",         "RATING_PASS",
  };
  for (const char* key : keys) {
    std::string prefix;
    for (const char* p : prefixes) {
      if (std::string_view(key).substr(0, std::string_view(p).size()) == p) prefix = p;
    }
    ASSERT_FALSE(prefix.empty()) << key;
    EXPECT_EQ(KeyForLabel(prefix, Label(key, Lang::kEnglish)), key);
    EXPECT_EQ(KeyForLabel(prefix, Label(key, Lang::kChinese)), key);
  }
}

}  // namespace
}  // namespace talent::common
