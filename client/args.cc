#include "client/args.h"

#include <fstream>
#include <iterator>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "client/cli_context.h"
#include "client/credential.h"
#include "common/labels.h"

namespace talent::client {
namespace {

// The enum value of `key`; `parse` is the generated Enum_Parse.
template <typename Enum>
Enum EnumOf(const std::string& key, bool (*parse)(const std::string&, Enum*), Enum unspecified) {
  Enum value = unspecified;
  parse(key, &value);
  return value;
}

}  // namespace

std::string ParseEnumArg(const std::string& flag, const std::string& prefix,
                         const std::string& text, const std::string& accepted) {
  std::optional<std::string> key = common::KeyForLabel(prefix, text);
  if (!key) {
    throw CliError{kExitUsage, flag + " must be one of " + accepted + ", got \"" + text + "\""};
  }
  return *key;
}

v1::Track ParseTrackArg(const std::string& text, const std::string& accepted) {
  return EnumOf(ParseEnumArg("--track", "TRACK_", text, accepted), &v1::Track_Parse,
                v1::TRACK_UNSPECIFIED);
}

v1::Stage ParseStageArg(const std::string& text) {
  return EnumOf(ParseEnumArg("--stage", "STAGE_", text,
                             "applied, recommended, selected, not-selected, active, "
                             "eliminated, withdrawn, completed, certified"),
                &v1::Stage_Parse, v1::STAGE_UNSPECIFIED);
}

v1::Role ParseRoleArg(const std::string& text) {
  return EnumOf(ParseEnumArg("--role", "ROLE_", text, kRolesAccepted), &v1::Role_Parse,
                v1::ROLE_UNSPECIFIED);
}

v1::RecommendationLevel ParseLevelArg(const std::string& text) {
  return EnumOf(ParseEnumArg("--level", "LEVEL_", text, "county, city, province"),
                &v1::RecommendationLevel_Parse, v1::LEVEL_UNSPECIFIED);
}

v1::Aggregation ParseAggregationArg(const std::string& text) {
  return EnumOf(ParseEnumArg("--aggregation", "AGGREGATION_", text, "trimmed-mean, mean, median"),
                &v1::Aggregation_Parse, v1::AGGREGATION_UNSPECIFIED);
}

bool ParseOnOff(const std::string& flag, const std::string& text) {
  std::string t = absl::AsciiStrToLower(text);
  if (t == "on" || t == "yes" || t == "true" || t == "1") return true;
  if (t == "off" || t == "no" || t == "false" || t == "0") return false;
  throw CliError{kExitUsage, flag + " must be on or off, got \"" + text + "\""};
}

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CliError{kExitUsage, absl::StrCat("cannot read ", path)};
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string ParsePublicKeyArg(const std::string& text) {
  std::string key_text = text;
  if (std::ifstream(key_text).good()) key_text = ReadWholeFile(key_text);
  absl::StatusOr<std::string> key = ParsePublicKey(key_text);
  if (!key.ok()) throw CliError{kExitUsage, std::string(key.status().message())};
  return *key;
}

}  // namespace talent::client
