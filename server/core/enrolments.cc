#include "server/core/enrolments.h"

#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "server/core/internal.h"
#include "server/domain/enrolment_rules.h"
#include "server/domain/programme_rules.h"
#include "server/storage/audit_log.h"
#include "server/storage/enrolment_repository.h"
#include "server/storage/programme_repository.h"

namespace talent::core {

using domain::Cohort;
using domain::Enrolment;
using domain::Stage;
using storage::CohortRepository;
using storage::Connection;
using storage::EnrolmentRepository;

namespace {

Enrolment NewEnrolment(const Cohort& cohort, domain::Applicant applicant, int64_t now) {
  Enrolment e;
  e.cohort_id = cohort.id;
  e.programme_code = cohort.programme_code;
  e.cohort_year = cohort.year;
  e.person = std::move(applicant.person);
  e.track = applicant.track;
  e.organisation = std::move(applicant.organisation);
  e.region = std::move(applicant.region);
  e.qualification = std::move(applicant.qualification);
  e.years_of_experience = applicant.years_of_experience;
  e.stage = Stage::kApplied;
  e.create_time = e.update_time = now;
  return e;
}

// What a masked read returns.
Enrolment Masked(Enrolment e) {
  e.person = domain::MaskedPerson(e.person);
  return e;
}

using EnrolmentChange =
    std::function<absl::Status(Connection&, Enrolment&, const Cohort&, int64_t now)>;

// Loads enrolment and cohort and applies `change` to them inside one write,
// with the audit event saying how the stage moved.
absl::StatusOr<Enrolment> ChangeEnrolment(Context* ctx_, const Caller& caller, int64_t id,
                                          const char* method, const EnrolmentChange& change) {
  int64_t now = ctx_->Now();
  Enrolment e;
  RETURN_IF_ERROR(ctx_->store().Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(e, EnrolmentRepository::Find(db, id));
    ASSIGN_OR_RETURN(Cohort cohort, CohortRepository::FindById(db, e.cohort_id));
    Stage before = e.stage;
    RETURN_IF_ERROR(change(db, e, cohort, now));
    ASSIGN_OR_RETURN(e, EnrolmentRepository::Find(db, id));
    return storage::AuditLog::Append(
        db, now, caller.user_id, method, common::EnrolmentName(id),
        absl::StrCat("stage ", domain::StageKey(before), " -> ", domain::StageKey(e.stage)));
  }));
  return Masked(std::move(e));
}

// The consumer side of an import: takes the batch's checked rows chunk by
// chunk, checks each person against the database (already in the cohort,
// open elsewhere in the programme, certified by it) into `db_errors`, and
// writes the chunk unless a row was bad or it is a dry run. Returns the
// number written.
absl::StatusOr<int> WriteBatch(Connection& db, const Cohort& cohort, int64_t now, bool dry_run,
                               ImportBatch* batch, std::vector<ImportError>* db_errors) {
  int written = 0;
  std::vector<ImportBatch::Row> rows;
  std::vector<Enrolment> to_write;
  while (batch->Take(&rows)) {
    std::vector<const std::string*> ids;
    ids.reserve(rows.size());
    for (const ImportBatch::Row& row : rows) ids.push_back(&row.applicant.person.national_id);
    ASSIGN_OR_RETURN(auto known, EnrolmentRepository::FindPeople(db, cohort.programme_id, ids));
    to_write.clear();
    to_write.reserve(rows.size());
    for (ImportBatch::Row& row : rows) {
      int64_t person_id = 0;
      auto it = known.find(row.applicant.person.national_id);
      if (it != known.end()) {
        person_id = it->second.id;
        absl::Status can = domain::CheckCanEnrol(it->second.prior, cohort.year);
        if (!can.ok()) db_errors->push_back({row.line, "national_id", std::string(can.message())});
      }
      to_write.push_back(NewEnrolment(cohort, std::move(row.applicant), now));
      to_write.back().person.id = person_id;
    }
    // Once a row is bad nothing will be committed: only check the rest.
    if (!db_errors->empty() || dry_run) continue;
    RETURN_IF_ERROR(EnrolmentRepository::InsertMany(db, cohort.programme_id, &to_write, now));
    written += static_cast<int>(to_write.size());
  }
  return written;
}

}  // namespace

