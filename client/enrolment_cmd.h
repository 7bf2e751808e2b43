// talentctl enrolment add|list|get (enrolment_cmd.cc),
// recommend|select|reject|withdraw (enrolment_change_cmd.cc) and import
// (import_cmd.cc). Not thread-safe.
#ifndef TALENT_CLIENT_ENROLMENT_CMD_H_
#define TALENT_CLIENT_ENROLMENT_CMD_H_

#include <string>
#include <vector>

#include "client/cli_context.h"
#include "talent/v1/enrolment.pb.h"

namespace CLI {
class App;
}

namespace talent::client {

struct EnrolmentAddOptions {
  std::string cohort, name, national_id, track, organisation, region, phone, email, qualification,
      request_id;
  int years = 0;
};
void SetupEnrolmentAdd(CLI::App& group, CliContext& ctx);
void RunEnrolmentAdd(const EnrolmentAddOptions& options, CliContext& ctx);
// The request for the cohort `cohort_name`. Throws CliError for a bad track.
v1::CreateEnrolmentRequest CreateEnrolmentRequestOf(const EnrolmentAddOptions& options,
                                                    const std::string& cohort_name);

struct EnrolmentListOptions {
  std::string cohort, track, stage, name;
  int limit = 0;  // 0: all
  bool show_personal_data = false;
};
void SetupEnrolmentList(CLI::App& group, CliContext& ctx);
void RunEnrolmentList(const EnrolmentListOptions& options, CliContext& ctx);
// The request for the cohort `cohort_name` (without paging). Throws
// CliError for a bad track or stage.
v1::ListEnrolmentsRequest ListEnrolmentsRequestOf(const EnrolmentListOptions& options,
                                                  const std::string& cohort_name);

struct EnrolmentGetOptions {
  std::string enrolment;
  bool show_personal_data = false;
};
void SetupEnrolmentGet(CLI::App& group, CliContext& ctx);
void RunEnrolmentGet(const EnrolmentGetOptions& options, CliContext& ctx);

struct EnrolmentRecommendOptions {
  std::vector<std::string> enrolments;
  std::string level, body, date;  // date empty: today
};
void SetupEnrolmentRecommend(CLI::App& group, CliContext& ctx);
void RunEnrolmentRecommend(const EnrolmentRecommendOptions& options, CliContext& ctx);

struct EnrolmentSelectOptions {
  std::vector<std::string> enrolments;
};
void SetupEnrolmentSelect(CLI::App& group, CliContext& ctx);
void RunEnrolmentSelect(const EnrolmentSelectOptions& options, CliContext& ctx);

// reject and withdraw.
struct EnrolmentReasonOptions {
  std::vector<std::string> enrolments;
  std::string reason;
};
void SetupEnrolmentReject(CLI::App& group, CliContext& ctx);
void RunEnrolmentReject(const EnrolmentReasonOptions& options, CliContext& ctx);
void SetupEnrolmentWithdraw(CLI::App& group, CliContext& ctx);
void RunEnrolmentWithdraw(const EnrolmentReasonOptions& options, CliContext& ctx);

struct EnrolmentImportOptions {
  std::string cohort, file, request_id;  // file "-": standard input
  bool dry_run = false;
};
void SetupEnrolmentImport(CLI::App& group, CliContext& ctx);
void RunEnrolmentImport(const EnrolmentImportOptions& options, CliContext& ctx);
// The outcome of an import: JSON as it came, or the problems (the server
// lists the first 1,000; then "… and N more") or what was imported.
// Throws CliError (usage) when any row was bad.
void PrintEnrolmentImportResult(CliContext& ctx, const EnrolmentImportOptions& options,
                                const v1::ImportEnrolmentsResponse& response);

// The columns of a table of enrolments and one enrolment's row.
extern const std::vector<std::string> kEnrolmentHeadings;
std::vector<std::string> EnrolmentRow(const CliContext& ctx, const v1::Enrolment& enrolment);
// Every field of one enrolment, for FIELD / VALUE lines.
Fields EnrolmentFields(const CliContext& ctx, const v1::Enrolment& enrolment);
// One enrolment: JSON, a CSV row, or its fields.
void PrintEnrolment(const CliContext& ctx, const v1::Enrolment& enrolment);

}  // namespace talent::client

#endif  // TALENT_CLIENT_ENROLMENT_CMD_H_
