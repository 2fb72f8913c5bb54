# T110: `cote serve` for intranets and under stress: --base-path (with and
# without the prefix in requests), the --cors-origin allow-list (simple
# requests and preflights), embed mode and its frame-ancestors, the
# OpenSearch description, /api/v1/facets, /api/v1/complete, the English
# interface (?lang=en, Accept-Language), the widget assets, malformed and
# oversized requests, the connection limit, the idle timeout, a newer index
# commit seen without a restart, and a graceful SIGTERM that lets a request
# in flight finish.
#
# Environment from ctest: COTE (the binary), COTE_SOURCE_DIR, COTE_TEST_TMP.
. "$(dirname "$0")/lib.sh"

# --- setup: index all but one seed; the last one comes later (reopen test) ---
mkdir -p "$TMP/corpus"
LATE=004_87e2e505e6f30d7f.txt
for f in "$COTE_SOURCE_DIR"/corpus/*.txt; do
    [ "$(basename "$f")" = "$LATE" ] || cp "$f" "$TMP/corpus/"
done
DB=$TMP/db
if "$COTE" index --db "$DB" "$TMP/corpus" >"$TMP/index.out" 2>"$TMP/index.err"; then
    ok "index four seeds"
else
    fail "index four seeds" "$(head -c 400 "$TMP/index.err")"
    exit 1
fi

# --- options refused before binding ---
for bad in "cote" "/a/../b" "/a//b" "/a b" "/%2e"; do
    code=0
    timeout 60 "$COTE" serve --db "$DB" --listen 127.0.0.1:1 --base-path "$bad" >/dev/null 2>"$TMP/opt.err" || code=$?
    check "--base-path '$bad' is refused with status 2" [ "$code" -eq 2 ]
done
for bad in "*" "http://intranet.example/" "ftp://intranet.example" "intranet.example" "http://a b" \
    "http://intranet.example:80x" "null"; do
    code=0
    timeout 60 "$COTE" serve --db "$DB" --listen 127.0.0.1:1 --cors-origin "$bad" >/dev/null 2>"$TMP/opt.err" || code=$?
    check "--cors-origin '$bad' is refused with status 2" [ "$code" -eq 2 ]
done
check "... saying what an origin is" grep -q "scheme://host\[:port\]" "$TMP/opt.err"
for bad in "--max-connections 0" "--timeout 0" "--timeout x"; do
    code=0
    # shellcheck disable=SC2086
    timeout 60 "$COTE" serve --db "$DB" --listen 127.0.0.1:1 $bad >/dev/null 2>&1 || code=$?
    check "$bad is refused with status 2" [ "$code" -eq 2 ]
done

PORT=$(free_port)
BASE=http://127.0.0.1:$PORT
ORIGIN=http://intranet.example
ORIGIN2=https://other.example:8443
start_server() {
    "$COTE" serve --db "$DB" --listen "127.0.0.1:$PORT" --threads 2 --base-path /cote/ \
        --cors-origin "$ORIGIN" --cors-origin "$ORIGIN2" --max-connections 6 --timeout 2 \
        --access-log "$TMP/access.log" >"$TMP/serve.out" 2>"$TMP/serve.err" &
    server_pid=$!
}
start_server

if wait_up; then ok "server answers /healthz"; else
    fail "server answers /healthz within 20 s" "$(head -c 600 "$TMP/serve.err")"
    exit 1
fi
check "stderr names the address with the base path" grep -q "cote: serving http://127.0.0.1:$PORT/cote/ (index $DB)" "$TMP/serve.err"

# --- base path: links printed with it, requests taken with or without it ---
for prefix in /cote ""; do
    fetch "$prefix/"
    check "GET '$prefix/' is 200" [ "$code" = 200 ]
    check "... form action under /cote/" body_has '<form class="search" method="get" action="/cote/"'
    check "... style sheet under /cote/" body_has 'href="/cote/static/style.css"'
    check "... script under /cote/" body_has '<script src="/cote/static/app.js" defer></script>'
    check "... OpenSearch link under /cote/" body_has '<link rel="search" type="application/opensearchdescription+xml" title="cote" href="/cote/opensearch.xml">'
    check "... completion API under /cote/" body_has 'data-complete="/cote/api/v1/complete"'
    check "... no link outside /cote/" sh -c '! grep -oE "(href|src|action)=\"/[^\"]*\"" "$1" | grep -v "=\"/cote/"' sh "$TMP/body"
done
fetch /cote
check "GET /cote (no final /) is the search page" body_has 'action="/cote/"'
Q='coop%C3%A9ration%20Sud-Sud'
fetch "/cote/?q=$Q"
check "results link documents under /cote/" grep -qE 'href="/cote/doc/[0-9a-f]{16}\?q=' "$TMP/body"
check "... facets under /cote/" body_has "href=\"/cote/?q=$Q&amp;org="
check "... the sort link under /cote/" body_has "href=\"/cote/?q=$Q&amp;sort=date\""
check "... no link outside /cote/" sh -c '! grep -oE "(href|src|action)=\"/[^\"]*\"" "$1" | grep -v "=\"/cote/"' sh "$TMP/body"
fetch "/cote/?q=$Q&sort=date&limit=2"
check "sort=date is kept by the pager" body_has "&amp;offset=2&amp;limit=2&amp;sort=date"
check "... and by the form" body_has '<input type="hidden" name="sort" value="date">'
fetch '/cote/doc/A/75/371'
check "/cote/doc/A/75/371 is 200" [ "$code" = 200 ]
check "... entities link to searches under /cote/" body_has '<a class="ent ent-org" href="/cote/?q=org%3Apnud"'
check "... citations too" body_has '<a class="ent ent-symbol" href="/cote/?q=A%2FRES%2F74%2F239"'
check "... dates too" body_has '<a class="ent ent-date" href="/cote/?q=&amp;from=2019-05&amp;to=2019-05"'
check "... its JSON under /cote/" grep -qE 'href="/cote/api/v1/document/[0-9a-f]{16}">JSON' "$TMP/body"
fetch '/cote/no-such-page'
check "an unknown page under /cote/ is 404" [ "$code" = 404 ]
check "... its links under /cote/" body_has 'href="/cote/"'
fetch '/cotex/'
check "/cotex/ is not the base path (404)" [ "$code" = 404 ]
fetch '/cote/static/style.css'
check "/cote/static/style.css is 200" [ "$code" = 200 ]
for a in widget.js:text/javascript app.js:text/javascript widget.css:text/css; do
    fetch "/cote/static/${a%%:*}"
    check "/cote/static/${a%%:*} is 200 ${a#*:}" sh -c '[ "$1" = 200 ] && grep -qi "^Content-Type: $2" "$3"' sh "$code" "${a#*:}" "$TMP/headers"
done

# --- OpenSearch ---
fetch /cote/opensearch.xml
check "/opensearch.xml is 200" [ "$code" = 200 ]
check "... application/opensearchdescription+xml" header Content-Type "application/opensearchdescription+xml"
check "... is XML" python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$TMP/body"
check "... HTML template under the base path" body_has "template=\"http://127.0.0.1:$PORT/cote/?q={searchTerms}\""
check "... JSON and suggestion templates" body_has "/cote/api/v1/complete?format=opensearch&amp;q={searchTerms}"
fetch /cote/opensearch.xml -H 'X-Forwarded-Proto: https' -H 'X-Forwarded-Host: search.intranet.example'
check "... behind a proxy: its scheme and host" body_has 'template="https://search.intranet.example/cote/?q={searchTerms}"'
fetch /cote/opensearch.xml -H 'X-Forwarded-Host: a"><script>x</script>'
check "... a host with markup is not printed" body_lacks '<script>'
check "... (localhost instead)" body_has 'template="http://localhost/cote/?q='

# --- CORS ---
fetch '/cote/api/v1/search?q=PNUD' -H "Origin: $ORIGIN"
check "allowed Origin: Access-Control-Allow-Origin is that origin" header Access-Control-Allow-Origin "$ORIGIN"
check "... with Vary: Origin" header Vary Origin
fetch '/api/v1/search?q=PNUD' -H "Origin: $ORIGIN2"
check "the second allowed origin too (without the prefix)" header Access-Control-Allow-Origin "$ORIGIN2"
for o in http://intranet.example.evil https://intranet.example http://evil.example null; do
    fetch '/cote/api/v1/search?q=PNUD' -H "Origin: $o"
    check "Origin $o: 200 without Access-Control-Allow-Origin" sh -c '[ "$1" = 200 ] && ! grep -qi "^Access-Control-Allow-Origin" "$2"' sh "$code" "$TMP/headers"
done
fetch '/cote/api/v1/search?q=PNUD'
check "no Origin: no Access-Control-Allow-Origin, still Vary: Origin" sh -c '! grep -qi "^Access-Control-Allow-Origin" "$1" && grep -qi "^Vary: Origin" "$1"' sh "$TMP/headers"
fetch '/cote/?q=PNUD' -H "Origin: $ORIGIN"
check "pages never carry Access-Control-Allow-Origin" no_header Access-Control-Allow-Origin
fetch '/cote/api/v1/search' -X OPTIONS -H "Origin: $ORIGIN" -H 'Access-Control-Request-Method: GET' \
    -H 'Access-Control-Request-Headers: x-requested-with'
check "preflight from an allowed origin is 204" [ "$code" = 204 ]
check "... Access-Control-Allow-Origin" header Access-Control-Allow-Origin "$ORIGIN"
check "... Access-Control-Allow-Methods" header Access-Control-Allow-Methods "GET, HEAD, OPTIONS"
check "... Access-Control-Allow-Headers" header Access-Control-Allow-Headers ".*X-Requested-With"
check "... Access-Control-Max-Age" header Access-Control-Max-Age 600
fetch '/cote/api/v1/search' -X OPTIONS -H 'Origin: http://evil.example' -H 'Access-Control-Request-Method: GET'
check "preflight from another origin is 403" [ "$code" = 403 ]
check "... a JSON error without CORS headers" sh -c 'grep -q "\"error\"" "$1" && ! grep -qi "^Access-Control" "$2"' sh "$TMP/body" "$TMP/headers"
fetch '/cote/' -X OPTIONS
check "OPTIONS on a page is 204 with Allow" sh -c '[ "$1" = 204 ] && grep -qi "^Allow: GET, HEAD, OPTIONS" "$2"' sh "$code" "$TMP/headers"
fetch '/cote/nothing' -X OPTIONS
check "OPTIONS on an unknown path is 404" [ "$code" = 404 ]
fetch '/cote/' -X POST -d q=x
check "POST / is 405, Allow names OPTIONS" sh -c '[ "$1" = 405 ] && grep -qi "^Allow: GET, HEAD, OPTIONS" "$2"' sh "$code" "$TMP/headers"

# --- embed mode ---
fetch "/cote/?embed=1&q=$Q"
check "embed page is 200" [ "$code" = 200 ]
check "... a bare page" sh -c 'grep -qF "<body class=\"embed\"" "$1" && ! grep -qF "class=\"brand\"" "$1" && ! grep -qF "<footer" "$1"' sh "$TMP/body"
check "... keeps embed=1 in its form" body_has '<input type="hidden" name="embed" value="1">'
check "... and in its links" body_has "&amp;embed=1\""
check "... opens documents outside the frame" grep -qE 'href="/cote/doc/[^"]*" target="_blank" rel="noopener"' "$TMP/body"
check "... framable by the allowed origins" header Content-Security-Policy ".*frame-ancestors 'self' $ORIGIN $ORIGIN2;"
check "... without X-Frame-Options (it cannot name them)" no_header X-Frame-Options
fetch "/cote/?q=$Q"
check "a normal page: frame-ancestors 'self' only" header Content-Security-Policy ".*frame-ancestors 'self';"
check "... and X-Frame-Options SAMEORIGIN" header X-Frame-Options SAMEORIGIN
for h in "X-Content-Type-Options: nosniff" "Referrer-Policy: no-referrer" "Vary: Accept-Language" \
    "Content-Security-Policy: default-src 'none'"; do
    check "pages send $h" grep -qiF "$h" "$TMP/headers"
done

# --- /api/v1/facets ---
fetch '/cote/api/v1/facets?q=PNUD'
check "/api/v1/facets is 200" [ "$code" = 200 ]
check "... holds query, total, facets, notes and nothing else" json_ok 'sorted(j) == ["facets", "notes", "query", "total"]'
check "... the four facets, with counts" json_ok 'set(j["facets"]) == {"org","year","type","organ"} and all(v["count"] >= 1 for f in j["facets"].values() for v in f)'
cp "$TMP/body" "$TMP/facets.json"
fetch '/cote/api/v1/search?q=PNUD&limit=3&offset=1'
check "... the same facets and total as the search" python3 -c '
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
sys.exit(0 if a["facets"] == b["facets"] and a["total"] == b["total"] else 1)' "$TMP/facets.json" "$TMP/body"
fetch '/cote/api/v1/facets?q=PNUD&org=pnud&type=rapport'
check "... filters apply" json_ok 'all(v["value"] == "rapport" for v in j["facets"]["type"])'
fetch '/cote/api/v1/facets'
check "... without q or filter is 400" [ "$code" = 400 ]
fetch '/cote/api/v1/facets?q=%ff'
check "... invalid UTF-8 is 400 BAD_INPUT" json_ok 'j["error"]["status"] == "BAD_INPUT"'

# --- /api/v1/complete ---
fetch '/cote/api/v1/complete?q=pn'
check "complete q=pn is 200" [ "$code" = 200 ]
check "... offers PNUD first, an organisation with its French name" \
    json_ok 'j["suggestions"][0]["text"] == "PNUD" and j["suggestions"][0]["kind"] == "org" and "développement" in j["suggestions"][0]["label"]'
fetch '/cote/api/v1/complete?q=pn&lang=en'
check "... with lang=en the English name" json_ok 'j["suggestions"][0]["label"] == "United Nations Development Programme"'
fetch '/cote/api/v1/complete?q=undp'
check "... English acronyms too" json_ok 'j["suggestions"][0]["text"] == "UNDP"'
fetch '/cote/api/v1/complete?q=a/75'
check "complete q=a/75 offers symbols" json_ok 'any(s["text"] == "A/75/371" and s["kind"] == "symbol" for s in j["suggestions"])'
fetch '/cote/api/v1/complete?q=Coop'
check "complete q=Coop offers coopération (a word, accented)" json_ok 'j["suggestions"][0]["text"] == "coopération" and j["suggestions"][0]["kind"] == "term"'
check "... never a file name" json_ok 'all("." not in s["text"] for s in j["suggestions"])'
fetch '/cote/api/v1/complete?q=coop%C3%A9'
check "... a prefix typed with its accent finds it too" json_ok 'j["suggestions"][0]["text"] == "coopération"'
fetch '/cote/api/v1/complete?q=coop&limit=2'
check "... limit=2 gives at most 2" json_ok 'len(j["suggestions"]) <= 2'
fetch '/cote/api/v1/complete?q=c'
check "... one letter gives none" json_ok 'j["suggestions"] == []'
fetch '/cote/api/v1/complete?q=pn&format=opensearch'
check "... format=opensearch is [q, [texts], [labels]]" json_ok 'j[0] == "pn" and j[1][0] == "PNUD" and len(j[2]) == len(j[1])'
for bad in "" "?q=%ff" "?q=$(head -c 65 /dev/zero | tr '\0' a)" "?q=pn&limit=0" "?q=pn&limit=21" "?q=pn&limit=x" "?q=pn&format=xml"; do
    fetch "/cote/api/v1/complete$bad"
    check "complete '${bad:0:30}' is 400 JSON" sh -c '[ "$1" = 400 ] && grep -q "\"error\"" "$2"' sh "$code" "$TMP/body"
done

# --- English ---
fetch "/cote/?q=$Q&lang=en"
check "?lang=en: <html lang=\"en\">" body_has '<html lang="en">'
check "... English labels" body_has '<label for="q">Search</label>'
check "... English counts" grep -qE '[0-9]+ results — 1 to [0-9]+' "$TMP/body"
check "... facet titles" body_has '<h3>Organizations</h3>'
check "... links keep lang=en" body_has "&amp;lang=en\""
check "... the form keeps it" body_has '<input type="hidden" name="lang" value="en">'
check "... a switch back to French, keeping the query" body_has "<a lang=\"fr\" hreflang=\"fr\" href=\"/cote/?q=coop%C3%A9ration%20Sud-Sud&amp;lang=fr\">Français</a>"
check "... no French interface string left" sh -c '! grep -qE "Rechercher|Affiner|résultats|Période|Aller au contenu" "$1"' sh "$TMP/body"
fetch "/cote/?q=$Q"
check "French by default, with a switch to English" body_has "<a lang=\"en\" hreflang=\"en\" href=\"/cote/?q=coop%C3%A9ration%20Sud-Sud&amp;lang=en\">English</a>"
fetch "/cote/?q=$Q" -H 'Accept-Language: en-GB,en;q=0.9'
check "Accept-Language en-GB: English" body_has '<html lang="en">'
check "... without pinning lang in links" body_lacks 'lang=en&'
fetch / -H 'Accept-Language: fr-CH, en;q=0.5'
check "Accept-Language fr-CH, en;q=0.5: French" body_has '<html lang="fr">'
fetch / -H 'Accept-Language: de, en;q=0.3'
check "Accept-Language de, en;q=0.3: English" body_has '<html lang="en">'
fetch /?lang=fr -H 'Accept-Language: en'
check "?lang=fr wins over Accept-Language" body_has '<html lang="fr">'
fetch '/cote/?q=coopration'
check "a misspelt query: the suggestion links to its search" body_has '<p class="suggestion">Résultats pour <a href="/cote/?q=coop%C3%A9ration"><strong>coopération</strong></a>'
fetch '/cote/?q=coopration&lang=en'
check "... in English too" body_has '<p class="suggestion">Results for <a href="/cote/?q=coop%C3%A9ration&amp;lang=en">'
fetch '/cote/?q=zzzyxwvqq&lang=en'
check "English no-results page" body_has '<h1>No results</h1>'
fetch '/cote/nothing?lang=en'
check "English 404 page" sh -c '[ "$1" = 404 ] && grep -qF "<h1>Page not found</h1>" "$2"' sh "$code" "$TMP/body"
fetch '/cote/doc/A/75/371?lang=en'
check "English document view" sh -c 'grep -qF "<dt>Organ</dt>" "$1" && grep -qF "&amp;lang=en\" title=\"Search for the organization" "$1"' sh "$TMP/body"
fetch '/cote/?lang=de'
check "?lang=de is ignored (French)" sh -c '[ "$1" = 200 ] && grep -qF "<html lang=\"fr\">" "$2"' sh "$code" "$TMP/body"

# --- malformed, oversized, hostile requests: 4xx, and the server stays up ---
fetch '/cote/doc/%ff'
check "invalid UTF-8 in a document reference is 400" [ "$code" = 400 ]
fetch '/cote/?q=a&org=%ff'
check "invalid UTF-8 in a filter is 400" [ "$code" = 400 ]
fetch '/cote/?q=a&sort=sideways'
check "sort=sideways is 400" [ "$code" = 400 ]
fetch "/cote/?q=a&$(for i in $(seq 1 20); do printf 'p%d=1&' "$i"; done)"
check "too many parameters is 400" [ "$code" = 400 ]
for p in '/cote/static/..%2fstyle.css' '/cote/static/../static/style.css' '/cote/../etc/passwd' \
    '/cote/static/%2e%2e/%2e%2e/etc/passwd' '/cote/static/widget.js%00' '/static/app.js/..'; do
    fetch "$p"
    check "$p is 4xx and serves no file" sh -c 'case "$1" in 4??) ! grep -q "root:" "$2";; *) false;; esac' sh "$code" "$TMP/body"
done
fetch / -H "X-Big: $(head -c 70000 /dev/zero | tr '\0' x)"
check "a 70 KB header is refused (4xx) or the connection closed" sh -c 'case "$1" in 4??|000) true;; *) false;; esac' sh "$code"
head -c 2000000 /dev/zero >"$TMP/big.bin"
fetch '/cote/api/v1/search?q=a' -X POST --data-binary @"$TMP/big.bin"
check "a 2 MB POST body is 405" [ "$code" = 405 ]
python3 - "$PORT" >"$TMP/raw.out" <<'PY'
import socket, sys
port = int(sys.argv[1])
for raw in (b"GARBAGE\r\n\r\n", b"GET / HTTP/1.1\r\nHost: x\r\nBad header without colon\r\n\r\n",
            b"GET /\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n", b"GET / HTTP/9.9\r\nHost: x\r\n\r\n"):
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(raw)
    data = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
            if b"\r\n\r\n" in data:
                break
    except socket.timeout:
        pass
    s.close()
    print(data.split(b"\r\n", 1)[0].decode("latin-1") or "closed")
PY
# (an unknown HTTP version is 505 by libmicrohttpd, the code RFC 9110 gives it)
check "malformed request lines get 4xx (505 for HTTP/9.9) or a closed connection" sh -c '! grep -vE "^(HTTP/1\.[01] (4[0-9][0-9]|505)|closed)" "$1"' sh "$TMP/raw.out"
fetch /healthz
check "the server is still up after all that" [ "$code" = 200 ]

# --- connection limit (6) and idle timeout (2 s) ---
# Six idle connections take every slot: a seventh is not accepted (it waits
# in the kernel's queue) until the timeout closes them, about 2 s later.
python3 - "$PORT" >"$TMP/limit.out" <<'PY'
import socket, sys, time
port = int(sys.argv[1])
idle = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(6)]
opened = time.time()
time.sleep(0.3)
extra = socket.create_connection(("127.0.0.1", port), timeout=10)
extra.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
try:
    got = extra.recv(100)
except (socket.timeout, ConnectionError):
    got = b""
waited = time.time() - opened
print("over-limit:", got.split(b"\r\n", 1)[0].decode() or "none", "after %.1f" % waited)
closed = 0
for s in idle:
    try:
        closed += s.recv(1) == b""
    except (socket.timeout, ConnectionError):
        closed += 1
print("idle-closed:", closed)
PY
check "a connection over the limit is answered only once idle ones time out" \
    python3 -c 'import sys; w = open(sys.argv[1]).read().split("\n")[0].split(); sys.exit(0 if w[1:4] == ["HTTP/1.1", "200", "OK"] and float(w[-1]) >= 1.5 else 1)' "$TMP/limit.out"
check "idle connections are closed by the timeout" grep -q "^idle-closed: 6$" "$TMP/limit.out"
fetch /healthz
check "after the limit, the server answers again" [ "$code" = 200 ]
python3 - "$PORT" >"$TMP/stall.out" <<'PY'
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=15)
s.sendall(b"GET /cote/?q=stalled HTTP/1.1\r\nHost: x\r\n")  # headers never end
start = time.time()
try:
    data = s.recv(100)
except (socket.timeout, ConnectionError):
    data = b"timeout"
print("stalled:", data.decode("latin-1") or "closed", "%.0f" % (time.time() - start))
PY
check "a request that stalls is closed by the timeout" grep -qE "^stalled: (closed|HTTP/1\.1 4)" "$TMP/stall.out"
check "... and logged as a timeout" grep -qE '"- /cote/\?q=stalled" - [0-9.]+ms timeout' "$TMP/access.log"

# --- restart with the default timeout (15 s) for what takes longer ---
kill -TERM "$server_pid"
wait "$server_pid" || true
server_pid=
"$COTE" serve --db "$DB" --listen "127.0.0.1:$PORT" --threads 2 --base-path /cote \
    --access-log "$TMP/access.log" >"$TMP/serve.out" 2>"$TMP/serve.err" &
server_pid=$!
if wait_up; then ok "server restarts on the same port"; else
    fail "server restarts within 20 s" "$(head -c 600 "$TMP/serve.err")"
    exit 1
fi

# --- a newer index commit is seen without a restart, whatever the cache holds ---
cache_of() { python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["cache"]; print(c["hits"], c["entries"])' "$TMP/body"; }
fetch /healthz
read -r hits0 entries0 <<<"$(cache_of)"
fetch '/cote/api/v1/search?q=Sud-Est&limit=100'
check "before: the late seed is not found" json_ok 'not any("004_" in h["file"] for h in j["hits"])'
cp "$TMP/body" "$TMP/first.json"
fetch '/cote/api/v1/search?q=Sud-Est&limit=100'
check "the same request again: the same body" cmp -s "$TMP/body" "$TMP/first.json"
fetch /healthz
read -r hits1 entries1 <<<"$(cache_of)"
check "... answered from the response cache (one more hit, one more entry)" \
    [ "$hits1" -eq $((hits0 + 1)) -a "$entries1" -eq $((entries0 + 1)) ]
fetch '/cote/api/v1/search?limit=100&q=Sud-Est'
check "the parameters in another order are another request, the same answer" \
    json_ok 'not any("004_" in h["file"] for h in j["hits"]) and len(j["hits"]) > 0'
fetch /healthz
before=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["documents"])' "$TMP/body")
cp "$COTE_SOURCE_DIR/corpus/$LATE" "$TMP/corpus/"
if "$COTE" index --db "$DB" "$TMP/corpus" >"$TMP/index2.out" 2>"$TMP/index2.err"; then
    ok "re-index with the late seed while serving"
else
    fail "re-index with the late seed while serving" "$(head -c 400 "$TMP/index2.err")"
fi
fetch '/cote/api/v1/search?q=Sud-Est&limit=100'
check "after: the running server finds it" json_ok 'any("004_" in h["file"] for h in j["hits"])'
fetch /healthz
check "... and counts more records" json_ok "j['documents'] > $before"

# --- graceful stop: a request in flight finishes, new ones are refused ---
python3 - "$PORT" "$server_pid" >"$TMP/grace.out" <<'PY'
import os, signal, socket, sys, time
port, pid = int(sys.argv[1]), int(sys.argv[2])
s = socket.create_connection(("127.0.0.1", port), timeout=20)
s.sendall(b"GET /cote/api/v1/search?q=PNUD HTTP/1.1\r\nHost: x\r\n")  # in flight: headers not ended
time.sleep(0.5)
os.kill(pid, signal.SIGTERM)
time.sleep(0.5)
try:
    n = socket.create_connection(("127.0.0.1", port), timeout=1)
    n.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
    late = n.recv(100).split(b"\r\n", 1)[0].decode() or "closed"
except (socket.timeout, ConnectionError, OSError):
    late = "refused"
s.sendall(b"Connection: close\r\n\r\n")
data = b""
while True:
    chunk = s.recv(65536)
    if not chunk:
        break
    data += chunk
head, _, body = data.partition(b"\r\n\r\n")
print("in-flight:", head.split(b"\r\n", 1)[0].decode(), b'"hits"' in body)
print("new:", late)
PY
check "SIGTERM: the request in flight still gets its answer" grep -q "^in-flight: HTTP/1.1 200 OK True" "$TMP/grace.out"
check "... connections after SIGTERM get no answer" grep -qE "^new: (refused|closed)" "$TMP/grace.out"
if wait_stopped; then
    check "... then the server exits with status 0" [ "$status" -eq 0 ]
else
    fail "the server stops within 20 s of SIGTERM"
fi
check "... saying a request was in flight" grep -q "cote: stopping (1 request in flight)" "$TMP/serve.err"
no_sanitizer_report
finish
