# T020: `cote analyze` shows the tokens and terms of the one analysis
# (elision, accents, stems, compounds, codes, spaced numbers), and the same
# words find the same documents through `cote index` and `cote search`.
. "$(dirname "$0")/lib.sh"

NNBSP=$(printf '\xe2\x80\xaf')
NBSP=$(printf '\xc2\xa0')

expect_exit 0 "cote analyze --help" "$COTE" analyze --help
expect_grep "cote analyze --help prints usage" "Usage: cote analyze" "$TMP/out"
expect_exit 0 "cote --help lists analyze" "$COTE" --help
expect_grep "analyze is in the command table" "^  analyze " "$TMP/out"
expect_exit 2 "analyze without text" "$COTE" analyze
expect_exit 2 "analyze rejects text that is not UTF-8" "$COTE" analyze "$(printf 'R\xe9solution')"
expect_grep "the error says why" "not valid UTF-8" "$TMP/err"

# Elision
expect_exit 0 "analyze l’Union" "$COTE" analyze --json "l’Union"
expect_py "the JSON has exactly the documented keys" \
    'list(j) == ["tokens"] and all(list(t) == ["text", "position", "terms"] for t in j["tokens"])'
expect_py "l’Union is one token at position 1 with term union" \
    'len(j["tokens"]) == 1 and j["tokens"][0]["position"] == 1 and "union" in j["tokens"][0]["terms"]'
expect_py "the elided article is not a term" '"l" not in j["tokens"][0]["terms"]'

# Text output: position, text, terms
expect_exit 0 "analyze as text" "$COTE" analyze "l’Union africaine"
expect_grep "one line per token: position, text, terms" "^1  Union  union Zunion$" "$TMP/out"
expect_grep "the second token is at position 2" "^2  africaine  africaine Zafricain$" "$TMP/out"

# Accents and stems
expect_exit 0 "analyze sécurité securite" "$COTE" analyze --json "sécurité" "securite"
expect_py "accented word: folded form, accent-free form, stem" \
    'j["tokens"][0]["terms"][:2] == ["sécurité", "securite"] and j["tokens"][0]["terms"][2].startswith("Z")'
expect_py "sécurité and securite share their Z term" \
    '[t for t in j["tokens"][0]["terms"] if t.startswith("Z")] == [t for t in j["tokens"][1]["terms"] if t.startswith("Z")] != []'

# Compounds
expect_exit 0 "analyze COVID-19" "$COTE" analyze --json "COVID-19"
expect_py "COVID-19 yields covid, 19 and covid19" \
    'set(["covid", "19", "covid19"]) <= set(x for t in j["tokens"] for x in t["terms"])'
expect_py "the parts keep their positions, the joined form is on the first" \
    '[t["position"] for t in j["tokens"]] == [1, 2] and "covid19" in j["tokens"][0]["terms"]'
expect_exit 0 "analyze ONU-Habitat et Sud-Sud" "$COTE" analyze --json "ONU-Habitat et Sud-Sud"
expect_py "joined forms onuhabitat and sudsud" \
    'set(["onuhabitat", "sudsud"]) <= set(x for t in j["tokens"] for x in t["terms"])'

# Numbers and codes
expect_exit 0 "analyze 30 000 (U+202F)" "$COTE" analyze --json "30${NNBSP}000 personnes"
expect_py "30 000 with a narrow no-break space is one token 30000" \
    'len(j["tokens"]) == 2 and j["tokens"][0]["text"] == "30\u202f000" and "30000" in j["tokens"][0]["terms"]'
expect_exit 0 "analyze 1 331 (U+00A0)" "$COTE" analyze --json "1${NBSP}331"
expect_py "1 331 with a no-break space is one token 1331" \
    'len(j["tokens"]) == 1 and j["tokens"][0]["terms"][0] == "1331"'
expect_exit 0 "analyze 2019 150 pays" "$COTE" analyze --json "2019 150 pays"
expect_py "an ASCII space never joins numbers" '[t["terms"][0] for t in j["tokens"]] == ["2019", "150", "pays"]'
expect_exit 0 "analyze 61,9 %" "$COTE" analyze --json "61,9 %"
expect_py "a decimal comma stays in its token" 'len(j["tokens"]) == 1 and j["tokens"][0]["terms"][0] == "61,9"'
expect_exit 0 "analyze PM2,5" "$COTE" analyze --json "PM2,5"
expect_py "PM2,5 is one token, also written pm25" \
    'len(j["tokens"]) == 1 and j["tokens"][0]["terms"][0] == "pm2,5" and "pm25" in j["tokens"][0]["terms"]'

# The same words find the same documents through the indexer and the searcher
DOCS=$TMP/docs
DB=$TMP/db
mkdir -p "$DOCS"
printf 'Rapport sur la coopération Sud-Sud et triangulaire.\n\nLe programme ONU-Habitat y contribue.\n' >"$DOCS/sud.txt"
printf 'Rapport sur la pandémie de COVID-19.\n\nElle a touché 30\xe2\x80\xaf000 personnes dans la région.\n' >"$DOCS/covid.txt"
printf 'Rapport sur la sécurité régionale.\n\nLe Conseil de sécurité a examiné la question du Nord et du Sud.\n' >"$DOCS/securite.txt"
expect_exit 0 "index three small documents" "$COTE" index --db "$DB" "$DOCS"
found() { python3 -c 'import json,sys; print(" ".join(sorted(h["file"].rsplit("/",1)[1] for h in json.load(open(sys.argv[1]))["hits"])))' "$TMP/out"; }
for q in "sudsud:sud.txt" "Sud-Sud:sud.txt" '"Sud-Sud":sud.txt' "onuhabitat:sud.txt" "COVID19:covid.txt" \
         "covid:covid.txt" "30000:covid.txt" "securite:securite.txt" "SÉCURITÉ:securite.txt" \
         "sud:securite.txt sud.txt" "coopérer:sud.txt" "la sécurité:securite.txt"; do
    query=${q%%:*} want=${q#*:}
    "$COTE" search --db "$DB" --json "$query" >"$TMP/out" 2>"$TMP/err"
    got=$(found)
    if [ "$got" = "$want" ]; then ok "search $query finds $want"; else fail "search $query finds $want" "got: '$got'"; fi
done

finish
