/* respond.c: building MHD responses with the shared headers. */
#include "respond.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "page.h"
#include "response_cache.h"
#include "utf8.h"

#define TYPE_HTML "text/html; charset=utf-8"
#define TYPE_JSON "application/json; charset=utf-8"
#define TYPE_TEXT "text/plain; charset=utf-8"

/* Scripts, styles, images and API calls from this origin only; no plugin,
 * no inline script or style, forms post only here, framed only by this
 * origin (an ?embed=1 page: also by the --cors-origin origins, server.c). */
#define CSP_DEFAULT                                                                 \
    "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; "     \
    "connect-src 'self'; form-action 'self'; frame-ancestors 'self'; base-uri 'none'"

#define CACHE_DYNAMIC "no-store"
#define CACHE_ASSET "public, max-age=3600"
#define PREFLIGHT_MAX_AGE "600"

/* The headers every response carries, and those that depend on the request:
 * the CSP and X-Frame-Options of the embed mode, CORS, Vary. */
static bool add_headers(struct MHD_Response *r, const web_request_t *rq, unsigned http,
                        const char *type, bool preflight)
{
    const web_server_t *srv = rq->server;
    bool embed = rq->view.embed && srv && srv->csp_embed;
    const char *csp = embed ? srv->csp_embed : CSP_DEFAULT;
    bool ok = MHD_add_response_header(r, "Content-Security-Policy", csp) == MHD_YES &&
              MHD_add_response_header(r, "X-Content-Type-Options", "nosniff") == MHD_YES &&
              MHD_add_response_header(r, "Referrer-Policy", "no-referrer") == MHD_YES;
    /* X-Frame-Options cannot name other origins: an embed page framable by
     * the allow-list relies on frame-ancestors alone, which every browser
     * that knows it prefers anyway. */
    if (ok && !(embed && srv->n_cors > 0))
        ok = MHD_add_response_header(r, "X-Frame-Options", "SAMEORIGIN") == MHD_YES;
    /* Pages change with Accept-Language; API answers with Origin when an
     * allow-list exists, so a cache must not mix them. */
    if (ok && type && strncmp(type, "text/html", 9) == 0)
        ok = MHD_add_response_header(r, MHD_HTTP_HEADER_VARY, "Accept-Language") == MHD_YES;
    else if (ok && rq->api && srv && srv->n_cors > 0)
        ok = MHD_add_response_header(r, MHD_HTTP_HEADER_VARY, "Origin") == MHD_YES;
    if (ok && rq->cors_origin) {
        ok = MHD_add_response_header(r, "Access-Control-Allow-Origin", rq->cors_origin) == MHD_YES;
        if (ok && preflight)
            ok = MHD_add_response_header(r, "Access-Control-Allow-Methods", "GET, HEAD, OPTIONS") ==
                     MHD_YES &&
                 MHD_add_response_header(r, "Access-Control-Allow-Headers",
                                         "Accept, Accept-Language, Content-Type, X-Requested-With") ==
                     MHD_YES &&
                 MHD_add_response_header(r, "Access-Control-Max-Age", PREFLIGHT_MAX_AGE) == MHD_YES;
    }
    if (ok && http == MHD_HTTP_SERVICE_UNAVAILABLE)
        ok = MHD_add_response_header(r, MHD_HTTP_HEADER_RETRY_AFTER, "1") == MHD_YES;
    return ok;
}

static const char NOMEM_BODY[] = "503 Service Unavailable: out of memory\n";

/* body must be free()d when mode is MUST_FREE, whatever happens. */
static enum MHD_Result queue_ex(web_request_t *rq, unsigned http, const char *type, void *body,
                                size_t len, enum MHD_ResponseMemoryMode mode, const char *cache,
                                const char *allow, bool preflight)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(len, body, mode);
    if (!r) {
        /* MHD takes ownership only when it returns a response. */
        if (mode == MHD_RESPMEM_MUST_FREE)
            free(body);
        return MHD_NO;
    }
    bool ok = MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, cache) == MHD_YES;
    if (ok && type)
        ok = MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type) == MHD_YES;
    if (ok)
        ok = add_headers(r, rq, http, type, preflight);
    if (ok && allow)
        ok = MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, allow) == MHD_YES;
    enum MHD_Result ret = MHD_NO;
    if (ok)
        ret = MHD_queue_response(rq->conn, http, r);
    MHD_destroy_response(r);
    if (ret == MHD_YES)
        rq->http_status = http;
    return ret;
}

static enum MHD_Result queue(web_request_t *rq, unsigned http, const char *type, void *body,
                             size_t len, enum MHD_ResponseMemoryMode mode, const char *cache,
                             const char *allow)
{
    return queue_ex(rq, http, type, body, len, mode, cache, allow, false);
}

/* MHD's buffer parameter is not const-qualified, but PERSISTENT bodies are
 * only read; the uintptr_t step drops the qualifier without a warning. */
static void *unconst(const void *p)
{
    return (void *)(uintptr_t)p;
}

static enum MHD_Result respond_nomem(web_request_t *rq)
{
    return queue(rq, MHD_HTTP_SERVICE_UNAVAILABLE, TYPE_TEXT, unconst(NOMEM_BODY),
                 sizeof NOMEM_BODY - 1, MHD_RESPMEM_PERSISTENT, CACHE_DYNAMIC, NULL);
}

