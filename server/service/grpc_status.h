// The one place absl::Status becomes grpc::Status (the canonical codes are
// numerically equal). INTERNAL and UNKNOWN details stay in the server log;
// the client gets a short message. Thread-safe.
#ifndef TALENT_SERVER_SERVICE_GRPC_STATUS_H_
#define TALENT_SERVER_SERVICE_GRPC_STATUS_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace talent::service {

grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace talent::service

#endif  // TALENT_SERVER_SERVICE_GRPC_STATUS_H_
