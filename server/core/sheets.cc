#include "server/core/sheets.h"

#include <unordered_map>

#include "absl/strings/str_cat.h"
#include "common/fixed_point.h"
#include "common/labels.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "server/core/authorization.h"
#include "server/core/internal.h"
#include "server/domain/sheet_rules.h"
#include "server/domain/text_field.h"
#include "server/storage/assessment_repository.h"
#include "server/storage/audit_log.h"
#include "server/storage/enrolment_repository.h"
#include "server/storage/programme_repository.h"
#include "server/storage/round_repository.h"
#include "server/storage/sheet_repository.h"
#include "server/storage/user_repository.h"

namespace talent::core {

using domain::SheetState;
using storage::Connection;
using domain::Sheet;
using domain::SheetChange;
using storage::SheetRepository;

namespace {

// What a sheet operation needs to know, loaded in its transaction.
struct SheetContext {
  domain::Cohort cohort;
  domain::Enrolment enrolment;
  domain::Round round;
  domain::Rubric rubric;
  domain::User assessor;
  bool assigned = false;
  std::optional<Sheet> sheet;
};

// What every sheet of one assessor in one round shares: cohort, round,
// rubric and the assessor. NOT_FOUND naming the cohort, round or user.
absl::StatusOr<SheetContext> LoadScope(Connection& db, const std::string& code, int year,
                                       int position, int64_t assessor_id) {
  SheetContext c;
  ASSIGN_OR_RETURN(c.cohort, storage::CohortRepository::Find(db, code, year, /*counts=*/false));
  ASSIGN_OR_RETURN(c.round, storage::RoundRepository::Find(db, c.cohort.id, position));
  ASSIGN_OR_RETURN(c.rubric, storage::AssessmentRepository::LoadRubric(db, c.cohort.id));
  ASSIGN_OR_RETURN(c.assessor, storage::UserRepository::FindById(db, assessor_id));
  return c;
}

// Fills in the rest of `c` for one enrolment: the enrolment (NOT_FOUND when
// absent or in another cohort), whether it is assigned to the assessor and,
// when `load_sheet`, the assessor's sheet of it.
absl::Status LoadRow(Connection& db, const std::string& code, int year, int64_t enrolment_id,
                     int64_t assessor_id, bool load_sheet, SheetContext* c) {
  ASSIGN_OR_RETURN(c->enrolment, storage::EnrolmentRepository::Find(db, enrolment_id));
  if (c->enrolment.cohort_id != c->cohort.id) {
    return absl::NotFoundError(absl::StrCat("enrolment ", enrolment_id, " is not in cohort ", code,
                                            "/", year));
  }
  ASSIGN_OR_RETURN(c->assigned, storage::RoundRepository::IsAssigned(db, c->round.id, enrolment_id,
                                                                     assessor_id));
  c->sheet.reset();
  if (load_sheet) {
    ASSIGN_OR_RETURN(c->sheet, SheetRepository::Find(db, c->round.id, enrolment_id, assessor_id,
                                                     c->rubric.criteria.size()));
  }
  return absl::OkStatus();
}

absl::StatusOr<SheetContext> Load(Connection& db, const std::string& code, int year, int position,
                                  int64_t enrolment_id, int64_t assessor_id) {
  ASSIGN_OR_RETURN(SheetContext c, LoadScope(db, code, year, position, assessor_id));
  RETURN_IF_ERROR(LoadRow(db, code, year, enrolment_id, assessor_id, /*load_sheet=*/true, &c));
  return c;
}

// A sheet an import will write, and the sheet as stored before it (none:
// the import creates it).
struct ImportedSheet {
  Sheet sheet;
  std::optional<Sheet> stored;
};

std::string PointsText(const std::optional<int64_t>& points) {
  return points ? common::FormatTenths(*points) : "";
}

std::string SheetResource(const std::string& code, int year, int position, int64_t enrolment_id,
                          const std::string& assessor) {
  return absl::StrCat(common::RoundName(code, year, position), "/enrolments/", enrolment_id,
                      "/sheets/", assessor);
}

absl::Status NoSheet(int64_t enrolment_id, const std::string& assessor) {
  return absl::NotFoundError(absl::StrCat(assessor, " has no sheet for enrolment ", enrolment_id,
                                          " in this round"));
}

// The checks and changes a write of points (and a comment) makes, shared
// by SetScores and ImportSheets: the caller's own sheet of an assigned,
// active enrolment while the round allows it; points parsed against the
// rubric over what the sheet held; the comment checked. Changes `sheet`
// only when every check passes.
absl::Status ApplyScores(const Caller& caller, const SheetContext& c,
                         const std::vector<std::pair<std::string, std::string>>& points,
                         const std::optional<std::string>& comment, Sheet* sheet) {
  RETURN_IF_ERROR(CheckSheetWriter(caller, c.assessor.id, c.assigned));
  RETURN_IF_ERROR(domain::CheckWriteSheet(c.round.state, sheet->state, sheet->appeal_id != 0));
  RETURN_IF_ERROR(domain::CheckScorable(c.enrolment));
  std::vector<std::optional<int64_t>> before = sheet->points;
  before.resize(c.rubric.criteria.size());
  ASSIGN_OR_RETURN(std::vector<std::optional<int64_t>> parsed,
                   domain::ParsePoints(c.rubric, points, before));
  std::string new_comment = sheet->comment;
  if (comment) {
    new_comment = *comment;
    RETURN_IF_ERROR(domain::CheckText("comment", &new_comment, 0, 2000));
  }
  sheet->points = std::move(parsed);
  sheet->comment = std::move(new_comment);
  sheet->round_id = c.round.id;
  sheet->enrolment_id = c.enrolment.id;
  sheet->assessor_id = caller.user_id;
  sheet->assessor = caller.username;
  return absl::OkStatus();
}

// Keeps in the sheet's history each criterion whose points changed from
// `before` to what the sheet now holds.
absl::Status RecordPointChanges(Connection& db, const Caller& caller, const domain::Rubric& rubric,
                                const std::vector<std::optional<int64_t>>& before,
                                const Sheet& sheet, int64_t now, const std::string& reason) {
  for (size_t i = 0; i < sheet.points.size(); ++i) {
    std::optional<int64_t> old = i < before.size() ? before[i] : std::nullopt;
    if (sheet.points[i] == old) continue;
    RETURN_IF_ERROR(SheetRepository::AddChange(
        db, sheet.id, caller.actor(),
        {now, "", absl::StrCat("points:", rubric.criteria[i].code), PointsText(old),
         PointsText(sheet.points[i]), reason}));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<SheetView> Sheets::SetScores(
    const Caller& caller, const std::string& code, int year, int position, int64_t enrolment_id,
    const std::vector<std::pair<std::string, std::string>>& points,
    const std::optional<std::string>& comment) {
  if (points.empty() && !comment) {
    return absl::InvalidArgumentError("give points for at least one criterion, or a comment");
  }
  int64_t now = ctx_->Now();
  SheetView out;
  Sheet& sheet = out.sheet;
  RETURN_IF_ERROR(ctx_->store().Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(SheetContext c, Load(db, code, year, position, enrolment_id, caller.user_id));
    out.rubric = c.rubric;
    sheet = c.sheet.value_or(Sheet{});
    const Sheet stored = sheet;
    RETURN_IF_ERROR(ApplyScores(caller, c, points, comment, &sheet));
    RETURN_IF_ERROR(SheetRepository::Save(db, &sheet, now));
    RETURN_IF_ERROR(RecordPointChanges(db, caller, c.rubric, stored.points, sheet, now, ""));
    if (stored.comment != sheet.comment) {
      RETURN_IF_ERROR(SheetRepository::AddChange(
          db, sheet.id, caller.actor(), {now, "", "comment", stored.comment, sheet.comment, ""}));
    }
    return storage::AuditLog::Append(
        db, now, caller.actor(), "SetScores",
        SheetResource(code, year, position, enrolment_id, caller.username),
        absl::StrCat(points.size(), " criterion value(s)", comment ? ", comment" : ""));
  }));
  return out;
}

absl::StatusOr<Sheets::ImportResult> Sheets::ImportSheets(
    const Caller& caller, const std::string& code, int year, int position,
    const std::vector<ImportRow>& rows, bool dry_run) {
  if (rows.size() > kMaxImportRows) {
    return absl::InvalidArgumentError(absl::StrCat(
        "a sheet import takes at most ", kMaxImportRows, " rows, got ", rows.size(),
        "; nothing was written: split the file and import the parts one after another"));
  }
  int64_t now = ctx_->Now();
  ImportResult result;
  result.rows = static_cast<int>(rows.size());
  bool read_only = dry_run;
  for (const ImportRow& row : rows) read_only = read_only || !row.malformed.empty();
  ImportErrors errors;
  auto work = [&](Connection& db) -> absl::StatusOr<bool> {
    ASSIGN_OR_RETURN(SheetContext c, LoadScope(db, code, year, position, caller.user_id));
    // Every row is checked against the sheet as the earlier rows leave it;
    // one entry per enrolment, a later row replacing an earlier one.
    std::vector<ImportedSheet> ready;
    std::unordered_map<int64_t, size_t> ready_at;  // enrolment id → index in `ready`
    for (const ImportRow& row : rows) {
      if (!row.malformed.empty()) {
        errors.Add(row.line, "", row.malformed);
        continue;
      }
      auto earlier = ready_at.find(row.enrolment_id);
      absl::Status status = [&]() -> absl::Status {
        RETURN_IF_ERROR(LoadRow(db, code, year, row.enrolment_id, caller.user_id,
                                /*load_sheet=*/earlier == ready_at.end(), &c));
        ImportedSheet next;
        if (earlier != ready_at.end()) {
          next = ready[earlier->second];
        } else {
          next.stored = c.sheet;
          next.sheet = c.sheet.value_or(Sheet{});
        }
        RETURN_IF_ERROR(ApplyScores(caller, c, row.points, row.comment, &next.sheet));
        if (row.submit) {
          RETURN_IF_ERROR(domain::CheckSubmit(c.rubric, next.sheet.points));
          next.sheet.state = SheetState::kSubmitted;
          next.sheet.appeal_id = 0;
        }
        if (earlier != ready_at.end()) {
          ready[earlier->second] = std::move(next);
        } else {
          ready_at.emplace(row.enrolment_id, ready.size());
          ready.push_back(std::move(next));
        }
        return absl::OkStatus();
      }();
      if (!status.ok()) errors.Add(row.line, "", std::string(status.message()));
    }
    if (!errors.empty() || read_only) return false;
    for (ImportedSheet& next : ready) {
      Sheet& sheet = next.sheet;
      std::vector<std::optional<int64_t>> before =
          next.stored ? next.stored->points
                      : std::vector<std::optional<int64_t>>(sheet.points.size());
      sheet.id = next.stored ? next.stored->id : 0;
      RETURN_IF_ERROR(SheetRepository::Save(db, &sheet, now));
      RETURN_IF_ERROR(RecordPointChanges(db, caller, c.rubric, before, sheet, now, "imported"));
      if (sheet.state == SheetState::kSubmitted) {
        ++result.submitted;
        RETURN_IF_ERROR(SheetRepository::AddChange(
            db, sheet.id, caller.actor(), {now, "", "submit", "draft", "submitted", "imported"}));
      }
      ++result.written;
    }
    RETURN_IF_ERROR(storage::AuditLog::Append(
        db, now, caller.actor(), "ImportSheets", common::RoundName(code, year, position),
        absl::StrCat("sheets=", result.written, " submitted=", result.submitted)));
    return true;
  };
  if (read_only) {
    RETURN_IF_ERROR(ctx_->store().Read([&](Connection& db) { return work(db).status(); }));
  } else {
    RETURN_IF_ERROR(ctx_->store().WriteIfDecided(work));
  }
  result.error_count = errors.count();
  result.errors = errors.TakeListed();
  return result;
}

absl::StatusOr<SheetView> Sheets::SubmitSheet(const Caller& caller, const std::string& code, int year,
                                        int position, int64_t enrolment_id) {
  int64_t now = ctx_->Now();
  SheetView out;
  Sheet& sheet = out.sheet;
  RETURN_IF_ERROR(ctx_->store().Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(SheetContext c, Load(db, code, year, position, enrolment_id, caller.user_id));
    out.rubric = c.rubric;
    if (!c.sheet) return NoSheet(enrolment_id, caller.username);
    sheet = std::move(*c.sheet);
    RETURN_IF_ERROR(CheckSheetWriter(caller, c.assessor.id, c.assigned));
    RETURN_IF_ERROR(domain::CheckWriteSheet(c.round.state, sheet.state, sheet.appeal_id != 0));
    RETURN_IF_ERROR(domain::CheckScorable(c.enrolment));
    RETURN_IF_ERROR(domain::CheckSubmit(c.rubric, sheet.points));
    sheet.state = SheetState::kSubmitted;
    sheet.appeal_id = 0;  // resubmitted: the appeal's amendment is done
    RETURN_IF_ERROR(SheetRepository::Save(db, &sheet, now));
    RETURN_IF_ERROR(SheetRepository::AddChange(db, sheet.id, caller.actor(),
                                               {now, "", "submit", "draft", "submitted", ""}));
    return storage::AuditLog::Append(
        db, now, caller.actor(), "SubmitSheet",
        SheetResource(code, year, position, enrolment_id, caller.username), "submitted");
  }));
  return out;
}

