/* params.c: query-string checks for the search routes.
 *
 * Numbers are parsed by hand: strtoul would accept signs, leading spaces
 * and "0x", and atoi cannot report errors. Nine digits cannot overflow an
 * unsigned int, so longer strings are rejected before converting.
 */
#include "params.h"

#include <string.h>

#include "searcher.h"
#include "utf8.h"

static cote_status_t read_number(const web_param_source_t *src, const char *name, unsigned min,
                                 unsigned max, unsigned *out, cote_error_t *err)
{
    size_t n = 0;
    const char *v = src->get(src->ctx, name, &n);
    if (!v || n == 0)
        return COTE_OK; /* keep the default */
    if (n > 9)
        return cote_error_set(err, COTE_INVALID_ARG, "%s must be between %u and %u", name, min, max);
    unsigned long value = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i] < '0' || v[i] > '9')
            return cote_error_set(err, COTE_BAD_INPUT, "%s must be a decimal number", name);
        value = value * 10 + (unsigned long)(v[i] - '0');
    }
    if (value < min || value > max)
        return cote_error_set(err, COTE_INVALID_ARG, "%s must be between %u and %u", name, min, max);
    *out = (unsigned)value;
    return COTE_OK;
}

/* The request's query string, decoded by libmicrohttpd. */
static const char *mhd_get(void *ctx, const char *name, size_t *len)
{
    const char *v = NULL;
    *len = 0;
    if (MHD_lookup_connection_value_n(ctx, MHD_GET_ARGUMENT_KIND, name, strlen(name), &v, len) != MHD_YES)
        return NULL;
    return v;
}

static int mhd_count(void *ctx)
{
    return MHD_get_connection_values(ctx, MHD_GET_ARGUMENT_KIND, NULL, NULL);
}

cote_status_t web_params_search(struct MHD_Connection *conn, web_search_params_t *out,
                                cote_error_t *err)
{
    web_param_source_t src = {mhd_get, mhd_count, conn};
    return web_params_parse(&src, out, err);
}

cote_status_t web_params_parse(const web_param_source_t *src, web_search_params_t *out,
                               cote_error_t *err)
{
    out->q = NULL;
    out->q_len = 0;
    out->limit = WEB_LIMIT_DEFAULT;
    out->offset = 0;
    out->from = out->to = out->org = out->symbol = out->type = out->organ = out->within = NULL;
    out->by_date = 0;

    int count = src->count(src->ctx);
    if (count > WEB_PARAMS_MAX)
        return cote_error_set(err, COTE_INVALID_ARG, "too many parameters (at most %d)",
                              WEB_PARAMS_MAX);

    size_t q_len = 0;
    const char *q = src->get(src->ctx, "q", &q_len);
    if (q) {
        if (q_len > COTE_QUERY_MAX_BYTES)
            return cote_error_set(err, COTE_TOO_LARGE, "q is longer than %d bytes",
                                  COTE_QUERY_MAX_BYTES);
        size_t bad = 0;
        if (memchr(q, '\0', q_len))
            return cote_error_set(err, COTE_BAD_INPUT, "q contains a NUL byte");
        if (!cote_utf8_valid(q, q_len, &bad))
            return cote_error_set(err, COTE_BAD_INPUT, "q is not valid UTF-8 (byte %zu)", bad);
    }

    static const char *const names[] = {"from", "to", "org", "symbol", "type", "organ", "in"};
    const char *filters[7] = {NULL};
    for (size_t i = 0; i < 7; i++) {
        size_t n = 0;
        const char *v = src->get(src->ctx, names[i], &n);
        if (!v || n == 0)
            continue;
        if (n > WEB_FILTER_MAX)
            return cote_error_set(err, COTE_TOO_LARGE, "%s is longer than %d bytes", names[i], WEB_FILTER_MAX);
        if (memchr(v, '\0', n) || !cote_utf8_valid(v, n, NULL))
            return cote_error_set(err, COTE_BAD_INPUT, "%s is not valid UTF-8 text", names[i]);
        filters[i] = v;
    }

    size_t sort_len = 0;
    const char *sort = src->get(src->ctx, "sort", &sort_len);
    int by_date = 0;
    if (sort && sort_len) {
        if (sort_len == 4 && memcmp(sort, "date", 4) == 0)
            by_date = 1;
        else if (sort_len != 9 || memcmp(sort, "relevance", 9) != 0)
            return cote_error_set(err, COTE_INVALID_ARG, "sort is date or relevance");
    }

    unsigned limit = WEB_LIMIT_DEFAULT, offset = 0;
    cote_status_t st = read_number(src, "limit", 1, COTE_LIMIT_MAX, &limit, err);
    if (st == COTE_OK)
        st = read_number(src, "offset", 0, COTE_OFFSET_MAX, &offset, err);
    if (st != COTE_OK)
        return st;
    out->q = q;
    out->q_len = q ? q_len : 0;
    out->limit = limit;
    out->offset = offset;
    out->from = filters[0];
    out->to = filters[1];
    out->org = filters[2];
    out->symbol = filters[3];
    out->type = filters[4];
    out->organ = filters[5];
    out->within = filters[6];
    out->by_date = by_date;
    return COTE_OK;
}

bool web_params_query_blank(const web_search_params_t *p)
{
    for (size_t i = 0; i < p->q_len; i++)
        if (p->q[i] != ' ' && p->q[i] != '\t' && p->q[i] != '\r' && p->q[i] != '\n')
            return false;
    return true;
}
