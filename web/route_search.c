/* route_search.c: GET /, the search page.
 *
 * Without q (or with a blank one) and without a filter it is the form alone;
 * otherwise it runs the search and shows, in this order: how the query was
 * read (the response's notes), the active filters (each with a link that
 * removes it), the hits (rank, title and passage linking to the document
 * view at that passage, symbols linking to undocs.org, page, other passages,
 * the snippet with its matches in <mark>), a pager, and a sidebar of facets
 * whose values link to the same search refined by that value. Every link
 * keeps q and the other filters. Every value from the request or the index
 * goes through web_html_text() or web_html_url(). Failures are shown on the
 * same page, the query still in the search box.
 */
#include <string.h>

#include "ascii.h"
#include "params.h"
#include "page.h"
#include "respond.h"
#include "routes.h"
#include "searcher.h"

/* "&amp;NAME=VALUE" when the value is set. */
#define URL_PARAM(h, name, v)                       \
    do {                                            \
        if ((v) && *(v)) {                          \
            WEB_HTML_LIT(h, "&amp;" name "=");      \
            web_html_url(h, (v), false);            \
        }                                           \
    } while (0)

/* The href of the search p describes: "/?q=…&from=…&org=…&offset=…",
 * under the base path, with the parameters every link keeps. */
static void search_href(web_html_t *h, const web_search_params_t *p)
{
    WEB_HTML_PATH(h, "/?q=");
    web_html_url(h, p->q ? p->q : "", false);
    URL_PARAM(h, "from", p->from);
    URL_PARAM(h, "to", p->to);
    URL_PARAM(h, "org", p->org);
    URL_PARAM(h, "symbol", p->symbol);
    URL_PARAM(h, "type", p->type);
    URL_PARAM(h, "organ", p->organ);
    if (p->offset > 0) {
        WEB_HTML_LIT(h, "&amp;offset=");
        web_html_ulong(h, p->offset);
    }
    if (p->limit != WEB_LIMIT_DEFAULT) {
        WEB_HTML_LIT(h, "&amp;limit=");
        web_html_ulong(h, p->limit);
    }
    if (p->by_date)
        WEB_HTML_LIT(h, "&amp;sort=date");
    web_html_keep(h, '&');
}

