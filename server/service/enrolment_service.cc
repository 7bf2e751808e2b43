#include "server/service/enrolment_service.h"

#include <malloc.h>

#include "absl/strings/str_cat.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "server/core/authorization.h"
#include "server/service/access.h"
#include "server/service/mapping.h"
#include "server/service/metrics.h"

namespace talent::service {
namespace {

// The RPCs of talent.v1.EnrolmentService, checked against the API's descriptors.
const Rpc& EnrolmentRpc(const char* method) {
  return FindRpc(v1::EnrolmentService::service_full_name(), method);
}

using core::Caller;

constexpr size_t kMaxImportRows = 1000000;

// "256 MB", "64 KB", or the bytes when neither is whole.
std::string DescribeBytes(uint64_t bytes) {
  if (bytes % (uint64_t{1} << 20) == 0) return absl::StrCat(bytes >> 20, " MB");
  if (bytes % (uint64_t{1} << 10) == 0) return absl::StrCat(bytes >> 10, " KB");
  return absl::StrCat(bytes, " bytes");
}

absl::Status TooLarge(uint64_t max_bytes) {
  return absl::ResourceExhaustedError(absl::StrCat(
      "the import is larger than this server's limit of ", DescribeBytes(max_bytes),
      " ('talentd serve --import-max-mb'); nothing was imported: split the file and import the "
      "parts one after another"));
}

domain::PersonalData ViewOf(bool show_personal_data) {
  return show_personal_data ? domain::PersonalData::kFull : domain::PersonalData::kMasked;
}

// Runs a stage change on the enrolment named `name` and returns it (masked
// by the use case).
absl::Status Transition(const std::string& name, v1::Enrolment* resp,
                        const std::function<absl::StatusOr<domain::Enrolment>(int64_t)>& change) {
  ASSIGN_OR_RETURN(int64_t id, common::ParseEnrolmentName("name", name));
  ASSIGN_OR_RETURN(domain::Enrolment e, change(id));
  ToProto(e, resp);
  return absl::OkStatus();
}

}  // namespace

grpc::Status EnrolmentService::CreateEnrolment(grpc::ServerContext* context,
                                               const v1::CreateEnrolmentRequest* req,
                                               v1::Enrolment* resp) {
  return Call(users_, context, EnrolmentRpc("CreateEnrolment"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(common::CohortRef ref,
                     common::ParseCohortName("enrolment.cohort", req->enrolment().cohort()));
    ASSIGN_OR_RETURN(domain::Enrolment e,
                     enrolments_->CreateEnrolment(caller, ref.code, ref.year,
                                            ApplicantFromProto(req->enrolment()),
                                            req->request_id()));
    ToProto(e, resp);
    return absl::OkStatus();
  });
}

grpc::Status EnrolmentService::GetEnrolment(grpc::ServerContext* context,
                                            const v1::GetEnrolmentRequest* req,
                                            v1::Enrolment* resp) {
  return Call(users_, context, EnrolmentRpc("GetEnrolment"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(int64_t id, common::ParseEnrolmentName("name", req->name()));
    ASSIGN_OR_RETURN(domain::Enrolment e,
                     enrolments_->GetEnrolment(caller, id, ViewOf(req->show_personal_data())));
    ToProto(e, resp);
    return absl::OkStatus();
  });
}

grpc::Status EnrolmentService::ListEnrolments(grpc::ServerContext* context,
                                              const v1::ListEnrolmentsRequest* req,
                                              v1::ListEnrolmentsResponse* resp) {
  return Call(users_, context, EnrolmentRpc("ListEnrolments"), [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(common::CohortRef ref, common::ParseCohortName("cohort", req->cohort()));
    if (!v1::Track_IsValid(req->track()) || !v1::Stage_IsValid(req->stage())) {
      return absl::InvalidArgumentError("track or stage is not a known value");
    }
    core::EnrolmentQuery query{ref.code, ref.year, static_cast<domain::Track>(req->track()),
                               static_cast<domain::Stage>(req->stage()), req->name_contains()};
    ASSIGN_OR_RETURN(auto page,
                     enrolments_->ListEnrolments(caller, query,
                                                 {req->page_size(), req->page_token()},
                                                 ViewOf(req->show_personal_data())));
    for (const domain::Enrolment& e : page.items) ToProto(e, resp->add_enrolments());
    resp->set_next_page_token(page.next_page_token);
    resp->set_total_size(page.total_size);
    return absl::OkStatus();
  });
}

grpc::Status EnrolmentService::RecommendEnrolment(grpc::ServerContext* context,
                                                  const v1::RecommendEnrolmentRequest* req,
                                                  v1::Enrolment* resp) {
  return Call(users_, context, EnrolmentRpc("RecommendEnrolment"), [&](const Caller& caller) -> absl::Status {
    const v1::Recommendation& in = req->recommendation();
    domain::Recommendation r;
    r.level = v1::RecommendationLevel_IsValid(in.level()) ? static_cast<domain::Level>(in.level())
                                                          : domain::Level::kUnspecified;
    r.body = in.body();
    if (!common::ParseDate(in.date(), &r.date)) {
      return absl::InvalidArgumentError(
          absl::StrCat("recommendation.date must be a date YYYY-MM-DD, got \"", in.date(), "\""));
    }
    return Transition(req->name(), resp,
                      [&](int64_t id) { return enrolments_->Recommend(caller, id, std::move(r)); });
  });
}

grpc::Status EnrolmentService::SelectEnrolment(grpc::ServerContext* context,
                                               const v1::SelectEnrolmentRequest* req,
                                               v1::Enrolment* resp) {
  return Call(users_, context, EnrolmentRpc("SelectEnrolment"), [&](const Caller& caller) -> absl::Status {
    return Transition(req->name(), resp, [&](int64_t id) { return enrolments_->Select(caller, id); });
  });
}

grpc::Status EnrolmentService::RejectEnrolment(grpc::ServerContext* context,
                                               const v1::RejectEnrolmentRequest* req,
                                               v1::Enrolment* resp) {
  return Call(users_, context, EnrolmentRpc("RejectEnrolment"), [&](const Caller& caller) -> absl::Status {
    return Transition(req->name(), resp,
                      [&](int64_t id) { return enrolments_->Reject(caller, id, req->reason()); });
  });
}

grpc::Status EnrolmentService::WithdrawEnrolment(grpc::ServerContext* context,
                                                 const v1::WithdrawEnrolmentRequest* req,
                                                 v1::Enrolment* resp) {
  return Call(users_, context, EnrolmentRpc("WithdrawEnrolment"), [&](const Caller& caller) -> absl::Status {
    return Transition(req->name(), resp,
                      [&](int64_t id) { return enrolments_->Withdraw(caller, id, req->reason()); });
  });
}

grpc::Status EnrolmentService::ImportEnrolments(
    grpc::ServerContext* context, grpc::ServerReader<v1::ImportEnrolmentsRequest>* reader,
    v1::ImportEnrolmentsResponse* resp) {
  return Call(users_, context, EnrolmentRpc("ImportEnrolments"), [&](const Caller& caller) -> absl::Status {
    v1::ImportEnrolmentsRequest message;
    if (!reader->Read(&message)) {
      return absl::InvalidArgumentError("the import stream is empty; send the cohort first");
    }
    ASSIGN_OR_RETURN(common::CohortRef ref, common::ParseCohortName("cohort", message.cohort()));
    bool dry_run = message.dry_run();
    std::string request_id = message.request_id();
    // The use case pulls the whole stream, one message at a time, before it
    // opens the transaction that writes the rows.
    bool first = true;
    size_t received = 0;
    uint64_t received_bytes = 0;
    auto source = [&](core::ImportBatch* batch) -> absl::StatusOr<bool> {
      if (!first && !reader->Read(&message)) {
        // Read() also ends when the client cancels or the deadline passes:
        // that is not the end of the file, and half a file must not be
        // imported.
        if (context->IsCancelled()) {
          return absl::CancelledError(
              "the import stream was cancelled before its end; nothing was imported");
        }
        return false;
      }
      first = false;
      const size_t message_bytes = message.ByteSizeLong();
      received_bytes += message_bytes;
      if (received_bytes > limits_.max_bytes) return TooLarge(limits_.max_bytes);
      Metrics::Global().CountImport(message.rows_size(), message_bytes);
      for (v1::ImportRow& row : *message.mutable_rows()) {
        if (++received > kMaxImportRows) {
          return absl::InvalidArgumentError(absl::StrCat(
              "an import takes at most ", kMaxImportRows, " rows; split the file"));
        }
        if (!row.malformed().empty()) {
          batch->AddMalformed(row.line(), std::move(*row.mutable_malformed()));
        } else {
          RETURN_IF_ERROR(batch->AddRow(row.line(), ApplicantFromProto(&row)));
        }
      }
      // The rows now live in the batch; the message's buffers go.
      message.Clear();
      return true;
    };
    ASSIGN_OR_RETURN(core::ImportResult result,
                     enrolments_->Import(caller, ref.code, ref.year, dry_run, request_id, source,
                                         limits_.rows));
    // A large import leaves freed heap behind; hand it back to the system.
    malloc_trim(0);
    resp->set_rows(result.rows);
    resp->set_imported(result.imported);
    resp->set_dry_run(result.dry_run);
    resp->set_error_count(static_cast<int32_t>(result.error_count));
    for (const core::ImportError& e : result.errors) {
      v1::ImportError* out = resp->add_errors();
      out->set_line(e.line);
      out->set_column(e.column);
      out->set_reason(e.reason);
    }
    return absl::OkStatus();
  });
}

}  // namespace talent::service