static enum MHD_Result respond_buffer(web_request_t *rq, unsigned http, const char *type,
                                      cote_strbuf_t *sb, const char *allow)
{
    size_t len = sb->len;
    char *body = cote_strbuf_take(sb);
    if (!body)
        return respond_nomem(rq);
    /* a route's successful answer, for the next identical request (router.c) */
    if (http == MHD_HTTP_OK && rq->cache_key)
        web_cache_put(rq->server->cache, rq->cache_key, rq->cache_key_len, type, body, len);
    return queue(rq, http, type, body, len, MHD_RESPMEM_MUST_FREE, CACHE_DYNAMIC, allow);
}

enum MHD_Result web_respond_cached(web_request_t *rq, const char *type, char *body, size_t len)
{
    return queue(rq, MHD_HTTP_OK, type, body, len, MHD_RESPMEM_MUST_FREE, CACHE_DYNAMIC, NULL);
}

static enum MHD_Result respond_page(web_request_t *rq, unsigned http, web_html_t *page,
                                    const char *allow)
{
    if (page->status != COTE_OK) {
        web_html_free(page);
        return respond_nomem(rq);
    }
    return respond_buffer(rq, http, TYPE_HTML, &page->buf, allow);
}

enum MHD_Result web_respond_page(web_request_t *rq, unsigned http, web_html_t *page)
{
    return respond_page(rq, http, page, NULL);
}

enum MHD_Result web_respond_json(web_request_t *rq, unsigned http, cote_strbuf_t *body)
{
    return respond_buffer(rq, http, TYPE_JSON, body, NULL);
}

enum MHD_Result web_respond_body(web_request_t *rq, unsigned http, const char *type,
                                 cote_strbuf_t *body)
{
    return respond_buffer(rq, http, type, body, NULL);
}

enum MHD_Result web_respond_options(web_request_t *rq, const char *allow)
{
    return queue_ex(rq, MHD_HTTP_NO_CONTENT, NULL, unconst(""), 0, MHD_RESPMEM_PERSISTENT,
                    CACHE_DYNAMIC, allow, true);
}

enum MHD_Result web_respond_asset(web_request_t *rq, const cote_asset_t *asset)
{
    return queue(rq, MHD_HTTP_OK, asset->type, unconst(asset->data), asset->len,
                 MHD_RESPMEM_PERSISTENT, CACHE_ASSET, NULL);
}

/* Appends s as a JSON string. Invalid UTF-8 becomes U+FFFD, so the body is
 * valid JSON even when a message was cut inside a multi-byte sequence. */
static cote_status_t json_string(cote_strbuf_t *sb, const char *s)
{
    cote_status_t st = cote_strbuf_putc(sb, '"');
    size_t n = strlen(s);
    for (size_t i = 0; i < n && st == COTE_OK;) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            char esc[2] = {'\\', (char)c};
            st = cote_strbuf_append(sb, esc, 2);
            i++;
        } else if (c < 0x20 || c == 0x7F) {
            st = cote_strbuf_printf(sb, "\\u%04x", (unsigned)c);
            i++;
        } else if (c < 0x80) {
            st = cote_strbuf_putc(sb, (char)c);
            i++;
        } else {
            uint32_t cp;
            size_t k = cote_utf8_decode(s + i, n - i, &cp);
            if (k == 0) {
                st = cote_strbuf_puts(sb, "\\ufffd");
                i++;
            } else {
                st = cote_strbuf_append(sb, s + i, k);
                i += k;
            }
        }
    }
    if (st == COTE_OK)
        st = cote_strbuf_putc(sb, '"');
    return st;
}

static enum MHD_Result respond_error(web_request_t *rq, cote_status_t st, unsigned http,
                                     const char *detail, const char *allow)
{
    if (http == 0)
        http = (unsigned)cote_status_http(st);
    if (!detail || !*detail)
        detail = cote_status_message(st);
    if (!rq->api) {
        web_html_t page = WEB_HTML_FOR(rq->view);
        web_page_message(&page, http, st, NULL, detail);
        return respond_page(rq, http, &page, allow);
    }
    cote_strbuf_t sb = COTE_STRBUF_INIT;
    cote_status_t w = cote_strbuf_puts(&sb, "{\"error\":{\"status\":");
    if (w == COTE_OK)
        w = json_string(&sb, cote_status_name(st));
    if (w == COTE_OK)
        w = cote_strbuf_puts(&sb, ",\"message\":");
    if (w == COTE_OK)
        w = json_string(&sb, detail);
    if (w == COTE_OK)
        w = cote_strbuf_puts(&sb, "}}");
    if (w != COTE_OK) {
        cote_strbuf_free(&sb);
        return respond_nomem(rq);
    }
    return respond_buffer(rq, http, TYPE_JSON, &sb, allow);
}

enum MHD_Result web_respond_error(web_request_t *rq, cote_status_t st, unsigned http,
                                  const char *detail)
{
    return respond_error(rq, st, http, detail, NULL);
}

enum MHD_Result web_respond_not_allowed(web_request_t *rq, const char *allow)
{
    char detail[128];
    snprintf(detail, sizeof detail, "method not allowed; this path answers %s", allow);
    return respond_error(rq, COTE_UNSUPPORTED, MHD_HTTP_METHOD_NOT_ALLOWED, detail, allow);
}
