/* stage.c: a bounded ring between the feeding thread, the preparers and one
 * ordered worker (stage.h).
 *
 * Jobs carry absolute sequence numbers: `pushed` were queued, preparers took
 * the first `taken`, the ordered worker worked the first `worked`, and the
 * feeder popped the first `popped` (popped <= worked <= taken <= pushed,
 * pushed - popped <= capacity). A job's slot is its number modulo the
 * capacity; ready[slot] says its preparation is done. One condition
 * variable, broadcast on every change: a handful of threads, and each wait
 * re-checks its own predicate. */
#include "stage.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    cote_stage_t *s;
    void *ctx;
} preparer_t;

struct cote_stage {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    pthread_t thread;          /* the ordered worker */
    pthread_t *preparers;
    preparer_t *prep_args;
    unsigned n_preparers;      /* started */
    bool running, stopping;
    cote_stage_work_fn prepare, work;
    void *ctx;
    void **jobs;               /* ring of capacity slots */
    bool *ready;
    size_t capacity;
    size_t pushed, taken, worked, popped;
};

static void *prepare_loop(void *arg)
{
    preparer_t *p = arg;
    cote_stage_t *s = p->s;
    pthread_mutex_lock(&s->lock);
    for (;;) {
        while (s->taken == s->pushed && !s->stopping)
            pthread_cond_wait(&s->changed, &s->lock);
        if (s->taken == s->pushed)
            break; /* stopping, and nothing left to prepare */
        size_t slot = s->taken++ % s->capacity;
        void *job = s->jobs[slot];
        pthread_mutex_unlock(&s->lock);
        s->prepare(job, p->ctx);
        pthread_mutex_lock(&s->lock);
        s->ready[slot] = true;
        pthread_cond_broadcast(&s->changed);
    }
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

static void *work_loop(void *arg)
{
    cote_stage_t *s = arg;
    pthread_mutex_lock(&s->lock);
    for (;;) {
        while ((s->worked == s->pushed && !s->stopping) ||
               (s->worked < s->pushed && !s->ready[s->worked % s->capacity]))
            pthread_cond_wait(&s->changed, &s->lock);
        if (s->worked == s->pushed)
            break; /* stopping, and nothing left */
        void *job = s->jobs[s->worked % s->capacity];
        pthread_mutex_unlock(&s->lock);
        s->work(job, s->ctx);
        pthread_mutex_lock(&s->lock);
        s->worked++;
        pthread_cond_broadcast(&s->changed);
    }
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

cote_status_t cote_stage_start(size_t capacity, unsigned n_prepare, cote_stage_work_fn prepare,
                               void *const *prepare_ctx, cote_stage_work_fn work, void *ctx, cote_stage_t **out,
                               cote_error_t *err)
{
    *out = NULL;
    if (!prepare)
        n_prepare = 0;
    else if (n_prepare == 0)
        n_prepare = 1;
    cote_stage_t *s = calloc(1, sizeof *s);
    if (s) {
        s->capacity = capacity ? capacity : 1;
        s->jobs = calloc(s->capacity, sizeof *s->jobs);
        s->ready = calloc(s->capacity, sizeof *s->ready);
        s->preparers = calloc(n_prepare ? n_prepare : 1, sizeof *s->preparers);
        s->prep_args = calloc(n_prepare ? n_prepare : 1, sizeof *s->prep_args);
    }
    if (!s || !s->jobs || !s->ready || !s->preparers || !s->prep_args) {
        if (s) {
            free(s->jobs);
            free(s->ready);
            free(s->preparers);
            free(s->prep_args);
        }
        free(s);
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    }
    s->prepare = prepare;
    s->work = work;
    s->ctx = ctx;
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->changed, NULL);
    if (pthread_create(&s->thread, NULL, work_loop, s) != 0) {
        cote_stage_free(s);
        return cote_error_set(err, COTE_INTERNAL, "cannot start the analysis thread");
    }
    s->running = true;
    for (unsigned i = 0; i < n_prepare; i++) {
        s->prep_args[i] = (preparer_t){s, prepare_ctx ? prepare_ctx[i] : NULL};
        if (pthread_create(&s->preparers[i], NULL, prepare_loop, &s->prep_args[i]) != 0) {
            cote_stage_free(s);
            return cote_error_set(err, COTE_INTERNAL, "cannot start an analysis thread");
        }
        s->n_preparers++;
    }
    *out = s;
    return COTE_OK;
}

bool cote_stage_full(const cote_stage_t *s)
{
    return s->pushed - s->popped == s->capacity; /* only the feeding thread changes both */
}

void cote_stage_push(cote_stage_t *s, void *job)
{
    pthread_mutex_lock(&s->lock);
    size_t slot = s->pushed % s->capacity;
    s->jobs[slot] = job;
    s->ready[slot] = s->prepare == NULL;
    s->pushed++;
    pthread_cond_broadcast(&s->changed);
    pthread_mutex_unlock(&s->lock);
}

void *cote_stage_pop(cote_stage_t *s)
{
    pthread_mutex_lock(&s->lock);
    if (s->popped == s->pushed) {
        pthread_mutex_unlock(&s->lock);
        return NULL;
    }
    while (s->worked == s->popped && s->running)
        pthread_cond_wait(&s->changed, &s->lock);
    size_t slot = s->popped++ % s->capacity;
    void *job = s->jobs[slot];
    s->jobs[slot] = NULL;
    s->ready[slot] = false;
    pthread_cond_broadcast(&s->changed);
    pthread_mutex_unlock(&s->lock);
    return job;
}

void cote_stage_stop(cote_stage_t *s)
{
    if (!s || (!s->running && !s->n_preparers))
        return;
    pthread_mutex_lock(&s->lock);
    s->stopping = true;
    pthread_cond_broadcast(&s->changed);
    pthread_mutex_unlock(&s->lock);
    for (unsigned i = 0; i < s->n_preparers; i++)
        pthread_join(s->preparers[i], NULL);
    s->n_preparers = 0;
    if (s->running)
        pthread_join(s->thread, NULL);
    s->running = false;
}

void cote_stage_free(cote_stage_t *s)
{
    if (!s)
        return;
    cote_stage_stop(s);
    pthread_cond_destroy(&s->changed);
    pthread_mutex_destroy(&s->lock);
    free(s->jobs);
    free(s->ready);
    free(s->preparers);
    free(s->prep_args);
    free(s);
}