static bool same(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

static bool any_filter(const web_search_params_t *p)
{
    const char *f[] = {p->from, p->to, p->org, p->symbol, p->type, p->organ};
    for (size_t i = 0; i < sizeof f / sizeof *f; i++)
        if (f[i] && *f[i])
            return true;
    return false;
}

/* The facets as the page names them; the year facet sets from and to. */
enum { F_ORG, F_YEAR, F_TYPE, F_ORGAN };
/* Values shown before "N de plus" (a <details>) in each facet. */
#define FACET_SHOWN 8

static const cote_facet_t *facet_named(const cote_search_response_t *r, const char *name)
{
    for (size_t i = 0; i < COTE_FACETS; i++)
        if (r->facets[i].name && strcmp(r->facets[i].name, name) == 0)
            return &r->facets[i];
    return NULL;
}

/* Names of organisations and types follow the page's language. */
static bool in_english(const web_html_t *h)
{
    return h->view.lang == WEB_LANG_EN;
}

/* The label a facet gives to value, else the value itself. */
static const char *facet_label(const web_html_t *h, const cote_search_response_t *r, const char *facet,
                               const char *value)
{
    const cote_facet_t *f = r ? facet_named(r, facet) : NULL;
    for (size_t i = 0; f && i < f->n; i++) {
        const cote_facet_value_t *v = &f->values[i];
        if (!same(v->value, value))
            continue;
        if (in_english(h) && v->label_en && *v->label_en)
            return v->label_en;
        if (v->label && *v->label)
            return v->label;
    }
    return value;
}

/* p with the facet's filter set to value (NULL: removed), from the first page. */
static web_search_params_t with_facet(const web_search_params_t *p, int facet, const char *value)
{
    web_search_params_t n = *p;
    n.offset = 0;
    switch (facet) {
    case F_ORG: n.org = value; break;
    case F_YEAR: n.from = n.to = value; break;
    case F_TYPE: n.type = value; break;
    default: n.organ = value; break;
    }
    return n;
}

static bool facet_active(const web_search_params_t *p, int facet, const char *value)
{
    switch (facet) {
    case F_ORG: return same(p->org, value);
    case F_YEAR: return same(p->from, value) && same(p->to, value);
    case F_TYPE: return same(p->type, value);
    default: return same(p->organ, value);
    }
}

static void render_facets(web_html_t *h, const cote_search_response_t *r, const web_search_params_t *p)
{
    static const struct {
        const char *name;
        int facet;
    } order[] = {{"org", F_ORG}, {"year", F_YEAR}, {"type", F_TYPE}, {"organ", F_ORGAN}};
    bool any = false;
    for (size_t i = 0; i < 4; i++) {
        const cote_facet_t *f = facet_named(r, order[i].name);
        any = any || (f && f->n > 0);
    }
    if (!any)
        return;
    WEB_HTML_LIT(h, "<aside class=\"facets\" id=\"filtres\" aria-labelledby=\"filtres-titre\">\n"
                    "<h2 id=\"filtres-titre\">");
    web_html_msg(h, WEB_MSG_REFINE);
    WEB_HTML_LIT(h, "</h2>\n");
    for (size_t i = 0; i < 4; i++) {
        const cote_facet_t *f = facet_named(r, order[i].name);
        if (!f || f->n == 0)
            continue;
        switch (order[i].facet) {
        case F_ORG: WEB_HTML_LIT(h, "<section class=\"facet\" data-facet=\"org\">\n<h3>"); web_html_msg(h, WEB_MSG_FACET_ORG); break;
        case F_YEAR: WEB_HTML_LIT(h, "<section class=\"facet\" data-facet=\"year\">\n<h3>"); web_html_msg(h, WEB_MSG_FACET_YEAR); break;
        case F_TYPE: WEB_HTML_LIT(h, "<section class=\"facet\" data-facet=\"type\">\n<h3>"); web_html_msg(h, WEB_MSG_FACET_TYPE); break;
        default: WEB_HTML_LIT(h, "<section class=\"facet\" data-facet=\"organ\">\n<h3>"); web_html_msg(h, WEB_MSG_FACET_ORGAN); break;
        }
        WEB_HTML_LIT(h, "</h3>\n");
        WEB_HTML_LIT(h, "<ul>\n");
        for (size_t k = 0; k < f->n; k++) {
            const cote_facet_value_t *v = &f->values[k];
            if (k == FACET_SHOWN && f->n > FACET_SHOWN + 1) {
                /* the rest behind a disclosure, which needs no script */
                bool open = false;
                for (size_t j = k; j < f->n; j++)
                    open = open || facet_active(p, order[i].facet, f->values[j].value);
                if (open)
                    WEB_HTML_LIT(h, "</ul>\n<details open><summary>");
                else
                    WEB_HTML_LIT(h, "</ul>\n<details><summary>");
                web_html_ulong(h, (unsigned long)(f->n - FACET_SHOWN));
                web_html_msg(h, WEB_MSG_MORE);
                WEB_HTML_LIT(h, "</summary>\n<ul>\n");
            }
            if (!v->value || !*v->value)
                continue;
            bool on = facet_active(p, order[i].facet, v->value);
            web_search_params_t n = with_facet(p, order[i].facet, on ? NULL : v->value);
            WEB_HTML_LIT(h, "<li><a href=\"");
            search_href(h, &n);
            if (on)
                WEB_HTML_LIT(h, "\" class=\"on\" aria-current=\"true\">");
            else
                WEB_HTML_LIT(h, "\">");
            WEB_HTML_LIT(h, "<span class=\"label\">");
            web_html_text(h, in_english(h) && v->label_en && *v->label_en ? v->label_en
                             : v->label && *v->label                    ? v->label
                                                                        : v->value);
            WEB_HTML_LIT(h, "</span> <span class=\"n\">");
            web_html_ulong(h, v->count);
            WEB_HTML_LIT(h, "<span class=\"visually-hidden\"> ");
            web_html_msg(h, v->count == 1 ? WEB_MSG_DOCUMENT : WEB_MSG_DOCUMENTS);
            WEB_HTML_LIT(h, "</span></span>");
            if (on) {
                WEB_HTML_LIT(h, "<span class=\"visually-hidden\"> ");
                web_html_msg(h, WEB_MSG_FILTER_ON);
                WEB_HTML_LIT(h, "</span>");
            }
            WEB_HTML_LIT(h, "</a></li>\n");
        }
        WEB_HTML_LIT(h, "</ul>\n");
        if (f->n > FACET_SHOWN + 1)
            WEB_HTML_LIT(h, "</details>\n");
        WEB_HTML_LIT(h, "</section>\n");
    }
    WEB_HTML_LIT(h, "</aside>\n");
}

/* One removable filter: "<li><a href=WITHOUT>Name : value ×</a></li>". */
static void filter_chip(web_html_t *h, const web_search_params_t *without, web_msg_t what, const char *value)
{
    WEB_HTML_LIT(h, "<li><a class=\"chip\" href=\"");
    search_href(h, without);
    WEB_HTML_LIT(h, "\"><span class=\"what\">");
    web_html_msg(h, what);
    WEB_HTML_LIT(h, "</span> ");
    web_html_text(h, value);
    WEB_HTML_LIT(h, " <span aria-hidden=\"true\">×</span><span class=\"visually-hidden\"> ");
    web_html_msg(h, WEB_MSG_REMOVE_FILTER);
    WEB_HTML_LIT(h, "</span></a></li>\n");
}

static void render_active(web_html_t *h, const cote_search_response_t *r, const web_search_params_t *p)
{
    if (!any_filter(p))
        return;
    web_search_params_t base = *p;
    base.offset = 0;
    WEB_HTML_LIT(h, "<section class=\"active\" aria-labelledby=\"actifs-titre\">\n"
                    "<h2 id=\"actifs-titre\">");
    web_html_msg(h, WEB_MSG_ACTIVE_FILTERS);
    WEB_HTML_LIT(h, "</h2>\n<ul>\n");
    web_search_params_t n;
    if (same(p->from, p->to)) {
        n = base;
        n.from = n.to = NULL;
        filter_chip(h, &n, strlen(p->from) == 4 ? WEB_MSG_CHIP_YEAR : WEB_MSG_CHIP_DATE, p->from);
    } else {
        if (p->from && *p->from) {
            n = base;
            n.from = NULL;
            filter_chip(h, &n, WEB_MSG_CHIP_SINCE, p->from);
        }
        if (p->to && *p->to) {
            n = base;
            n.to = NULL;
            filter_chip(h, &n, WEB_MSG_CHIP_UNTIL, p->to);
        }
    }
    if (p->org && *p->org) {
        n = base;
        n.org = NULL;
        filter_chip(h, &n, WEB_MSG_CHIP_ORG, facet_label(h, r, "org", p->org));
    }
    if (p->symbol && *p->symbol) {
        n = base;
        n.symbol = NULL;
        filter_chip(h, &n, WEB_MSG_CHIP_SYMBOL, p->symbol);
    }
    if (p->type && *p->type) {
        n = base;
        n.type = NULL;
        filter_chip(h, &n, WEB_MSG_CHIP_TYPE, facet_label(h, r, "type", p->type));
    }
    if (p->organ && *p->organ) {
        n = base;
        n.organ = NULL;
        filter_chip(h, &n, WEB_MSG_CHIP_ORGAN, facet_label(h, r, "organ", p->organ));
    }
    WEB_HTML_LIT(h, "</ul>\n");
    if (p->q && *p->q) {
        web_search_params_t none = {.q = p->q, .q_len = p->q_len, .limit = p->limit, .by_date = p->by_date};
        WEB_HTML_LIT(h, "<p><a href=\"");
        search_href(h, &none);
        WEB_HTML_LIT(h, "\">");
        web_html_msg(h, WEB_MSG_REMOVE_ALL_FILTERS);
        WEB_HTML_LIT(h, "</a></p>\n");
    }
    WEB_HTML_LIT(h, "</section>\n");
}

static void render_notes(web_html_t *h, const cote_search_response_t *r)
{
    if (r->n_notes == 0 || !r->notes.data)
        return;
    WEB_HTML_LIT(h, "<section class=\"notes\" aria-label=\"");
    web_html_msg(h, WEB_MSG_NOTES_LABEL);
    WEB_HTML_LIT(h, "\">\n<ul>\n");
    const char *s = r->notes.data, *end = r->notes.data + r->notes.len;
    for (size_t i = 0; i < r->n_notes && s < end; i++) {
        const char *nul = memchr(s, 0, (size_t)(end - s));
        size_t n = nul ? (size_t)(nul - s) : (size_t)(end - s);
        WEB_HTML_LIT(h, "<li>");
        web_html_textn(h, s, n);
        WEB_HTML_LIT(h, "</li>\n");
        s += n + 1;
    }
    WEB_HTML_LIT(h, "</ul>\n</section>\n");
}

static void render_symbols(web_html_t *h, char *const *symbols, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            WEB_HTML_LIT(h, ", ");
        WEB_HTML_LIT(h, "<a class=\"symbol\" href=\"https://undocs.org/fr/");
        web_html_url(h, symbols[i], true);
        WEB_HTML_LIT(h, "\" hreflang=\"fr\">");
        web_html_text(h, symbols[i]);
        WEB_HTML_LIT(h, "</a>");
    }
}

