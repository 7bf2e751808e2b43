#include "common/notice_text.h"

#include "absl/strings/str_cat.h"
#include "common/clock.h"

namespace talent::common {

std::string NoticeIntro(const NoticeFacts& f, Lang lang) {
  if (lang == Lang::kChinese) {
    if (f.confirmed_list) {
      return absl::StrCat("根据", f.programme_title, "有关规定，经考核评议和公示，以下人员在", f.year,
                          "年度的", f.round_title, "中评定为优秀，确认为高层次人才，特此公告。");
    }
    return absl::StrCat("根据", f.programme_title, "有关规定，", f.year, "年度的", f.round_title,
                        "已完成考核评议，现将结果予以公示，接受社会监督。");
  }
  if (f.confirmed_list) {
    return absl::StrCat("Under the rules of ", f.programme_title,
                        ", after assessment and public notice, the people below were rated "
                        "excellent in the ",
                        f.year, " ", f.round_title, " and are confirmed as high-level talents.");
  }
  return absl::StrCat("Under the rules of ", f.programme_title, ", the ", f.year, " ",
                      f.round_title,
                      " has been assessed; its results are published for public scrutiny.");
}

std::string NoticePeriod(const NoticeFacts& f, Lang lang) {
  if (f.confirmed_list) return "";
  const bool zh = lang == Lang::kChinese;
  if (zh) {
    return absl::StrCat("公示期：", ChinaDateTime(f.notice_start, true), " 至 ",
                        ChinaDateTime(f.notice_end, true), "（北京时间）");
  }
  return absl::StrCat("Notice period: ", ChinaDateTime(f.notice_start, false), " to ",
                      ChinaDateTime(f.notice_end, false), " (China Standard Time, UTC+8)");
}

std::string NoticeObjection(const NoticeFacts& f, Lang lang) {
  if (f.confirmed_list) return "";
  if (lang == Lang::kChinese) {
    if (f.objection_contact.empty()) {
      return absl::StrCat("公示期间，如对公示结果有异议，请以书面形式向", f.issuer,
                          "反映，并署真实姓名和联系方式。");
    }
    return absl::StrCat("公示期间，如对公示结果有异议，请以书面形式实名反映。异议受理：",
                        f.objection_contact);
  }
  if (f.objection_contact.empty()) {
    return absl::StrCat("Objections during the notice period: in writing to ", f.issuer,
                        ", signed with your real name and contact details.");
  }
  return absl::StrCat("Objections during the notice period, in writing and signed: ",
                      f.objection_contact);
}

std::string NoticeDate(const NoticeFacts& f, Lang lang) {
  return ChinaDateOnly(f.issue_time, lang == Lang::kChinese);
}

}  // namespace talent::common
