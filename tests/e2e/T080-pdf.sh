# T080: real UN PDFs (../shared/corpus-external/un-ga-pdfs-en-78-80: General
# Assembly drafts and resolutions, in English but typeset like the French
# ones) index through poppler, quietly, and each is found by its own symbol,
# the one the metadata CSV beside them gives. Skipped (77) when absent.
. "$(dirname "$0")/lib.sh"
SRC=$COTE_SOURCE_DIR/../shared/corpus-external/un-ga-pdfs-en-78-80
CSV=$SRC/metadata_all_1202.csv
[ -f "$CSV" ] && [ -d "$SRC/pdf" ] || { echo "skip: $SRC absent"; exit 77; }
DB=$TMP/db
IN=$TMP/pdf
mkdir -p "$IN"
# ten documents of two pages or more, from each Main Committee and the plenary
FILES="A_80_L.1 A_80_L.15 A_C.1_80_L.2 A_C.2_80_L.1 A_C.3_80_L.2 A_C.4_80_L.2 A_C.5_80_L.2 A_C.6_80_L.1
       A_RES_78_1 A_RES_78_142"
for f in $FILES; do
    [ -f "$SRC/pdf/$f.pdf" ] || { echo "skip: $f.pdf absent"; exit 77; }
    cp "$SRC/pdf/$f.pdf" "$IN/"
done

expect_exit 0 "index ten real PDFs" "$COTE" index --db "$DB" "$IN"
expect_grep "ten indexed" "10 indexed, .*0 skipped, 0 failed" "$TMP/err"
n=$(wc -l <"$TMP/err")
if [ "$n" = 1 ]; then ok "nothing on stderr but the summary (poppler is quiet)"; else fail "poppler is quiet" "$(head -c 600 "$TMP/err")"; fi

for f in $FILES; do
    sym=$(python3 -c 'import csv,sys; print(next(r["symbol"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if r["filename"] == sys.argv[2]))' "$CSV" "$f.pdf")
    expect_exit 0 "cote show $sym" "$COTE" show --db "$DB" --json "$sym"
    expect_py "$sym is $f.pdf, its own symbol" 'j["file"].endswith("/'"$f"'.pdf") and "'"$sym"'" in j["symbols"] and len(j["text"]) > 500'
    expect_exit 0 "search symbol:$sym" "$COTE" search --db "$DB" --json "symbol:$sym"
    expect_py "symbol:$sym finds $f.pdf first" 'j["hits"][0]["file"].endswith("/'"$f"'.pdf")'
done

# the text is searchable, with page furniture kept out of the passages
expect_exit 0 "a phrase of A/80/L.1" "$COTE" search --db "$DB" --json '"Peaceful Settlement of the Question of Palestine"'
expect_py "A/80/L.1 holds it" 'any(h["file"].endswith("/A_80_L.1.pdf") for h in j["hits"])'
expect_exit 0 "show A/80/L.1" "$COTE" show --db "$DB" --json A/80/L.1
expect_py "its job number comes from the footer" 'j["job_number"] == "25-14304"'
expect_py "no page counter left in the text" '"2/2" not in j["text"]'

finish
