/* fuzz_web_params.c: libFuzzer target for the query string of a search
 * request (web/params.h). The input is a query string; it is split and
 * percent-decoded as libmicrohttpd does for GET arguments ('&' between
 * pairs, '=' in each, '+' for a space, then MHD_http_unescape, MHD's own
 * decoder), and read by web_params_parse, the code behind every search route.
 * Invariants: when it accepts, q and each filter are within their bounds,
 * valid UTF-8 without NUL, limit and offset in range, sort one of its two
 * values; when q or a filter is out of bounds it refuses, with a status the
 * API answers 400 for and a message. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>

#include "fuzz.h"
#include "params.h"
#include "searcher.h"
#include "utf8.h"

#define PAIRS_MAX 64

typedef struct {
    const char *key[PAIRS_MAX], *value[PAIRS_MAX];
    size_t value_len[PAIRS_MAX];
    int n;
} pairs_t;

static const char *get(void *ctx, const char *name, size_t *len)
{
    const pairs_t *p = ctx;
    for (int i = 0; i < p->n; i++)
        if (strcmp(p->key[i], name) == 0) {
            *len = p->value_len[i];
            return p->value[i];
        }
    *len = 0;
    return NULL;
}

static int count(void *ctx)
{
    return ((const pairs_t *)ctx)->n;
}

/* In place, as MHD_parse_arguments_ does: "+" is a space, then %XX. */
static size_t decode(char *s)
{
    for (char *c = s; *c; c++)
        if (*c == '+')
            *c = ' ';
    return MHD_http_unescape(s);
}

/* What the checks must refuse: a value out of bounds or not clean text. */
static int bad_text(const char *v, size_t n, size_t max)
{
    return n > max || memchr(v, '\0', n) || !cote_utf8_valid(v, n, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    pairs_t p = {.n = 0};
    for (char *pair = s, *next; pair && p.n < PAIRS_MAX; pair = next) {
        next = strchr(pair, '&');
        if (next)
            *next++ = '\0';
        if (!*pair)
            continue; /* MHD skips empty pairs */
        char *eq = strchr(pair, '=');
        if (eq)
            *eq++ = '\0';
        decode(pair);
        p.key[p.n] = pair;
        p.value[p.n] = eq ? eq : NULL;
        p.value_len[p.n] = eq ? decode(eq) : 0;
        p.n++;
    }
    web_param_source_t src = {get, count, &p};
    web_search_params_t out;
    cote_error_t err;
    cote_error_clear(&err);
    cote_status_t st = web_params_parse(&src, &out, &err);

    size_t n = 0;
    const char *q = get(&p, "q", &n);
    int must_refuse = p.n > WEB_PARAMS_MAX || (q && bad_text(q, n, COTE_QUERY_MAX_BYTES));
    static const char *const filters[] = {"from", "to", "org", "symbol", "type", "organ", "in"};
    for (size_t i = 0; i < sizeof filters / sizeof *filters; i++) {
        const char *v = get(&p, filters[i], &n);
        if (v && n && bad_text(v, n, WEB_FILTER_MAX))
            must_refuse = 1;
    }
    if (st == COTE_OK) {
        if (must_refuse)
            abort();
        if (out.q && (out.q_len > COTE_QUERY_MAX_BYTES || memchr(out.q, '\0', out.q_len) ||
                      !cote_utf8_valid(out.q, out.q_len, NULL)))
            abort();
        if (out.limit < 1 || out.limit > COTE_LIMIT_MAX || out.offset > COTE_OFFSET_MAX)
            abort();
        const char *f[] = {out.from, out.to, out.org, out.symbol, out.type, out.organ, out.within};
        for (size_t i = 0; i < sizeof f / sizeof *f; i++)
            if (f[i] && bad_text(f[i], strlen(f[i]), WEB_FILTER_MAX))
                abort();
        if (out.by_date != 0 && out.by_date != 1)
            abort();
        (void)web_params_query_blank(&out);
    } else {
        if (st != COTE_BAD_INPUT && st != COTE_TOO_LARGE && st != COTE_INVALID_ARG)
            abort();
        if (!err.msg[0])
            abort();
    }
    free(s);
    return 0;
}
