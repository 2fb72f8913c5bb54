#!/usr/bin/env bash
# run-index.sh: indexing throughput, peak memory and index size of cote next
# to Omega's omindex and SQLite FTS5 on the same files, and appends the table
# with ratios to omindex to bench/results/index.md (command, date, commit, load).
#
# Usage: bench/run-index.sh [CORPUS_DIR] [--size SIZE] [--only TOOLS]
#   CORPUS_DIR  .txt files to index (default bench/data/corpus-SIZE); generated
#               with ../shared/bench/make-corpus.py when it holds no .txt file
#   --size SIZE corpus size when generating (default 100MB)
#   --only TOOLS comma-separated subset of cote,cote1,omindex,fts5 (default all;
#               cote is the default: a new index, two shards on 2+ cores;
#               cote1 is cote index --shards 1: one database, one writer)
# Environment: COTE_SHARED (default ../shared), where bench/make-corpus.py is.
#
# Each tool builds its index from nothing, one after the other, under
# /usr/bin/time -v: cote index --rebuild, omindex --overwrite --stemmer=french,
# bench/query/fts5_bench.py build. The indexes stay in bench/data/index-NAME/
# (NAME: the corpus folder's name), where bench/run-query.sh finds them.
# About 10 minutes on 100 MB. Compare the ratios, measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '6,13p' "$0" | sed 's/^# \{0,1\}//'; }

corpus=
size=100MB
only=cote,cote1,omindex,fts5
while [ $# -gt 0 ]; do
    case $1 in
    --size) size=${2:?--size needs a size such as 100MB}; shift 2 ;;
    --only) only=${2:?--only needs tools such as cote,omindex}; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    -*) usage >&2; exit 2 ;;
    *) corpus=$1; shift ;;
    esac
done
# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_setup run-index

IFS=, read -r -a tools <<<"$only"
if [[ ",$only," == *,cote,* || ",$only," == *,cote1,* ]]; then
    cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build build-bench -j"$(nproc)" --target cote >/dev/null
fi

idx=bench/data/index-$(basename "$corpus")
mkdir -p "$idx"
in_bytes=$(find "$corpus" -name '*.txt' -type f -printf '%s\n' | awk '{s += $1} END {print s}')
in_files=$(find "$corpus" -name '*.txt' -type f | wc -l)

commit=$(bench_commit)
when=$(date -u '+%Y-%m-%d %H:%M UTC')
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Runs one tool under /usr/bin/time -v; leaves NAME.time and NAME.cmd in $tmp.
measure() {
    local name=$1 out=$2
    shift 2
    rm -rf "$out" "$idx/$name.built"
    printf '%q ' "$@" >"$tmp/$name.cmd"
    echo "run-index: $name: $(cat "$tmp/$name.cmd")" >&2
    local rc=0
    /usr/bin/time -v -o "$tmp/$name.time" "$@" >"$tmp/$name.log" 2>&1 || rc=$?
    # cote index exits 3 when some files failed; they are counted, not fatal
    if [ "$rc" != 0 ] && ! { [ "${name#cote}" != "$name" ] && [ "$rc" = 3 ]; }; then
        echo "run-index: $name failed (exit $rc):" >&2
        tail -20 "$tmp/$name.log" >&2
        exit 1
    fi
    du -sb "$out" | cut -f1 >"$tmp/$name.size"
    cut -d' ' -f1 /proc/loadavg >"$tmp/$name.load"
    # the same line as run-query.sh writes, read by it when it reuses the index
    awk -F': ' -v when="$when" -v commit="$commit" -v size="$(cat "$tmp/$name.size")" -v bytes="$in_bytes" '
        /Maximum resident set size/ { rss = $2 }
        /Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i] }
        END { printf "built %s, commit %s: %.1f s (%.2f MB/s), peak RSS %.0f MB, %.1f MB on disk\n",
              when, commit, w, bytes / 1e6 / w, rss / 1024, size / 1e6 }' "$tmp/$name.time" >"$idx/$name.built"
}

