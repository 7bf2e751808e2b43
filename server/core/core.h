// Core: the one object that owns the server's state (the Store and the
// clock) and carries out each use case as one transaction: read through the
// repositories, decide with the domain rules, write, append to the audit
// log. The gRPC services are thin adapters over it; tests drive it directly
// too.
//
// Thread-safe: every method may be called from any number of threads (the
// Store serialises writes and pools readers; Core has no other state).
#ifndef TALENT_SERVER_CORE_CORE_H_
#define TALENT_SERVER_CORE_CORE_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/clock.h"
#include "server/core/import_batch.h"
#include "server/domain/applicant.h"
#include "server/core/signing_key.h"
#include "server/domain/assessment_rules.h"
#include "server/domain/certificate_rules.h"
#include "server/domain/results.h"
#include "server/domain/round_rules.h"
#include "server/domain/rubric.h"
#include "server/domain/types.h"
#include "server/storage/audit_log.h"
#include "server/storage/round_repository.h"
#include "server/storage/sheet_repository.h"
#include "server/storage/store.h"

namespace talent::core {

// The authenticated user on whose behalf a call runs.
struct Caller {
  int64_t user_id = 0;
  std::string username;
  domain::Role role = domain::Role::kUnspecified;
  std::string organisation;
};

struct PageRequest {
  int page_size = 0;       // 0: default 50; above 1000: 1000; negative: INVALID_ARGUMENT
  std::string page_token;  // from a previous page; empty: the first page
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::string next_page_token;  // empty on the last page
  int total_size = 0;           // set where the listing counts (enrolments)
};

struct EnrolmentQuery {
  std::string programme_code;
  int year = 0;
  domain::Track track = domain::Track::kUnspecified;
  domain::Stage stage = domain::Stage::kUnspecified;
  std::string name_contains;
};

struct ImportRow {
  int line = 0;
  domain::ApplicantInput input;
};

struct ImportResult {
  int rows = 0;
  int imported = 0;
  bool dry_run = false;
  std::vector<ImportError> errors;
};

struct NewToken {
  domain::Token token;
  std::string secret;  // shown once; only its hash is stored
};

struct NewUser {
  domain::User user;
  std::optional<NewToken> token;
};

class Core {
 public:
  // Without a signing key (tests of other use cases) the Core works but
  // issues no certificate and vouches for none; talentd always has one.
  Core(std::unique_ptr<storage::Store> store, const common::Clock* clock,
       std::optional<SigningKey> signing_key = std::nullopt);

  const common::Clock& clock() const { return *clock_; }

  // Creates the first administrator and a token for them. FAILED_PRECONDITION
  // when the database already has users.
  absl::StatusOr<NewToken> Bootstrap(domain::User admin);

  // The caller holding this bearer secret. UNAUTHENTICATED when the token is
  // unknown, revoked or expired, or its user is disabled.
  absl::StatusOr<Caller> Authenticate(const std::string& secret);

  // Programmes. Create: INVALID_ARGUMENT, ALREADY_EXISTS. Get/Update:
  // NOT_FOUND. Update: FAILED_PRECONDITION when cohorts fall outside the new
  // years.
  absl::StatusOr<domain::Programme> CreateProgramme(const Caller& caller,
                                                    domain::Programme programme,
                                                    const std::string& request_id);
  absl::StatusOr<domain::Programme> GetProgramme(const std::string& code);
  absl::StatusOr<Page<domain::Programme>> ListProgrammes(const PageRequest& page);
  absl::StatusOr<domain::Programme> UpdateProgramme(const Caller& caller, const std::string& code,
                                                    const domain::Programme& values,
                                                    const std::vector<std::string>& mask);

