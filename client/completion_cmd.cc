// talentctl completion bash|zsh: shell completion generated from the
// command tree talentctl has just built, so it lists exactly the commands
// and flags of this binary and cannot go stale.
#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "client/commands.h"

namespace talent::client {
namespace {

// What completion needs to know of one command: its path from the top
// ("" for talentctl itself, "cohort rules" for a verb), its subcommands
// with their descriptions, its flags, and those of its flags that take a
// value (whose next word is not a command).
struct CommandWords {
  std::string path;
  std::vector<std::pair<std::string, std::string>> commands;  // name, description
  std::vector<std::string> flags;
  std::vector<std::string> valued_flags;
};

std::vector<std::string> FlagNames(const CLI::Option& option) {
  std::vector<std::string> names;
  for (const std::string& name : option.get_snames()) names.push_back("-" + name);
  for (const std::string& name : option.get_lnames()) names.push_back("--" + name);
  return names;
}

// Every command below `app`, depth first, the top first.
void Walk(const CLI::App& app, const std::string& path, std::vector<CommandWords>* out) {
  CommandWords words;
  words.path = path;
  for (const CLI::Option* option : app.get_options()) {
    if (!option->nonpositional()) continue;
    for (const std::string& name : FlagNames(*option)) {
      words.flags.push_back(name);
      if (option->get_items_expected_max() > 0) words.valued_flags.push_back(name);
    }
  }
  std::vector<const CLI::App*> subcommands =
      app.get_subcommands([](const CLI::App* sub) { return !sub->get_name().empty(); });
  for (const CLI::App* sub : subcommands) {
    words.commands.emplace_back(sub->get_name(), sub->get_description());
    for (const std::string& alias : sub->get_aliases()) {
      words.commands.emplace_back(alias, sub->get_description());
    }
  }
  out->push_back(words);
  for (const CLI::App* sub : subcommands) {
    Walk(*sub, path.empty() ? sub->get_name() : absl::StrCat(path, " ", sub->get_name()), out);
  }
}

std::string CommandNames(const CommandWords& words) {
  std::vector<std::string> names;
  for (const auto& [name, description] : words.commands) names.push_back(name);
  return absl::StrJoin(names, " ");
}

// The shell function both scripts share: for a command path, the words
// that may follow (commands, flags, and flags whose value comes next); the
// top level's flags work after any command too.
std::string WordsFunction(const std::vector<CommandWords>& tree) {
  const CommandWords& top = tree.front();
  std::string text =
      "# _talentctl_words PATH: the commands, flags and flags taking a value after PATH\n"
      "_talentctl_words() {\n"
      "  case \"$1\" in\n";
  for (const CommandWords& words : tree) {
    std::vector<std::string> flags = words.flags;
    std::vector<std::string> valued = words.valued_flags;
    if (!words.path.empty()) {  // the top's flags, except those named again (--help)
      for (const std::string& flag : top.flags) {
        if (std::find(words.flags.begin(), words.flags.end(), flag) == words.flags.end()) {
          flags.push_back(flag);
        }
      }
      valued.insert(valued.end(), top.valued_flags.begin(), top.valued_flags.end());
    }
    absl::StrAppend(&text, "    \"", words.path, "\")\n      _talentctl_commands=\"",
                    CommandNames(words), "\"\n      _talentctl_flags=\"",
                    absl::StrJoin(flags, " "), "\"\n      _talentctl_valued=\" ",
                    absl::StrJoin(valued, " "), " \" ;;\n");
  }
  absl::StrAppend(&text,
                  "    *) _talentctl_commands=\"\"; _talentctl_flags=\"\"; "
                  "_talentctl_valued=\" \" ;;\n"
                  "  esac\n"
                  "}\n");
  return text;
}

// The walk over the words typed so far, shared too: leaves the command
// path in _talentctl_path, and _talentctl_value set when the word being
// completed is a flag's value. $1 is the first word after talentctl, $2
// the word being completed, then the words themselves.
constexpr char kWalk[] = R"(_talentctl_walk() {
  local first="$1" current="$2" i word
  shift 2
  local -a typed
  typed=("$@")
  _talentctl_path=""
  _talentctl_value=0
  for (( i = first; i < current; i++ )); do
    word="${typed[i]}"
    if (( _talentctl_value )); then _talentctl_value=0; continue; fi
    _talentctl_words "$_talentctl_path"
    case "$word" in
      -*=*) ;;
      -*) [[ "$_talentctl_valued" == *" $word "* ]] && _talentctl_value=1 ;;
      *) [[ " $_talentctl_commands " == *" $word "* ]] &&
           _talentctl_path="${_talentctl_path:+$_talentctl_path }$word" ;;
    esac
  done
  _talentctl_words "$_talentctl_path"
}
)";