for t in "${tools[@]}"; do
    case $t in
    cote) measure cote "$idx/cote" build-bench/cote index --rebuild --db "$idx/cote" "$corpus" ;;
    cote1) measure cote1 "$idx/cote-shards1" build-bench/cote index --rebuild --shards 1 --db "$idx/cote-shards1" "$corpus" ;;
    omindex) measure omindex "$idx/omindex" omindex --overwrite --stemmer=french --db "$idx/omindex" --url / "$corpus" ;;
    fts5) measure fts5 "$idx/fts5.db" python3 bench/query/fts5_bench.py build "$idx/fts5.db" "$corpus" ;;
    *) echo "run-index: unknown tool $t" >&2; exit 2 ;;
    esac
done

# One line per tool: name wall_s cpu_s rss_kb index_bytes load_after
row() {
    local t=$1 f=$tmp/$1.time
    awk -F': ' -v name="$t" -v size="$(cat "$tmp/$t.size")" -v load="$(cat "$tmp/$t.load")" '
        /User time/ { u = $2 } /System time/ { s = $2 }
        /Maximum resident set size/ { rss = $2 }
        /Elapsed \(wall clock\)/ {
            n = split($2, p, ":"); w = 0
            for (i = 1; i <= n; i++) w = w * 60 + p[i]
        }
        END { printf "%s %.2f %.2f %d %.0f %s\n", name, w, u + s, rss, size, load }' "$f"
}

{
    for t in "${tools[@]}"; do row "$t"; done
} >"$tmp/rows"

label() {
    case $1 in
    cote) echo "cote (clean, entities, passages; default layout)" ;;
    cote1) echo "cote --shards 1 (one database, one writer)" ;;
    omindex) echo "omindex (French stemmer)" ;;
    fts5) echo "SQLite FTS5 (unicode61, no stemming)" ;;
    esac
}

table=$tmp/table
awk -v bytes="$in_bytes" '
    { name[NR] = $1; wall[NR] = $2; cpu[NR] = $3; rss[NR] = $4; size[NR] = $5; load[NR] = $6
      if ($1 == "omindex") o = NR }
    END {
        print "| tool | s | MB/s | MB/s CPU time | x omindex MB/s | peak RSS MB | index MB | index / input | x omindex index | load after |"
        print "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
        for (i = 1; i <= NR; i++) {
            mbs = bytes / 1e6 / wall[i]; cmbs = bytes / 1e6 / cpu[i]
            r1 = o ? sprintf("%.2f", mbs / (bytes / 1e6 / wall[o])) : "-"
            r2 = o ? sprintf("%.2f", size[i] / size[o]) : "-"
            printf "| %s | %.1f | %.2f | %.2f | %s | %.0f | %.1f | %.2f | %s | %s |\n",
                name[i], wall[i], mbs, cmbs, r1, rss[i] / 1024, size[i] / 1e6, size[i] / bytes, r2, load[i]
        }
    }' "$tmp/rows" >"$table"
# Long names in the first column.
for t in "${tools[@]}"; do
    sed -i "s/^| $t |/| $(label "$t") |/" "$table"
done
cat "$table"

results=bench/results/index.md
if [ ! -f "$results" ]; then
    cat >"$results" <<'HEAD'
# Indexing: results

Appended by `bench/run-index.sh`, newest last. Each entry gives the date, the
commit, the load average, the exact commands and the table; `bench/README.md`
explains the columns. Compare ratios within one entry, not MB/s across entries.
HEAD
fi
{
    echo
    echo "## $when, commit $commit"
    echo
    echo "Input: $in_files files, $(awk -v b="$in_bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB ($corpus)." \
        "Machine: $(nproc) CPUs. Load average before the run: $load_before."
    echo
    echo '```sh'
    echo "bench/run-index.sh $(printf '%q' "$corpus") --only $only"
    for t in "${tools[@]}"; do
        cmd=$(cat "$tmp/$t.cmd")
        echo "# ran: /usr/bin/time -v ${cmd% }"
    done
    echo '```'
    echo
    cat "$table"
    if [ -f "$tmp/cote.log" ] && [ -s "$tmp/cote.log" ]; then
        echo
        echo "cote index said: $(tail -3 "$tmp/cote.log" | tr '\n' ' ')"
    fi
} >>"$results"
echo "run-index: appended to $results" >&2
