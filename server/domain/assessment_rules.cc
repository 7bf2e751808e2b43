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

namespace {

// The same rules as DescribeRules's English, in the Chinese of the
// programme's own documents.
std::string DescribeRulesInChinese(const AssessmentRules& r) {
  std::string text;
  switch (r.aggregation) {
    case Aggregation::kTrimmedMean:
      text = "得分：各评审专家总分的截尾平均（5 份及以上评分表时去掉一个最高分和一个最低分；"
             "3 或 4 份时取平均）";
      break;
    case Aggregation::kMean:
      text = "得分：各评审专家总分的平均";
      break;
    case Aggregation::kMedian:
      text = "得分：各评审专家总分的中位数";
      break;
  }
  absl::StrAppend(&text, "，各项指标同样汇总，四舍五入保留两位小数；至少 ", r.min_sheets,
                  " 份已提交的评分表。\n");
  absl::StrAppend(&text, "等次：优秀 ≥ ", common::FormatHundredths(r.excellent_from), "，良好 ≥ ",
                  common::FormatHundredths(r.good_from), "，合格 ≥ ",
                  common::FormatHundredths(r.pass_from), "，否则不合格。否决：否决项低于其满分的 ",
                  r.veto_percent, "% 评为不合格。\n");
  if (r.excellent_cap_percent > 0) {
    absl::StrAppend(&text, "优秀名额：参评人数的 ", r.excellent_cap_percent,
                    "%（向下取整）；超出者按得分、再按评分细则中各项指标的顺序，由优秀改为良好；"
                    "跨越名额线的并列者均保留优秀。\n");
  } else {
    text += "优秀名额：不设限。\n";
  }
  absl::StrAppend(&text, "分歧：评审专家总分相差超过 ", common::FormatTenths(r.disagreement_tenths),
                  " 分的予以标注。\n");
  std::string elimination;
  auto add = [&](const std::string& rule) {
    absl::StrAppend(&elimination, elimination.empty() ? "" : "；", rule);
  };
  if (r.eliminate_fail) add("评为不合格");
  if (r.eliminate_absent) add("缺考且未获准假");
  if (r.eliminate_bottom_k > 0) add(absl::StrCat("排名末 ", r.eliminate_bottom_k, " 位"));
  if (r.eliminate_bottom_percent > 0) {
    add(absl::StrCat("排名末 ", r.eliminate_bottom_percent, "%（向下取整）"));
  }
  if (r.eliminate_two_pass) add("连续两轮评为合格");
  if (r.eliminate_bottom_k > 0 || r.eliminate_bottom_percent > 0) {
    add("末位名额计入因其他规则淘汰者；名额线上的并列者均保留");
  }
  absl::StrAppend(&text, "淘汰：", elimination.empty() ? "无" : elimination, "。\n");
  return text;
}

}  // namespace

std::string DescribeRules(const AssessmentRules& r, common::Lang lang) {
  if (lang == common::Lang::kChinese) return DescribeRulesInChinese(r);
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
