/* params.h: reading the query string of a search into bounded values.
 *
 * The values come from MHD_lookup_connection_value_n(), already
 * percent-decoded by libmicrohttpd. They are checked here, before anything
 * reaches the searcher:
 *   q       at most COTE_QUERY_MAX_BYTES bytes, valid UTF-8, no NUL byte;
 *   limit   decimal digits only, 1..COTE_LIMIT_MAX (default 10);
 *   offset  decimal digits only, 0..COTE_OFFSET_MAX (default 0);
 *   sort    "date" (newest first) or "relevance" (the default); anything else is 400;
 *   from, to, org, symbol, type, organ: filters, and in (a document
 *           reference), each at most WEB_FILTER_MAX bytes of valid UTF-8
 *           without NUL;
 * and the query string holds at most WEB_PARAMS_MAX parameters. An empty
 * limit or offset ("limit=") counts as absent, as an HTML form may send it.
 *
 * Ownership: out->q points into MHD's connection memory and stays valid
 * until the request completes. Statuses and messages (for err) are those the
 * API returns; the caller answers 400 for all of them.
 */
#ifndef COTE_WEB_PARAMS_H
#define COTE_WEB_PARAMS_H

#include <stdbool.h>
#include <stddef.h>

#include <microhttpd.h>

#include "error.h"

#define WEB_PARAMS_MAX 16
#define WEB_LIMIT_DEFAULT 10

/* Filters (from, to, org, symbol, type, organ): each at most this long. */
#define WEB_FILTER_MAX 256

typedef struct {
    const char *q; /* NULL when absent */
    size_t q_len;
    unsigned limit;
    unsigned offset;
    /* filters as in cote_search_request_t; NULL when absent */
    const char *from, *to, *org, *symbol, *type, *organ;
    const char *within; /* in=REF: every matching passage of that document; NULL when absent */
    int by_date; /* sort=date */
} web_search_params_t;

/* Statuses: OK; BAD_INPUT (q not UTF-8 or holding NUL, a number that is
 * not one); TOO_LARGE (q too long); INVALID_ARG (a number out of range, too
 * many parameters). *out holds the defaults on failure. */
cote_status_t web_params_search(struct MHD_Connection *conn, web_search_params_t *out,
                                cote_error_t *err);

/* Where the parameters come from: the request (web_params_search), or
 * anything else that decodes a query string, such as the fuzz target
 * tests/fuzz/fuzz_web_params.c. get returns the decoded value of the first
 * parameter called name (NUL-terminated, *len bytes, which may hold NUL
 * bytes) or NULL when there is none; count returns how many there are. */
typedef struct {
    const char *(*get)(void *ctx, const char *name, size_t *len);
    int (*count)(void *ctx);
    void *ctx;
} web_param_source_t;

/* web_params_search over any source: the same checks, statuses and
 * ownership (values point into the source's memory). */
cote_status_t web_params_parse(const web_param_source_t *src, web_search_params_t *out,
                               cote_error_t *err);

/* True when q is absent or holds only spaces. */
bool web_params_query_blank(const web_search_params_t *p);

#endif
