#!/usr/bin/env bash
# Ingest benchmark: Alertmanager webhooks into Firebreak (SQLite, every 2xx durable) against the
# same alerts posted to a real Alertmanager's /api/v2/alerts (which keeps them in memory only).
#
# One run on a release build, same machine, same load generator: wrk with bench/ingest.lua,
# 2 threads and 4 connections, DURATION per point, for 1, 10 and 100 distinct alerts per request.
# Alertmanager groups by alertname only (grouping also by cluster, which differs per request as
# Firebreak's incidents do, measured 0.73x, 1.10x and 1.19x that rate at 1, 10 and 100 per request).
# Before the timed points, 100,000 alerts (1,000 webhooks of 100) go to a fresh Firebreak and its
# resident memory (VmRSS) is read; it is read again at the end. Firebreak keeps one server (and its
# data) through every point; each Alertmanager point gets a fresh Alertmanager, stopped after it.
#
# Prints alerts/s, p50 and p99 per target and batch size, the ratio Firebreak/Alertmanager, and the
# goal (Firebreak >= Alertmanager at 10 and 100 alerts per request, p99 < 50 ms). The table also
# goes to bench/out/ingest-results.txt.
#
#   bench/ingest.sh                        # 20 s per point
#   DURATION=5s bench/ingest.sh            # shorter points
#   BATCHES="10 100" bench/ingest.sh       # some batch sizes only
#   FIREBREAK=/path/to/firebreak bench/ingest.sh   # a binary built elsewhere (no build step)
#   BACKEND=postgres bench/ingest.sh       # Firebreak on a throwaway PostgreSQL cluster instead
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
# shellcheck source=../scripts/lib/servers.sh
source scripts/lib/servers.sh

duration=${DURATION:-20s}
batches=${BATCHES:-1 10 100}
backend=${BACKEND:-sqlite}
[[ $backend == sqlite || $backend == postgres ]] || servers_die "BACKEND must be sqlite or postgres, got '$backend'."
connections=${CONNECTIONS:-4}
out=bench/out
work=$out/ingest
results=$out/ingest-results.txt

[[ $duration =~ ^[1-9][0-9]*[smh]?$ ]] || servers_die "DURATION must look like 20s or 5s, got '$duration'."
for b in $batches; do
    [[ $b =~ ^[1-9][0-9]*$ ]] || servers_die "BATCHES must be positive numbers, got '$b'."
done
command -v wrk >/dev/null || servers_die "wrk is not installed; run scripts/install-deps.sh."

if [[ -z ${FIREBREAK:-} ]]; then
    echo "bench: building firebreak (release)"
    "${SWIFT:-swift}" build -c release --product firebreak
fi
binary=$(firebreak_binary release)
[[ -x $binary ]] || servers_die "no executable at $binary."

