#!/usr/bin/env bash
# run-load.sh: `cote serve` under load and under many idle connections, with
# its memory watched, and appends the results to bench/results/load.md
# (command, date, commit, machine).
#
# Usage: bench/run-load.sh [--db DIR] [--duration S] [--connections N] [--idle N]
#   --db DIR         the index to serve (default: bench/data/index-corpus-100MB/cote
#                    when bench/run-index.sh built it, else an index of corpus/)
#   --duration S     seconds of load (default 60)
#   --connections N  wrk connections (default 2 x cores)
#   --idle N         idle connections of the second phase (default 200)
#
# Phase 1: wrk on 127.0.0.1 for S seconds over the search page, the search,
# facets and completion APIs (bench/web/routes.lua), one request in 25 a bad
# one that must get 400; the server's RSS read from /proc every second.
# Phase 2: N connections from four other loopback addresses (a client may
# hold 64) that send nothing or half a request, held while wrk runs 10 s
# more from 127.0.0.1; then the server must close them at its idle timeout.
# Phase 3: 100 connections from one address: the per-client limit holds 64.
# Timing is the machine's; the pass/fail lines are about errors and memory.
# Environment: BUILD_DIR (default build-bench).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '6,11p' "$0" | sed 's/^# \{0,1\}//'; }
db=
duration=60
conns=$((2 * $(nproc)))
idle=200
while [ $# -gt 0 ]; do
    case $1 in
    --db) db=${2:?}; shift 2 ;;
    --duration) duration=${2:?}; shift 2 ;;
    --connections) conns=${2:?}; shift 2 ;;
    --idle) idle=${2:?}; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
    esac
done
# shellcheck source=bench/lib.sh
. bench/lib.sh
# shellcheck source=scripts/deps.sh
. scripts/deps.sh
# shellcheck disable=SC2086 # a list of package names
cote_install_deps $COTE_BUILD_DEPS wrk python3

B=${BUILD_DIR:-build-bench}
cmake -S . -B "$B" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$B" -j"$(nproc)" --target cote >/dev/null
tmp=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$tmp"' EXIT
if [ -z "$db" ]; then
    db=bench/data/index-corpus-100MB/cote
    if [ ! -e "$db/iamglass" ] && [ ! -e "$db/XAPIANDB" ]; then
        db=$tmp/index
        "$B/cote" index --db "$db" corpus >/dev/null 2>&1
    fi
