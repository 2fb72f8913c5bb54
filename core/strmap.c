/* strmap.c: open addressing with linear probing; grows at 1/2 load. */
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

#include "schema.h"

static uint64_t key_hash(const char *key, size_t len)
{
    return cote_hash64(key, len) | 1; /* never 0, which marks an empty slot */
}

static cote_strmap_slot_t *find(const cote_strmap_t *m, uint64_t h, const char *key, size_t len)
{
    size_t i = (size_t)h & (m->cap - 1);
    for (;;) {
        cote_strmap_slot_t *s = &m->slots[i];
        if (s->hash == 0 || (s->hash == h && s->len == len && memcmp(m->arena.data + s->off, key, len) == 0))
            return s;
        i = (i + 1) & (m->cap - 1);
    }
}

static cote_status_t grow(cote_strmap_t *m)
{
    size_t cap = m->cap ? m->cap * 2 : 256;
    cote_strmap_slot_t *old = m->slots;
    size_t old_cap = m->cap;
    m->slots = calloc(cap, sizeof *m->slots);
    if (!m->slots) {
        m->slots = old;
        return COTE_NOMEM;
    }
    m->cap = cap;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].hash)
            *find(m, old[i].hash, m->arena.data + old[i].off, old[i].len) = old[i];
    free(old);
    return COTE_OK;
}

cote_status_t cote_strmap_add(cote_strmap_t *m, const char *key, size_t len, unsigned long inc)
{
    if ((m->used + 1) * 2 > m->cap && grow(m) != COTE_OK)
        return COTE_NOMEM;
    uint64_t h = key_hash(key, len);
    cote_strmap_slot_t *s = find(m, h, key, len);
    if (s->hash) {
        s->count += inc;
        return COTE_OK;
    }
    size_t off = m->arena.len;
    if (cote_strbuf_append(&m->arena, key, len) != COTE_OK)
        return COTE_NOMEM;
    s->hash = h;
    s->off = off;
    s->len = len;
    s->count = inc;
    m->used++;
    return COTE_OK;
}

cote_status_t cote_strmap_put(cote_strmap_t *m, const char *key, size_t len, unsigned long value)
{
    if (cote_strmap_add(m, key, len, 0))
        return COTE_NOMEM;
    /* add() found or made the slot; overwrite its count */
    cote_strmap_slot_t *s = find(m, key_hash(key, len), key, len);
    s->count = value;
    return COTE_OK;
}

unsigned long cote_strmap_get(const cote_strmap_t *m, const char *key, size_t len)
{
    if (!m->cap)
        return 0;
    const cote_strmap_slot_t *s = find(m, key_hash(key, len), key, len);
    return s->hash ? s->count : 0;
}

void cote_strmap_reset(cote_strmap_t *m)
{
    if (m->slots)
        memset(m->slots, 0, m->cap * sizeof *m->slots);
    m->used = 0;
    cote_strbuf_reset(&m->arena);
}

void cote_strmap_free(cote_strmap_t *m)
{
    free(m->slots);
    m->slots = NULL;
    m->cap = m->used = 0;
    cote_strbuf_free(&m->arena);
}
