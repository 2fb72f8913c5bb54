/* router.c: the route table and the request life cycle inside MHD.
 *
 * The base path is taken off the front of the path when it is there, and
 * the path is routed as it is otherwise: a proxy that strips the prefix
 * (nginx `proxy_pass http://127.0.0.1:8080/;` under `location /cote/`) and
 * one that forwards it (`proxy_pass http://127.0.0.1:8080;`) both work, and
 * the pages always print links with the prefix. The only paths that cannot
 * be told apart are the server's own paths repeated under the prefix
 * ("/cote/cote/..."), which no page prints.
 */
#include "router.h"

#include <stdlib.h>
#include <string.h>

#include "index_stamp.h"
#include "response_cache.h"

#include "respond.h"
#include "routes.h"

/* /healthz, the static assets and the OpenSearch description are not
 * cached: the first must look at the index each time, the others cost
 * nothing to answer. */
static const web_route_t ROUTES[] = {
    {"GET", "/", false, web_route_search_page, true},
    {"GET", "/healthz", false, web_route_health, false},
    {"GET", "/opensearch.xml", false, web_route_opensearch, false},
    {"GET", "/api/v1/search", false, web_route_api_search, true},
    {"GET", "/api/v1/facets", false, web_route_api_facets, true},
    {"GET", "/api/v1/complete", false, web_route_api_complete, true},
    {"GET", "/api/v1/suggest", false, web_route_api_suggest, true},
    {"GET", "/api/v1/document/", true, web_route_api_document, true},
    {"GET", "/api/v1/similar/", true, web_route_api_similar, true},
    {"GET", "/doc/", true, web_route_doc_page, true},
    {"GET", "/static/", true, web_route_static, false},
};

#define N_ROUTES (sizeof ROUTES / sizeof ROUTES[0])

static bool path_matches(const web_route_t *r, const char *url)
{
    if (r->prefix)
        return strncmp(url, r->path, strlen(r->path)) == 0;
    return strcmp(url, r->path) == 0;
}

static bool method_matches(const web_route_t *r, const char *method)
{
    if (strcmp(method, r->method) == 0)
        return true;
    return strcmp(r->method, MHD_HTTP_METHOD_GET) == 0 &&
           strcmp(method, MHD_HTTP_METHOD_HEAD) == 0;
}

/* Finds the row for (method, url). When the path matches rows but the
 * method matches none, *allow receives the methods those rows accept. */
static const web_route_t *find_route(const char *method, const char *url, char *allow,
                                     size_t allow_size)
{
    allow[0] = '\0';
    for (size_t i = 0; i < N_ROUTES; i++) {
        const web_route_t *r = &ROUTES[i];
        if (!path_matches(r, url))
            continue;
        if (method_matches(r, method))
            return r;
        const char *names = strcmp(r->method, MHD_HTTP_METHOD_GET) == 0 ? "GET, HEAD, OPTIONS" : r->method;
        size_t used = strlen(allow);
        if (strstr(allow, names) || used + strlen(names) + 3 > allow_size)
            continue;
        if (used > 0) {
            memcpy(allow + used, ", ", 2);
            used += 2;
        }
        memcpy(allow + used, names, strlen(names) + 1);
    }
    return NULL;
}

static void copy_method(web_request_t *rq, const char *method)
{
    size_t n = strlen(method);
    if (n >= sizeof rq->method)
        n = sizeof rq->method - 1;
    memcpy(rq->method, method, n);
    rq->method[n] = '\0';
}

/* The allow-list entry equal to the request's Origin header, or NULL.
 * Exact comparison: "https://intranet.example" does not allow
 * "https://intranet.example.evil" nor "http://intranet.example". */
static const char *allowed_origin(const web_request_t *rq)
{
    if (rq->server->n_cors == 0)
        return NULL;
    const char *origin =
        MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, "Origin");
    if (!origin)
        return NULL;
    for (size_t i = 0; i < rq->server->n_cors; i++)
        if (strcmp(origin, rq->server->cors[i]) == 0)
            return rq->server->cors[i];
    return NULL;
}

/* The path to route: url without the base path when it starts with it. */
static const char *route_path(const web_request_t *rq, const char *url)
{
    const char *path = url + rq->base_skip;
    return *path ? path : "/";
}

/* OPTIONS on a known path: the methods it takes and, under /api/, the CORS
 * preflight answer. A browser sends a preflight only for requests that are
 * not "simple"; cote's GETs are, but a page adding a header (Accept-Language
 * is safelisted, X-Requested-With is not) triggers one. */
