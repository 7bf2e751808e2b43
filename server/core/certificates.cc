#include "server/core/certificates.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/certificate_payload.h"
#include "common/crypto.h"
#include "common/national_id.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "server/core/internal.h"
#include "server/domain/text_field.h"
#include "server/storage/audit_log.h"
#include "server/storage/certificate_repository.h"
#include "server/storage/enrolment_repository.h"
#include "server/storage/programme_repository.h"
#include "server/storage/round_repository.h"
#include "server/storage/signing_key_repository.h"

namespace talent::core {

using domain::Certificate;
using storage::CertificateRepository;
using storage::CohortRepository;
using storage::Connection;
using storage::ProgrammeRepository;

absl::StatusOr<Certificates::IssueOutcome> Certificates::IssueCertificates(const Caller& caller,
                                                           const std::string& code, int year) {
  if (!ctx_->signing_key()) {
    return absl::FailedPreconditionError(
        "this server has no signing key; start talentd with --key (made by 'talentd init')");
  }
  const int64_t now = ctx_->Now();
  IssueOutcome outcome;
  RETURN_IF_ERROR(ctx_->store().Write([&](Connection& db) -> absl::Status {
    outcome = IssueOutcome();  // the write may be retried
    // Only the current key signs: after `talentd key rotate` this server's
    // key is retired, whatever it still holds in memory.
    ASSIGN_OR_RETURN(std::optional<domain::TrustedKey> current,
                     storage::SigningKeyRepository::Current(db));
    RETURN_IF_ERROR(domain::CheckIssuingKey(current, ctx_->signing_key()->public_key, now));
    ASSIGN_OR_RETURN(domain::Programme programme, ProgrammeRepository::FindByCode(db, code));
    ASSIGN_OR_RETURN(domain::Cohort cohort, CohortRepository::Find(db, code, year, false));
    ASSIGN_OR_RETURN(std::vector<domain::Round> rounds,
                     storage::RoundRepository::List(db, cohort.id));
    RETURN_IF_ERROR(domain::CheckIssueCertificates(cohort, rounds));
    int64_t final_round_id = 0;
    for (const domain::Round& round : rounds) {
      if (round.final) final_round_id = round.id;
    }
    ASSIGN_OR_RETURN(std::vector<storage::Candidate> candidates,
                     CertificateRepository::Candidates(db, cohort.id, final_round_id));
    std::map<domain::Track, int> next;
    for (const storage::Candidate& candidate : candidates) {
      if (!next.count(candidate.track)) {
        ASSIGN_OR_RETURN(int max, CertificateRepository::MaxSequence(db, cohort.id,
                                                                     candidate.track));
        next[candidate.track] = max + 1;
      }
      Certificate c;
      c.enrolment_id = candidate.enrolment_id;
      c.cohort_id = cohort.id;
      c.track = candidate.track;
      c.sequence = next[candidate.track]++;
      c.facts.number = domain::FormatCertificateNumber(programme.code, year, c.track, c.sequence);
      c.facts.holder_name = candidate.full_name;
      c.facts.masked_national_id = common::MaskNationalId(candidate.national_id);
      c.facts.track = domain::TrackKey(c.track);
      c.facts.programme_code = programme.code;
      c.facts.programme_title = programme.title;
      c.facts.cohort_year = year;
      c.facts.final_score = candidate.final_score;
      c.facts.rating = domain::RatingKey(static_cast<domain::Rating>(candidate.rating));
      c.facts.issuer = programme.issuer;
      c.facts.issue_date = domain::ChinaDate(now);
      c.facts.rehearsal = ctx_->rehearsal();
      c.public_key = ctx_->signing_key()->public_key;
      ASSIGN_OR_RETURN(c.signature, common::Ed25519Sign(ctx_->signing_key()->secret_key,
                                                        common::CertificatePayload(c.facts)));
      c.issue_time = now;
      c.issued_by = caller.username;
      RETURN_IF_ERROR(CertificateRepository::Insert(db, &c, caller.user_id));
      RETURN_IF_ERROR(storage::EnrolmentRepository::Certify(db, c.enrolment_id, c.facts.number,
                                                            now));
      outcome.issued.push_back(std::move(c));
    }
    ASSIGN_OR_RETURN(int all, CertificateRepository::Count(db, cohort.id));
    outcome.already = all - static_cast<int>(outcome.issued.size());
    if (outcome.issued.empty()) return absl::OkStatus();  // nothing changed, nothing to record
    std::vector<std::string> numbers;
    for (const Certificate& c : outcome.issued) numbers.push_back(c.facts.number);
    return storage::AuditLog::Append(db, now, caller.actor(), "IssueCertificates",
                                     common::CohortName(code, year),
                                     absl::StrCat("issued=", absl::StrJoin(numbers, ",")));
  }));
  return outcome;
}

absl::StatusOr<Page<Certificate>> Certificates::ListCertificates(const std::string& code, int year,
                                                         const PageRequest& page) {
  ASSIGN_OR_RETURN(internal::PageCursor cursor, internal::OpenPage(page));
  ASSIGN_OR_RETURN(int64_t after_id, cursor.AfterId());
  Page<Certificate> out;
  RETURN_IF_ERROR(ctx_->store().Read([&](Connection& db) -> absl::Status {
    int64_t cohort_id = 0;
    if (!code.empty()) {
      ASSIGN_OR_RETURN(domain::Cohort cohort, CohortRepository::Find(db, code, year, false));
      cohort_id = cohort.id;
    }
    ASSIGN_OR_RETURN(out.items,
                     CertificateRepository::List(db, cohort_id, after_id, cursor.size + 1));
    for (Certificate& c : out.items) c.facts.rehearsal = ctx_->rehearsal();
    return absl::OkStatus();
  }));
  internal::ClosePage(cursor, &out, [](const Certificate& c) { return absl::StrCat(c.id); });
  return out;
}

absl::StatusOr<Certificate> Certificates::GetCertificate(const std::string& number) {
  std::optional<std::string> normal = domain::NormaliseCertificateNumber(number);
  if (!normal) return absl::NotFoundError(absl::StrCat("no certificate numbered ", number));
  Certificate c;
  RETURN_IF_ERROR(ctx_->store().Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(c, CertificateRepository::Find(db, *normal));
    return absl::OkStatus();
  }));
  c.facts.rehearsal = ctx_->rehearsal();
  return c;
}

