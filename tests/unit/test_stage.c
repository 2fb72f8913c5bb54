/* test_stage.c: jobs prepared in parallel come out worked in push order
 * (indexer/stage.h). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

#include "assert.h"
#include "stage.h"

#define JOBS 300

typedef struct {
    int seq;
    atomic_int prepared; /* times prepare ran on it */
    int prepared_by;     /* the preparer's id */
    int worked_at;       /* position in the work order, -1 before */
} job_t;

typedef struct {
    int next; /* work order so far: only the ordered thread writes it */
} work_ctx_t;

static void nap(unsigned seed)
{
    struct timespec t = {0, (long)(seed % 7) * 20000L}; /* 0 to 120 us: jobs finish out of order */
    nanosleep(&t, NULL);
}

static void prepare(void *job, void *ctx)
{
    job_t *j = job;
    nap((unsigned)j->seq * 2654435761u);
    j->prepared_by = *(int *)ctx;
    atomic_fetch_add(&j->prepared, 1);
}

static void work(void *job, void *ctx)
{
    job_t *j = job;
    work_ctx_t *w = ctx;
    /* prepared before being worked, and worked in order */
    ASSERT_EQ_INT(atomic_load(&j->prepared), 1);
    ASSERT_EQ_INT(j->seq, w->next);
    j->worked_at = w->next++;
}

static void run(unsigned n_prepare, bool with_prepare, size_t capacity)
{
    static job_t jobs[JOBS];
    int ids[4] = {0, 1, 2, 3};
    void *ctxs[4] = {&ids[0], &ids[1], &ids[2], &ids[3]};
    work_ctx_t w = {0};
    cote_stage_t *s = NULL;
    cote_error_t err;
    ASSERT_OK_ERR(cote_stage_start(capacity, n_prepare, with_prepare ? prepare : NULL, ctxs, work, &w, &s, &err),
                  err);
    int popped = 0;
    for (int i = 0; i < JOBS; i++) {
        jobs[i] = (job_t){.seq = i, .worked_at = -1};
        if (!with_prepare)
            atomic_store(&jobs[i].prepared, 1);
        while (cote_stage_full(s)) {
            job_t *j = cote_stage_pop(s);
            ASSERT(j != NULL);
            ASSERT_EQ_INT(j->seq, popped);
            ASSERT_EQ_INT(j->worked_at, popped);
            popped++;
        }
        cote_stage_push(s, &jobs[i]);
    }
    /* stop with jobs still queued: they are prepared, worked, then popped */
    cote_stage_stop(s);
    for (job_t *j; (j = cote_stage_pop(s));) {
        ASSERT_EQ_INT(j->seq, popped);
        ASSERT_EQ_INT(j->worked_at, popped);
        popped++;
    }
    ASSERT_EQ_INT(popped, JOBS);
    ASSERT_EQ_INT(w.next, JOBS);
    cote_stage_free(s);
}

static void test_stage__one_preparer(void) { run(1, true, 4); }
static void test_stage__several_preparers_keep_the_order(void) { run(4, true, 7); }
static void test_stage__no_prepare_step(void) { run(0, false, 4); }
static void test_stage__capacity_one(void) { run(3, true, 1); }

int main(void)
{
    RUN(test_stage__one_preparer);
    RUN(test_stage__several_preparers_keep_the_order);
    RUN(test_stage__no_prepare_step);
    RUN(test_stage__capacity_one);
    return DONE();
}
