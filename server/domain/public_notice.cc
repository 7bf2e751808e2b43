#include "server/domain/public_notice.h"

#include <map>

#include "absl/strings/str_cat.h"

namespace talent::domain {

NoticeKind PublicNoticeKind(const Round& round) {
  switch (round.state) {
    case RoundState::kNotice:
      return NoticeKind::kNotice;
    case RoundState::kConfirmed:
      return round.final ? NoticeKind::kConfirmedList : NoticeKind::kEnded;
    default:
      return NoticeKind::kNone;
  }
}

absl::Status CheckPublicNotice(const Round& round) {
  switch (PublicNoticeKind(round)) {
    case NoticeKind::kNone:
      return absl::NotFoundError(absl::StrCat(
          "round \"", round.name,
          "\" has no public notice yet: it is published when the round enters its notice "
          "(talentctl round notice)"));
    case NoticeKind::kEnded:
      return absl::FailedPreconditionError(absl::StrCat(
          "the public notice of round \"", round.name,
          "\" ended when the round was confirmed; only a final round keeps a confirmed list"));
    default:
      return absl::OkStatus();
  }
}

PublicNotice MakePublicNotice(const Programme& programme, int year, const Round& round,
                              const RoundOutcome& outcome,
                              const std::vector<Enrolment>& enrolments) {
  PublicNotice n;
  n.kind = PublicNoticeKind(round);
  n.programme_code = programme.code;
  n.programme_title = programme.title;
  n.issuer = programme.issuer;
  n.objection_contact = programme.objection_contact;
  n.year = year;
  n.position = round.position;
  n.round_name = round.name;
  n.final = round.final;
  n.notice_start = round.notice_start;
  n.notice_end = round.notice_end;
  n.issue_time = n.kind == NoticeKind::kConfirmedList ? round.confirm_time : round.notice_start;

  std::map<int64_t, const Enrolment*> by_id;
  for (const Enrolment& e : enrolments) by_id[e.id] = &e;
  const bool confirmed_list = n.kind == NoticeKind::kConfirmedList;
  for (Track track : {Track::kService, Track::kManagement, Track::kEducationResearch}) {
    for (const RoundResult& r : outcome.results) {  // already in rank order, the absent last
      auto e = by_id.find(r.enrolment_id);
      if (e == by_id.end() || e->second->track != track) continue;
      if (confirmed_list && (r.rating != Rating::kExcellent || r.eliminated)) continue;
      NoticeEntry entry;
      entry.name = e->second->person.full_name;
      entry.organisation = e->second->organisation;
      entry.track = track;
      entry.rating = r.absent ? Rating::kUnspecified : r.rating;
      entry.absent = r.absent;
      n.entries.push_back(std::move(entry));
    }
  }
  return n;
}

std::string NoticeTitle(const PublicNotice& notice, common::Lang lang) {
  const bool list = notice.kind == NoticeKind::kConfirmedList;
  if (lang == common::Lang::kChinese) {
    return list ? absl::StrCat(notice.programme_title, notice.year, "年度高层次人才确认名单")
                : absl::StrCat(notice.programme_title, notice.year, "年度", notice.round_name,
                               "结果公示");
  }
  return list ? absl::StrCat(notice.programme_title, " ", notice.year,
                             ": confirmed list of high-level talents")
              : absl::StrCat(notice.programme_title, " ", notice.year,
                             ": public notice of the results of ", notice.round_name);
}

common::NoticeFacts NoticeFactsOf(const PublicNotice& notice) {
  common::NoticeFacts f;
  f.confirmed_list = notice.kind == NoticeKind::kConfirmedList;
  f.programme_title = notice.programme_title;
  f.issuer = notice.issuer;
  f.objection_contact = notice.objection_contact;
  f.round_title = notice.round_name;
  f.year = notice.year;
  f.notice_start = notice.notice_start;
  f.notice_end = notice.notice_end;
  f.issue_time = notice.issue_time;
  return f;
}

}  // namespace talent::domain
