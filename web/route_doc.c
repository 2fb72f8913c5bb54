/* route_doc.c: GET /doc/{ref}, one document as HTML.
 *
 * The reference is the rest of the path, already percent-decoded once by
 * libmicrohttpd (decoding it again would turn "%252F" into "/"). It may be
 * a document id, an indexed path or a symbol, as for `cote show`. The text
 * is shown in a <pre> (white space kept by the style sheet, lines wrapped),
 * escaped like everything else.
 */
#include "page.h"
#include "respond.h"
#include "routes.h"
#include "searcher.h"

static void render_document(web_html_t *h, const cote_document_t *d)
{
    WEB_HTML_LIT(h, "<article class=\"document\">\n<h1>");
    if (d->title && *d->title)
        web_html_text(h, d->title);
    else
        WEB_HTML_LIT(h, "(sans titre)");
    WEB_HTML_LIT(h, "</h1>\n<dl class=\"meta\">\n");
    if (d->n_symbols > 0) {
        WEB_HTML_LIT(h, "<dt>Cotes</dt>\n<dd>");
        for (size_t i = 0; i < d->n_symbols; i++) {
            if (i > 0)
                WEB_HTML_LIT(h, ", ");
            WEB_HTML_LIT(h, "<a class=\"symbol\" href=\"https://undocs.org/fr/");
            web_html_url(h, d->symbols[i], true);
            WEB_HTML_LIT(h, "\" hreflang=\"fr\">");
            web_html_text(h, d->symbols[i]);
            WEB_HTML_LIT(h, "</a>");
        }
        WEB_HTML_LIT(h, "</dd>\n");
    }
    WEB_HTML_LIT(h, "<dt>Fichier</dt>\n<dd>");
    web_html_text(h, d->file);
    WEB_HTML_LIT(h, "</dd>\n<dt>Identifiant</dt>\n<dd><code>");
    web_html_text(h, d->doc);
    WEB_HTML_LIT(h, "</code> (<a href=\"/api/v1/document/");
    web_html_url(h, d->doc, false);
    WEB_HTML_LIT(h, "\">JSON</a>)</dd>\n<dt>Termes indexés</dt>\n<dd>");
    web_html_ulong(h, d->terms);
    WEB_HTML_LIT(h, "</dd>\n</dl>\n<h2>Texte</h2>\n<pre class=\"text\">");
    web_html_text(h, d->text);
    WEB_HTML_LIT(h, "</pre>\n</article>\n");
}

enum MHD_Result web_route_doc_page(web_request_t *rq, const char *tail)
{
    cote_error_t err;
    cote_error_clear(&err);
    web_html_t h = WEB_HTML_INIT;
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
    web_page_begin(&h, doc->title && *doc->title ? doc->title : doc->doc, NULL);
    render_document(&h, doc);
    web_page_end(&h);
    cote_document_free(doc);
    return web_respond_page(rq, MHD_HTTP_OK, &h);
}