  // Cohorts. NOT_FOUND for a missing programme or cohort; the rules of
  // domain/programme_rules.h otherwise.
  absl::StatusOr<domain::Cohort> CreateCohort(const Caller& caller, const std::string& code,
                                              int year, const domain::PerTrack& quotas,
                                              const std::string& request_id);
  absl::StatusOr<domain::Cohort> GetCohort(const std::string& code, int year);
  absl::StatusOr<Page<domain::Cohort>> ListCohorts(const std::string& code,
                                                   const PageRequest& page);
  absl::StatusOr<domain::Cohort> SetQuotas(const Caller& caller, const std::string& code, int year,
                                           const domain::PerTrack& quotas);
  absl::StatusOr<domain::Cohort> OpenEnrolment(const Caller& caller, const std::string& code,
                                               int year);
  absl::StatusOr<domain::Cohort> StartCultivation(const Caller& caller, const std::string& code,
                                                  int year);

  // Enrolments. See talent.v1.EnrolmentService for the codes.
  absl::StatusOr<domain::Enrolment> CreateEnrolment(const Caller& caller, const std::string& code,
                                                    int year, const domain::ApplicantInput& input,
                                                    const std::string& request_id);
  absl::StatusOr<domain::Enrolment> GetEnrolment(int64_t id);
  absl::StatusOr<Page<domain::Enrolment>> ListEnrolments(const EnrolmentQuery& query,
                                                         const PageRequest& page);
  absl::StatusOr<domain::Enrolment> Recommend(const Caller& caller, int64_t id,
                                              domain::Recommendation recommendation);
  absl::StatusOr<domain::Enrolment> Select(const Caller& caller, int64_t id);
  absl::StatusOr<domain::Enrolment> Reject(const Caller& caller, int64_t id, std::string reason);
  absl::StatusOr<domain::Enrolment> Withdraw(const Caller& caller, int64_t id, std::string reason);
  // Adds the next rows of an import to the batch; false once there are no
  // more. An error aborts the import (nothing is written).
  using ImportSource = std::function<absl::StatusOr<bool>(ImportBatch* batch)>;

  // A bulk import, streamed: rows are pulled from `source` inside one write
  // transaction, checked (fields and duplicates in the batch, then the
  // database: people already in the cohort, holding an open enrolment in the
  // programme, or certified by it) and written as they come; the transaction
  // commits only if no row was bad and it is not a dry run (which reads
  // only). Other writers wait while an import runs. Row problems are in the
  // result, sorted by line; the status is an error only for the whole call
  // (NOT_FOUND cohort, FAILED_PRECONDITION not ENROLLING, or the source's).
  absl::StatusOr<ImportResult> Import(const Caller& caller, const std::string& code, int year,
                                      bool dry_run, const std::string& request_id,
                                      const ImportSource& source);
  // The same for rows already in memory.
  absl::StatusOr<ImportResult> Import(const Caller& caller, const std::string& code, int year,
                                      const std::vector<ImportRow>& rows, bool dry_run,
                                      const std::string& request_id);

  // A cohort's rubric and assessment rules (the defaults until set).
  // NOT_FOUND for a missing cohort; INVALID_ARGUMENT naming the bad field;
  // FAILED_PRECONDITION when the cohort's state no longer allows a change.
  absl::StatusOr<domain::Rubric> GetRubric(const std::string& code, int year);
  absl::StatusOr<domain::Rubric> SetRubric(const Caller& caller, const std::string& code, int year,
                                           domain::Rubric rubric);
  absl::StatusOr<domain::AssessmentRules> GetRules(const std::string& code, int year);
  // Sets the rules named in `mask` (AssessmentRules field names) to the
  // values in `values`; INVALID_ARGUMENT for an empty or unknown name.
  absl::StatusOr<domain::AssessmentRules> SetRules(const Caller& caller, const std::string& code,
                                                   int year,
                                                   const domain::AssessmentRules& values,
                                                   const std::vector<std::string>& mask);

  // Rounds of a cohort, by position. NOT_FOUND for a missing cohort or
  // round; the rules of domain/round_rules.h otherwise.
  absl::StatusOr<domain::Round> CreateRound(const Caller& caller, const std::string& code,
                                            int year, domain::Round round);
  absl::StatusOr<std::vector<domain::Round>> ListRounds(const std::string& code, int year);
  absl::StatusOr<domain::Round> GetRound(const std::string& code, int year, int position);
  absl::StatusOr<domain::Round> OpenRound(const Caller& caller, const std::string& code, int year,
                                          int position);

