/* response_cache.h: the bodies of recent successful answers, by request.
 *
 * An intranet asks the same searches over and over (the page's own links,
 * the widget on every page, people's usual queries); an answer costs
 * milliseconds of CPU and serving a copy microseconds. The key holds
 * everything the body depends on: the route, the decoded query parameters
 * in order, the page's language and embed mode, and the index's stamp
 * (index_stamp.h), so that an answer cached before a commit is never
 * served after it. Only bodies (and their type) are kept: headers (CORS,
 * CSP) are made afresh for each request.
 *
 * Bounded: at most max_bytes of keys and bodies; the least recently used
 * entries go first. A body larger than an eighth of the bound is not kept.
 * max_bytes 0: web_cache_new() gives NULL, and every call below does
 * nothing on NULL (a miss).
 *
 * Ownership: the cache copies what it is given and hands out copies.
 * Thread rule: every call is thread-safe (one lock).
 */
#ifndef COTE_WEB_RESPONSE_CACHE_H
#define COTE_WEB_RESPONSE_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

typedef struct web_cache web_cache_t;

/* Statuses: OK, NOMEM. *out is NULL when max_bytes is 0. */
cote_status_t web_cache_new(size_t max_bytes, web_cache_t **out, cote_error_t *err);
void web_cache_free(web_cache_t *c);

/* On a hit: a malloc'ed copy of the body in *body (length *len) and its
 * type (a string the caller gave to put, which must outlive the cache). */
bool web_cache_get(web_cache_t *c, const char *key, size_t klen, char **body, size_t *len, const char **type);
/* Keeps a copy (replacing an entry of the same key); silently does nothing
 * when out of memory or too large. */
void web_cache_put(web_cache_t *c, const char *key, size_t klen, const char *type, const char *body, size_t len);

typedef struct {
    unsigned long hits, misses, entries;
    size_t bytes;
} web_cache_stats_t;
web_cache_stats_t web_cache_stats(web_cache_t *c);

#endif
