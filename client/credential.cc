#include "client/credential.h"

#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/crypto.h"
#include "common/fixed_point.h"
#include "common/labels.h"

namespace talent::client {
namespace {

using Json = nlohmann::json;                 // for comparing: keys sorted
using OrderedJson = nlohmann::ordered_json;  // for writing: keys in reading order

constexpr char kKeyPrefix[] = "urn:talent:key:ed25519:";

std::string Zh(const std::string& key) {
  return std::string(common::Label(key, common::Lang::kChinese));
}

// "2023-12-20" → the start of that day in China Standard Time.
std::string StartOfDay(const std::string& date) { return absl::StrCat(date, "T00:00:00+08:00"); }

OrderedJson Document(const SignedCertificate& c) {
  const common::CertificateFacts& f = c.facts;
  const std::string level = absl::AsciiStrToLower(common::EnglishLabel(f.rating));
  const std::string level_id = absl::StrCat("urn:talent:level:", level);
  const std::string title = Zh("H_TALENT_TITLE");
  const std::string score = common::FormatHundredths(f.final_score);
  OrderedJson facts = {
      {"number", f.number},
      {"holderName", f.holder_name},
      {"maskedNationalId", f.masked_national_id},
      {"track", f.track},
      {"programmeCode", f.programme_code},
      {"programmeTitle", f.programme_title},
      {"cohortYear", f.cohort_year},
      {"finalScore", score},
      {"rating", f.rating},
      {"issuer", f.issuer},
      {"issueDate", f.issue_date},
  };
  // A rehearsal database's certificate says so, in its facts and its name;
  // its signature covers the rehearsal payload, so dropping the mark fails.
  if (f.rehearsal) facts["rehearsal"] = true;
  OrderedJson achievement = {
      {"id", absl::StrCat("urn:talent:achievement:", f.programme_code, ":", f.cohort_year, ":",
                          f.track)},
      {"type", {"Achievement"}},
      {"achievementType", "Certificate"},
      {"name", absl::StrCat(title, "（", Zh(f.track), "）")},
      {"description", absl::StrCat(f.programme_title, " ", f.cohort_year, " · ",
                                   common::EnglishLabel("H_TALENT_TITLE"), " (",
                                   common::EnglishLabel(f.track), ")")},
      {"criteria",
       {{"narrative", absl::StrCat("Rated ", level, " (", Zh(f.rating),
                                   ") in the confirmed final assessment of the ", f.cohort_year,
                                   " cohort of programme ", f.programme_code, ".")}}},
      {"resultDescription",
       {{{"id", "urn:talent:result:final-score"},
         {"type", {"ResultDescription"}},
         {"name", "综合得分 final score"},
         {"resultType", "ext:Points"}},
        {{"id", "urn:talent:result:rating"},
         {"type", {"ResultDescription"}},
         {"name", "评定等次 rating"},
         {"resultType", "RubricCriterionLevel"},
         {"rubricCriterionLevel",
          {{{"id", level_id},
            {"type", {"RubricCriterionLevel"}},
            {"name", absl::StrCat(Zh(f.rating), " ", level)}}}}}}},
  };
  OrderedJson subject = {
      {"type", {"AchievementSubject"}},
      {"identifier",
       {{{"type", "IdentityObject"},
         {"identityType", "name"},
         {"hashed", false},
         {"identityHash", f.holder_name}},
        {{"type", "IdentityObject"},
         {"identityType", "nationalIdentityNumber"},
         {"hashed", false},
         {"identityHash", f.masked_national_id}}}},
      {"achievement", achievement},
      {"result",
       {{{"type", {"Result"}}, {"resultDescription", "urn:talent:result:final-score"},
         {"value", score}},
        {{"type", {"Result"}}, {"resultDescription", "urn:talent:result:rating"},
         {"achievedLevel", level_id}}}},
      {"talentCertificate", facts},
  };
  return OrderedJson{
      {"@context",
       {"https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"}},
      {"id", absl::StrCat("urn:talent:certificate:", f.number)},
      {"type", {"VerifiableCredential", "OpenBadgeCredential"}},
      {"name", absl::StrCat(f.rehearsal ? "演练 REHEARSAL · " : "", title, " ", f.number)},
      {"issuer",
       {{"id", absl::StrCat("urn:talent:issuer:", f.programme_code)},
        {"type", {"Profile"}},
        {"name", f.issuer}}},
      {"validFrom", StartOfDay(f.issue_date)},
      {"credentialSubject", subject},
      {"proof",
       {{"type", "DataIntegrityProof"},
        {"cryptosuite", kCredentialCryptosuite},
        {"created", StartOfDay(f.issue_date)},
        {"verificationMethod", absl::StrCat(kKeyPrefix, common::Base64UrlEncode(c.public_key))},
        {"proofPurpose", "assertionMethod"},
        {"proofValue", absl::StrCat("u", common::Base64UrlEncode(c.signature))}}},
  };
}

// The string member `key` of `object`; INVALID_ARGUMENT naming `where.key`.
absl::StatusOr<std::string> StringAt(const Json& object, const char* where, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) {
    return absl::InvalidArgumentError(
        absl::StrCat("not a certificate credential: ", where, ".", key, " is missing"));
  }
  return it->get<std::string>();
}

absl::StatusOr<const Json*> ObjectAt(const Json& object, const char* where, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_object()) {
    return absl::InvalidArgumentError(
        absl::StrCat("not a certificate credential: ", where, ".", key, " is missing"));
  }
  return &*it;
}

