// The Call wrapper every gRPC handler runs through: authenticate the bearer
// token, check the caller's role against the one table in
// server/core/authorization.h (keyed by the method's full name from the
// descriptor pool), run the body, convert the status, count and log one line
// (method, code, latency, user, request id; never a request field).
// Thread-safe.
#ifndef TALENT_SERVER_SERVICE_ACCESS_H_
#define TALENT_SERVER_SERVICE_ACCESS_H_

#include <grpcpp/server_context.h>

#include <functional>
#include <string>

#include "absl/status/status.h"
#include "server/core/users.h"

namespace talent::service {

// The gRPC metadata key of a call's request id. A client may send one (at
// most kMaxRequestIdLength printable ASCII characters, no spaces); talentd
// makes one up when it sends none, sends it back in the initial metadata,
// logs it with the call and records it in the call's audit events.
inline constexpr char kRequestIdMetadata[] = "x-request-id";
inline constexpr size_t kMaxRequestIdLength = 64;

// One RPC of the API, as the descriptor pool knows it.
struct Rpc {
  std::string full_name;  // "talent.v1.RoundService.OpenRound"
  std::string name;       // "OpenRound"
};

// The RPC `method` of the service `service_full_name` ("talent.v1.RoundService"),
// looked up in the generated descriptor pool once and kept. A name the API
// does not have is a programming error: it aborts with the name, at the
// first call (every RPC has a test that calls it).
const Rpc& FindRpc(const char* service_full_name, const char* method);

// Runs `body` for an authenticated caller allowed to call `rpc` (for a
// public method, for an anonymous caller: user_id 0, no role).
// UNAUTHENTICATED without a valid "authorization: Bearer" token;
// PERMISSION_DENIED for a role not in the table; INVALID_ARGUMENT naming
// x-request-id for a malformed request id (before the token is looked at).
grpc::Status Call(core::Users* users, grpc::ServerContext* context, const Rpc& rpc,
                  const std::function<absl::Status(const core::Caller&)>& body);

}  // namespace talent::service

#endif  // TALENT_SERVER_SERVICE_ACCESS_H_
