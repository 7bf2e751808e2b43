#include "server/service/sheet_service.h"

#include "absl/strings/str_cat.h"
#include "common/clock.h"
#include "common/fixed_point.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "server/service/access.h"
#include "server/service/mapping.h"

namespace talent::service {
namespace {

// The RPCs of talent.v1.SheetService, checked against the API's descriptors.
const Rpc& SheetRpc(const char* method) {
  return FindRpc(v1::SheetService::service_full_name(), method);
}

using core::Caller;


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


grpc::Status SheetService::SetScores(grpc::ServerContext* context,
                                     const v1::SetScoresRequest* req, v1::Sheet* resp) {
  return Call(users_, context, SheetRpc("SetScores"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(Target t, ParseTarget(req->round(), req->enrolment()));
    std::vector<std::pair<std::string, std::string>> points;
    for (const v1::Score& s : req->scores()) points.emplace_back(s.criterion(), s.points());
    std::optional<std::string> comment;
    if (req->has_comment()) comment = req->comment();
    ASSIGN_OR_RETURN(core::SheetView sheet,
                     sheets_->SetScores(caller, t.round.code, t.round.year, t.round.position,
                                      t.enrolment, points, comment));
    ToProto(t.round, sheet, resp);
    return absl::OkStatus();
  });
}

grpc::Status SheetService::SubmitSheet(grpc::ServerContext* context,
                                       const v1::SubmitSheetRequest* req, v1::Sheet* resp) {
  return Call(users_, context, SheetRpc("SubmitSheet"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(Target t, ParseTarget(req->round(), req->enrolment()));
    ASSIGN_OR_RETURN(core::SheetView sheet, sheets_->SubmitSheet(caller, t.round.code, t.round.year,
                                                              t.round.position, t.enrolment));
    ToProto(t.round, sheet, resp);
    return absl::OkStatus();
  });
}

grpc::Status SheetService::GetSheet(grpc::ServerContext* context, const v1::GetSheetRequest* req,
                                    v1::Sheet* resp) {
  return Call(users_, context, SheetRpc("GetSheet"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(Target t, ParseTarget(req->round(), req->enrolment()));
    ASSIGN_OR_RETURN(std::string assessor, OptionalUser(req->assessor()));
    ASSIGN_OR_RETURN(core::SheetView sheet,
                     sheets_->GetSheet(caller, t.round.code, t.round.year, t.round.position,
                                     t.enrolment, assessor));
    ToProto(t.round, sheet, resp);
    return absl::OkStatus();
  });
}

grpc::Status SheetService::ReopenSheet(grpc::ServerContext* context,
                                       const v1::ReopenSheetRequest* req, v1::Sheet* resp) {
  return Call(users_, context, SheetRpc("ReopenSheet"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(Target t, ParseTarget(req->round(), req->enrolment()));
    ASSIGN_OR_RETURN(std::string assessor, common::ParseUserName("assessor", req->assessor()));
    ASSIGN_OR_RETURN(core::SheetView sheet,
                     sheets_->ReopenSheet(caller, t.round.code, t.round.year, t.round.position,
                                        t.enrolment, assessor, req->reason()));
    ToProto(t.round, sheet, resp);
    return absl::OkStatus();
  });
}

grpc::Status SheetService::ListSheetHistory(grpc::ServerContext* context,
                                            const v1::ListSheetHistoryRequest* req,
                                            v1::ListSheetHistoryResponse* resp) {
  return Call(users_, context, SheetRpc("ListSheetHistory"), [&](const Caller&) -> absl::Status {
    ASSIGN_OR_RETURN(Target t, ParseTarget(req->round(), req->enrolment()));
    ASSIGN_OR_RETURN(std::string assessor, common::ParseUserName("assessor", req->assessor()));
    ASSIGN_OR_RETURN(auto changes, sheets_->SheetHistory(t.round.code, t.round.year,
                                                       t.round.position, t.enrolment, assessor));
    for (const domain::SheetChange& c : changes) ToProto(c, resp->add_changes());
    return absl::OkStatus();
  });
}

grpc::Status SheetService::ImportSheets(grpc::ServerContext* context,
                                        const v1::ImportSheetsRequest* req,
                                        v1::ImportSheetsResponse* resp) {
  return Call(users_, context, SheetRpc("ImportSheets"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(common::RoundRef ref, common::ParseRoundName("round", req->round()));
    std::vector<core::Sheets::ImportRow> rows;
    rows.reserve(req->rows_size());
    for (const v1::SheetRow& in : req->rows()) {
      core::Sheets::ImportRow& row = rows.emplace_back();
      row.line = in.line();
      absl::StatusOr<int64_t> id = common::ParseEnrolmentName("enrolment", in.enrolment());
      if (!id.ok()) {
        row.malformed = std::string(id.status().message());
        continue;
      }
      row.enrolment_id = *id;
      for (const v1::Score& s : in.scores()) row.points.emplace_back(s.criterion(), s.points());
      if (in.has_comment()) row.comment = in.comment();
      row.submit = in.submit();
    }
    ASSIGN_OR_RETURN(core::Sheets::ImportResult result,
                     sheets_->ImportSheets(caller, ref.code, ref.year, ref.position, rows,
                                           req->dry_run()));
    resp->set_rows(result.rows);
    resp->set_written(result.written);
    resp->set_submitted(result.submitted);
    resp->set_error_count(static_cast<int32_t>(result.error_count));
    for (const core::ImportError& e : result.errors) {
      v1::SheetRowError* out = resp->add_errors();
      out->set_line(e.line);
      out->set_reason(e.reason);
    }
    return absl::OkStatus();
  });
}

}  // namespace talent::service