  // Declares that an assessor must not assess an enrolment. NOT_FOUND for
  // a missing user or enrolment; INVALID_ARGUMENT for an empty reason.
  absl::Status AddConflict(const Caller& caller, const std::string& assessor,
                           int64_t enrolment_id, std::string reason);
  absl::StatusOr<std::vector<storage::Conflict>> ListConflicts(const std::string& code, int year);

  // Whom to assign: the named enrolments (all or nothing: a recusal refuses
  // the call), or every active enrolment of a track or of the cohort (pairs
  // that must be recused are skipped and reported).
  struct AssignmentScope {
    std::vector<int64_t> enrolment_ids;
    domain::Track track = domain::Track::kUnspecified;
    bool whole_cohort = false;
  };
  struct AssignOutcome {
    int assigned = 0;  // new pairs
    int already = 0;   // pairs that were assigned before
    std::vector<std::string> skipped;  // why each recused pair was left out
  };
  // Assigns assessors in a round that is DRAFT or OPEN. FAILED_PRECONDITION
  // for a recusal (named enrolments), a wrong state, or a user who is not an
  // assessor; INVALID_ARGUMENT for an empty scope or assessor list.
  absl::StatusOr<AssignOutcome> Assign(const Caller& caller, const std::string& code, int year,
                                       int position, const std::vector<std::string>& assessors,
                                       const AssignmentScope& scope);
  // The round's assignments; an assessor sees only their own.
  absl::StatusOr<std::vector<storage::Assignment>> ListAssignments(const Caller& caller,
                                                                   const std::string& code,
                                                                   int year, int position);

  // Score sheets. The caller's own sheet (assessors) for an enrolment in a
  // round: points given per criterion code ("8.5"), and a comment when
  // `comment` is set. Every change is kept in the sheet's history.
  // PERMISSION_DENIED for an enrolment not assigned to the caller;
  // FAILED_PRECONDITION when the round is not OPEN or the sheet submitted;
  // INVALID_ARGUMENT naming the criterion.
  absl::StatusOr<storage::Sheet> SetScores(
      const Caller& caller, const std::string& code, int year, int position,
      int64_t enrolment_id, const std::vector<std::pair<std::string, std::string>>& points,
      const std::optional<std::string>& comment);
  // Locks the caller's sheet. FAILED_PRECONDITION while a criterion is
  // unscored (naming it), or when the round is not OPEN.
  absl::StatusOr<storage::Sheet> SubmitSheet(const Caller& caller, const std::string& code,
                                             int year, int position, int64_t enrolment_id);
  // The sheet of `assessor` (empty: the caller). Assessors read only their
  // own (PERMISSION_DENIED); NOT_FOUND when none was written.
  absl::StatusOr<storage::Sheet> GetSheet(const Caller& caller, const std::string& code, int year,
                                          int position, int64_t enrolment_id,
                                          const std::string& assessor);
  // Administrators: reopens a submitted sheet with a reason, while the round
  // is OPEN.
  absl::StatusOr<storage::Sheet> ReopenSheet(const Caller& caller, const std::string& code,
                                             int year, int position, int64_t enrolment_id,
                                             const std::string& assessor, std::string reason);
  // An assessor's sheets from a file: each row as SetScores (then
  // SubmitSheet when `submit`) would take it. Every row is checked first;
  // any problem is reported by line and nothing is written (nor on a dry
  // run); otherwise all rows are written in one transaction.
  struct SheetImportRow {
    int line = 0;
    int64_t enrolment_id = 0;
    std::vector<std::pair<std::string, std::string>> points;
    std::optional<std::string> comment;
    bool submit = false;
  };
  struct SheetImportResult {
    int rows = 0;
    int written = 0;
    int submitted = 0;
    std::vector<ImportError> errors;  // column empty
  };
  absl::StatusOr<SheetImportResult> ImportSheets(const Caller& caller, const std::string& code,
                                                 int year, int position,
                                                 const std::vector<SheetImportRow>& rows,
                                                 bool dry_run);