fi
docs=$("$B/cote" stats --db "$db" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')

commit=$(bench_commit)
when=$(date -u '+%Y-%m-%d %H:%M UTC')
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$B/cote" serve --db "$db" --listen "127.0.0.1:$port" >"$tmp/serve.log" 2>&1 &
spid=$!
pids+=("$spid")
for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break
    sleep 0.2
done
curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" || { echo "run-load: the server does not answer" >&2; exit 1; }

# RSS of the server in KB, every second, into $tmp/rss (seconds since start, KB)
python3 - "$spid" "$tmp/rss" <<'PY' &
import sys, time
pid, out = sys.argv[1], sys.argv[2]
start = time.time()
with open(out, "w") as f:
    while True:
        try:
            rss = [l.split()[1] for l in open("/proc/%s/status" % pid) if l.startswith("VmRSS:")][0]
        except (OSError, IndexError):
            break
        f.write("%.0f %s\n" % (time.time() - start, rss))
        f.flush()
        time.sleep(1)
PY
pids+=($!)
sleep 1

# --- phase 1: load ---
echo "run-load: phase 1: wrk -t2 -c$conns -d${duration}s, page and API routes" >&2
BENCH_QUERIES=bench/query/queries.tsv wrk -t2 -c"$conns" -d"${duration}s" --latency -s bench/web/routes.lua \
    "http://127.0.0.1:$port" >"$tmp/load.out" 2>&1
load1=$(cut -d' ' -f1 /proc/loadavg)
cp "$tmp/rss" "$tmp/rss.load"

# --- phase 2: idle connections while wrk runs ---
echo "run-load: phase 2: $idle idle connections, wrk 10 s meanwhile" >&2
python3 - "$port" "$idle" "$tmp/idle.out" <<'PY' &
import socket, sys, time
port, n, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
socks = []
for i in range(n):
    s = socket.socket()
    s.bind(("127.0.0.%d" % (2 + i % 4), 0))
    s.settimeout(5)
    s.connect(("127.0.0.1", port))
    if i % 2:
        s.sendall(b"GET /?q=idle HTTP/1.1\r\nHost: x\r\n")
    socks.append(s)
opened = time.time()
time.sleep(12)                      # while wrk runs
held = 0
for s in socks:                     # still open after 12 s: no byte, no close
    s.setblocking(False)
    try:
        held += s.recv(1) != b""
    except BlockingIOError:
        held += 1
    except OSError:
        pass
closed, last = 0, 0.0
deadline = opened + 60
for s in socks:                     # then the server's timeout closes them
    s.setblocking(True)
    s.settimeout(max(0.1, deadline - time.time()))
    try:
        while s.recv(100):          # an answer (408) may come before the end of the stream
            pass
        closed += 1
        last = time.time() - opened
    except socket.timeout:
        pass
    except OSError:
        closed += 1
        last = time.time() - opened
with open(out, "w") as f:
    f.write("opened %d\nheld %d\nclosed %d\nlast_closed_after %.0f\n" % (n, held, closed, last))
PY
idle_pid=$!
sleep 1
BENCH_QUERIES=bench/query/queries.tsv wrk -t2 -c"$conns" -d10s --latency -s bench/web/routes.lua \
    "http://127.0.0.1:$port" >"$tmp/idle-load.out" 2>&1
wait "$idle_pid"

# --- phase 3: one client's connections over its limit ---
python3 - "$port" >"$tmp/perip.out" <<'PY'
import socket, sys, time
port = int(sys.argv[1])
socks = []
for i in range(100):
    s = socket.socket()
    s.bind(("127.0.0.9", 0))
    s.settimeout(5)
    s.connect(("127.0.0.1", port))
    socks.append(s)
time.sleep(1)
held = 0
for s in socks:
    s.setblocking(False)
    try:
        held += s.recv(1) != b""
    except BlockingIOError:
        held += 1
    except OSError:
        pass
    s.close()
print("held %d" % held)
PY
curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && alive=yes || alive=no
rss_after=$(tail -1 "$tmp/rss" | cut -d' ' -f2)

# --- figures ---
wrkfig() { # FILE -> requests rps p50 p99 errors ok2xx bad400 expected other
    awk '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /Requests\/sec/ { rps = $2 } /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
        /requests in/ { req = $1 }
        /Socket errors/ { err = $0; sub(/.*Socket errors: /, "", err); gsub(/ /, "", err) }
        /^load:/ { ok = $3; bad = $5; sent = $7; oth = $9 }
        END { printf "%d %.0f %.2f %.2f %s %d %d %d %d\n", req, rps, p50, p99, (err == "" ? "none" : err), ok, bad, sent, oth }' "$1"
}
read -r req rps p50 p99 errs ok2xx bad400 badsent other < <(wrkfig "$tmp/load.out")
read -r ireq irps ip50 ip99 ierrs iok ibad ibadsent iother < <(wrkfig "$tmp/idle-load.out")
# RSS: at start (first sample), after 10 s of load, at the end of the load, max
read -r rss0 rss10 rss_end rss_max < <(awk '
    NR == 1 { first = $2 } $1 <= 11 { ten = $2 } { last = $2; if ($2 > max) max = $2 }
    END { print first, ten, last, max }' "$tmp/rss.load")
growth=$(awk -v a="$rss10" -v b="$rss_end" 'BEGIN { printf "%+.1f", (b - a) * 100 / a }')
flat=$(awk -v g="$growth" 'BEGIN { print (g < 10 && g > -50) ? "yes" : "NO" }')
idle_held=$(sed -n 's/^held //p' "$tmp/idle.out")
idle_closed=$(sed -n 's/^closed //p' "$tmp/idle.out")
idle_last=$(sed -n 's/^last_closed_after //p' "$tmp/idle.out")
perip=$(sed -n 's/^held //p' "$tmp/perip.out")
verdict=pass
{ [ "$other" = 0 ] && [ "$errs" = none ] && [ "$bad400" -gt 0 ] && [ "$flat" = yes ] &&
    [ "$iother" = 0 ] && [ "$ierrs" = none ] && [ "$idle_held" = "$idle" ] && [ "$alive" = yes ]; } || verdict=FAIL

mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
table=$tmp/table
{
    echo "| phase | requests | requests/s | p50 ms | p99 ms | 2xx | 400 asked for (sent) | other non-2xx | socket errors |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
    echo "| load, ${duration} s, $conns connections | $req | $rps | $p50 | $p99 | $ok2xx | $bad400 ($badsent) | $other | $errs |"
    echo "| load, 10 s, with $idle idle connections open | $ireq | $irps | $ip50 | $ip99 | $iok | $ibad ($ibadsent) | $iother | $ierrs |"
    echo
    echo "| memory (RSS of cote serve, sampled every second) | MB |"
    echo "|---|---:|"
    echo "| at the start of the load | $(mb "$rss0") |"
    echo "| after 10 s | $(mb "$rss10") |"
    echo "| at the end of the load | $(mb "$rss_end") |"
    echo "| highest | $(mb "$rss_max") |"
    echo "| after the idle connections | $(mb "$rss_after") |"
    echo
    echo "- RSS from 10 s to the end of the load: $growth % (flat: $flat)"
    echo "- idle connections ($idle, half of them with half a request, from 4 addresses): $idle_held held open during the second load, $idle_closed closed by the server's idle timeout (the last $idle_last s after opening)"
    echo "- one client opening 100 connections: $perip held (the per-client limit is 64), the server answering on: $alive"
    echo "- verdict: $verdict (no other non-2xx, no socket error, the asked-for 400s, flat memory, idle connections held, server alive)"
} >"$table"

results=bench/results/load.md
if [ ! -s "$results" ]; then
    cat >"$results" <<'HEAD'
# Load: results

Appended by `bench/run-load.sh`, newest last: `cote serve` under wrk on
127.0.0.1 over the search page and the search, facets and completion APIs
(one request in 25 a bad one that must get 400), its RSS read from /proc
every second; then many idle connections open while the load goes on; then
one client over its connection limit.
HEAD
fi
{
    echo
    echo "## $when, commit $commit, $docs documents ($db)"
    echo
    echo "Machine: $(nproc) CPUs, load average after the load $load1; \`cote serve\` with its defaults (one thread per core, 256 connections, 64 per client, 15 s idle timeout)."
    echo
    echo '```sh'
    echo "bench/run-load.sh --db $db --duration $duration --connections $conns --idle $idle"
    echo '```'
    echo
    cat "$table"
} >>"$results"
cat "$table"
echo "run-load: appended to $results" >&2
[ "$verdict" = pass ]
