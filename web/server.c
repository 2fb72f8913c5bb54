/* server.c: cote_server_run(), the daemon's life from start to signal.
 *
 * Order matters here:
 *   1. parse the listen address and open the searcher pool (one searcher is
 *      opened at once, so a missing index fails before binding);
 *   2. block SIGINT and SIGTERM in this thread *before* MHD starts its
 *      threads, which inherit the mask: the signals then stay pending until
 *      sigwait() takes them here, and no worker is ever interrupted;
 *   3. start MHD, print the "serving" line, wait for a signal;
 *   4. stop MHD (it joins its threads, so no handler still holds a
 *      searcher), free the pool and restore the caller's signal mask.
 *
 * Per-request state is allocated in MHD's URI log callback, the first call
 * for every request, and freed in NOTIFY_COMPLETED, which MHD guarantees
 * once a URI log callback has run, so nothing leaks on early errors.
 */
#define _POSIX_C_SOURCE 200809L
#include "server.h"

#include <errno.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "access_log.h"
#include "listen.h"
#include "request.h"
#include "router.h"
#include "searcher_pool.h"

#define THREADS_MAX 256 /* as `cote serve --threads` allows */
#define CONNECTIONS_DEFAULT 256
#define PER_IP_CONNECTIONS 64
#define TIMEOUT_DEFAULT_S 15
/* Per-connection memory: request line and headers must fit, with room for a
 * target of WEB_URI_MAX bytes (longer ones get 414 from the router, far
 * longer ones an error from MHD itself). */
#define CONNECTION_MEMORY (64 * 1024)

/* True when the path part of a raw target holds "%00". MHD decodes the path
 * into a C string, so "/static/style.css%00.png" would otherwise be seen as
 * "/static/style.css". */
static bool encoded_nul_in_path(const char *uri)
{
    for (const char *p = uri; *p && *p != '?'; p++)
        if (p[0] == '%' && p[1] == '0' && p[2] == '0')
            return true;
    return false;
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    web_request_t *rq = calloc(1, sizeof *rq);
    if (!rq)
        return NULL;
    rq->server = cls;
    rq->conn = conn;
    clock_gettime(CLOCK_MONOTONIC, &rq->start);
    rq->uri_len = strlen(uri);
    rq->nul_in_path = encoded_nul_in_path(uri);
    size_t n = rq->uri_len < WEB_LOG_URI_MAX ? rq->uri_len : WEB_LOG_URI_MAX;
    memcpy(rq->log_uri, uri, n);
    rq->log_uri[n] = '\0';
    memcpy(rq->method, "-", 2);
    memcpy(rq->client, "-", 2);
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (ci && ci->client_addr) {
        socklen_t len = ci->client_addr->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6)
                                                               : sizeof(struct sockaddr_in);
        if (getnameinfo(ci->client_addr, len, rq->client, sizeof rq->client, NULL, 0,
                        NI_NUMERICHOST) != 0)
            memcpy(rq->client, "-", 2);
    }
    return rq;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    (void)cls;
    (void)conn;
    (void)version;
    (void)upload_data;
    web_request_t *rq = *con_cls;
    if (!rq)
        return MHD_NO; /* on_uri ran out of memory: drop the connection */
    return web_router_handle(rq, method, url, upload_data_size);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)conn;
    web_request_t *rq = *con_cls;
    if (!rq)
        return;
    *con_cls = NULL;
    web_access_log(cls, rq, toe);
    free(rq);
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 0)))
#endif
static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    flockfile(stderr);
    fputs("cote: http: ", stderr);
    vfprintf(stderr, fmt, ap);
    funlockfile(stderr);
}

static unsigned default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : (unsigned)n;
}

cote_status_t cote_server_run(const cote_server_config_t *cfg, cote_error_t *err)
{
    if (!cfg || !cfg->db_path)
        return cote_error_set(err, COTE_INVALID_ARG, "serve: no index given (--db DIR)");
    const char *listen = cfg->listen ? cfg->listen : COTE_SERVER_DEFAULT_LISTEN;
    web_listen_t addr;
    cote_status_t st = web_listen_parse(listen, &addr, err);
    if (st != COTE_OK)
        return st;

    unsigned threads = cfg->threads ? cfg->threads : default_threads();
    if (threads > THREADS_MAX)
        threads = THREADS_MAX;
    unsigned connections = cfg->max_connections ? cfg->max_connections : CONNECTIONS_DEFAULT;
    if (connections < threads)
        connections = threads;
    unsigned per_ip = PER_IP_CONNECTIONS < connections ? PER_IP_CONNECTIONS : connections;
    unsigned timeout = cfg->timeout_s ? cfg->timeout_s : TIMEOUT_DEFAULT_S;

    web_server_t srv;
    memset(&srv, 0, sizeof srv);
    srv.access_log = cfg->access_log;
    st = web_pool_create(cfg->db_path, threads, &srv.pool, err);
    if (st != COTE_OK) {
        char why[COTE_ERROR_MSG_MAX];
        snprintf(why, sizeof why, "%s", cote_error_text(err));
        if (st == COTE_DB_OPEN)
            return cote_error_set(err, st, "cannot open the index at %s (%s); run `cote index "
                                  "--db %s PATH...` first", cfg->db_path, why, cfg->db_path);
        return cote_error_set(err, st, "cannot open the index at %s: %s", cfg->db_path, why);
    }
    if (pthread_mutex_init(&srv.log_lock, NULL) != 0) {
        web_pool_free(srv.pool);
        return cote_error_set(err, COTE_INTERNAL, "serve: cannot create a mutex");
    }

    sigset_t stop, old;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, &old);

    unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG;
    if (addr.family == AF_INET6)
        flags |= MHD_USE_IPv6;
    struct MHD_Daemon *d = MHD_start_daemon(
        /* The port is taken from SOCK_ADDR; MHD uses this one in messages. */
        flags, addr.port, NULL, NULL, on_request, &srv,
        /* The logger first, so that MHD reports option errors through it. */
        MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL,
        MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)&addr.addr,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)threads,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned int)connections,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned int)per_ip,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)timeout,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONNECTION_MEMORY,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, &srv,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, &srv,
        MHD_OPTION_END);
    if (!d) {
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        pthread_mutex_destroy(&srv.log_lock);
        web_pool_free(srv.pool);
        return cote_error_set(err, COTE_IO,
                              "cannot listen on %s (address in use, or not allowed here)",
                              addr.display);
    }
    fprintf(stderr, "cote: serving http://%s/ (index %s)\n", addr.display, cfg->db_path);
    fflush(stderr);

    int sig = 0;
    while (sigwait(&stop, &sig) == EINTR)
        continue;

    MHD_stop_daemon(d);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_mutex_destroy(&srv.log_lock);
    web_pool_free(srv.pool);
    return COTE_OK;
}
