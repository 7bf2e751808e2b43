// talentctl conflict add|list and assignment add|list: declared conflicts
// of interest, and which assessors score whom in a round. Not thread-safe.
#ifndef TALENT_CLIENT_ASSIGNMENT_CMD_H_
#define TALENT_CLIENT_ASSIGNMENT_CMD_H_

#include <string>
#include <vector>

#include "client/cli_context.h"
#include "talent/v1/round.pb.h"

namespace CLI {
class App;
}

namespace talent::client {

struct ConflictAddOptions {
  std::string assessor, enrolment, reason;
};
void SetupConflictAdd(CLI::App& group, CliContext& ctx);
void RunConflictAdd(const ConflictAddOptions& options, CliContext& ctx);

struct ConflictListOptions {
  std::string cohort;
};
void SetupConflictList(CLI::App& group, CliContext& ctx);
void RunConflictList(const ConflictListOptions& options, CliContext& ctx);

struct AssignmentAddOptions {
  std::string round, track;
  std::vector<std::string> assessors, enrolments;
  bool all = false;
};
void SetupAssignmentAdd(CLI::App& group, CliContext& ctx);
void RunAssignmentAdd(const AssignmentAddOptions& options, CliContext& ctx);
// The request for the round `round_name`: named enrolments, a track or the
// whole cohort. Throws CliError (usage) for a bad track or when none of
// the three is given.
v1::AssignAssessorsRequest AssignAssessorsRequestOf(const AssignmentAddOptions& options,
                                                    const std::string& round_name);

struct AssignmentListOptions {
  std::string round;
};
void SetupAssignmentList(CLI::App& group, CliContext& ctx);
void RunAssignmentList(const AssignmentListOptions& options, CliContext& ctx);

// Table rows: a conflict as assessor, enrolment ID, candidate, reason; an
// assignment as enrolment ID, candidate, track, assessor.
std::vector<std::string> ConflictRow(const v1::Conflict& conflict);
std::vector<std::string> AssignmentRow(const CliContext& ctx, const v1::Assignment& assignment);

}  // namespace talent::client

#endif  // TALENT_CLIENT_ASSIGNMENT_CMD_H_
