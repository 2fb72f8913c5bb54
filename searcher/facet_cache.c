/* facet_cache.c: documents' facet values by document id (facet_cache.h),
 * each document's values one blob, NUL-separated (core/blob_cache.h). */
#include "facet_cache.h"

#include <stdlib.h>
#include <string.h>

#include "blob_cache.h"
#include "strbuf.h"

struct cote_facet_cache {
    cote_blob_cache_t values;
    cote_strbuf_t blob; /* put's scratch */
};

cote_status_t cote_facet_cache_new(cote_facet_cache_t **out, cote_error_t *err)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    cote_blob_cache_t empty = COTE_BLOB_CACHE_INIT(COTE_FACET_CACHE_BYTES);
    (*out)->values = empty;
    return COTE_OK;
}

void cote_facet_cache_free(cote_facet_cache_t *c)
{
    if (!c)
        return;
    cote_blob_cache_free(&c->values);
    cote_strbuf_free(&c->blob);
    free(c);
}

void cote_facet_cache_clear(cote_facet_cache_t *c)
{
    cote_blob_cache_clear(&c->values);
}

bool cote_facet_cache_get(const cote_facet_cache_t *c, const char *id, size_t len,
                          const char *values[COTE_FACET_CACHE_SLOTS])
{
    size_t n;
    const char *p = cote_blob_cache_get(&c->values, id, len, &n);
    if (!p)
        return false;
    for (size_t i = 0; i < COTE_FACET_CACHE_SLOTS; i++, p += strlen(p) + 1)
        values[i] = p;
    return true;
}

cote_status_t cote_facet_cache_put(cote_facet_cache_t *c, const char *id, size_t len,
                                   const char *const values[COTE_FACET_CACHE_SLOTS],
                                   const size_t lens[COTE_FACET_CACHE_SLOTS], cote_error_t *err)
{
    cote_strbuf_reset(&c->blob);
    cote_status_t st = COTE_OK;
    for (size_t i = 0; i < COTE_FACET_CACHE_SLOTS && !st; i++)
        st = cote_strbuf_append(&c->blob, values[i], lens[i]) || cote_strbuf_putc(&c->blob, '\0') ? COTE_NOMEM
                                                                                                 : COTE_OK;
    if (!st)
        st = cote_blob_cache_put(&c->values, id, len, c->blob.data, c->blob.len);
    if (st) {
        cote_facet_cache_clear(c); /* no half-written entry stays */
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    }
    return COTE_OK;
}
