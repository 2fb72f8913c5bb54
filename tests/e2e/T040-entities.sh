# T040: UN entities through the binary: a document's own facts in cote show,
# entity queries (symbols, resolutions, dates, organisations), field filters
# and CLI flags, facets, and a gazetteer extended for a corpus.
. "$(dirname "$0")/lib.sh"
DB=$TMP/db
CORPUS=$COTE_SOURCE_DIR/corpus
expect_exit 0 "index corpus/" "$COTE" index --db "$DB" "$CORPUS"

# what a document says about itself
expect_exit 0 "show seed 001" "$COTE" show --db "$DB" --json "$CORPUS/001_e4636524b80d4ef4.txt"
expect_py "own symbol from the running header" 'j["symbols"] == ["A/75/371"] and j["job_number"] == "20-12800"'
expect_py "type, organ and date with how they were told" 'j["type"]["name"] == "rapport" and j["organ"]["id"] == "assemblee-generale" and j["date"]["iso"] == "2020" and "job number" in j["date"]["how"]'
expect_py "citations are canonical symbols" '{"A/RES/74/239", "A/74/336", "A/74/6(Sect.22)"} <= {c["symbol"] for c in j["citations"]}'
expect_py "the organ of an unstated resolution is marked inferred" 'any(c["symbol"] == "A/RES/73/291" and c["inferred"] for c in j["citations"])'
expect_py "dates as ISO 8601" '{"2019-05", "2019-12-13"} <= {d["iso"] for d in j["dates"]}'
expect_py "organisations by id, with names and acronyms" 'any(o["id"] == "pnud" and "UNDP" in o["acronyms"] for o in j["organisations"])'
expect_exit 0 "show seed 002 (a joint document)" "$COTE" show --db "$DB" --json "$CORPUS/002_b286289361bc6f94.txt"
expect_py "two own symbols" 'j["symbols"] == ["A/77/277", "S/2022/606"]'
expect_exit 0 "show seed 004 (no header)" "$COTE" show --db "$DB" --json "$CORPUS/004_87e2e505e6f30d7f.txt"
expect_py "a draft resolution of the General Assembly" 'j["type"]["name"] == "projet de résolution" and j["organ"]["id"] == "assemblee-generale" and j["symbols"] == []'
expect_py "a glued footnote is not a year" 'any(d["iso"] == "1967-08-08" for d in j["dates"])'
expect_py "S/RES/1325(2000) cited" 'any(c["symbol"] == "S/RES/1325(2000)" for c in j["citations"])'

# one passage of a document, by its own symbol
expect_exit 0 "show A/75/371#9" "$COTE" show --db "$DB" "A/75/371#9"
expect_grep "paragraph 9 named" "A/75/371, par. 9" "$TMP/out"
expect_grep "its text" "^9\. Les six solutions" "$TMP/out"
expect_exit 0 "show a footnote as JSON" "$COTE" show --db "$DB" --json "A/75/371#note-3"
expect_py "footnote 3" 'j["passage"]["kind"] == "footnote" and j["passage"]["label"] == "3" and j["text"].startswith("Les solutions")'
expect_exit 1 "a paragraph that does not exist" "$COTE" show --db "$DB" "A/75/371#999"
expect_exit 0 "hits name their paragraph" "$COTE" search --db "$DB" --json '"six solutions distinctives"'
expect_py "paragraph 9 of seed 001" 'j["hits"][0]["paragraph"] == 9 and j["hits"][0]["passage"]["kind"] == "paragraph"'

