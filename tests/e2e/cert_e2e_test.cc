// End-to-end: certificates through real talentd and talentctl processes —
// issued after the confirmed final round, verified online without an
// account, exported and verified offline with the server stopped (a
// one-byte change fails), revoked, printed as a PDF (read back with
// pdftotext and rendered with pdftoppm), the verification page in headless
// Chromium (its DOM and a screenshot whose colours show the verdict), the
// web port's /healthz and its rate limit, /metrics on the metrics
// listener, and the progress and score charts.
//
// One cohort serves every test: from the sample spreadsheet, 张伟
// (education & research) 92.00, 王芳 (service) 91.00 and 李明远
// (management) 86.00, scored alike by three assessors in the final round.
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <utility>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/csv.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/cli_fixture.h"
#include "tests/testing/png_image.h"
#include "tests/testing/process.h"
#include "tests/testing/raw_http.h"

namespace talent::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

const std::string kChromium = CHROMIUM_PATH;
const std::string kPdfToText = PDFTOTEXT_PATH;
const std::string kPdfToPpm = PDFTOPPM_PATH;
// Debian's python3, which has python3-openpyxl (not another on the PATH).
const std::string kDebianPython = DEBIAN_PYTHON3_PATH;

// Pixels of a PNG file near (within 8 on every channel) a colour.
int64_t CountColour(const std::string& png, uint32_t rgb, int tolerance = 8) {
  return CountColor(LoadPng(png).get(), rgb, tolerance);
}

class CertEndToEndTest : public CliFixture {
 protected:
  // The clock runs ahead past notice periods: a rehearsal database.
  CertEndToEndTest() { rehearsal_ = true; }

