#!/usr/bin/env bash
# valgrind-check.sh: memcheck over a whole session of cote, without the
# sanitizers (a plain Debug build in build-valgrind): `cote index` of
# corpus/, the search commands in several forms, then `cote serve` answering
# 1,000 HTTP requests over every route, good and bad, stopped by SIGTERM.
# Fails on any memcheck error (invalid read or write, use of uninitialised
# memory, bad free) and on any definitely or indirectly lost block; prints,
# per command, the errors and the bytes lost.
#
# scripts/valgrind.supp silences third-party noise only, each entry with the
# reason it is not cote's. Logs: build-valgrind/valgrind/*.log.
# Usage: scripts/valgrind-check.sh [REQUESTS]   Environment: BUILD_DIR (build-valgrind)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
# shellcheck disable=SC2086 # a list of package names
cote_install_deps $COTE_BUILD_DEPS valgrind python3 curl
requests=${1:-1000}
B=${BUILD_DIR:-build-valgrind}
cmake -S . -B "$B" -DCMAKE_BUILD_TYPE=Debug -DCOTE_SANITIZE= -DCOTE_FUZZ=OFF -DCOTE_BUILD_BENCH=OFF -DCOTE_TCMALLOC=OFF >/dev/null
cmake --build "$B" -j"$(nproc)" --target cote >/dev/null
COTE=$PWD/$B/cote
LOGS=$B/valgrind
rm -rf "$LOGS"
mkdir -p "$LOGS"
DB=$LOGS/index
# shellcheck disable=SC2054 # commas inside single options
VG=(valgrind --tool=memcheck --leak-check=full --show-leak-kinds=definite,indirect
    --errors-for-leak-kinds=definite,indirect --track-origins=yes --num-callers=40
    --suppressions=scripts/valgrind.supp --gen-suppressions=all --error-exitcode=99)
server_pid=
trap '[ -n "$server_pid" ] && kill -KILL "$server_pid" 2>/dev/null || true' EXIT

n=0
# vg NAME EXPECTED-EXIT CMD...: runs CMD under memcheck, log in $LOGS/NAME.log
vg() {
    local name=$1 want=$2 rc=0
    shift 2
    n=$((n + 1))
    "${VG[@]}" --log-file="$LOGS/$name.log" "$COTE" "$@" >"$LOGS/$name.out" 2>"$LOGS/$name.err" || rc=$?
    if [ "$rc" != "$want" ]; then
        echo "valgrind-check: $name: exit $rc, wanted $want (99: memcheck errors); see $LOGS/$name.log" >&2
    fi
    echo "$name $rc $want" >>"$LOGS/exits"
}
start=$(date +%s)
vg index 0 index --db "$DB" corpus
vg index-again 0 index --db "$DB" corpus
vg search 0 search --db "$DB" coopération Sud-Sud
vg search-json 0 search --db "$DB" --json --limit 5 --offset 2 coopération
vg search-phrase 0 search --db "$DB" --json '"Document final de Buenos Aires"'
vg search-filters 0 search --db "$DB" --json UNDP org:PNUD type:rapport date:2019..2022
vg search-dates 0 search --db "$DB" --from 2022-09-12 --to 2022-09-14
# shellcheck disable=SC1112 # the typographic apostrophe is the point
vg search-operators 0 search --db "$DB" '(paix OU sécurité) ET Afrique SAUF guerre "l’Union" coopérat*'
vg search-typo 0 search --db "$DB" cooperatoin
vg search-in 0 search --db "$DB" --in A/75/371 PNUD
vg search-none 1 search --db "$DB" zzzxqwvunknownword
vg explain 0 search --db "$DB" --explain '((paix ET "sécurité alimentaire" OU -climat'
vg similar 0 similar --db "$DB" A/75/371
vg show 0 show --db "$DB" --json 'A/75/371#9'
vg stats 0 stats --db "$DB" --json
vg analyze 0 analyze --json "l’Union" COVID-19 A/RES/74/239

# the server: 1,000 requests over every route, good and bad, 4 at a time
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"${VG[@]}" --log-file="$LOGS/serve.log" "$COTE" serve --db "$DB" --listen "127.0.0.1:$port" --threads 2 \
    --timeout 5 >"$LOGS/serve.out" 2>"$LOGS/serve.err" &
server_pid=$!
for _ in $(seq 1 300); do
    curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break
    sleep 0.5
