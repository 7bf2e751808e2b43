#include "server/domain/results.h"

#include <algorithm>
#include <numeric>

#include "absl/strings/str_cat.h"
#include "common/fixed_point.h"
#include "common/labels.h"

namespace talent::domain {
namespace {

// The ranking key (rule 6): score, then each criterion's aggregate in rubric
// order, all higher first.
bool KeyBefore(const RoundResult& a, const RoundResult& b) {
  if (a.score != b.score) return a.score > b.score;
  return a.criteria > b.criteria;  // lexicographic, element by element
}

bool SameKey(const RoundResult& a, const RoundResult& b) {
  return a.score == b.score && a.criteria == b.criteria;
}

Rating Band(const AssessmentRules& rules, int64_t score) {
  if (score >= rules.excellent_from) return Rating::kExcellent;
  if (score >= rules.good_from) return Rating::kGood;
  if (score >= rules.pass_from) return Rating::kPass;
  return Rating::kFail;
}

void Eliminate(RoundResult* r, const std::string& reason) {
  if (r->eliminated) return;
  r->eliminated = true;
  r->elimination_reason = reason;
}

absl::Status CheckInput(const Rubric& rubric, const AssessmentRules& rules,
                        const RoundInput& input) {
  if (input.absent) return absl::OkStatus();
  if (static_cast<int>(input.sheets.size()) < rules.min_sheets) {
    return absl::FailedPreconditionError(absl::StrCat(
        "enrolment ", input.enrolment_id, " has ", input.sheets.size(),
        " submitted sheet(s), fewer than the ", rules.min_sheets,
        " needed; collect more or mark it absent"));
  }
  for (const std::vector<int64_t>& sheet : input.sheets) {
    if (sheet.size() != rubric.criteria.size()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "a sheet of enrolment ", input.enrolment_id, " has ", sheet.size(),
          " criteria; the rubric has ", rubric.criteria.size()));
    }
    for (size_t c = 0; c < sheet.size(); ++c) {
      if (sheet[c] < 0 || sheet[c] > rubric.criteria[c].max_tenths) {
        return absl::InvalidArgumentError(absl::StrCat(
            "a sheet of enrolment ", input.enrolment_id, " gives ",
            common::FormatTenths(sheet[c]), " for ", rubric.criteria[c].code, " (0 to ",
            common::FormatTenths(rubric.criteria[c].max_tenths), ")"));
      }
    }
  }
  return absl::OkStatus();
}

// Rule 6: when more qualify as EXCELLENT than the cap allows, those beyond
// it (by the ranking key) become GOOD; a tie across the cap stays whole.
void ApplyCap(int cap, std::vector<RoundResult*>& ranked, RoundOutcome* outcome) {
  std::vector<RoundResult*> excellent;
  for (RoundResult* r : ranked) {
    if (r->rating == Rating::kExcellent) excellent.push_back(r);
  }
  if (static_cast<int>(excellent.size()) <= cap) return;
  for (size_t start = 0; start < excellent.size();) {
    size_t end = start + 1;
    while (end < excellent.size() && SameKey(*excellent[end], *excellent[start])) ++end;
    bool straddles = static_cast<int>(start) < cap && static_cast<int>(end) > cap;
    for (size_t i = start; i < end; ++i) {
      if (straddles) {
        excellent[i]->tie_over_cap = true;
        outcome->cap_exceeded_by_tie = true;
      } else if (static_cast<int>(start) >= cap) {
        excellent[i]->rating = Rating::kGood;
        excellent[i]->capped = true;
      }
    }
    start = end;
  }
}

// Rule 7, bottom k / p %: removes the lowest of the assessed until `target`
// are eliminated in all (counting those the other rules removed); a tie at
// the cut keeps every tied enrolment and flags them.
void EliminateBottom(int target, int already, std::vector<RoundResult*>& ranked) {
  int need = target - already;
  for (size_t end = ranked.size(); need > 0 && end > 0;) {
    // The group of equal keys that ends at `end`, skipping the eliminated.
    RoundResult* last = ranked[end - 1];
    if (last->eliminated) {
      --end;
      continue;
    }
    size_t start = end - 1;
    while (start > 0 && SameKey(*ranked[start - 1], *last)) --start;
    std::vector<RoundResult*> group;
    for (size_t i = start; i < end; ++i) {
      if (!ranked[i]->eliminated) group.push_back(ranked[i]);
    }
    if (static_cast<int>(group.size()) > need) {
      for (RoundResult* r : group) r->tie_at_cut = true;
      return;
    }
    for (RoundResult* r : group) Eliminate(r, common::EnglishLabel("ELIM_BOTTOM"));
    need -= static_cast<int>(group.size());
    end = start;
  }
}

}  // namespace

