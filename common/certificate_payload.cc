#include "common/certificate_payload.h"

#include "absl/strings/str_cat.h"
#include "common/fixed_point.h"

namespace talent::common {
namespace {

void AddField(std::string* out, const char* name, const std::string& value) {
  absl::StrAppend(out, name, ":", value.size(), ":", value, "\n");
}

}  // namespace

bool operator==(const CertificateFacts& a, const CertificateFacts& b) {
  return CertificatePayload(a) == CertificatePayload(b);
}

std::string CertificatePayload(const CertificateFacts& facts) {
  std::string out = absl::StrCat(
      facts.rehearsal ? kRehearsalCertificatePayloadVersion : kCertificatePayloadVersion, "\n");
  AddField(&out, "number", facts.number);
  AddField(&out, "holder_name", facts.holder_name);
  AddField(&out, "masked_national_id", facts.masked_national_id);
  AddField(&out, "track", facts.track);
  AddField(&out, "programme_code", facts.programme_code);
  AddField(&out, "programme_title", facts.programme_title);
  AddField(&out, "cohort_year", absl::StrCat(facts.cohort_year));
  AddField(&out, "final_score", FormatHundredths(facts.final_score));
  AddField(&out, "rating", facts.rating);
  AddField(&out, "issuer", facts.issuer);
  AddField(&out, "issue_date", facts.issue_date);
  return out;
}

}  // namespace talent::common
