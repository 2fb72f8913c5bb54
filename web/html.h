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

#include "status.h"
#include "strbuf.h"

typedef struct {
    cote_strbuf_t buf;
    cote_status_t status; /* COTE_OK, or COTE_NOMEM once an append failed */
} web_html_t;

#define WEB_HTML_INIT {COTE_STRBUF_INIT, COTE_OK}

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

/* Appends a number in decimal. */
void web_html_ulong(web_html_t *h, unsigned long v);
void web_html_long(web_html_t *h, long v);

/* Releases the buffer (for pages that are not handed to a response). */
void web_html_free(web_html_t *h);

#endif
