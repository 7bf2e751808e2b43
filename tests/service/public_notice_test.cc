// The public notice (公示) and the confirmed list (确认名单) over a real
// server: GetPublicNotice (who may call it, when there is one, what it
// lists, in what order, with which dates and contact) and the public pages
// /notice and /notice/CODE/YEAR/POSITION on a real web port (404 before the
// notice, 410 once it ended, the confirmed list of a final round, the
// security headers, the rate limit shared with /verify, nothing personal).
// The scenario is RoundFlowFixture's: six active candidates in round 1.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/rate_limiter.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/web/web_server.h"
#include "talent/v1/programme.grpc.pb.h"
#include "talent/v1/round.grpc.pb.h"
#include "tests/service/round_flow_fixture.h"
#include "tests/testing/raw_http.h"
#include "tests/testing/status_matchers.h"

namespace talent {
namespace {

using ::talent::testing::GrpcIs;
using ::talent::testing::HttpGet;
using ::talent::testing::HttpReply;
using ::talent::testing::kRound1;
using ::talent::testing::kRound2;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using Code = grpc::StatusCode;

constexpr char kNoticePath[] = "/notice/SCSW/2023/1";
constexpr char kListPath[] = "/notice/SCSW/2023/2";

class PublicNoticeTest : public testing::RoundFlowFixture {
 protected:
  void SetUp() override {
    testing::RoundFlowFixture::SetUp();
    if (HasFatalFailure()) return;
    common::RateLimiter::Options limits;
    limits.rate = 1;
    limits.burst = 20;
    limiter_ = std::make_unique<common::RateLimiter>(limits, &ticks_);
    auto web = web::WebServer::Start(&core_->certificates, &core_->results, "127.0.0.1:0",
                                     limiter_.get());
    ASSERT_TRUE(web.ok()) << web.status();
    web_ = *std::move(web);
  }

  void TearDown() override {
    if (web_) web_->Shutdown();
    testing::RoundFlowFixture::TearDown();
  }

  grpc::Status GetNotice(v1::PublicNotice* out, const std::string& round = kRound1,
                         const std::string& token = "") {
    v1::GetPublicNoticeRequest req;
    req.set_round(round);
    return rounds_->GetPublicNotice(As(token.empty() ? admin_token_ : token).get(), req, out);
  }

  void SetObjectionContact(const std::string& contact) {
    v1::UpdateProgrammeRequest req;
    req.mutable_programme()->set_name("SCSW");
    req.mutable_programme()->set_objection_contact(contact);
    req.add_update_mask("objection_contact");
    v1::Programme updated;
    ASSERT_THAT(programmes_->UpdateProgramme(AsAdmin().get(), req, &updated), GrpcIs(Code::OK));
    ASSERT_EQ(updated.objection_contact(), contact);
  }

  HttpReply Get(const std::string& path, const std::string& method = "GET") {
    return HttpGet(web_->port(), path, method, "", "");
  }

  // "name organisation track rating" per entry.
  static std::vector<std::string> EntryLines(const v1::PublicNotice& n) {
    std::vector<std::string> out;
    for (const v1::NoticeEntry& e : n.entries()) {
      out.push_back(absl::StrCat(e.name(), " ", e.organisation(), " ", v1::Track_Name(e.track()),
                                 " ", e.absent() ? "absent" : v1::Rating_Name(e.rating())));
    }
    return out;
  }

