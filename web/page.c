/* page.c: the HTML skeleton, the search form and the error page. */
#include "page.h"

#include <string.h>

/* A hidden field keeping one active filter. */
#define HIDDEN(h, name, v)                                                     \
    do {                                                                       \
        if ((v) && *(v)) {                                                     \
            WEB_HTML_LIT(h, "<input type=\"hidden\" name=\"" name "\" value=\""); \
            web_html_text(h, (v));                                             \
            WEB_HTML_LIT(h, "\">\n");                                          \
        }                                                                      \
    } while (0)

typedef struct {
    web_html_t *h;
    bool first;
} arg_walk_t;

/* Re-encodes one query-string parameter, leaving lang out (the switch sets it). */
static enum MHD_Result copy_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    arg_walk_t *w = cls;
    if (!key || strcmp(key, "lang") == 0)
        return MHD_YES;
    if (w->first)
        WEB_HTML_LIT(w->h, "?");
    else
        WEB_HTML_LIT(w->h, "&amp;");
    w->first = false;
    web_html_url(w->h, key, false);
    if (value) {
        WEB_HTML_LIT(w->h, "=");
        web_html_url(w->h, value, false);
    }
    return MHD_YES;
}

/* The link to the same page in the other language: same path, same
 * parameters, lang pinned to the other one. */
static void language_switch(web_html_t *h)
{
    bool to_en = h->view.lang == WEB_LANG_FR;
    if (to_en)
        WEB_HTML_LIT(h, "<p class=\"lang\"><a lang=\"en\" hreflang=\"en\" href=\"");
    else
        WEB_HTML_LIT(h, "<p class=\"lang\"><a lang=\"fr\" hreflang=\"fr\" href=\"");
    WEB_HTML_PATH(h, "");
    web_html_url(h, h->view.path && *h->view.path ? h->view.path : "/", true);
    arg_walk_t w = {h, true};
    if (h->view.conn)
        MHD_get_connection_values(h->view.conn, MHD_GET_ARGUMENT_KIND, copy_arg, &w);
    if (w.first)
        WEB_HTML_LIT(h, "?");
    else
        WEB_HTML_LIT(h, "&amp;");
    if (to_en)
        WEB_HTML_LIT(h, "lang=en\">English</a></p>\n");
    else
        WEB_HTML_LIT(h, "lang=fr\">Français</a></p>\n");
}