std::string BashScript(const std::vector<CommandWords>& tree) {
  return absl::StrCat(
      "# bash completion for talentctl, made by 'talentctl completion bash' from its own\n"
      "# command tree. Load it with: source <(talentctl completion bash)\n",
      WordsFunction(tree), kWalk,
      R"(_talentctl() {
  local cur="${COMP_WORDS[COMP_CWORD]}" _talentctl_path _talentctl_value
  local _talentctl_commands _talentctl_flags _talentctl_valued
  _talentctl_walk 1 "$COMP_CWORD" "${COMP_WORDS[@]}"
  if (( _talentctl_value )); then
    COMPREPLY=($(compgen -f -- "$cur"))
  elif [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$_talentctl_flags" -- "$cur"))
  elif [[ -n "$_talentctl_commands" ]]; then
    COMPREPLY=($(compgen -W "$_talentctl_commands" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _talentctl talentctl
)");
}

// A zsh single-quoted word.
std::string ZshQuote(const std::string& text) {
  return absl::StrCat("'", absl::StrReplaceAll(text, {{"'", "'\\''"}}), "'");
}

// zsh shows each command with its description: NAME:DESCRIPTION, one line.
std::string ZshDescriptions(const std::vector<CommandWords>& tree) {
  std::string text =
      "# _talentctl_described PATH: the commands after PATH, as NAME:DESCRIPTION\n"
      "_talentctl_described() {\n"
      "  case \"$1\" in\n";
  for (const CommandWords& words : tree) {
    if (words.commands.empty()) continue;
    absl::StrAppend(&text, "    \"", words.path, "\") _talentctl_entries=(\n");
    for (const auto& [name, description] : words.commands) {
      std::string line = description.substr(0, description.find('\n'));
      absl::StrAppend(&text, "      ",
                      ZshQuote(absl::StrCat(name, ":", absl::StrReplaceAll(line, {{":", "\\:"}}))),
                      "\n");
    }
    absl::StrAppend(&text, "    ) ;;\n");
  }
  absl::StrAppend(&text, "    *) _talentctl_entries=() ;;\n  esac\n}\n");
  return text;
}

std::string ZshScript(const std::vector<CommandWords>& tree) {
  return absl::StrCat(
      "#compdef talentctl\n"
      "# zsh completion for talentctl, made by 'talentctl completion zsh' from its own\n"
      "# command tree. Install it as _talentctl in a directory of $fpath, or load it\n"
      "# with: source <(talentctl completion zsh)\n",
      WordsFunction(tree), ZshDescriptions(tree), kWalk,
      R"(_talentctl() {
  local _talentctl_path _talentctl_value _talentctl_commands _talentctl_flags _talentctl_valued
  local -a _talentctl_entries
  _talentctl_walk 2 "$CURRENT" "${words[@]}"
  if (( _talentctl_value )); then
    _files
  elif [[ "$PREFIX" == -* ]]; then
    compadd -- ${=_talentctl_flags}
  elif [[ -n "$_talentctl_commands" ]]; then
    _talentctl_described "$_talentctl_path"
    _describe -t commands 'talentctl command' _talentctl_entries
  else
    _files
  fi
}
if [[ "${zsh_eval_context[-1]}" == loadautofunc ]]; then
  _talentctl "$@"
else
  compdef _talentctl talentctl
fi
)");
}

std::string CompletionScript(const CLI::App& app, const std::string& shell) {
  std::vector<CommandWords> tree;
  Walk(app, "", &tree);
  return shell == "zsh" ? ZshScript(tree) : BashScript(tree);
}

}  // namespace

void SetupCompletionCommand(CLI::App& app, CliContext& ctx) {
  auto shell = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "completion",
      "print a shell completion script: bash (source <(talentctl completion bash)) or zsh");
  cmd->add_option("shell", *shell, "bash or zsh")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh"}));
  cmd->callback([&app, &ctx, shell] { ctx.Print(CompletionScript(app, *shell)); });
}

}  // namespace talent::client
