# T010: index corpus/ through the binary, search it, show documents, and
# check that bad input files are reported and skipped while the rest is kept.
. "$(dirname "$0")/lib.sh"
DB=$TMP/db
CORPUS=$COTE_SOURCE_DIR/corpus

expect_exit 0 "cote --version" "$COTE" --version
expect_grep "version names Xapian and ICU" "Xapian 1.4" "$TMP/out"
expect_exit 0 "cote --help" "$COTE" --help
for cmd in index search show serve; do
    expect_exit 0 "cote $cmd --help" "$COTE" "$cmd" --help
    expect_grep "cote $cmd --help prints usage" "Usage: cote $cmd" "$TMP/out"
done
expect_exit 2 "unknown command" "$COTE" frobnicate
expect_exit 2 "search without a query" "$COTE" search --db "$DB"

# Indexing
expect_exit 0 "index corpus/" "$COTE" index --db "$DB" "$CORPUS"
expect_grep "summary counts five files" "5 indexed, 0 unchanged, 0 removed, 0 skipped, 0 failed" "$TMP/err"

expect_exit 0 "search a French word" "$COTE" search --db "$DB" --json coopération
expect_py "JSON has the stable top-level keys" \
    'list(j)[:2] == ["query", "total"] and isinstance(j["hits"], list) and isinstance(j["facets"], dict)'
expect_py "every hit has the stable fields" \
    'all(set(["rank","file","doc","symbols","title","paragraph","score","snippet"]) <= set(h) for h in j["hits"])'
expect_py "five documents speak of coopération" 'j["total"] == 5 and [h["rank"] for h in j["hits"]] == [1,2,3,4,5]'
expect_py "file is the path given at index time" 'all(h["file"].startswith("'"$CORPUS"'/") for h in j["hits"])'
expect_py "scores are in decreasing order" 'all(a["score"] >= b["score"] for a, b in zip(j["hits"], j["hits"][1:]))'
expect_py "snippets show the word" 'all("coopération" in h["snippet"].lower() for h in j["hits"])'

expect_exit 0 "accent-free query" "$COTE" search --db "$DB" --json autonomisation des femmes
expect_exit 0 "search PNUD" "$COTE" search --db "$DB" --json PNUD
expect_py "PNUD ranks seed 001 or 002 first" '"001" in j["hits"][0]["file"] or "002" in j["hits"][0]["file"]'
expect_py "snippet holds PNUD" '"PNUD" in j["hits"][0]["snippet"]'
doc=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["hits"][0]["doc"])' "$TMP/out")
file=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["hits"][0]["file"])' "$TMP/out")

expect_exit 0 "phrase search" "$COTE" search --db "$DB" --json '"Document final de Buenos Aires"'
expect_py "the phrase is in seed 001" '"001_" in j["hits"][0]["file"]'
expect_exit 0 "paging: offset 1 limit 2" "$COTE" search --db "$DB" --json --offset 1 --limit 2 coopération
expect_py "paging returns ranks 2 and 3" '[h["rank"] for h in j["hits"]] == [2, 3]'
expect_exit 0 "--count" "$COTE" search --db "$DB" --count coopération
expect_grep "--count prints the number alone" "^5$" "$TMP/out"
expect_exit 0 "--csv" "$COTE" search --db "$DB" --csv --limit 2 PNUD
expect_grep "CSV header" "^rank,symbols,title,paragraph,file,doc,score,snippet$" "$TMP/out"
cp "$TMP/out" "$TMP/hits.csv"
expect_exit 0 "CSV parses" python3 -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1], encoding="utf-8"))); sys.exit(0 if len(r) == 2 and "PNUD" in r[0]["snippet"] else 1)' "$TMP/hits.csv"
expect_exit 0 "--sort date" "$COTE" search --db "$DB" --json --sort date coopération
expect_py "newest documents first, undated last" '[h["file"].split("/")[-1][:3] for h in j["hits"]][0] == "003" and j["hits"][-1]["file"].split("/")[-1][:3] == "004"'
expect_exit 2 "--sort takes date or relevance" "$COTE" search --db "$DB" --sort size coopération
expect_exit 1 "nothing found exits 1" "$COTE" search --db "$DB" --json zyxwvutsrq
expect_py "nothing found is still JSON" 'j["total"] == 0 and j["hits"] == []'
expect_exit 2 "limit out of range" "$COTE" search --db "$DB" --limit 1000 paix
expect_exit 0 "text output" "$COTE" search --db "$DB" coopération Sud-Sud
expect_grep "text output numbers hits" "^1\. " "$TMP/out"