  common::FakeMonotonicClock ticks_;
  std::unique_ptr<common::RateLimiter> limiter_;
  std::unique_ptr<web::WebServer> web_;
};

TEST_F(PublicNoticeTest, NoneBeforeTheRoundEntersItsNotice) {
  CloseRound1();
  ASSERT_FALSE(HasFatalFailure());
  v1::PublicNotice notice;
  EXPECT_THAT(GetNotice(&notice),
              GrpcIs(Code::NOT_FOUND, AllOf(HasSubstr("no public notice yet"),
                                            HasSubstr("talentctl round notice"))));
  HttpReply r = Get(kNoticePath);
  EXPECT_EQ(r.status, 404);
  EXPECT_THAT(r.body, HasSubstr("data-kind=\"NONE\""));
  EXPECT_THAT(r.body, Not(HasSubstr("张伟")));
}

TEST_F(PublicNoticeTest, TheNoticeListsEveryResultByTrackWithItsPeriodAndContact) {
  SetObjectionContact("电话 028-86000000；电子邮箱 rcb@example.cn");
  NoticeRound1();
  ASSERT_FALSE(HasFatalFailure());
  v1::PublicNotice n;
  ASSERT_THAT(GetNotice(&n), GrpcIs(Code::OK));
  EXPECT_EQ(n.round(), kRound1);
  EXPECT_EQ(n.kind(), v1::PublicNotice::KIND_NOTICE);
  EXPECT_EQ(n.title(), "四川社会工作人才计划2023年度中期考核结果公示");
  EXPECT_EQ(n.title_en(), "四川社会工作人才计划 2023: public notice of the results of 中期考核");
  EXPECT_EQ(n.issuer(), "四川省民政厅");
  EXPECT_EQ(n.objection_contact(), "电话 028-86000000；电子邮箱 rcb@example.cn");
  EXPECT_EQ(n.notice_start(), testing::kPublishText);
  EXPECT_EQ(n.notice_end(), testing::kNoticeEndText);
  EXPECT_EQ(n.issue_time(), testing::kPublishText);
  EXPECT_FALSE(n.rehearsal());
  const std::string org = "成都市锦江区社会工作服务中心";
  EXPECT_THAT(EntryLines(n),
              ::testing::ElementsAre(
                  "张伟 " + org + " TRACK_SERVICE RATING_EXCELLENT",
                  "王芳 " + org + " TRACK_SERVICE RATING_GOOD",
                  "李明 " + org + " TRACK_MANAGEMENT RATING_FAIL",
                  "陈静 " + org + " TRACK_MANAGEMENT RATING_FAIL",
                  "赵磊 " + org + " TRACK_EDUCATION_RESEARCH absent",
                  "孙丽 " + org + " TRACK_EDUCATION_RESEARCH absent"));

  // The page says the same, with the period in China Standard Time.
  HttpReply r = Get(kNoticePath);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(r.Header("Cache-Control"), "no-store");
  EXPECT_EQ(r.Header("Content-Security-Policy"),
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
            "frame-ancestors 'none'; base-uri 'none'");
  EXPECT_EQ(r.Header("X-Frame-Options"), "DENY");
  EXPECT_THAT(r.body, HasSubstr("data-kind=\"NOTICE\""));
  EXPECT_THAT(r.body, HasSubstr("<h1>四川社会工作人才计划2023年度中期考核结果公示</h1>"));
  EXPECT_THAT(r.body, HasSubstr("公示期：2023年6月1日 09:00 至 2023年6月6日 09:00（北京时间）"));
  EXPECT_THAT(r.body, HasSubstr("异议受理：电话 028-86000000；电子邮箱 rcb@example.cn"));
  EXPECT_THAT(r.body, HasSubstr("<td class=\"n\">1</td><td>张伟</td><td>" + org +
                                "</td><td>服务类 service</td><td>优秀 excellent</td>"));
  EXPECT_THAT(r.body, HasSubstr("<td class=\"n\">6</td><td>孙丽</td><td>" + org +
                                "</td><td>教育与研究类 education-research</td><td>缺考 absent</td>"));
  EXPECT_THAT(r.body, HasSubstr("四川省民政厅<br>2023年6月1日"));
  // Nothing personal beyond name and organisation: no ID, no phone, no score.
  EXPECT_THAT(r.body, Not(HasSubstr("5101")));
  EXPECT_THAT(r.body, Not(HasSubstr("92.00")));
  EXPECT_THAT(r.body, Not(HasSubstr("周杰")));  // not selected: not in the round
  // HEAD answers the same status without the page.
  HttpReply head = Get(kNoticePath, "HEAD");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "");

