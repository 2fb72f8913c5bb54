/* suggest.h: "Vouliez-vous dire : coopération ?" from the index's own words.
 *
 * A word of the query that the index does not hold (or holds only once or
 * twice while a neighbour is common) is compared with the index's words that
 * begin with the same letter, accents aside, by restricted Damerau-Levenshtein
 * distance (a swap of two neighbouring letters counts one edit): at most one
 * edit for words of 4 to 7 letters, two from 8 letters on. The closest wins,
 * then the most frequent; it is shown as the index's text mostly writes it,
 * accents included ("cooperatoin" -> "coopération": written_form.h).
 *
 * Only the index's vocabulary (term lists and frequencies) and a few stored
 * records are read, which Xapian serves from local and remote shards alike,
 * so nothing is added at index time. Acronyms in capitals, numbers, operators, field filters
 * (org:PNUD), prefix* words, quoted phrases and stop words are left as typed.
 *
 * Ownership: the suggestion's text is malloc'ed and the caller's
 * (cote_suggestion_free). The database, analyser and token list are borrowed;
 * the token list is overwritten. Thread rule: that of the handles given.
 */
#ifndef COTE_SUGGEST_H
#define COTE_SUGGEST_H

#include <stdbool.h>
#include <stddef.h>

#include "analysis.h"
#include "error.h"
#include "stem_forms.h"
#include "xdb.h"

/* Words shorter than this (in letters) get no suggestion. */
#define COTE_SUGGEST_MIN_LETTERS 4
/* From this length on a word may be two edits away, and a query whose
 * corrected words are all this long may be searched corrected by itself when
 * nothing matches it as typed ("tolerance of one typo in long words"). */
#define COTE_SUGGEST_LONG_LETTERS 8
#define COTE_SUGGEST_AUTO_LETTERS 6

typedef struct {
    char *text;        /* the whole query with its words corrected; NULL when
                        * there is nothing to suggest */
    unsigned words;    /* words corrected */
    bool unknown_only; /* every corrected word was absent from the index */
    bool long_only;    /* every corrected word has COTE_SUGGEST_AUTO_LETTERS
                        * letters or more, and is one edit away */
} cote_suggestion_t;

#define COTE_SUGGESTION_INIT {NULL, 0, false, false}

/* Suggests a corrected query[0..len) (valid UTF-8). A word is known by the
 * words of its stem, which stems finds (stem_forms.h; borrowed).
 * Statuses: OK (out->text NULL when nothing to suggest), DB_MODIFIED, DB_CORRUPT,
 * REMOTE, NOMEM, INTERNAL. */
cote_status_t cote_suggest_query(cote_xdb_t *db, cote_analyser_t *an, cote_stem_forms_t *stems,
                                 cote_token_list_t *toks, const char *query, size_t len, cote_suggestion_t *out,
                                 cote_error_t *err);

/* The closest word of the index to word[0..len) (folded lower case, as
 * analysis writes an EXACT term), as cote_suggest_query chooses it: *out is
 * malloc'ed, NULL when none; *distance its edit distance. scratch is
 * overwritten. Statuses: OK, DB_MODIFIED, DB_CORRUPT, REMOTE, NOMEM, INTERNAL. */
cote_status_t cote_suggest_word(cote_xdb_t *db, cote_analyser_t *an, cote_token_list_t *scratch, const char *word,
                                size_t len, char **out, unsigned *distance, cote_error_t *err);

/* Restricted Damerau-Levenshtein distance between two code point strings,
 * or max + 1 when it exceeds max. Pure. */
unsigned cote_edit_distance(const unsigned *a, size_t na, const unsigned *b, size_t nb, unsigned max);

void cote_suggestion_free(cote_suggestion_t *s);

#endif