/* The snippet, escaped, with each match in <mark>; highlights are code point
 * offsets (searcher/snippet.h) turned back into bytes here. */
static void render_snippet(web_html_t *h, const cote_hit_t *hit)
{
    const char *s = hit->snippet;
    size_t byte = 0, cp = 0, done = 0;
    for (size_t k = 0; k < hit->n_highlights; k++) {
        size_t at[2];
        for (int e = 0; e < 2; e++) {
            while (s[byte] && cp < hit->highlights[2 * k + (size_t)e]) {
                byte++;
                while (((unsigned char)s[byte] & 0xC0) == 0x80)
                    byte++;
                cp++;
            }
            at[e] = byte;
        }
        if (at[0] < done || at[1] <= at[0])
            continue;
        web_html_textn(h, s + done, at[0] - done);
        WEB_HTML_LIT(h, "<mark>");
        web_html_textn(h, s + at[0], at[1] - at[0]);
        WEB_HTML_LIT(h, "</mark>");
        done = at[1];
    }
    web_html_text(h, s + done);
}

/* The fragment of the document view that shows the hit's passage: par-N
 * and note-N as route_doc.c names them, else block-N. */
static void passage_fragment(web_html_t *h, const cote_hit_t *hit)
{
    bool numbered = hit->label && cote_ascii_all_digits(hit->label, strlen(hit->label));
    if (numbered && hit->kind && strcmp(hit->kind, "paragraph") == 0) {
        WEB_HTML_LIT(h, "#par-");
        web_html_url(h, hit->label, false);
    } else if (numbered && hit->kind && strcmp(hit->kind, "footnote") == 0) {
        WEB_HTML_LIT(h, "#note-");
        web_html_url(h, hit->label, false);
    } else if (hit->block >= 0) {
        WEB_HTML_LIT(h, "#block-");
        web_html_long(h, hit->block);
    }
}

