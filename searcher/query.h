/* query.h: what a person typed -> a Xapian query, through the same analysis
 * as documents (analysis.h).
 *
 * Today's language: words (any of them may match; documents with more of
 * them rank higher), "quoted phrases", +word (required), -word (excluded).
 * A free word finds every word of its French stem (coopération finds
 * coopérer) and ranks its own form first; a "quoted" word or phrase is not
 * stemmed. A word that analysis splits into several tokens is searched as a
 * phrase, and a hyphenated compound (Sud-Sud, COVID-19) also as one word
 * (sudsud, covid19). French stop words (le, de, pour...) typed as free words
 * are left out unless the query has nothing else. An unbalanced quote closes
 * at the end of the query; a query made only of exclusions excludes from
 * every document. Nothing a person types is a syntax error. query.c shows
 * the Xapian query of each form.
 *
 * Ownership: cote_parsed_query_t is the caller's; release its parts with
 * cote_parsed_query_free(). The analyser is borrowed.
 */
#ifndef COTE_QUERY_H
#define COTE_QUERY_H

#include <stddef.h>

#include "analysis.h"
#include "xdb.h"

typedef struct {
    cote_xquery_t *query;  /* NULL when the query has no searchable word */
    cote_strbuf_t terms;   /* the positive terms, each NUL-terminated, for highlighting:
                            * Z terms of free words, bare terms of phrases, joined
                            * terms of compounds */
    size_t n_terms;
} cote_parsed_query_t;

#define COTE_PARSED_QUERY_INIT {NULL, COTE_STRBUF_INIT, 0}

/* Statuses: OK, NOMEM, INTERNAL. */
cote_status_t cote_query_build(cote_analyser_t *an, const char *text, size_t len,
                               cote_parsed_query_t *out, cote_error_t *err);
void cote_parsed_query_free(cote_parsed_query_t *q);

/* Every passage (what a query of only exclusions or only filters starts
 * from), weighing nothing. Statuses: OK, NOMEM, INTERNAL. */
cote_status_t cote_query_all_passages(cote_xquery_t **out, cote_error_t *err);

/* True when term is one of q's positive terms. */
int cote_parsed_query_has_term(const cote_parsed_query_t *q, const char *term);

#endif
