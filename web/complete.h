/* complete.h: completions of what a person is typing, for the search box's
 * autocomplete (GET /api/v1/complete?q=PREFIX).
 *
 * Three sources, each kept only when the index holds it:
 *   org     organisations of the gazetteer (data/organisations.tsv, compiled
 *           in) whose acronym, French or English name, or alias starts with
 *           the prefix, ignoring case and accents ("pn" -> PNUD, "undp" ->
 *           UNDP, "programme des n" -> Programme des Nations Unies pour le
 *           développement); ranked by how often the index mentions them
 *           (XORG: terms), those it never mentions dropped;
 *   symbol  document symbols the index knows (own or cited: XSYM: terms)
 *           starting with the prefix in capitals ("a/75" -> A/75/371);
 *   term    the index's words starting with the prefix in lower case (one
 *           word: no space), most frequent first, at least three letters,
 *           no stop word, accents aside ("coopé" finds cooperation),
 *           shown as the index's text mostly writes them ("coop" ->
 *           coopération: a few stored records are read, written_form.h).
 * Organisations come first, then symbols, then words (symbols first when the
 * prefix holds a '/'). Work is bounded: at most WEB_COMPLETE_SCAN terms are
 * read per source, so a two-letter prefix on a large index stays cheap.
 *
 * This module reads term lists and frequencies through xdb.h directly (the
 * searcher's API has no such call), and the spellings through the searcher.
 *
 * Ownership: the caller owns *out and frees it with web_completions_free();
 * its strings are its own. The gazetteer table is parsed once per process
 * (pthread_once) and read-only afterwards. Thread rule: the searcher is used
 * by the calling thread only (a checked-out one).
 */
#ifndef COTE_WEB_COMPLETE_H
#define COTE_WEB_COMPLETE_H

#include <stddef.h>

#include "error.h"
#include "i18n.h"
#include "searcher.h"
#include "xdb.h"

/* Longest prefix accepted (bytes); the route answers 400 above it. */
#define WEB_COMPLETE_PREFIX_MAX 64
/* Most completions asked for (?limit=), and the default. */
#define WEB_COMPLETE_MAX 20
#define WEB_COMPLETE_DEFAULT 8
/* Terms read per source at most. */
#define WEB_COMPLETE_SCAN 20000

typedef struct {
    char *text;          /* what to put in the search box: "PNUD", "A/75/371", "coopération" */
    char *label;         /* for people: the organisation's name in lang; else a copy of text */
    const char *kind;    /* "org", "symbol", "term" (static) */
    unsigned long freq;  /* index frequency (records holding it), for ranking */
} web_completion_t;

typedef struct {
    web_completion_t *v;
    size_t n;
} web_completions_t;

/* Completions of prefix (valid UTF-8, at most WEB_COMPLETE_PREFIX_MAX bytes;
 * a shorter than two-byte prefix gives none), at most max (1..WEB_COMPLETE_MAX).
 * Statuses: OK; NOMEM; those of cote_xdb_allterms, cote_xdb_term_freq and
 * cote_searcher_written_form (DB_MODIFIED, DB_CORRUPT, REMOTE, INTERNAL).
 * out is empty on failure. */
cote_status_t web_complete(cote_searcher_t *searcher, const char *prefix, web_lang_t lang, unsigned max,
                           web_completions_t *out, cote_error_t *err);
void web_completions_free(web_completions_t *c);

#endif
