/* response_cache.c: an LRU of answer bodies under one lock (response_cache.h). */
#include "response_cache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"

typedef struct entry {
    struct entry *next_in_bucket;
    struct entry *newer, *older; /* the LRU list */
    uint64_t hash;
    const char *type;
    size_t klen, len;
    char *body;
    char key[]; /* klen bytes */
} entry_t;

struct web_cache {
    pthread_mutex_t lock;
    size_t max_bytes, bytes;
    entry_t **buckets;
    size_t n_buckets;
    entry_t *newest, *oldest;
    unsigned long hits, misses, entries;
};

/* An entry's share of the bound: what it holds, and its bookkeeping. */
static size_t cost(const entry_t *e)
{
    return sizeof *e + e->klen + e->len;
}

cote_status_t web_cache_new(size_t max_bytes, web_cache_t **out, cote_error_t *err)
{
    *out = NULL;
    if (max_bytes == 0)
        return COTE_OK;
    web_cache_t *c = calloc(1, sizeof *c);
    /* buckets for entries of 4 KB on average: a chain of one or two */
    size_t n = 64;
    while (n < max_bytes / 4096 && n < ((size_t)1 << 24))
        n *= 2;
    if (!c || !(c->buckets = calloc(n, sizeof *c->buckets))) {
        free(c);
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    }
    c->n_buckets = n;
    c->max_bytes = max_bytes;
    pthread_mutex_init(&c->lock, NULL);
    *out = c;
    return COTE_OK;
}

static void unlink_lru(web_cache_t *c, entry_t *e)
{
    if (e->newer)
        e->newer->older = e->older;
    else
        c->newest = e->older;
    if (e->older)
        e->older->newer = e->newer;
    else
        c->oldest = e->newer;
    e->newer = e->older = NULL;
}

static void push_newest(web_cache_t *c, entry_t *e)
{
    e->older = c->newest;
    e->newer = NULL;
    if (c->newest)
        c->newest->newer = e;
    c->newest = e;
    if (!c->oldest)
        c->oldest = e;
}

static entry_t **slot_of(web_cache_t *c, uint64_t hash, const char *key, size_t klen)
{
    entry_t **p = &c->buckets[hash & (c->n_buckets - 1)];
    while (*p && !((*p)->hash == hash && (*p)->klen == klen && memcmp((*p)->key, key, klen) == 0))
        p = &(*p)->next_in_bucket;
    return p;
}

static void drop(web_cache_t *c, entry_t *e)
{
    entry_t **p = slot_of(c, e->hash, e->key, e->klen);
    *p = e->next_in_bucket;
    unlink_lru(c, e);
    c->bytes -= cost(e);
    c->entries--;
    free(e->body);
    free(e);
}

void web_cache_free(web_cache_t *c)
{
    if (!c)
        return;
    while (c->oldest)
        drop(c, c->oldest);
    pthread_mutex_destroy(&c->lock);
    free(c->buckets);
    free(c);
}

bool web_cache_get(web_cache_t *c, const char *key, size_t klen, char **body, size_t *len, const char **type)
{
    if (!c)
        return false;
    uint64_t h = cote_hash64(key, klen);
    pthread_mutex_lock(&c->lock);
    entry_t *e = *slot_of(c, h, key, klen);
    char *copy = e ? malloc(e->len ? e->len : 1) : NULL;
    if (copy) {
        memcpy(copy, e->body, e->len);
        *body = copy;
        *len = e->len;
        *type = e->type;
        unlink_lru(c, e);
        push_newest(c, e);
        c->hits++;
    } else {
        c->misses++;
    }
    pthread_mutex_unlock(&c->lock);
    return copy != NULL;
}

void web_cache_put(web_cache_t *c, const char *key, size_t klen, const char *type, const char *body, size_t len)
{
    if (!c || sizeof(entry_t) + klen + len > c->max_bytes / 8)
        return;
    entry_t *e = malloc(sizeof *e + klen);
    char *copy = e ? malloc(len ? len : 1) : NULL;
    if (!copy) {
        free(e);
        return;
    }
    memcpy(e->key, key, klen);
    memcpy(copy, body, len);
    e->klen = klen;
    e->len = len;
    e->body = copy;
    e->type = type;
    e->hash = cote_hash64(key, klen);
    e->newer = e->older = NULL;
    pthread_mutex_lock(&c->lock);
    entry_t *old = *slot_of(c, e->hash, key, klen);
    if (old)
        drop(c, old);
    while (c->oldest && c->bytes + cost(e) > c->max_bytes)
        drop(c, c->oldest);
    entry_t **p = &c->buckets[e->hash & (c->n_buckets - 1)];
    e->next_in_bucket = *p;
    *p = e;
    push_newest(c, e);
    c->bytes += cost(e);
    c->entries++;
    pthread_mutex_unlock(&c->lock);
}

web_cache_stats_t web_cache_stats(web_cache_t *c)
{
    web_cache_stats_t s = {0, 0, 0, 0};
    if (!c)
        return s;
    pthread_mutex_lock(&c->lock);
    s.hits = c->hits;
    s.misses = c->misses;
    s.entries = c->entries;
    s.bytes = c->bytes;
    pthread_mutex_unlock(&c->lock);
    return s;
}
