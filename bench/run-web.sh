#!/usr/bin/env bash
# run-web.sh: requests per second and latency of `cote serve` with wrk on
# 127.0.0.1, for the search API, the search page and a fixed page (a
# compiled-in asset: the HTTP ceiling of the same server), next to Xapian
# Omega's CGI over omindex's index of the same corpus, and appends the table
# to bench/results/web.md (command, date, commit, load).
#
# Usage: bench/run-web.sh [CORPUS_DIR] [--size SIZE] [--duration S] [--connections N]
#   CORPUS_DIR     the corpus whose indexes bench/run-index.sh built (default
#                  bench/data/corpus-SIZE; indexes built here when missing)
#   --size SIZE    corpus size when generating (default 100MB)
#   --duration S   seconds per wrk run (default 20)
#   --connections N  wrk connections (default 2 x cores)
#
# The queries are those of bench/query/queries.tsv, each request the next one,
# against the server as it runs by default (its response cache answers the
# repeated queries) and against a second one with --cache-mb 0 (every
# request searched).
# Omega runs as a CGI under lighttpd (a fork and exec per request, as Omega
# is deployed).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '8,13p' "$0" | sed 's/^# \{0,1\}//'; }
corpus=
size=100MB
duration=20
conns=$((2 * $(nproc)))
while [ $# -gt 0 ]; do
    case $1 in
    --size) size=${2:?}; shift 2 ;;
    --duration) duration=${2:?}; shift 2 ;;
    --connections) conns=${2:?}; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    -*) usage >&2; exit 2 ;;
    *) corpus=$1; shift ;;
    esac
done
# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_setup run-web
cote_install_deps wrk lighttpd

idx=bench/data/index-$(basename "$corpus")
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-bench -j"$(nproc)" --target cote >/dev/null
[ -e "$idx/cote/iamglass" ] || [ -e "$idx/cote/XAPIANDB" ] || build-bench/cote index --db "$idx/cote" "$corpus"
[ -e "$idx/omindex/iamglass" ] || omindex --overwrite --stemmer=french --db "$idx/omindex" --url / "$corpus" >/dev/null

commit=$(bench_commit)
when=$(date -u '+%Y-%m-%d %H:%M UTC')
tmp=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$tmp"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() {
    for _ in $(seq 1 100); do
        curl -s -o /dev/null "$1" && return 0
        sleep 0.2
    done
    echo "run-web: nothing answers $1" >&2
    exit 1
}

cport=$(free_port)
build-bench/cote serve --db "$idx/cote" --listen "127.0.0.1:$cport" >"$tmp/serve.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$cport/healthz"
# the same server without its response cache: every request searches
nport=$(free_port)
build-bench/cote serve --db "$idx/cote" --listen "127.0.0.1:$nport" --cache-mb 0 >"$tmp/serve-nocache.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$nport/healthz"

# Omega: its CGI binary under lighttpd's mod_cgi, configured for omindex's index
oport=$(free_port)
mkdir -p "$tmp/www/cgi-bin" "$tmp/omega-log"
ln -s /usr/lib/cgi-bin/omega/omega "$tmp/www/cgi-bin/omega"
echo ok >"$tmp/www/index.html"
cat >"$tmp/omega.conf" <<CONF
database_dir $PWD/$idx
template_dir /usr/share/xapian-omega/templates
log_dir $tmp/omega-log
CONF
cat >"$tmp/lighttpd.conf" <<CONF
server.document-root = "$tmp/www"
server.bind = "127.0.0.1"
server.port = $oport
server.errorlog = "$tmp/lighttpd.err"
server.modules = ("mod_cgi", "mod_setenv")
server.max-connections = 256
setenv.add-environment = ("OMEGA_CONFIG_FILE" => "$tmp/omega.conf")
\$HTTP["url"] =~ "^/cgi-bin/" { cgi.assign = ("" => "") }
CONF
lighttpd -D -f "$tmp/lighttpd.conf" >"$tmp/lighttpd.out" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$oport/"