absl::StatusOr<SheetView> Sheets::GetSheet(const Caller& caller, const std::string& code, int year,
                                     int position, int64_t enrolment_id,
                                     const std::string& assessor) {
  std::string username = assessor.empty() ? caller.username : assessor;
  RETURN_IF_ERROR(CheckSheetReader(caller, username));
  SheetView out;
  Sheet& sheet = out.sheet;
  RETURN_IF_ERROR(ctx_->store().Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(domain::User user, storage::UserRepository::FindByUsername(db, username));
    ASSIGN_OR_RETURN(SheetContext c, Load(db, code, year, position, enrolment_id, user.id));
    out.rubric = c.rubric;
    RETURN_IF_ERROR(CheckSheetReadAssigned(caller, c.assigned));
    if (!c.sheet) return NoSheet(enrolment_id, username);
    sheet = std::move(*c.sheet);
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<SheetView> Sheets::ReopenSheet(const Caller& caller, const std::string& code, int year,
                                        int position, int64_t enrolment_id,
                                        const std::string& assessor, std::string reason) {
  int64_t now = ctx_->Now();
  SheetView out;
  Sheet& sheet = out.sheet;
  RETURN_IF_ERROR(ctx_->store().Write([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(domain::User user, storage::UserRepository::FindByUsername(db, assessor));
    ASSIGN_OR_RETURN(SheetContext c, Load(db, code, year, position, enrolment_id, user.id));
    out.rubric = c.rubric;
    if (!c.sheet) return NoSheet(enrolment_id, assessor);
    sheet = std::move(*c.sheet);
    RETURN_IF_ERROR(domain::CheckReopen(c.round.state, sheet.state, &reason));
    sheet.state = SheetState::kDraft;
    RETURN_IF_ERROR(SheetRepository::Save(db, &sheet, now));
    RETURN_IF_ERROR(SheetRepository::AddChange(db, sheet.id, caller.actor(),
                                               {now, "", "reopen", "submitted", "draft", reason}));
    return storage::AuditLog::Append(db, now, caller.actor(), "ReopenSheet",
                                     SheetResource(code, year, position, enrolment_id, assessor),
                                     absl::StrCat("reason=", reason));
  }));
  return out;
}

absl::StatusOr<std::vector<SheetChange>> Sheets::SheetHistory(const std::string& code, int year,
                                                            int position, int64_t enrolment_id,
                                                            const std::string& assessor) {
  std::vector<SheetChange> out;
  RETURN_IF_ERROR(ctx_->store().Read([&](Connection& db) -> absl::Status {
    ASSIGN_OR_RETURN(domain::User user, storage::UserRepository::FindByUsername(db, assessor));
    ASSIGN_OR_RETURN(SheetContext c, Load(db, code, year, position, enrolment_id, user.id));
    if (!c.sheet) return NoSheet(enrolment_id, assessor);
    ASSIGN_OR_RETURN(out, SheetRepository::History(db, c.sheet->id));
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace talent::core
