# T120: cote index runs are incremental and crash-safe. A second run reads
# nothing; a changed file is re-indexed, a touched one only restamped, a
# deleted one's documents removed; document ids stay. Then `kill -9` at 20
# random points of a run: each time the index opens and passes
# xapian-check, and the next run completes it with every document present
# once (the same documents and passages as an index built in one go).
. "$(dirname "$0")/lib.sh"
DB=$TMP/db
DOCS=$TMP/docs
mkdir -p "$DOCS"
# ~40 small documents cut from the seeds, on paragraph boundaries
split_seeds "$DOCS"
N=$(ls "$DOCS" | wc -l)
[ "$N" -ge 20 ] && ok "$N documents to index" || fail "enough documents" "$N"
stats() { "$COTE" stats --db "$1" --json >"$TMP/out" 2>"$TMP/err"; }
py() { python3 -c "import json,sys; j=json.load(open('$TMP/out')); print($1)"; }

start=$(date +%s.%N)
expect_exit 0 "first run indexes everything" "$COTE" index --db "$DB" "$DOCS"
full_secs=$(python3 -c "import time; print(max(0.2, time.time() - $start))")
expect_grep "... and says so" "$N indexed, 0 unchanged" "$TMP/err"
stats "$DB"
REF_PASSAGES=$(py 'j["passages"]')
ok "reference: $N documents, $REF_PASSAGES passages in ${full_secs}s"
"$COTE" search --db "$DB" --json --limit 100 coopération >"$TMP/ids1" 2>/dev/null

expect_exit 0 "second run" "$COTE" index --db "$DB" "$DOCS"
expect_grep "... reads nothing" "0 indexed, $N unchanged, 0 removed" "$TMP/err"

echo "Le Groupe spécial de la zoologie marine a siégé." >>"$DOCS/part-001.txt"
touch "$DOCS/part-002.txt"
rm "$DOCS/part-003.txt"
expect_exit 0 "run after a change, a touch and a deletion" "$COTE" index -v --db "$DB" "$DOCS"
expect_grep "... re-indexes the changed file only" "1 indexed, $((N - 2)) unchanged, 1 removed" "$TMP/err"
expect_grep "... names the removed file" "^removed $DOCS/part-003.txt (doc [0-9a-f]*)" "$TMP/out"
GONE=$(sed -n 's/^removed .*part-003.txt (doc \([0-9a-f]*\)).*/\1/p' "$TMP/out")
expect_exit 0 "the change is searchable" "$COTE" search --db "$DB" --json zoologie
expect_py "... in the changed file" 'j["total"] == 1 and j["hits"][0]["file"].endswith("part-001.txt")'
expect_exit 1 "the deleted file's document is gone" "$COTE" show --db "$DB" "${GONE:-none}"
stats "$DB"
[ "$(py 'j["documents"]')" = $((N - 1)) ] && ok "documents: $((N - 1))" || fail "documents after deletion" "$(py 'j["documents"]')"
"$COTE" search --db "$DB" --json --limit 100 coopération >"$TMP/ids2" 2>/dev/null
python3 - "$TMP/ids1" "$TMP/ids2" <<'PY' && ok "document ids stay across runs" || fail "document ids stay across runs"
import json, sys
a = {h["file"]: h["doc"] for h in json.load(open(sys.argv[1]))["hits"]}
b = {h["file"]: h["doc"] for h in json.load(open(sys.argv[2]))["hits"]}
common = set(a) & set(b)
sys.exit(0 if common and all(a[f] == b[f] for f in common) else 1)
PY
expect_exit 0 "--force re-indexes every file" "$COTE" index --db "$DB" --force "$DOCS"
expect_grep "... and says so" "$((N - 1)) indexed, 0 unchanged" "$TMP/err"
# The section size is the index's: another one rewrites every record, and
# later runs keep it.
stats "$DB"
SECTIONS=$(py 'j["sections"]')
PASSAGES=$(py 'j["passages"]')
[ "$(py 'j["section_words"]')" = 2000 ] && ok "sections of 2000 words by default" || fail "sections of 2000 words by default" "$(cat "$TMP/out")"
expect_exit 0 "--section-words 100 re-indexes every file" "$COTE" index --db "$DB" --section-words 100 "$DOCS"
expect_grep "... and says so" "$((N - 1)) indexed, 0 unchanged" "$TMP/err"
stats "$DB"
[ "$(py 'j["section_words"]')" = 100 ] && [ "$(py 'j["sections"]')" -gt "$SECTIONS" ] && [ "$(py 'j["passages"]')" = "$PASSAGES" ] &&
    ok "... into more sections ($SECTIONS -> $(py 'j["sections"]')), the same passages" ||
    fail "... into more sections, the same passages" "$SECTIONS $PASSAGES: $(cat "$TMP/out")"
expect_exit 0 "a run without --section-words" "$COTE" index --db "$DB" "$DOCS"
expect_grep "... keeps the index's and reads nothing" "0 indexed, $((N - 1)) unchanged" "$TMP/err"
# A run that changes the size, killed once it has committed a batch, may
# leave sections of both sizes: the next run, without the option, takes the
# new size and leaves the sections an index made in one go at that size has.
"$COTE" index --db "$TMP/ref50" --section-words 50 "$DOCS" >/dev/null 2>&1 || fail "an index of 50-word sections"
stats "$TMP/ref50"
REF50=$(py 'j["sections"]')
"$COTE" index --db "$DB" --section-words 50 --batch 1 "$DOCS" >/dev/null 2>&1 &
KPID=$!
for _ in $(seq 400); do
    "$COTE" stats --db "$DB" --json 2>/dev/null | grep -q '"section_words":50' && break
    kill -0 "$KPID" 2>/dev/null || break
    sleep 0.02
