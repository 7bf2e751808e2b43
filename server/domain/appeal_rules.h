// Rules of appeals during a round's public notice (docs/rules.md §10): who
// may be appealed for and when, how an appeal is resolved (rejected, or
// amended by reopening the named assessors' submitted sheets), and what
// counts as still pending when the round is to be confirmed. Pure
// functions on plain values; thread-safe.
#ifndef TALENT_SERVER_DOMAIN_APPEAL_RULES_H_
#define TALENT_SERVER_DOMAIN_APPEAL_RULES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "server/domain/round_rules.h"
#include "server/domain/sheet_rules.h"

namespace talent::domain {

enum class AppealState { kUnspecified = 0, kOpen = 1, kRejected = 2, kAmended = 3 };

struct Appeal {
  int64_t id = 0;
  int64_t round_id = 0;
  int64_t enrolment_id = 0;
  std::string candidate;  // full name, filled when read
  std::string reason;
  AppealState state = AppealState::kOpen;
  std::string resolution;
  int64_t filed_time = 0;
  int64_t resolved_time = 0;
};

// Filing: the round in NOTICE and its notice not yet over at `now`.
// FAILED_PRECONDITION saying which.
absl::Status CheckFileAppeal(const Round& round, int64_t now);

// The resolution's own fields: a resolution text (1–1000 characters,
// trimmed in place); an amended appeal names the assessors whose sheets
// reopen, a rejected one names none. INVALID_ARGUMENT naming the field.
absl::Status CheckResolution(bool amended, const std::vector<std::string>& reopen,
                             std::string* resolution);

// Resolving: the round in NOTICE and the appeal still OPEN.
// FAILED_PRECONDITION otherwise.
absl::Status CheckResolveAppeal(const Round& round, const Appeal& appeal);

// An amended appeal reopens only a submitted sheet. FAILED_PRECONDITION
// naming the assessor when `sheet` is missing or not submitted.
absl::Status CheckReopenForAppeal(const std::optional<Sheet>& sheet, const std::string& assessor,
                                  int64_t enrolment_id);

// What still holds a confirmation back: appeals not yet resolved, and
// sheets an amended appeal reopened that are not yet submitted again.
int PendingAppeals(const std::vector<Appeal>& appeals, const std::vector<Sheet>& sheets);

}  // namespace talent::domain

#endif  // TALENT_SERVER_DOMAIN_APPEAL_RULES_H_
