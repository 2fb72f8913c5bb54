# T125: compaction (indexer/generation.h). A first run ends with a packed
# copy of the index in a generation folder named by a stub, smaller than
# what it replaced; a nightly-sized run leaves it alone; --compact and
# --no-compact decide; a running `cote serve` answers all along and then
# serves what the compacting run added; leftovers of a stopped compaction
# (stray generations, a stub written before the switch) are harmless and
# swept; --rebuild writes a generation of its own, switched at its end;
# --shards keep one generation per database.
. "$(dirname "$0")/lib.sh"
DB=$TMP/db
DOCS=$TMP/docs
mkdir -p "$DOCS"
split_seeds "$DOCS"
N=$(ls "$DOCS" | wc -l)
# libxapian 1.4.22's Database::check deletes an object through a pointer of
# another size (ASan: new-delete-type-mismatch; a 3-line program calling it
# shows the same): that one report is turned off for cote check alone.
cote_check() { ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}new_delete_type_mismatch=0" "$COTE" check "$@"; }
generations() { (cd "$1" && ls -d g[0-9]* 2>/dev/null | tr '\n' ' '); }
hits() { "$COTE" search --db "$1" --count "$2" 2>/dev/null; }

# --- a first run compacts ---
expect_exit 0 "first run" "$COTE" index --shards 1 --db "$DB" "$DOCS"
read -r before after < <(sed -n 's/.*compacted from \([0-9.]*\) to \([0-9.]*\) MB.*/\1 \2/p' "$TMP/err")
if [ -n "${after:-}" ] && python3 -c "import sys; sys.exit(not ($after < $before))"; then
    ok "... compacts it: $before MB -> $after MB"
else
    fail "... compacts it" "$(cat "$TMP/err")"
fi
[ "$(generations "$DB")" = "g0 " ] && [ ! -e "$DB/iamglass" ] && grep -qx "auto g0" "$DB/XAPIANDB" &&
    ok "... into generation g0, named by the stub" || fail "one generation g0" "$(ls "$DB")"
expect_exit 0 "... which passes xapian-check" xapian_check "$DB"
expect_exit 0 "cote check follows the stub" cote_check --db "$DB"
expect_grep "... and names the generation it checked" "$DB/g0: ok" "$TMP/out"
REF=$(hits "$DB" coopération)
[ "${REF:-0}" -gt 0 ] && ok "... and answers ($REF documents for coopération)" || fail "search after compaction" "$REF"

# --- a small incremental run leaves it; --no-compact too; --compact forces ---
echo "Le Groupe spécial de la zoologie marine a siégé." >>"$DOCS/part-001.txt"
expect_exit 0 "a run that changes one file of $N" "$COTE" index --shards 1 --db "$DB" "$DOCS"
if grep -q compacted "$TMP/err"; then fail "... does not compact" "$(cat "$TMP/err")"; else ok "... does not compact"; fi
expect_exit 0 "--force --no-compact" "$COTE" index --shards 1 --db "$DB" --force --no-compact "$DOCS"
if grep -q compacted "$TMP/err"; then fail "... does not compact" "$(cat "$TMP/err")"; else ok "... does not compact"; fi
[ "$(generations "$DB")" = "g0 " ] && ok "... still generation g0" || fail "still g0" "$(generations "$DB")"

# --- compaction under a running server ---
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$COTE" serve --db "$DB" --listen "127.0.0.1:$PORT" >"$TMP/serve.out" 2>"$TMP/serve.err" &
SERVE=$!
trap 'kill -KILL $SERVE 2>/dev/null || true' EXIT
up=0
for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz" && up=1 && break
    sleep 0.2
