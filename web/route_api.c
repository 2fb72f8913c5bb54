/* route_api.c: the JSON API and the OpenSearch description.
 *
 *   GET /api/v1/search?q=&limit=&offset=   cote_search_response_json()
 *   GET /api/v1/facets?q=&(filters)        {"query","total","facets","notes"}: those
 *                                          members of the same search's response
 *   GET /api/v1/complete?q=PREFIX&limit=   {"query","suggestions":[{"text","label",
 *                                          "kind","freq"}]} (complete.h); with
 *                                          format=opensearch, [q, [texts], [labels]]
 *   GET /api/v1/document/{ref}             cote_document_json(with_text)
 *   GET /healthz                           {"status":"ok","documents":N,"cache":{"hits",
 *                                          "misses","entries","bytes"}} when a searcher
 *                                          can be checked out and refreshed
 *   GET /opensearch.xml                    the OpenSearch 1.1 description
 * The search and document bodies are exactly what the searcher writes
 * (docs/api.md), with no final newline; facets are cut out of the search's
 * JSON with jansson so the two can never disagree; errors are
 * {"error":{"status","message"}} (respond.h).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "complete.h"
#include "html.h"
#include "params.h"
#include "respond.h"
#include "response_cache.h"
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

/* Reads the search parameters and runs the search into *json (the
 * searcher's JSON). first_page_only asks for one hit from the start: the
 * facets route needs nothing else (facets count the best matches whatever
 * the page). On failure the error has been answered and *answered holds
 * what the responder returned. */
static cote_status_t run_search(web_request_t *rq, bool first_page_only, const char *similar_ref,
                                cote_strbuf_t *json, enum MHD_Result *answered)
{
    cote_error_t err;
    cote_error_clear(&err);
    web_search_params_t p;
    cote_status_t st = web_params_search(rq->conn, &p, &err);
    if (st != COTE_OK) {
        *answered = web_respond_error(rq, st, MHD_HTTP_BAD_REQUEST, cote_error_text(&err));
        return st;
    }
    int filtered = p.from || p.to || p.org || p.symbol || p.type || p.organ;
    if (!similar_ref && web_params_query_blank(&p) && !filtered) {
        *answered = web_respond_error(rq, COTE_INVALID_ARG, MHD_HTTP_BAD_REQUEST,
                                      "parameter q (or a filter: from, to, org, symbol, type, organ) is required");
        return COTE_INVALID_ARG;
    }
    if (first_page_only) {
        p.offset = 0;
        p.limit = 1;
    }

    cote_searcher_t *s = NULL;
    st = web_pool_checkout(rq->server->pool, &s, &err);
    if (st != COTE_OK) {
        *answered = web_respond_error(rq, st, 0, cote_error_text(&err));
        return st;
    }
    cote_search_request_t req = {.query = p.q ? p.q : "", .offset = p.offset, .limit = p.limit,
                                     .from = p.from, .to = p.to, .org = p.org, .symbol = p.symbol,
                                     .type = p.type, .organ = p.organ, .by_date = p.by_date,
                                     .within = p.within, .time_limit_ms = rq->server->time_limit_ms};
    cote_search_response_t *res = NULL;
    if (similar_ref) {
        req.query = "";
        st = cote_searcher_similar(s, similar_ref, &req, &res, &err);
    } else {
        st = cote_searcher_search(s, &req, &res, &err);
    }
    web_pool_checkin(rq->server->pool, s, st);
    if (st != COTE_OK) {
        *answered = web_respond_error(rq, st, 0, cote_error_text(&err));
        return st;
    }
    st = cote_search_response_json(res, json);
    cote_search_response_free(res);
    if (st != COTE_OK) {
        cote_strbuf_free(json);
        *answered = web_respond_error(rq, st, 0, NULL);
    }
    return st;
}

enum MHD_Result web_route_api_search(web_request_t *rq, const char *tail)
{
    (void)tail;
    cote_strbuf_t sb = COTE_STRBUF_INIT;
    enum MHD_Result answered = MHD_NO;
    if (run_search(rq, false, NULL, &sb, &answered) != COTE_OK)
        return answered;
    return web_respond_json(rq, MHD_HTTP_OK, &sb);
}