absl::StatusOr<Enrolment> Enrolments::CreateEnrolment(const Caller& caller, const std::string& code,
                                                int year, const domain::ApplicantInput& input,
                                                const std::string& request_id) {
  int64_t now = ctx_->Now();
  domain::Applicant applicant;
  std::vector<domain::FieldError> errors;
  if (!domain::ParseApplicant(input, common::DateOfSeconds(now), &applicant, &errors)) {
    return domain::FieldErrorsToStatus(errors);
  }
  Enrolment e;
  std::optional<std::string> replay;
  RETURN_IF_ERROR(ctx_->store().Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(replay, internal::Replay(db, caller, "CreateEnrolment", request_id));
    if (replay) return absl::OkStatus();
    ASSIGN_OR_RETURN(Cohort cohort, CohortRepository::Find(db, code, year));
    RETURN_IF_ERROR(domain::CheckEnrolmentOpen(cohort));
    ASSIGN_OR_RETURN(auto prior, EnrolmentRepository::PriorEnrolments(
                                     db, cohort.programme_id, applicant.person.national_id));
    RETURN_IF_ERROR(domain::CheckCanEnrol(prior, year));
    e = NewEnrolment(cohort, std::move(applicant), now);
    RETURN_IF_ERROR(EnrolmentRepository::UpsertPerson(db, &e.person, now));
    RETURN_IF_ERROR(EnrolmentRepository::Insert(db, cohort.programme_id, &e));
    return internal::Record(db, caller, "CreateEnrolment", request_id,
                            common::EnrolmentName(e.id),
                            absl::StrCat("cohort=", code, "/", year,
                                         " track=", domain::TrackKey(e.track)),
                            now);
  }));
  ASSIGN_OR_RETURN(int64_t id,
                   replay ? common::ParseEnrolmentName("enrolment", *replay) : e.id);
  return GetEnrolment(caller, id, domain::PersonalData::kMasked);
}

absl::StatusOr<Enrolment> Enrolments::GetEnrolment(const Caller& caller, int64_t id,
                                                   domain::PersonalData view) {
  RETURN_IF_ERROR(domain::CheckPersonalDataAccess(caller.role, view));
  Enrolment e;
  if (view == domain::PersonalData::kMasked) {
    RETURN_IF_ERROR(ctx_->store().Read([&](Connection& db) -> absl::Status {
      ASSIGN_OR_RETURN(e, EnrolmentRepository::Find(db, id));
      return absl::OkStatus();
    }));
    return Masked(std::move(e));
  }
  const int64_t now = ctx_->Now();
  RETURN_IF_ERROR(ctx_->store().Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(e, EnrolmentRepository::Find(db, id));
    return storage::AuditLog::Append(db, now, caller.user_id, "GetEnrolment",
                                     common::EnrolmentName(id), "personal data read in full");
  }));
  return e;
}

absl::StatusOr<Page<Enrolment>> Enrolments::ListEnrolments(const Caller& caller,
                                                           const EnrolmentQuery& query,
                                                           const PageRequest& page,
                                                           domain::PersonalData view) {
  RETURN_IF_ERROR(domain::CheckPersonalDataAccess(caller.role, view));
  ASSIGN_OR_RETURN(internal::PageCursor cursor, internal::OpenPage(page));
  ASSIGN_OR_RETURN(int64_t after_id, cursor.AfterId());
  Page<Enrolment> out;
  auto list = [&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(Cohort cohort, CohortRepository::Find(db, query.programme_code, query.year));
    storage::EnrolmentFilter filter{cohort.id, query.track, query.stage, query.name_contains};
    ASSIGN_OR_RETURN(out.items, EnrolmentRepository::List(db, filter, after_id, cursor.size + 1));
    ASSIGN_OR_RETURN(out.total_size, EnrolmentRepository::Count(db, filter));
    return absl::OkStatus();
  };
  if (view == domain::PersonalData::kMasked) {
    RETURN_IF_ERROR(ctx_->store().Read(list));
    internal::ClosePage(cursor, &out, [](const Enrolment& e) { return absl::StrCat(e.id); });
    for (Enrolment& e : out.items) e.person = domain::MaskedPerson(e.person);
    return out;
  }
  // In full: the page read and its audit event are one transaction, and
  // the event names whose data was shown.
  const int64_t now = ctx_->Now();
  RETURN_IF_ERROR(ctx_->store().Write([&](Connection& db) -> absl::Status {
    RETURN_IF_ERROR(list(db));
    internal::ClosePage(cursor, &out, [](const Enrolment& e) { return absl::StrCat(e.id); });
    std::string ids;
    for (const Enrolment& e : out.items) absl::StrAppend(&ids, ids.empty() ? "" : ",", e.id);
    return storage::AuditLog::Append(
        db, now, caller.user_id, "ListEnrolments",
        common::CohortName(query.programme_code, query.year),
        absl::StrCat("personal data of ", out.items.size(), " enrolment(s) read in full: ",
                     ids.empty() ? "none" : ids));
  }));
  return out;
}


absl::StatusOr<Enrolment> Enrolments::Recommend(const Caller& caller, int64_t id,
                                          domain::Recommendation r) {
  common::Date today = common::DateOfSeconds(ctx_->Now());
  return ChangeEnrolment(
      ctx_, caller, id, "RecommendEnrolment",
      [&](Connection& db, Enrolment& e, const Cohort& cohort, int64_t now) -> absl::Status {
        RETURN_IF_ERROR(domain::CheckRecommend(e, cohort, &r, today));
        RETURN_IF_ERROR(EnrolmentRepository::AddRecommendation(db, e.id, r, caller.user_id, now));
        return EnrolmentRepository::UpdateStage(db, e.id, Stage::kRecommended, "", now);
      });
}

