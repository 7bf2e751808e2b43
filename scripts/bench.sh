#!/usr/bin/env bash
# Benchmark (not a test): builds Release and, in one run, imports the same
# generated CSV of applicants (default 100,000 rows) two ways —
#   1. `sqlite3 .import` into a plain table (the floor: no validation);
#   2. `talentctl enrolment import` into a running talentd (CSV parse,
#      streaming over gRPC, validation of every row and of the database,
#      one durable transaction) —
# and prints both times, rows per second, the ratio, and talentd's resident
# memory after the import. Targets: within 3× of sqlite3, RSS < 100 MB.
#
# Usage: scripts/bench.sh [rows]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rows="${1:-100000}"
"$root/scripts/build.sh" talentd talentctl gen_applicants >/dev/null
bin="$root/build"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

now() { date +%s.%N; }
"$bin/tests/gen_applicants" "$rows" > "$work/applicants.csv"
echo "bench: $rows rows, $(du -h "$work/applicants.csv" | cut -f1) of CSV" >&2

# 1. sqlite3 .import into a plain table.
sqlite3 "$work/plain.db" 'CREATE TABLE applicants (name TEXT, national_id TEXT, gender TEXT,
  organisation TEXT, region TEXT, track TEXT, phone TEXT, email TEXT, qualification TEXT,
  years TEXT);'
t0=$(now)
sqlite3 "$work/plain.db" ".import --csv --skip 1 $work/applicants.csv applicants"
t1=$(now)
plain_rows=$(sqlite3 "$work/plain.db" 'SELECT COUNT(*) FROM applicants')

# 2. talentctl enrolment import into talentd.
export TALENT_TOKEN
TALENT_TOKEN="$("$bin/server/talentd" init --db "$work/talent.db" --admin admin 2>/dev/null)"
"$bin/server/talentd" serve --db "$work/talent.db" --listen 127.0.0.1:0 \
  --port-file "$work/port" 2>"$work/talentd.log" &
server_pid=$!
for _ in $(seq 200); do [ -s "$work/port" ] && break; sleep 0.05; done
export TALENT_SERVER="127.0.0.1:$(cat "$work/port")"
ctl() { "$bin/client/talentctl" --timeout 600 "$@"; }
ctl programme create --code BENCH --title 基准 --issuer 基准 --start 2020 --end 2030 \
  --target 300 >/dev/null
ctl cohort create --programme BENCH --year 2023 --quotas 10/10/10 >/dev/null
ctl cohort open BENCH/2023 >/dev/null
rss_before=$(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status")
t2=$(now)
ctl enrolment import --cohort BENCH/2023 "$work/applicants.csv" 2>/dev/null
t3=$(now)
rss_after=$(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status")
rss_peak=$(awk '/VmHWM/ {print $2}' "/proc/$server_pid/status")
imported=$(sqlite3 "$work/talent.db" 'SELECT COUNT(*) FROM enrolments')

awk -v rows="$rows" -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" \
    -v pr="$plain_rows" -v ir="$imported" \
    -v rb="$rss_before" -v ra="$rss_after" -v rp="$rss_peak" 'BEGIN {
  plain = b - a; ours = d - c;
  printf "%-34s %8s %12s\n", "import of " rows " rows", "seconds", "rows/s";
  printf "%-34s %8.3f %12.0f   (%d rows)\n", "sqlite3 .import (plain table)", plain, rows / plain, pr;
  printf "%-34s %8.3f %12.0f   (%d enrolments)\n", "talentctl enrolment import", ours, rows / ours, ir;
  printf "ratio talentctl / sqlite3: %.2fx (target <= 3x)\n", ours / plain;
  printf "talentd RSS: %.1f MB before, %.1f MB after (target < 100 MB), peak %.1f MB\n",
         rb / 1024, ra / 1024, rp / 1024;
}'
