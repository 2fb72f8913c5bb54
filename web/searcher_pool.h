/* searcher_pool.h: a fixed-size pool of searchers for the server's workers.
 *
 * A Xapian database handle must not be used by two threads at once, so each
 * request checks one searcher out, uses it alone and checks it back in. The
 * pool holds at most `size` searchers (the number of MHD worker threads, so a
 * checkout waits only when every handle is busy); they are opened lazily,
 * except the first one, which web_pool_create() opens to check that the
 * index exists. Checkout refreshes the searcher to the index's latest commit
 * so a running `cote index` is seen, and replaces a handle whose database
 * changed under it, was replaced at its path (moved, relinked or rebuilt),
 * or whose remote shard failed.
 *
 * A checkout waits at most WEB_POOL_WAIT_MS for a searcher to come back;
 * then it fails with COTE_BUSY, which the server answers with
 * 503 and Retry-After, so a burst beyond the pool's size cannot pile up
 * requests that wait forever.
 *
 * Ownership: the pool owns its searchers and a copy of db_path; a
 * checked-out searcher is lent to one request until web_pool_checkin().
 * web_pool_free() must be called only when nothing is checked out.
 *
 * Thread rule: checkout and checkin are thread-safe; create and free are not.
 */
#ifndef COTE_WEB_SEARCHER_POOL_H
#define COTE_WEB_SEARCHER_POOL_H

#include "error.h"
#include "searcher.h"

typedef struct web_pool web_pool_t;

#define WEB_POOL_WAIT_MS 10000

/* Statuses: OK; those of cote_searcher_open (DB_OPEN when the index is
 * missing, DB_CORRUPT, REMOTE, NOMEM, INTERNAL); INVALID_ARG (size 0). */
cote_status_t web_pool_create(const char *db_path, unsigned size, web_pool_t **out,
                              cote_error_t *err);
void web_pool_free(web_pool_t *p);

/* Lends a searcher at the latest commit, waiting while all are busy.
 * *out is NULL on failure. Statuses: OK; BUSY (all busy for
 * WEB_POOL_WAIT_MS); those of cote_searcher_open and cote_searcher_refresh. */
cote_status_t web_pool_checkout(web_pool_t *p, cote_searcher_t **out, cote_error_t *err);

/* Returns s. last is the status of the last call made with it: after
 * DB_MODIFIED, REMOTE, DB_OPEN or DB_CORRUPT the handle is closed and a fresh
 * one is opened by a later checkout. s may be NULL (nothing happens). */
void web_pool_checkin(web_pool_t *p, cote_searcher_t *s, cote_status_t last);

#endif
