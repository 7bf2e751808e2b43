// Use cases of a round from scoring to its final word: absences, closing
// scoring, the public notice, the results (computed by domain::ComputeRound
// while provisional, read as stored once confirmed), appeals, and
// confirmation with its eliminations and certificate eligibility
// (docs/rules.md). Each call is one transaction and leaves an audit event
// when it writes.
//
// Thread-safe (see context.h).
#ifndef TALENT_SERVER_CORE_RESULTS_H_
#define TALENT_SERVER_CORE_RESULTS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/core/context.h"
#include "server/domain/appeal_rules.h"
#include "server/domain/assessment_rules.h"
#include "server/domain/public_notice.h"
#include "server/domain/results.h"
#include "server/domain/round_rules.h"
#include "server/domain/rubric.h"

namespace talent::core {

class Results {
 public:
  explicit Results(Context* context) : ctx_(context) {}

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

  // A round's results: provisional while SCORED or NOTICE, as stored once
  // CONFIRMED. FAILED_PRECONDITION before scoring is closed.
  struct RoundResults {
    domain::Round round;
    domain::RoundOutcome outcome;
    std::vector<domain::Enrolment> enrolments;  // those listed, for names
    domain::Rubric rubric;
    domain::AssessmentRules rules;
    std::string rules_text;     // as printed under the listing
    std::string rules_text_zh;  // the same in Chinese; empty for rounds confirmed before it was kept
    bool provisional = true;
  };
  absl::StatusOr<RoundResults> GetResults(const std::string& code, int year, int position);

  // The public notice of a round while it is in NOTICE, or the confirmed
  // list of a confirmed final round (domain/public_notice.h); NOT_FOUND
  // saying why otherwise. Public: no caller.
  absl::StatusOr<domain::PublicNotice> GetPublicNotice(const std::string& code, int year,
                                                       int position);
  // Every notice the public may read now, for an index: rounds in NOTICE
  // and the confirmed lists, by programme, year and position.
  struct NoticeRef {
    std::string programme_code;
    std::string programme_title;
    int year = 0;
    domain::Round round;
    domain::NoticeKind kind = domain::NoticeKind::kNone;
  };
  absl::StatusOr<std::vector<NoticeRef>> ListPublicNotices();

  // Appeals during the public notice (administrators record them).
  // FileAppeal: the round in NOTICE, an enrolment with a result in it.
  // ResolveAppeal: REJECTED, or AMENDED reopening the named assessors'
  // submitted sheets, which they rewrite and resubmit during the notice.
  // A retry with the same `request_id` returns the appeal filed before.
  absl::StatusOr<domain::Appeal> FileAppeal(const Caller& caller, const std::string& code,
                                            int year, int position, int64_t enrolment_id,
                                            std::string reason, const std::string& request_id);
  absl::StatusOr<domain::Appeal> ResolveAppeal(const Caller& caller, const std::string& code,
                                               int year, int position, int64_t appeal_id,
                                               bool amended, std::string resolution,
                                               const std::vector<std::string>& reopen);
  absl::StatusOr<std::vector<domain::Appeal>> ListAppeals(const std::string& code, int year,
                                                          int position);
  // NOTICE → CONFIRMED, after the notice and with no appeal pending: the
  // results are stored as computed, eliminations take effect, and after the
  // final round the EXCELLENT become eligible for a certificate, the other
  // active enrolments COMPLETED and the cohort CLOSED.
  absl::StatusOr<domain::Round> ConfirmRound(const Caller& caller, const std::string& code,
                                             int year, int position);

 private:
  Context* const ctx_;
};

}  // namespace talent::core

#endif  // TALENT_SERVER_CORE_RESULTS_H_
