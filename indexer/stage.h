/* stage.h: jobs fed in order, prepared in parallel, worked and taken back
 * in the same order: how the indexer analyses the next files while its
 * writer thread writes the last ones (indexer.c).
 *
 * Each job goes through prepare(), on one of n_prepare threads, in any order
 * and concurrently with the others (the part of the analysis that depends
 * on the file alone: the repair, whose dictionary look-ups are most of a
 * PDF's analysis), then through work() on one ordered thread, in push order
 * (what depends on the documents before it: an acronym one document defines
 * reaches the documents after it exactly as in a single thread, so the
 * index does not depend on timing). Each preparer gets its own context
 * (prepare_ctx[i], e.g. its own dictionary); work gets ctx.
 *
 * Ownership: jobs are the caller's; the stage only hands them to prepare()
 * and work() on its threads, and back. At most `capacity` jobs are in the
 * stage: memory is bounded by the caller's job size times capacity.
 *
 * Usage (one feeding thread):
 *     while (cote_stage_full(s)) write(cote_stage_pop(s));
 *     cote_stage_push(s, job);
 *     ... at the end, or before reading what the jobs wrote:
 *     for (void *j; (j = cote_stage_pop(s));) write(j);
 * cote_stage_stop() waits for the jobs under way and the queued ones, then
 * ends the threads; pop() still returns them after. prepare may be NULL
 * (then n_prepare and prepare_ctx are ignored).
 * Statuses: OK, NOMEM, INTERNAL (a thread could not start).
 */
#ifndef COTE_STAGE_H
#define COTE_STAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

typedef struct cote_stage cote_stage_t;
typedef void (*cote_stage_work_fn)(void *job, void *ctx);

cote_status_t cote_stage_start(size_t capacity, unsigned n_prepare, cote_stage_work_fn prepare,
                               void *const *prepare_ctx, cote_stage_work_fn work, void *ctx, cote_stage_t **out,
                               cote_error_t *err);
bool cote_stage_full(const cote_stage_t *s);
/* Queues job; the stage must not be full. */
void cote_stage_push(cote_stage_t *s, void *job);
/* The oldest job, once worked; NULL when the stage is empty. */
void *cote_stage_pop(cote_stage_t *s);
void cote_stage_stop(cote_stage_t *s);
/* Stops the stage if needed and frees it; the jobs still in it are not freed. */
void cote_stage_free(cote_stage_t *s);

#endif