done
[ "$up" = 1 ] && ok "cote serve on the compacted index" || fail "cote serve starts" "$(cat "$TMP/serve.err")"
# requests all along the compacting run
(
    while :; do
        curl -s -o /dev/null -w '%{http_code}\n' "http://127.0.0.1:$PORT/api/v1/search?q=coop%C3%A9ration" || echo 000
    done
) >"$TMP/codes" &
LOOP=$!
echo "La zoologie marine hauturière fait l'objet du rapport." >"$DOCS/part-new.txt"
expect_exit 0 "a run with --compact while the server answers" "$COTE" index --shards 1 --db "$DB" --compact "$DOCS"
sleep 0.5
kill "$LOOP" 2>/dev/null || true
wait "$LOOP" 2>/dev/null || true
grep -q compacted "$TMP/err" && ok "... compacts" || fail "... compacts" "$(cat "$TMP/err")"
[ "$(generations "$DB")" = "g1 " ] && grep -qx "auto g1" "$DB/XAPIANDB" && ok "... into g1; g0 is gone" ||
    fail "g1 only" "$(generations "$DB")"
total=$(wc -l <"$TMP/codes")
bad=$(grep -vc '^200$' "$TMP/codes" || true)
[ "$total" -gt 0 ] && [ "$bad" = 0 ] && ok "the server answered $total searches during the run, all 200" ||
    fail "all 200 during compaction" "$bad of $total not 200: $(sort "$TMP/codes" | uniq -c | tr '\n' ' ')"
seen=0
for _ in $(seq 1 20); do
    curl -s "http://127.0.0.1:$PORT/api/v1/search?q=hauturi%C3%A8re" | grep -q '"total":1' && seen=1 && break
    sleep 0.2
done
[ "$seen" = 1 ] && ok "... and then serves the document the run added" || fail "new document served" \
    "$(curl -s "http://127.0.0.1:$PORT/api/v1/search?q=hauturi%C3%A8re" | head -c 300)"
kill -TERM "$SERVE" 2>/dev/null || true
wait "$SERVE" 2>/dev/null || true
trap - EXIT

# --- leftovers of a stopped compaction ---
mkdir -p "$DB/g7" && echo junk >"$DB/g7/postlist.glass" && echo "auto g9" >"$DB/XAPIANDB.tmp"
[ "$(hits "$DB" coopération)" = "$REF" ] && ok "a stray generation and stub.tmp change nothing read" ||
    fail "stray generation harmless"
expect_exit 0 "the next compaction" "$COTE" index --shards 1 --db "$DB" --compact --force "$DOCS"
[ "$(generations "$DB")" = "g8 " ] && ok "... sweeps them and writes g8" || fail "swept" "$(generations "$DB")"
expect_exit 0 "... passes xapian-check" xapian_check "$DB"

# a folder holding its data itself, with a stub already written (stopped
# before the switch): Xapian reads the folder's own files
FLAT=$TMP/flat
expect_exit 0 "an uncompacted index (--no-compact)" "$COTE" index --shards 1 --db "$FLAT" --no-compact "$DOCS"
[ -e "$FLAT/iamglass" ] && [ ! -e "$FLAT/XAPIANDB" ] && ok "... holds its data itself" || fail "flat" "$(ls "$FLAT")"
echo "auto g0" >"$FLAT/XAPIANDB"
[ "$(hits "$FLAT" coopération)" = "$REF" ] && ok "a stub written before the switch changes nothing read" ||
    fail "stub before switch"
expect_exit 0 "... and the next compaction" "$COTE" index --shards 1 --db "$FLAT" --compact --force "$DOCS"
[ ! -e "$FLAT/iamglass" ] && [ ! -e "$FLAT/postlist.glass" ] && [ ! -e "$FLAT/flintlock" ] &&
    [ "$(generations "$FLAT")" = "g0 " ] && ok "... moves it into g0, the old tables gone" || fail "moved" "$(ls "$FLAT")"
[ "$(hits "$FLAT" coopération)" = "$REF" ] && ok "... the same answers" || fail "same answers after the move"