void web_page_begin_search(web_html_t *h, const char *title, const web_search_params_t *p)
{
    if (h->view.lang == WEB_LANG_EN)
        WEB_HTML_LIT(h, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n");
    else
        WEB_HTML_LIT(h, "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n");
    WEB_HTML_LIT(h, "<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<title>");
    if (title && *title) {
        web_html_text(h, title);
        WEB_HTML_LIT(h, " – ");
    }
    WEB_HTML_LIT(h, "cote</title>\n<link rel=\"icon\" href=\"");
    WEB_HTML_PATH(h, "/static/favicon.svg");
    WEB_HTML_LIT(h, "\" type=\"image/svg+xml\">\n<link rel=\"stylesheet\" href=\"");
    WEB_HTML_PATH(h, "/static/style.css");
    WEB_HTML_LIT(h, "\">\n<link rel=\"search\" type=\"application/opensearchdescription+xml\" "
                    "title=\"cote\" href=\"");
    WEB_HTML_PATH(h, "/opensearch.xml");
    WEB_HTML_LIT(h, "\">\n<script src=\"");
    WEB_HTML_PATH(h, "/static/app.js");
    WEB_HTML_LIT(h, "\" defer></script>\n</head>\n");
    /* app.js reads where to ask for completions and in which language */
    if (h->view.embed)
        WEB_HTML_LIT(h, "<body class=\"embed\" data-complete=\"");
    else
        WEB_HTML_LIT(h, "<body data-complete=\"");
    WEB_HTML_PATH(h, "/api/v1/complete");
    WEB_HTML_LIT(h, "\" data-lang=\"");
    web_html_text(h, web_lang_code(h->view.lang));
    WEB_HTML_LIT(h, "\">\n<a class=\"skip\" href=\"#contenu\">");
    web_html_msg(h, WEB_MSG_SKIP);
    WEB_HTML_LIT(h, "</a>\n<header class=\"site\">\n");
    if (!h->view.embed) {
        WEB_HTML_LIT(h, "<div class=\"top\">\n<p class=\"brand\"><a href=\"");
        WEB_HTML_PATH(h, "/");
        web_html_keep(h, '?');
        WEB_HTML_LIT(h, "\">cote</a> <span>");
        web_html_msg(h, WEB_MSG_TAGLINE);
        WEB_HTML_LIT(h, "</span></p>\n");
        language_switch(h);
        WEB_HTML_LIT(h, "</div>\n");
    }
    WEB_HTML_LIT(h, "<form class=\"search\" method=\"get\" action=\"");
    WEB_HTML_PATH(h, "/");
    WEB_HTML_LIT(h, "\" role=\"search\">\n<label for=\"q\">");
    web_html_msg(h, WEB_MSG_SEARCH);
    WEB_HTML_LIT(h, "</label>\n<div class=\"row\">"
                    "<input type=\"search\" id=\"q\" name=\"q\" value=\"");
    web_html_text(h, p ? p->q : NULL);
    WEB_HTML_LIT(h, "\" aria-describedby=\"aide\" autocomplete=\"off\" spellcheck=\"false\">"
                    "<button type=\"submit\">");
    web_html_msg(h, WEB_MSG_SEARCH);
    WEB_HTML_LIT(h, "</button></div>\n<p class=\"help\" id=\"aide\">");
    web_html_msg(h, WEB_MSG_QUERY_HELP);
    WEB_HTML_LIT(h, "</p>\n<fieldset class=\"dates\">\n<legend>");
    web_html_msg(h, WEB_MSG_PERIOD);
    WEB_HTML_LIT(h, "</legend>\n<div class=\"field\"><label for=\"from\">");
    web_html_msg(h, WEB_MSG_FROM);
    WEB_HTML_LIT(h, "</label> <input type=\"text\" id=\"from\" name=\"from\" inputmode=\"numeric\" "
                    "pattern=\"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\" placeholder=\"");
    web_html_msg(h, WEB_MSG_DATE_PLACEHOLDER);
    WEB_HTML_LIT(h, "\" aria-describedby=\"aide-dates\" value=\"");
    web_html_text(h, p ? p->from : NULL);
    WEB_HTML_LIT(h, "\"></div>\n<div class=\"field\"><label for=\"to\">");
    web_html_msg(h, WEB_MSG_TO);
    WEB_HTML_LIT(h, "</label> <input type=\"text\" id=\"to\" name=\"to\" inputmode=\"numeric\" "
                    "pattern=\"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\" placeholder=\"");
    web_html_msg(h, WEB_MSG_DATE_PLACEHOLDER);
    WEB_HTML_LIT(h, "\" aria-describedby=\"aide-dates\" value=\"");
    web_html_text(h, p ? p->to : NULL);
    WEB_HTML_LIT(h, "\"></div>\n<p class=\"help\" id=\"aide-dates\">");
    web_html_msg(h, WEB_MSG_DATE_HELP);
    WEB_HTML_LIT(h, "</p>\n</fieldset>\n");
    if (p) {
        HIDDEN(h, "org", p->org);
        HIDDEN(h, "symbol", p->symbol);
        HIDDEN(h, "type", p->type);
        HIDDEN(h, "organ", p->organ);
        if (p->by_date)
            WEB_HTML_LIT(h, "<input type=\"hidden\" name=\"sort\" value=\"date\">\n");
        if (p->limit != WEB_LIMIT_DEFAULT) {
            WEB_HTML_LIT(h, "<input type=\"hidden\" name=\"limit\" value=\"");
            web_html_ulong(h, p->limit);
            WEB_HTML_LIT(h, "\">\n");
        }
    }
    if (h->view.lang_pinned) {
        WEB_HTML_LIT(h, "<input type=\"hidden\" name=\"lang\" value=\"");
        web_html_text(h, web_lang_code(h->view.lang));
        WEB_HTML_LIT(h, "\">\n");
    }
    if (h->view.embed)
        WEB_HTML_LIT(h, "<input type=\"hidden\" name=\"embed\" value=\"1\">\n");
    WEB_HTML_LIT(h, "</form>\n</header>\n<main id=\"contenu\">\n");
}

void web_page_begin(web_html_t *h, const char *title, const char *query)
{
    web_search_params_t p = {.q = query, .limit = WEB_LIMIT_DEFAULT};
    web_page_begin_search(h, title, &p);
}

void web_page_end(web_html_t *h)
{
    WEB_HTML_LIT(h, "</main>\n");
    if (!h->view.embed) {
        WEB_HTML_LIT(h, "<footer class=\"site\"><p>");
        web_html_msg(h, WEB_MSG_FOOTER);
        WEB_HTML_LIT(h, " <a href=\"");
        WEB_HTML_PATH(h, "/api/v1/search?q=ONU");
        WEB_HTML_LIT(h, "\">API JSON</a></p></footer>\n");
    }
    WEB_HTML_LIT(h, "</body>\n</html>\n");
}

static web_msg_t heading(unsigned http)
{
    switch (http) {
    case 400: return WEB_MSG_HTTP_400;
    case 403: return WEB_MSG_HTTP_403;
    case 404: return WEB_MSG_HTTP_404;
    case 405: return WEB_MSG_HTTP_405;
    case 413:
    case 414:
    case 431: return WEB_MSG_HTTP_413;
    case 503: return WEB_MSG_HTTP_503;
    default: break;
    }
    return http >= 500 ? WEB_MSG_HTTP_500 : WEB_MSG_HTTP_4XX;
}

static web_msg_t sentence(cote_status_t st)
{
    switch (st) {
    case COTE_INVALID_ARG: return WEB_MSG_ST_INVALID_ARG;
    case COTE_BAD_INPUT: return WEB_MSG_ST_BAD_INPUT;
    case COTE_TOO_LARGE: return WEB_MSG_ST_TOO_LARGE;
    case COTE_QUERY_SYNTAX: return WEB_MSG_ST_QUERY_SYNTAX;
    case COTE_QUERY_TOO_BROAD: return WEB_MSG_ST_QUERY_TOO_BROAD;
    case COTE_NOT_FOUND: return WEB_MSG_ST_NOT_FOUND;
    case COTE_UNSUPPORTED: return WEB_MSG_ST_UNSUPPORTED;
    case COTE_DB_OPEN:
    case COTE_DB_LOCKED:
    case COTE_BUSY:
    case COTE_TIMEOUT:
    case COTE_DB_MODIFIED:
    case COTE_REMOTE:
    case COTE_NOMEM: return WEB_MSG_ST_UNAVAILABLE;
    default: break;
    }
    return WEB_MSG_ST_INTERNAL;
}

void web_page_message(web_html_t *h, unsigned http, cote_status_t st, const char *query,
                      const char *detail)
{
    const char *title = web_msg(h->view.lang, heading(http));
    web_page_begin(h, title, query);
    WEB_HTML_LIT(h, "<section class=\"notice\">\n<h1>");
    web_html_msg(h, heading(http));
    WEB_HTML_LIT(h, "</h1>\n<p>");
    web_html_msg(h, sentence(st));
    WEB_HTML_LIT(h, "</p>\n");
    if (detail && *detail) {
        WEB_HTML_LIT(h, "<p class=\"detail\">");
        web_html_msg(h, WEB_MSG_DETAIL);
        web_html_text(h, detail);
        WEB_HTML_LIT(h, "</p>\n");
    }
    WEB_HTML_LIT(h, "<p><a href=\"");
    WEB_HTML_PATH(h, "/");
    web_html_keep(h, '?');
    WEB_HTML_LIT(h, "\">");
    web_html_msg(h, WEB_MSG_BACK_TO_SEARCH);
    WEB_HTML_LIT(h, "</a></p>\n</section>\n");
    web_page_end(h);
}