  // Administrators: the sheet's changes, oldest first.
  absl::StatusOr<std::vector<storage::SheetChange>> SheetHistory(
      const std::string& code, int year, int position, int64_t enrolment_id,
      const std::string& assessor);

  // Marks an ACTIVE enrolment absent from an OPEN round, with or without an
  // accepted excuse. FAILED_PRECONDITION for a wrong state; INVALID_ARGUMENT
  // for an empty reason or an enrolment of another cohort.
  absl::Status MarkAbsent(const Caller& caller, const std::string& code, int year, int position,
                          int64_t enrolment_id, bool excuse_accepted, std::string reason);
  // OPEN → SCORED when every active enrolment has enough submitted sheets
  // or is absent (FAILED_PRECONDITION naming those short).
  absl::StatusOr<domain::Round> CloseScoring(const Caller& caller, const std::string& code,
                                             int year, int position);
  // SCORED → NOTICE: the public notice starts now and lasts the cohort's
  // notice days.
  absl::StatusOr<domain::Round> PublishNotice(const Caller& caller, const std::string& code,
                                              int year, int position);

  // A round's results, computed by domain::ComputeRound from the submitted
  // sheets: provisional while SCORED or NOTICE. FAILED_PRECONDITION before
  // scoring is closed.
  struct RoundResults {
    domain::Round round;
    domain::RoundOutcome outcome;
    std::vector<domain::Enrolment> enrolments;  // those listed, for names
    domain::Rubric rubric;
    domain::AssessmentRules rules;
    std::string rules_text;  // as printed under the listing
    bool provisional = true;
  };
  absl::StatusOr<RoundResults> GetResults(const std::string& code, int year, int position);

  // Appeals during the public notice (administrators record them).
  // FileAppeal: the round in NOTICE, an enrolment with a result in it.
  // ResolveAppeal: REJECTED, or AMENDED reopening the named assessors'
  // submitted sheets, which they rewrite and resubmit during the notice.
  absl::StatusOr<storage::Appeal> FileAppeal(const Caller& caller, const std::string& code,
                                             int year, int position, int64_t enrolment_id,
                                             std::string reason);
  absl::StatusOr<storage::Appeal> ResolveAppeal(const Caller& caller, const std::string& code,
                                                int year, int position, int64_t appeal_id,
                                                bool amended, std::string resolution,
                                                const std::vector<std::string>& reopen);
  absl::StatusOr<std::vector<storage::Appeal>> ListAppeals(const std::string& code, int year,
                                                           int position);
  // NOTICE → CONFIRMED, after the notice and with no appeal pending: the
  // results are stored as computed, eliminations take effect, and after the
  // final round the EXCELLENT become eligible for a certificate, the other
  // active enrolments COMPLETED and the cohort CLOSED.
  absl::StatusOr<domain::Round> ConfirmRound(const Caller& caller, const std::string& code,
                                             int year, int position);

