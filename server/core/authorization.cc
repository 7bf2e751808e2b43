#include "server/core/authorization.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "common/labels.h"

namespace talent::core {
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
  static const auto* table = [] {
    // Service name, then its methods: spelt once, joined into full names.
    const std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::vector<Role>>>>>
        services = {
            {"ProgrammeService",
             {{"CreateProgramme", kAdmin},
              {"GetProgramme", kAnyone},
              {"ListProgrammes", kAnyone},
              {"UpdateProgramme", kAdmin},
              {"GetProgrammeProgress", kAdminViewer}}},
            {"CohortService",
             {{"CreateCohort", kAdmin},
              {"GetCohort", kAnyone},
              {"ListCohorts", kAnyone},
              {"SetQuotas", kAdmin},
              {"OpenEnrolment", kAdmin},
              {"StartCultivation", kAdmin},
              {"ImportHistory", kAdmin}}},
            {"EnrolmentService",
             {{"CreateEnrolment", kAdmin},
              {"GetEnrolment", kAdminViewer},
              {"ListEnrolments", kAdminViewer},
              {"RecommendEnrolment", kAdmin},
              {"SelectEnrolment", kAdmin},
              {"RejectEnrolment", kAdmin},
              {"WithdrawEnrolment", kAdmin},
              {"ImportEnrolments", kAdmin}}},
            {"AssessmentService",
             {{"GetRubric", kAnyone},
              {"SetRubric", kAdmin},
              {"GetRules", kAnyone},
              {"SetRules", kAdmin}}},
            {"RoundService",
             {{"CreateRound", kAdmin},
              {"ListRounds", kAnyone},
              {"GetRound", kAnyone},
              {"OpenRound", kAdmin},
              {"AddConflict", kAdmin},
              {"ListConflicts", kAdminViewer},
              {"AssignAssessors", kAdmin},
              {"ListAssignments", kAnyone},  // assessors: their own (AssignmentsVisibleTo)
              {"MarkAbsent", kAdmin},
              {"CloseScoring", kAdmin},
              {"PublishNotice", kAdmin},
              {"GetResults", kAdminViewer},
              {"GetPublicNotice", kAdminViewer},
              {"FileAppeal", kAdmin},
              {"ResolveAppeal", kAdmin},
              {"ListAppeals", kAdminViewer},
              {"ConfirmRound", kAdmin}}},
            {"SheetService",
             {{"SetScores", kAssessor},  // their own, assigned (CheckSheetWriter)
              {"SubmitSheet", kAssessor},
              {"GetSheet", kAdminAssessor},  // assessors: their own (CheckSheetReader)
              {"ReopenSheet", kAdmin},
              {"ListSheetHistory", kAdmin},
              {"ImportSheets", kAssessor}}},
            {"CertificateService",
             {{"IssueCertificates", kAdmin},
              {"ListCertificates", kAdminViewer},
              {"GetCertificate", kAdminViewer},
              {"RevokeCertificate", kAdmin},
              {"VerifyCertificate", kPublic},
              {"GetPublicKey", kPublic}}},
            {"AuditService",
             {{"ListAuditEvents", kAdminViewer},
              {"VerifyAuditLog", kAdminViewer},
              {"ExportAuditLog", kAdminViewer}}},
            {"UserService",
             {{"CreateUser", kAdmin},
              {"InviteUser", kAdmin},
              {"RedeemInvitation", kPublic},  // the code is the credential
              {"GetUser", kAnyone},  // others' accounts: ADMIN only (CheckUserLookup)
              {"ListUsers", kAdminViewer},
              {"DisableUser", kAdmin},
              {"WhoAmI", kAnyone},
              {"CreateToken", kAnyone},  // one's own only, ADMIN too (CheckTokenCreator)
              {"RenewToken", kAnyone},   // the token the call came with
              {"ListTokens", kAnyone},   // others' tokens: ADMIN only (CheckTokenOwner)
              {"RevokeToken", kAnyone}}},
        };
    auto* out = new std::map<std::string, std::vector<Role>>;
    for (const auto& [service, methods] : services) {
      for (const auto& [method, roles] : methods) {
        (*out)[absl::StrCat(kApiPackage, ".", service, ".", method)] = roles;
      }
    }
    return out;
  }();
  return *table;
}

// "talent.v1.RoundService.OpenRound" → "OpenRound".
std::string ShortName(const std::string& full_method) {
  size_t dot = full_method.rfind('.');
  return dot == std::string::npos ? full_method : full_method.substr(dot + 1);
}

const char kNotAssigned[] = "this enrolment is not assigned to you in this round";

}  // namespace

const std::vector<Role>& AllowedRoles(const std::string& full_method) {
  static const std::vector<Role> kNobody;
  auto it = Table().find(full_method);
  return it == Table().end() ? kNobody : it->second;
}

bool IsPublic(const std::string& full_method) { return AllowedRoles(full_method) == kPublic; }

std::vector<std::string> MethodsWithRoles() {
  std::vector<std::string> out;
  for (const auto& [method, roles] : Table()) out.push_back(method);
  return out;
}

absl::Status CheckRole(const Caller& caller, const std::string& full_method) {
  for (Role role : AllowedRoles(full_method)) {
    if (role == caller.role) return absl::OkStatus();
  }
  return absl::PermissionDeniedError(
      absl::StrCat(ShortName(full_method), " is not allowed for the ",
                   common::EnglishLabel(domain::RoleKey(caller.role)), " role (you are ",
                   caller.username, ")"));
}

absl::Status CheckTokenOwner(const Caller& caller, const std::string& username) {
  if (caller.role == Role::kAdmin || caller.username == username) return absl::OkStatus();
  return absl::PermissionDeniedError(
      absl::StrCat("only an administrator may manage another user's tokens (you are ",
                   caller.username, ")"));
}

absl::Status CheckTokenCreator(const Caller& caller, const std::string& username) {
  if (caller.username == username) return absl::OkStatus();
  return absl::PermissionDeniedError(absl::StrCat(
      "tokens are made only for oneself: an administrator never holds another user's token; "
      "invite them instead ('talentctl user invite ",
      username, "') (you are ", caller.username, ")"));
}

absl::Status CheckUserLookup(const Caller& caller, const std::string& username) {
  if (caller.role == Role::kAdmin || caller.username == username) return absl::OkStatus();
  return absl::PermissionDeniedError("only administrators may look up other users");
}

absl::Status CheckSheetWriter(const Caller& caller, int64_t assessor_id, bool assigned) {
  if (caller.user_id != assessor_id) {
    return absl::PermissionDeniedError("assessors may only write their own sheets");
  }
  if (!assigned) return absl::PermissionDeniedError(kNotAssigned);
  return absl::OkStatus();
}

absl::Status CheckSheetReader(const Caller& caller, const std::string& assessor) {
  if (caller.role == Role::kAdmin || assessor == caller.username) return absl::OkStatus();
  return absl::PermissionDeniedError("assessors may only read their own sheets");
}

absl::Status CheckSheetReadAssigned(const Caller& caller, bool assigned) {
  if (caller.role == Role::kAdmin || assigned) return absl::OkStatus();
  return absl::PermissionDeniedError(kNotAssigned);
}

int64_t AssignmentsVisibleTo(const Caller& caller) {
  return caller.role == Role::kAssessor ? caller.user_id : 0;
}

}  // namespace talent::core
