#include "server/config_file.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

#include <CLI/CLI.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace talent::server {
namespace {

// The keys a file may set: the command's flags, without their dashes.
std::string KnownKeys(const CLI::App& command) {
  std::vector<std::string> keys;
  for (const CLI::Option* option : command.get_options()) {
    if (!option->get_configurable() || option->get_lnames().empty()) continue;
    if (option == command.get_help_ptr()) continue;
    keys.push_back(option->get_lnames().front());
  }
  return absl::StrJoin(keys, ", ");
}

}  // namespace

absl::Status ApplyConfigFile(const std::string& path, CLI::App& command) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    return absl::NotFoundError(
        absl::StrCat("cannot read --config ", path, ": ", std::strerror(errno)));
  }
  if (!S_ISREG(st.st_mode)) {
    return absl::NotFoundError(absl::StrCat("cannot read --config ", path, ": not a file"));
  }
  std::ifstream in(path);
  if (!in.is_open()) {
    return absl::NotFoundError(
        absl::StrCat("cannot read --config ", path, ": ", std::strerror(errno)));
  }
  std::vector<CLI::ConfigItem> items;
  try {
    items = CLI::ConfigTOML().from_config(in);
  } catch (const CLI::Error& e) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", e.what()));
  }
  for (const CLI::ConfigItem& item : items) {
    if (!item.parents.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          path, ": section [", item.parents.front(), "] is not read: write '", command.get_name(),
          "' settings at the top of the file, before any [section]"));
    }
    CLI::Option* option = command.get_option_no_throw("--" + item.name);
    if (option == nullptr || option == command.get_help_ptr() || !option->get_configurable()) {
      return absl::InvalidArgumentError(absl::StrCat(
          path, ": unknown key '", item.name, "' (the keys are the flags of 'talentd ",
          command.get_name(), "' without their dashes: ", KnownKeys(command), ")"));
    }
    // The flag wins. (A key set twice arrives once, with both values,
    // which a single-valued flag refuses.)
    if (option->count() > 0) continue;
    try {
      if (option->get_items_expected_max() == 0) {  // a flag: true or false
        option->add_result(option->get_flag_value(item.name, CLI::ConfigTOML().to_flag(item)));
      } else {
        option->add_result(item.inputs);
      }
      option->run_callback();
    } catch (const CLI::Error& e) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ": ", item.name, " = ", absl::StrJoin(item.inputs, ", "), ": ",
                       e.what()));
    }
  }
  return absl::OkStatus();
}

}  // namespace talent::server
