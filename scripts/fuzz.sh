#!/usr/bin/env bash
# Builds the libFuzzer harnesses of tests/fuzz with clang, ASan and UBSan
# into build-fuzz/ (only talent_common and the two files beside it; see
# tests/fuzz/CMakeLists.txt) and runs each for the given time, starting
# from its seed corpus in tests/fuzz/corpus/<harness>/. Prints, per
# harness, the executions, executions per second, the coverage (edges) and
# the features libFuzzer reports when it is done. Exits non-zero on the
# first harness that crashes or breaks a property; the input is kept as
# build-fuzz/findings/<harness>/crash-<sha1> (reproduce it with
# build-fuzz/tests/fuzz/<harness> <that file>).
#
# New inputs that widen coverage go to build-fuzz/corpus/<harness>/, never
# into the committed seeds.
#
# Usage: scripts/fuzz.sh [seconds per harness, default 60]
#        scripts/fuzz.sh --smoke     (CI: 2 s each, the seeds only)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$root/build-fuzz"
seconds="${1:-60}"
smoke=0
if [ "$seconds" = "--smoke" ]; then
  smoke=1
  seconds=2
fi
"$root/scripts/setup.sh"
cmake -S "$root" -B "$build" -G Ninja -DTALENT_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_COMPILER=clang++-14 >/dev/null
cmake --build "$build" -j2 >/dev/null

harnesses=()
for source in "$root"/tests/fuzz/*_fuzzer.cc; do
  harnesses+=("$(basename "$source" .cc)")
done
printf '%-22s %12s %10s %8s %8s\n' harness execs exec/s cov ft
for h in "${harnesses[@]}"; do
  seeds="$root/tests/fuzz/corpus/$h"
  work="$build/corpus/$h"
  findings="$build/findings/$h"
  mkdir -p "$work" "$findings"
  log="$build/$h.log"
  args=(-max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$findings/")
  # The seeds are read, never written: the run's corpus goes to $work (or
  # nowhere in a smoke run, which must leave no files behind).
  if [ "$smoke" -eq 1 ]; then
    tmp="$(mktemp -d)"
    corpora=("$tmp" "$seeds")
  else
    corpora=("$work" "$seeds")
  fi
  status=0
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$build/tests/fuzz/$h" "${args[@]}" "${corpora[@]}" >"$log" 2>&1 || status=$?
  [ "$smoke" -eq 1 ] && rm -rf "$tmp"
  if [ "$status" -ne 0 ]; then
    echo "$h: FAILED (exit $status); the input is in $findings/" >&2
    grep -E 'property failed|ERROR: |runtime error|SUMMARY' "$log" | head -5 >&2 || true
    exit 1
  fi
  # "#123456	DONE   cov: 812 ft: 2345 corp: 120/4Kb lim: 4096 exec/s: 61728 rss: 41Mb"
  done_line="$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1)"
  execs="$(echo "$done_line" | sed -E 's/^#([0-9]+).*/\1/')"
  cov="$(echo "$done_line" | sed -E 's/.* cov: ([0-9]+).*/\1/')"
  ft="$(echo "$done_line" | sed -E 's/.* ft: ([0-9]+).*/\1/')"
  rate="$(echo "$done_line" | sed -E 's/.* exec\/s: ([0-9]+).*/\1/')"
  printf '%-22s %12s %10s %8s %8s\n' "$h" "$execs" "$rate" "$cov" "$ft"
done
