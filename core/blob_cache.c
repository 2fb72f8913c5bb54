/* blob_cache.c: byte strings by key within a bound (blob_cache.h). */
#include "blob_cache.h"

#include <string.h>

const char *cote_blob_cache_get(const cote_blob_cache_t *c, const char *key, size_t len, size_t *n)
{
    unsigned long at = cote_strmap_get(&c->index, key, len);
    if (!at)
        return NULL;
    const char *p = c->pool.data + (at - 1);
    memcpy(n, p, sizeof *n);
    return p + sizeof *n;
}

cote_status_t cote_blob_cache_put(cote_blob_cache_t *c, const char *key, size_t len, const char *blob, size_t n)
{
    if (c->pool.len > c->bound)
        cote_blob_cache_clear(c);
    size_t at = c->pool.len;
    if (cote_strbuf_append(&c->pool, (const char *)&n, sizeof n) || (n && cote_strbuf_append(&c->pool, blob, n)) ||
        cote_strmap_put(&c->index, key, len, at + 1)) {
        cote_blob_cache_clear(c);
        return COTE_NOMEM;
    }
    return COTE_OK;
}

void cote_blob_cache_clear(cote_blob_cache_t *c)
{
    cote_strmap_reset(&c->index);
    cote_strbuf_reset(&c->pool);
}

void cote_blob_cache_free(cote_blob_cache_t *c)
{
    cote_strmap_free(&c->index);
    cote_strbuf_free(&c->pool);
}
