# lib.sh: what the HTTP tests share (sourced): TAP counters and checks, the
# server's life cycle, and curl with its answer kept for the checks.
# Environment from ctest: COTE (the binary), COTE_SOURCE_DIR, COTE_TEST_TMP.
# The test sets BASE (http://127.0.0.1:PORT) before fetching and server_pid
# when it starts `cote serve`; the server is killed when the test exits.
set -euo pipefail
: "${COTE:?COTE must name the cote binary}"
: "${COTE_SOURCE_DIR:?}"
: "${COTE_TEST_TMP:?}"
TMP=$COTE_TEST_TMP
rm -rf "$TMP"
mkdir -p "$TMP"

n_ok=0
n_fail=0
code=000
ok() { n_ok=$((n_ok + 1)); echo "ok $((n_ok + n_fail)) - $1"; }
fail() {
    n_fail=$((n_fail + 1))
    echo "not ok $((n_ok + n_fail)) - $1"
    if [ $# -gt 1 ]; then printf '  # %s\n' "$2"; fi
}
# check DESCRIPTION CMD...: ok when CMD succeeds.
check() {
    local what=$1
    shift
    if "$@"; then ok "$what"; else fail "$what" "failed: $*; status $code; body: $(head -c 300 "$TMP/body" | tr '\n' ' ')"; fi
}

server_pid=
stop_server() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -KILL "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
}
trap stop_server EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# fetch PATH [CURL ARGS...]: status in $code, body in $TMP/body, headers in $TMP/headers.
fetch() {
    local path=$1
    shift
    code=$(curl -sS --max-time 30 --path-as-is -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' \
        "$@" "$BASE$path" 2>"$TMP/curl.err") || code=000
}
header() { grep -qi "^$1: $2" "$TMP/headers"; }
no_header() { ! grep -qi "^$1:" "$TMP/headers"; }
body_has() { grep -qF -- "$1" "$TMP/body"; }
body_lacks() { ! grep -qF -- "$1" "$TMP/body"; }
# json_ok PYTHON-EXPR: evaluates the expression with j = the JSON body.
json_ok() {
    python3 - "$TMP/body" "$1" <<'PY'
import json, sys
j = json.load(open(sys.argv[1], encoding="utf-8"))
sys.exit(0 if eval(sys.argv[2]) else 1)
PY
}
# wait_up: until /healthz answers 200 (20 s at most) or the server dies.
wait_up() {
    for _ in $(seq 1 100); do
        if ! kill -0 "$server_pid" 2>/dev/null; then return 1; fi
        fetch /healthz
        if [ "$code" = 200 ]; then return 0; fi
        sleep 0.2
    done
    return 1
}
# wait_stopped: waits up to 20 s for the server to exit; true when it did,
# with its exit status in $status.
wait_stopped() {
    for _ in $(seq 1 100); do
        if ! kill -0 "$server_pid" 2>/dev/null; then
            status=0
            wait "$server_pid" || status=$?
            server_pid=
            return 0
        fi
        sleep 0.2
    done
    return 1
}
# no_sanitizer_report: the server's stderr holds no sanitizer report.
no_sanitizer_report() {
    if grep -qE "ERROR: (Address|Leak)Sanitizer|runtime error" "$TMP/serve.err" 2>/dev/null; then
        fail "no sanitizer report" "$(grep -m3 -E "Sanitizer|runtime error" "$TMP/serve.err")"
    else
        ok "no sanitizer report"
    fi
}

# stop_gracefully: SIGTERM, then the server must exit with status 0 within
# 20 s (requests in flight finished, LeakSanitizer silent) and print no
# sanitizer report.
stop_gracefully() {
    kill -TERM "$server_pid"
    if wait_stopped; then
        check "SIGTERM stops the server with status 0" [ "$status" -eq 0 ]
    else
        fail "SIGTERM stops the server within 20 s"
    fi
    no_sanitizer_report
}
# finish: the TAP summary; the status says whether every check passed.
finish() {
    echo "# $n_ok passed, $n_fail failed"
    [ "$n_fail" -eq 0 ]
}
