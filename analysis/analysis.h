/* analysis.h: THE contract shared by the indexer and the searcher: text in,
 * tokens with positions and index terms out.
 *
 * Documents and queries go through this one function, so whatever a document
 * was indexed under, the same words typed in a query produce the same terms.
 *
 * The chain:
 *   1. ICU word segmentation (French rules). ICU keeps a decimal comma inside
 *      its number (`61,9`, `PM2,5` are one token each) and splits at hyphens
 *      (`Sud-Sud` is two tokens).
 *   2. Digit groups separated by one no-break, narrow no-break, thin or
 *      figure space (U+00A0, U+202F, U+2009, U+2007) become one number token:
 *      `30 000` -> `30000`, `1 331,5` -> `1331,5`, its span covering the whole.
 *      The first group has 1 to 3 digits, each further group exactly 3 (the
 *      last may carry a decimal part). A plain ASCII space never merges:
 *      "2019 150 pays" is two numbers.
 *   3. NFKC with case folding (ICU's NFKC_Casefold), then French elision
 *      removal (l’, d’, qu’, jusqu’...: `l’Union` -> `union`).
 *   4. Terms of each token, in this order, with their kind:
 *        EXACT  the folded form, accents kept (always the first term);
 *        BARE   the accent-free form, when it differs (`sécurité` -> `securite`);
 *        STEM   "Z" + the Snowball French stem of the accent-free form
 *               (`Zsecurit`), so `securite` and `sécurité` stem alike; none
 *               for a stop word (`le`, `de`: cote_stopword), which queries
 *               search as itself.
 *      The first token of a hyphen-joined run (word tokens separated by
 *      exactly one U+002D, U+2010 or U+2011, no space: `Sud-Sud`, `COVID-19`,
 *      `l’Asie-Pacifique`) also carries the run written as one word:
 *        JOINED, JOINED_BARE, JOINED_STEM  (`sudsud`, `Zsudsud`), its parts
 *      keeping their own tokens and positions.
 *      A token's accent-free unstemmed term (BARE, else EXACT) is its
 *      "broadest" term: phrases search it.
 *   5. Positions: one per token, consecutive. Only a token's broadest terms
 *      are indexed, at its position (cote_token_term_positional): BARE, else
 *      EXACT, and JOINED_BARE, else JOINED; searches read nothing else.
 *      STEM and JOINED_STEM terms are found through the index's words
 *      (searcher/stem_forms.h); EXACT and JOINED when an accent-free form
 *      stands beside them are read back from the stored text when a word is
 *      shown with its accents (searcher/written_form.h). The other kinds
 *      exist for queries and for the text's own analysis (snippets).
 *
 * Letters and digits joined by a decimal separator inside one ICU token
 * (`PM2,5`, `PM2.5`) also get the JOINED forms without the separator (`pm25`),
 * so either spelling finds the other; a plain number (`61,9`) does not.
 *
 * Ownership: a cote_analyser_t holds ICU objects and a Xapian stemmer and is
 * used by one thread at a time (create one per thread). A cote_token_list_t is
 * owned by the caller, reused across calls (cote_analyse empties it first) and
 * released with cote_token_list_free(). Term strings point into the list and
 * stay valid until the next cote_analyse on it or its free. Nothing is
 * allocated per token once the list and the analyser's buffers have grown to
 * the size of the text; the analyser also keeps fixed-size caches of recent
 * words and stems (about 750 KB in all), never more.
 *
 * Stop words (cote_stopword) are not removed here: every word keeps its term
 * and position, only its stem goes. The query builder drops them from
 * free-word queries, and searches one that is kept as the word alone.
 */
#ifndef COTE_ANALYSIS_H
#define COTE_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "schema.h" /* COTE_PREFIX_STEM */
#include "strbuf.h"

/* No term is longer than this (in bytes, prefix included): Xapian limits
 * terms to 245 bytes, and longer "words" are noise in extracted text. A word
 * whose folded form (with room for the "Z" of its stem) does not fit is not
 * indexed and takes no position. */
#define COTE_TERM_MAX 120

/* At most this many terms per token (six kinds, each at most once). */
#define COTE_TOKEN_TERMS_MAX 8

typedef struct cote_analyser cote_analyser_t;

typedef enum {
    COTE_TERM_EXACT,       /* folded form with its accents; always term 0 */
    COTE_TERM_BARE,        /* accent-free form, when different */
    COTE_TERM_STEM,        /* "Z" + stem of the accent-free form; no position */
    COTE_TERM_JOINED,      /* hyphenated run written as one word, on its first token */
    COTE_TERM_JOINED_BARE, /* its accent-free form, when different */
    COTE_TERM_JOINED_STEM, /* "Z" + stem of the accent-free joined form; no position */
} cote_term_kind_t;

typedef struct {
    size_t start, end;  /* byte span of the token in the analysed text (an
                         * elided article is left out: `Union` of `l’Union`) */
    unsigned position;  /* 1-based term position */
    size_t terms;       /* offset in the list's pool of the first term */
    unsigned n_terms;   /* terms follow each other, each NUL-terminated */
    unsigned run;       /* tokens in the hyphen-joined run this token starts
                         * (itself included), or 0 when it starts none */
    unsigned char kind[COTE_TOKEN_TERMS_MAX]; /* cote_term_kind_t of each term */
} cote_token_t;

