/* request.h: the state shared by one server (web_server_t) and the state of
 * one HTTP request (web_request_t).
 *
 * server.c creates one web_server_t for the life of cote_server_run(); every
 * request borrows it. A web_request_t is allocated when libmicrohttpd has read
 * the request line (its URI log callback, MHD's documented first call for a
 * request) and freed in the NOTIFY_COMPLETED callback, whatever happened in
 * between, after the access-log line is written. Handlers fill http_status
 * through the respond_* helpers; nothing else in it changes after routing.
 *
 * Thread rule: a request is handled by one MHD worker thread at a time. The
 * server struct is shared: the pool has its own lock and the access log is
 * written under log_lock.
 */
#ifndef COTE_WEB_REQUEST_H
#define COTE_WEB_REQUEST_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include <microhttpd.h>

#include "searcher_pool.h"
#include "view.h"

/* Requests whose raw target (path and query string) is longer get 414. */
#define WEB_URI_MAX 8192
/* The access log keeps this many bytes of the target. */
#define WEB_LOG_URI_MAX 512

typedef struct {
    web_pool_t *pool;          /* one searcher per busy worker */
    FILE *access_log;          /* NULL: none */
    pthread_mutex_t log_lock;  /* one log line at a time */
    const char *base;          /* --base-path without its final '/'; "" when none */
    const char *const *cors;   /* --cors-origin allow-list (borrowed from the config) */
    size_t n_cors;
    char *csp_embed;           /* the CSP of ?embed=1 pages (frame-ancestors 'self' and
                                  the allowed origins); owned, freed at shutdown */
    atomic_uint in_flight;     /* requests begun and not completed, for a graceful stop */
    struct web_cache *cache;   /* recent answers (response_cache.h); NULL: --cache-mb 0 */
    const char *db_path;       /* the index, for its stamp (index_stamp.h) */
    unsigned time_limit_ms;    /* each search's (cote_search_request_t); 0: none */
} web_server_t;

struct web_route;

typedef struct {
    web_server_t *server;         /* borrowed */
    struct MHD_Connection *conn;  /* borrowed from MHD for the request's life */
    struct timespec start;        /* CLOCK_MONOTONIC when the request line was read */
    size_t uri_len;               /* length of the raw target */
    bool nul_in_path;             /* the raw path holds "%00", which MHD's
                                     decoding would turn into an early end */
    char log_uri[WEB_LOG_URI_MAX + 1]; /* raw target, truncated, for the log */
    char method[16];              /* "-" until the access handler runs */
    char client[64];              /* numeric client address, or "-" */
    const struct web_route *route; /* set once routed; NULL before */
    bool api;                     /* path under /api/: errors are JSON */
    size_t base_skip;             /* bytes of the path taken by the base path (0: none) */
    web_view_t view;              /* base path, language, embed mode of the pages */
    const char *cors_origin;      /* the request's Origin when it is on the allow-list
                                     (points into server->cors), else NULL */
    unsigned http_status;         /* status queued, 0 if none */
    char *cache_key;              /* malloc'ed: where a 200 answer's body goes in the
                                     response cache; NULL when not cached */
    size_t cache_key_len;
} web_request_t;

#endif
