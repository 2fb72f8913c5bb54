/* fuzz_web_escape.c: libFuzzer target for what the server prints from a
 * request (html.h): text escaped for HTML never holds a raw < > " ' or &
 * that is not an entity, a percent-encoded URL only unreserved bytes and %XX;
 * and the check of a document reference taken from a path. */
#include <stdint.h>

#include "fuzz.h"
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "routes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    web_html_t h = WEB_HTML_INIT;
    web_html_text(&h, s);
    for (size_t i = 0; i < h.buf.len; i++) {
        char c = h.buf.data[i];
        if (c == '<' || c == '>' || c == '"' || c == '\'')
            abort();
        if (c == '&' && !memchr(h.buf.data + i, ';', h.buf.len - i))
            abort();
    }
    web_html_free(&h);
    web_html_t u = WEB_HTML_INIT;
    web_html_url(&u, s, size % 2);
    for (size_t i = 0; i < u.buf.len; i++) {
        unsigned char c = (unsigned char)u.buf.data[i];
        int ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || strchr("-._~%/", c);
        if (!ok || (c == '/' && !(size % 2)))
            abort();
    }
    web_html_free(&u);
    (void)web_route_check_ref(s, NULL);
    free(s);
    return 0;
}