typedef struct {
    cote_token_t *v;
    size_t n, cap;
    cote_strbuf_t pool;
} cote_token_list_t;

#define COTE_TOKEN_LIST_INIT {NULL, 0, 0, COTE_STRBUF_INIT}

/* Statuses: OK, NOMEM, INTERNAL (ICU could not load its French rules, or
 * Xapian its French stemmer). */
cote_status_t cote_analyser_new(cote_analyser_t **out, cote_error_t *err);
void cote_analyser_free(cote_analyser_t *a);

/* Analyses text[0..len) (UTF-8; invalid bytes are read as U+FFFD, never
 * trusted) into out. Positions start at first_position.
 * Statuses: OK, NOMEM, TOO_LARGE (over 1 GiB), INTERNAL (ICU or stemmer failure). */
cote_status_t cote_analyse(cote_analyser_t *a, const char *text, size_t len, unsigned first_position,
                           cote_token_list_t *out, cote_error_t *err);

/* Term j (0 <= j < t->n_terms) of token t in list l. */
const char *cote_token_term(const cote_token_list_t *l, const cote_token_t *t, unsigned j);

/* The first term of token t of the given kind, or NULL when it has none. */
const char *cote_token_find(const cote_token_list_t *l, const cote_token_t *t, cote_term_kind_t kind);

/* The token's broadest unstemmed term: BARE when it has one, else EXACT.
 * Phrases search it. Never NULL. */
const char *cote_token_bare(const cote_token_list_t *l, const cote_token_t *t);

/* The token's STEM term ("Z..."), or NULL (only when stemming could not fit). */
const char *cote_token_stem(const cote_token_list_t *l, const cote_token_t *t);

/* The broadest joined term of a run's first token (JOINED_BARE, else JOINED),
 * or NULL. */
const char *cote_token_joined(const cote_token_list_t *l, const cote_token_t *t);

/* True when terms of this kind may be indexed with their token's position
 * (not STEM, not JOINED_STEM). */
int cote_term_positional(cote_term_kind_t kind);
/* True when term j of token t is indexed (at the token's position): a
 * positional kind, and the broadest of its forms (step 5 above). */
int cote_token_term_positional(const cote_token_t *t, unsigned j);

void cote_token_list_free(cote_token_list_t *l);

/* Probes: telling, without analysing a text, that none of its tokens can
 * carry a given term (best_block.h skips such blocks; analysing them was a
 * fifth of a search).
 *
 * cote_probe_text folds text[0..n) one character at a time with the
 * analyser's own tables, with no word segmentation: letters and digits
 * case-folded and stripped of accents, hyphens, combining marks and
 * default-ignorable characters dropped, and so are a decimal separator or a
 * group space between two digits; everything else a space. A token's
 * term, folded so, is then a substring of the folded text (an elided
 * article, a joined run's hyphens and a word's accents all fold away).
 * Returns false when the text holds a letter or digit the tables do not
 * fold (`ß`, `²`, ligatures, other scripts) or invalid UTF-8: the text
 * must then be analysed. out is reset first, owned by the caller.
 * *st: OK, or NOMEM (then false).
 *
 * cote_term_probe writes into out[cap] the substring every text that holds a
 * token with this term contains once folded, and returns its length; 0 when
 * the term has none worth testing: a prefixed term other than a stem, or a
 * probe shorter than COTE_PROBE_MIN bytes. A stem ("Z...") loses its last COTE_STEM_PROBE_CUT
 * characters, which Snowball may have rewritten. */
#define COTE_PROBE_MIN 2
#define COTE_STEM_PROBE_CUT 2
bool cote_probe_text(const cote_analyser_t *a, const char *text, size_t n, cote_strbuf_t *out, cote_status_t *st);
/* The same, and at[i] receives the offset in text of the character that
 * byte i of the fold comes from (at: the caller's, n entries at least). */
bool cote_probe_text_at(const cote_analyser_t *a, const char *text, size_t n, cote_strbuf_t *out, size_t *at,
                        cote_status_t *st);
size_t cote_term_probe(const cote_analyser_t *a, const char *term, char *out, size_t cap);

/* Stems without stem terms: since schema 8 the index holds no "Z" terms
 * (they were a third of its postings and a quarter of the indexing time);
 * a stem is searched as the words of the index that have it
 * (searcher/stem_forms.h). Those words all start with the stem's first
 * cote_stem_prefix_len(stem) bytes (its last COTE_STEM_PROBE_CUT characters
 * left out, as for probes, but never fewer than 3 characters:
 * tests/quality/probe_check.c checks both on every token it reads); stem is
 * the stem without its "Z". Pure.
 *
 * cote_word_stem_term writes into out[cap] the STEM term ("Z...") an
 * indexed word[0..len) carries as the accent-free form of its token, and
 * returns OK; NOT_FOUND when the word is no such form (it has accents, or is
 * a stop word, or its stem would not fit), TOO_LARGE when out is too small;
 * NOMEM, INTERNAL (from the stemmer). Thread rule: the analyser's. */
size_t cote_stem_prefix_len(const char *stem);
cote_status_t cote_word_stem_term(cote_analyser_t *a, const char *word, size_t len, char *out, size_t cap,
                                  cote_error_t *err);

/* True when the accent-free word bare[0..len) is a French stop word (the
 * list and the reasons are in stopwords.c). Pure, thread-safe. */
int cote_stopword(const char *bare, size_t len);

#endif
