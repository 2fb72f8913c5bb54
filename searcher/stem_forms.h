/* stem_forms.h: a French stem searched as the index's words that have it.
 *
 * Since schema 8 the index holds no stem terms ("Z..."): they were a third
 * of its postings, and dropping them made indexing a quarter faster and the
 * index an eighth smaller (docs/schema.md). A free word's stem (`Zcooper`
 * for coopération) is searched instead as a SYNONYM of the accent-free words
 * the index holds with that stem (cooperation, cooperer, cooperatives...):
 * they are read from the index's vocabulary, starting with the stem's
 * prefix (cote_stem_prefix_len, analysis.h), and each stemmed again
 * (cote_word_stem_term), which gives exactly the words that carried the stem
 * term before (tests/quality/probe_check.c). Only term lists are read, so it
 * works the same over local and remote shards.
 *
 * The words of each stem are remembered until cote_stem_forms_clear (call
 * it when the database is reopened: new words may have come), at most
 * COTE_STEM_FORMS_CACHE_BYTES of them, then the memory starts over. A stem
 * with more than COTE_STEM_FORMS_MAX words searches its most frequent ones.
 *
 * Ownership: the handle is the caller's (cote_stem_forms_free); the database
 * and analyser are borrowed for each call. Thread rule: one thread at a time
 * per handle (the searcher's).
 */
#ifndef COTE_STEM_FORMS_H
#define COTE_STEM_FORMS_H

#include <stddef.h>

#include "analysis.h"
#include "error.h"
#include "xdb.h"

#define COTE_STEM_FORMS_MAX 64
#define COTE_STEM_FORMS_CACHE_BYTES (1u << 20)

typedef struct cote_stem_forms cote_stem_forms_t;

/* Statuses: OK, NOMEM. */
cote_status_t cote_stem_forms_new(cote_stem_forms_t **out, cote_error_t *err);
void cote_stem_forms_free(cote_stem_forms_t *f);
/* Forgets every stem's words. */
void cote_stem_forms_clear(cote_stem_forms_t *f);

/* The words of stem term zterm ("Z..."): *words points at *n NUL-terminated
 * words one after the other (n may be 0), valid until the next call on f.
 * Statuses: OK, INVALID_ARG (not a stem term), NOMEM, DB_MODIFIED, REMOTE,
 * INTERNAL (those of cote_xdb_allterms and the stemmer). */
cote_status_t cote_stem_forms_get(cote_stem_forms_t *f, cote_xdb_t *db, cote_analyser_t *an, const char *zterm,
                                  const char **words, size_t *n, cote_error_t *err);

/* The number of documents holding each word of zterm, summed into *freq (a
 * bound on the documents holding any). Statuses: those of
 * cote_stem_forms_get and cote_xdb_term_freq. */
cote_status_t cote_stem_forms_freq(cote_stem_forms_t *f, cote_xdb_t *db, cote_analyser_t *an, const char *zterm,
                                   unsigned long *freq, cote_error_t *err);

/* The query of stem term zterm at query position pos: the SYNONYM of its
 * words, one word alone as a term, or (no word: nothing can match) the stem
 * term itself, which the index does not hold. Statuses: those of
 * cote_stem_forms_get and of the query builders. */
cote_status_t cote_stem_forms_query(cote_stem_forms_t *f, cote_xdb_t *db, cote_analyser_t *an, const char *zterm,
                                    unsigned pos, cote_xquery_t **out, cote_error_t *err);

#endif