# --- killed at each step of a compaction (COTE_FAULT, generation.h) ---
crash() { # crash NAME DB FAULT: a --compact run killed at FAULT, then checks
    local name=$1 db=$2 fault=$3 rc=0
    COTE_FAULT=$fault "$COTE" index --shards 1 --db "$db" --compact --force "$DOCS" >/dev/null 2>&1 || rc=$?
    [ "$rc" = 137 ] && ok "$name: killed at $fault" || fail "$name: killed at $fault" "exit $rc"
    [ "$(hits "$db" coopération)" = "$REF" ] && ok "$name: ... the index answers as before" ||
        fail "$name: answers after the kill" "$(hits "$db" coopération) vs $REF"
    expect_exit 0 "$name: ... passes xapian-check" xapian_check "$db"
    expect_exit 0 "$name: ... the next run compacts" "$COTE" index --shards 1 --db "$db" --compact --force "$DOCS"
    [ "$(hits "$db" coopération)" = "$REF" ] && [ "$(generations "$db" | wc -w)" = 1 ] && [ ! -e "$db/iamglass" ] &&
        [ ! -e "$db/postlist.glass" ] && ok "$name: ... one generation left, no stray table" ||
        fail "$name: one generation left" "$(ls "$db")"
}
for fault in compact-copied compact-switched compact-dropping; do
    K=$TMP/k-$fault
    "$COTE" index --shards 1 --db "$K" --no-compact "$DOCS" >/dev/null 2>&1
    crash "folder holding its data" "$K" "$fault"
done
crash "generation to generation" "$DB" compact-switched

# --- rebuild and shards ---
expect_exit 0 "--rebuild" "$COTE" index --shards 1 --db "$DB" --rebuild "$DOCS"
[ "$(generations "$DB" | wc -w)" = 1 ] && [ "$(hits "$DB" coopération)" = "$REF" ] &&
    ok "... starts over in a generation of its own: one left, the same answers" || fail "rebuild" "$(generations "$DB")"
rc=0
COTE_FAULT=compact-copied "$COTE" index --shards 1 --db "$DB" --rebuild "$DOCS" >/dev/null 2>&1 || rc=$?
[ "$rc" = 137 ] && [ "$(hits "$DB" coopération)" = "$REF" ] && [ "$(generations "$DB" | wc -w)" -le 3 ] &&
    ok "a rebuild killed before its switch: the old index answers" || fail "rebuild killed" "exit $rc, $(ls "$DB")"
expect_exit 0 "... and the next rebuild completes" "$COTE" index --shards 1 --db "$DB" --rebuild "$DOCS"
[ "$(generations "$DB" | wc -w)" = 1 ] && ok "... one generation left" || fail "one generation" "$(ls "$DB")"
SH=$TMP/shards
expect_exit 0 "--shards 2" "$COTE" index --db "$SH" --shards 2 "$DOCS"
for s in shard0 shard1; do
    [ "$(generations "$SH/$s")" = "g0 " ] && xapian_check "$SH/$s" >/dev/null 2>&1 &&
        ok "$s compacted, passes xapian-check" || fail "$s compacted" "$(ls "$SH/$s")"
done
[ "$(hits "$SH" coopération)" = "$(hits "$DB" coopération)" ] && ok "the shards answer as one index" ||
    fail "shards answer" "$(hits "$SH" coopération) vs $(hits "$DB" coopération)"
expect_exit 0 "cote check checks every shard" cote_check --db "$SH"
[ "$(grep -c ': ok$' "$TMP/out")" = 2 ] && ok "... both ok" || fail "two shards checked" "$(cat "$TMP/out")"
BAD=$TMP/damaged
cp -r "$SH" "$BAD"
truncate -s 8192 "$BAD/shard1/g0/termlist.glass"
expect_exit 2 "a damaged shard: cote check fails" cote_check --db "$BAD"
expect_grep "... naming it" "shard1/g0" "$TMP/err"
expect_exit 0 "a later run keeps the shards" "$COTE" index --db "$SH" "$DOCS"
expect_grep "... (2 of them)" "(2 shards)" "$TMP/err"
finish