/* "par. 9", "note 3", "al. a (par. 12)", "titre", "intertitre II". */
static void passage_name(web_html_t *h, const cote_hit_t *hit)
{
    const char *k = hit->kind ? hit->kind : "";
    bool labelled = hit->label && *hit->label;
    if (strcmp(k, "paragraph") == 0) {
        if (labelled) {
            web_html_msg(h, WEB_MSG_PAR);
            web_html_text(h, hit->label);
        } else if (hit->paragraph >= 0) {
            web_html_msg(h, WEB_MSG_PAR_CONT);
            web_html_long(h, hit->paragraph);
        } else {
            web_html_msg(h, WEB_MSG_PAR_UNNUMBERED);
        }
    } else if (strcmp(k, "footnote") == 0) {
        web_html_msg(h, WEB_MSG_NOTE);
        web_html_text(h, hit->label);
    } else if (strcmp(k, "item") == 0) {
        web_html_msg(h, WEB_MSG_ITEM);
        web_html_text(h, hit->label);
        if (hit->paragraph >= 0) {
            WEB_HTML_LIT(h, " (");
            web_html_msg(h, WEB_MSG_PAR);
            web_html_long(h, hit->paragraph);
            WEB_HTML_LIT(h, ")");
        }
    } else if (strcmp(k, "heading") == 0) {
        web_html_msg(h, WEB_MSG_HEADING);
        if (labelled) {
            WEB_HTML_LIT(h, " ");
            web_html_text(h, hit->label);
        }
    } else if (strcmp(k, "title") == 0) {
        web_html_msg(h, WEB_MSG_TITLE);
    } else {
        web_html_msg(h, WEB_MSG_PASSAGE);
    }
}

