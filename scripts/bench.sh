#!/usr/bin/env bash
# Benchmark (not a test): builds Release and, in one run, imports the same
# generated CSV of applicants (default 100,000 rows) two ways —
#   1. `sqlite3 .import` into a plain table (the floor: no validation);
#   2. `talentctl enrolment import` into a running talentd (CSV parse,
#      streaming over gRPC, validation of every row and of the database,
#      one durable transaction) —
# and prints both times, rows per second, the ratio, and talentd's resident
# memory after the import. Targets: within 3× of sqlite3, RSS < 100 MB.
# For scale it also times the floor of our schema: the same rows copied by
# one INSERT … SELECT inside sqlite3 into talentd's own tables (indexes,
# foreign keys, WAL, synchronous=FULL), with no parsing, checks or network.
#
# Then the assessment figures (issue 3), in the same run:
#   * 32 concurrent clients for a fixed time each: score-sheet writes
#     (durable), sheet reads, and grpc.health.v1.Health/Check on the same
#     server — QPS, p50 and p99, and the ratio to Check;
#   * computing the results of a round of 100,000 enrolments x 5 sheets x 6
#     criteria (talentctl results show) against a plain GROUP BY over the
#     same rows in sqlite3.
#
# Then the crash figures of scripts/crash.sh: a loaded talentd killed with
# SIGKILL TALENT_BENCH_KILLS times (default 200), every acknowledged write
# checked after each restart.
# Last, the public surfaces (scripts/bench_public.sh): VerifyCertificate and
# /verify pages per second against Health/Check, and memory under abuse.
#
# Usage: scripts/bench.sh [rows] [seconds per load phase]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rows="${1:-100000}"
load_seconds="${2:-10}"
"$root/scripts/build.sh" talentd talentctl gen_applicants load_client >/dev/null
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

rounds=3
plain_times=()
floor_times=()
our_times=()
rss_after=0
rss_peak=0
for round in $(seq "$rounds"); do
  # 1. sqlite3 .import into a plain table.
  rm -f "$work/plain.db"
  sqlite3 "$work/plain.db" 'CREATE TABLE applicants (name TEXT, national_id TEXT, gender TEXT,
    organisation TEXT, region TEXT, track TEXT, phone TEXT, email TEXT, qualification TEXT,
    years TEXT);'
  sync  # each timed phase starts with no earlier writes still going to disk
  t0=$(now)
  sqlite3 "$work/plain.db" ".import --csv --skip 1 $work/applicants.csv applicants"
  t1=$(now)
  plain_rows=$(sqlite3 "$work/plain.db" 'SELECT COUNT(*) FROM applicants')
  [ "$plain_rows" -eq "$rows" ] || { echo "bench: sqlite3 imported $plain_rows rows" >&2; exit 1; }
  plain_times+=("$(echo "$t1 - $t0" | bc -l)")

  # The schema's floor: talentd's empty database, filled by SQL alone.
  rm -f "$work"/floor.db*
  "$bin/server/talentd" init --db "$work/floor.db" --admin admin >/dev/null 2>&1
  sqlite3 "$work/floor.db" "INSERT INTO programmes VALUES (1, 'F', 'f', 'f', 2020, 2030, 1, 0, 0);
    INSERT INTO cohorts VALUES (1, 1, 2023, 2, 10, 10, 10, 0, 0);"
  sync
  t4=$(now)
  sqlite3 "$work/floor.db" "ATTACH '$work/plain.db' AS plain; PRAGMA foreign_keys = ON;
    PRAGMA synchronous = FULL; PRAGMA cache_size = -262144; BEGIN;
    INSERT INTO persons (national_id, full_name, gender, birth_date, phone, email, create_time,
      update_time) SELECT national_id, name, 1, '1980-01-01', phone, email, 0, 0
      FROM plain.applicants;
    INSERT INTO enrolments (cohort_id, programme_id, person_id, track, organisation, region,
      qualification, years_of_experience, stage, stage_reason, create_time, update_time)
      SELECT 1, 1, p.id, 1, organisation, region, qualification, 3, 1, '', 0, 0
      FROM plain.applicants a JOIN persons p USING (national_id);
    COMMIT;"
  t5=$(now)
  floor_times+=("$(echo "$t5 - $t4" | bc -l)")

  # 2. talentctl enrolment import into a fresh talentd.
  rm -f "$work"/talent.db* "$work/port"
  TALENT_TOKEN="$("$bin/server/talentd" init --db "$work/talent.db" --admin admin 2>/dev/null)"
  export TALENT_TOKEN
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
  sync
  t2=$(now)
  ctl enrolment import --cohort BENCH/2023 "$work/applicants.csv" 2>/dev/null
  t3=$(now)
  rss_after=$(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status")
  rss_peak=$(awk '/VmHWM/ {print $2}' "/proc/$server_pid/status")
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  imported=$(sqlite3 "$work/talent.db" 'SELECT COUNT(*) FROM enrolments')
  [ "$imported" -eq "$rows" ] || { echo "bench: talentd imported $imported rows" >&2; exit 1; }
  our_times+=("$(echo "$t3 - $t2" | bc -l)")
  printf 'round %d: sqlite3 .import %.3f s, schema floor %.3f s, talentctl %.3f s\n' "$round" \
    "${plain_times[-1]}" "${floor_times[-1]}" "${our_times[-1]}" >&2
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
plain=$(median "${plain_times[@]}")
floor=$(median "${floor_times[@]}")
ours=$(median "${our_times[@]}")
awk -v rows="$rows" -v plain="$plain" -v floor="$floor" -v ours="$ours" -v rounds="$rounds" \
    -v rb="$rss_before" -v ra="$rss_after" -v rp="$rss_peak" 'BEGIN {
  printf "import of %d rows, median of %d rounds   seconds       rows/s\n", rows, rounds;
  printf "%-38s %8.3f %12.0f\n", "sqlite3 .import (plain table)", plain, rows / plain;
  printf "%-38s %8.3f %12.0f\n", "schema floor (INSERT ... SELECT)", floor, rows / floor;
  printf "%-38s %8.3f %12.0f\n", "talentctl enrolment import", ours, rows / ours;
  printf "ratio talentctl / sqlite3: %.2fx (target <= 3x); schema floor / sqlite3: %.2fx\n",
         ours / plain, floor / plain;
  printf "talentd RSS after the import: %.1f MB (target < 100 MB); before %.1f MB, peak %.1f MB\n",
         ra / 1024, rb / 1024, rp / 1024;
}'

