# T060: the query language through the binary, on the seeds of corpus/:
# AND/OR/NOT and their French forms, parentheses, prefix*, what a person
# types by mistake (never an error, and a note says how it was read), and
# --explain. Passages are what matches (docs/ranking.md): AND, NOT and +/-
# apply within a passage, one hit per document.
. "$(dirname "$0")/lib.sh"
DB=$TMP/db
CORPUS=$COTE_SOURCE_DIR/corpus
# Sections of 500 words (about a page) rather than the default 2,000: the
# five seeds make 23 sections of 2,000 words, all of which name coopération,
# and the checks of NOT below need sections without it. The operators work
# alike at any size (indexer/record.h).
expect_exit 0 "index corpus/" "$COTE" index --db "$DB" --section-words 500 "$CORPUS"

# search QUERY...: JSON of every hit (up to 100) into $TMP/out
search() { "$COTE" search --db "$DB" --json --limit 100 "$@" >"$TMP/out" 2>"$TMP/err"; }
# seeds DESCRIPTION-FILE QUERY...: the seeds (3-digit stems) found, sorted, one line
seeds() {
    local file=$1
    shift
    search "$@" || true
    python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(" ".join(sorted({h["file"].split("/")[-1][:3] for h in j["hits"]})))' \
        "$TMP/out" >"$TMP/$file"
}
# passages_hold CHECK [section]: every hit's passage text (through cote
# show), or with "section" the text of the section it was found in (the unit
# the query's operators hold over), passes the Python expression CHECK on t,
# its text in lower case
passages_hold() {
    python3 - "$TMP/out" "$COTE" "$DB" "$1" "${2:-}" <<'PY'
import json, subprocess, sys
out, cote, db, check, scope = sys.argv[1:6]
hits = json.load(open(out, encoding="utf-8"))["hits"]
def block(doc, n):
    return json.loads(subprocess.run([cote, "show", "--db", db, "--json", "%s#block-%d" % (doc, n)],
                                     capture_output=True, check=True).stdout)["text"].lower()
for h in hits:
    p = h["passage"]
    ref = "%s#block-%d" % (h["doc"], p["block"])
    first, last = p["section"] if scope == "section" else (p["block"], p["block"])
    if not first <= p["block"] <= last:
        print("passage %s: outside its section %d-%d" % (ref, first, last))
        sys.exit(1)
    t = "\n".join(block(h["doc"], n) for n in range(first, last + 1))
    if not eval(check):
        print("passage %s: %s" % (ref, t[:200]))
        sys.exit(1)
sys.exit(0 if hits else 1)
PY
}
same() { # DESCRIPTION FILE1 FILE2
    if cmp -s "$TMP/$2" "$TMP/$3"; then ok "$1"; else fail "$1" "$(cat "$TMP/$2") vs $(cat "$TMP/$3")"; fi
}

# AND, in English and French, and && ; lower-case et is a (stop) word
expect_exit 0 "coopération AND Sud-Sud" search "coopération AND Sud-Sud"
expect_py "finds seeds 000 and 001" '{"000", "001"} <= {h["file"].split("/")[-1][:3] for h in j["hits"]}'
if passages_hold '"coopération" in t and ("sud-sud" in t or "sudsud" in t)' section; then
    ok "each section found holds both"
else fail "each section found holds both"; fi
if passages_hold '"coopération" in t or "sud-sud" in t or "sudsud" in t'; then
    ok "each passage shown holds one"
else fail "each passage shown holds one"; fi
seeds and.txt "coopération AND Sud-Sud"
seeds et.txt "coopération ET Sud-Sud"
seeds amp.txt "coopération && Sud-Sud"
same "ET is AND" and.txt et.txt
same "&& is AND" and.txt amp.txt
seeds plain.txt "coopération Sud-Sud"
seeds lower.txt "coopération et Sud-Sud"
same "lower-case et is a stop word, not an operator" plain.txt lower.txt

