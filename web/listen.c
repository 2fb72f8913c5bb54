/* listen.c: "HOST:PORT" / "[V6]:PORT" into a socket address. */
#define _POSIX_C_SOURCE 200809L
#include "listen.h"

#include <netdb.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "ascii.h"

#define HOST_MAX 255

#define FORMS "expected ADDR:PORT, [IPV6]:PORT or localhost:PORT, e.g. 127.0.0.1:8080"

cote_status_t web_listen_parse(const char *spec, web_listen_t *out, cote_error_t *err)
{
    memset(out, 0, sizeof *out);
    if (!spec || !*spec)
        return cote_error_set(err, COTE_INVALID_ARG, "empty listen address: " FORMS);

    const char *host, *port;
    size_t host_len;
    bool bracketed = spec[0] == '[';
    if (bracketed) {
        const char *close = strchr(spec, ']');
        if (!close || close[1] != ':')
            return cote_error_set(err, COTE_INVALID_ARG, "invalid listen address \"%.100s\": " FORMS,
                                  spec);
        host = spec + 1;
        host_len = (size_t)(close - host);
        port = close + 2;
    } else {
        const char *colon = strrchr(spec, ':');
        if (!colon)
            return cote_error_set(err, COTE_INVALID_ARG,
                                  "listen address \"%.100s\" has no port: " FORMS, spec);
        host = spec;
        host_len = (size_t)(colon - spec);
        port = colon + 1;
        if (memchr(host, ':', host_len))
            return cote_error_set(err, COTE_INVALID_ARG,
                                  "listen address \"%.100s\": put an IPv6 address in brackets, "
                                  "e.g. [::1]:8080",
                                  spec);
    }
    if (host_len == 0 || host_len > HOST_MAX)
        return cote_error_set(err, COTE_INVALID_ARG, "invalid listen address \"%.100s\": " FORMS,
                              spec);
    size_t port_len = strlen(port);
    unsigned long port_num = 0;
    if (cote_ascii_all_digits(port, port_len) && port_len <= 5)
        for (size_t i = 0; i < port_len; i++)
            port_num = port_num * 10 + (unsigned long)(port[i] - '0');
    if (port_num < 1 || port_num > 65535)
        return cote_error_set(err, COTE_INVALID_ARG,
                              "invalid port in listen address \"%.100s\": expected 1 to 65535",
                              spec);

    char host_z[HOST_MAX + 1];
    memcpy(host_z, host, host_len);
    host_z[host_len] = '\0';
    char port_z[8];
    snprintf(port_z, sizeof port_z, "%lu", port_num);

    struct addrinfo hints;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = bracketed ? AF_INET6 : AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV | (bracketed ? AI_NUMERICHOST : 0);
    struct addrinfo *res = NULL;
    int rc = getaddrinfo(host_z, port_z, &hints, &res);
    if (rc != 0)
        return cote_error_set(err, COTE_INVALID_ARG, "cannot use listen host \"%s\": %s", host_z,
                              gai_strerror(rc));
    const struct addrinfo *pick = NULL;
    for (const struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        if (ai->ai_family != AF_INET && ai->ai_family != AF_INET6)
            continue;
        if (!pick || (pick->ai_family != AF_INET && ai->ai_family == AF_INET))
            pick = ai;
    }
    if (!pick || pick->ai_addrlen > sizeof out->addr) {
        freeaddrinfo(res);
        return cote_error_set(err, COTE_INVALID_ARG, "listen host \"%s\" has no IP address",
                              host_z);
    }
    memcpy(&out->addr, pick->ai_addr, pick->ai_addrlen);
    out->addr_len = pick->ai_addrlen;
    out->family = pick->ai_family;
    out->port = (unsigned short)port_num;
    freeaddrinfo(res);

    char num[INET6_ADDRSTRLEN + 1];
    if (getnameinfo((const struct sockaddr *)&out->addr, out->addr_len, num, sizeof num, NULL, 0,
                    NI_NUMERICHOST) != 0)
        snprintf(num, sizeof num, "%.40s", host_z);
    if (out->family == AF_INET6)
        snprintf(out->display, sizeof out->display, "[%.60s]:%lu", num, port_num);
    else
        snprintf(out->display, sizeof out->display, "%.60s:%lu", num, port_num);
    return COTE_OK;
}
