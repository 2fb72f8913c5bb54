/* access_log.c: formatting and writing access-log lines. */
#define _POSIX_C_SOURCE 200809L
#include "access_log.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *ending(enum MHD_RequestTerminationCode toe)
{
    switch (toe) {
    case MHD_REQUEST_TERMINATED_COMPLETED_OK: return NULL;
    case MHD_REQUEST_TERMINATED_WITH_ERROR: return "error";
    case MHD_REQUEST_TERMINATED_TIMEOUT_REACHED: return "timeout";
    case MHD_REQUEST_TERMINATED_DAEMON_SHUTDOWN: return "shutdown";
    case MHD_REQUEST_TERMINATED_READ_ERROR: return "read-error";
    case MHD_REQUEST_TERMINATED_CLIENT_ABORT: return "client-abort";
    default: break;
    }
    return "closed";
}

/* Copies s into out (size > 0) with unsafe bytes as \xNN; cuts cleanly. */
static void escape(const char *s, char *out, size_t size)
{
    static const char hex[] = "0123456789abcdef";
    size_t o = 0;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        bool plain = c > 0x20 && c < 0x7F && c != '"' && c != '\\';
        size_t need = plain ? 1 : 4;
        if (o + need >= size)
            break;
        if (plain) {
            out[o++] = (char)c;
        } else {
            out[o++] = '\\';
            out[o++] = 'x';
            out[o++] = hex[c >> 4];
            out[o++] = hex[c & 0x0F];
        }
    }
    out[o] = '\0';
}

void web_access_log(web_server_t *srv, const web_request_t *rq,
                    enum MHD_RequestTerminationCode toe)
{
    if (!srv->access_log)
        return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double ms = (double)(now.tv_sec - rq->start.tv_sec) * 1e3 +
                (double)(now.tv_nsec - rq->start.tv_nsec) / 1e6;

    char stamp[32] = "-";
    time_t t = time(NULL);
    struct tm tm;
    if (gmtime_r(&t, &tm))
        strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);

    char target[WEB_LOG_URI_MAX * 4 + 1];
    escape(rq->log_uri, target, sizeof target);
    char method[sizeof rq->method * 4];
    escape(rq->method, method, sizeof method);
    char status[16] = "-";
    if (rq->http_status)
        snprintf(status, sizeof status, "%u", rq->http_status);
    const char *end = ending(toe);

    pthread_mutex_lock(&srv->log_lock);
    fprintf(srv->access_log, "%s %s \"%s %s%s\" %s %.1fms%s%s\n", stamp, rq->client, method,
            target, rq->uri_len > WEB_LOG_URI_MAX ? "..." : "", status, ms, end ? " " : "",
            end ? end : "");
    fflush(srv->access_log);
    pthread_mutex_unlock(&srv->log_lock);
}
