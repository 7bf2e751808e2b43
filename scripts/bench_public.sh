#!/usr/bin/env bash
# Benchmark of the public surfaces (not a test), run by scripts/bench.sh or
# alone. Builds, runs the demo (a programme year, so there are real signed
# certificates), serves its database with the web port and the
# verification rate limit off, and prints, 32 clients each:
#   * grpc.health.v1.Health/Check QPS (the floor of a gRPC call here);
#   * VerifyCertificate QPS, without a token, of a VALID certificate, and
#     its ratio to Check (target >= 0.8);
#   * /verify/NUMBER pages per second (wrk), and their ratio to Check;
# then talentd's resident memory before and after the abuse cases: a
# 100 MB POST, a 100 MB header line, and 50 clients trickling a request
# while /healthz is timed.
#
# Usage: scripts/bench_public.sh [seconds per load phase]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
load_seconds="${1:-10}"
"$root/scripts/build.sh" talentd talentctl load_client >/dev/null
bin="$root/build"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "bench: public surfaces — the demo's year first" >&2
"$root/scripts/demo.sh" "$work/demo" >/dev/null 2>&1
db="$work/demo/talent.db"
number="$(sqlite3 "$db" "SELECT number FROM certificates WHERE revoke_time IS NULL OR revoke_time = 0 ORDER BY number LIMIT 1")"
[ -n "$number" ] || { echo "bench: the demo issued no certificate" >&2; exit 1; }

"$bin/server/talentd" serve --db "$db" --listen 127.0.0.1:0 --threads 64 \
  --port-file "$work/port" --http-listen 127.0.0.1:0 --http-port-file "$work/http-port" \
  --verify-rate 0 2>"$work/talentd.log" &
server_pid=$!
for _ in $(seq 200); do [ -s "$work/port" ] && [ -s "$work/http-port" ] && break; sleep 0.05; done
server="127.0.0.1:$(cat "$work/port")"
web="http://127.0.0.1:$(cat "$work/http-port")"
load() {
  "$bin/tests/load_client" --server "$server" --mode "$1" --seconds "$load_seconds" \
    --clients 32 --number "$number"
}
check_line="$(load check)"
verify_line="$(load verify)"
wrk_out="$(wrk -t2 -c32 -d"${load_seconds}s" "$web/verify/$number")"
pages="$(echo "$wrk_out" | awk '/Requests\/sec/ {print $2}')"
non2xx="$(echo "$wrk_out" | awk '/Non-2xx/ {print $NF}')"
qps() { echo "$1" | sed -n 's/.* qps=\([0-9.]*\).*/\1/p'; }
echo "$check_line"
echo "$verify_line"
echo "verify-page clients=32 pages_per_s=$pages non_2xx=${non2xx:-0}"
awk -v c="$(qps "$check_line")" -v v="$(qps "$verify_line")" -v p="$pages" 'BEGIN {
  printf "VerifyCertificate / Check: %.2f (target >= 0.8); /verify pages / Check: %.2f\n",
         v / c, p / c;
}'

# Abuse: memory before and after, and /healthz under 50 slow clients.
rss() { awk '/VmRSS/ {print $2}' "/proc/$server_pid/status"; }
rss_before=$(rss)
head -c 100000000 /dev/zero | curl -s -o /dev/null -w '' -X POST --data-binary @- \
  "$web/" || true
rss_post=$(rss)
python3 - "$(cat "$work/http-port")" <<'PY'
import socket, sys, time
port = int(sys.argv[1])
# A 100 MB header line, sent until the server closes the connection.
s = socket.create_connection(("127.0.0.1", port))
s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: ")
chunk = b"a" * 65536
try:
    for _ in range(1600):
        s.sendall(chunk)
except OSError:
    pass
s.close()
PY
rss_header=$(rss)
python3 - "$(cat "$work/http-port")" >"$work/slow.txt" <<'PY'
import socket, sys, time, urllib.request
port = int(sys.argv[1])
slow = []
for _ in range(50):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET /verify/SCSW")
    slow.append(s)
worst = 0.0
for _ in range(20):
    for s in slow:
        try:
            s.sendall(b"-")
        except OSError:
            pass
    start = time.monotonic()
    urllib.request.urlopen("http://127.0.0.1:%d/healthz" % port, timeout=5).read()
    worst = max(worst, time.monotonic() - start)
    time.sleep(0.1)
print("%.1f" % (worst * 1000))
PY
rss_slow=$(rss)
awk -v b="$rss_before" -v p="$rss_post" -v h="$rss_header" -v s="$rss_slow" \
    -v w="$(cat "$work/slow.txt")" 'BEGIN {
  printf "talentd RSS: %.1f MB before; %.1f MB after a 100 MB POST; %.1f MB after a 100 MB header; %.1f MB with 50 slow clients (target: within 20 MB)\n",
         b / 1024, p / 1024, h / 1024, s / 1024;
  printf "/healthz with 50 slow clients: slowest %s ms (target < 1000 ms)\n", w;
}'
