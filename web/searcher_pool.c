/* searcher_pool.c: searchers on a free list guarded by a mutex and a
 * condition variable.
 *
 * `live` counts the handles that exist (free or lent). A checkout takes a
 * free one, or reserves a slot (live++) and opens a handle outside the lock,
 * since opening reads files; when that fails the slot is given back and a
 * waiter is woken so it can try in turn.
 *
 * A handle's refresh (Xapian's reopen) only sees new commits of the files it
 * has open. An index replaced whole (another folder moved or linked to the
 * path, or `cote index --rebuild`) may hold the same revision number under
 * new files: the handle would serve the old index for ever. So each checkout
 * stats the path and its revision or stub file (a few system calls); when
 * their identity changed, the pool's epoch moves on and every handle opened
 * in an earlier epoch is closed instead of reused (tests/http/T150).
 */
#define _POSIX_C_SOURCE 200809L
#include "searcher_pool.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* What tells one index at the path from another that replaced it. */
typedef struct {
    dev_t dev;
    ino_t ino;        /* the path itself (a folder, or a stub file) */
    dev_t file_dev;
    ino_t file_ino;   /* in a folder: XAPIANDB, else iamglass; 0 when neither */
} index_identity_t;

typedef struct {
    cote_searcher_t *s;
    unsigned epoch;   /* the pool's epoch when it was opened */
} pool_handle_t;

struct web_pool {
    pthread_mutex_t lock;
    pthread_cond_t returned;
    char *db_path;
    unsigned size;             /* most handles alive at once */
    unsigned live;             /* handles alive: free + lent + being opened */
    unsigned n_free;
    pool_handle_t *free_list;  /* size slots, n_free used */
    pool_handle_t *lent;       /* size slots; s NULL when unused */
    unsigned epoch;            /* moves on when the index at db_path is replaced */
    index_identity_t identity; /* of the index at db_path in this epoch */
};

static void identity_of(const char *path, index_identity_t *id)
{
    memset(id, 0, sizeof *id);
    struct stat sb;
    if (stat(path, &sb) != 0)
        return;
    id->dev = sb.st_dev;
    id->ino = sb.st_ino;
    if (!S_ISDIR(sb.st_mode)) { /* a stub file (shards, remote): itself */
        id->file_dev = sb.st_dev;
        id->file_ino = sb.st_ino;
        return;
    }
    static const char *const names[] = {"XAPIANDB", "iamglass"};
    for (size_t i = 0; i < 2; i++) {
        char file[4096];
        if (snprintf(file, sizeof file, "%s/%s", path, names[i]) < (int)sizeof file && stat(file, &sb) == 0) {
            id->file_dev = sb.st_dev;
            id->file_ino = sb.st_ino;
            return;
        }
    }
}

static bool same_identity(const index_identity_t *a, const index_identity_t *b)
{
    return a->dev == b->dev && a->ino == b->ino && a->file_dev == b->file_dev && a->file_ino == b->file_ino;
}

/* Under the lock: a handle of an earlier epoch is closed rather than kept. */
static void close_handle_locked(web_pool_t *p, cote_searcher_t *s)
{
    cote_searcher_free(s);
    p->live--;
    pthread_cond_signal(&p->returned);
}

/* Moves to a new epoch when the index at the path is not the one seen last;
 * free handles of the old epoch are closed at once. Returns false while no
 * index is at the path (between the two renames of a replacement): the
 * handles open keep answering from the files they hold, unrefreshed. */
static bool check_identity(web_pool_t *p)
{
    index_identity_t now;
    identity_of(p->db_path, &now);
    if (now.ino == 0 || now.file_ino == 0)
        return false;
    pthread_mutex_lock(&p->lock);
    if (!same_identity(&now, &p->identity)) {
        p->identity = now;
        p->epoch++;
        while (p->n_free > 0)
            close_handle_locked(p, p->free_list[--p->n_free].s);
    }
    pthread_mutex_unlock(&p->lock);
    return true;
}

/* Under the lock: records s as lent, opened in epoch. */
static void lend_locked(web_pool_t *p, cote_searcher_t *s, unsigned epoch)
{
    for (unsigned i = 0; i < p->size; i++)
        if (!p->lent[i].s) {
            p->lent[i] = (pool_handle_t){s, epoch};
            return;
        }
}

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
    p->lent = calloc(size, sizeof *p->lent);
    if (!p->db_path || !p->free_list || !p->lent) {
        free(p->db_path);
        free(p->free_list);
        free(p->lent);
        free(p);
        return cote_error_set(err, COTE_NOMEM, "searcher pool: out of memory");
    }
    if (pthread_mutex_init(&p->lock, NULL) != 0) {
        free(p->db_path);
        free(p->free_list);
        free(p->lent);
        free(p);
        return cote_error_set(err, COTE_INTERNAL, "searcher pool: cannot create a mutex");
    }
    if (pthread_cond_init(&p->returned, NULL) != 0) {
        pthread_mutex_destroy(&p->lock);
        free(p->db_path);
        free(p->free_list);
        free(p->lent);
        free(p);
        return cote_error_set(err, COTE_INTERNAL, "searcher pool: cannot create a condition variable");
    }
    identity_of(p->db_path, &p->identity);
    cote_searcher_t *first = NULL;
    cote_status_t st = cote_searcher_open(p->db_path, &first, err);
    if (st != COTE_OK) {
        web_pool_free(p);
        return st;
    }
    p->free_list[p->n_free++] = (pool_handle_t){first, p->epoch};
    p->live = 1;
    *out = p;
    return COTE_OK;
}

