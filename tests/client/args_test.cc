// Values typed on the command line: enum values in English, Chinese or as
// keys, and on/off switches; a bad value is a usage error naming the flag.
#include "client/args.h"

#include "gtest/gtest.h"
#include "tests/client/cli_error_matchers.h"

namespace talent::client {
namespace {

TEST(ParseEnumArgTest, AcceptsEnglishChineseAndKeyIgnoringCase) {
  EXPECT_EQ(ParseEnumArg("--track", "TRACK_", "service", "x"), "TRACK_SERVICE");
  EXPECT_EQ(ParseEnumArg("--track", "TRACK_", "服务类", "x"), "TRACK_SERVICE");
  EXPECT_EQ(ParseEnumArg("--track", "TRACK_", "TRACK_SERVICE", "x"), "TRACK_SERVICE");
  EXPECT_EQ(ParseEnumArg("--track", "TRACK_", " Education-Research ", "x"),
            "TRACK_EDUCATION_RESEARCH");
}

TEST(ParseEnumArgTest, UnknownValueNamesTheFlagAndWhatItAccepts) {
  EXPECT_CLI_ERROR(ParseEnumArg("--track", "TRACK_", "志愿类", "服务类/管理类"), kExitUsage,
                   "--track must be one of 服务类/管理类, got \"志愿类\"");
}

TEST(ParseTrackArgTest, EachTrackInEnglishAndChinese) {
  EXPECT_EQ(ParseTrackArg("service", kTracksAccepted), v1::TRACK_SERVICE);
  EXPECT_EQ(ParseTrackArg("管理类", kTracksAccepted), v1::TRACK_MANAGEMENT);
  EXPECT_EQ(ParseTrackArg("教育与研究类", kTracksAccepted), v1::TRACK_EDUCATION_RESEARCH);
  EXPECT_CLI_ERROR(ParseTrackArg("active", kTracksAccepted), kExitUsage,
                   "--track must be one of 服务类/管理类/教育与研究类 (service, management, "
                   "education-research), got \"active\"");
}

TEST(ParseStageArgTest, ChineseLabelSharedWithACohortStateIsTheStage) {
  // 培养中 is both STAGE_ACTIVE and COHORT_STATE_CULTIVATING.
  EXPECT_EQ(ParseStageArg("培养中"), v1::STAGE_ACTIVE);
  EXPECT_EQ(ParseStageArg("not-selected"), v1::STAGE_NOT_SELECTED);
  EXPECT_EQ(ParseStageArg("已认定"), v1::STAGE_CERTIFIED);
  EXPECT_CLI_ERROR(ParseStageArg("cultivating"), kExitUsage,
                   "--stage must be one of applied, recommended, selected, not-selected, active, "
                   "eliminated, withdrawn, completed, certified, got \"cultivating\"");
}

TEST(ParseRoleArgTest, RolesInEnglishAndChinese) {
  EXPECT_EQ(ParseRoleArg("assessor"), v1::ROLE_ASSESSOR);
  EXPECT_EQ(ParseRoleArg("管理员"), v1::ROLE_ADMIN);
  EXPECT_EQ(ParseRoleArg("VIEWER"), v1::ROLE_VIEWER);
  EXPECT_CLI_ERROR(ParseRoleArg("root"), kExitUsage,
                   "--role must be one of admin, assessor, viewer (管理员, 评审专家, 查看者), "
                   "got \"root\"");
}

TEST(ParseLevelArgTest, LevelsInEnglishAndChinese) {
  EXPECT_EQ(ParseLevelArg("county"), v1::LEVEL_COUNTY);
  EXPECT_EQ(ParseLevelArg("市级"), v1::LEVEL_CITY);
  EXPECT_EQ(ParseLevelArg("省级"), v1::LEVEL_PROVINCE);
  EXPECT_CLI_ERROR(ParseLevelArg("national"), kExitUsage,
                   "--level must be one of county, city, province, got \"national\"");
}

TEST(ParseAggregationArgTest, AggregationsInEnglishAndChinese) {
  EXPECT_EQ(ParseAggregationArg("trimmed-mean"), v1::AGGREGATION_TRIMMED_MEAN);
  EXPECT_EQ(ParseAggregationArg("中位数"), v1::AGGREGATION_MEDIAN);
  EXPECT_CLI_ERROR(ParseAggregationArg("mode"), kExitUsage,
                   "--aggregation must be one of trimmed-mean, mean, median, got \"mode\"");
}

TEST(ParseOnOffTest, OnAndOffWordsInAnyCase) {
  for (const char* on : {"on", "ON", "yes", "True", "1"}) {
    EXPECT_TRUE(ParseOnOff("--two-pass", on)) << on;
  }
  for (const char* off : {"off", "No", "FALSE", "0"}) {
    EXPECT_FALSE(ParseOnOff("--two-pass", off)) << off;
  }
  EXPECT_CLI_ERROR(ParseOnOff("--eliminate-fail", "maybe"), kExitUsage,
                   "--eliminate-fail must be on or off, got \"maybe\"");
}

}  // namespace
}  // namespace talent::client
