# T130: an index in shards answers as one database does. `cote index
# --shards 2` writes two databases in two threads under a Xapian stub; the
# same searches (hits, scores, passages, totals, facets, suggestions) as
# over one database, locally and with each shard served by its own
# xapian-tcpsrv on 127.0.0.1 (a stub of "remote" lines); runs stay
# incremental; the layout changes only with --rebuild.
. "$(dirname "$0")/lib.sh"
CORPUS=$COTE_SOURCE_DIR/corpus
ONE=$TMP/one
TWO=$TMP/two
expect_exit 0 "one database" "$COTE" index --shards 1 --db "$ONE" "$CORPUS"
expect_exit 0 "--shards 2" "$COTE" index --db "$TWO" --shards 2 "$CORPUS"
expect_grep "... says so" "5 indexed, .* (2 shards)" "$TMP/err"
[ -d "$TWO/shard0" ] && [ -d "$TWO/shard1" ] && grep -qx "auto shard1" "$TWO/XAPIANDB" &&
    ok "two shard databases and a stub" || fail "two shard databases and a stub" "$(ls "$TWO")"
for s in shard0 shard1; do
    if xapian_check "$TWO/$s" >/dev/null 2>&1; then ok "$s passes xapian-check"; else fail "$s passes xapian-check"; fi
done
n0=$(xapian-delve "$TWO/shard0" | sed -n 's/^number of documents = //p')
n1=$(xapian-delve "$TWO/shard1" | sed -n 's/^number of documents = //p')
[ "${n0:-0}" -gt 0 ] && [ "${n1:-0}" -gt 0 ] && ok "both shards hold documents ($n0, $n1 records)" ||
    fail "both shards hold documents" "$n0 $n1"

# same DESCRIPTION DB_A DB_B ARGS...: cote search --json gives the same answer
same() {
    local what=$1 a=$2 b=$3
    shift 3
    "$COTE" search --db "$a" --json --limit 20 "$@" >"$TMP/a.json" 2>/dev/null
    "$COTE" search --db "$b" --json --limit 20 "$@" >"$TMP/b.json" 2>/dev/null
    if python3 - "$TMP/a.json" "$TMP/b.json" <<'PY'
import json, sys
import os
loose = os.environ.get("LOOSE") == "1"
def key(path):
    j = json.load(open(path, encoding="utf-8"))
    if loose:  # the documents matched, not their weights
        return (j["total"], sorted(h["file"] for h in j["hits"]))
    hits = sorted((h["file"], round(h["score"], 4), h["passage"]["block"], h["snippet"]) for h in j["hits"])
    return (j["total"], hits, j["facets"], j.get("suggestion"), j.get("corrected"))
sys.exit(0 if key(sys.argv[1]) == key(sys.argv[2]) else 1)
PY
    then ok "$what"; else fail "$what" "$(head -c 300 "$TMP/a.json") | $(head -c 300 "$TMP/b.json")"; fi
}
QUERIES=("PNUD" "coopération Sud-Sud" '"Document final de Buenos Aires"' "résolution 74/239"
         "sécurté alimentaire" "paix ET (climat OU énergie)" "climat org:PNUD")
for q in "${QUERIES[@]}"; do same "shards answer as one database: $q" "$ONE" "$TWO" "$q"; done
# Xapian weighs a prefix*'s expansion with statistics of each database: the
# same documents, weights that differ (docs/ranking.md)
LOOSE=1 same "... prefix*: the same documents" "$ONE" "$TWO" "coopérat*"
same "... with a date filter" "$ONE" "$TWO" --from 2020 --to 2022 développement
same "... page 2" "$ONE" "$TWO" --offset 2 --limit 2 coopération

expect_exit 0 "a second run over the shards" "$COTE" index --db "$TWO" "$CORPUS"
expect_grep "... reads nothing" "0 indexed, 5 unchanged" "$TMP/err"
expect_exit 2 "other shards without --rebuild are refused" "$COTE" index --db "$TWO" --shards 3 "$CORPUS"
expect_grep "... saying why" "has 2 shards; --rebuild" "$TMP/err"
expect_exit 2 "sharding one database without --rebuild is refused" "$COTE" index --db "$ONE" --shards 2 "$CORPUS"

# each shard served by xapian-tcpsrv, searched through a stub of remote lines
if ! command -v xapian-tcpsrv >/dev/null; then
    echo "# xapian-tcpsrv missing (Debian's xapian-tools): remote shards not tested"
    finish
    exit
fi
pids=()
# xapian-tcpsrv forks a child per connection: kill the whole group of each
trap 'for p in "${pids[@]}"; do pkill -KILL -P "$p" 2>/dev/null; kill -KILL "$p" 2>/dev/null; done' EXIT
: >"$TMP/remote.stub"
for s in 0 1; do
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    xapian-tcpsrv --port "$port" --interface 127.0.0.1 --quiet "$TWO/shard$s" >"$TMP/tcpsrv$s.log" 2>&1 &
    pids+=($!)
    echo "remote 127.0.0.1:$port" >>"$TMP/remote.stub"
done
up=no
for _ in $(seq 1 50); do
    if "$COTE" stats --db "$TMP/remote.stub" >/dev/null 2>&1; then up=yes; break; fi
    sleep 0.2
done
[ "$up" = yes ] && ok "two xapian-tcpsrv answer" || fail "two xapian-tcpsrv answer" "$(cat "$TMP"/tcpsrv*.log)"
for q in "${QUERIES[@]}"; do same "remote shards answer as one database: $q" "$ONE" "$TMP/remote.stub" "$q"; done
LOOSE=1 same "... prefix*: the same documents" "$ONE" "$TMP/remote.stub" "coopérat*"
# a time limit is checked in local databases only (xdb.h): remote shards
# refuse its match spy, and are searched without it
same "... with a time limit" "$ONE" "$TMP/remote.stub" --time-limit 60000 coopération
expect_exit 0 "cote show over remote shards" "$COTE" show --db "$TMP/remote.stub" --json A/75/371
expect_py "... finds the document" '"A/75/371" in j["symbols"]'
expect_exit 0 "cote similar over remote shards" "$COTE" similar --db "$TMP/remote.stub" --json A/75/371
expect_py "... finds other documents" 'j["hits"] and all("A/75/371" not in h["symbols"] for h in j["hits"])'
finish
