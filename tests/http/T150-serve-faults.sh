# T150: `cote serve` while its index is replaced, and with many idle
# connections. The index is replaced three ways while clients search without
# pause: `cote index --rebuild` onto the served folder, a freshly built index
# moved over it (mv the old one away, mv the new one in), and an atomic swap
# of a symbolic link. Each time every answer is 2xx and the server then
# serves the new content. Then 200 connections from four other loopback
# addresses that send nothing or half a request: the server still answers
# everyone else, and closes them at its timeout. Last, searches that run
# past the time limit (--time-limit) are answered 503, and the server goes on.
#
# Environment from ctest: COTE (the binary), COTE_SOURCE_DIR, COTE_TEST_TMP.
. "$(dirname "$0")/lib.sh"

# Two corpora: the seeds, and the seeds with one more document.
mkdir -p "$TMP/a" "$TMP/b"
cp "$COTE_SOURCE_DIR"/corpus/*.txt "$TMP/a/"
cp "$COTE_SOURCE_DIR"/corpus/*.txt "$TMP/b/"
printf 'Le Groupe spécial de la zoologie marine a siégé à Nairobi.\n' >"$TMP/b/zoologie.txt"
build() { "$COTE" index --db "$1" "$2" >"$TMP/index.out" 2>"$TMP/index.err"; }
build "$TMP/idx-a" "$TMP/a" || { fail "index the seeds" "$(cat "$TMP/index.err")"; exit 1; }
ln -s idx-a "$TMP/served"
DB=$TMP/served

PORT=$(free_port)
BASE=http://127.0.0.1:$PORT
"$COTE" serve --db "$DB" --listen "127.0.0.1:$PORT" --threads 2 --timeout 3 \
    >"$TMP/serve.out" 2>"$TMP/serve.err" &
server_pid=$!
if wait_up; then ok "server answers /healthz"; else
    fail "server answers /healthz within 20 s" "$(head -c 600 "$TMP/serve.err")"
    exit 1
fi

# hammer WORD: clients search (API and page) and poll /healthz without pause
# until WORD is found or 60 s have passed; prints the count of answers per
# status, then "found after S s" or "not found".
hammer() {
    python3 - "$PORT" "$1" "$TMP/hammer.go" <<'PY'
import collections, json, os, sys, threading, time, urllib.error, urllib.request
port, word, go = int(sys.argv[1]), sys.argv[2], sys.argv[3]
base = "http://127.0.0.1:%d" % port
codes = collections.Counter()
found = []
firsts = {}
stop = threading.Event()
lock = threading.Lock()
def get(path):
    try:
        with urllib.request.urlopen(base + path, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except OSError as e:
        return "error:" + type(e).__name__, b""
def client(paths):
    while not stop.is_set():
        for p in paths:
            code, body = get(p)
            with lock:
                codes[code] += 1
                if not (isinstance(code, int) and 200 <= code < 300):
                    firsts.setdefault((code, p.split("?")[0]), time.time())
            if p.startswith("/api/v1/search?q=" + word) and code == 200 and os.path.exists(go):
                if json.loads(body)["total"] > 0 and not found:
                    found.append(time.time())
                    stop.set()
threads = [threading.Thread(target=client, args=(ps,)) for ps in (
    ["/api/v1/search?q=" + word, "/api/v1/search?q=coop%C3%A9ration"],
    ["/?q=paix", "/healthz", "/api/v1/facets?q=PNUD"],
    ["/api/v1/search?q=" + word + "&limit=3", "/doc/A/75/371"])]
for t in threads:
    t.start()
start = None
deadline = time.time() + 90
while not stop.is_set() and time.time() < deadline:
    if start is None and os.path.exists(go):
        start = time.time()
    if start and time.time() - start > 60:
        break
    time.sleep(0.05)
stop.set()
for t in threads:
    t.join()
for code, n in sorted(codes.items(), key=str):
    print("status %s: %d" % (code, n))
for (code, path), t in sorted(firsts.items(), key=str):
    print("first %s on %s, %.1f s %s the replacement ended" % (
        code, path, abs(t - os.path.getmtime(go)) if os.path.exists(go) else 0,
        "after" if os.path.exists(go) and t >= os.path.getmtime(go) else "before"))
if found:
    print("found after %.1f s" % max(0.0, found[0] - os.path.getmtime(go)))
else:
    print("not found")
PY
}
# replaced HOW CMD...: runs CMD while clients search; every answer 2xx, then
# the new document (zoologie) is served. The go file tells the clients the
# replacement is done: only then must the word be found.
replaced() {
    local how=$1
    shift
    rm -f "$TMP/hammer.go"
    hammer zoologie >"$TMP/hammer.out" 2>&1 &
    local hpid=$!
    sleep 1
    "$@" >"$TMP/replace.out" 2>&1 || fail "$how: the replacement itself" "$(cat "$TMP/replace.out")"
    touch "$TMP/hammer.go"
    wait "$hpid" || true
    check "$how: every answer meanwhile is 2xx" sh -c '! grep "^status " "$1" | grep -qv "^status 2[0-9][0-9]:"' sh "$TMP/hammer.out"
    grep "^first " "$TMP/hammer.out" | sed 's/^/  # /' || true
    check "$how: ... ($(grep -h '^status' "$TMP/hammer.out" | tr '\n' ' '))" grep -q "^status 200: [0-9]" "$TMP/hammer.out"
    check "$how: then the new content is served ($(tail -1 "$TMP/hammer.out"))" grep -q "^found after" "$TMP/hammer.out"
}
# serve_copy_of_a: the served path becomes a new copy of the first index
# (through a link swapped at once); waits until the server serves it.
serve_copy_of_a() {
    rm -rf "${TMP:?}/${1:?}" "$TMP/swap"
    cp -a "$TMP/idx-a" "$TMP/$1"
    ln -s "$1" "$TMP/swap" && mv -T "$TMP/swap" "$TMP/served"
    for _ in $(seq 1 100); do
        fetch '/api/v1/search?q=zoologie'
        if [ "$code" = 200 ] && json_ok 'j["total"] == 0'; then return 0; fi
        sleep 0.2
    done
    return 1
}

# 1. an atomic swap of a symbolic link
build "$TMP/idx-b" "$TMP/b" || fail "index the second corpus" "$(cat "$TMP/index.err")"
swap_link() { ln -s idx-b "$TMP/swap" && mv -T "$TMP/swap" "$TMP/served"; }
replaced "symbolic link swapped" swap_link

# 2. cote index --rebuild onto the served folder
check "back to a copy of the first index" serve_copy_of_a idx-c
replaced "cote index --rebuild while serving" "$COTE" index --rebuild --db "$TMP/served" "$TMP/b"

# 3. mv the served folder away, mv a freshly built one in its place
check "back to a copy of the first index" serve_copy_of_a idx-d
rm -f "$TMP/served"
mv "$TMP/idx-d" "$TMP/served"           # a folder now, not a link: the same index
build "$TMP/idx-e" "$TMP/b" || fail "index the second corpus again" "$(cat "$TMP/index.err")"
mv_over() { mv "$TMP/served" "$TMP/served.old" && mv "$TMP/idx-e" "$TMP/served"; }
replaced "a new index moved over the served folder" mv_over

# --- many idle connections ---
python3 - "$PORT" >"$TMP/idle.out" <<'PY'
import socket, sys, time, urllib.request
port = int(sys.argv[1])
idle = []
for i in range(200):
    s = socket.socket()
    s.bind(("127.0.0.%d" % (2 + i % 4), 0))   # four other clients, 50 each (64 per client at most)
    s.settimeout(10)
    s.connect(("127.0.0.1", port))
    if i % 2:
        s.sendall(b"GET /?q=half HTTP/1.1\r\nHost: x\r\n")   # half a request
    idle.append(s)
time.sleep(0.5)
answered = 0
for i in range(20):
    with urllib.request.urlopen("http://127.0.0.1:%d/api/v1/search?q=paix" % port, timeout=30) as r:
        answered += r.status == 200
print("held:", len(idle))
print("answered:", answered)
# the server closes them at its idle timeout (3 s)
closed = 0
deadline = time.time() + 30
for s in idle:
    s.settimeout(max(0.1, deadline - time.time()))
    try:
        while s.recv(100):  # an answer (408) may come before the end of the stream
            pass
        closed += 1
    except socket.timeout:
        pass            # still open 30 s later
    except ConnectionError:
        closed += 1
print("closed:", closed)
PY
check "200 idle connections held open at once" grep -q "^held: 200$" "$TMP/idle.out"
check "... others are answered meanwhile (20 of 20)" grep -q "^answered: 20$" "$TMP/idle.out"
check "... and the timeout closes every one" grep -q "^closed: 200$" "$TMP/idle.out"
fetch /healthz
check "the server still answers /healthz" [ "$code" = 200 ]

stop_gracefully

# --- a search past its time limit ---
# COTE_FAULT=search-timeout makes every search with a time limit run out of
# time at once (searcher.c): the answer is 503 with Retry-After and says why,
# and the server goes on answering.
# serve_out_of_time WHAT ARGS...: such a server, with cote serve ARGS
serve_out_of_time() {
    local what=$1
    shift
    PORT=$(free_port)
    BASE=http://127.0.0.1:$PORT
    COTE_FAULT=search-timeout "$COTE" serve --db "$DB" --listen "127.0.0.1:$PORT" --threads 2 "$@" \
        >"$TMP/serve.out" 2>"$TMP/serve.err" &
    server_pid=$!
    if wait_up; then ok "$what"; else
        fail "$what" "$(head -c 600 "$TMP/serve.err")"
        exit 1
    fi
}
serve_out_of_time "a server whose searches run out of time starts" --cache-mb 0
fetch '/api/v1/search?q=paix'
check "API: a search past its time limit gets 503" [ "$code" = 503 ]
check "... with Retry-After" header Retry-After 1
check "... and the status TIMEOUT with the limit in its message" \
    json_ok 'j["error"]["status"] == "TIMEOUT" and "3000 ms" in j["error"]["message"]'
fetch '/?q=paix'
check "page: a search past its time limit gets 503" [ "$code" = 503 ]
check "... a page that says so" body_has "3000 ms"
fetch '/api/v1/similar/A%2F75%2F371'
check "similar: past its time limit too" [ "$code" = 503 ]
fetch /healthz
check "the server still answers /healthz" [ "$code" = 200 ]
stop_gracefully

# --time-limit 0: no limit, so nothing can run out of time
serve_out_of_time "a server with --time-limit 0 starts" --time-limit 0
fetch '/api/v1/search?q=paix'
check "--time-limit 0: the same search is answered" json_ok 'len(j["hits"]) > 0'
stop_gracefully
finish