  // Certificates (DESIGN.md §3 rule 8).
  //
  // Issues a certificate, signed with the server's key, to every enrolment
  // of the cohort rated excellent in its confirmed final round and not yet
  // certified; each becomes CERTIFIED. Numbers follow the final round's
  // ranking within each track and are never reused. Issuing again issues
  // nothing new (`already` counts the cohort's earlier certificates).
  // NOT_FOUND cohort; FAILED_PRECONDITION before the final round is
  // confirmed or when the server has no signing key.
  struct IssueOutcome {
    std::vector<domain::Certificate> issued;
    int already = 0;
  };
  absl::StatusOr<IssueOutcome> IssueCertificates(const Caller& caller, const std::string& code,
                                                 int year);
  // Certificates of a cohort (code empty: of every programme), by issue.
  absl::StatusOr<Page<domain::Certificate>> ListCertificates(const std::string& code, int year,
                                                             const PageRequest& page);
  // NOT_FOUND naming the number (typed numbers are normalised first).
  absl::StatusOr<domain::Certificate> GetCertificate(const std::string& number);
  // What anyone may learn of a number: VALID, REVOKED, NOT_FOUND, or
  // INVALID when the register's record does not carry a valid signature by
  // this server's own key (the record was altered, or re-signed by another
  // key; without a key nothing is valid). INVALID_ARGUMENT for an empty
  // number.
  enum class Verdict { kValid, kRevoked, kNotFound, kInvalid };
  struct Verification {
    Verdict verdict = Verdict::kNotFound;
    std::string number;               // normalised
    domain::Certificate certificate;  // unless NOT_FOUND
  };
  absl::StatusOr<Verification> VerifyCertificate(const std::string& number);
  // Revokes for good. NOT_FOUND; INVALID_ARGUMENT for an empty reason;
  // FAILED_PRECONDITION when already revoked.
  absl::StatusOr<domain::Certificate> RevokeCertificate(const Caller& caller,
                                                        const std::string& number,
                                                        std::string reason);
  // The public half of the signing key (32 bytes); empty without a key.
  std::string PublicKey() const;

  // A programme's progress toward its target (rule 12). NOT_FOUND.
  absl::StatusOr<domain::ProgrammeProgress> GetProgress(const std::string& code);

  // The audit log, oldest first; and a check of its whole hash chain
  // (DATA_LOSS naming the first altered event).
  absl::StatusOr<Page<storage::AuditEvent>> ListAuditEvents(const PageRequest& page);
  absl::StatusOr<int64_t> VerifyAuditLog();

  // Users and tokens.
  absl::StatusOr<NewUser> CreateUser(const Caller& caller, domain::User user, bool create_token,
                                     const std::string& request_id);
  absl::StatusOr<domain::User> GetUser(const std::string& username);
  absl::StatusOr<Page<domain::User>> ListUsers(domain::Role role, const PageRequest& page);
  absl::StatusOr<domain::User> DisableUser(const Caller& caller, const std::string& username);
  absl::StatusOr<NewToken> CreateToken(const Caller& caller, const std::string& username,
                                       std::string label, int ttl_days);
  absl::StatusOr<std::vector<domain::Token>> ListTokens(const Caller& caller,
                                                        const std::string& username);
  absl::StatusOr<domain::Token> RevokeToken(const Caller& caller, const std::string& username,
                                            int64_t token_id);

 private:
  // PERMISSION_DENIED unless the caller is `username` or an ADMIN.
  static absl::Status CheckSelfOrAdmin(const Caller& caller, const std::string& username);
  absl::StatusOr<NewToken> InsertToken(storage::Connection& db, const domain::User& user,
                                       std::string label, int ttl_days, int64_t now);
  // Loads enrolment and cohort, applies `change` to them inside one write.
  using EnrolmentChange = std::function<absl::Status(storage::Connection&, domain::Enrolment&,
                                                     const domain::Cohort&, int64_t now)>;
  absl::StatusOr<domain::Enrolment> ChangeEnrolment(const Caller& caller, int64_t id,
                                                    const char* method,
                                                    const EnrolmentChange& change);
  absl::StatusOr<domain::Cohort> ChangeCohort(
      const Caller& caller, const std::string& code, int year, const char* method,
      const std::function<absl::Status(storage::Connection&, domain::Cohort&, int64_t now)>& change);

  std::unique_ptr<storage::Store> store_;
  const common::Clock* clock_;
  const std::optional<SigningKey> signing_key_;
};

// Page size after defaults and coercion; INVALID_ARGUMENT when negative.
absl::StatusOr<int> EffectivePageSize(int page_size);
// Opaque page tokens around a key.
std::string EncodePageToken(const std::string& key);
// INVALID_ARGUMENT when the token was not made by EncodePageToken.
absl::StatusOr<std::string> DecodePageToken(const std::string& token);

}  // namespace talent::core

#endif  // TALENT_SERVER_CORE_CORE_H_
