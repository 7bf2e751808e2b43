// Authorisation, in one place: the table of which roles may call each RPC
// (keyed by the method's full name, "talent.v1.RoundService.OpenRound"),
// and beside it the ownership rules that go further than a role — an
// assessor's own sheets, only the enrolments assigned to them, a user's own
// tokens and account. The gRPC adapters check the table on every call; the
// use cases apply the ownership rules; nothing else decides who may do what.
//
// Thread-safe: the table is built once and never changed.
#ifndef TALENT_SERVER_CORE_AUTHORIZATION_H_
#define TALENT_SERVER_CORE_AUTHORIZATION_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "server/core/context.h"

namespace talent::core {

// The package every method of the table belongs to.
inline constexpr char kApiPackage[] = "talent.v1";

// The roles allowed to call the method with this full name; empty when the
// method is unknown (then nobody may call it).
const std::vector<domain::Role>& AllowedRoles(const std::string& full_method);

// Whether the method needs no token (certificate verification, the public
// key): AllowedRoles() then holds only Role::kUnspecified.
bool IsPublic(const std::string& full_method);

// Every method named in the table (full names), for the test that checks
// the table against the API.
std::vector<std::string> MethodsWithRoles();

// PERMISSION_DENIED naming the method (its short name) and the caller's role
// when the role is not in the table for `full_method`.
absl::Status CheckRole(const Caller& caller, const std::string& full_method);

// --- Ownership rules -------------------------------------------------------

// A user's tokens are listed and revoked by that user or an administrator.
// PERMISSION_DENIED otherwise.
absl::Status CheckTokenOwner(const Caller& caller, const std::string& username);

// A token is made only for the caller themself, whatever their role: nobody
// ever holds another user's token (an administrator invites them instead).
// PERMISSION_DENIED otherwise.
absl::Status CheckTokenCreator(const Caller& caller, const std::string& username);

// Another user's account is looked up only by an administrator.
// PERMISSION_DENIED otherwise.
absl::Status CheckUserLookup(const Caller& caller, const std::string& username);

// A sheet is written only by its own assessor, for an enrolment assigned to
// them in the round. PERMISSION_DENIED otherwise.
absl::Status CheckSheetWriter(const Caller& caller, int64_t assessor_id, bool assigned);

// Sheets are read by administrators, and by assessors only their own:
// `assessor` (a username) must be the caller's. PERMISSION_DENIED.
absl::Status CheckSheetReader(const Caller& caller, const std::string& assessor);

// An assessor reads a sheet only for an enrolment assigned to them in the
// round (administrators read any). PERMISSION_DENIED.
absl::Status CheckSheetReadAssigned(const Caller& caller, bool assigned);


// Whose assignments a listing shows: an assessor's own (their user id), or
// everyone's (0).
int64_t AssignmentsVisibleTo(const Caller& caller);

}  // namespace talent::core

#endif  // TALENT_SERVER_CORE_AUTHORIZATION_H_
