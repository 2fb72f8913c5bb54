#!/usr/bin/env bash
# run-query.sh: query latency (median and p99) of cote next to Xapian's
# QueryParser over an omindex index and SQLite FTS5, on the same documents and
# the same query mix, and appends the tables to bench/results/query.md with
# the command, date, commit, load average and corpus.
#
# Usage: bench/run-query.sh [CORPUS_DIR] [--size SIZE] [--rounds N] [--queries FILE] [--rebuild]
#   CORPUS_DIR    .txt files (default bench/data/corpus-SIZE); generated with
#                 ../shared/bench/make-corpus.py when it holds no .txt file
#   --size SIZE   corpus size when generating (default 100MB)
#   --rounds N    timed rounds of every query per tool (default 20)
#   --queries F   the query mix (default bench/query/queries.tsv)
#   --rebuild     rebuild the three indexes even when they exist
# Environment: COTE_SHARED (default ../shared), where bench/make-corpus.py is.
#
# The indexes live in bench/data/index-NAME/ (NAME: the corpus folder's name),
# shared with bench/run-index.sh: missing ones are built here, and the time
# each took is recorded (index-NAME/TOOL.built). Then bench_query (cote),
# xapian_qp and fts5_bench.py run one after the other, each with one warm-up
# round and N timed rounds, top 10 with snippets. Compare the ratios.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '7,14p' "$0" | sed 's/^# \{0,1\}//'; }

corpus=
size=100MB
rounds=20
queries=bench/query/queries.tsv
rebuild=0
while [ $# -gt 0 ]; do
    case $1 in
    --size) size=${2:?--size needs a size such as 100MB}; shift 2 ;;
    --rounds) rounds=${2:?--rounds needs a number}; shift 2 ;;
    --queries) queries=${2:?--queries needs a file}; shift 2 ;;
    --rebuild) rebuild=1; shift ;;
    -h | --help) usage; exit 0 ;;
    -*) usage >&2; exit 2 ;;
    *) corpus=$1; shift ;;
    esac
done
# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_setup run-query

cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-bench -j"$(nproc)" --target cote bench_query xapian_qp >/dev/null

commit=$(bench_commit)
when=$(date -u '+%Y-%m-%d %H:%M UTC')

idx=bench/data/index-$(basename "$corpus")
mkdir -p "$idx"
in_bytes=$(find "$corpus" -name '*.txt' -type f -printf '%s\n' | awk '{s += $1} END {print s}')
in_files=$(find "$corpus" -name '*.txt' -type f | wc -l)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Builds one index under /usr/bin/time -v and writes index-NAME/TOOL.built:
# "DATE, commit C: S s wall, R MB peak RSS, I MB on disk".
build_index() {
    local name=$1 out=$2
    shift 2
    rm -rf "$out" "$idx/$name.built"
    echo "run-query: building $out: $*" >&2
    local rc=0
    /usr/bin/time -v -o "$tmp/$name.time" "$@" >"$tmp/$name.log" 2>&1 || rc=$?
    if [ "$rc" != 0 ] && ! { [ "$name" = cote ] && [ "$rc" = 3 ]; }; then
        echo "run-query: building $out failed (exit $rc):" >&2
        tail -20 "$tmp/$name.log" >&2
        exit 1
    fi
    awk -F': ' -v when="$when" -v commit="$commit" -v size="$(du -sb "$out" | cut -f1)" -v bytes="$in_bytes" '
        /Maximum resident set size/ { rss = $2 }
        /Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i] }
        END { printf "built %s, commit %s: %.1f s (%.2f MB/s), peak RSS %.0f MB, %.1f MB on disk\n",
              when, commit, w, bytes / 1e6 / w, rss / 1024, size / 1e6 }' "$tmp/$name.time" >"$idx/$name.built"
}

ensure() {
    local name=$1 out=$2
    if [ "$rebuild" = 1 ] || [ ! -e "$out" ] || [ ! -f "$idx/$name.built" ]; then
        build_index "$@"
    else
        echo "run-query: reusing $out ($(cat "$idx/$name.built"))" >&2
    fi
}

# cote builds with one writer thread per core (index --shards): the fast way to index
ensure cote "$idx/cote" build-bench/cote index --rebuild --shards "$(nproc)" --db "$idx/cote" "$corpus"
ensure omindex "$idx/omindex" omindex --overwrite --stemmer=french --db "$idx/omindex" --url / "$corpus"
ensure fts5 "$idx/fts5.db" python3 bench/query/fts5_bench.py build "$idx/fts5.db" "$corpus"

