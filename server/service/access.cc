#include "server/service/access.h"

#include <chrono>
#include <cstdio>
#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/clock.h"
#include "common/labels.h"
#include "server/service/grpc_status.h"
#include "server/service/metrics.h"

namespace talent::service {
namespace {

using domain::Role;

const std::vector<Role> kAdmin = {Role::kAdmin};
const std::vector<Role> kAdminViewer = {Role::kAdmin, Role::kViewer};
const std::vector<Role> kAssessor = {Role::kAssessor};
const std::vector<Role> kAdminAssessor = {Role::kAdmin, Role::kAssessor};
const std::vector<Role> kAnyone = {Role::kAdmin, Role::kAssessor, Role::kViewer};
// No token needed: anyone on the network, with or without an account.
const std::vector<Role> kPublic = {Role::kUnspecified};

const std::map<std::string, std::vector<Role>>& Table() {
  static const auto* table = new std::map<std::string, std::vector<Role>>{
      // ProgrammeService
      {"CreateProgramme", kAdmin},
      {"GetProgramme", kAnyone},
      {"ListProgrammes", kAnyone},
      {"UpdateProgramme", kAdmin},
      {"GetProgrammeProgress", kAdminViewer},
      // CohortService
      {"CreateCohort", kAdmin},
      {"GetCohort", kAnyone},
      {"ListCohorts", kAnyone},
      {"SetQuotas", kAdmin},
      {"OpenEnrolment", kAdmin},
      {"StartCultivation", kAdmin},
      // EnrolmentService
      {"CreateEnrolment", kAdmin},
      {"GetEnrolment", kAdminViewer},
      {"ListEnrolments", kAdminViewer},
      {"RecommendEnrolment", kAdmin},
      {"SelectEnrolment", kAdmin},
      {"RejectEnrolment", kAdmin},
      {"WithdrawEnrolment", kAdmin},
      {"ImportEnrolments", kAdmin},
      // AssessmentService
      {"GetRubric", kAnyone},
      {"SetRubric", kAdmin},
      {"GetRules", kAnyone},
      {"SetRules", kAdmin},
      // RoundService
      {"CreateRound", kAdmin},
      {"ListRounds", kAnyone},
      {"GetRound", kAnyone},
      {"OpenRound", kAdmin},
      {"AddConflict", kAdmin},
      {"ListConflicts", kAdminViewer},
      {"AssignAssessors", kAdmin},
      {"ListAssignments", kAnyone},  // assessors see their own (Core)
      {"MarkAbsent", kAdmin},
      {"CloseScoring", kAdmin},
      {"PublishNotice", kAdmin},
      {"GetResults", kAdminViewer},
      {"FileAppeal", kAdmin},
      {"ResolveAppeal", kAdmin},
      {"ListAppeals", kAdminViewer},
      {"ConfirmRound", kAdmin},
      // SheetService
      {"SetScores", kAssessor},
      {"SubmitSheet", kAssessor},
      {"GetSheet", kAdminAssessor},  // assessors their own (Core)
      {"ReopenSheet", kAdmin},
      {"ListSheetHistory", kAdmin},
      {"ImportSheets", kAssessor},
      // CertificateService
      {"IssueCertificates", kAdmin},
      {"ListCertificates", kAdminViewer},
      {"GetCertificate", kAdminViewer},
      {"RevokeCertificate", kAdmin},
      {"VerifyCertificate", kPublic},
      {"GetPublicKey", kPublic},
      // AuditService
      {"ListAuditEvents", kAdminViewer},
      {"VerifyAuditLog", kAdminViewer},
      // UserService
      {"CreateUser", kAdmin},
      {"GetUser", kAnyone},  // others' accounts: ADMIN only (checked in the handler)
      {"ListUsers", kAdminViewer},
      {"DisableUser", kAdmin},
      {"WhoAmI", kAnyone},
      {"CreateToken", kAnyone},  // others' tokens: ADMIN only (checked in Core)
      {"ListTokens", kAnyone},
      {"RevokeToken", kAnyone},
  };
  return *table;
}

std::string BearerToken(const grpc::ServerContext* context) {
  auto range = context->client_metadata().equal_range("authorization");
  for (auto it = range.first; it != range.second; ++it) {
    std::string value(it->second.data(), it->second.size());
    if (absl::StartsWithIgnoreCase(value, "Bearer ")) return value.substr(7);
  }
  return "";
}

absl::Status Authorize(core::Core* core, grpc::ServerContext* context, const char* method,
                       core::Caller* caller) {
  if (IsPublic(method)) return absl::OkStatus();  // a token, if any, is not even looked at
  std::string token = BearerToken(context);
  if (token.empty()) {
    return absl::UnauthenticatedError(
        "no token: log in with 'talentctl login' or set TALENT_TOKEN");
  }
  absl::StatusOr<core::Caller> who = core->Authenticate(token);
  if (!who.ok()) return who.status();
  *caller = *who;
  for (Role role : AllowedRoles(method)) {
    if (role == caller->role) return absl::OkStatus();
  }
  return absl::PermissionDeniedError(absl::StrCat(
      method, " is not allowed for the ",
      common::EnglishLabel(domain::RoleKey(caller->role)),
      " role (you are ",
      caller->username, ")"));
}

}  // namespace

const std::vector<Role>& AllowedRoles(const std::string& method) {
  static const std::vector<Role> kNobody;
  auto it = Table().find(method);
  return it == Table().end() ? kNobody : it->second;
}

bool IsPublic(const std::string& method) { return AllowedRoles(method) == kPublic; }

std::vector<std::string> MethodsWithRoles() {
  std::vector<std::string> out;
  for (const auto& [method, roles] : Table()) out.push_back(method);
  return out;
}

grpc::Status Call(core::Core* core, grpc::ServerContext* context, const char* method,
                  const std::function<absl::Status(const core::Caller&)>& body) {
  auto start = std::chrono::steady_clock::now();
  core::Caller caller;
  absl::Status status = Authorize(core, context, method, &caller);
  if (status.ok()) status = body(caller);
  grpc::Status result = ToGrpcStatus(status);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                  .count();
  Metrics::Global().CountRpc(method, status.code(), ms / 1000);
  std::fprintf(stderr, "%s rpc=%s code=%s latency_ms=%.2f user=%s\n",
               common::FormatTimestamp(core->clock().NowSeconds()).c_str(), method,
               absl::StatusCodeToString(status.code()).c_str(), ms,
               caller.username.empty() ? "-" : caller.username.c_str());
  return result;
}

}  // namespace talent::service
