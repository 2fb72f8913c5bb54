/* stats.h: what an index holds, for `cote stats` and /healthz.
 *
 * Ownership: the caller owns the struct and frees it with cote_stats_free
 * (its strings are malloc'ed). Statuses: OK, DB_MODIFIED, REMOTE, NOMEM,
 * INTERNAL.
 */
#ifndef COTE_STATS_H
#define COTE_STATS_H

#include <stddef.h>

#include "searcher.h"

typedef struct {
    unsigned long documents; /* source files */
    unsigned long passages;  /* passages (blocks), over the sections */
    unsigned long sections;  /* the records searches match: runs of blocks */
    unsigned long section_words; /* the words a section gathers (indexer/record.h); 0 when
                                  * unknown (an index written before cote recorded it) */
    unsigned long terms;     /* distinct terms, prefixed ones included */
    char *committed;         /* time of the last commit (ISO 8601 UTC), "" when unknown */
    char *failed;            /* the last run's failures: path TAB status TAB message, a line each */
    size_t n_failed;
} cote_stats_t;

cote_status_t cote_searcher_stats(cote_searcher_t *s, cote_stats_t *out, cote_error_t *err);
void cote_stats_free(cote_stats_t *st);

#endif
