/* page.h: the skeleton every HTML page shares.
 *
 * A page is web_page_begin(), the page's own content inside <main>, then
 * web_page_end(). The skeleton is French (lang="fr"), has a viewport meta for
 * phones, loads only /static/style.css (the Content-Security-Policy allows
 * nothing else) and puts the search form at the top of every page, so the
 * site works without JavaScript. web_page_message() builds a complete page
 * for an error or a notice.
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