rm -rf "$work"
mkdir -p "$work/data" "$work/alertmanager"
FIREBREAK_PID=
ALERTMANAGER_PID=
cleanup() {
    stop_pid "$FIREBREAK_PID"
    stop_pid "$ALERTMANAGER_PID"
    if [[ $backend == postgres ]]; then scripts/pg-test-cluster.sh stop "$work/pg" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

database=()
backend_name=SQLite
if [[ $backend == postgres ]]; then
    database=(--database "$(scripts/pg-test-cluster.sh start "$work/pg" $$)")
    backend_name=PostgreSQL
fi
token=$("$binary" token create --name bench --role ingest --data-dir "$work/data" "${database[@]}" | tail -n 1)
[[ -n $token ]] || servers_die "firebreak token create printed no token."

cat >"$work/alertmanager.yml" <<'YAML'
route:
  receiver: discard
  group_by: [alertname]
  group_wait: 30s
  group_interval: 5m
  repeat_interval: 4h
receivers:
  - name: discard
YAML

fb_port=$(free_port)
start_firebreak "$binary" "$work/data" "$fb_port" "$work/firebreak.log" "${database[@]}"

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

echo "bench: 100,000 alerts into a fresh Firebreak (1,000 webhooks of 100)"
python3 bench/ingest_fill.py --url "http://127.0.0.1:$fb_port" --token "$token" --requests 1000 --batch 100
rss_after_fill=$(rss_kb "$FIREBREAK_PID")

# point TARGET URL BATCH SALT: one wrk run; prints "alerts_per_s p50_ms p99_ms requests".
point() {
    local target=$1 url=$2 batch=$3 salt=$4 line
    # Dirty pages left by earlier work (a build, the fill, the last point) are written back now, not
    # in the middle of the timed run where they would delay Firebreak's flushes.
    sync
    line=$(TARGET=$target BATCH=$batch SALT=$salt TOKEN=$token \
        wrk -t 2 -c "$connections" -d "$duration" --timeout 10s -s bench/ingest.lua "$url" |
        tee -a "$work/wrk.log" | grep '^result ') || servers_die "wrk printed no result for $target; see $work/wrk.log."
    python3 - "$line" "$batch" "$target" <<'PY'
import sys
fields = dict(part.split("=") for part in sys.argv[1].split()[1:])
batch, target = int(sys.argv[2]), sys.argv[3]
if int(fields["non2xx"]) or int(fields["errors"]):
    sys.exit(f"bench: {target} answered {fields['non2xx']} non-2xx and {fields['errors']} socket errors at {batch} per request; see bench/out/ingest/wrk.log")
rate = int(fields["requests"]) * batch / (int(fields["duration_us"]) / 1e6)
print(f"{rate:.0f} {int(fields['p50_us']) / 1000:.2f} {int(fields['p99_us']) / 1000:.2f} {fields['requests']}")
PY
}

: >"$work/wrk.log"
rows=()
salt=0
for batch in $batches; do
    salt=$((salt + 1))
    echo "bench: $batch alert(s) per request, $duration each"
    firebreak_point=$(point firebreak "http://127.0.0.1:$fb_port" "$batch" "$salt")
    # A fresh Alertmanager per point, stopped right after it: left running, it went on working on the
    # alerts of its point afterwards (up to 1.8 cores, read from /proc during Firebreak's next point).
    rm -rf "$work/alertmanager"
    am_port=$(free_port)
    start_alertmanager "$work/alertmanager.yml" "$work/alertmanager" "$am_port" "$work/alertmanager-$batch.log"
    alertmanager_point=$(point alertmanager "http://127.0.0.1:$am_port" "$batch" "$salt")
    am_rss_end=$(rss_kb "$ALERTMANAGER_PID")
    stop_pid "$ALERTMANAGER_PID"
    ALERTMANAGER_PID=
    rows+=("$batch $firebreak_point $alertmanager_point")
done
rss_end=$(rss_kb "$FIREBREAK_PID")

python3 - "$rss_after_fill" "$rss_end" "$am_rss_end" "$duration" "$backend_name" "${rows[@]}" <<'PY' | tee "$results"
import sys
rss_fill, rss_end, am_rss, duration, backend = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
print(f"Ingest, {duration} per point, 4 connections (wrk), Firebreak on {backend} (durable) vs Alertmanager (memory)")
print(f"{'alerts/req':>10} {'firebreak/s':>12} {'p50 ms':>7} {'p99 ms':>7} {'alertmgr/s':>11} {'p50 ms':>7} {'p99 ms':>7} {'ratio':>6}  goal")
failed = False
for row in sys.argv[6:]:
    b, fr, f50, f99, _, ar, a50, a99, _ = row.split()
    ratio = float(fr) / float(ar)
    goal = ""
    if int(b) >= 10:
        ok = ratio >= 1 and float(f99) < 50
        failed |= not ok
        goal = "met" if ok else "MISSED (>= Alertmanager, p99 < 50 ms)"
    print(f"{b:>10} {fr:>12} {f50:>7} {f99:>7} {ar:>11} {a50:>7} {a99:>7} {ratio:>6.2f}  {goal}")
print(f"Firebreak RSS after 100,000 alerts: {rss_fill / 1024:.1f} MiB; at the end: {rss_end / 1024:.1f} MiB "
      f"(Alertmanager after its last point: {am_rss / 1024:.1f} MiB)")
print("goal: " + ("missed" if failed else "met"))
PY