/* /doc/{doc}?q=… (so the view can mark the words), without the fragment. */
static void doc_href(web_html_t *h, const cote_hit_t *hit, const web_search_params_t *p)
{
    WEB_HTML_PATH(h, "/doc/");
    web_html_url(h, hit->doc, false);
    bool lang = h->view.lang_pinned;
    if (p->q && *p->q) {
        WEB_HTML_LIT(h, "?q=");
        web_html_url(h, p->q, false);
        if (lang) {
            WEB_HTML_LIT(h, "&amp;lang=");
            web_html_text(h, web_lang_code(h->view.lang));
        }
    } else if (lang) {
        WEB_HTML_LIT(h, "?lang=");
        web_html_text(h, web_lang_code(h->view.lang));
    }
}

/* Documents open outside an embedding frame: the iframe is a search box. */
static void doc_target(web_html_t *h)
{
    if (h->view.embed)
        WEB_HTML_LIT(h, " target=\"_blank\" rel=\"noopener\"");
}

static void render_hit(web_html_t *h, const cote_hit_t *hit, const web_search_params_t *p)
{
    WEB_HTML_LIT(h, "<li class=\"hit\">\n<h2><span class=\"rank\">");
    web_html_ulong(h, hit->rank);
    WEB_HTML_LIT(h, ".</span> <a href=\"");
    doc_href(h, hit, p);
    WEB_HTML_LIT(h, "\"");
    doc_target(h);
    WEB_HTML_LIT(h, ">");
    if (hit->title && *hit->title)
        web_html_text(h, hit->title);
    else
        web_html_msg(h, WEB_MSG_UNTITLED);
    WEB_HTML_LIT(h, "</a></h2>\n<p class=\"meta\">");
    if (hit->n_symbols > 0) {
        WEB_HTML_LIT(h, "<span class=\"symbols\">");
        web_html_msg(h, WEB_MSG_SYMBOL_LABEL);
        render_symbols(h, hit->symbols, hit->n_symbols);
        WEB_HTML_LIT(h, "</span>");
    }
    /* the document's own date, type and organ, as the index recorded them */
    if (hit->date[0]) {
        WEB_HTML_LIT(h, "<span class=\"date\"><time datetime=\"");
        web_html_text(h, hit->date);
        WEB_HTML_LIT(h, "\">");
        web_html_text(h, hit->date);
        WEB_HTML_LIT(h, "</time></span>");
    }
    if (hit->type && *hit->type) {
        WEB_HTML_LIT(h, "<span class=\"type\">");
        web_html_text(h, in_english(h) && hit->type_en && *hit->type_en ? hit->type_en : hit->type);
        WEB_HTML_LIT(h, "</span>");
    }
    if (hit->organ && *hit->organ) {
        WEB_HTML_LIT(h, "<span class=\"organ\">");
        web_html_text(h, in_english(h) && hit->organ_label_en && *hit->organ_label_en ? hit->organ_label_en
                         : hit->organ_label && *hit->organ_label                        ? hit->organ_label
                                                                                        : hit->organ);
        WEB_HTML_LIT(h, "</span>");
    }
    WEB_HTML_LIT(h, "<span class=\"passage\"><a href=\"");
    doc_href(h, hit, p);
    passage_fragment(h, hit);
    WEB_HTML_LIT(h, "\"");
    doc_target(h);
    WEB_HTML_LIT(h, ">");
    passage_name(h, hit);
    WEB_HTML_LIT(h, "</a></span>");
    if (hit->page > 0) {
        WEB_HTML_LIT(h, "<span class=\"page\">");
        web_html_msg(h, WEB_MSG_PAGE_ABBR);
        web_html_long(h, hit->page);
        WEB_HTML_LIT(h, "</span>");
    }
    if (hit->others > 0) {
        /* the document's other matching passages: the same search, within it */
        WEB_HTML_LIT(h, "<span class=\"others\">");
        if (p->q && *p->q && !p->within) {
            WEB_HTML_LIT(h, "<a href=\"");
            WEB_HTML_PATH(h, "/");
            WEB_HTML_LIT(h, "?q=");
            web_html_url(h, p->q, false);
            WEB_HTML_LIT(h, "&amp;in=");
            web_html_url(h, hit->doc, false);
            WEB_HTML_LIT(h, "&amp;limit=100");
            web_html_keep(h, '&');
            WEB_HTML_LIT(h, "\">");
        }
        WEB_HTML_LIT(h, "+");
        web_html_ulong(h, hit->others);
        web_html_msg(h, hit->others == 1 ? WEB_MSG_OTHER_PASSAGE : WEB_MSG_OTHER_PASSAGES);
        if (p->q && *p->q && !p->within)
            WEB_HTML_LIT(h, "</a>");
        WEB_HTML_LIT(h, "</span>");
    }
    WEB_HTML_LIT(h, "</p>\n");
    if (hit->snippet && *hit->snippet) {
        WEB_HTML_LIT(h, "<p class=\"snippet\">");
        render_snippet(h, hit);
        WEB_HTML_LIT(h, "</p>\n");
    }
    WEB_HTML_LIT(h, "<p class=\"file\">");
    web_html_text(h, hit->file);
    WEB_HTML_LIT(h, "</p>\n</li>\n");
}

