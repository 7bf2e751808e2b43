#include "server/service/grpc_status.h"

#include <string>

#include "server/service/request_log.h"

namespace talent::service {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  auto code = static_cast<grpc::StatusCode>(status.code());
  if (status.code() == absl::StatusCode::kInternal || status.code() == absl::StatusCode::kUnknown) {
    LogMessage("internal error: " + std::string(status.message()), /*error=*/true);
    return grpc::Status(code, "internal error in talentd; the server log has the details");
  }
  return grpc::Status(code, std::string(status.message()));
}

}  // namespace talent::service