static enum MHD_Result answer_options(web_request_t *rq, const char *path)
{
    char allow[64];
    const web_route_t *r = find_route(MHD_HTTP_METHOD_GET, path, allow, sizeof allow);
    if (!r && !allow[0])
        return web_respond_error(rq, COTE_NOT_FOUND, 0, "no such page");
    bool has_origin = MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, "Origin") != NULL;
    if (rq->api && has_origin && !rq->cors_origin)
        return web_respond_error(rq, COTE_UNSUPPORTED, MHD_HTTP_FORBIDDEN,
                                 "this origin is not allowed (cote serve --cors-origin)");
    return web_respond_options(rq, "GET, HEAD, OPTIONS");
}

/* Appends s, its separators escaped, to the key. */
static int key_put(cote_strbuf_t *k, const char *s)
{
    for (; s && *s; s++)
        if (((*s == '\\' || *s == '\n' || *s == '=') && cote_strbuf_putc(k, '\\')) || cote_strbuf_putc(k, *s))
            return 1;
    return 0;
}

static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    cote_strbuf_t *k = cls;
    int bad = key_put(k, key) || (value && (cote_strbuf_putc(k, '=') || key_put(k, value))) || cote_strbuf_putc(k, '\n');
    return bad ? MHD_NO : MHD_YES;
}

/* Answers from the response cache when it holds this request's body, and
 * otherwise leaves in rq->cache_key the key under which respond.c keeps
 * the body of a 200 answer. Returns true when answered (*ret set). */
static bool answer_from_cache(web_request_t *rq, const char *path, enum MHD_Result *ret)
{
    uint64_t stamp;
    if (!web_index_stamp(rq->server->db_path, &stamp))
        return false; /* remote shards, or the index moving: no cache */
    cote_strbuf_t k = COTE_STRBUF_INIT;
    int bad = cote_strbuf_printf(&k, "%016llx\n%d%d%d\n", (unsigned long long)stamp, (int)rq->view.lang,
                                 (int)rq->view.lang_pinned, (int)rq->view.embed) ||
              key_put(&k, path) || cote_strbuf_putc(&k, '\n');
    /* the decoded arguments, in the request's order (a count guards against
     * one that MHD could not decode being left out) */
    if (!bad && MHD_get_connection_values(rq->conn, MHD_GET_ARGUMENT_KIND, add_arg, &k) < 0)
        bad = 1;
    if (bad) {
        cote_strbuf_free(&k);
        return false;
    }
    char *body = NULL;
    size_t len = 0;
    const char *type = NULL;
    if (web_cache_get(rq->server->cache, k.data, k.len, &body, &len, &type)) {
        cote_strbuf_free(&k);
        *ret = web_respond_cached(rq, type, body, len);
        return true;
    }
    rq->cache_key_len = k.len;
    rq->cache_key = cote_strbuf_take(&k);
    return false;
}

enum MHD_Result web_router_handle(web_request_t *rq, const char *method, const char *url,
                                  size_t *upload_data_size)
{
    if (rq->http_status != 0) {
        /* Answered already (an early error): drop whatever still arrives. */
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (!rq->route) {
        /* First call: headers read, body (if any) not yet. */
        copy_method(rq, method);
        const char *base = rq->server->base;
        size_t bl = strlen(base);
        if (bl && strncmp(url, base, bl) == 0 && (url[bl] == '/' || url[bl] == '\0'))
            rq->base_skip = bl;
        const char *path = route_path(rq, url);
        rq->api = strncmp(path, "/api/", 5) == 0;
        web_view_read(&rq->view, rq->conn, base, path);
        if (rq->api)
            rq->cors_origin = allowed_origin(rq);
        if (rq->uri_len > WEB_URI_MAX)
            return web_respond_error(rq, COTE_TOO_LARGE, MHD_HTTP_URI_TOO_LONG,
                                     "the request target is too long");
        if (rq->nul_in_path)
            return web_respond_error(rq, COTE_BAD_INPUT, MHD_HTTP_BAD_REQUEST,
                                     "the path holds an encoded NUL byte");
        if (strcmp(method, MHD_HTTP_METHOD_OPTIONS) == 0)
            return answer_options(rq, path);
        char allow[64];
        const web_route_t *r = find_route(method, path, allow, sizeof allow);
        if (!r && allow[0])
            return web_respond_not_allowed(rq, allow);
        if (!r)
            return web_respond_error(rq, COTE_NOT_FOUND, 0, "no such page");
        rq->route = r;
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        /* GET takes no body: read it and drop it. */
        *upload_data_size = 0;
        return MHD_YES;
    }
    const char *tail = rq->route->prefix ? route_path(rq, url) + strlen(rq->route->path) : "";
    if (rq->route->cached && rq->server->cache) {
        enum MHD_Result ret;
        if (answer_from_cache(rq, route_path(rq, url), &ret))
            return ret;
    }
    return rq->route->handler(rq, tail);
}
