/* server.h: the HTTP front end (libmicrohttpd): the HTML search page and the
 * JSON API, over one index.
 *
 * cote_server_run() starts a daemon with a thread pool, answers until SIGINT
 * or SIGTERM, then stops gracefully: it stops accepting connections at once,
 * lets the requests in flight finish (for up to cfg->grace_s seconds), then
 * closes the idle keep-alive connections and returns. It prints one line to
 * stderr when it is listening and one when it stops, and writes an access
 * log line per request to cfg->access_log when set. Each worker thread
 * checks a searcher out of a pool (Xapian handles are not thread-safe) and
 * refreshes it to the latest index commit before use, so a running `cote
 * index` is seen without a restart.
 *
 * Limits: cfg->max_connections connections at once (64 per client address);
 * further ones are not accepted and wait in the kernel's listen queue until
 * one closes; a connection idle or stalled for
 * cfg->timeout_s seconds is closed (a slow client cannot hold a worker); a
 * request waits at most WEB_POOL_WAIT_MS for a free searcher, then gets 503
 * with Retry-After (BUSY); a search still matching cfg->time_limit_ms after
 * it began is stopped and answered 503 with Retry-After (TIMEOUT); the
 * query-string bounds are those of params.h.
 *
 * Intranet options: base_path prefixes every URL the pages print (router.h
 * says how requests are matched); cors_origins is the allow-list of origins
 * (scheme://host[:port], compared exactly) that may call /api/ from a
 * browser and frame the ?embed=1 pages.
 *
 * Ownership: cfg and its strings are borrowed for the duration of the call.
 */
#ifndef COTE_SERVER_H
#define COTE_SERVER_H

#include <limits.h>
#include <stdio.h>

#include "error.h"

#define COTE_SERVER_DEFAULT_LISTEN "127.0.0.1:8080"

typedef struct {
    const char *db_path;      /* index directory or stub file */
    const char *listen;       /* "ADDR:PORT", "[v6]:PORT"; NULL: COTE_SERVER_DEFAULT_LISTEN */
    unsigned threads;         /* worker threads; 0: number of cores */
    unsigned max_connections; /* 0: 256 */
    unsigned timeout_s;       /* idle connection timeout; 0: 15 */
    FILE *access_log;         /* NULL: no access log */
    const char *base_path;    /* "/cote" (a final '/' is dropped); NULL, "" or "/": none */
    const char *const *cors_origins; /* n_cors_origins origins, e.g. "https://intranet.example" */
    size_t n_cors_origins;
    unsigned grace_s;         /* longest wait for requests in flight at a stop; 0: 10 */
    size_t cache_mb;          /* response cache bound in MB (response_cache.h); 0: none;
                                 COTE_SERVER_CACHE_DEFAULT: COTE_SERVER_CACHE_DEFAULT_MB */
    unsigned time_limit_ms;   /* a search still matching this long fails with 503 (TIMEOUT);
                                 0: none; COTE_SERVER_TIME_LIMIT_DEFAULT: ..._DEFAULT_MS */
} cote_server_config_t;

#define COTE_SERVER_CACHE_DEFAULT ((size_t)-1)
#define COTE_SERVER_CACHE_DEFAULT_MB 64
#define COTE_SERVER_TIME_LIMIT_DEFAULT UINT_MAX
/* Searches take milliseconds (bench/results/query.md): a search still
 * matching after 3 s is pathological, and holds one of a few workers. */
#define COTE_SERVER_TIME_LIMIT_DEFAULT_MS 3000

/* Statuses: OK (clean shutdown), INVALID_ARG (bad listen address, base path
 * or origin: the message says which and what is accepted), DB_OPEN (index
 * missing), IO (cannot bind), NOMEM, INTERNAL. */
cote_status_t cote_server_run(const cote_server_config_t *cfg, cote_error_t *err);

#endif
