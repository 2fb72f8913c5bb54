# T100: `cote serve` over loopback HTTP: routes, status codes, 404/405,
# escaping, parameter bounds, the asset allowlist, security headers, the
# access log, and a clean exit (status 0, so LeakSanitizer found nothing)
# on SIGTERM.
#
# Environment from ctest: COTE (the binary), COTE_SOURCE_DIR, COTE_TEST_TMP.
. "$(dirname "$0")/lib.sh"

# --- setup: index the corpus, start the server on a free loopback port ---
DB=$TMP/db
if "$COTE" index --db "$DB" "$COTE_SOURCE_DIR/corpus" >"$TMP/index.out" 2>"$TMP/index.err"; then
    ok "index the corpus"
else
    fail "index the corpus" "$(head -c 400 "$TMP/index.err")"
    exit 1
fi

# Refusals before binding: no index, malformed --listen.
code=0
timeout 60 "$COTE" serve --db "$TMP/no-such-index" --listen 127.0.0.1:1 >"$TMP/body" 2>"$TMP/noindex.err" || code=$?
check "serve without an index fails" [ "$code" -ne 0 ]
check "... and says to run cote index" grep -q "cote index" "$TMP/noindex.err"
for bad in "127.0.0.1" "127.0.0.1:" "127.0.0.1:99999" "::1:8080" "[::1]8080" "127.0.0.1:80x"; do
    code=0
    timeout 60 "$COTE" serve --db "$DB" --listen "$bad" >"$TMP/body" 2>"$TMP/listen.err" || code=$?
    check "--listen '$bad' is refused with status 2" [ "$code" -eq 2 ]
done

PORT=$(free_port)
BASE=http://127.0.0.1:$PORT
"$COTE" serve --db "$DB" --listen "127.0.0.1:$PORT" --threads 4 --access-log "$TMP/access.log" \
    >"$TMP/serve.out" 2>"$TMP/serve.err" &
server_pid=$!

up=no
for _ in $(seq 1 100); do
    if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
    fetch /healthz
    if [ "$code" = 200 ]; then up=yes; break; fi
    sleep 0.2
done
if [ "$up" = yes ]; then
    ok "server answers /healthz"
else
    fail "server answers /healthz within 20 s" "$(head -c 600 "$TMP/serve.err")"
    exit 1
fi
check "/healthz is JSON status ok" json_ok 'j["status"] == "ok"'
check "stderr names the address" grep -q "cote: serving http://127.0.0.1:$PORT/ (index $DB)" "$TMP/serve.err"

# --- the search page ---
fetch /
check "GET / is 200" [ "$code" = 200 ]
check "GET / is text/html; charset=utf-8" header Content-Type "text/html; charset=utf-8"
check "GET / has the form" body_has '<form class="search" method="get" action="/"'
check "GET / has the labelled input" body_has '<label for="q">'
check "GET / input is named q" body_has 'name="q"'
check "GET / is in French" body_has '<html lang="fr">'
check "GET / has a viewport meta" body_has 'name="viewport"'
for h in "Content-Security-Policy: default-src 'none'; style-src 'self'" \
    "X-Content-Type-Options: nosniff" "Referrer-Policy: no-referrer" \
    "X-Frame-Options: SAMEORIGIN" "Cache-Control: no-store"; do
    check "GET / sends $h" grep -qiF "$h" "$TMP/headers"
done

fetch '/?q=coop%C3%A9ration'
check "/?q=coopération is 200" [ "$code" = 200 ]
check "... lists results" body_has '<li class="hit">'
check "... with a count line" body_has ' résultats'
check "... keeps the query in the box" body_has 'value="coopération"'
check "... links each title to /doc/" body_has '<a href="/doc/'

