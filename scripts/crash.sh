#!/usr/bin/env bash
# Crash test (not part of the benchmark's timings): runs the end-to-end
# crash test — a loaded talentd killed with SIGKILL at a random moment,
# restarted and checked — many times over (default 200 kills; the test
# suite runs 20) and prints the figures: kills, acknowledged writes checked,
# writes lost (must be 0), integrity_check failures (0) and audit chain
# failures (0). Exits non-zero if any of the last three is not 0.
#
# Usage: scripts/crash.sh [kills] [seed]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
kills="${1:-200}"
seed="${2:-0}"
"$root/scripts/build.sh" e2e_test talentd talentctl >/dev/null
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
TALENT_CRASH_ITERATIONS="$kills" TALENT_CRASH_SEED="$seed" \
  "$root/build/tests/e2e_test" --gtest_filter='CrashTest.*' >"$log" 2>&1 || status=$?
line="$(grep '^crash: ' "$log" || true)"
if [ -z "$line" ]; then
  cat "$log" >&2
  echo "crash: the test did not finish (exit $status)" >&2
  exit 1
fi
[ "$status" -eq 0 ] || grep -E 'Failure|lost|integrity_check:|audit verify:' "$log" | head -20 >&2
# "crash: K kills, N acknowledged writes checked (E enrolments, S sheet
# changes), L lost, I integrity failures, A audit failures; U creations
# unanswered at the kills, C of them committed (seed X)"
echo "$line" | awk '{
  gsub(/[(),;]/, " ");
  printf "crash test, seed %s\n", $NF;
  printf "  %-44s %8d\n", "kills (SIGKILL at a random moment)", $2;
  printf "  %-44s %8d\n", "acknowledged writes checked", $4;
  printf "  %-44s %8d\n", "  of which enrolments created", $8;
  printf "  %-44s %8d\n", "  of which sheet changes", $10;
  printf "  %-44s %8d   (must be 0)\n", "acknowledged writes lost", $13;
  printf "  %-44s %8d   (must be 0)\n", "integrity_check failures", $15;
  printf "  %-44s %8d   (must be 0)\n", "audit chain failures", $18;
  printf "  %-44s %8d\n", "creations unanswered at the kills", $21;
  printf "  %-44s %8d\n", "  of which committed before the kill", $27;
}'
exit "$status"