  // Everything up to issued certificates; talentd ends up serving HTTP too,
  // its clock six days ahead (after the final round's notice).
  void CertifiedCohort() {
    SeedProgrammeAndCohort();
    if (HasFatalFailure()) return;
    ProcessResult r = Ctl({"enrolment", "import", "--cohort", "SCSW/2023",
                           kSource + "/scripts/data/applicants-2023.csv"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = Ctl({"-o", "csv", "enrolment", "list", "--cohort", "SCSW/2023"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::map<std::string, std::string> ids;
    std::istringstream lines(r.out);
    std::string line;
    std::getline(lines, line);
    while (std::getline(lines, line)) {
      size_t comma = line.find(',');
      ids[line.substr(comma + 1, line.find(',', comma + 1) - comma - 1)] = line.substr(0, comma);
    }
    const std::string zhang = ids["张伟"], wang = ids["王芳"], li = ids["李明远"];
    ASSERT_FALSE(zhang.empty() || wang.empty() || li.empty());
    for (const std::vector<std::string>& args :
         std::vector<std::vector<std::string>>{
             {"enrolment", "recommend", "--level", "county", "--by", "民政局", "--date",
              "2023-04-01", zhang, wang, li},
             {"enrolment", "select", zhang, wang, li},
             {"cohort", "cultivate", "SCSW/2023", "--yes"},
             {"round", "create", "SCSW/2023", "--title", "年度考核", "--position", "1", "--final"}}) {
      r = Ctl(args);
      ASSERT_EQ(r.exit_code, 0) << args[0] << " " << args[1] << ": " << r.err;
    }
    std::vector<std::string> tokens;
    for (const char* name : {"expert.a", "expert.b", "expert.c"}) {
      tokens.push_back(CreateUserWithToken(name, "assessor", std::string("大学") + name, "专家"));
      ASSERT_FALSE(HasFailure());
    }
    ASSERT_EQ(Ctl({"assignment", "add", "SCSW/2023/1", "--assessor",
                   "expert.a,expert.b,expert.c", "--all"})
                  .exit_code,
              0);
    ASSERT_EQ(Ctl({"round", "open", "SCSW/2023/1"}).exit_code, 0);
    WriteFile(dir_.File("sheets.csv"),
              "enrolment,theory,competence,system,talent,charity,ethics,submit\n" + zhang +
                  ",14,14,18,18,14,14,yes\n" + wang + ",14,14,18,18,14,13,yes\n" + li +
                  ",13,13,17,17,13,13,yes\n");
    for (const std::string& token : tokens) {
      r = Ctl({"score", "import", "SCSW/2023/1", dir_.File("sheets.csv")},
              {{"TALENT_TOKEN", token}});
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    ASSERT_EQ(Ctl({"round", "close", "SCSW/2023/1"}).exit_code, 0);
    ASSERT_EQ(Ctl({"round", "notice", "SCSW/2023/1"}).exit_code, 0);
    ASSERT_EQ(server_->Stop(SIGTERM), 0);
    std::string http_port_file = dir_.File("http-port");
    std::string metrics_port_file = dir_.File("metrics-port");
    StartServer({"--clock-offset-days", "6", "--http-listen", "127.0.0.1:0", "--http-port-file",
                 http_port_file, "--metrics-listen", "127.0.0.1:0", "--metrics-port-file",
                 metrics_port_file});
    if (HasFatalFailure()) return;
    std::string http_port = WaitForFile(http_port_file, 10);
    std::string metrics_port = WaitForFile(metrics_port_file, 10);
    ASSERT_FALSE(http_port.empty() || metrics_port.empty());
    web_port_ = std::stoi(http_port);
    web_ = "http://127.0.0.1:" + std::to_string(web_port_);
    metrics_ = "http://127.0.0.1:" + std::to_string(std::stoi(metrics_port));
    r = Ctl({"round", "confirm", "SCSW/2023/1", "--yes"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    issue_ = Ctl({"-o", "csv", "cert", "issue", "--cohort", "SCSW/2023"});
    ASSERT_EQ(issue_.exit_code, 0) << issue_.err;
  }

  // talentctl as someone with no account: no token anywhere.
  ProcessResult Anonymous(std::vector<std::string> args) {
    return Ctl(std::move(args), {{"TALENT_TOKEN", ""}, {"XDG_CONFIG_HOME", dir_.File("nobody")}});
  }

  // Headless Chromium as the machine allows it (no sandbox as root, no
  // background network), each run with a fresh profile.
  ProcessResult Chromium(std::vector<std::string> args) {
    static int run = 0;
    std::vector<std::string> argv = {kChromium,
                                     "--headless",
                                     "--no-sandbox",
                                     "--disable-gpu",
                                     "--disable-quic",
                                     "--no-first-run",
                                     "--disable-background-networking",
                                     "--disable-component-update",
                                     "--disable-sync",
                                     "--hide-scrollbars",
                                     "--user-data-dir=" + dir_.File("chromium-" + std::to_string(++run))};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunProcess(argv);
  }

  int web_port_ = 0;
  std::string web_;
  std::string metrics_;
  ProcessResult issue_;
};

TEST_F(CertEndToEndTest, IssueVerifyExportRevokeThroughTheCommandLine) {
  CertifiedCohort();
  if (HasFatalFailure()) return;
  // Numbers per track, in rank order; the second run issues nothing.
  EXPECT_THAT(issue_.out, HasSubstr("NUMBER,HOLDER,TRACK,FINAL SCORE,ISSUED ON,STATE\n"));
  EXPECT_THAT(issue_.out, HasSubstr("SCSW-2023-S001,王芳,service,91.00,"));
  EXPECT_THAT(issue_.out, HasSubstr("SCSW-2023-E001,张伟,education-research,92.00,"));
  EXPECT_THAT(issue_.out, Not(HasSubstr("李明远")));
  EXPECT_THAT(issue_.err, HasSubstr("2 certificate(s) issued"));
  ProcessResult r = Ctl({"cert", "issue", "--cohort", "SCSW/2023"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("nothing new to issue: the cohort's 2 certificate(s)"));
  // Only administrators issue.
  r = Anonymous({"cert", "issue", "--cohort", "SCSW/2023"});
  EXPECT_EQ(r.exit_code, 4) << r.err;

  // Online, with no account at all, in Chinese.
  r = Anonymous({"--lang", "zh", "cert", "verify", "scsw-2023-e001"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("核验结果  有效"));
  EXPECT_THAT(r.out, HasSubstr("持证人    张伟"));
  EXPECT_THAT(r.out, HasSubstr("身份证号  **************6091"));
  EXPECT_THAT(r.out, HasSubstr("等次      优秀"));
  r = Anonymous({"cert", "verify", "SCSW-2023-S999"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.out, HasSubstr("RESULT  not found"));
  EXPECT_THAT(r.err, HasSubstr("SCSW-2023-S999 is not valid: not found"));

  // Offline: the key and the credential, then no server at all.
  r = Anonymous({"cert", "pubkey"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(r.out.size(), 44u);  // 43 characters and a newline
  WriteFile(dir_.File("pubkey.txt"), r.out);
  r = Anonymous({"cert", "export", "SCSW-2023-E001", "-o", dir_.File("cert.json")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string json = ReadFile(dir_.File("cert.json"));
  EXPECT_THAT(json, HasSubstr("\"OpenBadgeCredential\""));
  EXPECT_THAT(json, HasSubstr("\"achievedLevel\": \"urn:talent:level:excellent\""));
  EXPECT_THAT(json, HasSubstr("\"name\": \"优秀 excellent\""));
  ASSERT_EQ(server_->Stop(SIGTERM), 0);
  r = Ctl({"cert", "verify", "--file", dir_.File("cert.json"), "--pubkey",
           dir_.File("pubkey.txt")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("RESULT       valid (signature checked offline"));
  EXPECT_THAT(r.out, HasSubstr("HOLDER       张伟"));
  std::string key = ReadFile(dir_.File("pubkey.txt"));
  r = Ctl({"cert", "verify", "--file", dir_.File("cert.json"), "--pubkey", key});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // One byte changed: 92.00 → 93.00 in the score.
  size_t at = json.find("\"finalScore\": \"92.00\"");
  ASSERT_NE(at, std::string::npos);
  std::string tampered = json;
  tampered[at + 16] = '3';
  WriteFile(dir_.File("tampered.json"), tampered);
  r = Ctl({"cert", "verify", "--file", dir_.File("tampered.json"), "--pubkey", key});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("NOT VALID"));
  EXPECT_EQ(r.out, "");
  // Another key (a made-up one) fails too; a malformed key is a usage error.
  r = Ctl({"cert", "verify", "--file", dir_.File("cert.json"), "--pubkey",
           "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("another signing key"));
  r = Ctl({"cert", "verify", "--file", dir_.File("cert.json"), "--pubkey", "nonsense"});
  EXPECT_EQ(r.exit_code, 2);
  r = Ctl({"cert", "verify", "--file", dir_.File("cert.json")});
  EXPECT_EQ(r.exit_code, 2);  // --file needs --pubkey

  // Revocation: asks first, refuses without a terminal; then for good.
  StartServer();
  if (HasFatalFailure()) return;
  r = Ctl({"cert", "revoke", "SCSW-2023-S001", "--reason", "材料不实"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("talentctl: Revoke certificate SCSW-2023-S001? It will verify as revoked "
                               "forever.: add --yes to confirm (no terminal to ask on)"));
  EXPECT_EQ(Anonymous({"cert", "verify", "SCSW-2023-S001"}).exit_code, 0);
  r = Ctl({"cert", "revoke", "SCSW-2023-S001", "--reason", "", "--yes"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  r = Ctl({"cert", "revoke", "SCSW-2023-S001", "--reason", "材料不实", "--yes"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("REASON       材料不实"));
  r = Anonymous({"cert", "verify", "SCSW-2023-S001"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_THAT(r.out, HasSubstr("RESULT       revoked"));
  EXPECT_THAT(r.out, HasSubstr("REASON       材料不实"));
  r = Ctl({"cert", "revoke", "SCSW-2023-S001", "--reason", "再次", "--yes"});
  EXPECT_EQ(r.exit_code, 5);
  r = Anonymous({"cert", "export", "SCSW-2023-S001", "-o", dir_.File("revoked.json")});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_FALSE(std::ifstream(dir_.File("revoked.json")).good());
  r = Ctl({"-o", "csv", "cert", "list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("SCSW-2023-S001,王芳,service,91.00,"));
  EXPECT_THAT(r.out, HasSubstr(",revoked\n"));
}

TEST_F(CertEndToEndTest, PrintableCertificateAndTheVerificationPage) {
  CertifiedCohort();
  if (HasFatalFailure()) return;
  // The PDF: its text holds the Chinese name, number and title; a page
  // renders.
  ProcessResult r = Anonymous({"cert", "pdf", "SCSW-2023-E001", "-o", dir_.File("cert.pdf")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr(web_ + "/verify/SCSW-2023-E001"));
  ProcessResult text = RunProcess({kPdfToText, "-layout", dir_.File("cert.pdf"), "-"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("张伟"));
  EXPECT_THAT(text.out, HasSubstr("SCSW-2023-E001"));
  EXPECT_THAT(text.out, HasSubstr("高层次社会工作专业人才"));
  EXPECT_THAT(text.out, HasSubstr("四川省民政厅"));
  EXPECT_THAT(text.out, HasSubstr("教育与研究类"));
  ProcessResult png =
      RunProcess({kPdfToPpm, "-png", "-r", "40", "-singlefile", dir_.File("cert.pdf"),
                  dir_.File("cert-page")});
  ASSERT_EQ(png.exit_code, 0) << png.err;
  // A4 landscape at 40 dpi: 842 × 595 pt → 468 × 331 px, mostly paper.
  EXPECT_EQ(ImageSize(LoadPng(dir_.File("cert-page.png")).get()), std::make_pair(468, 331));
  EXPECT_GT(CountColour(dir_.File("cert-page.png"), 0xffffff, 40), 468 * 331 / 2);
  r = Anonymous({"cert", "pdf", "SCSW-2023-X001", "-o", dir_.File("none.pdf")});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_FALSE(std::ifstream(dir_.File("none.pdf")).good());

  // The page, as Chromium renders it: the DOM says VALID with the holder…
  const std::string valid_url = web_ + "/verify/SCSW-2023-E001";
  ProcessResult dom = Chromium({"--dump-dom", valid_url});
  ASSERT_EQ(dom.exit_code, 0) << dom.err;
  EXPECT_THAT(dom.out, HasSubstr("data-result=\"VALID\""));
  EXPECT_THAT(dom.out, HasSubstr("有效 · valid"));
  EXPECT_THAT(dom.out, HasSubstr("张伟"));
  EXPECT_THAT(dom.out, HasSubstr("**************6091"));
  EXPECT_THAT(dom.out, Not(HasSubstr("510104")));
  EXPECT_THAT(dom.out, Not(HasSubstr("510104198311286091")));
  // …and the screenshot shows the green banner of a valid certificate.
  ProcessResult shot = Chromium({"--window-size=420,760",
                                 "--screenshot=" + dir_.File("valid.png"), valid_url});
  ASSERT_EQ(shot.exit_code, 0) << shot.err;
  EXPECT_GT(CountColour(dir_.File("valid.png"), 0x1b7f3b), 420 * 40);
  EXPECT_LT(CountColour(dir_.File("valid.png"), 0x5f6368), 420 * 40);

  // A made-up number: NOT_FOUND, in grey.
  const std::string unknown_url = web_ + "/verify/SCSW-2023-S777";
  dom = Chromium({"--dump-dom", unknown_url});
  ASSERT_EQ(dom.exit_code, 0) << dom.err;
  EXPECT_THAT(dom.out, HasSubstr("data-result=\"NOT_FOUND\""));
  EXPECT_THAT(dom.out, HasSubstr("SCSW-2023-S777"));
  shot = Chromium({"--window-size=420,760", "--screenshot=" + dir_.File("unknown.png"),
                   unknown_url});
  ASSERT_EQ(shot.exit_code, 0) << shot.err;
  EXPECT_GT(CountColour(dir_.File("unknown.png"), 0x5f6368), 420 * 40);
  EXPECT_EQ(CountColour(dir_.File("unknown.png"), 0x1b7f3b), 0);

  // Markup where a number should be is not a number: it is neither looked
  // up nor repeated, escaped or not.
  dom = Chromium({"--dump-dom", web_ + "/verify/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"});
  EXPECT_THAT(dom.out, HasSubstr("data-result=\"MALFORMED\""));
  EXPECT_THAT(dom.out, HasSubstr("Not a certificate number"));
  EXPECT_THAT(dom.out, Not(HasSubstr("&lt;img src=x onerror=alert(1)&gt;")));
  EXPECT_THAT(dom.out, Not(HasSubstr("onerror")));
  EXPECT_THAT(dom.out, Not(HasSubstr("<img")));
  // A page that does not exist says where certificates are.
  dom = Chromium({"--dump-dom", web_ + "/admin"});
  EXPECT_THAT(dom.out, HasSubstr("/verify/"));

  // The form at / sends a typed number to its page.
  dom = Chromium({"--dump-dom", web_ + "/"});
  EXPECT_THAT(dom.out, HasSubstr("<form action=\"/verify\" method=\"get\">"));
  dom = Chromium({"--dump-dom", web_ + "/verify?number=+scsw-2023-e001+"});
  EXPECT_THAT(dom.out, HasSubstr("data-result=\"VALID\""));
  EXPECT_THAT(dom.out, HasSubstr("张伟"));

  // Health on the public port; metrics only on the metrics listener.
  dom = Chromium({"--dump-dom", web_ + "/healthz"});
  EXPECT_THAT(dom.out, HasSubstr("ok"));
  dom = Chromium({"--dump-dom", web_ + "/metrics"});
  EXPECT_THAT(dom.out, Not(HasSubstr("talentd_")));
  dom = Chromium({"--dump-dom", metrics_ + "/metrics"});
  EXPECT_THAT(dom.out, HasSubstr("talentd_rpc_duration_seconds_count{code=\"OK\","
                                 "method=\"IssueCertificates\"} 1\n"));
  EXPECT_THAT(dom.out, HasSubstr("talentd_http_request_duration_seconds_count{route=\"/verify/"
                                 "{number}\",status=\"200\"}"));
  EXPECT_THAT(dom.out, HasSubstr("talentd_http_request_duration_seconds_count{route=\"/verify/"
                                 "{number}\",status=\"404\"}"));
  EXPECT_THAT(dom.out, HasSubstr("talentd_http_request_duration_seconds_count{route=\"/verify/"
                                 "{number}\",status=\"400\"} 1\n"));

  // Verifying faster than the limit (by default a burst of 30, then 10 a
  // second per address) is refused for a moment, then served again.
  HttpReply reply;
  int served = 0;
  for (int i = 0; i < 100 && reply.status != 429; ++i) {
    reply = HttpGet(web_port_, "/verify/SCSW-2023-E001");
    if (reply.status == 200) ++served;
  }
  EXPECT_EQ(reply.status, 429);
  EXPECT_EQ(reply.Header("Retry-After"), "1");
  EXPECT_GE(served, 20);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  reply = HttpGet(web_port_, "/verify/SCSW-2023-E001");
  EXPECT_EQ(reply.status, 200);
  EXPECT_THAT(reply.body, HasSubstr("data-result=\"VALID\""));
}

// The confirmed list (确认名单) of the final round: printed by talentctl
// and read back by pdftotext, and served as a public page that Chromium
// renders, phone-sized, with the index linking to it.
TEST_F(CertEndToEndTest, TheConfirmedListOnPaperAndOnThePublicPage) {
  CertifiedCohort();
  if (HasFatalFailure()) return;
  ProcessResult r = Ctl({"--lang", "zh", "round", "notice-pdf", "SCSW/2023/1", "-o",
                         dir_.File("list.pdf")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ProcessResult text = RunProcess({kPdfToText, "-layout", dir_.File("list.pdf"), "-"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("2023年度高层次人才确认名单"));
  EXPECT_THAT(text.out, HasSubstr("确认为高层次人才"));
  EXPECT_THAT(text.out, ::testing::ContainsRegex("张伟 +.* +教育与研究类 +优秀"));
  EXPECT_THAT(text.out, Not(HasSubstr("李明远")));  // rated good: not on the list
  EXPECT_THAT(text.out, Not(HasSubstr("公示期")));
  EXPECT_THAT(text.out, HasSubstr("并非正式公示"));  // a rehearsal database's
  // A viewer (leadership) may print it too.
  r = Ctl({"round", "notice-pdf", "SCSW/2023/1", "-o", dir_.File("x.pdf")},
          {{"TALENT_TOKEN", CreateUserWithToken("reader", "viewer", "", "领导")}});
  EXPECT_EQ(r.exit_code, 0) << r.err;

  const std::string url = web_ + "/notice/SCSW/2023/1";
  ProcessResult dom = Chromium({"--dump-dom", url});
  ASSERT_EQ(dom.exit_code, 0) << dom.err;
  EXPECT_THAT(dom.out, HasSubstr("data-kind=\"CONFIRMED_LIST\""));
  EXPECT_THAT(dom.out, HasSubstr("<td>张伟</td>"));
  EXPECT_THAT(dom.out, HasSubstr("演练 REHEARSAL"));
  EXPECT_THAT(dom.out, Not(HasSubstr("李明远")));
  EXPECT_THAT(dom.out, Not(HasSubstr("510104")));
  ProcessResult shot = Chromium({"--window-size=390,844",
                                 "--screenshot=" + dir_.File("list-phone.png"), url});
  ASSERT_EQ(shot.exit_code, 0) << shot.err;
  // The white sheet fills most of a phone's width; the rehearsal banner shows.
  EXPECT_GT(CountColour(dir_.File("list-phone.png"), 0xffffff), 390 * 300);
  EXPECT_GT(CountColour(dir_.File("list-phone.png"), 0xf9ab00), 390 * 20);
  dom = Chromium({"--dump-dom", web_ + "/notice"});
  ASSERT_EQ(dom.exit_code, 0) << dom.err;
  EXPECT_THAT(dom.out, HasSubstr("href=\"/notice/SCSW/2023/1\""));
}

TEST_F(CertEndToEndTest, ProgressAndScoreReportsWithCharts) {
  CertifiedCohort();
  if (HasFatalFailure()) return;
  ProcessResult r = Ctl({"-o", "csv", "programme", "progress", "SCSW", "--chart",
                         dir_.File("progress.png")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "YEAR,STATE,TRACK,SELECTED,ELIMINATED,CERTIFIED\n"
            "2023,closed,service,1,0,1\n"
            "2023,closed,management,1,0,0\n"
            "2023,closed,education-research,1,0,1\n"
            "2023,,total,,,2\n");
  EXPECT_GT(CountColour(dir_.File("progress.png"), 0xffffff), 0);
  r = Ctl({"programme", "progress", "SCSW"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("certified 2 of a target of 300 (2020–2030)"));
  EXPECT_THAT(r.out, HasSubstr("at the pace up to 2023, 5 by 2030: behind; 43 a year are "
                               "needed over the remaining 7 years"));
  r = Ctl({"programme", "progress", "SCSW", "--chart", dir_.File("progress.gif")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("progress.gif"));
  r = Ctl({"programme", "progress", "NOPE"});
  EXPECT_EQ(r.exit_code, 3);

  r = Ctl({"-o", "csv", "report", "cohort", "SCSW/2023", "--chart", dir_.File("scores.svg")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "TRACK,excellent,good,pass,fail,absent\n"
            "service,1,0,0,0,0\n"
            "management,0,1,0,0,0\n"
            "education-research,1,0,0,0,0\n");
  EXPECT_EQ(ReadFile(dir_.File("scores.svg")).rfind("<?xml", 0), 0u);
  r = Ctl({"report", "cohort", "SCSW/2023", "--round", "2"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
}

// One cell as openpyxl reads it back (tests/e2e/read_xlsx.py).
struct XlsxCell {
  std::string type;  // s text, n number, f formula
  std::string value;
  std::string format;
  bool bold = false;
};

struct Workbook {
  std::vector<std::string> sheets;
  std::string freeze;
  std::map<std::string, double> widths;      // column letter → width
  std::map<std::string, XlsxCell> cells;     // "A1" → cell
};

Workbook ReadXlsx(const std::string& path) {
  ProcessResult r = RunProcess({kDebianPython, kSource + "/tests/e2e/read_xlsx.py", path});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  Workbook book;
  std::istringstream lines(r.out);
  std::string line;
  while (std::getline(lines, line)) {
    std::vector<std::string> f;
    std::istringstream fields(line);
    for (std::string field; std::getline(fields, field, '\t');) f.push_back(field);
    if (f[0] == "sheet") book.sheets.push_back(f[1]);
    if (f[0] == "freeze") book.freeze = f[1];
    if (f[0] == "width") book.widths[f[1]] = std::stod(f[2]);
    if (f[0] == "cell") book.cells[f[1]] = {f[2], f[3], f[4], f.size() > 5 && f[5] == "bold"};
  }
  return book;
}

std::string CellRef(size_t row, size_t column) {
  return std::string(1, static_cast<char>('A' + column)) + std::to_string(row + 1);
}

// The same listing as CSV and as a workbook: every cell of the workbook holds
// what the CSV holds (numbers as numbers, the rest as text, formulas never),
// under a bold frozen heading row, in columns at least as wide as their
// cells. Returns the workbook for the caller's own checks.
Workbook ExpectWorkbookMatchesCsv(const std::function<ProcessResult(std::vector<std::string>)>& ctl,
                                  const std::string& path,
                                  std::vector<std::string> args,
                                  const std::vector<std::string>& numeric_columns) {
  std::vector<std::string> csv_args = {"--lang", "zh", "-o", "csv"};
  csv_args.insert(csv_args.end(), args.begin(), args.end());
  ProcessResult csv = ctl(csv_args);
  EXPECT_EQ(csv.exit_code, 0) << csv.err;
  std::vector<std::string> xlsx_args = {"--lang", "zh", "-o", "xlsx", path};
  xlsx_args.insert(xlsx_args.end(), args.begin(), args.end());
  ProcessResult xlsx = ctl(xlsx_args);
  EXPECT_EQ(xlsx.exit_code, 0) << xlsx.err;
  EXPECT_EQ(xlsx.out, "") << "the workbook is the output; nothing else goes to stdout";
  auto records = common::ParseCsv(csv.out);
  EXPECT_TRUE(records.ok());
  EXPECT_THAT(xlsx.err, HasSubstr(absl::StrCat("wrote ", records->size() - 1, " rows to ", path)));
  Workbook book = ReadXlsx(path);
  EXPECT_EQ(book.freeze, "A2");
  const std::vector<std::string>& headings = records->front().fields;
  for (size_t row = 0; row < records->size(); ++row) {
    const std::vector<std::string>& fields = (*records)[row].fields;
    for (size_t col = 0; col < fields.size(); ++col) {
      const std::string ref = CellRef(row, col);
      SCOPED_TRACE(ref + " (" + headings[col] + ")");
      std::string expected = fields[col];
      // CSV defuses formulas with an apostrophe; the workbook stores text.
      if (expected.size() > 1 && expected[0] == '\'') expected = expected.substr(1);
      auto it = book.cells.find(ref);
      if (expected.empty()) {
        EXPECT_TRUE(it == book.cells.end()) << it->second.value;
        continue;
      }
      if (it == book.cells.end()) {
        ADD_FAILURE() << "no cell where the CSV has " << expected;
        continue;
      }
      const XlsxCell& cell = it->second;
      EXPECT_EQ(cell.bold, row == 0);
      const bool numeric = row > 0 && expected != "-" &&
                           std::find(numeric_columns.begin(), numeric_columns.end(),
                                     headings[col]) != numeric_columns.end();
      if (numeric) {
        EXPECT_EQ(cell.type, "n");
        EXPECT_DOUBLE_EQ(std::stod(cell.value), std::stod(expected));
      } else {
        EXPECT_EQ(cell.type, "s");
        EXPECT_EQ(cell.value, expected);
      }
    }
  }
  for (size_t col = 0; col < headings.size(); ++col) {
    const std::string letter(1, static_cast<char>('A' + col));
    EXPECT_GE(book.widths[letter], 6) << letter;
  }
  return book;
}

TEST_F(CertEndToEndTest, ListingsAsExcelWorkbooksReadBackCellByCell) {
  CertifiedCohort();
  if (HasFatalFailure()) return;
  const auto ctl = [this](std::vector<std::string> args) { return Ctl(std::move(args)); };

  // Results: rank and sheets whole numbers, scores with two decimals.
  Workbook results = ExpectWorkbookMatchesCsv(ctl, dir_.File("results.xlsx"),
                                              {"results", "show", "SCSW/2023/1"},
                                              {"名次", "得分", "评分表"});
  EXPECT_EQ(results.sheets, (std::vector<std::string>{"演练 REHEARSAL 数据"}));
  EXPECT_EQ(results.cells["A1"].value, "名次");
  EXPECT_EQ(results.cells["B2"].value, "张伟");
  EXPECT_EQ(results.cells["D2"].type, "n");
  EXPECT_EQ(results.cells["D2"].value, "92.0");
  EXPECT_EQ(results.cells["D2"].format, "0.00");
  EXPECT_EQ(results.cells["B2"].format, "@");
  EXPECT_EQ(results.cells["D4"].value, "86.0");

  // Enrolments: identity numbers and ids stay text, never 5.10104E+17.
  Workbook enrolments = ExpectWorkbookMatchesCsv(
      ctl, dir_.File("enrolments.xlsx"), {"enrolment", "list", "--cohort", "SCSW/2023"}, {});
  EXPECT_EQ(enrolments.cells["D1"].value, "身份证号");
  EXPECT_EQ(enrolments.cells["D2"].type, "s");
  EXPECT_EQ(enrolments.cells["A2"].type, "s");
  EXPECT_GE(enrolments.widths["D"], 18) << "an identity number's 18 characters fit";

  // Certificates and progress.
  Workbook certs = ExpectWorkbookMatchesCsv(ctl, dir_.File("certs.xlsx"), {"cert", "list"},
                                            {"综合得分"});
  EXPECT_THAT(certs.cells["A2"].value, StartsWith("SCSW-2023-"));
  ExpectWorkbookMatchesCsv(ctl, dir_.File("progress.xlsx"), {"programme", "progress", "SCSW"},
                           {"年度", "入选", "淘汰", "认定"});

  // -o xlsx needs its file, and only xlsx takes one.
  ProcessResult r = Ctl({"results", "show", "SCSW/2023/1", "-o", "xlsx"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("-o xlsx needs the file to write: -o xlsx FILE.xlsx"));
  r = Ctl({"-o", "xlsx", "-o", "csv", "results", "show", "SCSW/2023/1"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--output: At Most 2 required but received 3"));
  EXPECT_FALSE(std::filesystem::exists(dir_.File("csv")));
  r = Ctl({"results", "show", "-o", "csv", "SCSW/2023/1"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("-o csv takes no file, but was given 'SCSW/2023/1'"));
  // A file that cannot be written is named, and nothing is left behind.
  r = Ctl({"-o", "xlsx", dir_.File("missing/dir/r.xlsx"), "results", "show", "SCSW/2023/1"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("cannot write " + dir_.File("missing/dir/r.xlsx")));
}

TEST_F(CertEndToEndTest, TalentdNeedsItsSigningKeyAndAValidHttpAddress) {
  ASSERT_EQ(server_->Stop(SIGTERM), 0);
  ASSERT_EQ(std::rename((db_ + ".key").c_str(), dir_.File("elsewhere.key").c_str()), 0);
  ProcessResult r = RunProcess({kTalentd, "serve", "--db", db_, "--listen", "127.0.0.1:0"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("talent.db.key"));
  EXPECT_THAT(r.err, HasSubstr("--key"));
  r = RunProcess({kTalentd, "serve", "--db", db_, "--listen", "127.0.0.1:0", "--http-listen",
                  "nonsense", "--key", dir_.File("elsewhere.key")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("--http-listen must look like 127.0.0.1:8080"));
  r = RunProcess({kTalentd, "serve", "--db", db_, "--listen", "127.0.0.1:0", "--public-url",
                  "verify.example.org", "--key", dir_.File("elsewhere.key")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("--public-url must start with https://"));
  r = RunProcess({kTalentd, "serve", "--db", db_, "--listen", "127.0.0.1:0", "--http-listen",
                  "0.0.0.0:0", "--key", dir_.File("elsewhere.key")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("say with --public-url"));
  // With the key where --key says, it serves, and the key is the one printed.
  StartServer({"--key", dir_.File("elsewhere.key")});
  if (HasFatalFailure()) return;
  r = Ctl({"cert", "pubkey"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.size(), 44u);
}


TEST_F(CertEndToEndTest, ARehearsalDatabaseMarksEverythingItProduces) {
  CertifiedCohort();
  if (HasFatalFailure()) return;
  // Every command notes it; a table says it above its headings; CSV stays data.
  ProcessResult r = Ctl({"cert", "list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "talentctl: 演练 REHEARSAL database — nothing in it is real\n");
  EXPECT_EQ(r.out.rfind("[演练 REHEARSAL]\nNUMBER", 0), 0u) << r.out;
  r = Ctl({"-o", "csv", "cert", "list"});
  EXPECT_EQ(r.out.rfind("NUMBER,", 0), 0u) << r.out;
  EXPECT_THAT(r.err, HasSubstr("演练 REHEARSAL database"));
  r = Anonymous({"cert", "verify", "SCSW-2023-E001"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("RESULT       valid [演练 REHEARSAL]\n"));
  // The PDF.
  r = Anonymous({"cert", "pdf", "SCSW-2023-E001", "-o", dir_.File("cert.pdf")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ProcessResult text = RunProcess({kPdfToText, dir_.File("cert.pdf"), "-"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("演练 REHEARSAL · 演练数据库所发，并非正式证书"));
  // The results chart, as a PDF.
  r = Ctl({"report", "cohort", "SCSW/2023", "--chart", dir_.File("scores.pdf")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  text = RunProcess({kPdfToText, dir_.File("scores.pdf"), "-"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("演练 REHEARSAL"));
  // The public page.
  std::string page = HttpGet(web_port_, "/verify/SCSW-2023-E001").body;
  EXPECT_THAT(page, HasSubstr("<p class=\"rehearsal\" data-database=\"rehearsal\">演练 REHEARSAL"));
  EXPECT_THAT(page, HasSubstr("<title>证书核验 Certificate verification · 演练 REHEARSAL · "
                              "SCSW-2023-E001</title>"));
  // The exported credential says so, and verifies offline only as what it is.
  r = Anonymous({"cert", "export", "SCSW-2023-E001", "-o", dir_.File("cert.json")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string json = ReadFile(dir_.File("cert.json"));
  EXPECT_THAT(json, HasSubstr("\"rehearsal\": true"));
  EXPECT_THAT(json, HasSubstr("\"name\": \"演练 REHEARSAL · 高层次社会工作专业人才 SCSW-2023-E001\""));
  std::string key = Anonymous({"cert", "pubkey"}).out;
  r = Ctl({"cert", "verify", "--file", dir_.File("cert.json"), "--pubkey", key});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("checked online) [演练 REHEARSAL]\n"));
  EXPECT_THAT(r.err, HasSubstr("is a 演练 REHEARSAL certificate, from a rehearsal database"));
  // Without its marks, the same signature is no production certificate.
  std::string stripped = json;
  stripped.replace(stripped.find("演练 REHEARSAL · "), std::string("演练 REHEARSAL · ").size(), "");
  size_t mark = stripped.find(",\n      \"rehearsal\": true");
  ASSERT_NE(mark, std::string::npos);
  stripped.erase(mark, std::string(",\n      \"rehearsal\": true").size());
  WriteFile(dir_.File("stripped.json"), stripped);
  r = Ctl({"cert", "verify", "--file", dir_.File("stripped.json"), "--pubkey", key});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("NOT VALID: the credential's signature does not match its facts"));
}

TEST_F(CertEndToEndTest, ACertificateSignedBeforeAKeyRotationVerifiesAfterIt) {
  CertifiedCohort();
  if (HasFatalFailure()) return;
  const std::string old_key = Anonymous({"cert", "pubkey"}).out;
  ProcessResult r = Anonymous({"cert", "export", "SCSW-2023-E001", "-o", dir_.File("cert.json")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Rotated while talentd serves: it issues nothing more until restarted.
  r = RunProcess({kTalentd, "key", "rotate", "--db", db_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("talentd: key #1 retired (it still vouches for the certificates it "
                               "signed); key #2 ("));
  EXPECT_THAT(r.err, HasSubstr("the old key file is kept as " + db_ + ".key.retired-1"));
  r = Ctl({"cert", "issue", "--cohort", "SCSW/2023"});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_THAT(r.err, HasSubstr("the signing key was rotated; restart talentd"));
  r = RunProcess({kTalentd, "key", "list", "--db", db_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("ID    PUBLIC KEY", 0), 0u) << r.out;
  EXPECT_THAT(r.out, HasSubstr("1     " + old_key.substr(0, 43) + "  "));
  EXPECT_THAT(r.out, HasSubstr("  current (signing)\n"));
  // Restarted: online and offline, the old certificate is still valid.
  ASSERT_EQ(server_->Stop(SIGTERM), 0);
  StartServer({"--clock-offset-days", "6"});
  if (HasFatalFailure()) return;
  r = Anonymous({"cert", "verify", "SCSW-2023-E001"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("RESULT       valid"));
  const std::string new_key = Anonymous({"cert", "pubkey"}).out;
  EXPECT_NE(new_key, old_key);
  r = Ctl({"cert", "verify", "--file", dir_.File("cert.json"), "--pubkey", old_key});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = Ctl({"cert", "issue", "--cohort", "SCSW/2023"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // The retired key's file no longer serves, and says what to do.
  ASSERT_EQ(server_->Stop(SIGTERM), 0);
  r = RunProcess({kTalentd, "serve", "--db", db_, "--listen", "127.0.0.1:0", "--key",
                  db_ + ".key.retired-1"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("holds key #1 (" + old_key.substr(0, 43) + "), retired on "));
  EXPECT_THAT(r.err, HasSubstr("the database's current signing key is key #2 (" +
                               new_key.substr(0, 43) + ")"));
}

}  // namespace
}  // namespace talent::testing