#define TRY_ASSIGN(lhs, expr)          \
  {                                    \
    auto value_ = (expr);              \
    if (!value_.ok()) return value_.status(); \
    lhs = *std::move(value_);          \
  }

absl::StatusOr<SignedCertificate> Extract(const Json& doc) {
  SignedCertificate c;
  const Json* subject = nullptr;
  const Json* facts = nullptr;
  const Json* proof = nullptr;
  TRY_ASSIGN(subject, ObjectAt(doc, "$", "credentialSubject"));
  TRY_ASSIGN(facts, ObjectAt(*subject, "credentialSubject", "talentCertificate"));
  TRY_ASSIGN(proof, ObjectAt(doc, "$", "proof"));
  const char* where = "credentialSubject.talentCertificate";
  common::CertificateFacts& f = c.facts;
  TRY_ASSIGN(f.number, StringAt(*facts, where, "number"));
  TRY_ASSIGN(f.holder_name, StringAt(*facts, where, "holderName"));
  TRY_ASSIGN(f.masked_national_id, StringAt(*facts, where, "maskedNationalId"));
  TRY_ASSIGN(f.track, StringAt(*facts, where, "track"));
  TRY_ASSIGN(f.programme_code, StringAt(*facts, where, "programmeCode"));
  TRY_ASSIGN(f.programme_title, StringAt(*facts, where, "programmeTitle"));
  TRY_ASSIGN(f.rating, StringAt(*facts, where, "rating"));
  TRY_ASSIGN(f.issuer, StringAt(*facts, where, "issuer"));
  TRY_ASSIGN(f.issue_date, StringAt(*facts, where, "issueDate"));
  std::string score;
  TRY_ASSIGN(score, StringAt(*facts, where, "finalScore"));
  absl::StatusOr<int64_t> hundredths = common::ParseHundredths(score);
  auto year = facts->find("cohortYear");
  if (!hundredths.ok() || year == facts->end() || !year->is_number_integer()) {
    return absl::DataLossError("the credential's score or cohort year is not well formed");
  }
  f.final_score = *hundredths;
  f.cohort_year = year->get<int>();
  auto rehearsal = facts->find("rehearsal");
  if (rehearsal != facts->end()) {
    if (!rehearsal->is_boolean()) {
      return absl::DataLossError("the credential's rehearsal mark is not well formed");
    }
    f.rehearsal = rehearsal->get<bool>();
  }
  std::string method, value;
  TRY_ASSIGN(method, StringAt(*proof, "proof", "verificationMethod"));
  TRY_ASSIGN(value, StringAt(*proof, "proof", "proofValue"));
  if (!absl::StartsWith(method, kKeyPrefix) ||
      !common::Base64UrlDecode(method.substr(sizeof(kKeyPrefix) - 1), &c.public_key) ||
      !absl::StartsWith(value, "u") || !common::Base64UrlDecode(value.substr(1), &c.signature)) {
    return absl::DataLossError("the credential's proof is not well formed");
  }
  return c;
}

#undef TRY_ASSIGN

}  // namespace

std::string ExportCredential(const SignedCertificate& certificate) {
  return Document(certificate).dump(2) + "\n";
}

absl::StatusOr<SignedCertificate> VerifyCredential(absl::string_view json,
                                                   absl::string_view trusted_public_key) {
  Json doc = Json::parse(json.begin(), json.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    return absl::InvalidArgumentError("not a certificate credential: the file is not JSON");
  }
  absl::StatusOr<SignedCertificate> c = Extract(doc);
  if (!c.ok()) return c.status();
  // Every member must be what the facts make: nothing added, removed or
  // changed anywhere in the document.
  if (Json::parse(Document(*c).dump()) != doc) {
    return absl::DataLossError(
        "the credential was altered: it is not the document its certificate facts make");
  }
  // And byte for byte as exported (two-space indent; the final newline may
  // go): even a change that means the same, such as a space made a tab,
  // fails, so a file that verifies is exactly the file that was issued.
  const std::string exported = ExportCredential(*c);
  if (json != exported && json != absl::string_view(exported).substr(0, exported.size() - 1)) {
    return absl::DataLossError(
        "the credential was changed: its bytes are not those exported (a reformat counts too)");
  }
  if (c->public_key != trusted_public_key) {
    return absl::DataLossError(
        "the credential names another signing key than the one given with --pubkey");
  }
  if (!common::Ed25519Verify(std::string(trusted_public_key), common::CertificatePayload(c->facts),
                             c->signature)) {
    return absl::DataLossError("the credential's signature does not match its facts");
  }
  return c;
}

absl::StatusOr<std::string> ParsePublicKey(absl::string_view text) {
  std::string key;
  absl::string_view trimmed = absl::StripAsciiWhitespace(text);
  if (absl::StartsWith(trimmed, kKeyPrefix)) trimmed.remove_prefix(sizeof(kKeyPrefix) - 1);
  if (!common::Base64UrlDecode(std::string(trimmed), &key) || key.size() != common::kEd25519PublicKeyBytes) {
    return absl::InvalidArgumentError(
        "--pubkey must be the key 'talentctl cert pubkey' prints (43 characters of URL-safe "
        "base64), or a file holding it");
  }
  return key;
}

}  // namespace talent::client