static void render_empty(web_html_t *h, const cote_search_response_t *r, const web_search_params_t *p)
{
    WEB_HTML_LIT(h, "<section class=\"notice\">\n");
    if (r->total > 0 && r->offset > 0) {
        web_search_params_t first = *p;
        first.offset = 0;
        WEB_HTML_LIT(h, "<h1>");
        web_html_msg(h, WEB_MSG_EMPTY_PAGE);
        WEB_HTML_LIT(h, "</h1>\n<p>");
        web_html_msg(h, WEB_MSG_EMPTY_PAGE_FROM);
        web_html_ulong(h, r->offset + 1UL);
        WEB_HTML_LIT(h, ". <a href=\"");
        search_href(h, &first);
        WEB_HTML_LIT(h, "\">");
        web_html_msg(h, WEB_MSG_FIRST_PAGE);
        WEB_HTML_LIT(h, "</a>.</p>\n</section>\n");
        return;
    }
    WEB_HTML_LIT(h, "<h1>");
    web_html_msg(h, WEB_MSG_NO_RESULTS);
    WEB_HTML_LIT(h, "</h1>\n<p>");
    web_html_msg(h, WEB_MSG_NO_DOC_MATCHES);
    if (p->q && *p->q) {
        web_html_msg(h, WEB_MSG_QUOTE_OPEN);
        web_html_text(h, p->q);
        web_html_msg(h, WEB_MSG_QUOTE_CLOSE);
    }
    if (any_filter(p))
        web_html_msg(h, WEB_MSG_WITH_FILTERS);
    WEB_HTML_LIT(h, ".</p>\n<ul>\n");
    if (any_filter(p) && p->q && *p->q) {
        web_search_params_t none = {.q = p->q, .q_len = p->q_len, .limit = p->limit, .by_date = p->by_date};
        WEB_HTML_LIT(h, "<li><a href=\"");
        search_href(h, &none);
        WEB_HTML_LIT(h, "\">");
        web_html_msg(h, WEB_MSG_WITHOUT_FILTERS);
        WEB_HTML_LIT(h, "</a>");
        web_html_msg(h, WEB_MSG_OR_REMOVE_ONE);
        WEB_HTML_LIT(h, "</li>\n");
    }
    web_html_msg(h, WEB_MSG_NO_RESULTS_TIPS);
    WEB_HTML_LIT(h, "</ul>\n</section>\n");
}

