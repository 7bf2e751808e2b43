// talentctl round create|list|open|absent|close|notice|confirm: a cohort's
// assessment rounds through their states. Not thread-safe.
#ifndef TALENT_CLIENT_ROUND_CMD_H_
#define TALENT_CLIENT_ROUND_CMD_H_

#include <cstdint>
#include <string>
#include <vector>

#include "client/cli_context.h"
#include "talent/v1/round.pb.h"

namespace CLI {
class App;
}

namespace talent::client {

struct RoundCreateOptions {
  std::string cohort, title;
  int position = 0;
  bool final = false;
};
void SetupRoundCreate(CLI::App& group, CliContext& ctx);
void RunRoundCreate(const RoundCreateOptions& options, CliContext& ctx);

struct RoundListOptions {
  std::string cohort;
};
void SetupRoundList(CLI::App& group, CliContext& ctx);
void RunRoundList(const RoundListOptions& options, CliContext& ctx);

// open, close, notice and confirm take only the round.
struct RoundOptions {
  std::string round;
};
void SetupRoundOpen(CLI::App& group, CliContext& ctx);
void RunRoundOpen(const RoundOptions& options, CliContext& ctx);
void SetupRoundClose(CLI::App& group, CliContext& ctx);
void RunRoundClose(const RoundOptions& options, CliContext& ctx);
void SetupRoundNotice(CLI::App& group, CliContext& ctx);
void RunRoundNotice(const RoundOptions& options, CliContext& ctx);
void SetupRoundConfirm(CLI::App& group, CliContext& ctx);

// notice-pdf: the public notice of a round in NOTICE, or the confirmed list
// of a confirmed final round, as an A4 PDF.
struct RoundNoticePdfOptions {
  std::string round, out;
};
void SetupRoundNoticePdf(CLI::App& group, CliContext& ctx);
void RunRoundNoticePdf(const RoundNoticePdfOptions& options, CliContext& ctx);
void RunRoundConfirm(const RoundOptions& options, CliContext& ctx);

struct RoundAbsentOptions {
  std::string round, enrolment, reason;
  bool excused = false;
};
void SetupRoundAbsent(CLI::App& group, CliContext& ctx);
void RunRoundAbsent(const RoundAbsentOptions& options, CliContext& ctx);
// The request for the round `round_name`; --excused accepts the excuse.
// Throws CliError (usage) for a bad enrolment.
v1::MarkAbsentRequest MarkAbsentRequestOf(const RoundAbsentOptions& options,
                                          const std::string& round_name);
// "enrolment 17 marked absent", with " (excused)" when excused.
std::string AbsentNote(int64_t enrolment_id, bool excused);

// A table row: position, title, final, state, end of the notice.
std::vector<std::string> RoundRow(const CliContext& ctx, const v1::Round& round);
void PrintRounds(const CliContext& ctx, const std::vector<v1::Round>& rounds);

}  // namespace talent::client

#endif  // TALENT_CLIENT_ROUND_CMD_H_
