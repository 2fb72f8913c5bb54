# lib.sh: helpers for the end-to-end shell tests (sourced, notmuch test-lib style).
# Environment from ctest: COTE (the binary), COTE_SOURCE_DIR, COTE_TEST_TMP.
set -u
: "${COTE:?COTE must name the cote binary}"
: "${COTE_SOURCE_DIR:?}"
: "${COTE_TEST_TMP:?}"
TMP=$COTE_TEST_TMP
rm -rf "$TMP" && mkdir -p "$TMP"
n_ok=0
n_fail=0

ok() { n_ok=$((n_ok + 1)); echo "ok $((n_ok + n_fail)) - $1"; }
fail() { n_fail=$((n_fail + 1)); echo "not ok $((n_ok + n_fail)) - $1"; [ $# -gt 1 ] && printf '  %s\n' "$2"; }

# expect_exit CODE DESCRIPTION CMD...: runs CMD, output in $TMP/out and $TMP/err.
expect_exit() {
    local want=$1 what=$2
    shift 2
    local got=0
    "$@" >"$TMP/out" 2>"$TMP/err" || got=$?
    if [ "$got" = "$want" ]; then ok "$what"; else fail "$what" "exit $got, wanted $want; stderr: $(head -c 400 "$TMP/err")"; fi
}

# expect_py DESCRIPTION PYTHON-EXPR: evaluates the expression with j = the JSON in $TMP/out.
expect_py() {
    local what=$1 expr=$2
    if python3 - "$TMP/out" "$expr" <<'PY'
import json, sys
j = json.load(open(sys.argv[1], encoding="utf-8"))
ok = eval(sys.argv[2])
sys.exit(0 if ok else 1)
PY
    then ok "$what"; else fail "$what" "failed: $expr; output: $(head -c 400 "$TMP/out")"; fi
}

# expect_grep DESCRIPTION PATTERN FILE
expect_grep() {
    if grep -q -- "$2" "$3"; then ok "$1"; else fail "$1" "no '$2' in $3: $(head -c 300 "$3")"; fi
}

# split_seeds DIR: writes into DIR the seed documents of corpus/ cut on
# paragraph boundaries, 12 paragraphs a file (~325 small documents).
split_seeds() {
    python3 - "$COTE_SOURCE_DIR/corpus" "$1" <<'PY'
import os, sys
src, out = sys.argv[1:3]
n = 0
for name in sorted(os.listdir(src)):
    paras = open(os.path.join(src, name), encoding="utf-8").read().split("\n\n")
    for i in range(0, len(paras), 12):
        with open(os.path.join(out, "part-%03d.txt" % n), "w", encoding="utf-8") as f:
            f.write("\n\n".join(paras[i:i + 12]))
        n += 1
PY
}

# xapian_check DIR: xapian-check on a database folder, through the stub of
# its current generation when compaction left one (indexer/generation.h):
# xapian-check reads no stub.
# An index of shards (its stub names shard folders) is checked shard by shard.
xapian_check() {
    local dir=$1 s rc=0
    if [ ! -e "$dir/iamglass" ] && [ -f "$dir/XAPIANDB" ] && grep -q '^auto shard' "$dir/XAPIANDB"; then
        for s in $(sed -n 's/^auto \(shard[0-9]*\)$/\1/p' "$dir/XAPIANDB"); do
            xapian_check "$dir/$s" || rc=1
        done
        return "$rc"
    fi
    if [ ! -e "$dir/iamglass" ] && [ -f "$dir/XAPIANDB" ]; then
        dir=$dir/$(sed -n 's/^auto \(g[0-9]*\)$/\1/p' "$dir/XAPIANDB")
    fi
    xapian-check "$dir"
}

finish() {
    echo "$n_ok passed, $n_fail failed"
    [ "$n_fail" = 0 ]
}