fetch '/?q=coop%C3%A9ration&limit=2'
check "limit=2 shows a next link" body_has 'rel="next" href="/?q=coop%C3%A9ration&amp;offset=2&amp;limit=2"'
fetch '/?q=coop%C3%A9ration&limit=2&offset=2'
check "offset=2 shows a previous link" body_has 'rel="prev" href="/?q=coop%C3%A9ration&amp;limit=2"'

fetch '/?q=zzzxqwvunknownword'
check "no hits is 200" [ "$code" = 200 ]
check "... and says Aucun résultat" body_has 'Aucun résultat'

fetch '/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E'
check "a query with markup is answered" [ "$code" = 200 ]
check "... the raw tag never appears" body_lacks '<script>alert(1)</script>'
check "... it is shown escaped" body_has 'value="&lt;script&gt;alert(1)&lt;/script&gt;"'
fetch '/?q=%22l%27eau%22'
check "quotes in the query are escaped in the value" body_has 'value="&quot;l&#39;eau&quot;"'

fetch / -I
check "HEAD / is 200" [ "$code" = 200 ]
check "... with no body" body_lacks '<html'

# --- results page: facets, filters, passages, notes ---
count_of() { grep -oF -- "$1" "$TMP/body" | wc -l; }
Q='coop%C3%A9ration%20Sud-Sud'
fetch "/?q=$Q"
check "results have a facet sidebar" body_has '<aside class="facets" id="filtres"'
check "... an organisation value refines the search (keeps q)" body_has "href=\"/?q=$Q&amp;org=pnud\""
check "... a year sets from and to" grep -qE "href=\"/\?q=$Q&amp;from=20[0-9]{2}&amp;to=20[0-9]{2}\"" "$TMP/body"
check "... a type value" body_has "href=\"/?q=$Q&amp;type=rapport\""
check "... an organ value" body_has "href=\"/?q=$Q&amp;organ=assemblee-generale\""
check "... facet labels are escaped" body_has "pour l&#39;Asie et le Pacifique"
check "... and never raw" body_lacks "pour l'Asie et le Pacifique"
# (document ids hash the indexed path, so they differ from clone to clone)
check "hits name their passage and link to it" grep -qE "<a href=\"/doc/[0-9a-f]{16}\\?q=$Q#(par|note|block)-[0-9]+\">(par\\. |note )[0-9]+</a>" "$TMP/body"
check "... with the page and the other passages" grep -qE 'class="page">p\. [0-9]+</span><span class="others"><a href="/\?q=[^"]*&amp;in=[0-9a-f]{16}[^"]*">\+[0-9]+ autres passages</a>' "$TMP/body"
check "... and undocs.org for each symbol" body_has 'href="https://undocs.org/fr/A/77/277"'
check "the form has the period inputs" body_has '<input type="text" id="from" name="from"'

fetch "/?q=$Q&org=asean"
check "org=asean is 200" [ "$code" = 200 ]
check "... applies the filter (4 hits)" body_has '4 résultats'
check "... shows it as an active filter" body_has 'Association des nations de l&#39;Asie du Sud-Est <span aria-hidden="true">×</span>'
check "... with a link that removes it" body_has "<a class=\"chip\" href=\"/?q=$Q\">"
check "... marks the facet value as current" body_has "href=\"/?q=$Q\" class=\"on\" aria-current=\"true\""
check "... keeps it in the form" body_has '<input type="hidden" name="org" value="asean">'

fetch "/?q=$Q&org=%3Cb%3E%22x&type=%27t&from=2020&to=2020"
check "filter values with markup are answered" [ "$code" = 200 ]
check "... never raw" body_lacks '<b>"x'
check "... escaped in the hidden field" body_has '<input type="hidden" name="org" value="&lt;b&gt;&quot;x">'
check "... encoded in links" body_has '&amp;org=%3Cb%3E%22x'
check "... escaped in the chip" body_has ':</span> &lt;b&gt;&quot;x <span'
check "... a one-year period is one chip" body_has '<span class="what">Année :</span> 2020'
check "... removing it keeps the others" body_has "href=\"/?q=$Q&amp;org=%3Cb%3E%22x&amp;type=%27t\""
check "... no results, and a way out" body_has "<a href=\"/?q=$Q\">Chercher sans les filtres</a>"

