/* facet_cache.h: the facet values of the documents a searcher has counted.
 *
 * Every search counts its facets over its best documents (searcher.c,
 * FACET_DOCS): each document's record is found by its id term, then its
 * values read from four value streams. Under `cote serve` with every
 * request searched, that was a fifth of the CPU (perf, 100 MB bench corpus),
 * and the same documents come back search after search. So the values of a
 * document, once read, are kept by its document id until the database is
 * reopened (cote_facet_cache_clear: it may have changed), at most
 * COTE_FACET_CACHE_BYTES of them; then the cache starts over.
 *
 * Ownership: the handle is the caller's (cote_facet_cache_free); values
 * returned point into it until the next put or clear. Thread rule: one thread
 * at a time per handle (the searcher's).
 */
#ifndef COTE_FACET_CACHE_H
#define COTE_FACET_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

#define COTE_FACET_CACHE_SLOTS 4
#define COTE_FACET_CACHE_BYTES (4u << 20)

typedef struct cote_facet_cache cote_facet_cache_t;

/* Statuses: OK, NOMEM. */
cote_status_t cote_facet_cache_new(cote_facet_cache_t **out, cote_error_t *err);
void cote_facet_cache_free(cote_facet_cache_t *c);
void cote_facet_cache_clear(cote_facet_cache_t *c);

/* The values of document id[0..len), one per slot ("" for none), into
 * values[]; false when the document is not known. */
bool cote_facet_cache_get(const cote_facet_cache_t *c, const char *id, size_t len,
                          const char *values[COTE_FACET_CACHE_SLOTS]);
/* Remembers the values of document id[0..len) (each values[i][0..lens[i]),
 * without NUL bytes). Statuses: OK, NOMEM (the cache is then empty). */
cote_status_t cote_facet_cache_put(cote_facet_cache_t *c, const char *id, size_t len,
                                   const char *const values[COTE_FACET_CACHE_SLOTS],
                                   const size_t lens[COTE_FACET_CACHE_SLOTS], cote_error_t *err);

#endif
