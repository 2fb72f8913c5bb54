/* view.h: how one request wants its pages printed: the URL prefix of every
 * local link, the interface language, and whether the page is the bare one
 * an intranet puts in an iframe.
 *
 *   base   `cote serve --base-path /cote`: every link, form action, asset,
 *          API and OpenSearch URL the server prints starts with it ("" when
 *          none). Requests may arrive with or without it (router.h).
 *   lang   French unless ?lang=en, or, without ?lang=, when the browser's
 *          Accept-Language prefers English to French. An explicit ?lang= is
 *          "pinned": every link and form of the page carries it on, so the
 *          choice survives clicks; a language from Accept-Language needs not.
 *   embed  ?embed=1: a page without the site's header and footer, framable
 *          by the --cors-origin origins (respond.h); links and forms keep
 *          embed=1, and documents open outside the frame.
 *
 * web_view_read() fills a view from the request's query string and headers.
 * Invalid values (lang=de, embed=yes) are ignored, never an error: a view
 * only changes how a page looks. `path` is the request's decoded path with
 * the base removed, kept to build the language switch link.
 *
 * Ownership: base and path are borrowed (the server's configuration and MHD's
 * connection memory); a view lives as long as its request. Thread-safe.
 */
#ifndef COTE_WEB_VIEW_H
#define COTE_WEB_VIEW_H

#include <stdbool.h>

#include <microhttpd.h>

#include "i18n.h"

typedef struct {
    const char *base;        /* "" or "/prefix" (no final '/') */
    web_lang_t lang;
    bool lang_pinned;        /* ?lang= was given: links keep it */
    bool embed;              /* ?embed=1 */
    const char *path;        /* decoded path without base ("/doc/A/75/371"); NULL: "/" */
    struct MHD_Connection *conn; /* for the language switch link; NULL: none */
} web_view_t;

#define WEB_VIEW_DEFAULT {"", WEB_LANG_FR, false, false, NULL, NULL}

/* Reads lang, embed and Accept-Language from conn. */
void web_view_read(web_view_t *v, struct MHD_Connection *conn, const char *base, const char *path);

/* The language an Accept-Language value prefers: English when an "en" range
 * has a higher quality than every "fr" range (or "fr" is absent), else
 * French. NULL or unparsable: French. Exposed for the tests' sake. */
web_lang_t web_view_accept_language(const char *header);

#endif
