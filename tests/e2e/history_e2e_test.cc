// End-to-end: a past cohort's paper records imported through real talentd
// and talentctl processes (docs/lifecycles.md §1.1) — a spreadsheet's CSV
// with a BOM and Chinese headings, a dry run, the import, its certificates
// verified online and listed with their mark, the cohort marked imported,
// the progress that counts it, and a bad file refused naming its rows.
#include <ctime>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/national_id.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/cli_fixture.h"
#include "tests/testing/process.h"

namespace talent::testing {
namespace {

using ::testing::HasSubstr;

// A valid ID of someone born 1985-03-12 in 510107 (成都市武侯区).
std::string Id(int n) {
  std::string first17 = absl::StrCat("51010719850312", 100 + n);
  return first17 + common::NationalIdCheckCharacter(first17);
}

// Today in China Standard Time, as certificates are dated.
std::string ChinaToday() {
  std::time_t now = std::time(nullptr) + 8 * 3600;
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &tm);
  return text;
}

constexpr char kBom[] = "\xEF\xBB\xBF";
constexpr char kHeading[] = "姓名,身份证号,工作单位,地区,类别,结果,证书编号,发证日期,综合得分\n";

std::string Cohort2021() {
  return absl::StrCat(kBom, kHeading,
                      "王芳,", Id(1), ",成都市锦江区社会工作服务中心,成都市锦江区,服务类,已认定,"
                      "SCSW-2021-S001,2021-12-20,95.5\n",
                      "张伟,", Id(2), ",绵阳市涪城区民政局,绵阳市涪城区,服务类,淘汰,,,\n",
                      "李明远,", Id(3), ",四川省社会工作协会,成都市青羊区,管理类,已认定,"
                      "SCSW-2021-M001,2021/12/20,91\n",
                      "陈静,", Id(4), ",西南民族大学,成都市武侯区,教育与研究类,结业,,,\n",
                      "刘洋,", Id(5), ",乐山市市中区社工站,乐山市市中区,管理类,退出,,,\n");
}

class HistoryEndToEndTest : public CliFixture {
 protected:
  void SetUp() override {
    CliFixture::SetUp();
    if (HasFatalFailure()) return;
    SeedProgrammeAndCohort();  // SCSW (2020–2030) runs its 2023 cohort here
  }
};

TEST_F(HistoryEndToEndTest, ImportsAPastCohortWhoseCertificatesVerify) {
  WriteFile(dir_.File("history-2021.csv"), Cohort2021());
  const std::vector<std::string> import = {"cohort", "import-history", "--programme", "SCSW",
                                           "--year", "2021", dir_.File("history-2021.csv")};
  const std::string table =
      "TRACK               SELECTED  ELIMINATED  CERTIFIED\n"
      "service             2         1           1\n"
      "management          1         0           1\n"
      "education-research  1         0           0\n"
      "total               4         1           2\n";

  std::vector<std::string> dry = import;
  dry.push_back("--dry-run");
  ProcessResult r = Ctl(dry);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, table);
  EXPECT_THAT(r.err, HasSubstr("history-2021.csv: all 5 rows are valid; 2 certificate(s) would "
                               "be registered (dry run: nothing imported)"));
  r = Ctl({"cert", "list"});  // the dry run registered nothing
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "NUMBER  HOLDER  TRACK  FINAL SCORE  ISSUED ON  STATE\n");

  r = Ctl(import);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, table);
  EXPECT_THAT(r.err, HasSubstr("imported 5 people into SCSW/2021 (closed, imported from paper "
                               "records); 2 certificate(s) registered: SCSW-2021-S001 … "
                               "SCSW-2021-M001"));

  // Verified by anyone, with the mark of a paper certificate.
  r = Ctl({"cert", "verify", "scsw-2021-s001"}, {{"TALENT_TOKEN", ""}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, absl::StrCat("RESULT       valid\n"
                                "NUMBER       SCSW-2021-S001\n"
                                "HOLDER       王芳\n"
                                "NATIONAL ID  **************",
                                Id(1).substr(14),
                                "\n"
                                "TRACK        service\n"
                                "PROGRAMME    四川社会工作人才计划 (SCSW)\n"
                                "COHORT       2021\n"
                                "FINAL SCORE  95.50\n"
                                "RATING       excellent\n"
                                "ISSUED BY    四川省民政厅\n"
                                "ISSUED ON    2021-12-20\n"
                                "REGISTERED   from paper records, on ",
                                ChinaToday(), "\n"));
  r = Ctl({"--lang", "zh", "cert", "verify", "SCSW-2021-M001"}, {{"TALENT_TOKEN", ""}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("核验结果  有效\n"));
  EXPECT_THAT(r.out, HasSubstr("登记      据纸质档案登记，" + ChinaToday() + "\n"));

  r = Ctl({"cert", "list", "--cohort", "SCSW/2021"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "NUMBER          HOLDER  TRACK       FINAL SCORE  ISSUED ON   STATE\n"
            "SCSW-2021-S001  王芳    service     95.50        2021-12-20  valid (from paper)\n"
            "SCSW-2021-M001  李明远  management  91.00        2021-12-20  valid (from paper)\n");

  r = Ctl({"cohort", "list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "COHORT     STATE              QUOTA     APPLIED  SELECTED\n"
            "SCSW/2021  closed (imported)  0/0/0     0/0/0    0/0/0\n"
            "SCSW/2023  enrolling          10/10/10  0/0/0    0/0/0\n");

  // The progress counts it: two certified in 2021, the pace over 2020–2021.
  r = Ctl({"-o", "json", "programme", "progress", "SCSW"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"certified\": 2"));
  EXPECT_THAT(r.out, HasSubstr("\"yearsCounted\": 2"));
  EXPECT_THAT(r.out, HasSubstr("\"lastCountedYear\": 2021"));

  // Once is enough.
  r = Ctl(import);
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_THAT(r.err, HasSubstr("cohort SCSW/2021 already exists (imported earlier); nothing was "
                               "imported"));
}

TEST_F(HistoryEndToEndTest, ABadFileIsRefusedNamingItsRowsAndImportsNothing) {
  std::string bad = Id(2);
  bad.back() = bad.back() == '0' ? '1' : '0';
  WriteFile(dir_.File("bad.csv"),
            absl::StrCat(kBom, kHeading,
                         "王芳,", Id(1), ",成都市锦江区社会工作服务中心,成都市锦江区,服务类,"
                         "已认定,SCSW-2021-M001,2021-12-20,95.5\n",
                         "张伟,", bad, ",绵阳市涪城区民政局,绵阳市涪城区,服务类,淘汰,,,\n",
                         "陈静,", Id(4), ",西南民族大学,成都市武侯区,教育与研究类,结业,"
                         "SCSW-2021-E001,,\n"));
  ProcessResult r = Ctl({"cohort", "import-history", "--programme", "SCSW", "--year", "2021",
                         dir_.File("bad.csv")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("the history has 3 problems; nothing was imported"));
  EXPECT_THAT(r.err, HasSubstr("line 2, certificate_number: certificate_number SCSW-2021-M001 is "
                               "not of the row's track (service numbers have S, e.g. "
                               "SCSW-2021-S001)"));
  EXPECT_THAT(r.err, HasSubstr("line 3, national_id: national ID check character should be " +
                               Id(2).substr(17) + ", not " + bad.substr(17)));
  EXPECT_THAT(r.err, HasSubstr("line 4, certificate_number: only the certified have a "
                               "certificate_number; this row is completed"));
  r = Ctl({"cohort", "list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, ::testing::Not(HasSubstr("SCSW/2021")));

  // A heading the program does not know is refused before anything is sent.
  WriteFile(dir_.File("unknown.csv"), absl::StrCat(kBom, "姓名,身份证号,备注\n"));
  r = Ctl({"cohort", "import-history", "--programme", "SCSW", "--year", "2021",
           dir_.File("unknown.csv")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("line 1: unknown column \"备注\"; the columns are name (姓名), "
                               "national_id (身份证号), organisation (工作单位), region (地区), "
                               "track (类别), outcome (结果), certificate_number (证书编号), "
                               "issue_date (发证日期), final_score (综合得分)"));
}

}  // namespace
}  // namespace talent::testing
