/* html.c: escaping of text and URL components for the HTML pages.
 *
 * Text is walked one UTF-8 sequence at a time with cote_utf8_decode(): ASCII
 * is escaped byte by byte, a valid multi-byte sequence is copied as is, and
 * any byte that starts no valid sequence becomes U+FFFD. Runs of bytes that
 * need no escaping are appended in one call to keep this cheap on long texts.
 */
#include "html.h"

#include <stdint.h>
#include <string.h>

#include "utf8.h"

static const char REPLACEMENT[] = "\xEF\xBF\xBD"; /* U+FFFD in UTF-8 */

static void put(web_html_t *h, const char *s, size_t n)
{
    if (h->status == COTE_OK && n > 0)
        h->status = cote_strbuf_append(&h->buf, s, n);
}

void web_html_markup_(web_html_t *h, const char *markup, size_t n)
{
    put(h, markup, n);
}

/* The escape of one ASCII byte, or NULL when it is written as is. */
static const char *ascii_escape(unsigned char c)
{
    switch (c) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return "&quot;";
    case '\'': return "&#39;";
    case '\t': case '\n': case '\r': return NULL;
    default: break;
    }
    if (c < 0x20 || c == 0x7F)
        return REPLACEMENT;
    return NULL;
}

void web_html_textn(web_html_t *h, const char *s, size_t n)
{
    if (!s)
        return;
    size_t run = 0; /* start of the pending run of bytes copied verbatim */
    size_t i = 0;
    while (i < n && h->status == COTE_OK) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = NULL;
        size_t step = 1;
        if (c < 0x80) {
            esc = ascii_escape(c);
        } else {
            uint32_t cp;
            step = cote_utf8_decode(s + i, n - i, &cp);
            if (step == 0) {
                esc = REPLACEMENT;
                step = 1;
            }
        }
        if (esc) {
            put(h, s + run, i - run);
            put(h, esc, strlen(esc));
            run = i + step;
        }
        i += step;
    }
    put(h, s + run, i - run);
}

void web_html_text(web_html_t *h, const char *s)
{
    if (s)
        web_html_textn(h, s, strlen(s));
}

void web_html_url(web_html_t *h, const char *s, bool keep_slash)
{
    static const char hex[] = "0123456789ABCDEF";
    if (!s)
        return;
    for (; *s && h->status == COTE_OK; s++) {
        unsigned char c = (unsigned char)*s;
        bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                     c == '-' || c == '.' || c == '_' || c == '~' || (keep_slash && c == '/');
        if (plain) {
            put(h, (const char *)&c, 1);
        } else {
            char pct[3] = {'%', hex[c >> 4], hex[c & 0x0F]};
            put(h, pct, sizeof pct);
        }
    }
}

void web_html_path_(web_html_t *h, const char *path, size_t n)
{
    /* base is checked at start-up (server.c): it needs no escaping */
    put(h, h->view.base, strlen(h->view.base));
    put(h, path, n);
}

bool web_html_keep(web_html_t *h, char sep)
{
    bool any = false;
    if (h->view.lang_pinned) {
        if (sep == '?')
            put(h, "?", 1);
        else
            put(h, "&amp;", 5);
        put(h, "lang=", 5);
        put(h, web_lang_code(h->view.lang), 2);
        any = true;
    }
    if (h->view.embed) {
        if (sep == '?' && !any)
            put(h, "?", 1);
        else
            put(h, "&amp;", 5);
        put(h, "embed=1", 7);
        any = true;
    }
    return any;
}

void web_html_msg(web_html_t *h, web_msg_t id)
{
    const char *s = web_msg(h->view.lang, id);
    put(h, s, strlen(s));
}

void web_html_ulong(web_html_t *h, unsigned long v)
{
    if (h->status == COTE_OK)
        h->status = cote_strbuf_printf(&h->buf, "%lu", v);
}

void web_html_long(web_html_t *h, long v)
{
    if (h->status == COTE_OK)
        h->status = cote_strbuf_printf(&h->buf, "%ld", v);
}

void web_html_free(web_html_t *h)
{
    cote_strbuf_free(&h->buf);
    h->status = COTE_OK;
}
