#include "server/core/history.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "common/certificate_payload.h"
#include "common/crypto.h"
#include "common/national_id.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "server/core/import_errors.h"
#include "server/core/internal.h"
#include "server/domain/assessment_rules.h"
#include "server/storage/certificate_repository.h"
#include "server/storage/enrolment_repository.h"
#include "server/storage/programme_repository.h"
#include "server/storage/signing_key_repository.h"

namespace talent::core {
namespace {

using domain::Certificate;
using domain::HistoryPerson;
using domain::Stage;
using storage::CertificateRepository;
using storage::CohortRepository;
using storage::Connection;
using storage::EnrolmentRepository;
using storage::ProgrammeRepository;

// No programme has more cohorts than years; this is only a bound.
constexpr int kMaxCohorts = 10000;

// The refusal of a file with bad rows: every problem listed by line, as an
// enrolment import lists them.
absl::Status RowsRefused(ImportErrors& errors) {
  const int64_t count = errors.count();
  std::vector<ImportError> listed = errors.TakeListed();
  std::string message = absl::StrCat("the history has ", count,
                                     count == 1 ? " problem" : " problems",
                                     "; nothing was imported (fix the file and import it again):");
  for (const ImportError& e : listed) {
    absl::StrAppend(&message, "\nline ", e.line, e.column.empty() ? "" : ", ", e.column, ": ",
                    e.reason);
  }
  if (count > static_cast<int64_t>(listed.size())) {
    absl::StrAppend(&message, "\n… and ", count - static_cast<int64_t>(listed.size()), " more");
  }
  return absl::InvalidArgumentError(message);
}

// Certificates as a cohort's are issued: by track (service, management,
// education & research), then sequence.
bool IssueOrder(const Certificate& a, const Certificate& b) {
  if (a.track != b.track) return a.track < b.track;
  return a.sequence < b.sequence;
}

// What an earlier import of the cohort recorded (a retried request).
absl::Status Summarise(Connection& db, const std::string& code, int year,
                       History::Outcome* out) {
  ASSIGN_OR_RETURN(out->cohort, CohortRepository::Find(db, code, year));
  ASSIGN_OR_RETURN(out->certificates,
                   CertificateRepository::List(db, out->cohort.id, 0, domain::kMaxHistoryRows));
  storage::EnrolmentFilter filter;
  filter.cohort_id = out->cohort.id;
  ASSIGN_OR_RETURN(out->people, EnrolmentRepository::Count(db, filter));
  ASSIGN_OR_RETURN(std::vector<domain::YearFigures> figures,
                   CertificateRepository::Figures(db, out->cohort.programme_id));
  for (const domain::YearFigures& y : figures) {
    if (y.year == year) out->figures = y;
  }
  std::sort(out->certificates.begin(), out->certificates.end(), IssueOrder);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<History::Outcome> History::Import(const Caller& caller, const std::string& code,
                                                 int year, std::vector<Row> rows, bool dry_run,
                                                 const std::string& request_id) {
  if (rows.empty()) {
    return absl::InvalidArgumentError(
        "rows: the history has no rows; give one per person of the cohort");
  }
  if (rows.size() > static_cast<size_t>(domain::kMaxHistoryRows)) {
    return absl::InvalidArgumentError(absl::StrCat("rows: ", rows.size(),
                                                   " rows are more than a cohort's history may "
                                                   "hold (", domain::kMaxHistoryRows, ")"));
  }
  const int64_t now = ctx_->Now();
  common::Date today;
  common::ParseDate(domain::ChinaDate(now), &today);

  Outcome out;
  std::optional<std::string> replay;
  auto work = [&](Connection& db) -> absl::Status {
    out = Outcome();  // a write may be retried
    out.dry_run = dry_run;
    if (!dry_run) {
      ASSIGN_OR_RETURN(replay, internal::Replay(db, caller, "ImportHistory", request_id));
      if (replay) {
        ASSIGN_OR_RETURN(common::CohortRef ref, common::ParseCohortName("cohort", *replay));
        return Summarise(db, ref.code, ref.year, &out);
      }
    }
    ASSIGN_OR_RETURN(domain::Programme programme, ProgrammeRepository::FindByCode(db, code));
    ASSIGN_OR_RETURN(std::vector<domain::Cohort> cohorts,
                     CohortRepository::List(db, programme.code, "", 0, kMaxCohorts));
    RETURN_IF_ERROR(domain::CheckHistoryYear(programme, year, cohorts, today));

    // Every row is checked — its cells, against the other rows and against
    // the register — before anything is written.
    ImportErrors errors;
    std::vector<HistoryPerson> people;
    std::map<std::string, int> line_of_id, line_of_number;
    for (const Row& row : rows) {
      if (!row.malformed.empty()) {
        errors.Add(row.line, "", row.malformed);
        continue;
      }
      std::vector<domain::FieldError> problems;
      HistoryPerson person;
      // Copied: a write may be retried, and reads its rows again.
      if (domain::ParseHistoryRow(row.input, programme.code, year, today, &person, &problems)) {
        const std::string& id = person.applicant.person.national_id;
        auto [seen_id, fresh_id] = line_of_id.emplace(id, row.line);
        if (!fresh_id) {
          problems.push_back({"national_id", absl::StrCat("the same person as line ",
                                                          seen_id->second)});
        }
        if (person.outcome == Stage::kCertified) {
          auto [seen, fresh] = line_of_number.emplace(person.certificate_number, row.line);
          if (!fresh) {
            problems.push_back({"certificate_number",
                                absl::StrCat("certificate_number ", person.certificate_number,
                                             " is also on line ", seen->second)});
          }
          absl::StatusOr<Certificate> taken =
              CertificateRepository::Find(db, person.certificate_number);
          if (taken.ok()) {
            problems.push_back({"certificate_number",
                                absl::StrCat("certificate ", person.certificate_number,
                                             " is already in the register")});
          } else if (!absl::IsNotFound(taken.status())) {
            return taken.status();
          }
        }
        int64_t person_id = 0;
        ASSIGN_OR_RETURN(std::vector<domain::PriorEnrolment> prior,
                         EnrolmentRepository::PriorEnrolments(db, programme.id, id, &person_id));
        domain::CheckHistoryPerson(prior, year, person.outcome, &problems);
        person.applicant.person.id = person_id;
      }
      for (domain::FieldError& e : problems) {
        errors.Add(row.line, std::move(e.column), std::move(e.reason));
      }
      if (problems.empty()) people.push_back(std::move(person));
    }
    if (!errors.empty()) return RowsRefused(errors);

    const bool certifies = std::any_of(people.begin(), people.end(), [](const HistoryPerson& p) {
      return p.outcome == Stage::kCertified;
    });
    if (certifies && !dry_run) {
      if (!ctx_->signing_key()) {
        return absl::FailedPreconditionError(
            "this server has no signing key to register certificates with; start talentd with "
            "--key (made by 'talentd init')");
      }
      ASSIGN_OR_RETURN(std::optional<domain::TrustedKey> current,
                       storage::SigningKeyRepository::Current(db));
      RETURN_IF_ERROR(domain::CheckIssuingKey(current, ctx_->signing_key()->public_key, now));
    }

    // A closed cohort without rounds; its quotas are not known (not
    // enforced: the rows record what happened).
    domain::Cohort& cohort = out.cohort;
    cohort.programme_id = programme.id;
    cohort.programme_code = programme.code;
    cohort.year = year;
    cohort.state = domain::CohortState::kClosed;
    cohort.imported = true;
    cohort.create_time = cohort.update_time = now;
    if (!dry_run) {
      RETURN_IF_ERROR(CohortRepository::Insert(db, &cohort));
      RETURN_IF_ERROR(CohortRepository::MarkImported(db, cohort.id, caller.user_id, now));
    }

    for (HistoryPerson& p : people) {
      domain::Enrolment e;
      e.cohort_id = cohort.id;
      e.person = p.applicant.person;
      e.track = p.applicant.track;
      e.organisation = p.applicant.organisation;
      e.region = p.applicant.region;
      e.stage = p.outcome;
      // As a certificate issued here: its number is the stage's reason.
      if (p.outcome == Stage::kCertified) e.stage_reason = p.certificate_number;
      e.create_time = e.update_time = now;
      if (!dry_run) {
        // A person known already keeps their newer name and contacts.
        if (e.person.id == 0) RETURN_IF_ERROR(EnrolmentRepository::SavePerson(db, &e.person, now));
        RETURN_IF_ERROR(EnrolmentRepository::Insert(db, programme.id, &e));
      }
      if (p.outcome != Stage::kCertified) continue;
      Certificate c;
      c.enrolment_id = e.id;
      c.cohort_id = cohort.id;
      c.track = p.applicant.track;
      c.sequence = p.sequence;
      c.facts.number = p.certificate_number;
      c.facts.holder_name = e.person.full_name;
      c.facts.masked_national_id = common::MaskNationalId(e.person.national_id);
      c.facts.track = domain::TrackKey(c.track);
      c.facts.programme_code = programme.code;
      c.facts.programme_title = programme.title;
      c.facts.cohort_year = year;
      c.facts.final_score = p.final_score;
      c.facts.rating = domain::RatingKey(domain::Rating::kExcellent);
      c.facts.issuer = programme.issuer;
      c.facts.issue_date = common::FormatDate(p.issue_date);  // the paper's
      c.facts.rehearsal = ctx_->rehearsal();
      c.issue_time = now;  // registered: the key vouches from now on
      c.issued_by = caller.username;
      c.imported = true;
      out.certificates.push_back(std::move(c));
    }
    // Registered in the order a cohort's certificates are issued, so the
    // register lists them so too.
    std::sort(out.certificates.begin(), out.certificates.end(), IssueOrder);
    for (Certificate& c : out.certificates) {
      if (dry_run) break;
      c.public_key = ctx_->signing_key()->public_key;
      ASSIGN_OR_RETURN(c.signature, common::Ed25519Sign(ctx_->signing_key()->secret_key,
                                                        common::CertificatePayload(c.facts)));
      RETURN_IF_ERROR(CertificateRepository::Insert(db, &c, caller.user_id));
    }
    out.people = static_cast<int>(people.size());
    out.figures = domain::HistoryFigures(year, people);
    if (dry_run) return absl::OkStatus();
    ASSIGN_OR_RETURN(out.cohort, CohortRepository::Find(db, programme.code, year));
    return internal::Record(db, caller, "ImportHistory", request_id,
                            common::CohortName(programme.code, year),
                            absl::StrCat("imported people=", out.people,
                                         " certified=", out.figures.certified()),
                            now);
  };
  if (dry_run) {
    RETURN_IF_ERROR(ctx_->store().Read(work));
  } else {
    RETURN_IF_ERROR(ctx_->store().Write(work));
  }
  return out;
}

}  // namespace talent::core