absl::StatusOr<Enrolment> Enrolments::Select(const Caller& caller, int64_t id) {
  return ChangeEnrolment(
      ctx_, caller, id, "SelectEnrolment",
      [&](Connection& db, Enrolment& e, const Cohort& cohort, int64_t now) -> absl::Status {
        RETURN_IF_ERROR(domain::CheckSelect(e, cohort));
        return EnrolmentRepository::UpdateStage(db, e.id, Stage::kSelected, "", now);
      });
}

absl::StatusOr<Enrolment> Enrolments::Reject(const Caller& caller, int64_t id, std::string reason) {
  return ChangeEnrolment(
      ctx_, caller, id, "RejectEnrolment",
      [&](Connection& db, Enrolment& e, const Cohort& cohort, int64_t now) -> absl::Status {
        RETURN_IF_ERROR(domain::CheckReject(e, cohort, &reason));
        return EnrolmentRepository::UpdateStage(db, e.id, Stage::kNotSelected, reason, now);
      });
}

absl::StatusOr<Enrolment> Enrolments::Withdraw(const Caller& caller, int64_t id, std::string reason) {
  return ChangeEnrolment(
      ctx_, caller, id, "WithdrawEnrolment",
      [&](Connection& db, Enrolment& e, const Cohort& cohort, int64_t now) -> absl::Status {
        RETURN_IF_ERROR(domain::CheckWithdraw(e, cohort, &reason));
        return EnrolmentRepository::UpdateStage(db, e.id, Stage::kWithdrawn, reason, now);
      });
}

absl::StatusOr<ImportResult> Enrolments::Import(const Caller& caller, const std::string& code, int year,
                                          const std::vector<ImportRow>& rows, bool dry_run,
                                          const std::string& request_id) {
  return Import(caller, code, year, dry_run, request_id, [&rows](ImportBatch* batch) {
    for (const ImportRow& row : rows) batch->AddRow(row.line, row.input);
    return false;
  });
}

absl::StatusOr<ImportResult> Enrolments::Import(const Caller& caller, const std::string& code, int year,
                                          bool dry_run, const std::string& request_id,
                                          const ImportSource& source) {
  int64_t now = ctx_->Now();
  ImportResult result;
  result.dry_run = dry_run;

  // Returns whether to commit.
  auto work = [&](Connection& db) -> absl::StatusOr<bool> {
    if (!dry_run) {
      ASSIGN_OR_RETURN(std::optional<std::string> replay,
                       internal::Replay(db, caller, "ImportEnrolments", request_id));
      if (replay) {
        // A retry of an import that was applied: report it, write nothing.
        absl::SimpleAtoi(replay->substr(replay->rfind('=') + 1), &result.imported);
        result.rows = result.imported;
        return false;
      }
    }
    ASSIGN_OR_RETURN(Cohort cohort, CohortRepository::Find(db, code, year));
    RETURN_IF_ERROR(domain::CheckEnrolmentOpen(cohort));

    // The stream is read and parsed on a thread of its own while this one,
    // holding the transaction, checks and writes what has arrived.
    ImportBatch batch(common::DateOfSeconds(now));
    std::thread producer([&] {
      absl::Status status;
      for (bool more = true; more;) {
        absl::StatusOr<bool> next = source(&batch);
        if (!next.ok()) status = next.status();
        more = next.ok() && *next;
      }
      batch.Finish(std::move(status));
    });
    std::vector<ImportError> db_errors;
    absl::StatusOr<int> written = WriteBatch(db, cohort, now, dry_run, &batch, &db_errors);
    absl::Status consumed = written.status();
    if (!consumed.ok()) batch.Abandon();
    producer.join();
    RETURN_IF_ERROR(consumed);
    RETURN_IF_ERROR(batch.status());

    result.rows = batch.rows();
    result.errors = batch.TakeErrors();
    result.errors.insert(result.errors.end(), db_errors.begin(), db_errors.end());
    if (!result.errors.empty() || dry_run) return false;
    result.imported = *written;
    RETURN_IF_ERROR(internal::Record(
        db, caller, "ImportEnrolments", request_id,
        absl::StrCat(common::CohortName(code, year), ":imported=", *written),
        absl::StrCat("imported ", *written, " enrolments"), now));
    return true;
  };
  if (dry_run) {
    RETURN_IF_ERROR(ctx_->store().Read([&](Connection& db) { return work(db).status(); }));
  } else {
    absl::Status committed = ctx_->store().WriteIfDecided(work);
    ctx_->store().ReleaseMemory();
    RETURN_IF_ERROR(committed);
  }
  std::stable_sort(result.errors.begin(), result.errors.end(),
                   [](const ImportError& a, const ImportError& b) { return a.line < b.line; });
  return result;
}

}  // namespace talent::core
