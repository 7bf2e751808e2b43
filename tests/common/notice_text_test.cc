#include "common/notice_text.h"

#include <string>

#include "common/clock.h"
#include "gtest/gtest.h"

namespace talent::common {
namespace {

// 2023-06-01T01:00:00Z, 09:00 in China; the notice runs five days.
NoticeFacts Facts(bool confirmed_list, const std::string& contact) {
  NoticeFacts f;
  f.confirmed_list = confirmed_list;
  f.programme_title = "四川社会工作人才计划";
  f.issuer = "四川省民政厅";
  f.objection_contact = contact;
  f.round_title = "中期考核";
  f.year = 2023;
  f.notice_start = 1685581200;
  f.notice_end = 1685581200 + 5 * 86400;
  f.issue_time = confirmed_list ? 1686013200 : 1685581200;  // 2023-06-06T01:00:00Z
  return f;
}

TEST(NoticeTextTest, ANoticeInChinese) {
  const NoticeFacts f = Facts(false, "电话 028-86000000");
  EXPECT_EQ(NoticeIntro(f, Lang::kChinese),
            "根据四川社会工作人才计划有关规定，2023年度的中期考核已完成考核评议，"
            "现将结果予以公示，接受社会监督。");
  EXPECT_EQ(NoticePeriod(f, Lang::kChinese),
            "公示期：2023年6月1日 09:00 至 2023年6月6日 09:00（北京时间）");
  EXPECT_EQ(NoticeObjection(f, Lang::kChinese),
            "公示期间，如对公示结果有异议，请以书面形式实名反映。异议受理：电话 028-86000000");
  EXPECT_EQ(NoticeDate(f, Lang::kChinese), "2023年6月1日");
}

TEST(NoticeTextTest, ANoticeInEnglish) {
  const NoticeFacts f = Facts(false, "");
  EXPECT_EQ(NoticeIntro(f, Lang::kEnglish),
            "Under the rules of 四川社会工作人才计划, the 2023 中期考核 has been assessed; its "
            "results are published for public scrutiny.");
  EXPECT_EQ(NoticePeriod(f, Lang::kEnglish),
            "Notice period: 2023-06-01 09:00 to 2023-06-06 09:00 (China Standard Time, UTC+8)");
  EXPECT_EQ(NoticeObjection(f, Lang::kEnglish),
            "Objections during the notice period: in writing to 四川省民政厅, signed with your "
            "real name and contact details.");
  EXPECT_EQ(NoticeDate(f, Lang::kEnglish), "2023-06-01");
}

TEST(NoticeTextTest, WithoutAContactObjectionsGoToTheIssuer) {
  EXPECT_EQ(NoticeObjection(Facts(false, ""), Lang::kChinese),
            "公示期间，如对公示结果有异议，请以书面形式向四川省民政厅反映，并署真实姓名和联系方式。");
}

TEST(NoticeTextTest, AConfirmedListHasNoPeriodNorObjectionsAndIsDatedOnConfirmation) {
  const NoticeFacts f = Facts(true, "电话 028-86000000");
  EXPECT_EQ(NoticeIntro(f, Lang::kChinese),
            "根据四川社会工作人才计划有关规定，经考核评议和公示，以下人员在2023年度的中期考核中"
            "评定为优秀，确认为高层次人才，特此公告。");
  EXPECT_EQ(NoticePeriod(f, Lang::kChinese), "");
  EXPECT_EQ(NoticeObjection(f, Lang::kChinese), "");
  EXPECT_EQ(NoticeDate(f, Lang::kChinese), "2023年6月6日");
}

TEST(NoticeTextTest, DatesCrossMidnightInChinaStandardTime) {
  NoticeFacts f = Facts(false, "");
  f.issue_time = 1685635200 - 1;  // 2023-06-01T15:59:59Z: still June 1st in China
  EXPECT_EQ(NoticeDate(f, Lang::kChinese), "2023年6月1日");
  f.issue_time = 1685635200;  // 16:00Z: June 2nd, 00:00 in China
  EXPECT_EQ(NoticeDate(f, Lang::kChinese), "2023年6月2日");
  EXPECT_EQ(ChinaDateTime(1685635200, true), "2023年6月2日 00:00");
}

}  // namespace
}  // namespace talent::common
