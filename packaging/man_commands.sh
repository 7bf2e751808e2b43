#!/bin/sh
# Writes, for help2man's --include, a COMMANDS section holding the --help
# of every command of BINARY (walking the "Subcommands:" lists of the help
# itself), each verbatim under its own heading, so the man page documents
# every command and flag the binary has.
#
#   man_commands.sh BINARY OUTPUT
set -eu
exec >"$2"
dir="$(cd "$(dirname "$1")" && pwd)"
name="$(basename "$1")"
# Run as plain NAME, so that the usage lines say "Usage: talentctl …".
PATH="$dir:$PATH"

# walk [WORD…]: the help of the command WORD… and of every command below it.
walk() {
  help="$("$name" "$@" --help)"
  if [ $# -gt 0 ]; then
    printf '.SS "%s %s"\n.nf\n' "$name" "$*"
    # roff: a backslash is \e, and a line may not start with . or '
    printf '%s\n' "$help" | sed -e 's/\\/\\e/g' -e "s/^\([.']\)/\\\\\&\1/"
    printf '.fi\n'
  fi
  subcommands="$(printf '%s\n' "$help" | sed -n '/^Subcommands:$/,$ s/^  \([a-z][a-z0-9-]*\) .*/\1/p')"
  for sub in $subcommands; do
    walk "$@" "$sub"
  done
}

printf '[COMMANDS]\n'
walk
