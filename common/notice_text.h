// The sentences of a public notice (公示) and of a confirmed list (确认名单),
// shared by the web page talentd serves and the PDF talentctl prints, so
// that both say the same thing in the same words. Times are printed in
// China Standard Time. Pure functions; thread-safe.
#ifndef TALENT_COMMON_NOTICE_TEXT_H_
#define TALENT_COMMON_NOTICE_TEXT_H_

#include <cstdint>
#include <string>

#include "common/labels.h"

namespace talent::common {

struct NoticeFacts {
  bool confirmed_list = false;  // false: a notice of a round's results
  std::string programme_title;
  std::string issuer;
  std::string objection_contact;  // may be empty
  std::string round_title;
  int year = 0;
  int64_t notice_start = 0;  // Unix seconds
  int64_t notice_end = 0;
  int64_t issue_time = 0;
};

// The opening paragraph: what is published and why.
std::string NoticeIntro(const NoticeFacts& facts, Lang lang);
// "公示期：2024年3月1日 08:00 至 2024年3月6日 08:00（北京时间）"; empty for a
// confirmed list, which has no period.
std::string NoticePeriod(const NoticeFacts& facts, Lang lang);
// How to object: the programme's contact, or the issuer when none is set;
// empty for a confirmed list.
std::string NoticeObjection(const NoticeFacts& facts, Lang lang);
// The date under the issuer's name: "2024年3月1日".
std::string NoticeDate(const NoticeFacts& facts, Lang lang);

}  // namespace talent::common

#endif  // TALENT_COMMON_NOTICE_TEXT_H_
