// The public notice (公示) of a round's results, and the confirmed list
// (确认名单) of those rated excellent in a cohort's final round: what the
// public may read, when, and in what order (docs/rules.md §10). Both the
// web page and the PDF print exactly this. Pure functions; thread-safe.
#ifndef TALENT_SERVER_DOMAIN_PUBLIC_NOTICE_H_
#define TALENT_SERVER_DOMAIN_PUBLIC_NOTICE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "common/labels.h"
#include "common/notice_text.h"
#include "server/domain/assessment_rules.h"
#include "server/domain/results.h"
#include "server/domain/round_rules.h"
#include "server/domain/types.h"

namespace talent::domain {

enum class NoticeKind {
  kNone,           // not published yet: nothing public
  kNotice,         // the round is in NOTICE: its results, provisional
  kEnded,          // a round other than the final one, confirmed: taken down
  kConfirmedList,  // the final round, confirmed: those rated excellent
};

// What the public may read of `round` now.
NoticeKind PublicNoticeKind(const Round& round);

// NOT_FOUND for kNone ("not published yet"), FAILED_PRECONDITION for kEnded
// ("ended when the round was confirmed"); OK otherwise.
absl::Status CheckPublicNotice(const Round& round);

// One line of the list: what the public may see of a person (name,
// organisation, track and rating; never an ID, a birth date or contacts).
struct NoticeEntry {
  std::string name;
  std::string organisation;
  Track track = Track::kUnspecified;
  Rating rating = Rating::kUnspecified;  // unspecified when absent
  bool absent = false;
};

struct PublicNotice {
  NoticeKind kind = NoticeKind::kNone;
  std::string programme_code;
  std::string programme_title;
  std::string issuer;
  std::string objection_contact;  // may be empty (then the notice says to ask the issuer)
  int year = 0;
  int position = 0;
  std::string round_name;
  bool final = false;
  int64_t notice_start = 0;
  int64_t notice_end = 0;
  // The date the document is issued on: the notice's start, or the
  // round's confirmation for the confirmed list.
  int64_t issue_time = 0;
  // By track (service, management, education & research), then in the
  // results' order (rank, the absent last).
  std::vector<NoticeEntry> entries;
  bool rehearsal = false;  // a rehearsal database's: not a real notice
};

// The notice of `round` (whose kind must be kNotice or kConfirmedList) from
// its results and the enrolments they name. A notice lists every result; a
// confirmed list only those rated excellent and not eliminated.
PublicNotice MakePublicNotice(const Programme& programme, int year, const Round& round,
                              const RoundOutcome& outcome,
                              const std::vector<Enrolment>& enrolments);

// The document's title, e.g. "四川社会工作人才计划2023年度中期考核结果公示" or
// "… 2023年度高层次人才确认名单公示"; in English "… 2023: results of 中期考核,
// public notice".
std::string NoticeTitle(const PublicNotice& notice, common::Lang lang);

// What the notice's sentences (common/notice_text.h) need.
common::NoticeFacts NoticeFactsOf(const PublicNotice& notice);

}  // namespace talent::domain

#endif  // TALENT_SERVER_DOMAIN_PUBLIC_NOTICE_H_
