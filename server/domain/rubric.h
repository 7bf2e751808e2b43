// A cohort's rubric: the criteria assessors score, each with a code, names
// in Chinese and English, a maximum in tenths of a point, and at most one
// veto criterion (professional ethics by default). Pure values and
// functions; thread-safe.
#ifndef TALENT_SERVER_DOMAIN_RUBRIC_H_
#define TALENT_SERVER_DOMAIN_RUBRIC_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace talent::domain {

struct Criterion {
  std::string code;     // 1–16 of [a-z0-9_], unique in the rubric
  std::string name_zh;  // 1–50 characters
  std::string name_en;  // 1–50 characters
  int64_t max_tenths = 0;  // 1..1000 (0.1 to 100.0 points)
  bool veto = false;
};

struct Rubric {
  std::vector<Criterion> criteria;  // in rubric order
  int64_t TotalTenths() const;
  // The index of the veto criterion, or -1.
  int VetoIndex() const;
};

// The six cultivation areas of the seed programme: theory 15, overall
// competence 15, serving the social-work system 20, developing other talent
// 20, supporting charity 15, professional ethics 15 (veto); 100 in all.
Rubric DefaultRubric();

// Trims and checks every criterion: 1–20 criteria, codes unique and well
// formed, names present, maxima 0.1–100.0, at most one veto, total at most
// 1000.0. INVALID_ARGUMENT naming the criterion and the field.
absl::Status ValidateRubric(Rubric* rubric);

}  // namespace talent::domain

#endif  // TALENT_SERVER_DOMAIN_RUBRIC_H_