# run NAME URL-BASE PATH COLUMN: one wrk run; leaves NAME.out
run() {
    local name=$1 base=$2 path=$3 column=$4
    echo "run-web: $name: wrk -t2 -c$conns -d${duration}s $base$path" >&2
    BENCH_QUERIES=bench/query/queries.tsv BENCH_COLUMN=$column BENCH_PATH=$path \
        wrk -t2 -c"$conns" -d"${duration}s" --latency -s bench/web/queries.lua "$base" >"$tmp/$name.out" 2>&1
    cut -d' ' -f1 /proc/loadavg >"$tmp/$name.load"
}
C=http://127.0.0.1:$cport
run fixed "$C" "/static/favicon.svg?" 3
run api "$C" "/api/v1/search?q=" 3
run page "$C" "/?q=" 3
N=http://127.0.0.1:$nport
run api_nocache "$N" "/api/v1/search?q=" 3
run page_nocache "$N" "/?q=" 3
run omega "http://127.0.0.1:$oport" "/cgi-bin/omega?DB=omindex&P=" 4

# name rps p50_ms p99_ms requests non2xx errors load
row() {
    local f=$tmp/$1.out
    awk -v name="$1" -v load="$(cat "$tmp/$1.load")" '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /Requests\/sec/ { rps = $2 }
        /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
        /requests in/ { req = $1 }
        /Non-2xx/ { bad = $NF }
        /Socket errors/ { err = $0; sub(/.*Socket errors: /, "", err) }
        END { printf "%s %.0f %.2f %.2f %d %d %s %s\n", name, rps, p50, p99, req, bad + 0, (err == "" ? "none" : "\"" err "\""), load }' "$f"
}
{ for n in fixed api page api_nocache page_nocache omega; do row "$n"; done; } >"$tmp/rows"

label() {
    case $1 in
    fixed) echo "cote serve: a fixed page (compiled-in asset), the HTTP ceiling" ;;
    api) echo "cote serve: /api/v1/search (JSON, top 10, snippets, facets), response cache on (default)" ;;
    page) echo "cote serve: / (the HTML search page), response cache on (default)" ;;
    api_nocache) echo "cote serve --cache-mb 0: /api/v1/search, every request searched" ;;
    page_nocache) echo "cote serve --cache-mb 0: / (the HTML search page), every request searched" ;;
    omega) echo "Omega CGI (omindex's index) under lighttpd mod_cgi" ;;
    esac
}
table=$tmp/table
{
    echo "| what | requests/s | x fixed page | p50 ms | p99 ms | requests | non-2xx | socket errors | load after |"
    echo "|---|---:|---:|---:|---:|---:|---:|---|---:|"
    fixed_rps=$(awk '$1 == "fixed" {print $2}' "$tmp/rows")
    while read -r name rps p50 p99 req bad errs load; do
        printf '| %s | %s | %.4f | %s | %s | %s | %s | %s | %s |\n' "$(label "$name")" "$rps" \
            "$(awk -v a="$rps" -v b="$fixed_rps" 'BEGIN { print (b > 0 ? a / b : 0) }')" "$p50" "$p99" "$req" "$bad" \
            "${errs//\"/}" "$load"
    done <"$tmp/rows"
} >"$table"

results=bench/results/web.md
if [ ! -s "$results" ]; then
    cat >"$results" <<'HEAD'
# HTTP: results

Appended by `bench/run-web.sh`, newest last: wrk on 127.0.0.1 against `cote
serve` (search API, search page, a fixed page as the ceiling) and Omega's
CGI over the same corpus. Compare within one entry.
HEAD
fi
{
    echo
    echo "## $when, commit $commit, $(basename "$corpus")"
    echo
    echo "Machine: $(nproc) CPUs; wrk -t2 -c$conns -d${duration}s --latency, the 20 queries of bench/query/queries.tsv in turn; \`cote serve\` with its default threads (one per core). With the response cache on, the 20 queries are searched once and then answered from it (an intranet's repeated searches); with \`--cache-mb 0\` every request is searched."
    echo
    echo '```sh'
    echo "bench/run-web.sh $corpus --duration $duration --connections $conns"
    echo '```'
    echo
    cat "$table"
} >>"$results"
cat "$table"
echo "run-web: appended to $results" >&2
