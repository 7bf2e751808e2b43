// The public notice as its readers open it: pdftotext gets the title, the
// paragraphs, every name of a long list (over several pages, the heading
// repeated on each) and the page numbers back; pdfinfo counts A4 portrait
// pages; pdftoppm renders the first page (kept in build/test-artefacts);
// a bad document is refused and leaves no file.
#include "client/render/notice_pdf.h"

#include <algorithm>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/process.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace talent::render {
namespace {

using ::talent::testing::IsOk;
using ::talent::testing::RunProcess;
using ::talent::testing::StatusIs;
using ::talent::testing::TempDir;
using ::testing::ContainsRegex;
using ::testing::HasSubstr;
using ::testing::Not;

NoticeArt SampleArt(int names) {
  NoticeArt art;
  art.title = "四川社会工作人才计划2023年度中期考核结果公示";
  art.subtitle = "四川社会工作人才计划 2023: public notice of the results of 中期考核";
  art.paragraphs = {"根据四川社会工作人才计划有关规定，2023年度中期考核已完成考核评议，"
                    "现将结果予以公示，接受社会监督。",
                    "公示期：2023年6月1日 09:00 至 2023年6月6日 09:00（北京时间）"};
  art.headings = {"序号", "姓名", "工作单位", "类别", "等次"};
  art.wide_column = 2;
  for (int i = 1; i <= names; ++i) {
    art.rows.push_back({absl::StrCat(i), absl::StrCat("候选人", i),
                        i % 7 == 0 ? "成都市锦江区社会工作服务中心暨四川省社会工作者协会"
                                     "锦江区分会专业督导部（长名称换行）"
                                   : "成都市锦江区社会工作服务中心",
                        "服务类", i % 3 == 0 ? "良好" : "优秀"});
  }
  art.no_rows = "（无）";
  art.closing = {"公示期间，如对公示结果有异议，请以书面形式实名反映。异议受理：电话 "
                 "028-86000000"};
  art.issuer = "四川省民政厅";
  art.date = "2023年6月1日";
  art.page_label = "第 %d 页 共 %d 页";
  return art;
}

std::string Tool(const std::string& path, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {path};
  argv.insert(argv.end(), args.begin(), args.end());
  testing::ProcessResult r = RunProcess(argv);
  EXPECT_EQ(r.exit_code, 0) << path << ": " << r.err;
  return r.out;
}

std::string Text(const std::string& pdf) { return Tool(PDFTOTEXT_PATH, {pdf, "-"}); }

// pdftotext drops the spaces between Chinese and digits ("第1页共2页").
std::string WithoutSpaces(std::string text) {
  text.erase(std::remove(text.begin(), text.end(), ' '), text.end());
  return text;
}

int CountOf(const std::string& text, const std::string& needle) {
  int n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

TEST(NoticePdfTest, AShortNoticeIsOneA4PortraitPageWithEverythingOnIt) {
  TempDir dir;
  const std::string pdf = dir.File("notice.pdf");
  ASSERT_THAT(WriteNoticePdf(SampleArt(6), pdf), IsOk());
  const std::string info = Tool(PDFINFO_PATH, {pdf});
  EXPECT_THAT(info, ContainsRegex("\nPages: +1\n")) << info;
  EXPECT_THAT(info, ContainsRegex("Page size: +595 x 842 pts \\(A4\\)")) << info;
  EXPECT_THAT(info, ContainsRegex("Title: +四川社会工作人才计划2023年度中期考核结果公示\n"));
  EXPECT_THAT(info, ContainsRegex("Author: +四川省民政厅\n"));
  const std::string text = Text(pdf);
  for (const char* expected :
       {"四川社会工作人才计划2023年度中期考核结果公示", "public notice of the results of",
        "接受社会监督", "公示期：2023年6月1日 09:00 至 2023年6月6日 09:00（北京时间）",
        "序号", "姓名", "工作单位", "类别", "等次", "候选人1", "候选人6", "异议受理：电话",
        "028-86000000", "四川省民政厅", "2023年6月1日"}) {
    EXPECT_THAT(text, HasSubstr(expected)) << text;
  }
  EXPECT_THAT(WithoutSpaces(text), HasSubstr("第1页共1页"));
  // The page renders, and carries ink (not a blank page).
  testing::ProcessResult png = RunProcess(
      {PDFTOPPM_PATH, "-png", "-r", "40", "-singlefile", pdf, dir.File("page")});
  ASSERT_EQ(png.exit_code, 0) << png.err;
  EXPECT_GT(std::filesystem::file_size(dir.File("page.png")), 2000u);
  // Kept for people to look at: build/test-artefacts/notice-page-1.png.
  std::filesystem::create_directories(TEST_ARTEFACT_DIR);
  std::filesystem::copy_file(dir.File("page.png"),
                             std::string(TEST_ARTEFACT_DIR) + "/notice-page-1.png",
                             std::filesystem::copy_options::overwrite_existing);
}

TEST(NoticePdfTest, ALongListRunsOverPagesWithTheHeadingOnEach) {
  TempDir dir;
  const std::string pdf = dir.File("long.pdf");
  ASSERT_THAT(WriteNoticePdf(SampleArt(120), pdf), IsOk());
  const std::string info = Tool(PDFINFO_PATH, {pdf});
  std::smatch pages;
  const std::string info_copy = info;
  ASSERT_TRUE(std::regex_search(info_copy, pages, std::regex("\nPages: +([0-9]+)\n"))) << info;
  const int n = std::stoi(pages[1]);
  EXPECT_GE(n, 3);
  EXPECT_LE(n, 6);
  const std::string text = Text(pdf);
  for (int i = 1; i <= 120; ++i) {
    EXPECT_THAT(text, HasSubstr(absl::StrCat("候选人", i, "\n"))) << i;
  }
  EXPECT_EQ(CountOf(text, "工作单位"), n);  // the heading on every page
  for (int p = 1; p <= n; ++p) {
    EXPECT_THAT(WithoutSpaces(text), HasSubstr(absl::StrCat("第", p, "页共", n, "页"))) << p;
  }
  // The long organisation wraps inside its column instead of running off.
  EXPECT_THAT(text, HasSubstr("（长名称换行）"));
  // The issuer and date come last.
  EXPECT_GT(text.rfind("四川省民政厅"), text.rfind("候选人120"));
}

TEST(NoticePdfTest, AnEmptyListSaysSo) {
  TempDir dir;
  const std::string pdf = dir.File("empty.pdf");
  ASSERT_THAT(WriteNoticePdf(SampleArt(0), pdf), IsOk());
  const std::string text = Text(pdf);
  EXPECT_THAT(text, HasSubstr("（无）"));
  EXPECT_THAT(text, Not(HasSubstr("工作单位")));
}

TEST(NoticePdfTest, ARehearsalSaysSoOnEveryPage) {
  TempDir dir;
  NoticeArt art = SampleArt(120);
  art.rehearsal = true;
  const std::string pdf = dir.File("rehearsal.pdf");
  ASSERT_THAT(WriteNoticePdf(art, pdf), IsOk());
  const std::string text = Text(pdf);
  EXPECT_EQ(CountOf(text, "并非正式公示"), CountOf(text, "工作单位"));
  EXPECT_THAT(Tool(PDFINFO_PATH, {pdf}), HasSubstr("演练 REHEARSAL · 四川社会工作人才计划"));
}

TEST(NoticePdfTest, ABadDocumentIsRefusedAndWritesNothing) {
  TempDir dir;
  const std::string pdf = dir.File("bad.pdf");
  NoticeArt art = SampleArt(3);
  art.rows[1].pop_back();
  EXPECT_THAT(WriteNoticePdf(art, pdf),
              StatusIs(absl::StatusCode::kInvalidArgument, "row 2 has 4 cells for 5 headings"));
  art = SampleArt(3);
  art.title = "";
  EXPECT_THAT(WriteNoticePdf(art, pdf), StatusIs(absl::StatusCode::kInvalidArgument,
                                                 HasSubstr("title")));
  art = SampleArt(3);
  art.rows[0][1] = std::string(400, 'W');  // a narrow column wider than the page
  EXPECT_THAT(WriteNoticePdf(art, pdf),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("too wide for an A4 page")));
  art = SampleArt(3);
  art.rows[0][2] = "\xF4\x8F\xBF\xBD";  // no font has a glyph for it
  EXPECT_THAT(WriteNoticePdf(art, pdf), StatusIs(absl::StatusCode::kFailedPrecondition));
  art = SampleArt(3);
  art.page_label = "第 %s 页";
  EXPECT_THAT(WriteNoticePdf(art, pdf), StatusIs(absl::StatusCode::kInvalidArgument,
                                                 HasSubstr("page_label")));
  EXPECT_FALSE(std::filesystem::exists(pdf));
  EXPECT_THAT(WriteNoticePdf(SampleArt(3), dir.File("missing/dir/n.pdf")),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("missing/dir/n.pdf")));
}

}  // namespace
}  // namespace talent::render