/* "Sort: relevance | date", the current order as text, the other a link. */
static void render_sort(web_html_t *h, const web_search_params_t *p)
{
    web_search_params_t n = *p;
    n.offset = 0;
    WEB_HTML_LIT(h, "<p class=\"sort\">");
    web_html_msg(h, WEB_MSG_SORT);
    if (p->by_date) {
        n.by_date = 0;
        WEB_HTML_LIT(h, " <a href=\"");
        search_href(h, &n);
        WEB_HTML_LIT(h, "\">");
        web_html_msg(h, WEB_MSG_SORT_RELEVANCE);
        WEB_HTML_LIT(h, "</a> · <strong aria-current=\"true\">");
        web_html_msg(h, WEB_MSG_SORT_DATE);
        WEB_HTML_LIT(h, "</strong></p>\n");
    } else {
        n.by_date = 1;
        WEB_HTML_LIT(h, " <strong aria-current=\"true\">");
        web_html_msg(h, WEB_MSG_SORT_RELEVANCE);
        WEB_HTML_LIT(h, "</strong> · <a href=\"");
        search_href(h, &n);
        WEB_HTML_LIT(h, "\">");
        web_html_msg(h, WEB_MSG_SORT_DATE);
        WEB_HTML_LIT(h, "</a></p>\n");
    }
}

/* The spelling suggestion (searcher.h): "Did you mean X?", or, when the
 * hits are already those of the corrected query, "Results for X: no
 * document matches Q". X links to its own search, filters kept. */
static void render_suggestion(web_html_t *h, const cote_search_response_t *r, const web_search_params_t *p)
{
    if (!r->suggestion || !*r->suggestion)
        return;
    web_search_params_t n = *p;
    n.q = r->suggestion;
    n.q_len = strlen(r->suggestion);
    n.offset = 0;
    WEB_HTML_LIT(h, "<p class=\"suggestion\">");
    web_html_msg(h, r->corrected ? WEB_MSG_CORRECTED : WEB_MSG_SUGGEST);
    WEB_HTML_LIT(h, "<a href=\"");
    search_href(h, &n);
    WEB_HTML_LIT(h, "\"><strong>");
    web_html_text(h, r->suggestion);
    WEB_HTML_LIT(h, "</strong></a>");
    if (r->corrected) {
        web_html_msg(h, WEB_MSG_CORRECTED_NONE);
        web_html_text(h, p->q);
        web_html_msg(h, WEB_MSG_QUOTE_CLOSE);
        WEB_HTML_LIT(h, ".</p>\n");
    } else {
        web_html_msg(h, WEB_MSG_SUGGEST_END);
        WEB_HTML_LIT(h, "</p>\n");
    }
}

static bool has_facets(const cote_search_response_t *r)
{
    for (size_t i = 0; i < COTE_FACETS; i++)
        if (r->facets[i].n > 0)
            return true;
    return false;
}

