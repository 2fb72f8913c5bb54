/* blob_cache.h: byte strings kept by key, within a bound.
 *
 * A map from each key to an offset in one pool. The searcher keeps what it
 * reads from the index this way until the index changes (stem_forms.h: a
 * stem's words; facet_cache.h: a document's facet values). When the pool has
 * passed its bound, the next put empties the cache first: memory stays
 * bounded with no eviction bookkeeping, and what is needed again is read
 * again.
 *
 * Ownership: the caller owns the cote_blob_cache_t (a struct, usually inside
 * another) and releases it with cote_blob_cache_free(); the cache owns its
 * copies. A pointer from get is valid until the next put or clear. Thread
 * rule: one thread at a time.
 */
#ifndef COTE_BLOB_CACHE_H
#define COTE_BLOB_CACHE_H

#include <stddef.h>

#include "status.h"
#include "strbuf.h"
#include "strmap.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    cote_strmap_t index; /* key -> offset + 1 in pool of the blob's length, then the blob */
    cote_strbuf_t pool;
    size_t bound;        /* pool bytes past which a put starts over */
} cote_blob_cache_t;

#define COTE_BLOB_CACHE_INIT(bound) {COTE_STRMAP_INIT, COTE_STRBUF_INIT, (bound)}

/* The blob kept for key[0..len) and its length in *n, or NULL. */
const char *cote_blob_cache_get(const cote_blob_cache_t *c, const char *key, size_t len, size_t *n);
/* Keeps a copy of blob[0..n) for key[0..len), replacing none: a key already
 * kept gets a second copy that get returns from then on. Statuses: OK, NOMEM
 * (the cache is then empty: no half-written entry stays). */
cote_status_t cote_blob_cache_put(cote_blob_cache_t *c, const char *key, size_t len, const char *blob, size_t n);
void cote_blob_cache_clear(cote_blob_cache_t *c);
void cote_blob_cache_free(cote_blob_cache_t *c);

#ifdef __cplusplus
}
#endif

#endif