# ranks: search in JSON and check the first hit's file
first() { # DESCRIPTION SEED ARGS...
    local what=$1 seed=$2
    shift 2
    expect_exit 0 "$what" "$COTE" search --db "$DB" --json "$@"
    expect_py "$what: seed $seed first" 'j["hits"][0]["file"].split("/")[-1].startswith("'"$seed"'")'
}
first "own symbol A/77/277" 002 A/77/277
first "own symbol typed in lower case" 002 "a/77/277"
first "job number" 001 20-12800
first "résolution 74/239" 001 "résolution 74/239"
first "bare 74/239" 001 "74/239"
first "A/RES/74/239" 001 "A/RES/74/239"
first "S/RES/1325 (2000)" 004 "S/RES/1325 (2000)"
first "1325 (2000)" 004 "1325 (2000)"
first "15 février 2020" 004 "15 février 2020"
first "a month" 001 "mai 2019"
expect_exit 0 "English acronym of a French body" "$COTE" search --db "$DB" --json UNDP
expect_py "UNDP is read as PNUD" 'any("PNUD" in n or "pnud" in n for n in j["notes"]) and len(j["hits"]) >= 2'
expect_py "the snippets highlight PNUD" 'all("PNUD" in [h["snippet"][a:b] for a, b in h["highlights"]] for h in j["hits"][:2])'
expect_exit 0 "English name" "$COTE" search --db "$DB" --json "Economic and Social Commission for Asia and the Pacific"
expect_py "ESCAP's documents" '{"000", "003"} <= {h["file"].split("/")[-1][:3] for h in j["hits"]}'

# filters and facets
expect_exit 0 "org: filter" "$COTE" search --db "$DB" --json "coopération org:CESAP"
expect_py "only documents naming CESAP" 'j["total"] >= 2 and all(h["file"].split("/")[-1][:3] in ("000", "001", "002", "003", "004") for h in j["hits"])'
expect_exit 0 "date range flags without words" "$COTE" search --db "$DB" --json --from 2022-09-12 --to 2022-09-14
expect_py "a mention overlapping the range" '"000" in [h["file"].split("/")[-1][:3] for h in j["hits"]]'
expect_exit 1 "a range nothing overlaps" "$COTE" search --db "$DB" --json --from 1950-01-01 --to 1950-12-31
expect_exit 0 "type: filter" "$COTE" search --db "$DB" --json "type:\"projet de résolution\""
expect_py "only the draft" '[h["file"].split("/")[-1][:3] for h in j["hits"]] == ["004"]'
expect_exit 0 "facets" "$COTE" search --db "$DB" --json coopération
expect_py "facets by org, year, type and organ" 'set(j["facets"]) == {"org", "year", "type", "organ"} and j["facets"]["type"][0]["count"] >= 1'
expect_exit 0 "a filter not understood is said, not fatal" "$COTE" search --db "$DB" --json "coopération type:bidule"
expect_py "the note says so" 'any("type inconnu" in n for n in j["notes"]) and j["total"] >= 1'

# a gazetteer extended for this corpus, kept by the index
printf 'canonical_id\tfrench_name\tfrench_acronym\tenglish_name\tenglish_acronym\tother_aliases\tkind\n' >"$TMP/orgs.tsv"
printf 'uac\tUniversité agricole de Chine\tUAC\tChina Agricultural University\tCAU\t\tother\n' >>"$TMP/orgs.tsv"
expect_exit 0 "index with --gazetteer" "$COTE" index --db "$DB" --gazetteer "$TMP/orgs.tsv" "$CORPUS"
expect_exit 0 "the English acronym of the added body" "$COTE" search --db "$DB" --json CAU
expect_py "finds seed 001" '[h["file"].split("/")[-1][:3] for h in j["hits"]] == ["001"]'
expect_exit 0 "re-index without --gazetteer" "$COTE" index --db "$DB" "$CORPUS"
expect_exit 0 "org:uac still known" "$COTE" search --db "$DB" --json "org:uac"
expect_py "the index kept the extension" '[h["file"].split("/")[-1][:3] for h in j["hits"]] == ["001"]'
printf 'not a gazetteer line\n' >"$TMP/bad.tsv"
expect_exit 2 "a malformed gazetteer is refused" "$COTE" index --db "$DB" --gazetteer "$TMP/bad.tsv" "$CORPUS"
expect_grep "with its line number" "bad.tsv, line 1" "$TMP/err"

finish
