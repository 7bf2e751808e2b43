// The public notice pages: /notice lists the notices running now and the
// confirmed lists, /notice/CODE/YEAR/POSITION shows one (the same
// domain::PublicNotice that `talentctl round notice-pdf` prints, in the same
// words, common/notice_text.h). Chinese first with English below,
// self-contained (inline CSS, no script, no external request), readable on
// a phone; names, organisations, tracks and ratings only. Pure functions;
// thread-safe.
#ifndef TALENT_SERVER_WEB_NOTICE_PAGE_H_
#define TALENT_SERVER_WEB_NOTICE_PAGE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/core/results.h"
#include "server/domain/public_notice.h"

namespace talent::web {

// The round a path /notice/CODE/YEAR/POSITION names, or nullopt when it is
// not one (a code of 2–12 upper-case letters or digits, a four-digit year, a
// position 1–100, nothing more).
struct NoticePath {
  std::string code;
  int year = 0;
  int position = 0;
};
std::optional<NoticePath> ParseNoticePath(std::string_view path);

// /notice/CODE/YEAR/POSITION of a round.
std::string NoticeHref(const std::string& code, int year, int position);

// One notice or confirmed list. <body data-kind="NOTICE|CONFIRMED_LIST">;
// a rehearsal database's opens with the rehearsal banner.
std::string RenderNoticePage(const domain::PublicNotice& notice);

// The index of what the public may read now (possibly nothing).
std::string RenderNoticeIndex(const std::vector<core::Results::NoticeRef>& notices);

// A page saying there is no such notice (404), or that it ended when its
// round was confirmed (410): <body data-kind="NONE|ENDED">.
std::string RenderNoNoticePage(bool ended);

}  // namespace talent::web

#endif  // TALENT_SERVER_WEB_NOTICE_PAGE_H_