fetch '/?q=&from=2022-09-12&to=2022-09-14'
check "filters alone search (page)" body_has '<li class="hit">'
check "... the period stays in the form" body_has 'name="from" inputmode="numeric" pattern="[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?" placeholder="AAAA-MM-JJ" aria-describedby="aide-dates" value="2022-09-12"'
fetch '/?q=PNUD'
check "the query's reading is shown" body_has '<section class="notes"'
check "... organisation recognised" body_has 'organisation reconnue'

# --- document view ---
fetch '/doc/A/75/371'
check "/doc/A/75/371 is 200" [ "$code" = 200 ]
check "... paragraph 9 has id=\"par-9\"" body_has '<p class="par" id="par-9">9. '
check "... once" [ "$(count_of 'id="par-9"')" = 1 ]
check "... footnotes have id=\"note-N\"" body_has '<p class="note" id="note-37">'
check "... every block has id=\"block-N\"" body_has '<div class="blk" id="block-0">'
check "... headings are headings" grep -qE '<div class="blk" id="block-[0-9]+"><h2>I\. Introduction</h2>' "$TMP/body"
check "... organisations link to a search" body_has '<a class="ent ent-org" href="/?q=org%3Apnud"'
check "... citations link to a search" body_has '<a class="ent ent-symbol" href="/?q=A%2FRES%2F74%2F239"'
check "... dates link to a period" body_has '<a class="ent ent-date" href="/?q=&amp;from=2019-05&amp;to=2019-05"'
check "... its symbol links to undocs.org" body_has 'href="https://undocs.org/fr/A/75/371" hreflang="fr">A/75/371</a>'
check "... type, organ and date are told with how" body_has '<dt>Organe</dt>'
check "... no mark without q" body_lacks '<mark>'
fetch "/doc/A/75/371?q=$Q"
check "/doc/…?q= marks the query's words" body_has '<mark>coopération</mark> <mark>Sud</mark>-<mark>Sud</mark>'
check "... and links back to the results" body_has "<a href=\"/?q=$Q\">← Retour aux résultats</a>"
fetch '/doc/A/75/371?q=%3Cscript%3E%22'
check "/doc/…?q= with markup is escaped" body_lacks '<script>'
check "... in the search box" body_has 'value="&lt;script&gt;&quot;"'
fetch '/doc/A/75/371?q=%ff'
check "/doc/…?q= not UTF-8 is ignored" [ "$code" = 200 ]
fetch /static/favicon.svg
check "/static/favicon.svg is 200 image/svg+xml" sh -c '[ "$1" = 200 ] && grep -qi "^Content-Type: image/svg+xml" "$2"' sh "$code" "$TMP/headers"

# --- the JSON API ---
fetch '/api/v1/search?q=coop%C3%A9ration'
check "/api/v1/search is 200" [ "$code" = 200 ]
check "... application/json; charset=utf-8" header Content-Type "application/json; charset=utf-8"
check "... has the top-level keys" json_ok 'all(k in j for k in ("query","total","offset","limit","hits","facets"))'
check "... finds hits" json_ok 'j["total"] >= 1 and len(j["hits"]) >= 1 and j["query"] == "coopération"'
check "... each hit has the stable fields" \
    json_ok 'all(set(["rank","file","doc","symbols","title","paragraph","score","snippet"]) <= set(h) for h in j["hits"])'
check "... sends the security headers" header X-Content-Type-Options nosniff
doc=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["hits"][0]["doc"])' "$TMP/body" 2>/dev/null || echo none)

fetch '/api/v1/search?q=coop%C3%A9ration&limit=1&offset=1'
check "limit and offset are passed on" json_ok 'j["limit"] == 1 and j["offset"] == 1 and len(j["hits"]) <= 1'

