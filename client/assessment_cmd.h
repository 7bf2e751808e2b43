// talentctl rubric show|set (rubric_cmd.cc) and cohort rules
// (rules_cmd.cc): what a cohort is scored on and how results are made.
// Not thread-safe.
#ifndef TALENT_CLIENT_ASSESSMENT_CMD_H_
#define TALENT_CLIENT_ASSESSMENT_CMD_H_

#include <string>
#include <vector>

#include "client/cli_context.h"
#include "talent/v1/assessment.pb.h"

namespace CLI {
class App;
}

namespace talent::client {

struct RubricShowOptions {
  std::string cohort;
};
void SetupRubricShow(CLI::App& group, CliContext& ctx);
void RunRubricShow(const RubricShowOptions& options, CliContext& ctx);

struct RubricSetOptions {
  std::string cohort, file;
  std::vector<std::string> criteria;  // CODE:NAME_ZH:NAME_EN:MAX[:veto], unless file
};
void SetupRubricSet(CLI::App& group, CliContext& ctx);
void RunRubricSet(const RubricSetOptions& options, CliContext& ctx);

struct CohortRulesOptions {
  std::string cohort, aggregation, excellent_from, good_from, pass_from, disagreement,
      eliminate_fail, eliminate_absent, two_pass;
  int min_sheets = 0, veto_percent = 0, cap_percent = 0, notice_days = 0, bottom_k = 0,
      bottom_percent = 0;
  std::vector<std::string> update_mask;  // the fields whose flag was given
};
void RunCohortRules(const CohortRulesOptions& options, CliContext& ctx);
// The request to change the rules of `cohort_name` (options.update_mask is
// not empty). Throws CliError (usage) for a bad --aggregation or on/off.
v1::SetRulesRequest SetRulesRequestOf(const CohortRulesOptions& options,
                                      const std::string& cohort_name);

// "1", "yes", "true", "veto", "是" or "否决" (trimmed, any case): a veto
// criterion.
bool ParseVeto(const std::string& text);
// CODE:NAME_ZH:NAME_EN:MAX[:veto] from --criterion. Throws CliError (usage).
v1::Criterion CriterionFromFlag(const std::string& text);
// A CSV with the heading code,name_zh,name_en,max,veto (veto optional).
// Throws CliError (usage) naming the file and line.
std::vector<v1::Criterion> CriteriaFromFile(const std::string& path);

// Rubric as a table (a TOTAL row last); criterion names in the user's
// language.
void PrintRubric(const CliContext& ctx, const v1::Rubric& rubric);
// The rules as FIELD / VALUE pairs (0 caps and bottoms shown as off).
Fields RulesFields(const CliContext& ctx, const v1::AssessmentRules& rules);
// The pairs, then in a table the rules described in words.
void PrintRules(const CliContext& ctx, const v1::AssessmentRules& rules);

}  // namespace talent::client

#endif  // TALENT_CLIENT_ASSESSMENT_CMD_H_
