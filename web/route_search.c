/* route_search.c: GET /, the search page.
 *
 * Without q (or with a blank one) it is the form alone; with q it runs the
 * search and lists the hits: rank, title linking to /doc/{doc}, symbols
 * linking to undocs.org, file, paragraph, snippet, then a pager built from
 * offset and limit. Every value from the request or the index goes through
 * web_html_text() or web_html_url(). Failures are shown on the same page,
 * the query still in the search box.
 */
#include "params.h"
#include "page.h"
#include "respond.h"
#include "routes.h"
#include "searcher.h"

/* href="/?q=…&offset=…[&limit=…]" for a page of the same query. */
static void page_link(web_html_t *h, const char *q, unsigned offset, unsigned limit)
{
    WEB_HTML_LIT(h, "/?q=");
    web_html_url(h, q, false);
    if (offset > 0) {
        WEB_HTML_LIT(h, "&amp;offset=");
        web_html_ulong(h, offset);
    }
    if (limit != WEB_LIMIT_DEFAULT) {
        WEB_HTML_LIT(h, "&amp;limit=");
        web_html_ulong(h, limit);
    }
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

static void render_hit(web_html_t *h, const cote_hit_t *hit)
{
    WEB_HTML_LIT(h, "<li class=\"hit\">\n<h2><span class=\"rank\">");
    web_html_ulong(h, hit->rank);
    WEB_HTML_LIT(h, ".</span> <a href=\"/doc/");
    web_html_url(h, hit->doc, false);
    WEB_HTML_LIT(h, "\">");
    if (hit->title && *hit->title)
        web_html_text(h, hit->title);
    else
        WEB_HTML_LIT(h, "(sans titre)");
    WEB_HTML_LIT(h, "</a></h2>\n<p class=\"meta\">");
    if (hit->n_symbols > 0) {
        WEB_HTML_LIT(h, "<span>Cote : ");
        render_symbols(h, hit->symbols, hit->n_symbols);
        WEB_HTML_LIT(h, "</span> ");
    }
    WEB_HTML_LIT(h, "<span class=\"file\">");
    web_html_text(h, hit->file);
    WEB_HTML_LIT(h, "</span>");
    if (hit->paragraph != -1) {
        WEB_HTML_LIT(h, " <span class=\"par\">par. ");
        web_html_long(h, hit->paragraph);
        WEB_HTML_LIT(h, "</span>");
    }
    WEB_HTML_LIT(h, "</p>\n");
    if (hit->snippet && *hit->snippet) {
        WEB_HTML_LIT(h, "<p class=\"snippet\">");
        render_snippet(h, hit);
        WEB_HTML_LIT(h, "</p>\n");
    }
    WEB_HTML_LIT(h, "</li>\n");
}

static void render_empty(web_html_t *h, const cote_search_response_t *r, const char *q)
{
    WEB_HTML_LIT(h, "<section class=\"notice\">\n");
    if (r->total > 0 && r->offset > 0) {
        WEB_HTML_LIT(h, "<h1>Aucun résultat sur cette page</h1>\n"
                        "<p>La recherche a des résultats, mais pas à partir du rang ");
        web_html_ulong(h, r->offset + 1UL);
        WEB_HTML_LIT(h, ". <a href=\"");
        page_link(h, q, 0, r->limit);
        WEB_HTML_LIT(h, "\">Revenir à la première page</a>.</p>\n</section>\n");
        return;
    }
    WEB_HTML_LIT(h, "<h1>Aucun résultat</h1>\n<p>Aucun document ne correspond à « ");
    web_html_text(h, q);
    WEB_HTML_LIT(h, " ».</p>\n<ul>\n"
                    "<li>Vérifiez l’orthographe des mots.</li>\n"
                    "<li>Essayez moins de mots, ou des mots plus généraux.</li>\n"
                    "<li>Retirez les guillemets ou les exclusions (<kbd>-mot</kbd>).</li>\n"
                    "<li>Pour un document précis, tapez sa cote, par exemple "
                    "<kbd>A/RES/74/239</kbd>.</li>\n"
                    "</ul>\n</section>\n");
}

static void render_results(web_html_t *h, const cote_search_response_t *r, const char *q)
{
    if (r->n_hits == 0) {
        render_empty(h, r, q);
        return;
    }
    WEB_HTML_LIT(h, "<h1 class=\"visually-hidden\">Résultats</h1>\n<p class=\"count\">");
    web_html_ulong(h, r->total);
    if (r->total == 1)
        WEB_HTML_LIT(h, " résultat");
    else
        WEB_HTML_LIT(h, " résultats");
    WEB_HTML_LIT(h, " — ");
    web_html_ulong(h, r->offset + 1UL);
    WEB_HTML_LIT(h, " à ");
    web_html_ulong(h, r->offset + (unsigned long)r->n_hits);
    WEB_HTML_LIT(h, "</p>\n<ol class=\"results\">\n");
    for (size_t i = 0; i < r->n_hits; i++)
        render_hit(h, &r->hits[i]);
    WEB_HTML_LIT(h, "</ol>\n");

    bool prev = r->offset > 0;
    bool next = r->offset + (unsigned long)r->n_hits < r->total &&
                r->offset + r->n_hits <= COTE_OFFSET_MAX;
    if (!prev && !next)
        return;
    WEB_HTML_LIT(h, "<nav class=\"pager\" aria-label=\"Pages de résultats\">\n");
    if (prev) {
        unsigned back = r->offset > r->limit ? r->offset - r->limit : 0;
        WEB_HTML_LIT(h, "<a rel=\"prev\" href=\"");
        page_link(h, q, back, r->limit);
        WEB_HTML_LIT(h, "\">← précédent</a>\n");
    }
    if (next) {
        WEB_HTML_LIT(h, "<a rel=\"next\" href=\"");
        page_link(h, q, r->offset + (unsigned)r->n_hits, r->limit);
        WEB_HTML_LIT(h, "\">suivant →</a>\n");
    }
    WEB_HTML_LIT(h, "</nav>\n");
}

enum MHD_Result web_route_search_page(web_request_t *rq, const char *tail)
{
    (void)tail;
    cote_error_t err;
    cote_error_clear(&err);
    web_html_t h = WEB_HTML_INIT;
    web_search_params_t p;
    cote_status_t st = web_params_search(rq->conn, &p, &err);
    if (st != COTE_OK) {
        /* The query is not shown back: it may be what was wrong. */
        web_page_message(&h, MHD_HTTP_BAD_REQUEST, st, NULL, cote_error_text(&err));
        return web_respond_page(rq, MHD_HTTP_BAD_REQUEST, &h);
    }
    if (web_params_query_blank(&p)) {
        web_page_begin(&h, NULL, NULL);
        WEB_HTML_LIT(&h, "<section class=\"intro\">\n<h1>Rechercher</h1>\n"
                         "<p>Tapez des mots, une expression entre guillemets ou la cote d’un "
                         "document, puis validez.</p>\n</section>\n");
        web_page_end(&h);
        return web_respond_page(rq, MHD_HTTP_OK, &h);
    }

    cote_searcher_t *s = NULL;
    cote_search_response_t *res = NULL;
    st = web_pool_checkout(rq->server->pool, &s, &err);
    if (st == COTE_OK) {
        cote_search_request_t req = {p.q, p.offset, p.limit, p.from, p.to, p.org, p.symbol, p.type, p.organ};
        st = cote_searcher_search(s, &req, &res, &err);
        web_pool_checkin(rq->server->pool, s, st);
    }
    if (st != COTE_OK) {
        unsigned http = (unsigned)cote_status_http(st);
        web_page_message(&h, http, st, p.q, cote_error_text(&err));
        return web_respond_page(rq, http, &h);
    }
    web_page_begin(&h, p.q, p.q);
    render_results(&h, res, p.q);
    web_page_end(&h);
    cote_search_response_free(res);
    return web_respond_page(rq, MHD_HTTP_OK, &h);
}
