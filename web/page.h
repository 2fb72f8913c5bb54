/* page.h: the skeleton every HTML page shares.
 *
 * A page is web_page_begin(), the page's own content inside <main>, then
 * web_page_end(). The skeleton is in the writer's language (h->view: French
 * by default, <html lang>), has a viewport meta for phones, loads
 * /static/style.css and, deferred, /static/app.js (autocomplete; the
 * Content-Security-Policy allows nothing but this origin's files), links
 * /opensearch.xml, and puts the search form at the top of every page, so the
 * site works without JavaScript. The header also holds the link to the same
 * page in the other language; in embed mode (view.h) there is no header
 * brand, language link or footer, only the form. Every URL is printed under
 * the base path, and the form keeps a pinned language and the embed mode as
 * hidden fields. web_page_message() builds a complete page for an error or a
 * notice.
 *
 * Errors and ownership are those of the html.h writer: calls append to h and
 * record an allocation failure in h->status.
 */
#ifndef COTE_WEB_PAGE_H
#define COTE_WEB_PAGE_H

#include "html.h"
#include "params.h"

/* title: text for <title> (escaped; NULL: the site's name alone);
 * query: the current query, shown in the search box (escaped; may be NULL). */
void web_page_begin(web_html_t *h, const char *title, const char *query);
/* The same with the whole search state: the form also shows the period
 * (from, to) and keeps the other active filters as hidden fields, so a new
 * query stays inside them (each can be removed from the results page).
 * p may be NULL. */
void web_page_begin_search(web_html_t *h, const char *title, const web_search_params_t *p);
void web_page_end(web_html_t *h);

/* A whole page explaining why a request failed: a French heading chosen by
 * the HTTP status, a French sentence chosen by st, and detail (the message
 * of the error, escaped; may be NULL). */
void web_page_message(web_html_t *h, unsigned http, cote_status_t st, const char *query,
                      const char *detail);

#endif