done
python3 - "$port" "$requests" >"$LOGS/requests.out" <<'PY'
import collections, socket, sys, threading
port, total = int(sys.argv[1]), int(sys.argv[2])
paths = [
    "/", "/?q=coop%C3%A9ration", "/?q=coop%C3%A9ration%20Sud-Sud&org=pnud&limit=2&offset=2",
    "/?q=PNUD&lang=en", "/?q=cooperatoin", "/?q=&from=2022-09-12&to=2022-09-14", "/?embed=1&q=paix",
    "/?q=%3Cscript%3E&sort=date", "/doc/A/75/371", "/doc/A/75/371?q=PNUD", "/doc/no-such-document",
    "/api/v1/search?q=coop%C3%A9ration", "/api/v1/search?q=PNUD&in=A%2F75%2F371&limit=100",
    "/api/v1/facets?q=PNUD&type=rapport", "/api/v1/complete?q=pn", "/api/v1/complete?q=a/75&format=opensearch",
    "/api/v1/suggest?q=cooperatoin", "/api/v1/similar/A%2F75%2F371?limit=3", "/api/v1/document/A/75/371",
    "/opensearch.xml", "/healthz", "/static/style.css", "/static/app.js", "/static/widget.js",
    # bad ones
    "/api/v1/search?q=%ff%fe", "/api/v1/search?q=a%00b", "/api/v1/search?q=a&limit=0",
    "/api/v1/search?q=a&offset=-1", "/api/v1/search?q=" + "a" * 3000, "/?q=a" + "&p=1" * 20,
    "/static/../../etc/passwd", "/static/%2e%2e/x", "/doc/%ff", "/api/v1/document/" + "c" * 600,
    "/api/v1/similar/%ff", "/no-such-page", "/api/v1/nothing", "/?q=" + "(" * 500 + "paix",
    "/?q=" + "a" * 9000,
]
raws = [b"GARBAGE\r\n\r\n", b"GET / HTTP/1.1\r\nHost: x\r\nBad header\r\n\r\n",
        b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nq=x", b"GET / HTTP/9.9\r\nHost: x\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n",
        b"OPTIONS /api/v1/search HTTP/1.1\r\nHost: x\r\nOrigin: http://evil.example\r\n\r\n",
        b"HEAD /?q=paix HTTP/1.1\r\nHost: x\r\n\r\n", b"GET /?q=half HTTP/1.1\r\nHost: x\r\n"]
codes = collections.Counter()
lock = threading.Lock()
def one(i):
    k = i % (len(paths) + len(raws))
    raw = (b"GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" % paths[k].encode()) if k < len(paths) \
        else raws[k - len(paths)]
    s = socket.create_connection(("127.0.0.1", port), timeout=120)
    try:
        s.sendall(raw)
        if not raw.endswith(b"\r\n\r\n") and not raw.endswith(b"q=x"):
            s.shutdown(socket.SHUT_WR)  # half a request: the server must cope
        data = b""
        while True:
            c = s.recv(65536)
            if not c:
                break
            data += c
            if b"connection: close" not in raw.lower() and b"\r\n\r\n" in data:
                break
        code = data[9:12].decode() if data.startswith(b"HTTP/1.") else "closed"
    except OSError as e:
        code = "error:" + type(e).__name__
    finally:
        s.close()
    with lock:
        codes[code] += 1
def worker(w):
    for i in range(w, total, 4):
        one(i)
threads = [threading.Thread(target=worker, args=(w,)) for w in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("requests %d" % sum(codes.values()))
for c, k in sorted(codes.items()):
    print("status %s %d" % (c, k))
PY
kill -TERM "$server_pid"
rc=0
wait "$server_pid" || rc=$?
server_pid=
n=$((n + 1))
echo "serve $rc 0" >>"$LOGS/exits"
secs=$(($(date +%s) - start))

# --- report ---
printf '%-18s %5s %7s %12s %12s %12s %12s\n' command exit errors definitely indirectly possibly reachable
bad=0
while read -r name rc want; do
    log=$LOGS/$name.log
    errors=$(sed -n 's/.*ERROR SUMMARY: \([0-9,]*\) errors.*/\1/p' "$log" | tail -1 | tr -d ,)
    lost() { sed -n "s/.*$1 lost: \([0-9,]*\) bytes.*/\1/p" "$log" | tail -1 | tr -d ,; }
    def=$(lost definitely) ind=$(lost indirectly) pos=$(lost possibly)
    reach=$(sed -n 's/.*still reachable: \([0-9,]*\) bytes.*/\1/p' "$log" | tail -1 | tr -d ,)
    printf '%-18s %5s %7s %12s %12s %12s %12s\n' "$name" "$rc" "${errors:-?}" "${def:-0}" "${ind:-0}" "${pos:-0}" "${reach:-0}"
    if [ "$rc" != "$want" ] || [ "${errors:-x}" != 0 ] || [ "${def:-0}" != 0 ] || [ "${ind:-0}" != 0 ]; then bad=1; fi
done <"$LOGS/exits"
cat "$LOGS/requests.out"
echo "valgrind-check: $n programs under memcheck in ${secs}s; logs in $LOGS/"
if [ "$(sed -n 's/^requests //p' "$LOGS/requests.out")" != "$requests" ]; then
    echo "valgrind-check: not every request was made" >&2
    bad=1
fi
if grep -q "^status 5[0-9][0-9] " "$LOGS/requests.out" && ! grep -q "^status 505 " "$LOGS/requests.out"; then
    echo "valgrind-check: 5xx answers" >&2
    bad=1
fi
[ "$bad" = 0 ] && echo "valgrind-check: no memcheck error, no definite or indirect leak" || echo "valgrind-check: FAILED" >&2
exit "$bad"
