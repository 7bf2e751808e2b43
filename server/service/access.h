// Access control: the one table of which roles may call each RPC, and the
// Call wrapper every handler runs through — authenticate the bearer token,
// check the role, run the body, convert the status, log one line (method,
// code, latency, user; never a request field). Thread-safe.
#ifndef TALENT_SERVER_SERVICE_ACCESS_H_
#define TALENT_SERVER_SERVICE_ACCESS_H_

#include <grpcpp/server_context.h>

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "server/core/core.h"

namespace talent::service {

// The roles allowed to call `method` (e.g. "CreateProgramme"); empty when
// the method is unknown (then nobody may call it).
const std::vector<domain::Role>& AllowedRoles(const std::string& method);

// Whether `method` needs no token (certificate verification, the public
// key): AllowedRoles() then holds only Role::kUnspecified.
bool IsPublic(const std::string& method);

// Every method named in the table, for the test that checks the table
// covers every RPC of the API.
std::vector<std::string> MethodsWithRoles();

// Runs `body` for an authenticated caller allowed to call `method` (for a
// public method, for an anonymous caller: user_id 0, no role).
// UNAUTHENTICATED without a valid "authorization: Bearer" token;
// PERMISSION_DENIED for a role not in the table.
grpc::Status Call(core::Core* core, grpc::ServerContext* context, const char* method,
                  const std::function<absl::Status(const core::Caller&)>& body);

}  // namespace talent::service

#endif  // TALENT_SERVER_SERVICE_ACCESS_H_
