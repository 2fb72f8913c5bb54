/* router.h: from method and path to a handler, through one static table.
 *
 * The table (router.c) lists {method, path, exact or prefix, handler}. A
 * path no row matches gets 404; a path some row matches with another method
 * gets 405 and an Allow header (a GET row also allows HEAD, which MHD answers
 * without a body, and OPTIONS, answered here: 204 with Allow, and the CORS
 * preflight headers under /api/ for an allowed Origin; 403 for an Origin not
 * on the allow-list). Paths are compared after libmicrohttpd's
 * percent-decoding and never touch the filesystem.
 *
 * With `--base-path /cote`, a path that starts with "/cote/" (or is "/cote")
 * is routed without the prefix; any other path is routed as it is, so the
 * server works behind a proxy that strips the prefix and behind one that
 * keeps it. The first call also reads the request's view (view.h) and
 * matches its Origin against the CORS allow-list.
 *
 * web_router_handle() is the body of the MHD access handler. On MHD's first
 * call for a request it checks the target's length (414 above WEB_URI_MAX)
 * and refuses an encoded NUL in the path (400), then routes, answering errors at once so a refused upload is never read; a
 * body sent with GET is read and dropped; on the last call it runs the
 * handler. Thread rule: the table is read-only, so this is thread-safe.
 */
#ifndef COTE_WEB_ROUTER_H
#define COTE_WEB_ROUTER_H

#include <stdbool.h>
#include <stddef.h>

#include <microhttpd.h>

#include "request.h"

typedef enum MHD_Result (*web_handler_fn)(web_request_t *rq, const char *tail);

typedef struct web_route {
    const char *method;     /* "GET" */
    const char *path;       /* "/healthz", or a prefix ending in '/' */
    bool prefix;            /* path is a prefix; the rest is the handler's tail */
    web_handler_fn handler;
    bool cached;            /* its 200 answers depend only on the request and the
                             * index: kept in the response cache (response_cache.h) */
} web_route_t;

enum MHD_Result web_router_handle(web_request_t *rq, const char *method, const char *url,
                                  size_t *upload_data_size);

#endif