void web_pool_free(web_pool_t *p)
{
    if (!p)
        return;
    for (unsigned i = 0; i < p->n_free; i++)
        cote_searcher_free(p->free_list[i].s);
    pthread_cond_destroy(&p->returned);
    pthread_mutex_destroy(&p->lock);
    free(p->free_list);
    free(p->lent);
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

/* Opens the index at path. Between the two renames of a replacement (the
 * old folder moved away, the new one not yet in) the path holds nothing for
 * an instant, and a checkout that has no handle to fall back on would fail:
 * while the path is incomplete it waits for the new index, at most
 * REPLACE_WAIT_MS, rather than answer 503 (tests/http/T150). */
#define REPLACE_WAIT_MS 2000
#define REPLACE_STEP_MS 10
static cote_status_t open_during_replacement(const char *path, cote_searcher_t **s, cote_error_t *err)
{
    cote_status_t st = cote_searcher_open(path, s, err);
    for (int waited = 0; st != COTE_OK && waited < REPLACE_WAIT_MS; waited += REPLACE_STEP_MS) {
        index_identity_t id;
        identity_of(path, &id);
        bool there = id.ino != 0 && id.file_ino != 0;
        if (!there)
            nanosleep(&(struct timespec){0, REPLACE_STEP_MS * 1000000L}, NULL);
        cote_error_clear(err);
        st = cote_searcher_open(path, s, err);
        if (there)
            break; /* an index was there: this attempt is the answer */
    }
    return st;
}

cote_status_t web_pool_checkout(web_pool_t *p, cote_searcher_t **out, cote_error_t *err)
{
    *out = NULL;
    cote_searcher_t *s = NULL;
    bool there = check_identity(p);
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
            return cote_error_set(err, COTE_BUSY,
                                  "the server is busy: every index handle stayed in use for %d ms; retry",
                                  WEB_POOL_WAIT_MS);
        }
    }
    /* a handle opened before the epoch's index was seen is closed, not reused */
    while (p->n_free > 0 && p->free_list[p->n_free - 1].epoch != p->epoch)
        close_handle_locked(p, p->free_list[--p->n_free].s);
    if (p->n_free > 0)
        s = p->free_list[--p->n_free].s;
    else
        p->live++;
    unsigned epoch = p->epoch;
    pthread_mutex_unlock(&p->lock);

    cote_status_t st;
    if (s) {
        st = there ? cote_searcher_refresh(s, NULL, err) : COTE_OK;
        if (st == COTE_OK) {
            pthread_mutex_lock(&p->lock);
            lend_locked(p, s, epoch);
            pthread_mutex_unlock(&p->lock);
            *out = s;
            return COTE_OK;
        }
        if (!needs_reopen(st)) {
            pthread_mutex_lock(&p->lock);
            p->free_list[p->n_free++] = (pool_handle_t){s, epoch};
            pthread_cond_signal(&p->returned);
            pthread_mutex_unlock(&p->lock);
            return st;
        }
        /* The handle is stale or broken: keep its slot, open a new one. */
        cote_searcher_free(s);
        s = NULL;
    }
    st = open_during_replacement(p->db_path, &s, err);
    if (st != COTE_OK) {
        release_slot(p);
        return st;
    }
    pthread_mutex_lock(&p->lock);
    lend_locked(p, s, epoch);
    pthread_mutex_unlock(&p->lock);
    *out = s;
    return COTE_OK;
}

void web_pool_checkin(web_pool_t *p, cote_searcher_t *s, cote_status_t last)
{
    if (!s)
        return;
    pthread_mutex_lock(&p->lock);
    unsigned epoch = p->epoch;
    for (unsigned i = 0; i < p->size; i++)
        if (p->lent[i].s == s) {
            epoch = p->lent[i].epoch;
            p->lent[i].s = NULL;
            break;
        }
    if (needs_reopen(last) || epoch != p->epoch)
        close_handle_locked(p, s);
    else
        p->free_list[p->n_free++] = (pool_handle_t){s, epoch};
    pthread_cond_signal(&p->returned);
    pthread_mutex_unlock(&p->lock);
}