enc_doc=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$doc")
fetch "/api/v1/document/$enc_doc"
check "/api/v1/document/<doc> is 200" [ "$code" = 200 ]
check "... is that document, with its text" json_ok 'j["doc"] == "'"$doc"'" and len(j["text"]) > 0'

fetch /api/v1/document/no-such-document
check "unknown document is 404" [ "$code" = 404 ]
check "... with a JSON error" json_ok 'j["error"]["status"] == "NOT_FOUND" and j["error"]["message"]'

fetch "/doc/$enc_doc"
check "/doc/<doc> is 200 HTML" [ "$code" = 200 ]
check "... shows the text as blocks" body_has '<div class="doc-text">'
fetch /doc/no-such-document
check "/doc/ of an unknown document is 404" [ "$code" = 404 ]

# --- unknown paths and methods ---
fetch /no-such-page
check "unknown path is 404" [ "$code" = 404 ]
check "... still with security headers" header X-Frame-Options SAMEORIGIN
fetch /api/v1/nothing
check "unknown API path is 404 JSON" json_ok 'j["error"]["status"] == "NOT_FOUND"'
fetch / -X POST -d 'q=x'
check "POST / is 405" [ "$code" = 405 ]
check "... with Allow: GET, HEAD" header Allow "GET, HEAD"
fetch /api/v1/search -X DELETE
check "DELETE /api/v1/search is 405" [ "$code" = 405 ]

# --- static assets: the compiled-in table only ---
fetch /static/style.css
check "/static/style.css is 200" [ "$code" = 200 ]
check "... text/css" header Content-Type "text/css"
check "... with nosniff" header X-Content-Type-Options nosniff
for p in /static/../../etc/passwd /static/%2e%2e%2fCMakeLists.txt /static/%2e%2e/%2e%2e/CMakeLists.txt \
    /static/..%2f..%2fetc%2fpasswd /static//etc/passwd /static/ /static/style.css/ /static/STYLE.CSS; do
    fetch "$p"
    check "$p is 404" [ "$code" = 404 ]
    check "... and serves no file" sh -c '! grep -qE "root:|cmake_minimum_required" "$1"' sh "$TMP/body"
done

# --- parameter bounds ---
fetch '/api/v1/search?q=%ff%fe'
check "invalid UTF-8 in q is 400 (API)" [ "$code" = 400 ]
check "... BAD_INPUT" json_ok 'j["error"]["status"] == "BAD_INPUT"'
fetch '/?q=%ff%fe'
check "invalid UTF-8 in q is 400 (page)" [ "$code" = 400 ]
check "... an HTML page" header Content-Type "text/html"
fetch '/api/v1/search?q=a%00b'
check "NUL in q is 400" [ "$code" = 400 ]
fetch '/static/style.css%00.png'
check "NUL in the path is 400" [ "$code" = 400 ]
long=$(head -c 3000 /dev/zero | tr '\0' a)
fetch "/api/v1/search?q=$long"
check "q over 2048 bytes is 400 or 413" sh -c '[ "$1" = 400 ] || [ "$1" = 413 ]' sh "$code"
fetch "/?q=$long"
check "... also on the page" sh -c '[ "$1" = 400 ] || [ "$1" = 413 ]' sh "$code"
fetch '/api/v1/search?q=a&limit=100000'
check "limit=100000 is 400" [ "$code" = 400 ]
fetch '/api/v1/search?q=a&limit=0'
check "limit=0 is 400" [ "$code" = 400 ]
fetch '/api/v1/search?q=a&limit=ten'
check "limit=ten is 400" [ "$code" = 400 ]
fetch '/api/v1/search?q=a&offset=-1'
check "offset=-1 is 400" [ "$code" = 400 ]
fetch '/api/v1/search?q=a&offset=10001'
check "offset=10001 is 400" [ "$code" = 400 ]
fetch '/api/v1/search'
check "API search without q is 400" [ "$code" = 400 ]
fetch '/api/v1/search?from=2022-09-12&to=2022-09-14'
check "API search with filters only is 200" [ "$code" = 200 ]
check "filters only: seed 000 mentions a date in the range" grep -q '000_762af29753e22db9' "$TMP/body"
fetch "/api/v1/search?q=a&org=$(head -c 300 /dev/zero | tr '\0' o)"
check "a 300-byte filter is 400" [ "$code" = 400 ]
fetch "/api/v1/search?q=a&pad=$(head -c 9000 /dev/zero | tr '\0' b)"
check "a 9 KB target is 414" [ "$code" = 414 ]
fetch "/api/v1/document/$(head -c 600 /dev/zero | tr '\0' c)"
check "an overlong document reference is 400" [ "$code" = 400 ]

