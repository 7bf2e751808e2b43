#include "server/web/notice_page.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/clock.h"
#include "common/labels.h"
#include "common/notice_text.h"
#include "server/web/verify_page.h"

namespace talent::web {
namespace {

using common::Lang;

constexpr char kPrefix[] = "/notice/";
constexpr size_t kPrefixSize = sizeof(kPrefix) - 1;

std::string Zh(std::string_view key) { return std::string(common::Label(key, Lang::kChinese)); }
std::string En(std::string_view key) { return common::EnglishLabel(key); }

// Paper-like: a serif title, the list as a table that scrolls sideways
// inside itself on a narrow phone rather than the page; no script.
constexpr char kStyle[] = R"css(
:root{color-scheme:light}
*{box-sizing:border-box}
body{margin:0;background:#f3f1ec;color:#202124;font:16px/1.6 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif}
main{max-width:52rem;margin:0 auto;padding:1.25rem}
article{background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.12);padding:1.5rem}
h1{font:700 1.45rem/1.4 "Noto Serif CJK SC","Songti SC",serif;text-align:center;margin:0}
.en{color:#5f6368;font-size:.85rem}
h1+.en{text-align:center;margin:.2rem 0 1rem}
p{margin:.5rem 0}
.scroll{overflow-x:auto;margin:1rem 0}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{padding:.45rem .6rem;border-bottom:1px solid #dadce0;text-align:left;vertical-align:top}
th{background:#eceff1;white-space:nowrap}
th small{display:block;font-weight:400;color:#5f6368;font-size:.7rem;text-transform:uppercase}
td.n{color:#5f6368;width:3em}
.sign{text-align:right;margin-top:1.5rem}
ul{padding-left:1.2rem}
footer{color:#5f6368;font-size:.8rem;margin-top:1rem;text-align:center}
.rehearsal{margin:0 0 1rem;padding:.9rem 1.5rem;background:#f9ab00;color:#202124;font-size:1.4rem;font-weight:700;letter-spacing:.08em;text-align:center;border-radius:8px}
.rehearsal small{display:block;font-size:.85rem;font-weight:500;letter-spacing:0}
)css";

constexpr char kRehearsalBanner[] =
    "<p class=\"rehearsal\" data-database=\"rehearsal\">演练 REHEARSAL<small>演练数据库，"
    "并非正式公示 · A rehearsal database: not a real notice</small></p>";

std::string PageStart(const std::string& title, const char* kind) {
  return absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
      "<title>",
      HtmlEscape(title), "</title><style>", kStyle, "</style></head>\n<body data-kind=\"", kind,
      "\"><main>");
}

std::string PageEnd() {
  return "<footer><a href=\"/notice\">公示公告 · Public notices</a> · "
         "<a href=\"/\">证书核验 · Certificate verification</a></footer></main></body></html>\n";
}

// A paragraph in Chinese with its English beneath; nothing when empty.
std::string Bilingual(const std::string& zh, const std::string& en) {
  if (zh.empty()) return "";
  return absl::StrCat("<p>", HtmlEscape(zh), "<br><span class=\"en\">", HtmlEscape(en),
                      "</span></p>");
}

std::string Heading(std::string_view key) {
  return absl::StrCat("<th scope=\"col\">", HtmlEscape(Zh(key)), "<small>", HtmlEscape(En(key)),
                      "</small></th>");
}

// "优秀 excellent", "缺考 absent".
std::string Both(std::string_view key) { return absl::StrCat(Zh(key), " ", En(key)); }

bool AllDigits(absl::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::optional<NoticePath> ParseNoticePath(std::string_view path) {
  if (path.substr(0, kPrefixSize) != kPrefix) return std::nullopt;
  std::vector<absl::string_view> parts =
      absl::StrSplit(absl::string_view(path.data() + kPrefixSize, path.size() - kPrefixSize),
                     '/');
  if (parts.size() != 3) return std::nullopt;
  NoticePath out;
  const absl::string_view code = parts[0];
  bool code_ok = code.size() >= 2 && code.size() <= 12 && code[0] >= 'A' && code[0] <= 'Z';
  for (char c : code) code_ok = code_ok && ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
  if (!code_ok || parts[1].size() != 4 || !AllDigits(parts[1]) || parts[2].size() > 3 ||
      !AllDigits(parts[2])) {
    return std::nullopt;
  }
  out.code = std::string(code);
  if (!absl::SimpleAtoi(parts[1], &out.year) || !absl::SimpleAtoi(parts[2], &out.position) ||
      out.position < 1 || out.position > 100) {
    return std::nullopt;
  }
  return out;
}

std::string NoticeHref(const std::string& code, int year, int position) {
  return absl::StrCat(kPrefix, code, "/", year, "/", position);
}

std::string RenderNoticePage(const domain::PublicNotice& n) {
  const common::NoticeFacts facts = domain::NoticeFactsOf(n);
  const std::string title = domain::NoticeTitle(n, Lang::kChinese);
  const bool list = n.kind == domain::NoticeKind::kConfirmedList;
  std::string html = PageStart(n.rehearsal ? absl::StrCat("演练 REHEARSAL · ", title) : title,
                               list ? "CONFIRMED_LIST" : "NOTICE");
  if (n.rehearsal) html += kRehearsalBanner;
  absl::StrAppend(&html, "<article><h1>", HtmlEscape(title), "</h1><p class=\"en\">",
                  HtmlEscape(domain::NoticeTitle(n, Lang::kEnglish)), "</p>",
                  Bilingual(common::NoticeIntro(facts, Lang::kChinese),
                            common::NoticeIntro(facts, Lang::kEnglish)),
                  Bilingual(common::NoticePeriod(facts, Lang::kChinese),
                            common::NoticePeriod(facts, Lang::kEnglish)));
  if (n.entries.empty()) {
    absl::StrAppend(&html, "<p>", HtmlEscape(Both("NOTICE_NO_ROWS")), "</p>");
  } else {
    absl::StrAppend(&html, "<div class=\"scroll\"><table><thead><tr>", Heading("H_SEQ"),
                    Heading("H_NAME"), Heading("H_ORGANISATION"), Heading("H_TRACK"),
                    Heading("H_RATING"), "</tr></thead><tbody>");
    int seq = 0;
    for (const domain::NoticeEntry& e : n.entries) {
      const std::string rating =
          e.absent ? Both("F_ABSENT") : Both(domain::RatingKey(e.rating));
      absl::StrAppend(&html, "<tr><td class=\"n\">", ++seq, "</td><td>", HtmlEscape(e.name),
                      "</td><td>", HtmlEscape(e.organisation), "</td><td>",
                      HtmlEscape(Both(domain::TrackKey(e.track))), "</td><td>",
                      HtmlEscape(rating), "</td></tr>");
    }
    html += "</tbody></table></div>";
  }
  absl::StrAppend(&html,
                  Bilingual(common::NoticeObjection(facts, Lang::kChinese),
                            common::NoticeObjection(facts, Lang::kEnglish)),
                  "<p class=\"sign\">", HtmlEscape(n.issuer), "<br>",
                  HtmlEscape(common::NoticeDate(facts, Lang::kChinese)), "</p></article>",
                  PageEnd());
  return html;
}

std::string RenderNoticeIndex(const std::vector<core::Results::NoticeRef>& notices) {
  std::string html = PageStart("公示公告 Public notices", "INDEX");
  html += "<article><h1>公示公告</h1><p class=\"en\">Public notices</p>";
  if (notices.empty()) {
    html += "<p>目前没有正在公示的名单。<br><span class=\"en\">No notice is running now.</span></p>";
  } else {
    html += "<ul>";
    for (const core::Results::NoticeRef& ref : notices) {
      domain::PublicNotice n;
      n.kind = ref.kind;
      n.programme_title = ref.programme_title;
      n.year = ref.year;
      n.round_name = ref.round.name;
      const std::string until =
          ref.kind == domain::NoticeKind::kNotice
              ? absl::StrCat("（公示至 ", common::ChinaDateOnly(ref.round.notice_end, true), "）")
              : "";
      absl::StrAppend(&html, "<li><a href=\"",
                      NoticeHref(ref.programme_code, ref.year, ref.round.position), "\">",
                      HtmlEscape(domain::NoticeTitle(n, Lang::kChinese)), "</a>",
                      HtmlEscape(until), "</li>");
    }
    html += "</ul>";
  }
  absl::StrAppend(&html, "</article>", PageEnd());
  return html;
}

std::string RenderNoNoticePage(bool ended) {
  std::string html = PageStart("公示公告 Public notices", ended ? "ENDED" : "NONE");
  absl::StrAppend(
      &html, "<article><h1>",
      ended ? "此公示已结束" : "没有找到此公示",
      "</h1><p class=\"en\">",
      ended ? "This notice has ended: its round was confirmed."
            : "No such notice is published.",
      "</p><p><a href=\"/notice\">查看正在公示的名单 · See the notices running now</a></p>"
      "</article>",
      PageEnd());
  return html;
}

}  // namespace talent::web
