/* route_doc.c: GET /doc/{ref}[?q=…], one document as HTML.
 *
 * The reference is the rest of the path, already percent-decoded once by
 * libmicrohttpd (decoding it again would turn "%252F" into "/"). It may be
 * a document id, an indexed path or a symbol, as for `cote show`.
 *
 * The page shows the title, the symbols (linking to undocs.org), the type,
 * organ and date with how each was told, then the repaired text block by
 * block from the stored record's "blocks" ([kind, label, start, end, page],
 * byte offsets into "text"): headings as <h2>/<h3>, paragraphs, items and
 * footnotes as <p>. Every block sits in an element with id="block-N"; a
 * numbered paragraph's <p> also has id="par-N" and a footnote's id="note-N"
 * (the first of each number only, so ids stay unique). These are the
 * fragments the results page and `cote show A/75/371#9` use.
 *
 * Entities: the record keeps the text of each citation, date and
 * organisation (and an organisation's name and acronyms) but not where it
 * occurs, so every occurrence of those texts that starts and ends on a word
 * boundary becomes a link to a search for the entity (/?q=SYMBOL,
 * /?from=ISO&to=ISO, /?q=org:ID), longest texts first so that "résolution
 * 74/239" wins over "2019" inside it.
 *
 * With ?q=…, the query's words (not its operators, field names or excluded
 * words, nor stop words) are marked in <mark> wherever a word of the text
 * starts with one of them, ignoring case and French accents, and is at most
 * two letters longer (plurals, feminine forms). This is lighter than the
 * search's analysis (no stemming, so "coopérer" does not mark
 * "coopération") and is only a reading aid.
 *
 * Everything is escaped through html.h; a record without blocks is shown as
 * plain text in a <pre>.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "analysis.h"
#include "page.h"
#include "respond.h"
#include "routes.h"
#include "searcher.h"
#include "utf8.h"

enum { ENT_SYMBOL, ENT_DATE, ENT_ORG };

typedef struct {
    const char *text; /* the form to find in the document */
    size_t len;
    int kind;
    const char *value; /* symbol, ISO date or organisation id */
} entity_t;

#define QUERY_WORDS_MAX 32
#define QUERY_WORD_CPS 48

typedef struct {
    uint32_t cp[QUERY_WORD_CPS]; /* folded */
    size_t n;
} query_word_t;

/* The lower-case, accent-free form of the code points French uses; others
 * unchanged. */
static uint32_t fold(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if (c == 0x178) return 'y';
    if (c == 0x152 || c == 0x153) return 'o'; /* œ: close enough for a prefix */
    return cote_utf8_unaccent(c);
}

/* A letter or digit, for word boundaries: ASCII alphanumerics and the
 * letters of the Latin blocks. */
