/* server.c: cote_server_run(), the daemon's life from start to signal.
 *
 * Order matters here:
 *   1. parse the listen address and open the searcher pool (one searcher is
 *      opened at once, so a missing index fails before binding);
 *   2. block SIGINT and SIGTERM in this thread *before* MHD starts its
 *      threads, which inherit the mask: the signals then stay pending until
 *      sigwait() takes them here, and no worker is ever interrupted;
 *   3. start MHD, print the "serving" line, wait for a signal;
 *   4. quiesce MHD (it stops accepting; connections already open are still
 *      served), wait until no request is in flight or the grace period is
 *      over, then stop MHD (it joins its threads, so no handler still holds
 *      a searcher), free the pool and restore the caller's signal mask.
 * Requests in flight are counted from MHD's URI log callback (the request
 * line is read) to NOTIFY_COMPLETED (the response is sent, or the
 * connection failed); a keep-alive connection waiting for its next request
 * counts nothing, so it does not hold the stop back.
 *
 * Per-request state is allocated in MHD's URI log callback, the first call
 * for every request, and freed in NOTIFY_COMPLETED, which MHD guarantees
 * once a URI log callback has run, so nothing leaks on early errors.
 */
#define _POSIX_C_SOURCE 200809L
#include "server.h"

#include <errno.h>
#include <stdatomic.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include <microhttpd.h>

#include "access_log.h"
#include "listen.h"
#include "request.h"
#include "response_cache.h"
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
#define GRACE_DEFAULT_S 10
#define BASE_PATH_MAX 200
#define ORIGIN_MAX 200

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

/* Is there an index at path, readable or not: a file (a stub), or a folder
 * holding Xapian's revision file or a stub? */