/* Appends the compact JSON of v to sb, taking v. */
static cote_status_t dump_json(json_t *v, cote_strbuf_t *sb)
{
    char *text = v ? json_dumps(v, JSON_COMPACT) : NULL;
    json_decref(v);
    if (!text)
        return COTE_NOMEM;
    cote_status_t st = cote_strbuf_puts(sb, text);
    free(text);
    return st;
}

enum MHD_Result web_route_api_facets(web_request_t *rq, const char *tail)
{
    (void)tail;
    cote_strbuf_t full = COTE_STRBUF_INIT;
    enum MHD_Result answered = MHD_NO;
    if (run_search(rq, true, NULL, &full, &answered) != COTE_OK)
        return answered;
    json_error_t jerr;
    json_t *all = json_loadb(full.data, full.len, 0, &jerr);
    cote_strbuf_free(&full);
    json_t *out = json_object();
    if (!all || !out) {
        json_decref(all);
        json_decref(out);
        return web_respond_error(rq, COTE_INTERNAL, 0, "cannot read the search response");
    }
    static const char *const keep[] = {"query", "total", "facets", "notes"};
    for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
        json_t *v = json_object_get(all, keep[i]);
        if (v)
            json_object_set(out, keep[i], v);
    }
    json_decref(all);
    cote_strbuf_t sb = COTE_STRBUF_INIT;
    return respond_built(rq, dump_json(out, &sb), &sb);
}

/* limit of /api/v1/complete: 1..WEB_COMPLETE_MAX, default WEB_COMPLETE_DEFAULT. */
static cote_status_t complete_limit(struct MHD_Connection *conn, unsigned *out, cote_error_t *err)
{
    const char *v = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "limit");
    *out = WEB_COMPLETE_DEFAULT;
    if (!v || !*v)
        return COTE_OK;
    unsigned n = 0;
    for (size_t i = 0; v[i]; i++) {
        if (v[i] < '0' || v[i] > '9' || i >= 3)
            return cote_error_set(err, COTE_BAD_INPUT, "limit must be a number from 1 to %d",
                                  WEB_COMPLETE_MAX);
        n = n * 10 + (unsigned)(v[i] - '0');
    }
    if (n < 1 || n > WEB_COMPLETE_MAX)
        return cote_error_set(err, COTE_INVALID_ARG, "limit must be a number from 1 to %d",
                              WEB_COMPLETE_MAX);
    *out = n;
    return COTE_OK;
}

static json_t *completions_json(const char *q, const web_completions_t *c, bool opensearch)
{
    if (opensearch) {
        json_t *texts = json_array(), *labels = json_array();
        for (size_t i = 0; texts && labels && i < c->n; i++) {
            json_array_append_new(texts, json_string(c->v[i].text));
            json_array_append_new(labels, json_string(c->v[i].label));
        }
        return json_pack("[soo]", q, texts, labels);
    }
    json_t *list = json_array();
    for (size_t i = 0; list && i < c->n; i++)
        json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:I}", "text", c->v[i].text, "label",
                                              c->v[i].label, "kind", c->v[i].kind, "freq",
                                              (json_int_t)c->v[i].freq));
    return json_pack("{s:s, s:o}", "query", q, "suggestions", list);
}