int64_t Aggregate(Aggregation method, std::vector<int64_t> values) {
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  if (method == Aggregation::kMedian) {
    if (n % 2 == 1) return values[n / 2] * 10;
    return common::DivideRounded((values[n / 2 - 1] + values[n / 2]) * 10, 2);
  }
  size_t first = 0, last = n;
  if (method == Aggregation::kTrimmedMean && n >= 5) {
    first = 1;
    last = n - 1;
  }
  int64_t sum = std::accumulate(values.begin() + first, values.begin() + last, int64_t{0});
  return common::DivideRounded(sum * 10, static_cast<int64_t>(last - first));
}

absl::StatusOr<RoundOutcome> ComputeRound(const Rubric& rubric, const AssessmentRules& rules,
                                          const std::vector<RoundInput>& inputs) {
  for (const RoundInput& input : inputs) {
    if (absl::Status s = CheckInput(rubric, rules, input); !s.ok()) return s;
  }
  const int veto = rubric.VetoIndex();
  RoundOutcome outcome;
  outcome.results.reserve(inputs.size());
  for (const RoundInput& input : inputs) {
    RoundResult r;
    r.enrolment_id = input.enrolment_id;
    if (input.absent) {
      r.absent = true;
      r.excused = input.excuse_accepted;
      if (rules.eliminate_absent && !input.excuse_accepted) {
        Eliminate(&r, common::EnglishLabel("ELIM_ABSENT"));
      }
      outcome.results.push_back(std::move(r));
      continue;
    }
    r.sheets = static_cast<int>(input.sheets.size());
    std::vector<int64_t> totals;
    for (const auto& sheet : input.sheets) {
      totals.push_back(std::accumulate(sheet.begin(), sheet.end(), int64_t{0}));
    }
    r.score = Aggregate(rules.aggregation, totals);
    for (size_t c = 0; c < rubric.criteria.size(); ++c) {
      std::vector<int64_t> column;
      for (const auto& sheet : input.sheets) column.push_back(sheet[c]);
      r.criteria.push_back(Aggregate(rules.aggregation, column));
    }
    auto [low, high] = std::minmax_element(totals.begin(), totals.end());
    r.spread = *high - *low;
    r.disagreement = r.spread > rules.disagreement_tenths;
    r.rating = Band(rules, r.score);
    // Rule 5: hundredths × 100 against percent × tenths × 10, all integers.
    if (veto >= 0 && r.criteria[veto] * 100 < int64_t{rules.veto_percent} *
                                                  rubric.criteria[veto].max_tenths * 10) {
      r.rating = Rating::kFail;
      r.veto = true;
    }
    if (rules.eliminate_two_pass && r.rating == Rating::kPass &&
        input.previous_rating == Rating::kPass) {
      Eliminate(&r, common::EnglishLabel("ELIM_TWO_PASS"));
    }
    outcome.results.push_back(std::move(r));
    ++outcome.assessed;
  }

  std::vector<RoundResult*> ranked;
  for (RoundResult& r : outcome.results) {
    if (!r.absent) ranked.push_back(&r);
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const RoundResult* a, const RoundResult* b) { return KeyBefore(*a, *b); });
  for (size_t i = 0; i < ranked.size(); ++i) {
    ranked[i]->rank =
        i > 0 && SameKey(*ranked[i], *ranked[i - 1]) ? ranked[i - 1]->rank : static_cast<int>(i) + 1;
  }

  if (rules.excellent_cap_percent > 0) {
    outcome.excellent_cap = outcome.assessed * rules.excellent_cap_percent / 100;
    ApplyCap(outcome.excellent_cap, ranked, &outcome);
  }

  int eliminated = 0;
  for (RoundResult& r : outcome.results) {
    if (!r.absent && r.rating == Rating::kFail && rules.eliminate_fail) {
      Eliminate(&r, common::EnglishLabel(r.veto ? "ELIM_VETO" : "ELIM_FAIL"));
    }
    if (r.eliminated) ++eliminated;
  }
  int bottom = std::max(rules.eliminate_bottom_k,
                        outcome.assessed * rules.eliminate_bottom_percent / 100);
  if (bottom > 0) EliminateBottom(bottom, eliminated, ranked);

  // By rank, the absent last (by enrolment).
  std::stable_sort(outcome.results.begin(), outcome.results.end(),
                   [](const RoundResult& a, const RoundResult& b) {
                     if (a.absent != b.absent) return !a.absent;
                     if (a.absent) return a.enrolment_id < b.enrolment_id;
                     if (a.rank != b.rank) return a.rank < b.rank;
                     return a.enrolment_id < b.enrolment_id;
                   });
  return outcome;
}

}  // namespace talent::domain
