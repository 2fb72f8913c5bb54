/* best_block.h: which block of a section a search matched.
 *
 * The index keeps consecutive blocks together in one section record
 * (docs/schema.md); Xapian ranks sections, and a hit shows the block of its
 * section that holds the most of the query: each block's text is analysed
 * as the query was, and scores the weights of the distinct query terms it
 * holds (a rare term weighs more: the caller gives each term's weight, in
 * the order of q->terms), then one point per further match; each positive
 * entity of the query it mentions (the keys stored with it) weighs as a
 * rare term. Ties go to the first block.
 *
 * Without scores, blocks are scored from the likeliest up, and those that
 * cannot beat the best so far are left unanalysed: the probes of the query's
 * terms (analysis.h) bound a block's score, and analysing every block that
 * may hold a term was a fifth of a search. The choice is the same.
 *
 * probes, when not NULL, gives each term's probe (NUL-separated, in the
 * order of q->terms; "" for none): a substring of the fold of every token
 * that carries the term (the searcher's are longer for stems than
 * cote_term_probe's: stem_forms.h knows their words). NULL: cote_term_probe.
 *
 * Ownership: blocks is borrowed (the section's stored "blocks" array);
 * analyser and scratch are borrowed scratch space. scores, when not NULL,
 * receives one score per block (caller-allocated, json_array_size(blocks)),
 * and then every block is scored. matching, when not NULL, receives how
 * many blocks score above 0. best_toks, when not NULL, is a second token list:
 * *best_analysed tells whether it holds the chosen block's analysis on
 * return (for its snippet, cote_snippet_analysed; the two lists swap,
 * nothing is copied).
 * Statuses: OK, NOMEM, INTERNAL.
 */
#ifndef COTE_BEST_BLOCK_H
#define COTE_BEST_BLOCK_H

#include <stdbool.h>
#include <stddef.h>

#include "analysis.h"
#include "query.h"

typedef struct json_t json_t;

/* Fields of a stored block row: [n, kind, label, paragraph, page, text, keys?]. */
enum { COTE_BROW_N, COTE_BROW_KIND, COTE_BROW_LABEL, COTE_BROW_PARAGRAPH, COTE_BROW_PAGE, COTE_BROW_TEXT, COTE_BROW_KEYS };

cote_status_t cote_best_block(cote_analyser_t *an, cote_token_list_t *scratch, const cote_parsed_query_t *q,
                              const double *weights, const char *probes, const json_t *blocks, size_t *best,
                              double *scores,
                              size_t *matching, cote_token_list_t *best_toks, bool *best_analysed,
                              cote_error_t *err);

#endif
