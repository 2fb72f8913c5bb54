/* html.h: an escaping HTML writer over cote_strbuf_t.
 *
 * Every byte of a page goes through one of three doors:
 *   - WEB_HTML_LIT(h, "<p>") appends markup. It accepts only a string literal
 *     (the macro pastes "" around it), so text that came from a request or
 *     from the index cannot be passed by mistake;
 *   - web_html_text() appends text, escaping & < > " ' so the same call is
 *     safe between tags and inside a quoted attribute value;
 *   - web_html_url() appends a percent-encoded URL component, for the parts
 *     of href values that come from data (a query, a document id, a symbol).
 * Text need not be valid UTF-8: invalid bytes and C0 control characters
 * (other than tab, line feed and carriage return) are written as U+FFFD, so
 * the page is always valid UTF-8 whatever the index or the client sent.
 *
 * A writer also carries the request's view (view.h), so that the helpers
 * below print local URLs under the --base-path prefix, keep a pinned
 * language and the embed mode in links, and pick the interface strings
 * (i18n.h) in the page's language:
 *   - WEB_HTML_PATH(h, "/static/style.css") appends base + a literal path;
 *   - web_html_keep(h, '?' or '&') appends the parameters every link keeps
 *     (lang=…, embed=1), the first one after the given separator;
 *   - web_html_msg(h, WEB_MSG_…) appends an interface string.
 *
 * Errors are sticky: the first allocation failure sets h->status to
 * COTE_NOMEM and every later call does nothing, so a page is built with a
 * run of calls and checked once at the end.
 *
 * Ownership: the caller owns the web_html_t (usually on its stack) and either
 * hands h->buf to a response or calls web_html_free(). Not thread-safe; one
 * writer per request.
 */
#ifndef COTE_WEB_HTML_H
#define COTE_WEB_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "i18n.h"
#include "status.h"
#include "strbuf.h"
#include "view.h"

typedef struct {
    cote_strbuf_t buf;
    cote_status_t status; /* COTE_OK, or COTE_NOMEM once an append failed */
    web_view_t view;      /* base path, language, embed mode */
} web_html_t;

/* A writer with the default view (no base path, French). */
#define WEB_HTML_INIT {COTE_STRBUF_INIT, COTE_OK, WEB_VIEW_DEFAULT}
/* A writer with a request's view: web_html_t h = WEB_HTML_FOR(rq->view); */
#define WEB_HTML_FOR(v) {COTE_STRBUF_INIT, COTE_OK, (v)}

/* Appends markup written in the source code; see the paragraph above. */
#define WEB_HTML_LIT(h, literal) web_html_markup_((h), "" literal "", sizeof(literal) - 1)
void web_html_markup_(web_html_t *h, const char *markup, size_t n);

/* Appends s (NUL-terminated; NULL appends nothing) or s[0..n), escaped. */
void web_html_text(web_html_t *h, const char *s);
void web_html_textn(web_html_t *h, const char *s, size_t n);

/* Appends s percent-encoded: only A-Z a-z 0-9 - . _ ~ are kept, and '/' too
 * when keep_slash (for a path such as a UN symbol in an undocs.org link).
 * The output needs no further HTML escaping inside a quoted attribute. */
void web_html_url(web_html_t *h, const char *s, bool keep_slash);

/* Appends the base path, then a literal local path ("/", "/doc/"). */
#define WEB_HTML_PATH(h, literal) web_html_path_((h), "" literal "", sizeof(literal) - 1)
void web_html_path_(web_html_t *h, const char *path, size_t n);

/* Appends "lang=xx" (when pinned) and "embed=1" (in embed mode), the first
 * after sep ('?' or '&', written "&amp;"), the second after "&amp;".
 * Returns true when it appended anything. */
bool web_html_keep(web_html_t *h, char sep);

/* Appends the interface string id in the writer's language. The strings are
 * markup written in i18n.c, trusted like WEB_HTML_LIT. */
void web_html_msg(web_html_t *h, web_msg_t id);

/* Appends a number in decimal. */
void web_html_ulong(web_html_t *h, unsigned long v);
void web_html_long(web_html_t *h, long v);

/* Releases the buffer (for pages that are not handed to a response). */
void web_html_free(web_html_t *h);

#endif
