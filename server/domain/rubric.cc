#include "server/domain/rubric.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "server/domain/text_field.h"

namespace talent::domain {

int64_t Rubric::TotalTenths() const {
  int64_t total = 0;
  for (const Criterion& c : criteria) total += c.max_tenths;
  return total;
}

int Rubric::VetoIndex() const {
  for (size_t i = 0; i < criteria.size(); ++i) {
    if (criteria[i].veto) return static_cast<int>(i);
  }
  return -1;
}

Rubric DefaultRubric() {
  return Rubric{{
      {"theory", "理论武装", "Theory", 150, false},
      {"competence", "综合素质", "Overall competence", 150, false},
      {"system", "服务社工体系", "Serving the social-work system", 200, false},
      {"talent", "带动人才建设", "Developing other talent", 200, false},
      {"charity", "助力慈善事业", "Supporting charity", 150, false},
      {"ethics", "坚守行业伦理", "Professional ethics", 150, true},
  }};
}

absl::Status ValidateRubric(Rubric* rubric) {
  if (rubric->criteria.empty() || rubric->criteria.size() > 20) {
    return absl::InvalidArgumentError("a rubric has 1 to 20 criteria");
  }
  std::set<std::string> codes;
  int vetoes = 0;
  for (Criterion& c : rubric->criteria) {
    c.code = TrimText(c.code);
    bool code_ok = !c.code.empty() && c.code.size() <= 16;
    for (char ch : c.code) {
      code_ok = code_ok && ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_');
    }
    if (!code_ok) {
      return absl::InvalidArgumentError(absl::StrCat(
          "criterion code \"", c.code, "\" must be 1–16 of a-z, 0-9 and _"));
    }
    if (!codes.insert(c.code).second) {
      return absl::InvalidArgumentError(absl::StrCat("criterion code ", c.code, " appears twice"));
    }
    RETURN_IF_ERROR(CheckText(absl::StrCat("criterion ", c.code, " name_zh"), &c.name_zh, 1, 50));
    RETURN_IF_ERROR(CheckText(absl::StrCat("criterion ", c.code, " name_en"), &c.name_en, 1, 50));
    if (c.max_tenths < 1 || c.max_tenths > 1000) {
      return absl::InvalidArgumentError(absl::StrCat(
          "criterion ", c.code, " max_points must be between 0.1 and 100.0"));
    }
    if (c.veto && ++vetoes > 1) {
      return absl::InvalidArgumentError(absl::StrCat(
          "criterion ", c.code, " cannot be a second veto criterion; a rubric has at most one"));
    }
  }
  if (rubric->TotalTenths() > 10000) {
    return absl::InvalidArgumentError("the criteria may add up to at most 1000.0 points");
  }
  return absl::OkStatus();
}

}  // namespace talent::domain