enum MHD_Result web_route_api_complete(web_request_t *rq, const char *tail)
{
    (void)tail;
    cote_error_t err;
    cote_error_clear(&err);
    const char *q = NULL;
    size_t qn = 0;
    if (MHD_lookup_connection_value_n(rq->conn, MHD_GET_ARGUMENT_KIND, "q", 1, &q, &qn) != MHD_YES || !q)
        return web_respond_error(rq, COTE_INVALID_ARG, MHD_HTTP_BAD_REQUEST, "parameter q is required");
    if (qn > WEB_COMPLETE_PREFIX_MAX)
        return web_respond_error(rq, COTE_TOO_LARGE, MHD_HTTP_BAD_REQUEST,
                                 "q is longer than the 64 bytes a completion takes");
    if (memchr(q, '\0', qn) || !cote_utf8_valid(q, qn, NULL))
        return web_respond_error(rq, COTE_BAD_INPUT, MHD_HTTP_BAD_REQUEST, "q is not valid UTF-8 text");
    unsigned limit;
    cote_status_t st = complete_limit(rq->conn, &limit, &err);
    if (st != COTE_OK)
        return web_respond_error(rq, st, MHD_HTTP_BAD_REQUEST, cote_error_text(&err));
    const char *format = MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, "format");
    bool opensearch = format && strcmp(format, "opensearch") == 0;
    if (format && *format && !opensearch && strcmp(format, "json") != 0)
        return web_respond_error(rq, COTE_INVALID_ARG, MHD_HTTP_BAD_REQUEST, "format is json or opensearch");

    cote_searcher_t *s = NULL;
    st = web_pool_checkout(rq->server->pool, &s, &err);
    if (st != COTE_OK)
        return web_respond_error(rq, st, 0, cote_error_text(&err));
    web_completions_t c;
    st = web_complete(s, q, rq->view.lang, limit, &c, &err);
    web_pool_checkin(rq->server->pool, s, st);
    if (st != COTE_OK)
        return web_respond_error(rq, st, 0, cote_error_text(&err));
    json_t *body = completions_json(q, &c, opensearch);
    web_completions_free(&c);
    cote_strbuf_t sb = COTE_STRBUF_INIT;
    return respond_built(rq, dump_json(body, &sb), &sb);
}

/* True for a Host value made of the characters a host name, an IPv4 or a
 * bracketed IPv6 address and a port use: it is printed into the XML. */
static bool plain_host(const char *h, size_t n)
{
    if (n == 0 || n > 255)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = h[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
        if (!ok)
            return false;
    }
    return true;
}

/* "https://host:port" as the client reached the server: X-Forwarded-Proto
 * and X-Forwarded-Host from a reverse proxy when they are there, else Host.
 * A URL template must be absolute; a client that lies about its Host only
 * gets a description pointing elsewhere, sent to itself and never cached. */
static void origin_url(web_html_t *h, struct MHD_Connection *conn)
{
    const char *proto = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-Proto");
    const char *host = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-Host");
    if (!host)
        host = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
    size_t hn = host ? strcspn(host, ", ") : 0;
    if (proto && strcmp(proto, "https") == 0)
        WEB_HTML_LIT(h, "https://");
    else
        WEB_HTML_LIT(h, "http://");
    if (host && plain_host(host, hn))
        web_html_textn(h, host, hn);
    else
        WEB_HTML_LIT(h, "localhost");
}

enum MHD_Result web_route_opensearch(web_request_t *rq, const char *tail)
{
    (void)tail;
    web_html_t h = WEB_HTML_FOR(rq->view);
    WEB_HTML_LIT(&h, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<OpenSearchDescription xmlns=\"http://a9.com/-/spec/opensearch/1.1/\" "
                     "xmlns:moz=\"http://www.mozilla.org/2006/browser/search/\">\n"
                     "<ShortName>cote</ShortName>\n<Description>");
    web_html_msg(&h, WEB_MSG_OPENSEARCH_DESC);
    WEB_HTML_LIT(&h, "</Description>\n<InputEncoding>UTF-8</InputEncoding>\n<Language>");
    web_html_text(&h, web_lang_code(h.view.lang));
    WEB_HTML_LIT(&h, "</Language>\n<Image width=\"16\" height=\"16\" type=\"image/svg+xml\">");
    origin_url(&h, rq->conn);
    WEB_HTML_PATH(&h, "/static/favicon.svg");
    WEB_HTML_LIT(&h, "</Image>\n<Url type=\"text/html\" method=\"get\" template=\"");
    origin_url(&h, rq->conn);
    WEB_HTML_PATH(&h, "/?q={searchTerms}");
    web_html_keep(&h, '&');
    WEB_HTML_LIT(&h, "\"/>\n<Url type=\"application/json\" method=\"get\" template=\"");
    origin_url(&h, rq->conn);
    WEB_HTML_PATH(&h, "/api/v1/search?q={searchTerms}");
    WEB_HTML_LIT(&h, "\"/>\n<Url type=\"application/x-suggestions+json\" method=\"get\" template=\"");
    origin_url(&h, rq->conn);
    WEB_HTML_PATH(&h, "/api/v1/complete?format=opensearch&amp;q={searchTerms}");
    WEB_HTML_LIT(&h, "\"/>\n<moz:SearchForm>");
    origin_url(&h, rq->conn);
    WEB_HTML_PATH(&h, "/");
    WEB_HTML_LIT(&h, "</moz:SearchForm>\n</OpenSearchDescription>\n");
    if (h.status != COTE_OK) {
        web_html_free(&h);
        return web_respond_error(rq, COTE_NOMEM, 0, NULL);
    }
    return web_respond_body(rq, MHD_HTTP_OK, "application/opensearchdescription+xml; charset=utf-8",
                            &h.buf);
}

