/* facet_cache.c: documents' facet values by document id (facet_cache.h). */
#include "facet_cache.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "strmap.h"

struct cote_facet_cache {
    cote_strmap_t known; /* document id -> offset + 1 of its values in pool */
    cote_strbuf_t pool;  /* per document: its values, each NUL-terminated */
};

cote_status_t cote_facet_cache_new(cote_facet_cache_t **out, cote_error_t *err)
{
    *out = calloc(1, sizeof **out);
    return *out ? COTE_OK : cote_error_set(err, COTE_NOMEM, "out of memory");
}

void cote_facet_cache_free(cote_facet_cache_t *c)
{
    if (!c)
        return;
    cote_strmap_free(&c->known);
    cote_strbuf_free(&c->pool);
    free(c);
}

void cote_facet_cache_clear(cote_facet_cache_t *c)
{
    cote_strmap_reset(&c->known);
    cote_strbuf_reset(&c->pool);
}

bool cote_facet_cache_get(const cote_facet_cache_t *c, const char *id, size_t len,
                          const char *values[COTE_FACET_CACHE_SLOTS])
{
    unsigned long at = cote_strmap_get(&c->known, id, len);
    if (!at)
        return false;
    const char *p = c->pool.data + (at - 1);
    for (size_t i = 0; i < COTE_FACET_CACHE_SLOTS; i++, p += strlen(p) + 1)
        values[i] = p;
    return true;
}

cote_status_t cote_facet_cache_put(cote_facet_cache_t *c, const char *id, size_t len,
                                   const char *const values[COTE_FACET_CACHE_SLOTS],
                                   const size_t lens[COTE_FACET_CACHE_SLOTS], cote_error_t *err)
{
    if (c->pool.len > COTE_FACET_CACHE_BYTES)
        cote_facet_cache_clear(c);
    size_t start = c->pool.len;
    cote_status_t st = COTE_OK;
    for (size_t i = 0; i < COTE_FACET_CACHE_SLOTS && !st; i++)
        st = cote_strbuf_append(&c->pool, values[i], lens[i]) || cote_strbuf_putc(&c->pool, '\0') ? COTE_NOMEM
                                                                                                 : COTE_OK;
    if (!st)
        st = cote_strmap_put(&c->known, id, len, start + 1);
    if (st) {
        cote_facet_cache_clear(c); /* no half-written entry stays */
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    }
    return COTE_OK;
}
