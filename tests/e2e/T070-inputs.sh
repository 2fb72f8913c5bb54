# T070: what `cote index` reads. A folder (with a subfolder) of good inputs
# next to bad ones: UTF-8, windows-1252 and UTF-16 text, a PDF; an empty
# file, a binary file, text in an encoding that cannot be told, NUL bytes, a
# 100 MB single line (made here), a truncated, a damaged, an encrypted and a
# text-less PDF (tests/data/pdf). Each bad file gets one line on stderr, the
# good ones are searchable, the run exits 3, `cote stats` lists the failures.
. "$(dirname "$0")/lib.sh"
DB=$TMP/db
IN=$TMP/inputs
PDFS=$COTE_SOURCE_DIR/tests/data/pdf
mkdir -p "$IN/sub"

# good
printf 'Le Programme des Nations Unies pour le développement (PNUD) et la paix.\n' >"$IN/good.txt"
printf 'Le Secr\xe9taire g\xe9n\xe9ral pr\xe9sente \xe0 l\x92Assembl\xe9e g\xe9n\xe9rale son rapport sur la coop\xe9ration triangulaire et les \x9cuvres des \xc9tats Membres.\n' >"$IN/windows-1252.txt"
printf 'La s\xe9curit\xe9 alimentaire mondiale et la r\xe9silience des zones arides.\n' | iconv -f latin1 -t UTF-16 >"$IN/sub/utf-16.TXT"
cp "$PDFS/two-pages.pdf" "$IN/sub/report.pdf"
# bad
: >"$IN/empty.txt"
head -c 4096 /dev/urandom >"$IN/binary.txt"
printf 'abc\0def\n' >"$IN/nul.txt"
printf 'ok \x81\x8d\x8f\x90\x9d\x81\x8d\x8f\x90\x9d\n' >"$IN/unknown-encoding.txt"
head -c 104857600 /dev/zero | tr '\0' 'a' >"$IN/one-line.txt"
cp "$PDFS/truncated.pdf" "$PDFS/damaged.pdf" "$PDFS/encrypted.pdf" "$PDFS/scanned.pdf" "$IN/sub/"
printf 'Paix\n' >"$IN/sub/not-really.pdf"
# skipped
printf 'not a document' >"$IN/image.png"

expect_exit 3 "bad files make the run exit 3" "$COTE" index --db "$DB" "$IN"
cp "$TMP/err" "$TMP/index.err"
expect_grep "summary: 4 indexed, 1 skipped, 10 failed" "4 indexed, .*1 skipped, 10 failed" "$TMP/index.err"
for bad in empty.txt binary.txt nul.txt unknown-encoding.txt one-line.txt sub/truncated.pdf sub/damaged.pdf \
           sub/encrypted.pdf sub/scanned.pdf sub/not-really.pdf; do
    n=$(grep -c -- "^cote: failed $IN/$bad: " "$TMP/index.err")
    if [ "$n" = 1 ]; then ok "one line for $bad"; else fail "one line for $bad" "$n lines: $(cat "$TMP/index.err")"; fi
done
n=$(grep -c '^cote: failed' "$TMP/index.err")
if [ "$n" = 10 ]; then ok "no other failure line"; else fail "no other failure line" "$n lines"; fi
expect_grep "empty file is named" "empty.txt: empty file \[BAD_INPUT\]" "$TMP/index.err"
expect_grep "binary file is named" "binary.txt: NUL byte at offset [0-9]*: binary file?\|binary.txt: not UTF-8" "$TMP/index.err"
expect_grep "NUL byte is named" "nul.txt: NUL byte at offset 3: binary file? \[BAD_INPUT\]" "$TMP/index.err"
expect_grep "unknown encoding names the first bad byte" "unknown-encoding.txt: not UTF-8: invalid byte 0x81 at offset 3" "$TMP/index.err"
expect_grep "the 100 MB line is refused, saying why" "one-line.txt: a line of 104857600 bytes at offset 0: over the 1048576-byte line limit" "$TMP/index.err"
expect_grep "truncated PDF: damaged" "truncated.pdf: damaged" "$TMP/index.err"
expect_grep "damaged PDF: damaged" "sub/damaged.pdf: damaged" "$TMP/index.err"
expect_grep "encrypted PDF" "encrypted.pdf: encrypted PDF: it needs a password to be read \[BAD_INPUT\]" "$TMP/index.err"
expect_grep "scanned PDF" "scanned.pdf: no text in 1 page: a scanned PDF? cote does not OCR \[BAD_INPUT\]" "$TMP/index.err"
expect_grep "text named .pdf" "not-really.pdf: not a PDF" "$TMP/index.err"
rm -f "$IN/one-line.txt"

# the good ones are searchable
expect_exit 0 "UTF-8 text is found" "$COTE" search --db "$DB" --json '"développement (PNUD) et la paix"'
expect_py "good.txt is the hit" 'any(h["file"].endswith("inputs/good.txt") for h in j["hits"])'
expect_exit 0 "windows-1252 text is found, converted" "$COTE" search --db "$DB" --json '"œuvres des États Membres"'
expect_py "windows-1252.txt is the hit" 'j["hits"][0]["file"].endswith("windows-1252.txt") and "œuvres" in j["hits"][0]["snippet"]'
expect_exit 0 "UTF-16 text is found, converted" "$COTE" search --db "$DB" --json '"sécurité alimentaire"'
expect_py "utf-16.TXT is the hit" 'j["hits"][0]["file"].endswith("sub/utf-16.TXT")'
expect_exit 0 "the PDF is found" "$COTE" search --db "$DB" --json '"coopération triangulaire" Sud-Sud'
expect_py "report.pdf is a hit" 'any(h["file"].endswith("sub/report.pdf") for h in j["hits"])'
expect_exit 0 "the PDF's own symbol is read from its running header" "$COTE" show --db "$DB" --json A/75/371
expect_py "show A/75/371 is report.pdf" 'j["file"].endswith("sub/report.pdf") and "A/75/371" in j["symbols"]'

# stats list each failure with its status
expect_exit 0 "stats after the run" "$COTE" stats --db "$DB" --json
expect_py "stats list the ten failed files" \
    'sorted(f["file"].split("/inputs/")[-1] for f in j["failed"]) == sorted(["empty.txt", "binary.txt", "nul.txt", "unknown-encoding.txt", "one-line.txt", "sub/truncated.pdf", "sub/damaged.pdf", "sub/encrypted.pdf", "sub/scanned.pdf", "sub/not-really.pdf"])'
expect_py "the 100 MB line is TOO_LARGE, the rest BAD_INPUT" \
    'all(f["status"] == ("TOO_LARGE" if f["file"].endswith("one-line.txt") else "BAD_INPUT") for f in j["failed"])'
expect_py "documents: the four good files" 'j["documents"] == 4'

# single files are inputs too; a good one alone exits 0, a bad one alone 3
expect_exit 0 "a single PDF" "$COTE" index --db "$TMP/db1" "$PDFS/two-pages.pdf"
expect_grep "one indexed" "1 indexed, .*0 failed" "$TMP/err"
expect_exit 3 "a single encrypted PDF" "$COTE" index --db "$TMP/db1" "$PDFS/encrypted.pdf"
expect_grep "its line" "encrypted.pdf: encrypted PDF" "$TMP/err"

finish