done
kill -9 "$KPID" 2>/dev/null || true
wait "$KPID" 2>/dev/null || true
expect_exit 0 "after a run changing the size was killed, a run without it" "$COTE" index --db "$DB" "$DOCS"
DONE=$(sed -n 's/^cote: \([0-9]*\) indexed.*/\1/p' "$TMP/err")
stats "$DB"
[ "$(py 'j["section_words"]')" = 50 ] && [ "$(py 'j["sections"]')" = "$REF50" ] && [ "$(py 'j["passages"]')" = "$PASSAGES" ] &&
    ok "... leaves the sections of the new size ($REF50; it re-indexed $DONE files)" ||
    fail "... leaves the sections of the new size" "want $REF50 sections, $PASSAGES passages: $(cat "$TMP/out")"
expect_exit 0 "back to 100 words" "$COTE" index --db "$DB" --section-words 100 "$DOCS"
expect_exit 2 "--section-words 0" "$COTE" index --db "$DB" --section-words 0 "$DOCS"
expect_grep "... is refused" "section-words takes a number" "$TMP/err"
expect_exit 0 "--rebuild starts over" "$COTE" index --db "$DB" --rebuild "$DOCS"
expect_grep "... and indexes everything" "$((N - 1)) indexed, 0 unchanged" "$TMP/err"
stats "$DB"
[ "$(py 'j["section_words"]')" = 2000 ] && [ "$(py 'j["sections"]')" = "$SECTIONS" ] &&
    ok "... with the default sections" || fail "... with the default sections" "$(cat "$TMP/out")"

# kill -9 at COTE_KILLS (20) random points of a run, batches of 3 files.
# To keep the cost down, over every sixth file (~55): a one-go index of
# them is the reference. The points are spread over the run (one in each
# twentieth of its length, at a random place in it); even points kill a
# run from nothing, odd ones a --force run over a complete index (records
# being replaced: the case where a document could end up twice).
KDOCS=$TMP/kdocs
mkdir -p "$KDOCS"
i=0
for f in "$DOCS"/*.txt; do
    [ $((i % 6)) = 0 ] && cp -p "$f" "$KDOCS/"
    i=$((i + 1))
done
KN=$(ls "$KDOCS" | wc -l)
RDB=$TMP/kref
start=$(date +%s.%N)
"$COTE" index --db "$RDB" --batch 3 "$KDOCS" >/dev/null 2>"$TMP/err" || fail "reference index of $KN files" "$(cat "$TMP/err")"
k_secs=$(python3 -c "import time; print(max(0.2, time.time() - $start))")
stats "$RDB"
KREF="$(py 'j["documents"]') $(py 'j["passages"]')"
[ "${KREF%% *}" = "$KN" ] && ok "kill reference: $KN documents, ${KREF#* } passages in ${k_secs}s" ||
    fail "kill reference" "documents, passages: $KREF; wanted $KN documents"
KDB=$TMP/killed
KILLS=${COTE_KILLS:-20}
survived=0
retries=0
# start_and_kill K DELAY: a run on a fresh copy (nothing, or the reference
# for odd K with --force) killed after DELAY seconds; true when it was
# killed mid-run, false when it had already ended.
start_and_kill() {
    rm -rf "$KDB"
    force=
    if [ $(($1 % 2)) = 1 ]; then
        cp -a "$RDB" "$KDB"
        force=--force
    fi
    "$COTE" index --db "$KDB" --batch 3 $force "$KDOCS" >/dev/null 2>&1 &
    pid=$!
    sleep "$2"
    kill -9 "$pid" 2>/dev/null || true
    rc=0
    wait "$pid" 2>/dev/null || rc=$?
    [ "$rc" = 137 ]
}
for k in $(seq 1 "$KILLS"); do
    delay=$(python3 -c "import random; print(round(0.02 + ($k - 1 + random.random()) / $KILLS * 0.9 * $k_secs, 3))")
    # a run that ended before its kill tests nothing: again, sooner
    tries=1
    while ! start_and_kill "$k" "$delay" && [ "$tries" -lt 6 ]; do
        delay=$(python3 -c "print(round($delay / 2, 3))")
        tries=$((tries + 1))
        retries=$((retries + 1))
    done
    what="kill -9 after ${delay}s of a ${force:-first} run"
    if [ "$rc" != 137 ]; then
        fail "$what: killed mid-run" "the run ended first (status $rc), $tries times"; continue
    fi
    if [ -e "$KDB/iamglass" ] || [ -e "$KDB/XAPIANDB" ]; then
        if ! xapian_check "$KDB" >"$TMP/check" 2>&1; then
            fail "$what: xapian-check" "$(tail -3 "$TMP/check")"; continue
        fi
        if ! "$COTE" stats --db "$KDB" >/dev/null 2>"$TMP/err"; then
            fail "$what: the index opens" "$(cat "$TMP/err")"; continue
        fi
    fi
    if ! "$COTE" index --db "$KDB" "$KDOCS" >/dev/null 2>"$TMP/err"; then
        fail "$what: the next run completes" "$(cat "$TMP/err")"; continue
    fi
    stats "$KDB"
    got="$(py 'j["documents"]') $(py 'j["passages"]')"
    if [ "$got" = "$KREF" ]; then
        survived=$((survived + 1))
    else
        fail "$what: every document once" "documents, passages: $got; wanted $KREF"
    fi
done
[ "$survived" = "$KILLS" ] && ok "$survived of $KILLS runs killed at random points ($retries runs ended before their kill and were redone sooner): index intact, next run complete, nothing lost or doubled"
finish
