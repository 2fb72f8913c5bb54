/* lexicon.h: "is this a French word?", for the repair of PDF-extracted text.
 *
 * Two sources answer: a real French dictionary (hunspell's fr_FR, Debian's
 * hunspell-fr-comprehensive, through libhunspell, which knows inflections and
 * compounds), and how often the word occurs in real UN French (the counts of
 * data/fr-un-words.txt, compiled in). The dictionary alone is too generous for
 * repairing PDF text: it accepts fragments such as "Secrétai" or "subsidiai"
 * (verb forms), which PDF extraction makes by splitting "Secrétaire". Answers
 * are cached, since the repair asks about every token and hunspell costs
 * microseconds a word.
 *
 * Ownership: the caller owns the lexicon (cote_lexicon_free). Thread rule:
 * one lexicon per thread (the cache and hunspell are not thread-safe).
 */
#ifndef COTE_LEXICON_H
#define COTE_LEXICON_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

typedef struct cote_lexicon cote_lexicon_t;

/* Where cote looks for the dictionary when none is named. */
#define COTE_LEXICON_DEFAULT_DIC "/usr/share/hunspell/fr_FR"

/* Opens the dictionary at dic_base (".aff" and ".dic" are appended; NULL:
 * $COTE_DICTIONARY, else COTE_LEXICON_DEFAULT_DIC) and loads the word counts.
 * Statuses: OK, NOT_FOUND (no dictionary there: the message says which
 * package to install), IO, UNSUPPORTED (not a UTF-8 dictionary), NOMEM. */
cote_status_t cote_lexicon_open(const char *dic_base, cote_lexicon_t **out, cote_error_t *err);
void cote_lexicon_free(cote_lexicon_t *lex);

/* True when w[0..n) (UTF-8) is a word of the dictionary or the extra list.
 * Case follows hunspell: a capitalised or upper-case form of a lower-case
 * word is accepted. */
bool cote_lexicon_is_word(cote_lexicon_t *lex, const char *w, size_t n);

/* Both answers in one cached look-up: returns cote_lexicon_is_word and
 * stores cote_lexicon_usage in *usage (may be NULL). */
bool cote_lexicon_lookup(cote_lexicon_t *lex, const char *w, size_t n, unsigned long *usage);

/* How often w (any case) occurs in the reference UN French text; 0 when never. */
unsigned long cote_lexicon_usage(const cote_lexicon_t *lex, const char *w, size_t n);

#endif
