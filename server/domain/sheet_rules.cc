#include "server/domain/sheet_rules.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/fixed_point.h"
#include "common/labels.h"
#include "common/status_macros.h"
#include "common/text_normalize.h"
#include "common/text_safety.h"
#include "server/domain/text_field.h"

namespace talent::domain {

absl::Status CheckAssessor(const User& user) {
  if (user.role != Role::kAssessor) {
    return absl::FailedPreconditionError(
        absl::StrCat("user ", user.username, " is not an assessor"));
  }
  if (user.disabled) {
    return absl::FailedPreconditionError(absl::StrCat("user ", user.username, " is disabled"));
  }
  return absl::OkStatus();
}

absl::Status CheckAssignment(const User& assessor, const Enrolment& enrolment,
                             bool declared_conflict) {
  RETURN_IF_ERROR(CheckAssessor(assessor));
  if (enrolment.stage != Stage::kActive) {
    return absl::FailedPreconditionError(absl::StrCat(
        "enrolment ", enrolment.id, " (", enrolment.person.full_name, ") is ",
        common::EnglishLabel(StageKey(enrolment.stage)),
        "; only active candidates are assigned"));
  }
  // A name that normalises to nothing (punctuation only) says nothing about
  // who works where: it recuses no one.
  std::string assessor_org = common::NormaliseForComparison(assessor.organisation);
  if (!assessor_org.empty() &&
      assessor_org == common::NormaliseForComparison(enrolment.organisation)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "assessor ", assessor.username, " is recused from enrolment ", enrolment.id, " (",
        enrolment.person.full_name, "): both are of ", enrolment.organisation));
  }
  if (declared_conflict) {
    return absl::FailedPreconditionError(absl::StrCat(
        "assessor ", assessor.username, " is recused from enrolment ", enrolment.id, " (",
        enrolment.person.full_name, "): a conflict of interest is declared"));
  }
  return absl::OkStatus();
}

absl::Status CheckWriteSheet(RoundState round, SheetState sheet, bool reopened_for_appeal) {
  bool appeal_write = round == RoundState::kNotice && reopened_for_appeal;
  if (round != RoundState::kOpen && !appeal_write) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the round is ", common::EnglishLabel(RoundStateKey(round)),
        "; sheets can be written only while it is open"));
  }
  if (sheet == SheetState::kSubmitted) {
    return absl::FailedPreconditionError(
        "the sheet is submitted and locked; ask an administrator to reopen it");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::optional<int64_t>>> ParsePoints(
    const Rubric& rubric, const std::vector<std::pair<std::string, std::string>>& given,
    std::vector<std::optional<int64_t>> points) {
  points.resize(rubric.criteria.size());
  for (const auto& [code, text] : given) {
    size_t index = 0;
    while (index < rubric.criteria.size() && rubric.criteria[index].code != code) ++index;
    if (index == rubric.criteria.size()) {
      return absl::InvalidArgumentError(
          absl::StrCat("criterion ", common::SanitizeForDisplay(code),
                       " is not in the cohort's rubric"));
    }
    absl::StatusOr<int64_t> tenths = common::ParseTenths(TrimText(text));
    if (!tenths.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("criterion ", code, ": ", tenths.status().message()));
    }
    const int64_t max = rubric.criteria[index].max_tenths;
    if (*tenths > max) {
      return absl::InvalidArgumentError(absl::StrCat(
          "criterion ", code, ": ", common::FormatTenths(*tenths), " is above its maximum ",
          common::FormatTenths(max)));
    }
    points[index] = *tenths;
  }
  return points;
}

absl::Status CheckSubmit(const Rubric& rubric, const std::vector<std::optional<int64_t>>& points) {
  std::vector<std::string> missing;
  for (size_t i = 0; i < rubric.criteria.size(); ++i) {
    if (i >= points.size() || !points[i]) missing.push_back(rubric.criteria[i].code);
  }
  if (missing.empty()) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat("score every criterion before submitting; ",
                                                    "missing: ", absl::StrJoin(missing, ", ")));
}

absl::Status CheckReopen(RoundState round, SheetState sheet, std::string* reason) {
  RETURN_IF_ERROR(CheckText("reason", reason, 1, 500));
  if (sheet != SheetState::kSubmitted) {
    return absl::FailedPreconditionError("the sheet is not submitted; there is nothing to reopen");
  }
  if (round != RoundState::kOpen) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the round is ", common::EnglishLabel(RoundStateKey(round)),
        "; sheets reopen while it is open (during the notice, through an amended appeal: "
        "'talentctl appeal resolve --amend')"));
  }
  return absl::OkStatus();
}

int64_t SheetTotal(const Sheet& sheet) {
  int64_t total = 0;
  for (const std::optional<int64_t>& p : sheet.points) total += p.value_or(0);
  return total;
}

bool CountsTowardResult(const Sheet& sheet) {
  return sheet.state == SheetState::kSubmitted || sheet.appeal_id != 0;
}

absl::Status CheckScorable(const Enrolment& enrolment) {
  if (enrolment.stage == Stage::kActive) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(
      "enrolment ", enrolment.id, " is ", common::EnglishLabel(StageKey(enrolment.stage)),
      "; only active candidates are scored"));
}

}  // namespace talent::domain