# OR finds at least the union
seeds pnud.txt PNUD
seeds unicef.txt UNICEF
seeds or.txt "PNUD OR UNICEF"
seeds ou.txt "PNUD OU UNICEF"
seeds bar.txt "PNUD | UNICEF"
if python3 -c 'import sys; a, b, u = (set(open(f).read().split()) for f in sys.argv[1:4]); sys.exit(0 if a | b <= u and a and b else 1)' \
    "$TMP/pnud.txt" "$TMP/unicef.txt" "$TMP/or.txt"; then
    ok "PNUD OR UNICEF holds both lists ($(cat "$TMP/or.txt"))"
else fail "PNUD OR UNICEF holds both lists" "$(cat "$TMP/pnud.txt") + $(cat "$TMP/unicef.txt") vs $(cat "$TMP/or.txt")"; fi
same "OU is OR" or.txt ou.txt
same "| is OR" or.txt bar.txt
expect_exit 0 "PNUD OR UNICEF" search "PNUD OR UNICEF"
expect_py "both organisations recognised" 'sum("organisation reconnue" in n for n in j["notes"]) == 2'

# NOT / SAUF: no passage found names the PNUD, by acronym or by name
expect_exit 0 "coopération SAUF PNUD" search "coopération SAUF PNUD"
expect_py "a search, not an error" 'j["total"] >= 1'
if passages_hold '"pnud" not in t and "programme des nations unies pour le développement" not in t' section; then
    ok "no passage found mentions the PNUD"
else fail "no passage found mentions the PNUD"; fi
seeds not.txt "coopération NOT PNUD"
seeds sauf.txt "coopération SAUF PNUD"
same "NOT is SAUF" not.txt sauf.txt
expect_exit 1 "a word without itself finds nothing" search "coopération SAUF coopération"
expect_exit 1 "the PNUD without its name finds nothing" search "PNUD SAUF \"Programme des Nations Unies pour le développement\""
expect_exit 0 "a leading NOT excludes from everything" search "NOT coopération"
if passages_hold '"coopération" not in t and "coopérer" not in t' section; then
    ok "NOT coopération: no passage about it"
else fail "NOT coopération: no passage about it"; fi

# parentheses
expect_exit 0 "(paix OU sécurité) ET Afrique" search "(paix OU sécurité) ET Afrique"
if passages_hold '"afrique" in t and ("paix" in t or "sécurité" in t)' section; then
    ok "each section holds Afrique and paix or sécurité"
else fail "each section holds Afrique and paix or sécurité"; fi
# a field inside parentheses or after an operator is a filter on the whole query
expect_exit 0 "a filter inside parentheses" search "(coopération OR paix org:CESAP)"
expect_py "is no repair" 'j["total"] >= 1 and not any("requête lue" in n for n in j["notes"])'
expect_exit 0 "--explain shows it" "$COTE" search --db "$DB" --explain --json "(coopération OR paix org:CESAP)"
expect_py "words in the reading, the filter in the query" 'j["reading"] == "coopération OU paix" and j["xapian"].endswith("FILTER XDORG:cesap))")'
expect_exit 0 "--explain" "$COTE" search --db "$DB" --explain --json "paix AND org:CESAP"
expect_py "AND before a filter goes with it" 'j["reading"] == "paix" and "FILTER XDORG:cesap" in j["xapian"]'
expect_exit 0 "--explain" "$COTE" search --db "$DB" --explain --json "(org:CESAP) OR paix"
expect_py "so do the parentheses and the OR around it" 'j["reading"] == "paix" and "FILTER XDORG:cesap" in j["xapian"]'
expect_exit 0 "--explain" "$COTE" search --db "$DB" --explain --json "paix SAUF org:PNUD"
expect_py "NOT before a filter excludes" 'j["reading"] == "paix" and j["xapian"].endswith("AND_NOT XDORG:pnud))")'
expect_exit 0 "an excluding filter" search "paix -org:PNUD"
if passages_hold '"pnud" not in t and "programme des nations unies pour le développement" not in t' section; then
    ok "paix -org:PNUD: no passage names the PNUD"