runs=(
    "cote|build-bench/bench/bench_query $idx/cote $queries --rounds $rounds"
    "xapian|build-bench/bench/xapian_qp $idx/omindex $queries --rounds $rounds"
    "fts5|python3 bench/query/fts5_bench.py query $idx/fts5.db $queries --rounds $rounds"
)
for r in "${runs[@]}"; do
    name=${r%%|*}
    cmd=${r#*|}
    echo "run-query: $name: $cmd" >&2
    cut -d' ' -f1-3 /proc/loadavg >"$tmp/$name.load"
    # shellcheck disable=SC2086
    if ! $cmd >"$tmp/$name.out"; then
        echo "run-query: $name failed" >&2
        exit 1
    fi
done

all() { awk -F'\t' -v c="$2" '$1 == "ALL" { print $c }' "$tmp/$1.out"; }
xmed=$(all xapian 5)
xp99=$(all xapian 6)
summary=$tmp/summary
{
    echo "| tool | median ms | p99 ms | x Xapian median | x Xapian p99 | hits returned | load at start |"
    echo "|---|---:|---:|---:|---:|---:|---|"
    for t in cote xapian fts5; do
        case $t in
        cote) label="cote (passages, entities, snippets, facets)" ;;
        xapian) label="Xapian QueryParser + MSet::snippet (omindex index)" ;;
        fts5) label="SQLite FTS5 bm25 + snippet()" ;;
        esac
        awk -v l="$label" -v m="$(all $t 5)" -v p="$(all $t 6)" -v h="$(all $t 3)" -v xm="$xmed" -v xp="$xp99" \
            -v load="$(cat "$tmp/$t.load")" \
            'BEGIN { printf "| %s | %.2f | %.2f | %.2f | %.2f | %s | %s |\n", l, m, p, m / xm, p / xp, h, load }'
    done
} >"$summary"

perq=$tmp/perq
{
    echo "| query | kind | cote hits/total | cote median | cote p99 | Xapian hits/total | Xapian median | Xapian p99 | FTS5 hits | FTS5 median | FTS5 p99 |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    # join the three outputs on the query id, in file order
    awk -F'\t' '
        FNR == 1 { f++ }
        /^#/ || $1 == "id" || $1 == "ALL" { next }
        f == 1 { order[++n] = $1; kind[$1] = $2; c[$1] = $3 "/" $4 " | " $5 " | " $6 }
        f == 2 { x[$1] = $3 "/" $4 " | " $5 " | " $6 }
        f == 3 { s[$1] = $3 " | " $5 " | " $6 }
        END { for (i = 1; i <= n; i++) { q = order[i]; printf "| %s | %s | %s | %s | %s |\n", q, kind[q], c[q], x[q], s[q] } }
    ' "$tmp/cote.out" "$tmp/xapian.out" "$tmp/fts5.out"
} >"$perq"

cat "$summary"
echo
cat "$perq"

results=bench/results/query.md
if [ ! -f "$results" ]; then
    cat >"$results" <<'HEAD'
# Query latency: results

Appended by `bench/run-query.sh`, newest last. Each entry gives the date, the
commit, the load average, the corpus, the exact commands, the overall table
(median and p99 over every timed query of every round) and the per-query one
(milliseconds); `bench/README.md` explains the figures. Compare ratios within
one entry, not milliseconds across entries.
HEAD
fi
{
    echo
    echo "## $when, commit $commit, $(basename "$corpus")"
    echo
    echo "Corpus: $in_files documents, $(awk -v b="$in_bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB ($corpus);" \
        "$(grep -vcE '^(#|$)' "$queries") queries ($queries), $rounds rounds after one warm-up round, top 10." \
        "Machine: $(nproc) CPUs."
    echo
    echo "Indexes ($idx):"
    echo
    for t in cote omindex fts5; do
        echo "- $t: $(cat "$idx/$t.built")"
    done
    echo
    echo '```sh'
    args=$(printf '%q ' "$corpus" --rounds "$rounds" --queries "$queries")
    echo "bench/run-query.sh ${args% }"
    for r in "${runs[@]}"; do
        echo "# ran: ${r#*|}"
    done
    echo '```'
    echo
    cat "$summary"
    echo
    cat "$perq"
} >>"$results"
echo "run-query: appended to $results" >&2
