#include "server/core/enrolments.h"

#include <cstdlib>
#include <filesystem>
#include <optional>

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
        db, now, caller.actor(), method, common::EnrolmentName(id),
        absl::StrCat("stage ", domain::StageKey(before), " -> ", domain::StageKey(e.stage)));
  }));
  return Masked(std::move(e));
}

constexpr char kImportMethod[] = "ImportEnrolments";

// Good rows checked against the database and written per chunk: one
// statement finds the chunk's known people, a few insert it.
constexpr size_t kChunkRows = 8192;

// The database's side of an import: reads the batch's good rows back chunk
// by chunk, checks each person against the database (already in the
// cohort, open elsewhere in the programme, certified by it) into the
// batch's errors and, when `write` and while no row is bad, writes the
// chunk. Returns the number written.
absl::StatusOr<int> CheckAndWrite(Connection& db, const Cohort& cohort, int64_t now, bool write,
                                  ImportBatch* batch) {
  int written = 0;
  std::vector<ImportBatch::Row> rows;
  std::vector<Enrolment> to_write;
  RETURN_IF_ERROR(batch->Rewind());
  for (;;) {
    ASSIGN_OR_RETURN(bool more, batch->Next(kChunkRows, &rows));
    if (!more) break;
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
        if (!can.ok()) batch->errors().Add(row.line, "national_id", std::string(can.message()));
      }
      to_write.push_back(NewEnrolment(cohort, std::move(row.applicant), now));
      to_write.back().person.id = person_id;
    }
    // Once a row is bad nothing will be committed: only check the rest.
    if (!write || !batch->errors().empty()) continue;
    RETURN_IF_ERROR(EnrolmentRepository::InsertMany(db, cohort.programme_id, &to_write, now));
    written += static_cast<int>(to_write.size());
  }
  return written;
}

// The answer to a retry of an import that was applied: what it imported.
ImportResult Replayed(const std::string& resource) {
  ImportResult result;
  absl::SimpleAtoi(resource.substr(resource.rfind('=') + 1), &result.imported);
  result.rows = result.imported;
  return result;
}

// The rows' temporary file goes next to the database unless told
// otherwise: that disk has room for the rows once they are written.
ImportBatch::Options BatchOptions(const ImportOptions& options, const std::string& db_path) {
  ImportBatch::Options out;
  out.memory_bytes = options.memory_bytes;
  std::string db_directory = std::filesystem::path(db_path).parent_path().string();
  out.spill_directories.push_back(!options.spill_directory.empty() ? options.spill_directory
                                  : db_directory.empty()           ? "."
                                                                   : db_directory);
  if (const char* tmpdir = std::getenv("TMPDIR"); tmpdir != nullptr) {
    out.spill_directories.push_back(tmpdir);
  }
  out.spill_directories.push_back("/tmp");
  return out;
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
    return storage::AuditLog::Append(db, now, caller.actor(), "GetEnrolment",
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
        db, now, caller.actor(), "ListEnrolments",
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

absl::StatusOr<ImportResult> Enrolments::Import(const Caller& caller, const std::string& code,
                                                int year, const std::vector<ImportRow>& rows,
                                                bool dry_run, const std::string& request_id,
                                                const ImportOptions& options) {
  return Import(
      caller, code, year, dry_run, request_id,
      [&rows](ImportBatch* batch) -> absl::StatusOr<bool> {
        for (const ImportRow& row : rows) RETURN_IF_ERROR(batch->AddRow(row.line, row.input));
        return false;
      },
      options);
}

absl::StatusOr<ImportResult> Enrolments::Import(const Caller& caller, const std::string& code,
                                                int year, bool dry_run,
                                                const std::string& request_id,
                                                const ImportSource& source,
                                                const ImportOptions& options) {
  const int64_t now = ctx_->Now();

  // Before any row: a retry is answered, a cohort that takes no rows
  // refuses them. Both are checked again in the transaction that writes.
  std::optional<std::string> replay;
  RETURN_IF_ERROR(ctx_->store().Read([&](Connection& db) -> absl::Status {
    if (!dry_run) {
      ASSIGN_OR_RETURN(replay, internal::Replay(db, caller, kImportMethod, request_id));
      if (replay) return absl::OkStatus();
    }
    ASSIGN_OR_RETURN(Cohort cohort, CohortRepository::Find(db, code, year, /*counts=*/false));
    return domain::CheckEnrolmentOpen(cohort);
  }));
  if (replay) return Replayed(*replay);

  // The whole file, with no transaction open: however long the client
  // takes, no one else waits for it.
  ImportBatch batch(common::DateOfSeconds(now), BatchOptions(options, ctx_->store().path()));
  for (bool more = true; more;) {
    ASSIGN_OR_RETURN(more, source(&batch));
  }

  ImportResult result;
  result.dry_run = dry_run;
  result.rows = batch.rows();
  result.spilled = batch.spilled();
  // A bad file or a dry run is checked in a snapshot; only a file that may
  // be written takes the write lock.
  const bool write = !dry_run && batch.errors().empty();
  std::optional<std::string> late_replay;
  auto work = [&](Connection& db) -> absl::StatusOr<bool> {
    if (write) {
      // The same import, retried while this one was being received, may
      // have been applied meanwhile.
      ASSIGN_OR_RETURN(late_replay, internal::Replay(db, caller, kImportMethod, request_id));
      if (late_replay) return false;
    }
    ASSIGN_OR_RETURN(Cohort cohort, CohortRepository::Find(db, code, year, /*counts=*/false));
    RETURN_IF_ERROR(domain::CheckEnrolmentOpen(cohort));
    ASSIGN_OR_RETURN(int written, CheckAndWrite(db, cohort, now, write, &batch));
    if (!write || !batch.errors().empty()) return false;
    result.imported = written;
    RETURN_IF_ERROR(internal::Record(
        db, caller, kImportMethod, request_id,
        absl::StrCat(common::CohortName(code, year), ":imported=", written),
        absl::StrCat("imported ", written, " enrolments"), now));
    return true;
  };
  if (write) {
    absl::Status committed = ctx_->store().WriteIfDecided(work);
    ctx_->store().ReleaseMemory();
    RETURN_IF_ERROR(committed);
  } else {
    RETURN_IF_ERROR(ctx_->store().Read([&](Connection& db) { return work(db).status(); }));
  }
  if (late_replay) return Replayed(*late_replay);
  result.error_count = batch.errors().count();
  result.errors = batch.errors().TakeListed();
  return result;
}

}  // namespace talent::core
