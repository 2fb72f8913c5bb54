#!/usr/bin/env bash
# run-analysis.sh: measures clean + analyse throughput next to raw ICU word
# segmentation (bench/bench_analysis.c) and appends the table to
# bench/results/analysis.md with the command, the date and the commit.
#
# Usage: bench/run-analysis.sh [CORPUS_DIR] [--repeat N] [--size SIZE]
#   CORPUS_DIR  .txt files to read (default bench/data/corpus-SIZE); generated
#               with ../shared/bench/make-corpus.py when it holds no .txt file
#   --repeat N  rounds of the four phases (default 3); medians are reported
#   --size SIZE corpus size when generating (default 100MB)
# Environment: COTE_SHARED (default ../shared), where bench/make-corpus.py is.
#
# Takes a few minutes on 100 MB. Absolute MB/s drift on a shared machine:
# compare the ratio D/A, measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '6,12p' "$0" | sed 's/^# \{0,1\}//'; }

corpus=
repeat=3
size=100MB
while [ $# -gt 0 ]; do
    case $1 in
    --repeat) repeat=${2:?--repeat needs a number}; shift 2 ;;
    --size) size=${2:?--size needs a size such as 100MB}; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    -*) usage >&2; exit 2 ;;
    *) corpus=$1; shift ;;
    esac
done
corpus=${corpus:-bench/data/corpus-$size}
shared=${COTE_SHARED:-../shared}

if ! compgen -G "$corpus/*.txt" >/dev/null; then
    echo "run-analysis: generating a $size corpus into $corpus" >&2
    python3 "$shared/bench/make-corpus.py" --size "$size" --out "$corpus" >&2
fi

cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-bench -j"$(nproc)" --target bench_analysis >/dev/null

bench=(build-bench/bench/bench_analysis "$corpus" --repeat "$repeat")
cmd=$(printf '%q ' "${bench[@]}")
cmd=${cmd% }
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
# (the results file itself does not count: it changes with every run)
if [ "$commit" != unknown ] && ! git diff --quiet HEAD -- . ':(exclude)bench/results' 2>/dev/null; then
    commit="$commit (with uncommitted changes)"
fi
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
when=$(date -u '+%Y-%m-%d %H:%M UTC')

out=$(mktemp)
trap 'rm -f "$out"' EXIT
# Progress lines go to stderr; the table (stdout) is kept.
"${bench[@]}" >"$out"
cat "$out"

results=bench/results/analysis.md
if [ ! -f "$results" ]; then
    cat >"$results" <<'HEAD'
# clean + analyse throughput: results

Appended by `bench/run-analysis.sh`, newest last. Each entry gives the date,
the commit, the load average when it started (the machine is shared), the
exact command and what `bench_analysis` printed. `bench/README.md` explains
the figures. Compare ratios within one entry, not MB/s across entries.
HEAD
fi
{
    echo
    echo "## $when, commit $commit"
    echo
    echo "Load average before the run: $load."
    echo
    echo '```sh'
    args=$(printf '%q ' "$corpus" --repeat "$repeat")
    echo "bench/run-analysis.sh ${args% }"
    echo "# ran: $cmd"
    echo '```'
    echo
    cat "$out"
} >>"$results"
echo "run-analysis: appended to $results" >&2
