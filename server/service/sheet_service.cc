#include "server/service/sheet_service.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/clock.h"
#include "common/fixed_point.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "server/service/access.h"

namespace talent::service {
namespace {

using core::Caller;

static_assert(static_cast<int>(domain::SheetState::kSubmitted) == v1::SHEET_STATE_SUBMITTED);

// The round and enrolment of a request.
struct Target {
  common::RoundRef round;
  int64_t enrolment = 0;
};

absl::StatusOr<Target> ParseTarget(const std::string& round, const std::string& enrolment) {
  Target t;
  ASSIGN_OR_RETURN(t.round, common::ParseRoundName("round", round));
  ASSIGN_OR_RETURN(t.enrolment, common::ParseEnrolmentName("enrolment", enrolment));
  return t;
}

absl::StatusOr<std::string> OptionalUser(const std::string& name) {
  if (name.empty()) return std::string();
  return common::ParseUserName("assessor", name);
}

}  // namespace

absl::Status SheetService::ToProto(const common::RoundRef& r, const storage::Sheet& sheet,
                                   v1::Sheet* out) {
  ASSIGN_OR_RETURN(domain::Rubric rubric, core_->GetRubric(r.code, r.year));
  std::string round = common::RoundName(r.code, r.year, r.position);
  out->set_name(absl::StrCat(round, "/", common::EnrolmentName(sheet.enrolment_id), "/sheets/",
                             sheet.assessor));
  out->set_round(round);
  out->set_enrolment(common::EnrolmentName(sheet.enrolment_id));
  out->set_assessor(common::UserName(sheet.assessor));
  out->set_state(static_cast<v1::SheetState>(sheet.state));
  int64_t total = 0;
  for (size_t i = 0; i < rubric.criteria.size(); ++i) {
    v1::Score* score = out->add_scores();
    score->set_criterion(rubric.criteria[i].code);
    if (i < sheet.points.size() && sheet.points[i]) {
      score->set_points(common::FormatTenths(*sheet.points[i]));
      total += *sheet.points[i];
    }
  }
  out->set_total(common::FormatTenths(total));
  out->set_comment(sheet.comment);
  out->set_update_time(common::FormatTimestamp(sheet.update_time));
  return absl::OkStatus();
}

grpc::Status SheetService::SetScores(grpc::ServerContext* context,
                                     const v1::SetScoresRequest* req, v1::Sheet* resp) {
  return Call(core_, context, "SetScores", [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(Target t, ParseTarget(req->round(), req->enrolment()));
    std::vector<std::pair<std::string, std::string>> points;
    for (const v1::Score& s : req->scores()) points.emplace_back(s.criterion(), s.points());
    std::optional<std::string> comment;
    if (req->has_comment()) comment = req->comment();
    ASSIGN_OR_RETURN(storage::Sheet sheet,
                     core_->SetScores(caller, t.round.code, t.round.year, t.round.position,
                                      t.enrolment, points, comment));
    return ToProto(t.round, sheet, resp);
  });
}

grpc::Status SheetService::SubmitSheet(grpc::ServerContext* context,
                                       const v1::SubmitSheetRequest* req, v1::Sheet* resp) {
  return Call(core_, context, "SubmitSheet", [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(Target t, ParseTarget(req->round(), req->enrolment()));
    ASSIGN_OR_RETURN(storage::Sheet sheet, core_->SubmitSheet(caller, t.round.code, t.round.year,
                                                              t.round.position, t.enrolment));
    return ToProto(t.round, sheet, resp);
  });
}

grpc::Status SheetService::GetSheet(grpc::ServerContext* context, const v1::GetSheetRequest* req,
                                    v1::Sheet* resp) {
  return Call(core_, context, "GetSheet", [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(Target t, ParseTarget(req->round(), req->enrolment()));
    ASSIGN_OR_RETURN(std::string assessor, OptionalUser(req->assessor()));
    ASSIGN_OR_RETURN(storage::Sheet sheet,
                     core_->GetSheet(caller, t.round.code, t.round.year, t.round.position,
                                     t.enrolment, assessor));
    return ToProto(t.round, sheet, resp);
  });
}

grpc::Status SheetService::ReopenSheet(grpc::ServerContext* context,
                                       const v1::ReopenSheetRequest* req, v1::Sheet* resp) {
  return Call(core_, context, "ReopenSheet", [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(Target t, ParseTarget(req->round(), req->enrolment()));
    ASSIGN_OR_RETURN(std::string assessor, common::ParseUserName("assessor", req->assessor()));
    ASSIGN_OR_RETURN(storage::Sheet sheet,
                     core_->ReopenSheet(caller, t.round.code, t.round.year, t.round.position,
                                        t.enrolment, assessor, req->reason()));
    return ToProto(t.round, sheet, resp);
  });
}

grpc::Status SheetService::ListSheetHistory(grpc::ServerContext* context,
                                            const v1::ListSheetHistoryRequest* req,
                                            v1::ListSheetHistoryResponse* resp) {
  return Call(core_, context, "ListSheetHistory", [&](const Caller&) -> absl::Status {
    ASSIGN_OR_RETURN(Target t, ParseTarget(req->round(), req->enrolment()));
    ASSIGN_OR_RETURN(std::string assessor, common::ParseUserName("assessor", req->assessor()));
    ASSIGN_OR_RETURN(auto changes, core_->SheetHistory(t.round.code, t.round.year,
                                                       t.round.position, t.enrolment, assessor));
    for (const storage::SheetChange& c : changes) {
      v1::SheetChange* out = resp->add_changes();
      out->set_time(common::FormatTimestamp(c.time));
      out->set_user(common::UserName(c.user));
      out->set_change(c.change);
      out->set_old_value(c.old_value);
      out->set_new_value(c.new_value);
      out->set_reason(c.reason);
    }
    return absl::OkStatus();
  });
}

grpc::Status SheetService::ImportSheets(grpc::ServerContext* context,
                                        const v1::ImportSheetsRequest* req,
                                        v1::ImportSheetsResponse* resp) {
  return Call(core_, context, "ImportSheets", [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(common::RoundRef ref, common::ParseRoundName("round", req->round()));
    std::vector<core::Core::SheetImportRow> rows;
    std::vector<core::ImportError> bad_names;
    for (const v1::SheetRow& in : req->rows()) {
      core::Core::SheetImportRow row;
      row.line = in.line();
      absl::StatusOr<int64_t> id = common::ParseEnrolmentName("enrolment", in.enrolment());
      if (!id.ok()) {
        bad_names.push_back({in.line(), "", std::string(id.status().message())});
        continue;
      }
      row.enrolment_id = *id;
      for (const v1::Score& s : in.scores()) row.points.emplace_back(s.criterion(), s.points());
      if (in.has_comment()) row.comment = in.comment();
      row.submit = in.submit();
      rows.push_back(std::move(row));
    }
    ASSIGN_OR_RETURN(core::Core::SheetImportResult result,
                     core_->ImportSheets(caller, ref.code, ref.year, ref.position, rows,
                                         req->dry_run() || !bad_names.empty()));
    result.errors.insert(result.errors.end(), bad_names.begin(), bad_names.end());
    std::stable_sort(result.errors.begin(), result.errors.end(),
                     [](const core::ImportError& a, const core::ImportError& b) {
                       return a.line < b.line;
                     });
    resp->set_rows(req->rows_size());
    resp->set_written(result.errors.empty() ? result.written : 0);
    resp->set_submitted(result.errors.empty() ? result.submitted : 0);
    for (const core::ImportError& e : result.errors) {
      v1::SheetRowError* out = resp->add_errors();
      out->set_line(e.line);
      out->set_reason(e.reason);
    }
    return absl::OkStatus();
  });
}

}  // namespace talent::service
