/* access_log.h: one line per finished request.
 *
 *   2025-03-01T09:30:12Z 127.0.0.1 "GET /api/v1/search?q=eau" 200 3.1ms
 *
 * Time is UTC (ISO 8601), then the client's numeric address, the method and
 * the raw request target (cut at WEB_LOG_URI_MAX bytes; bytes outside
 * printable ASCII, '"' and '\' written as \xNN so a request cannot forge log
 * lines), the HTTP status ("-" when none was sent), the duration, and the way
 * the connection ended when it was not a normal completion.
 *
 * Ownership: writes to srv->access_log (the caller's FILE) under
 * srv->log_lock and flushes it; does nothing when it is NULL. Thread-safe.
 */
#ifndef COTE_WEB_ACCESS_LOG_H
#define COTE_WEB_ACCESS_LOG_H

#include <microhttpd.h>

#include "request.h"

void web_access_log(web_server_t *srv, const web_request_t *rq,
                    enum MHD_RequestTerminationCode toe);

#endif
