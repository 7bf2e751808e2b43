#include "server/domain/assessment_rules.h"

#include "absl/strings/str_cat.h"
#include "common/fixed_point.h"
#include "common/status_macros.h"
#include "server/domain/text_field.h"

namespace talent::domain {

const char* RatingKey(Rating rating) {
  switch (rating) {
    case Rating::kExcellent: return "RATING_EXCELLENT";
    case Rating::kGood: return "RATING_GOOD";
    case Rating::kPass: return "RATING_PASS";
    case Rating::kFail: return "RATING_FAIL";
    case Rating::kUnspecified: break;
  }
  return "RATING_UNSPECIFIED";
}

absl::Status ValidateRules(const AssessmentRules& r) {
  if (r.aggregation != Aggregation::kTrimmedMean && r.aggregation != Aggregation::kMean &&
      r.aggregation != Aggregation::kMedian) {
    return absl::InvalidArgumentError("aggregation must be trimmed-mean, mean or median");
  }
  RETURN_IF_ERROR(CheckRange("min_sheets", r.min_sheets, 1, 20));
  // Messages in the API's terms: points, not the tenths and hundredths the
  // rules are kept in.
  for (auto [field, value] : {std::pair{"excellent_from", r.excellent_from},
                              std::pair{"good_from", r.good_from},
                              std::pair{"pass_from", r.pass_from}}) {
    if (value < 1 || value > 100000) {
      return absl::InvalidArgumentError(absl::StrCat(field, " must be between 0.01 and 1000.00, got ",
                                                     common::FormatHundredths(value)));
    }
  }
  if (!(r.excellent_from > r.good_from && r.good_from > r.pass_from)) {
    return absl::InvalidArgumentError(
        "bands must decrease: excellent_from > good_from > pass_from");
  }
  RETURN_IF_ERROR(CheckRange("veto_percent", r.veto_percent, 0, 100));
  RETURN_IF_ERROR(CheckRange("excellent_cap_percent", r.excellent_cap_percent, 0, 100));
  if (r.disagreement_tenths < 0 || r.disagreement_tenths > 10000) {
    return absl::InvalidArgumentError(
        absl::StrCat("disagreement_points must be between 0.0 and 1000.0, got ",
                     common::FormatTenths(r.disagreement_tenths)));
  }
  RETURN_IF_ERROR(CheckRange("notice_days", r.notice_days, 1, 30));
  RETURN_IF_ERROR(CheckRange("eliminate_bottom_k", r.eliminate_bottom_k, 0, 100000));
  return CheckRange("eliminate_bottom_percent", r.eliminate_bottom_percent, 0, 100);
}

std::string DescribeRules(const AssessmentRules& r) {
  std::string text;
  switch (r.aggregation) {
    case Aggregation::kTrimmedMean:
      text = "Score: trimmed mean of the assessors' totals (the highest and the lowest dropped "
             "from 5 or more sheets; the mean of 3 or 4)";
      break;
    case Aggregation::kMean:
      text = "Score: mean of the assessors' totals";
      break;
    case Aggregation::kMedian:
      text = "Score: median of the assessors' totals";
      break;
  }
  absl::StrAppend(&text, ", each criterion aggregated the same way, rounded half away from zero "
                         "to hundredths; at least ", r.min_sheets, " submitted sheets.\n");
  absl::StrAppend(&text, "Bands: excellent >= ", common::FormatHundredths(r.excellent_from),
                  ", good >= ", common::FormatHundredths(r.good_from), ", pass >= ",
                  common::FormatHundredths(r.pass_from), ", else fail. Veto: the veto criterion "
                  "below ", r.veto_percent, "% of its maximum rates fail.\n");
  if (r.excellent_cap_percent > 0) {
    absl::StrAppend(&text, "Excellent cap: ", r.excellent_cap_percent,
                    "% of the assessed (rounded down); beyond it, by score then the criteria in "
                    "rubric order, excellent becomes good; a tie across the cap stays excellent.\n");
  } else {
    text += "Excellent cap: none.\n";
  }
  absl::StrAppend(&text, "Disagreement: assessor totals spreading more than ",
                  common::FormatTenths(r.disagreement_tenths), " points are flagged.\n");
  std::string elimination;
  auto add = [&](const std::string& rule) {
    absl::StrAppend(&elimination, elimination.empty() ? "" : "; ", rule);
  };
  if (r.eliminate_fail) add("rated fail");
  if (r.eliminate_absent) add("absent without an accepted excuse");
  if (r.eliminate_bottom_k > 0) add(absl::StrCat("the bottom ", r.eliminate_bottom_k));
  if (r.eliminate_bottom_percent > 0) {
    add(absl::StrCat("the bottom ", r.eliminate_bottom_percent, "% (rounded down)"));
  }
  if (r.eliminate_two_pass) add("pass in two consecutive rounds");
  if (r.eliminate_bottom_k > 0 || r.eliminate_bottom_percent > 0) {
    add("the bottom counts those the other rules remove; a tie at the cut keeps all the tied");
  }
  absl::StrAppend(&text, "Eliminated: ", elimination.empty() ? "nobody" : elimination, ".\n");
  return text;
}

}  // namespace talent::domain