static bool word_cp(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

/* The code point at s[i] (U+FFFD on a bad byte); *len gets its length. */
static uint32_t cp_at(const char *s, size_t n, size_t i, size_t *len)
{
    uint32_t c = 0xFFFD;
    size_t k = cote_utf8_decode(s + i, n - i, &c);
    *len = k ? k : 1;
    return k ? c : 0xFFFD;
}

/* The code point ending just before s[i], or 0 at the start. */
static uint32_t cp_before(const char *s, size_t n, size_t i)
{
    if (i == 0)
        return 0;
    size_t j = i - 1;
    while (j > 0 && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
        j--;
    size_t len;
    return cp_at(s, n, j, &len);
}

/* --- the query's words --- */

static size_t query_words(const char *q, query_word_t *out)
{
    size_t n = 0, len = q ? strlen(q) : 0, i = 0;
    while (i < len && n < QUERY_WORDS_MAX) {
        size_t k;
        uint32_t c = cp_at(q, len, i, &k);
        if (!word_cp(c)) {
            i += k;
            continue;
        }
        size_t start = i;
        query_word_t w = {{0}, 0};
        char bare[QUERY_WORD_CPS];
        size_t nbare = 0;
        bool ascii = true;
        while (i < len) {
            c = cp_at(q, len, i, &k);
            if (!word_cp(c))
                break;
            uint32_t f = fold(c);
            if (w.n < QUERY_WORD_CPS)
                w.cp[w.n++] = f;
            if (f < 0x80 && nbare < sizeof bare)
                bare[nbare++] = (char)f;
            else
                ascii = false;
            i += k;
        }
        uint32_t before = cp_before(q, len, start);
        uint32_t before2 = start >= 2 ? cp_before(q, len, start - 1) : ' ';
        bool excluded = before == '-' && (before2 == 0 || before2 == ' ' || before2 == '"' || before2 == '(');
        bool field = i < len && q[i] == ':';
        bool stop = ascii && cote_stopword(bare, nbare);
        if (!excluded && !field && !stop && w.n >= 2 && w.n < QUERY_WORD_CPS)
            out[n++] = w;
    }
    return n;
}

/* Marks in mark[] each word of text[0..n) that starts with a query word and
 * is at most two code points longer. */
static void mark_words(const char *text, size_t n, const query_word_t *w, size_t nw, unsigned char *mark)
{
    size_t i = 0;
    uint32_t prev = 0;
    while (i < n) {
        size_t k;
        uint32_t c = cp_at(text, n, i, &k);
        if (!word_cp(c) || word_cp(prev)) {
            prev = c;
            i += k;
            continue;
        }
        /* a word starts at i: find its end, folding as we go */
        uint32_t folded[QUERY_WORD_CPS + 3];
        size_t nf = 0, j = i, end = i;
        while (j < n) {
            size_t kk;
            uint32_t d = cp_at(text, n, j, &kk);
            if (!word_cp(d))
                break;
            if (nf < sizeof folded / sizeof *folded)
                folded[nf] = fold(d);
            nf++;
            j += kk;
        }
        end = j;
        for (size_t q = 0; q < nw; q++) {
            if (nf < w[q].n || nf > w[q].n + 2 || nf > sizeof folded / sizeof *folded)
                continue;
            if (memcmp(folded, w[q].cp, w[q].n * sizeof *folded) == 0) {
                memset(mark + i, 1, end - i);
                break;
            }
        }
        prev = 'a';
        i = end;
    }
}

/* --- entities --- */

static int by_length_desc(const void *a, const void *b)
{
    const entity_t *x = a, *y = b;
    return (x->len < y->len) - (x->len > y->len);
}

static void add_entity(entity_t *e, size_t *n, size_t max, const char *text, int kind, const char *value)
{
    if (!text || !value || !*value || *n >= max)
        return;
    size_t len = strlen(text);
    if (len < 2 || len > 300)
        return;
    e[(*n)++] = (entity_t){text, len, kind, value};
}

/* Fills link[] (entity index or -1 per byte) from the record's entities.
 * Returns the entities array (caller frees) in *out. */
static size_t find_entities(const json_t *rec, const char *text, size_t tlen, int *link, entity_t **out)
{
    const json_t *cit = json_object_get(rec, "citations"), *dat = json_object_get(rec, "dates"),
                 *org = json_object_get(rec, "organisations");
    size_t max = json_array_size(cit) + json_array_size(dat);
    for (size_t i = 0; i < json_array_size(org); i++)
        max += 2 + json_array_size(json_object_get(json_array_get(org, i), "acronyms"));
    *out = NULL;
    if (max == 0)
        return 0;
    entity_t *e = calloc(max, sizeof *e);
    if (!e)
        return 0;
    size_t n = 0;
    for (size_t i = 0; i < json_array_size(cit); i++) {
        const json_t *c = json_array_get(cit, i);
        add_entity(e, &n, max, json_string_value(json_object_get(c, "text")), ENT_SYMBOL,
                   json_string_value(json_object_get(c, "symbol")));
    }
    for (size_t i = 0; i < json_array_size(dat); i++) {
        const json_t *d = json_array_get(dat, i);
        add_entity(e, &n, max, json_string_value(json_object_get(d, "text")), ENT_DATE,
                   json_string_value(json_object_get(d, "iso")));
    }
    for (size_t i = 0; i < json_array_size(org); i++) {
        const json_t *o = json_array_get(org, i);
        const char *id = json_string_value(json_object_get(o, "id"));
        add_entity(e, &n, max, json_string_value(json_object_get(o, "text")), ENT_ORG, id);
        add_entity(e, &n, max, json_string_value(json_object_get(o, "name")), ENT_ORG, id);
        const json_t *acr = json_object_get(o, "acronyms");
        for (size_t k = 0; k < json_array_size(acr); k++)
            add_entity(e, &n, max, json_string_value(json_array_get(acr, k)), ENT_ORG, id);
    }
    qsort(e, n, sizeof *e, by_length_desc);
    for (size_t i = 0; i < n; i++) {
        const char *t = e[i].text;
        size_t len = e[i].len;
        for (size_t at = 0; at + len <= tlen;) {
            const char *p = memchr(text + at, (unsigned char)t[0], tlen - len + 1 - at);
            if (!p)
                break;
            size_t s = (size_t)(p - text);
            at = s + 1;
            if (memcmp(p, t, len) != 0)
                continue;
            uint32_t before = cp_before(text, tlen, s);
            size_t k;
            uint32_t after = s + len < tlen ? cp_at(text, tlen, s + len, &k) : 0;
            if (word_cp(before) || word_cp(after) || before == '/' || after == '/')
                continue;
            bool free_span = true;
            for (size_t b = s; b < s + len && free_span; b++)
                free_span = link[b] < 0;
            if (!free_span)
                continue;
            for (size_t b = s; b < s + len; b++)
                link[b] = (int)i;
            at = s + len;
        }
    }
    *out = e;
    return n;
}

static void entity_open(web_html_t *h, const entity_t *e)
{
    switch (e->kind) {
    case ENT_SYMBOL:
        WEB_HTML_LIT(h, "<a class=\"ent ent-symbol\" href=\"");
        WEB_HTML_PATH(h, "/?q=");
        web_html_url(h, e->value, false);
        web_html_keep(h, '&');
        WEB_HTML_LIT(h, "\" title=\"");
        web_html_msg(h, WEB_MSG_ENT_SYMBOL);
        web_html_text(h, e->value);
        break;
    case ENT_DATE: {
        const char *slash = strchr(e->value, '/');
        WEB_HTML_LIT(h, "<a class=\"ent ent-date\" href=\"");
        WEB_HTML_PATH(h, "/?q=&amp;from=");
        if (slash) {
            char first[32];
            size_t n = (size_t)(slash - e->value);
            if (n >= sizeof first)
                n = sizeof first - 1;
            memcpy(first, e->value, n);
            first[n] = '\0';
            web_html_url(h, first, false);
            WEB_HTML_LIT(h, "&amp;to=");
            web_html_url(h, slash + 1, false);
        } else {
            web_html_url(h, e->value, false);
            WEB_HTML_LIT(h, "&amp;to=");
            web_html_url(h, e->value, false);
        }
        web_html_keep(h, '&');
        WEB_HTML_LIT(h, "\" title=\"");
        web_html_msg(h, WEB_MSG_ENT_DATE);
        web_html_text(h, e->value);
        break;
    }
    default:
        WEB_HTML_LIT(h, "<a class=\"ent ent-org\" href=\"");
        WEB_HTML_PATH(h, "/?q=org%3A");
        web_html_url(h, e->value, false);
        web_html_keep(h, '&');
        WEB_HTML_LIT(h, "\" title=\"");
        web_html_msg(h, WEB_MSG_ENT_ORG);
        web_html_text(h, e->value);
        break;
    }
    WEB_HTML_LIT(h, "\">");
}

/* text[start..end) with its entity links and marks. */
static void render_span(web_html_t *h, const char *text, size_t start, size_t end, const int *link,
                        const unsigned char *mark, const entity_t *ents)
{
    int cur_link = -1;
    bool cur_mark = false;
    size_t run = start;
    for (size_t i = start; i <= end; i++) {
        int l = i < end && link ? link[i] : -1;
        bool m = i < end && mark ? mark[i] != 0 : false;
        if (i < end && l == cur_link && m == cur_mark)
            continue;
        web_html_textn(h, text + run, i - run);
        run = i;
        if (cur_mark && (!m || l != cur_link)) {
            WEB_HTML_LIT(h, "</mark>");
            cur_mark = false;
        }
        if (l != cur_link) {
            if (cur_link >= 0)
                WEB_HTML_LIT(h, "</a>");
            if (l >= 0)
                entity_open(h, &ents[l]);
            cur_link = l;
        }
        if (m && !cur_mark) {
            WEB_HTML_LIT(h, "<mark>");
            cur_mark = true;
        }
    }
}

/* --- the page --- */

static bool roman(const char *s)
{
    if (!s || !*s)
        return false;
    for (; *s; s++)
        if (!strchr("IVXLCDM", *s))
            return false;
    return true;
}

static bool numeric(const char *s)
{
    if (!s || !*s || strlen(s) > 9)
        return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

/* True when an earlier block has the same kind and label (ids stay unique). */
static bool seen_before(const json_t *blocks, size_t i, const char *kind, const char *label)
{
    for (size_t j = 0; j < i; j++) {
        const json_t *b = json_array_get(blocks, j);
        const char *k = json_string_value(json_array_get(b, 0));
        const char *l = json_string_value(json_array_get(b, 1));
        if (k && l && strcmp(k, kind) == 0 && strcmp(l, label) == 0)
            return true;
    }
    return false;
}

static void render_blocks(web_html_t *h, const json_t *blocks, const char *text, size_t tlen, const int *link,
                          const unsigned char *mark, const entity_t *ents)
{
    long page = 0;
    WEB_HTML_LIT(h, "<div class=\"doc-text\">\n");
    for (size_t i = 0; i < json_array_size(blocks); i++) {
        const json_t *b = json_array_get(blocks, i);
        const char *kind = json_string_value(json_array_get(b, 0));
        const char *label = json_string_value(json_array_get(b, 1));
        json_int_t start = json_integer_value(json_array_get(b, 2));
        json_int_t end = json_integer_value(json_array_get(b, 3));
        long pg = (long)json_integer_value(json_array_get(b, 4));
        if (!kind || !label || start < 0 || end < start || (size_t)end > tlen)
            continue;
        if (pg > page) {
            WEB_HTML_LIT(h, "<p class=\"pageno\" id=\"page-");
            web_html_long(h, pg);
            WEB_HTML_LIT(h, "\">Page ");
            web_html_long(h, pg);
            WEB_HTML_LIT(h, "</p>\n");
            page = pg;
        }
        WEB_HTML_LIT(h, "<div class=\"blk\" id=\"block-");
        web_html_ulong(h, (unsigned long)i);
        WEB_HTML_LIT(h, "\">");
        int level = 0; /* 2, 3: a heading; 0: a paragraph */
        if (strcmp(kind, "heading") == 0) {
            if (!*label || roman(label)) {
                WEB_HTML_LIT(h, "<h2>");
                level = 2;
            } else {
                WEB_HTML_LIT(h, "<h3>");
                level = 3;
            }
        } else if (strcmp(kind, "title") == 0) {
            WEB_HTML_LIT(h, "<p class=\"doc-title\">");
        } else if (strcmp(kind, "paragraph") == 0 && numeric(label) && !seen_before(blocks, i, kind, label)) {
            WEB_HTML_LIT(h, "<p class=\"par\" id=\"par-");
            web_html_text(h, label);
            WEB_HTML_LIT(h, "\">");
        } else if (strcmp(kind, "footnote") == 0) {
            if (numeric(label) && !seen_before(blocks, i, kind, label)) {
                WEB_HTML_LIT(h, "<p class=\"note\" id=\"note-");
                web_html_text(h, label);
                WEB_HTML_LIT(h, "\">");
            } else {
                WEB_HTML_LIT(h, "<p class=\"note\">");
            }
        } else if (strcmp(kind, "item") == 0) {
            WEB_HTML_LIT(h, "<p class=\"item\">");
        } else {
            WEB_HTML_LIT(h, "<p>");
        }
        render_span(h, text, (size_t)start, (size_t)end, link, mark, ents);
        if (level == 2)
            WEB_HTML_LIT(h, "</h2>");
        else if (level == 3)
            WEB_HTML_LIT(h, "</h3>");
        else
            WEB_HTML_LIT(h, "</p>");
        WEB_HTML_LIT(h, "</div>\n");
    }
    WEB_HTML_LIT(h, "</div>\n");
}

/* "<dt>NAME</dt><dd>VALUE <span class="how">(how)</span></dd>" for a told
 * field ({"name"|"id"|"iso": …, "how": …}). */
static void told(web_html_t *h, const json_t *field, const char *value)
{
    const char *how = json_string_value(json_object_get(field, "how"));
    web_html_text(h, value);
    if (how && *how) {
        WEB_HTML_LIT(h, " <span class=\"how\">(");
        web_html_text(h, how);
        WEB_HTML_LIT(h, ")</span>");
    }
}

/* The name of the organisation id, from the record's organisations. */
static const char *org_name(const json_t *rec, const char *id)
{
    const json_t *org = json_object_get(rec, "organisations");
    for (size_t i = 0; i < json_array_size(org); i++) {
        const json_t *o = json_array_get(org, i);
        const char *oid = json_string_value(json_object_get(o, "id"));
        const char *name = json_string_value(json_object_get(o, "name"));
        if (oid && name && *name && strcmp(oid, id) == 0)
            return name;
    }
    return id;
}

static void render_meta(web_html_t *h, const cote_document_t *d, const json_t *rec)
{
    WEB_HTML_LIT(h, "<dl class=\"meta\">\n");
    if (d->n_symbols > 0) {
        WEB_HTML_LIT(h, "<dt>");
        web_html_msg(h, d->n_symbols > 1 ? WEB_MSG_DT_SYMBOLS : WEB_MSG_DT_SYMBOL);
        WEB_HTML_LIT(h, "</dt>\n<dd>");
        for (size_t i = 0; i < d->n_symbols; i++) {
            if (i > 0)
                WEB_HTML_LIT(h, ", ");
            WEB_HTML_LIT(h, "<a class=\"symbol\" href=\"https://undocs.org/fr/");
            web_html_url(h, d->symbols[i], true);
            WEB_HTML_LIT(h, "\" hreflang=\"fr\">");
            web_html_text(h, d->symbols[i]);
            WEB_HTML_LIT(h, "</a> <span class=\"how\">(undocs.org)</span>");
        }
        WEB_HTML_LIT(h, "</dd>\n");
    }
    const json_t *type = json_object_get(rec, "type");
    const char *tname = json_string_value(json_object_get(type, "name"));
    if (tname && *tname) {
        WEB_HTML_LIT(h, "<dt>");
        web_html_msg(h, WEB_MSG_DT_TYPE);
        WEB_HTML_LIT(h, "</dt>\n<dd>");
        told(h, type, tname);
        WEB_HTML_LIT(h, "</dd>\n");
    }
    const json_t *organ = json_object_get(rec, "organ");
    const char *oid = json_string_value(json_object_get(organ, "id"));
    if (oid && *oid) {
        WEB_HTML_LIT(h, "<dt>");
        web_html_msg(h, WEB_MSG_DT_ORGAN);
        WEB_HTML_LIT(h, "</dt>\n<dd>");
        told(h, organ, org_name(rec, oid));
        WEB_HTML_LIT(h, "</dd>\n");
    }
    const json_t *date = json_object_get(rec, "date");
    const char *iso = json_string_value(json_object_get(date, "iso"));
    if (iso && *iso) {
        WEB_HTML_LIT(h, "<dt>");
        web_html_msg(h, WEB_MSG_DT_DATE);
        WEB_HTML_LIT(h, "</dt>\n<dd>");
        told(h, date, iso);
        WEB_HTML_LIT(h, "</dd>\n");
    }
    WEB_HTML_LIT(h, "<dt>");
    web_html_msg(h, WEB_MSG_DT_FILE);
    WEB_HTML_LIT(h, "</dt>\n<dd>");
    web_html_text(h, d->file);
    WEB_HTML_LIT(h, "</dd>\n<dt>");
    web_html_msg(h, WEB_MSG_DT_ID);
    WEB_HTML_LIT(h, "</dt>\n<dd><code>");
    web_html_text(h, d->doc);
    WEB_HTML_LIT(h, "</code> (<a href=\"");
    WEB_HTML_PATH(h, "/api/v1/document/");
    web_html_url(h, d->doc, false);
    WEB_HTML_LIT(h, "\">JSON</a>)</dd>\n</dl>\n");
}

static cote_status_t render_document(web_html_t *h, const cote_document_t *d, const char *q)
{
    json_error_t jerr;
    json_t *rec = d->record ? json_loads(d->record, 0, &jerr) : NULL;
    const char *text = d->text ? d->text : "";
    size_t tlen = strlen(text);

    WEB_HTML_LIT(h, "<article class=\"document\">\n");
    if (q && *q) {
        WEB_HTML_LIT(h, "<p class=\"back\"><a href=\"");
        WEB_HTML_PATH(h, "/?q=");
        web_html_url(h, q, false);
        web_html_keep(h, '&');
        WEB_HTML_LIT(h, "\">");
        web_html_msg(h, WEB_MSG_BACK_TO_RESULTS);
        WEB_HTML_LIT(h, "</a></p>\n");
    }
    WEB_HTML_LIT(h, "<h1>");
    if (d->title && *d->title)
        web_html_text(h, d->title);
    else
        web_html_msg(h, WEB_MSG_UNTITLED);
    WEB_HTML_LIT(h, "</h1>\n");
    render_meta(h, d, rec);

    const json_t *blocks = json_object_get(rec, "blocks");
    if (!json_is_array(blocks) || json_array_size(blocks) == 0) {
        WEB_HTML_LIT(h, "<pre class=\"text\">");
        web_html_text(h, text);
        WEB_HTML_LIT(h, "</pre>\n</article>\n");
        json_decref(rec);
        return COTE_OK;
    }

    int *link = tlen ? malloc(tlen * sizeof *link) : NULL;
    unsigned char *mark = tlen ? calloc(tlen, 1) : NULL;
    if (tlen && (!link || !mark)) {
        free(link);
        free(mark);
        json_decref(rec);
        return COTE_NOMEM;
    }
    for (size_t i = 0; i < tlen; i++)
        link[i] = -1;
    entity_t *ents = NULL;
    find_entities(rec, text, tlen, link, &ents);
    query_word_t words[QUERY_WORDS_MAX];
    size_t nw = query_words(q, words);
    if (nw > 0 && mark)
        mark_words(text, tlen, words, nw, mark);
    if (nw > 0) {
        WEB_HTML_LIT(h, "<p class=\"hint\">");
        web_html_msg(h, WEB_MSG_MARKED_HINT);
        WEB_HTML_LIT(h, "</p>\n");
    }
    render_blocks(h, blocks, text, tlen, ents ? link : NULL, nw > 0 ? mark : NULL, ents);
    WEB_HTML_LIT(h, "</article>\n");
    free(ents);
    free(link);
    free(mark);
    json_decref(rec);
    return COTE_OK;
}

/* The q parameter when usable for marking (bounded, valid UTF-8), else NULL. */
static const char *doc_query(struct MHD_Connection *conn)
{
    const char *q = NULL;
    size_t n = 0;
    if (MHD_lookup_connection_value_n(conn, MHD_GET_ARGUMENT_KIND, "q", 1, &q, &n) != MHD_YES || !q ||
        n == 0 || n > COTE_QUERY_MAX_BYTES || memchr(q, '\0', n) || !cote_utf8_valid(q, n, NULL))
        return NULL;
    return q;
}

enum MHD_Result web_route_doc_page(web_request_t *rq, const char *tail)
{
    cote_error_t err;
    cote_error_clear(&err);
    web_html_t h = WEB_HTML_FOR(rq->view);
    cote_status_t st = web_route_check_ref(tail, &err);
    cote_searcher_t *s = NULL;
    cote_document_t *doc = NULL;
    if (st == COTE_OK)
        st = web_pool_checkout(rq->server->pool, &s, &err);
    if (s) {
        st = cote_searcher_document(s, tail, &doc, &err);
        web_pool_checkin(rq->server->pool, s, st);
    }
    if (st != COTE_OK) {
        unsigned http = st == COTE_TOO_LARGE || st == COTE_BAD_INPUT
                            ? MHD_HTTP_BAD_REQUEST
                            : (unsigned)cote_status_http(st);
        web_page_message(&h, http, st, NULL, cote_error_text(&err));
        return web_respond_page(rq, http, &h);
    }
    const char *q = doc_query(rq->conn);
    web_page_begin(&h, doc->title && *doc->title ? doc->title : doc->doc, q);
    st = render_document(&h, doc, q);
    web_page_end(&h);
    cote_document_free(doc);
    if (st != COTE_OK) {
        web_html_free(&h);
        web_page_message(&h, MHD_HTTP_SERVICE_UNAVAILABLE, st, NULL, NULL);
        return web_respond_page(rq, MHD_HTTP_SERVICE_UNAVAILABLE, &h);
    }
    return web_respond_page(rq, MHD_HTTP_OK, &h);
}
