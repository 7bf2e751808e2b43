// Conversion between talent.v1 messages and domain values, one mapping per
// entity and nowhere else. Enum values are
// numerically equal on both sides (checked by static_asserts in
// mapping.cc). Pure functions; thread-safe.
#ifndef TALENT_SERVER_SERVICE_MAPPING_H_
#define TALENT_SERVER_SERVICE_MAPPING_H_

#include "common/audit_chain.h"
#include "common/resource_names.h"
#include "server/core/history.h"
#include "server/core/results.h"
#include "server/core/sheets.h"
#include "server/domain/applicant.h"
#include "server/domain/types.h"
#include "server/domain/certificate_rules.h"
#include "talent/v1/certificate.pb.h"
#include "talent/v1/cohort.pb.h"
#include "talent/v1/enrolment.pb.h"
#include "talent/v1/programme.pb.h"
#include "talent/v1/audit.pb.h"
#include "talent/v1/round.pb.h"
#include "talent/v1/sheet.pb.h"
#include "talent/v1/user.pb.h"

namespace talent::service {

void ToProto(const domain::Programme& in, v1::Programme* out);
domain::Programme FromProto(const v1::Programme& in);

void ToProto(const domain::Cohort& in, v1::Cohort* out);

// A history import's rows and answer.
core::History::Row FromProto(const v1::HistoryRow& in);
void ToProto(const core::History::Outcome& in, const std::string& verification_url_base,
             v1::ImportHistoryResponse* out);
domain::PerTrack FromProto(const v1::TrackQuotas& in);

// The person as the use case gave it (masked or in full: core decides);
// an unknown birth date is left empty.
void ToProto(const domain::Enrolment& in, v1::Enrolment* out);
// The application fields of a CreateEnrolment, as text for the validator.
domain::ApplicantInput ApplicantFromProto(const v1::Enrolment& in);
// Moves the row's text out of `in`.
domain::ApplicantInput ApplicantFromProto(v1::ImportRow* in);

// The public facts, signature and revocation; with `register_fields` also
// the enrolment and who issued it when (for ADMIN and VIEWER).
// `verification_url_base` (e.g. "https://talent.example.org") makes
// verification_url "<base>/verify/<number>"; empty leaves it empty.
void ToProto(const domain::Certificate& in, bool register_fields,
             const std::string& verification_url_base, v1::Certificate* out);
void ToProto(const domain::ProgrammeProgress& in, const std::string& code,
             v1::ProgrammeProgress* out);

void ToProto(const domain::User& in, v1::User* out);
void ToProto(const domain::Token& in, v1::Token* out);
// Without the code, which only the call that makes it returns.
void ToProto(const domain::Invitation& in, v1::Invitation* out);

void ToProto(const std::string& code, int year, const domain::Round& in, v1::Round* out);
void ToProto(const common::RoundRef& round, const domain::Appeal& in, v1::Appeal* out);
void ToProto(const domain::Conflict& in, v1::Conflict* out);
void ToProto(const domain::Assignment& in, v1::Assignment* out);
// The results with the rules they were computed under; candidates' names
// and tracks from the enrolments listed with them.
void ToProto(const common::RoundRef& round, const core::Results::RoundResults& in,
             v1::RoundResults* out);
void ToProto(const common::RoundRef& round, const domain::PublicNotice& in,
             v1::PublicNotice* out);
// The sheet's points in rubric order, and its total (domain::SheetTotal).
void ToProto(const common::RoundRef& round, const core::SheetView& in, v1::Sheet* out);
void ToProto(const domain::SheetChange& in, v1::SheetChange* out);

void ToProto(const domain::AuditEvent& in, v1::AuditEvent* out);
void ToProto(const common::ChainedEvent& in, v1::ChainedAuditEvent* out);
void ToProto(const common::AuditHead& in, v1::AuditHead* out);

}  // namespace talent::service

#endif  // TALENT_SERVER_SERVICE_MAPPING_H_
