/* routes.h: the request handlers the router's table points to.
 *
 * Each handler runs once per request, after the router has matched the path
 * and the method and the request has been read completely. `tail` is the
 * part of the (percent-decoded) path after a prefix route's prefix, "" for
 * exact routes. A handler answers through respond.h exactly once and returns
 * what that helper returned. Handlers check a searcher out of the pool for
 * the duration of the call only, and free everything they allocate before
 * returning (the response body excepted, which MHD owns).
 */
#ifndef COTE_WEB_ROUTES_H
#define COTE_WEB_ROUTES_H

#include <microhttpd.h>

#include "request.h"

/* Longest document reference accepted in /doc/ and /api/v1/document/. */
#define WEB_REF_MAX 512

/* route_search.c: GET / (the search page; results when q is given). */
enum MHD_Result web_route_search_page(web_request_t *rq, const char *tail);
/* route_doc.c: GET /doc/{ref} (one document as HTML). */
enum MHD_Result web_route_doc_page(web_request_t *rq, const char *tail);
/* route_api.c: GET /api/v1/search, /api/v1/facets, /api/v1/complete,
 * /api/v1/suggest, /api/v1/document/{ref}, /api/v1/similar/{ref}, /healthz,
 * /opensearch.xml. */
enum MHD_Result web_route_api_search(web_request_t *rq, const char *tail);
enum MHD_Result web_route_api_facets(web_request_t *rq, const char *tail);
enum MHD_Result web_route_api_complete(web_request_t *rq, const char *tail);
enum MHD_Result web_route_opensearch(web_request_t *rq, const char *tail);
enum MHD_Result web_route_api_document(web_request_t *rq, const char *tail);
enum MHD_Result web_route_api_similar(web_request_t *rq, const char *tail);
enum MHD_Result web_route_api_suggest(web_request_t *rq, const char *tail);
enum MHD_Result web_route_health(web_request_t *rq, const char *tail);
/* route_static.c: GET /static/{name} from the compiled-in asset table. */
enum MHD_Result web_route_static(web_request_t *rq, const char *tail);

/* route_api.c: checks a reference taken from a path (non-empty, at most
 * WEB_REF_MAX bytes, valid UTF-8). Statuses: OK, NOT_FOUND (empty),
 * TOO_LARGE, BAD_INPUT. */
cote_status_t web_route_check_ref(const char *ref, cote_error_t *err);

#endif