# --- Assessment: sheet writes and reads against Health/Check --------------
echo >&2
echo "bench: assessment — $load_seconds s per phase, 32 clients" >&2
rm -f "$work"/talent.db* "$work/port"
TALENT_TOKEN="$("$bin/server/talentd" init --db "$work/talent.db" --admin admin 2>/dev/null)"
export TALENT_TOKEN
"$bin/server/talentd" serve --db "$work/talent.db" --listen 127.0.0.1:0 --threads 64 \
  --port-file "$work/port" 2>"$work/talentd.log" &
server_pid=$!
for _ in $(seq 200); do [ -s "$work/port" ] && break; sleep 0.05; done
export TALENT_SERVER="127.0.0.1:$(cat "$work/port")"
ctl() { "$bin/client/talentctl" --timeout 600 "$@"; }
ctl programme create --code BENCH --title 基准 --issuer 基准 --start 2020 --end 2030 \
  --target 300 >/dev/null
ctl cohort create --programme BENCH --year 2023 --quotas 40/40/40 >/dev/null
ctl cohort open BENCH/2023 >/dev/null
ctl enrolment import --cohort BENCH/2023 "$root/scripts/data/applicants-2023.csv" 2>/dev/null
mapfile -t active < <(ctl -o csv --lang en enrolment list --cohort BENCH/2023 | tail -n +2 |
  cut -d, -f1)
ctl enrolment recommend "${active[@]}" --level county --by 基准 >/dev/null
ctl enrolment select "${active[@]}" >/dev/null
ctl --yes cohort cultivate BENCH/2023 >/dev/null
ctl round create BENCH/2023 --title 基准 --position 1 >/dev/null
: >"$work/tokens"
mkdir -p "$work/people"
: >"$work/enrolments"
assessors=""
for i in $(seq 0 31); do
  # Each assessor redeems their invitation into a login file of their own.
  code="$(ctl user create "bench$i" --name "专家$i" --role assessor --org "机构$i" 2>/dev/null)"
  XDG_CONFIG_HOME="$work/people/bench$i" TALENT_TOKEN= ctl login --user "bench$i" \
    --invitation "$code" 2>/dev/null
  sed -n 's/^token = //p' "$work/people/bench$i/talentctl/config" >>"$work/tokens"
  echo "enrolments/${active[$(( i % ${#active[@]} ))]}" >>"$work/enrolments"
  assessors="$assessors${assessors:+,}bench$i"
done
ctl assignment add BENCH/2023/1 --assessor "$assessors" --all >/dev/null 2>&1
ctl round open BENCH/2023/1 >/dev/null
load() {
  "$bin/tests/load_client" --server "$TALENT_SERVER" --mode "$1" --seconds "$load_seconds" \
    --clients 32 --tokens "$work/tokens" --enrolments "$work/enrolments" \
    --round programmes/BENCH/cohorts/2023/rounds/1
}
check_line="$(load check)"
write_line="$(load write)"
read_line="$(load read)"
kill "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=""
qps() { echo "$1" | sed -n 's/.* qps=\([0-9.]*\).*/\1/p'; }
echo "$check_line"
echo "$write_line"
echo "$read_line"
awk -v c="$(qps "$check_line")" -v w="$(qps "$write_line")" -v r="$(qps "$read_line")" 'BEGIN {
  printf "sheet writes: %.0f%% of Check'"'"'s QPS (target >= 50%%, p99 < 10 ms); sheet reads: %.0f%%\n",
         100 * w / c, 100 * r / c;
}'

