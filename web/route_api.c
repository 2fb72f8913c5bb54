/* route_api.c: the JSON API.
 *
 *   GET /api/v1/search?q=&limit=&offset=   cote_search_response_json()
 *   GET /api/v1/document/{ref}             cote_document_json(with_text)
 *   GET /healthz                           {"status":"ok","documents":N} when a
 *                                          searcher can be checked out and refreshed
 * The bodies are exactly what the searcher writes (docs/api.md), with no
 * final newline; errors are {"error":{"status","message"}} (respond.h).
 */
#include <string.h>

#include "params.h"
#include "respond.h"
#include "routes.h"
#include "searcher.h"
#include "utf8.h"

cote_status_t web_route_check_ref(const char *ref, cote_error_t *err)
{
    size_t n = strlen(ref);
    if (n == 0)
        return cote_error_set(err, COTE_NOT_FOUND, "no document reference given");
    if (n > WEB_REF_MAX)
        return cote_error_set(err, COTE_TOO_LARGE, "document reference longer than %d bytes",
                              WEB_REF_MAX);
    if (!cote_utf8_valid(ref, n, NULL))
        return cote_error_set(err, COTE_BAD_INPUT, "document reference is not valid UTF-8");
    return COTE_OK;
}

/* Answers with a JSON body, or the error that prevented building it. */
static enum MHD_Result respond_built(web_request_t *rq, cote_status_t st, cote_strbuf_t *sb)
{
    if (st != COTE_OK) {
        cote_strbuf_free(sb);
        return web_respond_error(rq, st, 0, NULL);
    }
    return web_respond_json(rq, MHD_HTTP_OK, sb);
}

enum MHD_Result web_route_api_search(web_request_t *rq, const char *tail)
{
    (void)tail;
    cote_error_t err;
    cote_error_clear(&err);
    web_search_params_t p;
    cote_status_t st = web_params_search(rq->conn, &p, &err);
    if (st != COTE_OK)
        return web_respond_error(rq, st, MHD_HTTP_BAD_REQUEST, cote_error_text(&err));
    int filtered = p.from || p.to || p.org || p.symbol || p.type || p.organ;
    if (web_params_query_blank(&p) && !filtered)
        return web_respond_error(rq, COTE_INVALID_ARG, MHD_HTTP_BAD_REQUEST,
                                 "parameter q (or a filter: from, to, org, symbol, type, organ) is required");

    cote_searcher_t *s = NULL;
    st = web_pool_checkout(rq->server->pool, &s, &err);
    if (st != COTE_OK)
        return web_respond_error(rq, st, 0, cote_error_text(&err));
    cote_search_request_t req = {p.q ? p.q : "", p.offset, p.limit, p.from, p.to, p.org, p.symbol, p.type, p.organ, p.by_date, NULL, 0};
    cote_search_response_t *res = NULL;
    st = cote_searcher_search(s, &req, &res, &err);
    web_pool_checkin(rq->server->pool, s, st);
    if (st != COTE_OK)
        return web_respond_error(rq, st, 0, cote_error_text(&err));

    cote_strbuf_t sb = COTE_STRBUF_INIT;
    st = cote_search_response_json(res, &sb);
    cote_search_response_free(res);
    return respond_built(rq, st, &sb);
}

enum MHD_Result web_route_api_document(web_request_t *rq, const char *tail)
{
    cote_error_t err;
    cote_error_clear(&err);
    cote_status_t st = web_route_check_ref(tail, &err);
    if (st != COTE_OK)
        return web_respond_error(rq, st, st == COTE_NOT_FOUND ? 0 : MHD_HTTP_BAD_REQUEST,
                                 cote_error_text(&err));

    cote_searcher_t *s = NULL;
    st = web_pool_checkout(rq->server->pool, &s, &err);
    if (st != COTE_OK)
        return web_respond_error(rq, st, 0, cote_error_text(&err));
    cote_document_t *doc = NULL;
    st = cote_searcher_document(s, tail, &doc, &err);
    web_pool_checkin(rq->server->pool, s, st);
    if (st != COTE_OK)
        return web_respond_error(rq, st, 0, cote_error_text(&err));

    cote_strbuf_t sb = COTE_STRBUF_INIT;
    st = cote_document_json(doc, true, &sb);
    cote_document_free(doc);
    return respond_built(rq, st, &sb);
}

enum MHD_Result web_route_health(web_request_t *rq, const char *tail)
{
    (void)tail;
    cote_error_t err;
    cote_error_clear(&err);
    cote_searcher_t *s = NULL;
    cote_status_t st = web_pool_checkout(rq->server->pool, &s, &err);
    if (st != COTE_OK) {
        rq->api = true; /* a probe reads JSON whatever the path */
        return web_respond_error(rq, st, 0, cote_error_text(&err));
    }
    unsigned long docs = 0;
    st = cote_searcher_count(s, &docs, &err);
    web_pool_checkin(rq->server->pool, s, st);
    if (st != COTE_OK) {
        rq->api = true;
        return web_respond_error(rq, st, 0, cote_error_text(&err));
    }
    cote_strbuf_t sb = COTE_STRBUF_INIT;
    st = cote_strbuf_printf(&sb, "{\"status\":\"ok\",\"documents\":%lu}", docs);
    return respond_built(rq, st, &sb);
}