# --- concurrency: the searcher pool under parallel requests ---
pids=()
for i in $(seq 1 24); do
    curl -s --max-time 60 -o /dev/null -w '%{http_code}\n' "$BASE/api/v1/search?q=coop%C3%A9ration&offset=$((i % 4))" \
        >"$TMP/par.$i" &
    pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || true; done
check "24 parallel searches all return 200" sh -c '[ "$(cat "$1"/par.* | grep -c "^200$")" = 24 ]' sh "$TMP"

# --- still alive after all that, access log written ---
fetch /healthz
check "server still answers /healthz" [ "$code" = 200 ]
check "access log has a line per request" grep -qE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z 127\.0\.0\.1 "GET /healthz" 200 [0-9.]+ms$' "$TMP/access.log"
# --- beyond the first page: suggest, similar, in ---
fetch "/api/v1/suggest?q=cooperatoin"
check "/api/v1/suggest answers 200" [ "$code" = 200 ]
check "... with the index's spelling" json_ok 'j["query"] == "cooperatoin" and j["suggestion"] == "coopération"'
fetch "/api/v1/suggest?q=coop%C3%A9ration"
check "... null for a known word" json_ok 'j["suggestion"] is None'
fetch "/api/v1/suggest"
check "... 400 without q" [ "$code" = 400 ]
fetch "/api/v1/suggest?q=%FF"
check "... 400 for invalid UTF-8" [ "$code" = 400 ]
fetch "/api/v1/search?q=cooperatoin"
check "search with one typo in a long word finds" json_ok 'j["corrected"] and j["total"] > 0 and j["suggestion"] == "coopération"'
fetch "/api/v1/similar/A%2F75%2F371?limit=3"
check "/api/v1/similar/A/75/371 answers 200" [ "$code" = 200 ]
check "... with other documents" json_ok 'j["hits"] and all("A/75/371" not in h["symbols"] for h in j["hits"]) and len(j["hits"]) <= 3'
fetch "/api/v1/similar/A%2F75%2F371%239"
check "/api/v1/similar of a paragraph answers 200" [ "$code" = 200 ]
fetch "/api/v1/similar/A%2F99%2F999"
check "/api/v1/similar of an unknown document: 404" [ "$code" = 404 ]
fetch "/api/v1/search?q=PNUD&in=A%2F75%2F371&limit=100"
check "search in=A/75/371 lists that document's passages" json_ok 'len(j["hits"]) > 1 and all("A/75/371" in h["symbols"] for h in j["hits"])'
fetch "/?q=PNUD"
check "the page links a hit's other passages (in=)" body_has "&amp;in="
fetch "/?q=PNUD"
check "a hit shows its document's date, type and organ" grep -qE '<span class="date"><time datetime="20(20|22)">20(20|22)</time></span><span class="type">rapport</span><span class="organ">Assembl' "$TMP/body"
fetch "/?q=cooperatoin"
check "the page says what it searched instead" body_has "coopération"

check "access log records the 405" grep -qF '"POST /" 405' "$TMP/access.log"

# --- graceful stop ---
stop_gracefully
finish
