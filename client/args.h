// Values typed on the talentctl command line that more than one command
// takes: enum values in English, Chinese or as keys ("service", "服务类",
// "TRACK_SERVICE"), and on/off switches. Each throws CliError (usage) with a
// message naming the flag and what it accepts. Pure functions; thread-safe.
#ifndef TALENT_CLIENT_ARGS_H_
#define TALENT_CLIENT_ARGS_H_

#include <string>

#include "talent/v1/assessment.pb.h"
#include "talent/v1/common.pb.h"

namespace talent::client {

// What --track accepts, as the enrolment commands list it.
inline constexpr char kTracksAccepted[] =
    "服务类/管理类/教育与研究类 (service, management, education-research)";
// What --role accepts.
inline constexpr char kRolesAccepted[] = "admin, assessor, viewer (管理员, 评审专家, 查看者)";

// The label key (e.g. "TRACK_SERVICE") among those starting with `prefix`
// whose English or Chinese label, or key, is `text`; otherwise CliError
// (usage): "<flag> must be one of <accepted>, got "<text>"".
std::string ParseEnumArg(const std::string& flag, const std::string& prefix,
                         const std::string& text, const std::string& accepted);

// --track; `accepted` is the list the error shows.
v1::Track ParseTrackArg(const std::string& text, const std::string& accepted);
// --stage.
v1::Stage ParseStageArg(const std::string& text);
// --role.
v1::Role ParseRoleArg(const std::string& text);
// --level of a recommendation.
v1::RecommendationLevel ParseLevelArg(const std::string& text);
// --aggregation of the assessment rules.
v1::Aggregation ParseAggregationArg(const std::string& text);

// on/yes/true/1 or off/no/false/0, in any case; otherwise CliError (usage)
// "<flag> must be on or off, got "<text>"".
bool ParseOnOff(const std::string& flag, const std::string& text);

// The whole of a file named on the command line; CliError (usage) "cannot
// read <path>" otherwise.
std::string ReadWholeFile(const std::string& path);

// --pubkey: a public key as talentctl prints it, or a file holding one; its
// 32 bytes, or CliError (usage) saying what is wrong.
std::string ParsePublicKeyArg(const std::string& text);

}  // namespace talent::client

#endif  // TALENT_CLIENT_ARGS_H_
