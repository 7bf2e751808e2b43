#include "server/web/verify_page.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/substitute.h"
#include "common/clock.h"
#include "common/fixed_point.h"
#include "common/labels.h"
#include "common/national_id.h"
#include "server/domain/certificate_rules.h"

namespace talent::web {
namespace {

using common::Lang;
using Verdict = core::Certificates::Verdict;

std::string Zh(const std::string& key) { return std::string(common::Label(key, Lang::kChinese)); }
std::string En(const std::string& key) { return common::EnglishLabel(key); }

// The page's look: one card, a coloured verdict, a facts list; system
// fonts (with the CJK fonts a phone has); no script.
constexpr char kStyle[] = R"css(
:root{color-scheme:light;--ok:#1b7f3b;--bad:#b3261e;--none:#5f6368}
*{box-sizing:border-box}
body{margin:0;background:#f3f1ec;color:#202124;font:16px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif}
main{max-width:40rem;margin:0 auto;padding:1.25rem}
.card{background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.12);overflow:hidden}
.verdict{padding:1.25rem 1.5rem;color:#fff}
.verdict h1{margin:0;font-size:1.6rem;letter-spacing:.05em}
.verdict p{margin:.25rem 0 0;opacity:.92}
.VALID .verdict{background:var(--ok)}
.REVOKED .verdict,.INVALID .verdict{background:var(--bad)}
.NOT_FOUND .verdict,.MALFORMED .verdict{background:var(--none)}
dl{margin:0;padding:1rem 1.5rem 1.25rem;display:grid;grid-template-columns:max-content 1fr;gap:.5rem 1.25rem}
dt{color:#5f6368}
dt small{display:block;font-size:.72rem;letter-spacing:.04em;text-transform:uppercase}
dd{margin:0;font-weight:500;word-break:break-word}
.number{font-family:ui-monospace,"DejaVu Sans Mono",monospace}
footer{color:#5f6368;font-size:.8rem;margin-top:1rem;text-align:center}
.again{margin:0;padding:1rem 1.5rem 1.25rem}
.rehearsal{margin:0;padding:.9rem 1.5rem;background:#f9ab00;color:#202124;font-size:1.4rem;font-weight:700;letter-spacing:.08em;text-align:center}
.rehearsal small{display:block;font-size:.85rem;font-weight:500;letter-spacing:0}
@media (max-width:30rem){dl{grid-template-columns:1fr;gap:.1rem}dd{margin-bottom:.6rem}}
)css";

struct Fact {
  std::string key;  // label key
  std::string value;
  bool mono = false;
};

std::string VerdictSection(const core::Certificates::Verification& v) {
  const core::Certificates::Verdict verdict = v.verdict;
  const std::string& number = v.number;
  std::string key = absl::StrCat("VERIFICATION_RESULT_", VerdictName(verdict));
  std::string zh_note, en_note;
  switch (verdict) {
    case Verdict::kValid:
      if (v.certificate.imported) {
        // Issued on paper before this register; registered from the paper
        // records and signed then.
        const std::string date = domain::ChinaDate(v.certificate.issue_time);
        zh_note = absl::StrCat("本证书原以纸质颁发，", date,
                               " 据纸质档案登记入册，签名完整，现行有效。");
        en_note = absl::StrCat("Issued on paper, registered from paper records on ", date,
                               "; its signature intact, and in force.");
      } else {
        zh_note = "本证书由登记机关签发，签名完整，现行有效。";
        en_note = "Issued by this register, its signature intact, and in force.";
      }
      break;
    case Verdict::kRevoked: {
      // When and why, up front: the reason matters more than the facts below.
      std::string date = domain::ChinaDate(v.certificate.revoke_time);
      zh_note = absl::StrCat("本证书已于 ", date, " 撤销，不再有效。原因：",
                             v.certificate.revoke_reason);
      en_note = absl::StrCat("Revoked on ", date, "; no longer valid. Reason: ",
                             v.certificate.revoke_reason);
      break;
    }
    case Verdict::kNotFound:
      zh_note = absl::StrCat("登记簿中没有编号为 ", number, " 的证书。");
      en_note = absl::StrCat("No certificate numbered ", number, " is on the register.");
      break;
    case Verdict::kInvalid:
      zh_note = "登记记录未获可信签名担保（与签名不符、签名密钥不受信任或不在有效期内），"
                "请联系发证单位。";
      en_note = absl::StrCat("Not vouched for: ",
                             v.reason.empty() ? "the record does not match its signature"
                                              : v.reason,
                             "; contact the issuer.");
      break;
  }
  return absl::StrCat("<section class=\"verdict\"><h1>", HtmlEscape(Zh(key)), " · ",
                      HtmlEscape(En(key)), "</h1><p>", HtmlEscape(zh_note), "<br>",
                      HtmlEscape(en_note), "</p></section>");
}

// The page around a card: `result` is the body's data-result and class.
std::string PageStart(const std::string& title_suffix, const char* result) {
  return absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
      "<meta name=\"robots\" content=\"noindex\">"
      "<title>证书核验 Certificate verification",
      title_suffix.empty() ? "" : " · ", HtmlEscape(title_suffix), "</title><style>", kStyle,
      "</style></head>\n<body data-result=\"", result, "\" class=\"", result,
      "\"><main><div class=\"card\">");
}

std::string PageEnd() {
  return absl::StrCat("</div><footer>", HtmlEscape(Zh("H_TALENT_TITLE")),
                      "证书核验 · Certificate verification", "</footer></main></body></html>\n");
}

}  // namespace

const char* VerdictName(core::Certificates::Verdict verdict) {
  switch (verdict) {
    case Verdict::kValid: return "VALID";
    case Verdict::kRevoked: return "REVOKED";
    case Verdict::kNotFound: return "NOT_FOUND";
    case Verdict::kInvalid: return "INVALID";
  }
  return "NOT_FOUND";
}

std::string HtmlEscape(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// The mark of a rehearsal database's register, above everything else.
constexpr char kRehearsalBanner[] =
    "<p class=\"rehearsal\" data-database=\"rehearsal\">演练 REHEARSAL<small>演练数据库，"
    "并非正式证书 · A rehearsal database: not a real certificate</small></p>";

std::string RenderVerifyPage(const core::Certificates::Verification& v) {
  std::string html = PageStart(v.rehearsal ? absl::StrCat("演练 REHEARSAL · ", v.number) : v.number,
                               VerdictName(v.verdict));
  if (v.rehearsal) html += kRehearsalBanner;
  html += VerdictSection(v);
  std::vector<Fact> facts;
  if (v.verdict == Verdict::kNotFound) {
    facts.push_back({"H_NUMBER", v.number, true});
  } else {
    const domain::Certificate& c = v.certificate;
    const common::CertificateFacts& f = c.facts;
    facts = {
        {"H_NUMBER", f.number, true},
        {"H_HOLDER", f.holder_name},
        // Certificates issued before IDs were masked to their last four
        // characters carry the older mask in their signed facts: shown
        // masked again, so the page never shows more than the last four.
        {"H_NATIONAL_ID", common::MaskNationalId(f.masked_national_id), true},
        {"H_TRACK", absl::StrCat(Zh(f.track), " ", En(f.track))},
        {"H_PROGRAMME", f.programme_title},
        {"H_COHORT", absl::StrCat(f.cohort_year)},
        {"H_FINAL_SCORE", common::FormatHundredths(f.final_score)},
        {"H_RATING", absl::StrCat(Zh(f.rating), " ", En(f.rating))},
        {"H_ISSUING_BODY", f.issuer},
        {"H_ISSUE_DATE", f.issue_date},
    };
    if (c.imported) {
      const std::string date = domain::ChinaDate(c.issue_time);
      facts.push_back({"H_REGISTERED",
                       absl::StrCat(absl::Substitute(Zh("T_FROM_PAPER"), date), " · ",
                                    absl::Substitute(En("T_FROM_PAPER"), date))});
    }
    if (c.revoked()) {
      facts.push_back({"H_REVOKED_ON", domain::ChinaDate(c.revoke_time)});
      facts.push_back({"H_REASON", c.revoke_reason});
    }
  }
  html += "<dl>";
  for (const Fact& fact : facts) {
    absl::StrAppend(&html, "<dt>", HtmlEscape(Zh(fact.key)), "<small>", HtmlEscape(En(fact.key)),
                    "</small></dt><dd", fact.mono ? " class=\"number\"" : "", ">",
                    HtmlEscape(fact.value), "</dd>");
  }
  absl::StrAppend(&html, "</dl>", PageEnd());
  return html;
}

std::string RenderMalformedNumberPage() {
  return absl::StrCat(
      PageStart("", "MALFORMED"),
      "<section class=\"verdict\"><h1>编号格式不正确 · Not a certificate number</h1><p>"
      "证书编号形如 SCSW-2023-S001：项目代码、年份、类别字母（S、M 或 E）和序号。"
      "请核对后重新输入。"
      "<br>Certificate numbers look like SCSW-2023-S001: the programme's code, the year, a track "
      "letter (S, M or E) and a serial number. Check the number and try again.</p></section>"
      "<p class=\"again\"><a href=\"/\">重新输入 · Enter a number</a></p>",
      PageEnd());
}

}  // namespace talent::web
