/* analysis.h: THE contract shared by the indexer and the searcher: text in,
 * tokens with positions and index terms out.
 *
 * Documents and queries go through this one function, so whatever a document
 * was indexed under, the same words typed in a query produce the same terms.
 *
 * Today's chain: ICU word segmentation (French rules), NFKC with case folding
 * (ICU's NFKC_Casefold), French elision removal (l’, d’, qu’, jusqu’...), and
 * an accent-free variant of every term that carries accents. Each token's
 * first term is its folded form; further terms are variants indexed at the
 * same position.
 *
 * Ownership: a cote_analyser_t holds ICU objects and is used by one thread at
 * a time (create one per thread). A cote_token_list_t is owned by the caller,
 * reused across calls (cote_analyse empties it first) and released with
 * cote_token_list_free(). Term strings point into the list and stay valid
 * until the next cote_analyse on it or its free.
 */
#ifndef COTE_ANALYSIS_H
#define COTE_ANALYSIS_H

#include <stddef.h>

#include "error.h"
#include "strbuf.h"

/* Words longer than this (in bytes, after folding) are not indexed: Xapian
 * limits terms to 245 bytes, and such "words" are noise in extracted text. */
#define COTE_TERM_MAX 120

typedef struct cote_analyser cote_analyser_t;

typedef struct {
    size_t start, end;  /* byte span of the token in the analysed text */
    unsigned position;  /* 1-based term position */
    size_t terms;       /* offset in the list's pool of the first term */
    unsigned n_terms;   /* terms follow each other, each NUL-terminated */
} cote_token_t;

typedef struct {
    cote_token_t *v;
    size_t n, cap;
    cote_strbuf_t pool;
} cote_token_list_t;

#define COTE_TOKEN_LIST_INIT {NULL, 0, 0, COTE_STRBUF_INIT}

/* Statuses: OK, NOMEM, INTERNAL (ICU could not load its French rules). */
cote_status_t cote_analyser_new(cote_analyser_t **out, cote_error_t *err);
void cote_analyser_free(cote_analyser_t *a);

/* Analyses text[0..len) (UTF-8; invalid bytes are read as U+FFFD, never
 * trusted) into out. Positions start at first_position.
 * Statuses: OK, NOMEM, TOO_LARGE (over 1 GiB), INTERNAL (ICU failure). */
cote_status_t cote_analyse(cote_analyser_t *a, const char *text, size_t len, unsigned first_position,
                           cote_token_list_t *out, cote_error_t *err);

/* Term j (0 <= j < t->n_terms) of token t in list l. */
const char *cote_token_term(const cote_token_list_t *l, const cote_token_t *t, unsigned j);

void cote_token_list_free(cote_token_list_t *l);

#endif