static bool holds_an_index(const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return errno != ENOENT; /* EACCES: something is there */
    if (!S_ISDIR(sb.st_mode))
        return true;
    if (access(path, R_OK | X_OK) != 0)
        return true;
    char p[4096];
    return (snprintf(p, sizeof p, "%s/iamglass", path) < (int)sizeof p && stat(p, &sb) == 0) ||
           (snprintf(p, sizeof p, "%s/XAPIANDB", path) < (int)sizeof p && stat(p, &sb) == 0);
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    web_request_t *rq = calloc(1, sizeof *rq);
    if (!rq)
        return NULL;
    rq->server = cls;
    rq->conn = conn;
    rq->view = (web_view_t)WEB_VIEW_DEFAULT;
    rq->view.base = rq->server->base;
    atomic_fetch_add(&rq->server->in_flight, 1);
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
    atomic_fetch_sub(&rq->server->in_flight, 1);
    free(rq->cache_key);
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

/* The base path in its canonical form ("/cote"; "" for none) into out.
 * Only unreserved URL characters and '/' are accepted, so it can be printed
 * into pages and headers as it is; "." and ".." segments and "//" are
 * refused, as a proxy would normalise them away. */
static cote_status_t check_base(const char *in, char *out, size_t size, cote_error_t *err)
{
    out[0] = '\0';
    if (!in || !*in)
        return COTE_OK;
    size_t n = strlen(in);
    while (n > 0 && in[n - 1] == '/')
        n--;
    if (n == 0)
        return COTE_OK;
    if (in[0] != '/' || n >= size)
        return cote_error_set(err, COTE_INVALID_ARG,
                              "--base-path must start with '/' and be at most %d bytes (e.g. /cote)",
                              BASE_PATH_MAX);
    for (size_t i = 0; i < n; i++) {
        char c = in[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
        if (!ok)
            return cote_error_set(err, COTE_INVALID_ARG,
                                  "--base-path may hold only letters, digits, '-', '.', '_', '~' and '/'");
        if (c == '/') {
            /* the segment after this '/' */
            const char *seg = in + i + 1;
            size_t len = strcspn(seg, "/");
            if (i + 1 + len > n)
                len = n - i - 1;
            if (len == 0 || (len == 1 && seg[0] == '.') || (len == 2 && seg[0] == '.' && seg[1] == '.'))
                return cote_error_set(err, COTE_INVALID_ARG,
                                      "--base-path has an empty, '.' or '..' segment");
        }
    }
    memcpy(out, in, n);
    out[n] = '\0';
    return COTE_OK;
}

/* An origin as browsers send it: http or https, a host (name, IPv4 or
 * [IPv6]) and an optional port, nothing else (no path, no final '/'). */
static bool valid_origin(const char *o)
{
    size_t n = strlen(o);
    const char *host;
    if (n > ORIGIN_MAX)
        return false;
    if (strncmp(o, "https://", 8) == 0)
        host = o + 8;
    else if (strncmp(o, "http://", 7) == 0)
        host = o + 7;
    else
        return false;
    if (!*host)
        return false;
    bool port = false;
    for (const char *p = host; *p; p++) {
        char c = *p;
        if (port && !(c >= '0' && c <= '9'))
            return false;
        if (c == ':' && *host != '[') {
            if (p == host || !p[1])
                return false;
            port = true;
            continue;
        }
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '-' || (*host == '[' && (c == ':' || c == '[' || c == ']'));
        if (!ok && !port)
            return false;
        if (*host == '[' && c == ']') {
            if (p[1] && p[1] != ':')
                return false;
            if (p[1] == ':') {
                if (!p[2])
                    return false;
                port = true;
                p++;
            }
        }
    }
    return true;
}

/* The CSP of embed pages: the default one with the allow-list added to
 * frame-ancestors. NULL (with err set) when out of memory. */
static char *embed_csp(const char *const *origins, size_t n)
{
    size_t len = 256;
    for (size_t i = 0; i < n; i++)
        len += strlen(origins[i]) + 1;
    char *csp = malloc(len);
    if (!csp)
        return NULL;
    size_t o = (size_t)snprintf(csp, len, "default-src 'none'; style-src 'self'; img-src 'self'; "
                                          "script-src 'self'; connect-src 'self'; form-action 'self'; "
                                          "frame-ancestors 'self'");
    for (size_t i = 0; i < n && o < len; i++)
        o += (size_t)snprintf(csp + o, len - o, " %s", origins[i]);
    if (o < len)
        snprintf(csp + o, len - o, "; base-uri 'none'");
    return csp;
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
    unsigned grace = cfg->grace_s ? cfg->grace_s : GRACE_DEFAULT_S;
    char base[BASE_PATH_MAX + 1];
    st = check_base(cfg->base_path, base, sizeof base, err);
    if (st != COTE_OK)
        return st;
    for (size_t i = 0; i < cfg->n_cors_origins; i++)
        if (!valid_origin(cfg->cors_origins[i]))
            return cote_error_set(err, COTE_INVALID_ARG,
                                  "--cors-origin '%.80s' is not an origin: scheme://host[:port], "
                                  "http or https, without path or final '/' (e.g. https://intranet.example)",
                                  cfg->cors_origins[i]);

    web_server_t srv;
    memset(&srv, 0, sizeof srv);
    srv.access_log = cfg->access_log;
    srv.base = base;
    srv.cors = cfg->cors_origins;
    srv.n_cors = cfg->n_cors_origins;
    atomic_init(&srv.in_flight, 0);
    srv.db_path = cfg->db_path;
    srv.time_limit_ms = cfg->time_limit_ms == COTE_SERVER_TIME_LIMIT_DEFAULT ? COTE_SERVER_TIME_LIMIT_DEFAULT_MS
                                                                           : cfg->time_limit_ms;
    if (srv.n_cors > 0 && !(srv.csp_embed = embed_csp(srv.cors, srv.n_cors)))
        return cote_error_set(err, COTE_NOMEM, "serve: out of memory");
    size_t cache_mb = cfg->cache_mb == COTE_SERVER_CACHE_DEFAULT ? COTE_SERVER_CACHE_DEFAULT_MB : cfg->cache_mb;
    st = web_cache_new(cache_mb << 20, &srv.cache, err);
    if (st == COTE_OK)
        st = web_pool_create(cfg->db_path, threads, &srv.pool, err);
    if (st != COTE_OK) {
        web_cache_free(srv.cache);
        char why[COTE_ERROR_MSG_MAX];
        snprintf(why, sizeof why, "%s", cote_error_text(err));
        free(srv.csp_embed);
        /* "run cote index first" only when no index is there: one that
         * exists but cannot be read needs something else */
        if (st == COTE_DB_OPEN && !holds_an_index(cfg->db_path))
            return cote_error_set(err, st, "cannot open the index at %s (%s); run `cote index "
                                  "--db %s PATH...` first", cfg->db_path, why, cfg->db_path);
        return cote_error_set(err, st, "cannot open the index at %s: %s", cfg->db_path, why);
    }
    if (pthread_mutex_init(&srv.log_lock, NULL) != 0) {
        web_pool_free(srv.pool);
        web_cache_free(srv.cache);
        free(srv.csp_embed);
        return cote_error_set(err, COTE_INTERNAL, "serve: cannot create a mutex");
    }

    sigset_t stop, old;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, &old);

    /* ITC: MHD_quiesce_daemon() needs it to wake the polling threads */
    unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG | MHD_USE_ITC;
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
        /* RFC 9112 as written: HTTP/1.1 without Host and whitespace before a
         * header's colon are 400 (a proxy in front may read such headers
         * differently: request smuggling); tests/bad-inputs/http.tsv */
        MHD_OPTION_STRICT_FOR_CLIENT, (int)1,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, &srv,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, &srv,
        MHD_OPTION_END);
    if (!d) {
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        pthread_mutex_destroy(&srv.log_lock);
        web_pool_free(srv.pool);
        web_cache_free(srv.cache);
        free(srv.csp_embed);
        return cote_error_set(err, COTE_IO,
                              "cannot listen on %s (address in use, or not allowed here)",
                              addr.display);
    }
    fprintf(stderr, "cote: serving http://%s%s/ (index %s)\n", addr.display, base, cfg->db_path);
    fflush(stderr);

    int sig = 0;
    while (sigwait(&stop, &sig) == EINTR)
        continue;

    /* Stop accepting, let what is in flight finish, then stop. MHD hands the
     * listening socket back to us when quiescing; it is closed after the
     * daemon is stopped, so the port stays taken until then. */
    MHD_socket listener = MHD_quiesce_daemon(d);
    unsigned left = atomic_load(&srv.in_flight);
    fprintf(stderr, "cote: stopping (%u request%s in flight)\n", left, left == 1 ? "" : "s");
    fflush(stderr);
    struct timespec tick = {0, 20 * 1000 * 1000};
    for (unsigned waited_ms = 0; atomic_load(&srv.in_flight) > 0 && waited_ms < grace * 1000u;
         waited_ms += 20)
        nanosleep(&tick, NULL);
    MHD_stop_daemon(d);
    if (listener != MHD_INVALID_SOCKET)
        close(listener);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_mutex_destroy(&srv.log_lock);
    web_pool_free(srv.pool);
    web_cache_free(srv.cache);
    free(srv.csp_embed);
    return COTE_OK;
}