# --- Assessment: results of 100,000 x 5 x 6 against a plain GROUP BY ------
echo >&2
echo "bench: results of a round of 100,000 enrolments x 5 sheets x 6 criteria" >&2
rm -f "$work"/results.db*
TALENT_TOKEN="$("$bin/server/talentd" init --db "$work/results.db" --admin admin 2>/dev/null)"
sqlite3 "$work/results.db" <<'SQL'
PRAGMA foreign_keys = OFF;
BEGIN;
INSERT INTO programmes VALUES (1, 'BENCH', 'b', 'b', 2020, 2030, 300, 0, 0);
INSERT INTO cohorts VALUES (1, 1, 2023, 3, 100000, 100000, 100000, 0, 0);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
INSERT INTO persons (id, national_id, full_name, gender, birth_date, create_time, update_time)
  SELECT i, printf('%018d', i), '候选人' || i, 1, '1980-01-01', 0, 0 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
INSERT INTO enrolments (id, cohort_id, programme_id, person_id, track, organisation, stage,
                        create_time, update_time)
  SELECT i, 1, 1, i, 1 + i % 3, '机构', 5, 0, 0 FROM n;
WITH RECURSIVE a(k) AS (SELECT 2 UNION ALL SELECT k + 1 FROM a WHERE k < 6)
INSERT INTO users (id, username, display_name, role, organisation, create_time)
  SELECT k, 'expert' || k, '专家', 2, '大学' || k, 0 FROM a;
INSERT INTO rounds (id, cohort_id, name, position, final, state, create_time, update_time)
  VALUES (1, 1, '基准', 1, 0, 3, 0, 0);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000),
               a(k) AS (SELECT 2 UNION ALL SELECT k + 1 FROM a WHERE k < 6)
INSERT INTO sheets (id, round_id, enrolment_id, assessor_id, state, update_time)
  SELECT (i - 1) * 5 + k - 1, 1, i, k, 2, 0 FROM n, a;
WITH RECURSIVE c(p, mx) AS (VALUES (0, 150), (1, 150), (2, 200), (3, 200), (4, 150), (5, 150))
INSERT INTO sheet_points (sheet_id, position, tenths)
  SELECT s.id, c.p, c.mx * 6 / 10 + (s.id * 37 + c.p * 11) % (c.mx * 4 / 10 + 1)
  FROM sheets s, c;
COMMIT;
SQL
sync
t0=$(now)
sqlite3 "$work/results.db" "SELECT enrolment_id, AVG(total) FROM (
  SELECT s.enrolment_id, SUM(p.tenths) AS total FROM sheets s
  JOIN sheet_points p ON p.sheet_id = s.id WHERE s.round_id = 1 AND s.state = 2
  GROUP BY s.id) GROUP BY enrolment_id" >/dev/null
t1=$(now)
"$bin/server/talentd" serve --db "$work/results.db" --listen 127.0.0.1:0 \
  --port-file "$work/port2" 2>"$work/talentd2.log" &
server_pid=$!
for _ in $(seq 200); do [ -s "$work/port2" ] && break; sleep 0.05; done
export TALENT_SERVER="127.0.0.1:$(cat "$work/port2")"
export TALENT_TOKEN
t2=$(now)
"$bin/client/talentctl" --timeout 600 -o csv results show BENCH/2023/1 >"$work/results.csv"
t3=$(now)
listed=$(( $(wc -l <"$work/results.csv") - 1 ))
awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v n="$listed" 'BEGIN {
  printf "%-44s %8.3f s\n", "sqlite3 GROUP BY (totals, mean per enrolment)", b - a;
  printf "%-44s %8.3f s (%d results listed)\n", "talentctl results show (exact rules)", d - c, n;
  printf "ratio: %.2fx (target <= 3x)\n", (d - c) / (b - a);
}'

# --- Crash safety: kills under load (scripts/crash.sh) ---------------------
kill "$server_pid" 2>/dev/null || true
wait "$server_pid" 2>/dev/null || true
server_pid=""
echo >&2
echo "bench: crash safety — ${TALENT_BENCH_KILLS:-200} kills of a loaded talentd" >&2
"$root/scripts/crash.sh" "${TALENT_BENCH_KILLS:-200}"
# --- Public surfaces: verification over gRPC and the web, and abuse ---------
echo >&2
"$root/scripts/bench_public.sh" "$load_seconds"