# Show
expect_exit 0 "show by doc id" "$COTE" show --db "$DB" --json "$doc"
expect_py "show returns the document with its text" 'j["doc"] == "'"$doc"'" and len(j["text"]) > 1000 and j["terms"] > 100'
# the record keeps only the text around the blocks; the passages hold the
# blocks' text (indexer/record.c): joined back, every block reads as its passage
python3 - "$TMP/out" "$COTE" "$DB" "$doc" <<'PY' && ok "the text is joined back from its passages" || fail "text joined back from passages"
import json, subprocess, sys
j = json.load(open(sys.argv[1], encoding="utf-8"))
blocks = j["record"]["blocks"] if "record" in j else j["blocks"]
text = j["text"].encode()
assert "gaps" not in j and blocks
for i in (0, len(blocks) // 2, len(blocks) - 1):
    p = json.loads(subprocess.run([sys.argv[2], "show", "--db", sys.argv[3], "--json", "%s#block-%d" % (sys.argv[4], i)],
                                  capture_output=True, check=True).stdout)
    kind, label, start, end, page = blocks[i]
    assert text[start:end].decode() == p["text"], (i, text[start:end][:80], p["text"][:80])
PY
expect_exit 0 "show by path" "$COTE" show --db "$DB" "$file"
expect_grep "show prints the doc id" "$doc" "$TMP/out"
expect_exit 1 "show an unknown document" "$COTE" show --db "$DB" 0000000000000000
expect_exit 2 "a missing index is a clear error" "$COTE" search --db "$TMP/nothing-here" paix
expect_grep "the error names the index" "nothing-here" "$TMP/err"

# Re-indexing keeps one record per file and the same ids
expect_exit 0 "re-index the same corpus" "$COTE" index --db "$DB" "$CORPUS"
expect_exit 0 "search again" "$COTE" search --db "$DB" --json coopération
expect_py "still five documents, same id" 'j["total"] == 5 and "'"$doc"'" in [h["doc"] for h in j["hits"]]'

# Bad inputs: reported one line each, skipped, the rest indexed, exit 3
BAD=$TMP/bad
mkdir -p "$BAD"
printf 'R\xe9solution sans UTF-8\n' >"$BAD/latin1.txt"
: >"$BAD/empty.txt"
printf 'abc\0def\n' >"$BAD/nul.txt"
printf 'Le Programme des Nations Unies pour le développement (PNUD) et la paix.\n' >"$BAD/good.txt"
printf 'not a text file' >"$BAD/image.png"
expect_exit 3 "bad files make the run exit 3" "$COTE" index --db "$DB" "$BAD"
expect_grep "invalid UTF-8 is named with its offset" "latin1.txt: not UTF-8: invalid byte 0xe9 at offset 1" "$TMP/err"
expect_grep "empty file is named" "empty.txt: empty file" "$TMP/err"
expect_grep "NUL byte is named" "nul.txt: NUL byte" "$TMP/err"
expect_grep "summary counts the failures" "1 indexed, .*1 skipped, 3 failed" "$TMP/err"
expect_exit 0 "the good file was indexed" "$COTE" search --db "$DB" --json '"développement (PNUD) et la paix"'
expect_py "good.txt is found" 'any(h["file"].endswith("bad/good.txt") for h in j["hits"])'
expect_exit 3 "a missing path is reported" "$COTE" index --db "$DB" "$BAD"
expect_exit 0 "stats after a run with failures" "$COTE" stats --db "$DB" --json
expect_py "stats count documents and passages" 'j["documents"] == 6 and j["passages"] > 400 and j["terms"] > 1000 and j["bytes"] > 0'
expect_py "stats list the failed files with their reasons" 'sorted((f["file"].split("/")[-1], f["status"]) for f in j["failed"]) == [("empty.txt", "BAD_INPUT"), ("latin1.txt", "BAD_INPUT"), ("nul.txt", "BAD_INPUT")]'
expect_py "stats tell when the index was committed" 'len(j["committed"]) == 20 and j["committed"].endswith("Z")'
expect_exit 0 "stats as text" "$COTE" stats --db "$DB"
expect_grep "text names the documents" "^documents:  6" "$TMP/out"
expect_exit 3 "a missing path is reported" "$COTE" index --db "$DB" "$TMP/does-not-exist"

finish
