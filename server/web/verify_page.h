// The public certificate verification page: the HTML that /verify/NUMBER
// shows for a core::Certificates::Verification. Bilingual (Chinese first, English below),
// self-contained (inline CSS, no script, no external request), readable on
// a phone. It shows no more of the holder than the certificate does (the
// national ID masked). Pure functions; thread-safe.
#ifndef TALENT_SERVER_WEB_VERIFY_PAGE_H_
#define TALENT_SERVER_WEB_VERIFY_PAGE_H_

#include <string>

#include "absl/strings/string_view.h"
#include "server/core/certificates.h"

namespace talent::web {

// The page for a verification. The machine-readable verdict is also in
// <body data-result="VALID|REVOKED|NOT_FOUND|INVALID">. A rehearsal
// database's page opens with a banner "演练 REHEARSAL" (data-database=
// "rehearsal") and says so in its title; an INVALID one says why.
std::string RenderVerifyPage(const core::Certificates::Verification& verification);

// The page for a path or query that is not a certificate number at all
// (served with 400): it says what a number looks like and never repeats
// what was asked. <body data-result="MALFORMED">.
std::string RenderMalformedNumberPage();

// The verdict's name as the page and the API spell it: "VALID", …
const char* VerdictName(core::Certificates::Verdict verdict);

// Escapes &, <, >, " and ' for HTML text and attribute values.
// Hand-written: five replacements, not worth a dependency.
std::string HtmlEscape(absl::string_view text);

}  // namespace talent::web

#endif  // TALENT_SERVER_WEB_VERIFY_PAGE_H_
