/* respond.h: the only way a handler answers a request.
 *
 * Every helper queues one response on rq->conn, records its HTTP status in
 * rq->http_status for the access log and adds the security headers every
 * response carries: Content-Security-Policy (nothing but this origin's
 * scripts, styles and images; frame-ancestors 'self'), X-Content-Type-Options
 * nosniff, Referrer-Policy no-referrer, X-Frame-Options SAMEORIGIN. A page in
 * embed mode (?embed=1, view.h) has frame-ancestors 'self' plus the
 * --cors-origin origins instead, and no X-Frame-Options when there are any
 * (it cannot name them). Dynamic bodies also get `Cache-Control: no-store`;
 * compiled-in assets may be cached. Pages carry `Vary: Accept-Language`;
 * under /api/, with an allow-list, answers carry `Vary: Origin` and, for an
 * allowed Origin, `Access-Control-Allow-Origin: <that origin>`. A 503 says
 * `Retry-After: 1`.
 *
 * Memory modes are chosen per body, never by default:
 *   - pages and JSON are built for one response, so their buffer is handed
 *     to MHD with MHD_RESPMEM_MUST_FREE (no copy; MHD calls free());
 *   - assets and the fixed fallback texts are static, so they go out with
 *     MHD_RESPMEM_PERSISTENT (no copy, no free);
 *   - MHD_RESPMEM_MUST_COPY is not used: no body here lives shorter than
 *     its response without already being ours to give away.
 *
 * Ownership: helpers that take a buffer take its content in every case,
 * success or failure, and leave it empty. If a page failed to build (its
 * writer ran out of memory) a short fixed 503 answer is sent instead.
 *
 * Return value: what MHD_queue_response() returned (MHD_NO closes the
 * connection), which the access handler returns to MHD unchanged.
 */
#ifndef COTE_WEB_RESPOND_H
#define COTE_WEB_RESPOND_H

#include <microhttpd.h>

#include "assets.h"
#include "html.h"
#include "request.h"
#include "status.h"
#include "strbuf.h"

/* A page as text/html; charset=utf-8. */
enum MHD_Result web_respond_page(web_request_t *rq, unsigned http, web_html_t *page);

/* A JSON body as application/json; charset=utf-8. */
enum MHD_Result web_respond_json(web_request_t *rq, unsigned http, cote_strbuf_t *body);
/* A body from the response cache (malloc'ed; taken over): 200, type as kept. */
enum MHD_Result web_respond_cached(web_request_t *rq, const char *type, char *body, size_t len);

/* A body of another type (the OpenSearch description). */
enum MHD_Result web_respond_body(web_request_t *rq, unsigned http, const char *type,
                                 cote_strbuf_t *body);

/* 204 to OPTIONS: Allow, and the CORS preflight headers for an allowed
 * Origin (Allow-Methods, Allow-Headers, Max-Age). */
enum MHD_Result web_respond_options(web_request_t *rq, const char *allow);

/* A compiled-in asset with its own content type. */
enum MHD_Result web_respond_asset(web_request_t *rq, const cote_asset_t *asset);

/* An error: {"error":{"status":NAME,"message":detail}} under /api/, else an
 * HTML page (page.h) in the request's language. http 0 means cote_status_http(st); the
 * parameter checks pass 400 for every malformed query string. detail may be
 * NULL (the status's own sentence is used). */
enum MHD_Result web_respond_error(web_request_t *rq, cote_status_t st, unsigned http,
                                  const char *detail);

/* 405 with an Allow header naming the methods the path accepts. */
enum MHD_Result web_respond_not_allowed(web_request_t *rq, const char *allow);

#endif
