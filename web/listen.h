/* listen.h: parsing the --listen address of `cote serve`.
 *
 * Accepted forms: "127.0.0.1:8080", "[::1]:8080" (IPv6 in brackets) and
 * "localhost:8080" (a name, resolved with getaddrinfo; an IPv4 answer is
 * preferred, since loopback IPv6 is often disabled in containers). The port
 * is 1..65535 in decimal. Anything else is COTE_INVALID_ARG with a message
 * naming the accepted forms; nothing is guessed (an unbracketed "::1:8080"
 * is refused rather than split at its last colon).
 *
 * Ownership: out is the caller's; it holds no pointers. Thread-safe.
 */
#ifndef COTE_WEB_LISTEN_H
#define COTE_WEB_LISTEN_H

#include <sys/socket.h>

#include "error.h"

typedef struct {
    struct sockaddr_storage addr;
    socklen_t addr_len;
    int family;         /* AF_INET or AF_INET6 */
    unsigned short port;
    char display[80];   /* "127.0.0.1:8080" or "[::1]:8080", for messages */
} web_listen_t;

/* Statuses: OK, INVALID_ARG (malformed, bad port, unresolvable name). */
cote_status_t web_listen_parse(const char *spec, web_listen_t *out, cote_error_t *err);

#endif