  // The index links to it, with its end date.
  HttpReply index = Get("/notice");
  EXPECT_EQ(index.status, 200);
  EXPECT_THAT(index.body, HasSubstr("<a href=\"/notice/SCSW/2023/1\">"
                                    "四川社会工作人才计划2023年度中期考核结果公示</a>"
                                    "（公示至 2023年6月6日）"));
}

TEST_F(PublicNoticeTest, WithoutAContactTheNoticeSaysToWriteToTheIssuer) {
  NoticeRound1();
  ASSERT_FALSE(HasFatalFailure());
  HttpReply r = Get(kNoticePath);
  EXPECT_EQ(r.status, 200);
  EXPECT_THAT(r.body, HasSubstr("如对公示结果有异议，请以书面形式向四川省民政厅反映"));
}

TEST_F(PublicNoticeTest, TheNoticeEndsWithItsRoundsConfirmation) {
  ConfirmRound1();
  ASSERT_FALSE(HasFatalFailure());
  v1::PublicNotice n;
  EXPECT_THAT(GetNotice(&n), GrpcIs(Code::FAILED_PRECONDITION,
                                    HasSubstr("ended when the round was confirmed")));
  HttpReply r = Get(kNoticePath);
  EXPECT_EQ(r.status, 410);
  EXPECT_THAT(r.body, HasSubstr("data-kind=\"ENDED\""));
  EXPECT_THAT(r.body, HasSubstr("此公示已结束"));
  EXPECT_THAT(r.body, Not(HasSubstr("张伟")));
  HttpReply index = Get("/notice");
  EXPECT_EQ(index.status, 200);
  EXPECT_THAT(index.body, HasSubstr("目前没有正在公示的名单"));
}

TEST_F(PublicNoticeTest, TheFinalRoundLeavesTheConfirmedListOfTheExcellent) {
  FinalRound2(/*confirm=*/false);
  ASSERT_FALSE(HasFatalFailure());
  v1::PublicNotice running;
  ASSERT_THAT(GetNotice(&running, kRound2), GrpcIs(Code::OK));
  EXPECT_EQ(running.kind(), v1::PublicNotice::KIND_NOTICE);
  EXPECT_EQ(running.entries_size(), 3);  // 张伟, 王芳, 孙丽: the eliminated are gone

  clock_.Set(testing::kNoticeEnd + 6 * 86400);
  ASSERT_THAT(ConfirmRound(kRound2), GrpcIs(Code::OK));
  v1::PublicNotice list;
  ASSERT_THAT(GetNotice(&list, kRound2, viewer_token_), GrpcIs(Code::OK));
  EXPECT_EQ(list.kind(), v1::PublicNotice::KIND_CONFIRMED_LIST);
  EXPECT_EQ(list.title(), "四川社会工作人才计划2023年度高层次人才确认名单");
  EXPECT_EQ(list.issue_time(), "2023-06-12T01:00:00Z");  // the confirmation
  EXPECT_THAT(EntryLines(list), ::testing::ElementsAre(
                                    "张伟 成都市锦江区社会工作服务中心 TRACK_SERVICE "
                                    "RATING_EXCELLENT"));
  HttpReply r = Get(kListPath);
  EXPECT_EQ(r.status, 200);
  EXPECT_THAT(r.body, HasSubstr("data-kind=\"CONFIRMED_LIST\""));
  EXPECT_THAT(r.body, HasSubstr("确认为高层次人才"));
  EXPECT_THAT(r.body, HasSubstr("<td>张伟</td>"));
  EXPECT_THAT(r.body, Not(HasSubstr("王芳")));
  EXPECT_THAT(r.body, Not(HasSubstr("公示期：")));  // a list has no period, nor objections
  EXPECT_THAT(r.body, HasSubstr("四川省民政厅<br>2023年6月12日"));
  HttpReply index = Get("/notice");
  EXPECT_THAT(index.body, HasSubstr("<a href=\"/notice/SCSW/2023/2\">"
                                    "四川社会工作人才计划2023年度高层次人才确认名单</a>"));
}

TEST_F(PublicNoticeTest, AdministratorsAndViewersMayReadItAssessorsMayNot) {
  NoticeRound1();
  ASSERT_FALSE(HasFatalFailure());
  v1::PublicNotice n;
  EXPECT_THAT(GetNotice(&n, kRound1, viewer_token_), GrpcIs(Code::OK));
  EXPECT_THAT(GetNotice(&n, kRound1, assessor_token_), GrpcIs(Code::PERMISSION_DENIED));
  EXPECT_THAT(GetNotice(&n, "programmes/SCSW/cohorts/2023/rounds/9"), GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(GetNotice(&n, "programmes/SCSW/cohorts/1999/rounds/1"), GrpcIs(Code::NOT_FOUND));
  EXPECT_THAT(GetNotice(&n, "rounds/1"), GrpcIs(Code::INVALID_ARGUMENT, HasSubstr("round")));
}

TEST_F(PublicNoticeTest, PathsThatNameNoRoundAreNotFoundWithoutALookUp) {
  NoticeRound1();
  ASSERT_FALSE(HasFatalFailure());
  for (const std::string& path : std::vector<std::string>{
           "/notice/", "/notice/SCSW", "/notice/SCSW/2023", "/notice/scsw/2023/1",
        "/notice/SCSW/23/1", "/notice/SCSW/2023/0", "/notice/SCSW/2023/101",
        "/notice/SCSW/2023/1/x", "/notice/SCSW/2023/%3Cscript%3E", "/notice/SCSW/2023/-1",
        "/notice/SCSW/2023/1000", "/notice/" + std::string(3000, 'A') + "/2023/1"}) {
    HttpReply r = Get(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_THAT(r.body, HasSubstr("data-kind=\"NONE\"")) << path;
    EXPECT_THAT(r.body, Not(HasSubstr("script"))) << path;
  }
}

TEST_F(PublicNoticeTest, NoticesShareTheVerificationRateLimit) {
  NoticeRound1();
  ASSERT_FALSE(HasFatalFailure());
  // A burst of 20 per address, shared by /verify and /notice.
  for (int i = 0; i < 10; ++i) ASSERT_EQ(Get(kNoticePath).status, 200) << i;
  for (int i = 0; i < 10; ++i) ASSERT_EQ(Get("/verify/SCSW-2023-S404").status, 404) << i;
  HttpReply refused = Get("/notice");
  EXPECT_EQ(refused.status, 429);
  EXPECT_EQ(refused.Header("Retry-After"), "1");
  ticks_.AdvanceMicros(1000000);
  EXPECT_EQ(Get(kNoticePath).status, 200);
}

}  // namespace
}  // namespace talent