absl::StatusOr<Certificates::Verification> Certificates::VerifyCertificate(const std::string& number) {
  if (domain::TrimText(number).empty()) {
    return absl::InvalidArgumentError("number is required, e.g. SCSW-2023-S001");
  }
  Verification v;
  v.number = domain::NormaliseCertificateNumber(number).value_or(domain::TrimText(number));
  v.rehearsal = ctx_->rehearsal();
  std::optional<std::string> normal = domain::NormaliseCertificateNumber(number);
  if (!normal) return v;  // kNotFound
  std::optional<domain::TrustedKey> key;
  absl::Status found = ctx_->store().Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(v.certificate, CertificateRepository::Find(db, *normal));
    ASSIGN_OR_RETURN(key, storage::SigningKeyRepository::FindByPublicKey(
                              db, v.certificate.public_key));
    return absl::OkStatus();
  });
  if (absl::IsNotFound(found)) return v;  // kNotFound
  RETURN_IF_ERROR(found);
  // The facts are rebuilt in the context of this database's kind, so a
  // rehearsal signature never passes for a production certificate.
  v.certificate.facts.rehearsal = ctx_->rehearsal();
  // Trusted: the signature verifies against the key stored with the record,
  // that key is one the register trusts (a record re-signed with a key of
  // one's own is as altered as one not re-signed), and it was valid when
  // the certificate was issued. A key retired since still vouches.
  v.reason = domain::KeyDistrust(key, v.certificate.issue_time);
  if (v.reason.empty() &&
      !common::Ed25519Verify(v.certificate.public_key,
                             common::CertificatePayload(v.certificate.facts),
                             v.certificate.signature)) {
    v.reason = "the register's record does not match its signature (it was altered)";
  }
  if (!v.reason.empty()) {
    v.verdict = Verdict::kInvalid;
  } else {
    v.verdict = v.certificate.revoked() ? Verdict::kRevoked : Verdict::kValid;
  }
  return v;
}

absl::StatusOr<Certificate> Certificates::RevokeCertificate(const Caller& caller,
                                                    const std::string& number,
                                                    std::string reason,
                                                    const std::string& request_id) {
  std::optional<std::string> normal = domain::NormaliseCertificateNumber(number);
  if (!normal) return absl::NotFoundError(absl::StrCat("no certificate numbered ", number));
  const int64_t now = ctx_->Now();
  Certificate c;
  RETURN_IF_ERROR(ctx_->store().Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<std::string> replay,
                     internal::Replay(db, caller, "RevokeCertificate", request_id));
    ASSIGN_OR_RETURN(c, CertificateRepository::Find(db, *normal));
    if (replay) return absl::OkStatus();  // revoked by that request
    RETURN_IF_ERROR(domain::CheckRevokeCertificate(c.revoked(), &reason));
    RETURN_IF_ERROR(CertificateRepository::Revoke(db, c.id, reason, caller.user_id, now));
    c.revoke_time = now;
    c.revoke_reason = reason;
    c.revoked_by = caller.username;
    return internal::Record(db, caller, "RevokeCertificate", request_id,
                            common::CertificateName(c.facts.number), reason, now);
  }));
  c.facts.rehearsal = ctx_->rehearsal();
  return c;
}

std::string Certificates::PublicKey() const {
  return ctx_->signing_key() ? ctx_->signing_key()->public_key : std::string();
}

absl::StatusOr<domain::ProgrammeProgress> Certificates::GetProgress(const std::string& code) {
  domain::ProgrammeProgress progress;
  RETURN_IF_ERROR(ctx_->store().Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(domain::Programme programme, ProgrammeRepository::FindByCode(db, code));
    ASSIGN_OR_RETURN(std::vector<domain::YearFigures> figures,
                     CertificateRepository::Figures(db, programme.id));
    progress = domain::ComputeProgress(programme, figures);
    return absl::OkStatus();
  }));
  return progress;
}

}  // namespace talent::core
