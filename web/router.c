/* router.c: the route table and the request life cycle inside MHD. */
#include "router.h"

#include <string.h>

#include "respond.h"
#include "routes.h"

static const web_route_t ROUTES[] = {
    {"GET", "/", false, web_route_search_page},
    {"GET", "/healthz", false, web_route_health},
    {"GET", "/api/v1/search", false, web_route_api_search},
    {"GET", "/api/v1/document/", true, web_route_api_document},
    {"GET", "/doc/", true, web_route_doc_page},
    {"GET", "/static/", true, web_route_static},
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
        const char *names = strcmp(r->method, MHD_HTTP_METHOD_GET) == 0 ? "GET, HEAD" : r->method;
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
        rq->api = strncmp(url, "/api/", 5) == 0;
        if (rq->uri_len > WEB_URI_MAX)
            return web_respond_error(rq, COTE_TOO_LARGE, MHD_HTTP_URI_TOO_LONG,
                                     "the request target is too long");
        if (rq->nul_in_path)
            return web_respond_error(rq, COTE_BAD_INPUT, MHD_HTTP_BAD_REQUEST,
                                     "the path holds an encoded NUL byte");
        char allow[64];
        const web_route_t *r = find_route(method, url, allow, sizeof allow);
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
    const char *tail = rq->route->prefix ? url + strlen(rq->route->path) : "";
    return rq->route->handler(rq, tail);
}
