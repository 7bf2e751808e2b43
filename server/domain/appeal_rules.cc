#include "server/domain/appeal_rules.h"

#include "absl/strings/str_cat.h"
#include "common/clock.h"
#include "common/status_macros.h"
#include "server/domain/text_field.h"

namespace talent::domain {

absl::Status CheckFileAppeal(const Round& round, int64_t now) {
  if (round.state != RoundState::kNotice) {
    return RoundStateError(round, "appeals are filed during its public notice");
  }
  if (now >= round.notice_end) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the public notice of round \"", round.name, "\" ended at ",
        common::FormatTimestamp(round.notice_end), "; appeals are no longer taken"));
  }
  return absl::OkStatus();
}

absl::Status CheckResolution(bool amended, const std::vector<std::string>& reopen,
                             std::string* resolution) {
  RETURN_IF_ERROR(CheckText("resolution", resolution, 1, 1000));
  if (amended && reopen.empty()) {
    return absl::InvalidArgumentError(
        "an amended appeal names the assessors whose sheets reopen");
  }
  if (!amended && !reopen.empty()) {
    return absl::InvalidArgumentError("a rejected appeal reopens no sheet");
  }
  return absl::OkStatus();
}

absl::Status CheckResolveAppeal(const Round& round, const Appeal& appeal) {
  if (round.state != RoundState::kNotice) {
    return absl::FailedPreconditionError("appeals are resolved during the round's notice");
  }
  if (appeal.state != AppealState::kOpen) {
    return absl::FailedPreconditionError(
        absl::StrCat("appeal ", appeal.id, " is already resolved"));
  }
  return absl::OkStatus();
}

absl::Status CheckReopenForAppeal(const std::optional<Sheet>& sheet, const std::string& assessor,
                                  int64_t enrolment_id) {
  if (sheet && sheet->state == SheetState::kSubmitted) return absl::OkStatus();
  return absl::FailedPreconditionError(
      absl::StrCat(assessor, " has no submitted sheet for enrolment ", enrolment_id));
}

int PendingAppeals(const std::vector<Appeal>& appeals, const std::vector<Sheet>& sheets) {
  int pending = 0;
  for (const Appeal& a : appeals) pending += a.state == AppealState::kOpen ? 1 : 0;
  for (const Sheet& s : sheets) pending += s.appeal_id != 0 ? 1 : 0;
  return pending;
}

}  // namespace talent::domain