else fail "paix -org:PNUD: no passage names the PNUD"; fi

# prefix*
expect_exit 0 "coopérat*" search "coopérat*"
expect_py "finds coopération in every seed" 'j["total"] == 5'
seeds prefix.txt "Coopérat*"
seeds word.txt "coopération"
same "a prefix finds the documents of its words" prefix.txt word.txt
expect_exit 0 "a broad prefix is cut to its most frequent words, not an error" search "con*"
expect_py "con* (some 200 words in these seeds) finds every seed" 'j["total"] == 5 and j["notes"] == []'
# (pro*: some 150 words; con* leaves no section of a seed about coopération)
expect_exit 0 "a broad prefix under NOT" search "coopération SAUF pro*"
if passages_hold '"coopération" in t and not any(w.startswith("pro") for w in t.replace("’", " ").split())' section; then
    ok "coopération SAUF pro*: no section found holds a pro- word"
else fail "coopération SAUF pro*: no section found holds a pro- word"; fi
expect_exit 0 "a prefix too short" search "co*"
expect_py "is read as the word co, and said" 'any(n.startswith("requête lue comme : co (préfixe") for n in j["notes"])'

# forgiving: never an error page, and a note on how the query was read
expect_exit 0 "unbalanced quote" search '"Sud-Sud'
expect_py "closed at the end, and said" 'j["total"] >= 2 and "requête lue comme : \"Sud-Sud\" (guillemet fermé)" in j["notes"]'
expect_exit 0 "dangling operator" search "coopération AND"
expect_py "dropped, and said" 'j["total"] == 5 and any(n.startswith("requête lue comme : coopération (opérateur") for n in j["notes"])'
expect_exit 0 "unbalanced parenthesis" search "(paix OR sécurité"
expect_py "closed, and said" 'any(n.startswith("requête lue comme : paix OU sécurité (parenthèse") for n in j["notes"])'
for q in "OR" "NOT" "()" "AND OR NOT" '"' ")(" "((" "+ - *"; do
    expect_exit 1 "nothing to search in [$q] is no error" search "$q"
done
expect_exit 0 "groups nested too deep" search "((((((((((((((((((((((((((((((((((((((((paix"
expect_py "are flattened, and said" 'j["total"] >= 1 and any("trop imbriquées" in n for n in j["notes"])'
expect_exit 0 "a query read as typed gets no note" search "coopération Sud-Sud"
expect_py "no reading note" 'not any("requête lue" in n for n in j["notes"])'

# --explain
expect_exit 0 "--explain" "$COTE" search --db "$DB" --explain "paix ET (climat OU énergie) SAUF guerre"
expect_grep "prints the reading" "^reading: paix ET (climat OU énergie) SAUF guerre$" "$TMP/out"
expect_grep "prints the Xapian query" "^xapian:  Query(.*AND_NOT .*guerre" "$TMP/out"
expect_grep "... each stem as the words that run" "^xapian:  Query(.*climat@1 SYNONYM .*climatique@1" "$TMP/out"
if grep -q "Z[a-z]" "$TMP/out"; then fail "... no stem term left" "$(cat "$TMP/out")"; else ok "... no stem term left"; fi
expect_exit 0 "--explain --json" "$COTE" search --db "$DB" --explain --json '(paix OU sécurité' org:PNUD
expect_py "reading and Xapian query in JSON" 'j["reading"] == "paix OU sécurité" and "XDORG:pnud" in j["xapian"] and j["query"] == "(paix OU sécurité org:PNUD"'
expect_exit 0 "--explain of nothing" "$COTE" search --db "$DB" --explain --json "OR"
expect_py "empty reading and query" 'j["reading"] == "" and j["xapian"] == ""'
expect_exit 3 "--explain checks the query like a search (bad input)" "$COTE" search --db "$DB" --explain "$(printf 'pa\xffix')"

finish
