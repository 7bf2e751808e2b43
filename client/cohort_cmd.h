// talentctl cohort create|list|get|quotas|open|cultivate|import-history ('cohort rules' is
// in rules_cmd.h). Not thread-safe.
#ifndef TALENT_CLIENT_COHORT_CMD_H_
#define TALENT_CLIENT_COHORT_CMD_H_

#include <string>
#include <vector>

#include "client/cli_context.h"
#include "talent/v1/cohort.pb.h"

namespace CLI {
class App;
}

namespace talent::client {

struct CohortCreateOptions {
  std::string programme;
  int year = 0;
  std::string quotas = "10/10/10";
  std::string request_id;
};
void SetupCohortCreate(CLI::App& group, CliContext& ctx);
void RunCohortCreate(const CohortCreateOptions& options, CliContext& ctx);

struct CohortListOptions {
  std::string programme;  // empty: every programme's
};
void SetupCohortList(CLI::App& group, CliContext& ctx);
void RunCohortList(const CohortListOptions& options, CliContext& ctx);

// get, open and cultivate take only the cohort.
struct CohortOptions {
  std::string cohort;
};
void SetupCohortGet(CLI::App& group, CliContext& ctx);
void RunCohortGet(const CohortOptions& options, CliContext& ctx);
void SetupCohortOpen(CLI::App& group, CliContext& ctx);
void RunCohortOpen(const CohortOptions& options, CliContext& ctx);
void SetupCohortCultivate(CLI::App& group, CliContext& ctx);
void RunCohortCultivate(const CohortOptions& options, CliContext& ctx);

struct CohortQuotasOptions {
  std::string cohort, quotas;
};
void SetupCohortQuotas(CLI::App& group, CliContext& ctx);
void RunCohortQuotas(const CohortQuotasOptions& options, CliContext& ctx);

// import-history (history_cmd.cc): a past cohort from its paper records.
struct CohortImportHistoryOptions {
  std::string programme;
  int year = 0;
  std::string file;  // "-": stdin
  bool dry_run = false;
  std::string request_id;
};
void SetupCohortImportHistory(CLI::App& group, CliContext& ctx);
void RunCohortImportHistory(const CohortImportHistoryOptions& options, CliContext& ctx);

// "10/8/6" → quotas for service/management/education-research. Throws
// CliError (usage) otherwise.
v1::TrackQuotas ParseQuotas(const std::string& text);

// A table row: "SCSW/2023", state, and quota, applied and selected as
// service/management/education-research.
std::vector<std::string> CohortRow(const CliContext& ctx, const v1::Cohort& cohort);
void PrintCohorts(const CliContext& ctx, const std::vector<v1::Cohort>& cohorts);

}  // namespace talent::client

#endif  // TALENT_CLIENT_COHORT_CMD_H_
