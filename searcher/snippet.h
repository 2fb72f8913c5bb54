/* snippet.h: the window of a text that best shows why it matched.
 *
 * The text is analysed with the query's analysis, every token with a term
 * among the query's terms (its stem, its accent-free form, or the joined form
 * of the compound it starts) counts as a match, and the window of at most
 * COTE_SNIPPET_TOKENS tokens holding the most distinct query terms (then the
 * most matches) is returned as plain text, whitespace collapsed, with "…" where
 * it was cut. Cuts fall on token boundaries, so never inside a word or a UTF-8
 * sequence. With no match, the opening of the text is returned.
 *
 * Each matching token of the window is a highlight: a pair [start, end) of
 * offsets in code points of the snippet text (what JavaScript, for this
 * text, and Python index by), in increasing order.
 *
 * Ownership: out's members are malloc'ed; release them with
 * cote_snippet_free(). Analyser and scratch are borrowed.
 * Statuses: OK, NOMEM, INTERNAL.
 */
#ifndef COTE_SNIPPET_H
#define COTE_SNIPPET_H

#include <stddef.h>

#include "analysis.h"
#include "query.h"

#define COTE_SNIPPET_TOKENS 36

typedef struct {
    char *text;         /* plain text */
    size_t *highlights; /* 2 * n_highlights offsets: start, end, start, end... */
    size_t n_highlights;
} cote_snippet_t;

cote_status_t cote_snippet(cote_analyser_t *an, cote_token_list_t *scratch, const cote_parsed_query_t *q,
                           const char *text, size_t len, cote_snippet_t *out, cote_error_t *err);
/* The same with text already analysed into toks (best_block.h keeps the
 * tokens of the block it chose). */
cote_status_t cote_snippet_analysed(const cote_token_list_t *toks, const cote_parsed_query_t *q, const char *text,
                                    size_t len, cote_snippet_t *out, cote_error_t *err);
void cote_snippet_free(cote_snippet_t *sn);

#endif
