# T090: beyond the first page, through the binary on the seeds of corpus/:
# spelling suggestions and the one-typo tolerance, every passage of one
# document (--in), and "more like this" (cote similar) for a document and
# for a passage.
. "$(dirname "$0")/lib.sh"
DB=$TMP/db
CORPUS=$COTE_SOURCE_DIR/corpus
expect_exit 0 "index corpus/" "$COTE" index --db "$DB" "$CORPUS"
search() { "$COTE" search --db "$DB" --json "$@"; }

# A long word one typo away, and nothing else: searched corrected, and said so.
expect_exit 0 "a typo in a long word still finds" search cooperatoin
expect_py "... the corrected query, with its accents" 'j["corrected"] is True and j["suggestion"] == "coopération" and j["total"] > 0'
expect_py "... and a note says what was searched" 'any("coopération" in n for n in j["notes"])'
expect_exit 1 "--no-suggest searches only what was typed" search --no-suggest cooperatoin
expect_py "... and suggests nothing" '"suggestion" not in j and j["total"] == 0'
expect_exit 0 "accents wrong and a letter missing" search "sécurté"
expect_py "... is corrected too" 'j["corrected"] and j["suggestion"] == "sécurité"'
# Something matched: suggested, not replaced.
expect_exit 0 "a typo next to a known word" search "dévelopement durable"
expect_py "... is suggested, the query searched as typed" 'j["suggestion"] == "développement durable" and j["corrected"] is False'
"$COTE" search --db "$DB" "dévelopement durable" >"$TMP/out" 2>&1
expect_grep "the terminal asks: Vouliez-vous dire" "Vouliez-vous dire : développement durable ?" "$TMP/out"
# Short words and acronyms are left alone.
expect_exit 1 "a short word one typo away is not searched corrected" search "paxi"
expect_py "... only suggested" 'j["suggestion"] == "paix" and j["corrected"] is False and j["total"] == 0'
expect_exit 1 "an unknown acronym is not corrected" search "PNDUX"
expect_py "... and gets no suggestion" '"suggestion" not in j'

# Each hit names its document's date, type and organ.
expect_exit 0 "hits of PNUD" search PNUD
expect_py "... carry the date as precise as known" 'all(h["date"] in ("2020", "2022") for h in j["hits"])'
expect_py "... the type" 'all(h["type"] == "rapport" for h in j["hits"])'
expect_py "... and the organ, with its name" '{h["organ"]["id"] for h in j["hits"]} == {"assemblee-generale", "cesap"} and any(h["organ"]["label"] == "Assemblée générale" for h in j["hits"])'
expect_py "... in English too" 'all(h["type_en"] == "report" for h in j["hits"]) and any(h["organ"]["label_en"] == "General Assembly" for h in j["hits"])'
expect_py "facet values have English labels" 'any(v["label_en"] == "Economic and Social Commission for Asia and the Pacific" for v in j["facets"]["organ"]) and all(v["label_en"] == "report" for v in j["facets"]["type"]) and all(v["label_en"] == v["value"] for v in j["facets"]["year"])'
"$COTE" search --db "$DB" --limit 1 PNUD >"$TMP/out" 2>&1
expect_grep "... and so does the terminal" "^   2020, rapport, Assemblée générale$" "$TMP/out"

# --in: every matching passage of one document.
expect_exit 0 "PNUD, best passage per document" search --limit 100 PNUD
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); h=[x for x in j["hits"] if "A/75/371" in x["symbols"]][0]; print(h["other_passages"] + 1)' "$TMP/out" >"$TMP/expected"
expect_exit 0 "--in A/75/371 PNUD" search --limit 100 --in A/75/371 PNUD
expect_py "... lists only that document's passages" 'j["hits"] and all("A/75/371" in h["symbols"] for h in j["hits"])'
expect_py "... as many as the collapsed hit counted" "len(j['hits']) >= $(cat "$TMP/expected")"
expect_py "... each passage once" 'len({h["passage"]["block"] for h in j["hits"]}) == len(j["hits"])'
expect_exit 1 "--in an unknown document" search --in "A/99/999" PNUD
expect_grep "... says which" 'no document is known as "A/99/999"' "$TMP/err"

# cote similar: documents, then passages, like a given one.
expect_exit 0 "similar A/75/371" "$COTE" similar --db "$DB" --json A/75/371
expect_py "... finds other documents" 'j["total"] > 0 and all("A/75/371" not in h["symbols"] for h in j["hits"])'
expect_py "... one hit per document" 'len({h["doc"] for h in j["hits"]}) == len(j["hits"])'
expect_py "... and names the terms it searched (a compound with its hyphen)" 'any("sud-sud" in n for n in j["notes"])'
expect_py "... words written with their accents, as the text has them" 'any("matière" in n for n in j["notes"])'
expect_py "... highlighted in the snippets" 'all(h["highlights"] for h in j["hits"])'
expect_exit 0 "similar A/75/371#9 (a paragraph)" "$COTE" similar --db "$DB" --json --limit 20 "A/75/371#9"
expect_py "... finds passages of other documents" 'j["hits"] and all("A/75/371" not in h["symbols"] for h in j["hits"])'
expect_py "... several from one document may come" 'len(j["hits"]) > len({h["doc"] for h in j["hits"]})'
expect_exit 0 "similar A/75/371#block-40 (inside a section: found by its first block)" "$COTE" similar --db "$DB" --json "A/75/371#block-40"
expect_py "... finds passages" 'j["hits"] and all("A/75/371" not in h["symbols"] for h in j["hits"])'
expect_exit 0 "similar with a filter" "$COTE" similar --db "$DB" --json --type rapport A/75/371
expect_exit 1 "similar to an unknown document" "$COTE" similar --db "$DB" A/99/999
expect_grep "... says so" "no document is known" "$TMP/err"
expect_exit 1 "similar to a missing paragraph" "$COTE" similar --db "$DB" "A/75/371#999"
expect_exit 2 "similar takes one reference" "$COTE" similar --db "$DB" A/75/371 A/77/277
finish
