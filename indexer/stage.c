/* stage.c: a bounded FIFO between the feeding thread and one worker (stage.h). */
#include "stage.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct cote_stage {
    pthread_mutex_t lock;
    pthread_cond_t queued; /* a job came, or stop */
    pthread_cond_t worked; /* the worker finished a job */
    pthread_t thread;
    bool running, stopping;
    cote_stage_work_fn work;
    void *ctx;
    void **jobs;     /* ring of capacity slots */
    size_t capacity;
    size_t head;     /* oldest job */
    size_t count;    /* jobs in the ring */
    size_t worked_n; /* of them, the oldest worked_n are done */
};

static void *worker(void *arg)
{
    cote_stage_t *s = arg;
    pthread_mutex_lock(&s->lock);
    for (;;) {
        while (s->worked_n == s->count && !s->stopping)
            pthread_cond_wait(&s->queued, &s->lock);
        if (s->worked_n == s->count)
            break; /* stopping, and nothing left */
        void *job = s->jobs[(s->head + s->worked_n) % s->capacity];
        pthread_mutex_unlock(&s->lock);
        s->work(job, s->ctx);
        pthread_mutex_lock(&s->lock);
        s->worked_n++;
        pthread_cond_broadcast(&s->worked);
    }
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

cote_status_t cote_stage_start(size_t capacity, cote_stage_work_fn work, void *ctx, cote_stage_t **out,
                               cote_error_t *err)
{
    *out = NULL;
    cote_stage_t *s = calloc(1, sizeof *s);
    if (!s || !(s->jobs = calloc(capacity ? capacity : 1, sizeof *s->jobs))) {
        free(s);
        return cote_error_set(err, COTE_NOMEM, "out of memory");
    }
    s->capacity = capacity ? capacity : 1;
    s->work = work;
    s->ctx = ctx;
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->queued, NULL);
    pthread_cond_init(&s->worked, NULL);
    if (pthread_create(&s->thread, NULL, worker, s) != 0) {
        cote_stage_free(s);
        return cote_error_set(err, COTE_INTERNAL, "cannot start the analysis thread");
    }
    s->running = true;
    *out = s;
    return COTE_OK;
}

bool cote_stage_full(const cote_stage_t *s)
{
    return s->count == s->capacity; /* only the feeding thread changes count */
}

void cote_stage_push(cote_stage_t *s, void *job)
{
    pthread_mutex_lock(&s->lock);
    s->jobs[(s->head + s->count) % s->capacity] = job;
    s->count++;
    pthread_cond_signal(&s->queued);
    pthread_mutex_unlock(&s->lock);
}

void *cote_stage_pop(cote_stage_t *s)
{
    pthread_mutex_lock(&s->lock);
    if (s->count == 0) {
        pthread_mutex_unlock(&s->lock);
        return NULL;
    }
    while (s->worked_n == 0 && s->running)
        pthread_cond_wait(&s->worked, &s->lock);
    void *job = s->jobs[s->head];
    s->head = (s->head + 1) % s->capacity;
    s->count--;
    if (s->worked_n)
        s->worked_n--;
    pthread_mutex_unlock(&s->lock);
    return job;
}

void cote_stage_stop(cote_stage_t *s)
{
    if (!s || !s->running)
        return;
    pthread_mutex_lock(&s->lock);
    s->stopping = true;
    pthread_cond_signal(&s->queued);
    pthread_mutex_unlock(&s->lock);
    pthread_join(s->thread, NULL);
    s->running = false;
}

void cote_stage_free(cote_stage_t *s)
{
    if (!s)
        return;
    cote_stage_stop(s);
    pthread_cond_destroy(&s->worked);
    pthread_cond_destroy(&s->queued);
    pthread_mutex_destroy(&s->lock);
    free(s->jobs);
    free(s);
}
