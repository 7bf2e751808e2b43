// Who may call each RPC of the API, written out by hand from the product's
// rules (not read from the role table in server/core/authorization.cc), so
// that a change to who may do what must be made twice to pass: once in the
// table, once here. Shared by the table test and the over-the-wire test.
#ifndef TALENT_TESTS_SERVICE_EXPECTED_ROLES_H_
#define TALENT_TESTS_SERVICE_EXPECTED_ROLES_H_

#include <string>
#include <utility>
#include <vector>

#include "server/domain/types.h"

namespace talent::testing {

struct ExpectedRoles {
  const char* method;  // "Service.Method" in package talent.v1
  std::vector<domain::Role> roles;  // {kUnspecified}: public, no token needed
};

inline const std::vector<ExpectedRoles>& ExpectedRoleTable() {
  using R = domain::Role;
  static const auto* table = [] {
    const std::vector<R> admin = {R::kAdmin};
    const std::vector<R> admin_viewer = {R::kAdmin, R::kViewer};
    const std::vector<R> assessor = {R::kAssessor};
    const std::vector<R> admin_assessor = {R::kAdmin, R::kAssessor};
    const std::vector<R> anyone = {R::kAdmin, R::kAssessor, R::kViewer};
    const std::vector<R> open = {R::kUnspecified};
    return new std::vector<ExpectedRoles>{
        {"ProgrammeService.CreateProgramme", admin},
        {"ProgrammeService.GetProgramme", anyone},
        {"ProgrammeService.ListProgrammes", anyone},
        {"ProgrammeService.UpdateProgramme", admin},
        {"ProgrammeService.GetProgrammeProgress", admin_viewer},
        {"CohortService.CreateCohort", admin},
        {"CohortService.GetCohort", anyone},
        {"CohortService.ListCohorts", anyone},
        {"CohortService.SetQuotas", admin},
        {"CohortService.OpenEnrolment", admin},
        {"CohortService.StartCultivation", admin},
        {"CohortService.ImportHistory", admin},
        {"EnrolmentService.CreateEnrolment", admin},
        {"EnrolmentService.GetEnrolment", admin_viewer},
        {"EnrolmentService.ListEnrolments", admin_viewer},
        {"EnrolmentService.RecommendEnrolment", admin},
        {"EnrolmentService.SelectEnrolment", admin},
        {"EnrolmentService.RejectEnrolment", admin},
        {"EnrolmentService.WithdrawEnrolment", admin},
        {"EnrolmentService.ImportEnrolments", admin},
        {"AssessmentService.GetRubric", anyone},
        {"AssessmentService.SetRubric", admin},
        {"AssessmentService.GetRules", anyone},
        {"AssessmentService.SetRules", admin},
        {"RoundService.CreateRound", admin},
        {"RoundService.ListRounds", anyone},
        {"RoundService.GetRound", anyone},
        {"RoundService.OpenRound", admin},
        {"RoundService.AddConflict", admin},
        {"RoundService.ListConflicts", admin_viewer},
        {"RoundService.AssignAssessors", admin},
        {"RoundService.ListAssignments", anyone},
        {"RoundService.MarkAbsent", admin},
        {"RoundService.CloseScoring", admin},
        {"RoundService.PublishNotice", admin},
        {"RoundService.GetResults", admin_viewer},
        {"RoundService.GetPublicNotice", admin_viewer},
        {"RoundService.FileAppeal", admin},
        {"RoundService.ResolveAppeal", admin},
        {"RoundService.ListAppeals", admin_viewer},
        {"RoundService.ConfirmRound", admin},
        {"SheetService.SetScores", assessor},
        {"SheetService.SubmitSheet", assessor},
        {"SheetService.GetSheet", admin_assessor},
        {"SheetService.ReopenSheet", admin},
        {"SheetService.ListSheetHistory", admin},
        {"SheetService.ImportSheets", assessor},
        {"CertificateService.IssueCertificates", admin},
        {"CertificateService.ListCertificates", admin_viewer},
        {"CertificateService.GetCertificate", admin_viewer},
        {"CertificateService.RevokeCertificate", admin},
        {"CertificateService.VerifyCertificate", open},
        {"CertificateService.GetPublicKey", open},
        {"AuditService.ListAuditEvents", admin_viewer},
        {"AuditService.VerifyAuditLog", admin_viewer},
        {"AuditService.ExportAuditLog", admin_viewer},
        {"UserService.CreateUser", admin},
        {"UserService.InviteUser", admin},
        {"UserService.RedeemInvitation", open},
        {"UserService.GetUser", anyone},
        {"UserService.ListUsers", admin_viewer},
        {"UserService.DisableUser", admin},
        {"UserService.WhoAmI", anyone},
        {"UserService.CreateToken", anyone},
        {"UserService.RenewToken", anyone},
        {"UserService.ListTokens", anyone},
        {"UserService.RevokeToken", anyone},
    };
  }();
  return *table;
}

}  // namespace talent::testing

#endif  // TALENT_TESTS_SERVICE_EXPECTED_ROLES_H_