static void render_results(web_html_t *h, const cote_search_response_t *r, const web_search_params_t *p)
{
    if (has_facets(r))
        WEB_HTML_LIT(h, "<div class=\"layout\">\n<div class=\"results-col\">\n");
    else
        WEB_HTML_LIT(h, "<div class=\"layout single\">\n<div class=\"results-col\">\n");
    if (r->n_hits > 0) { /* the no-results notice has its own <h1> */
        WEB_HTML_LIT(h, "<h1 class=\"visually-hidden\">");
        web_html_msg(h, WEB_MSG_RESULTS);
        WEB_HTML_LIT(h, "</h1>\n");
    }
    render_notes(h, r);
    render_suggestion(h, r, p);
    render_active(h, r, p);
    if (r->n_hits == 0) {
        render_empty(h, r, p);
        WEB_HTML_LIT(h, "</div>\n");
        render_facets(h, r, p);
        WEB_HTML_LIT(h, "</div>\n");
        return;
    }
    WEB_HTML_LIT(h, "<p class=\"count\">");
    web_html_ulong(h, r->total);
    web_html_msg(h, r->total == 1 ? WEB_MSG_RESULT_COUNT1 : WEB_MSG_RESULT_COUNTN);
    WEB_HTML_LIT(h, " — ");
    web_html_ulong(h, r->offset + 1UL);
    web_html_msg(h, WEB_MSG_RANGE_TO);
    web_html_ulong(h, r->offset + (unsigned long)r->n_hits);
    if (has_facets(r)) {
        WEB_HTML_LIT(h, " <a class=\"to-facets\" href=\"#filtres\">");
        web_html_msg(h, WEB_MSG_REFINE_SHORT);
        WEB_HTML_LIT(h, "</a>");
    }
    WEB_HTML_LIT(h, "</p>\n");
    render_sort(h, p);
    WEB_HTML_LIT(h, "<ol class=\"results\">\n");
    for (size_t i = 0; i < r->n_hits; i++)
        render_hit(h, &r->hits[i], p);
    WEB_HTML_LIT(h, "</ol>\n");

    bool prev = r->offset > 0;
    bool next = r->offset + (unsigned long)r->n_hits < r->total &&
                r->offset + r->n_hits <= COTE_OFFSET_MAX;
    if (prev || next) {
        WEB_HTML_LIT(h, "<nav class=\"pager\" aria-label=\"");
        web_html_msg(h, WEB_MSG_PAGER_LABEL);
        WEB_HTML_LIT(h, "\">\n");
        web_search_params_t n = *p;
        if (prev) {
            n.offset = r->offset > r->limit ? r->offset - r->limit : 0;
            WEB_HTML_LIT(h, "<a rel=\"prev\" href=\"");
            search_href(h, &n);
            WEB_HTML_LIT(h, "\">");
            web_html_msg(h, WEB_MSG_PREV);
            WEB_HTML_LIT(h, "</a>\n");
        }
        if (next) {
            n.offset = r->offset + (unsigned)r->n_hits;
            WEB_HTML_LIT(h, "<a rel=\"next\" href=\"");
            search_href(h, &n);
            WEB_HTML_LIT(h, "\">");
            web_html_msg(h, WEB_MSG_NEXT);
            WEB_HTML_LIT(h, "</a>\n");
        }
        WEB_HTML_LIT(h, "</nav>\n");
    }
    WEB_HTML_LIT(h, "</div>\n");
    render_facets(h, r, p);
    WEB_HTML_LIT(h, "</div>\n");
}

enum MHD_Result web_route_search_page(web_request_t *rq, const char *tail)
{
    (void)tail;
    cote_error_t err;
    cote_error_clear(&err);
    web_html_t h = WEB_HTML_FOR(rq->view);
    web_search_params_t p;
    cote_status_t st = web_params_search(rq->conn, &p, &err);
    if (st != COTE_OK) {
        /* The query is not shown back: it may be what was wrong. */
        web_page_message(&h, MHD_HTTP_BAD_REQUEST, st, NULL, cote_error_text(&err));
        return web_respond_page(rq, MHD_HTTP_BAD_REQUEST, &h);
    }
    if (web_params_query_blank(&p) && !any_filter(&p)) {
        web_page_begin(&h, NULL, NULL);
        WEB_HTML_LIT(&h, "<section class=\"intro\">\n<h1>");
        web_html_msg(&h, WEB_MSG_SEARCH);
        WEB_HTML_LIT(&h, "</h1>\n<p>");
        web_html_msg(&h, WEB_MSG_INTRO);
        WEB_HTML_LIT(&h, "</p>\n</section>\n");
        web_page_end(&h);
        return web_respond_page(rq, MHD_HTTP_OK, &h);
    }

    cote_searcher_t *s = NULL;
    cote_search_response_t *res = NULL;
    st = web_pool_checkout(rq->server->pool, &s, &err);
    if (st == COTE_OK) {
        cote_search_request_t req = {.query = p.q ? p.q : "", .offset = p.offset, .limit = p.limit,
                                     .from = p.from, .to = p.to, .org = p.org, .symbol = p.symbol,
                                     .type = p.type, .organ = p.organ, .by_date = p.by_date, .within = p.within,
                                     .time_limit_ms = rq->server->time_limit_ms};
        st = cote_searcher_search(s, &req, &res, &err);
        web_pool_checkin(rq->server->pool, s, st);
    }
    if (st != COTE_OK) {
        unsigned http = (unsigned)cote_status_http(st);
        web_page_message(&h, http, st, p.q, cote_error_text(&err));
        return web_respond_page(rq, http, &h);
    }
    web_page_begin_search(&h, p.q && *p.q ? p.q : web_msg(h.view.lang, WEB_MSG_FILTERED_SEARCH), &p);
    render_results(&h, res, &p);
    web_page_end(&h);
    cote_search_response_free(res);
    return web_respond_page(rq, MHD_HTTP_OK, &h);
}