/* GET /api/v1/similar/{ref}: documents (or, for REF#9, passages) like it;
 * the search object, with the paging and filter parameters of search. */
enum MHD_Result web_route_api_similar(web_request_t *rq, const char *tail)
{
    cote_error_t err;
    cote_error_clear(&err);
    cote_status_t st = web_route_check_ref(tail, &err);
    if (st != COTE_OK)
        return web_respond_error(rq, st, st == COTE_NOT_FOUND ? 0 : MHD_HTTP_BAD_REQUEST,
                                 cote_error_text(&err));
    cote_strbuf_t sb = COTE_STRBUF_INIT;
    enum MHD_Result answered = MHD_NO;
    if (run_search(rq, false, tail, &sb, &answered) != COTE_OK)
        return answered;
    return web_respond_json(rq, MHD_HTTP_OK, &sb);
}

/* GET /api/v1/suggest?q=: {"query": q, "suggestion": text or null}, the
 * spelling the index's own words suggest ("Vouliez-vous dire"). */
enum MHD_Result web_route_api_suggest(web_request_t *rq, const char *tail)
{
    (void)tail;
    cote_error_t err;
    cote_error_clear(&err);
    web_search_params_t p;
    cote_status_t st = web_params_search(rq->conn, &p, &err);
    if (st != COTE_OK)
        return web_respond_error(rq, st, MHD_HTTP_BAD_REQUEST, cote_error_text(&err));
    if (web_params_query_blank(&p))
        return web_respond_error(rq, COTE_INVALID_ARG, MHD_HTTP_BAD_REQUEST, "parameter q is required");
    cote_searcher_t *s = NULL;
    st = web_pool_checkout(rq->server->pool, &s, &err);
    if (st != COTE_OK)
        return web_respond_error(rq, st, 0, cote_error_text(&err));
    char *suggestion = NULL;
    st = cote_searcher_suggest(s, p.q, &suggestion, &err);
    web_pool_checkin(rq->server->pool, s, st);
    if (st != COTE_OK)
        return web_respond_error(rq, st, 0, cote_error_text(&err));
    json_t *o = json_pack("{s:s%,s:o}", "query", p.q, p.q_len, "suggestion",
                          suggestion ? json_string(suggestion) : json_null());
    free(suggestion);
    cote_strbuf_t sb = COTE_STRBUF_INIT;
    return respond_built(rq, dump_json(o, &sb), &sb);
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
    web_cache_stats_t cs = web_cache_stats(rq->server->cache);
    st = cote_strbuf_printf(&sb,
                            "{\"status\":\"ok\",\"documents\":%lu,\"cache\":{\"hits\":%lu,\"misses\":%lu,"
                            "\"entries\":%lu,\"bytes\":%zu}}",
                            docs, cs.hits, cs.misses, cs.entries, cs.bytes);
    return respond_built(rq, st, &sb);
}
