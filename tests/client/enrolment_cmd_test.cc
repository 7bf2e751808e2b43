// Enrolments without a server: the requests of 'enrolment add|list' (track
// and stage in English or Chinese), an enrolment printed as a row or as
// fields, and the columns of an applicants spreadsheet.
#include "client/enrolment_cmd.h"

#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "client/enrolment_import.h"
#include "gtest/gtest.h"
#include "tests/client/captured_context.h"
#include "tests/client/cli_error_matchers.h"

namespace talent::client {
namespace {

constexpr char kCohort[] = "programmes/SCSW/cohorts/2023";

TEST(EnrolmentListTest, TrackAndStageInChinese) {
  EnrolmentListOptions options;
  options.track = "服务类";
  options.stage = "培养中";
  options.name = "张";
  options.show_personal_data = true;
  v1::ListEnrolmentsRequest req = ListEnrolmentsRequestOf(options, kCohort);
  EXPECT_EQ(req.cohort(), kCohort);
  EXPECT_EQ(req.track(), v1::TRACK_SERVICE);
  EXPECT_EQ(req.stage(), v1::STAGE_ACTIVE);
  EXPECT_EQ(req.name_contains(), "张");
  EXPECT_TRUE(req.show_personal_data());
}

TEST(EnrolmentListTest, NoFiltersLeavesThemUnspecified) {
  v1::ListEnrolmentsRequest req = ListEnrolmentsRequestOf({}, kCohort);
  EXPECT_EQ(req.track(), v1::TRACK_UNSPECIFIED);
  EXPECT_EQ(req.stage(), v1::STAGE_UNSPECIFIED);
}

TEST(EnrolmentAddTest, TrackInEnglish) {
  EnrolmentAddOptions options;
  options.name = "张伟";
  options.national_id = "11010519491231002X";
  options.track = "management";
  options.years = 6;
  v1::CreateEnrolmentRequest req = CreateEnrolmentRequestOf(options, kCohort);
  EXPECT_EQ(req.enrolment().cohort(), kCohort);
  EXPECT_EQ(req.enrolment().person().full_name(), "张伟");
  EXPECT_EQ(req.enrolment().track(), v1::TRACK_MANAGEMENT);
  EXPECT_EQ(req.enrolment().years_of_experience(), 6);
}

TEST(EnrolmentAddTest, UnknownTrackListsTheTracks) {
  EnrolmentAddOptions options;
  options.track = "志愿类";
  EXPECT_CLI_ERROR(CreateEnrolmentRequestOf(options, kCohort), kExitUsage,
                   "--track must be one of 服务类/管理类/教育与研究类 (service, management, "
                   "education-research), got \"志愿类\"");
}

v1::Enrolment Sample() {
  v1::Enrolment e;
  e.set_id(17);
  e.set_cohort(kCohort);
  e.mutable_person()->set_full_name("张伟");
  e.mutable_person()->set_gender(v1::GENDER_MALE);
  e.mutable_person()->set_national_id("110105********002X");
  e.set_track(v1::TRACK_SERVICE);
  e.set_organisation("锦江区社工中心");
  e.set_region("成都市");
  e.set_stage(v1::STAGE_COMPLETED);
  e.set_certificate_eligible(true);
  v1::Recommendation* r = e.add_recommendations();
  r->set_level(v1::LEVEL_COUNTY);
  r->set_body("锦江区民政局");
  r->set_date("2023-04-01");
  r = e.add_recommendations();
  r->set_level(v1::LEVEL_CITY);
  r->set_body("成都市民政局");
  r->set_date("2023-04-10");
  return e;
}

TEST(EnrolmentOutputTest, RowShowsEligibilityAndTheLatestRecommendation) {
  CapturedContext captured("zh");
  EXPECT_EQ(
      EnrolmentRow(captured.ctx(), Sample()),
      (std::vector<std::string>{"17", "张伟", "男", "110105********002X", "服务类",
                                "锦江区社工中心", "成都市", "结业 (待颁证)", "市级 成都市民政局"}));
}

TEST(EnrolmentOutputTest, CsvIsOneRowUnderTheListHeadings) {
  CapturedContext captured("en", "csv");
  PrintEnrolment(captured.ctx(), Sample());
  EXPECT_EQ(captured.out(),
            "ID,NAME,GENDER,NATIONAL ID,TRACK,ORGANISATION,REGION,STAGE,RECOMMENDED BY\n"
            "17,张伟,male,110105********002X,service,锦江区社工中心,成都市,"
            "completed (eligible for a certificate),city 成都市民政局\n");
}

TEST(EnrolmentOutputTest, FieldsListEveryRecommendation) {
  CapturedContext captured("en");
  Fields fields = EnrolmentFields(captured.ctx(), Sample());
  ASSERT_EQ(fields.size(), 17u);
  EXPECT_EQ(fields[1], (std::pair<std::string, std::string>{"H_COHORT", kCohort}));
  EXPECT_EQ(fields[14], (std::pair<std::string, std::string>{"H_ELIGIBLE", "yes"}));
  EXPECT_EQ(fields[15].second, "county 锦江区民政局 2023-04-01");
  EXPECT_EQ(fields[16].second, "city 成都市民政局 2023-04-10");
}

TEST(ImportColumnsTest, ChineseAndEnglishHeadingsInAnyOrder) {
  std::vector<const ImportColumn*> mapping =
      MapImportHeadings({1, {"姓名", " National_ID ", "工作单位", "申报类别", "手机号"}});
  ASSERT_EQ(mapping.size(), 5u);
  EXPECT_STREQ(mapping[0]->name, "name");
  EXPECT_STREQ(mapping[1]->name, "national_id");
  EXPECT_STREQ(mapping[2]->name, "organisation");
  EXPECT_STREQ(mapping[3]->name, "track");
  EXPECT_STREQ(mapping[4]->name, "phone");
}

TEST(ImportColumnsTest, UnknownHeadingListsTheColumns) {
  EXPECT_CLI_ERROR(
      MapImportHeadings({1, {"姓名", "籍贯"}}), kExitUsage,
      "line 1: unknown column \"籍贯\"; the columns are name (姓名), national_id (身份证号), "
      "gender (性别), organisation (工作单位), region (地区), track (类别), phone (手机), email "
      "(邮箱), qualification (证书等级), years (从业年限)");
}

TEST(ImportColumnsTest, MissingRequiredColumnIsNamed) {
  EXPECT_CLI_ERROR(MapImportHeadings({1, {"name", "national_id", "organisation"}}), kExitUsage,
                   "the file has no track column (类别)");
}

// The README's table of the applicants' CSV is the one the program reads:
// each row's column, heading, other spellings and whether it is required.
TEST(ImportColumnsTest, TheReadmesTableListsEveryHeadingAccepted) {
  std::ifstream in(std::string(TALENT_SOURCE_DIR) + "/README.md");
  ASSERT_TRUE(in.is_open());
  std::vector<std::string> documented;
  bool in_table = false;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("| column | heading | also accepted | required |", 0) == 0) {
      in_table = true;
      continue;
    }
    if (!in_table || line.rfind("|---", 0) == 0) continue;
    if (line.rfind("| ", 0) != 0) break;
    std::vector<std::string> cells = absl::StrSplit(line, " | ");
    ASSERT_GE(cells.size(), 4u) << line;
    documented.push_back(absl::StrCat(cells[0].substr(2), ";", cells[1], ";", cells[2], ";",
                                      cells[3]));
  }
  std::vector<std::string> actual;
  for (const ImportColumn& c : ImportColumns()) {
    std::vector<std::string> others(c.headings.begin() + 2, c.headings.end());
    actual.push_back(absl::StrCat(c.name, ";", c.headings[1], ";", absl::StrJoin(others, ", "),
                                  ";", c.required ? "yes" : "no"));
  }
  EXPECT_EQ(documented, actual);
}

TEST(ImportColumnsTest, RowFillsFieldsOrIsMalformed) {
  std::vector<const ImportColumn*> mapping =
      MapImportHeadings({1, {"name", "national_id", "organisation", "track"}});
  common::CsvRecord record{5, {"王芳", "510104199001011234", "成华区", "服务类"}};
  v1::ImportRow row;
  FillImportRow(&record, mapping, &row);
  EXPECT_EQ(row.line(), 5);
  EXPECT_EQ(row.full_name(), "王芳");
  EXPECT_EQ(row.national_id(), "510104199001011234");
  EXPECT_EQ(row.organisation(), "成华区");
  EXPECT_EQ(row.track(), "服务类");
  EXPECT_EQ(row.malformed(), "");

  common::CsvRecord short_record{6, {"李强", "x"}};
  v1::ImportRow bad;
  FillImportRow(&short_record, mapping, &bad);
  EXPECT_EQ(bad.line(), 6);
  EXPECT_EQ(bad.malformed(), "has 2 cells; the heading has 4");
  EXPECT_EQ(bad.full_name(), "");
}

}  // namespace
}  // namespace talent::client
