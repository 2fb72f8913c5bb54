/* server.h: the HTTP front end (libmicrohttpd): the HTML search page and the
 * JSON API, over one index.
 *
 * cote_server_run() starts a daemon with a thread pool, answers until SIGINT
 * or SIGTERM, then stops gracefully (in-flight requests finish). It prints one
 * line to stderr when it is listening and writes an access log line per
 * request to cfg->access_log when set. Each worker thread checks a searcher
 * out of a pool (Xapian handles are not thread-safe) and refreshes it to the
 * latest index commit before use.
 *
 * Ownership: cfg and its strings are borrowed for the duration of the call.
 */
#ifndef COTE_SERVER_H
#define COTE_SERVER_H

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
} cote_server_config_t;

/* Statuses: OK (clean shutdown), INVALID_ARG (bad listen address), DB_OPEN
 * (index missing), IO (cannot bind), NOMEM, INTERNAL. */
cote_status_t cote_server_run(const cote_server_config_t *cfg, cote_error_t *err);

#endif
