/* searcher_pool.c: searchers on a free list guarded by a mutex and a
 * condition variable.
 *
 * `live` counts the handles that exist (free or lent). A checkout takes a
 * free one, or reserves a slot (live++) and opens a handle outside the lock,
 * since opening reads files; when that fails the slot is given back and a
 * waiter is woken so it can try in turn.
 */
#define _POSIX_C_SOURCE 200809L
#include "searcher_pool.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct web_pool {
    pthread_mutex_t lock;
    pthread_cond_t returned;
    char *db_path;
    unsigned size;             /* most handles alive at once */
    unsigned live;             /* handles alive: free + lent + being opened */
    unsigned n_free;
    cote_searcher_t **free_list; /* size slots, n_free used */
};

/* Statuses after which a handle is not worth keeping. */
static bool needs_reopen(cote_status_t st)
{
    return st == COTE_DB_MODIFIED || st == COTE_REMOTE || st == COTE_DB_OPEN ||
           st == COTE_DB_CORRUPT;
}

static char *dup_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

cote_status_t web_pool_create(const char *db_path, unsigned size, web_pool_t **out,
                              cote_error_t *err)
{
    *out = NULL;
    if (!db_path || size == 0)
        return cote_error_set(err, COTE_INVALID_ARG, "searcher pool: no index path or size 0");
    web_pool_t *p = calloc(1, sizeof *p);
    if (!p)
        return cote_error_set(err, COTE_NOMEM, "searcher pool: out of memory");
    p->size = size;
    p->db_path = dup_string(db_path);
    p->free_list = calloc(size, sizeof *p->free_list);
    if (!p->db_path || !p->free_list) {
        free(p->db_path);
        free(p->free_list);
        free(p);
        return cote_error_set(err, COTE_NOMEM, "searcher pool: out of memory");
    }
    if (pthread_mutex_init(&p->lock, NULL) != 0) {
        free(p->db_path);
        free(p->free_list);
        free(p);
        return cote_error_set(err, COTE_INTERNAL, "searcher pool: cannot create a mutex");
    }
    if (pthread_cond_init(&p->returned, NULL) != 0) {
        pthread_mutex_destroy(&p->lock);
        free(p->db_path);
        free(p->free_list);
        free(p);
        return cote_error_set(err, COTE_INTERNAL, "searcher pool: cannot create a condition variable");
    }
    cote_searcher_t *first = NULL;
    cote_status_t st = cote_searcher_open(p->db_path, &first, err);
    if (st != COTE_OK) {
        web_pool_free(p);
        return st;
    }
    p->free_list[p->n_free++] = first;
    p->live = 1;
    *out = p;
    return COTE_OK;
}

void web_pool_free(web_pool_t *p)
{
    if (!p)
        return;
    for (unsigned i = 0; i < p->n_free; i++)
        cote_searcher_free(p->free_list[i]);
    pthread_cond_destroy(&p->returned);
    pthread_mutex_destroy(&p->lock);
    free(p->free_list);
    free(p->db_path);
    free(p);
}

/* Gives back a slot reserved by a checkout that ended without a handle. */
static void release_slot(web_pool_t *p)
{
    pthread_mutex_lock(&p->lock);
    p->live--;
    pthread_cond_signal(&p->returned);
    pthread_mutex_unlock(&p->lock);
}

cote_status_t web_pool_checkout(web_pool_t *p, cote_searcher_t **out, cote_error_t *err)
{
    *out = NULL;
    cote_searcher_t *s = NULL;
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline); /* pthread_cond_timedwait's clock */
    deadline.tv_sec += WEB_POOL_WAIT_MS / 1000;
    deadline.tv_nsec += (long)(WEB_POOL_WAIT_MS % 1000) * 1000000L;
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&p->lock);
    while (p->n_free == 0 && p->live >= p->size) {
        if (pthread_cond_timedwait(&p->returned, &p->lock, &deadline) == ETIMEDOUT &&
            p->n_free == 0 && p->live >= p->size) {
            pthread_mutex_unlock(&p->lock);
            return cote_error_set(err, COTE_DB_LOCKED,
                                  "the server is busy: every index handle stayed in use for %d ms; retry",
                                  WEB_POOL_WAIT_MS);
        }
    }
    if (p->n_free > 0)
        s = p->free_list[--p->n_free];
    else
        p->live++;
    pthread_mutex_unlock(&p->lock);

    cote_status_t st;
    if (s) {
        st = cote_searcher_refresh(s, NULL, err);
        if (st == COTE_OK) {
            *out = s;
            return COTE_OK;
        }
        if (!needs_reopen(st)) {
            web_pool_checkin(p, s, st);
            return st;
        }
        /* The handle is stale or broken: keep its slot, open a new one. */
        cote_searcher_free(s);
        s = NULL;
    }
    st = cote_searcher_open(p->db_path, &s, err);
    if (st != COTE_OK) {
        release_slot(p);
        return st;
    }
    *out = s;
    return COTE_OK;
}

void web_pool_checkin(web_pool_t *p, cote_searcher_t *s, cote_status_t last)
{
    if (!s)
        return;
    if (needs_reopen(last)) {
        cote_searcher_free(s);
        release_slot(p);
        return;
    }
    pthread_mutex_lock(&p->lock);
    p->free_list[p->n_free++] = s;
    pthread_cond_signal(&p->returned);
    pthread_mutex_unlock(&p->lock);
}
