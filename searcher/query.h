/* query.h: what a person typed -> a Xapian query, through the same analysis
 * as documents (analysis.h). One parser for the CLI and the web.
 *
 * The language (from the loosest binding to the tightest):
 *   a OR b      also OU, |, ||: either
 *   a AND b     also ET, &&: both;  a NOT b (also SAUF, AND NOT): a without b;
 *               a leading NOT b: every passage without b
 *   a b         words side by side (a "run"): any may match, passages with
 *               more of them rank higher; +word is required, -word excluded
 *   ( ... )     grouping, nested up to COTE_QUERY_MAX_DEPTH
 *   word        finds every word of its French stem (coopération finds
 *               coopérer) and ranks its own form first
 *   "a phrase"  the words in this order, not stemmed ("one word": itself only)
 *   prefix*     every word starting with prefix (accents and case aside; at
 *               least 3 letters, else read as the word itself), the
 *               COTE_QUERY_PREFIX_MAX most frequent of them
 * Operators are recognised in capitals only, so that the French words et, ou
 * stay words (stop words). A run binds tighter than AND, NOT and OR:
 * `paix sécurité ET Afrique` is (paix sécurité) ET Afrique, and NOT excludes
 * the whole run after it (`-word` excludes one word). A word that analysis
 * splits into several tokens is searched as a phrase, and a hyphenated
 * compound (Sud-Sud, COVID-19) also as one word (sudsud, covid19). French stop
 * words (le, de, pour...) typed as free words are left out unless the query
 * searches nothing else.
 *
 * Nothing a person types is an error: an unbalanced quote closes at the end;
 * an unbalanced parenthesis is closed at the end or ignored; an operator
 * without an operand on either side (`paix AND`, `OR OR paix`, `NOT`) and an
 * empty group `()` are dropped; groups nested deeper than the limit are read
 * as if their parentheses were not there. Each such repair sets a bit in
 * `repairs`, and `reading` says how the query was read, as a canonical text
 * that reads back, with nothing to repair, to the same query (up to how its
 * ORs nest): `paix ET (climat OU énergie) SAUF guerre`.
 * query.c shows the Xapian query of each form.
 *
 * Ownership: cote_parsed_query_t is the caller's; release its parts with
 * cote_parsed_query_free(). The analyser is borrowed. Thread rule: that of
 * the analyser (one thread at a time).
 */
#ifndef COTE_QUERY_H
#define COTE_QUERY_H

#include <stddef.h>

#include "analysis.h"
#include "xdb.h"

/* Deeper groups are flattened (their parentheses ignored). */
#define COTE_QUERY_MAX_DEPTH 32
/* A prefix* searches at most this many words, the most frequent ones. */
#define COTE_QUERY_PREFIX_MAX 100
/* A shorter prefix (in characters) is read as a plain word. */
#define COTE_QUERY_PREFIX_MIN 3

/* Bits of cote_parsed_query_t.repairs. */
#define COTE_QUERY_REPAIR_QUOTE 0x01u    /* a quote was closed at the end */
#define COTE_QUERY_REPAIR_PAREN 0x02u    /* a parenthesis was closed at the end, or ignored */
#define COTE_QUERY_REPAIR_OPERATOR 0x04u /* an operator without operand was dropped */
#define COTE_QUERY_REPAIR_EMPTY 0x08u    /* an empty group () or "" was dropped */
#define COTE_QUERY_REPAIR_DEPTH 0x10u    /* groups too deep were flattened */
#define COTE_QUERY_REPAIR_PREFIX 0x20u   /* a too short prefix* was read as a word */

typedef struct {
    cote_xquery_t *query;  /* NULL when the query has no searchable word */
    cote_strbuf_t terms;   /* the positive terms, each NUL-terminated, for highlighting:
                            * Z terms of free words, bare terms of phrases, joined
                            * terms of compounds (not the words a prefix* finds) */
    size_t n_terms;
    cote_strbuf_t entities; /* the positive entities, each NUL-terminated, as the keys
                             * blocks store (COTE_ENTITY_KEY_*, core/schema.h): what
                             * finds the block of a section an entity search matched;
                             * filled by entity_query.c */
    size_t n_entities;
    cote_strbuf_t reading; /* how the text was read, as a query in canonical form
                            * (French operators, the words as typed, stop words left
                            * out): valid UTF-8, "" when nothing is searched; data is
                            * never NULL after a successful build */
    unsigned repairs;      /* COTE_QUERY_REPAIR_* bits; 0 when read as typed */
} cote_parsed_query_t;

#define COTE_PARSED_QUERY_INIT {NULL, COTE_STRBUF_INIT, 0, COTE_STRBUF_INIT, 0, COTE_STRBUF_INIT, 0}

/* Called for each clause of the query: a run of words side by side, a word
 * standing alone between operators, an excluded -word. text[0..len) is the
 * clause as typed (the excluded words of a run left out); negated is 1 when
 * the clause excludes (after NOT or -). *out, when the callback sets it, is
 * searched as one more optional part of the clause (ORed with its words) and
 * becomes the builder's. entity_query.c adds the UN entities named in it.
 * A status other than OK stops the build and is returned. */
typedef cote_status_t (*cote_query_clause_fn)(void *ctx, const char *text, size_t len, int negated,
                                              cote_xquery_t **out, cote_error_t *err);

/* Parses and builds text[0..len) (need not be valid UTF-8; invalid bytes are
 * read as U+FFFD) into out, which must hold COTE_PARSED_QUERY_INIT or an
 * earlier build: its previous content is replaced. On failure out->query is
 * NULL.
 * Statuses: OK (whatever the text), NOMEM, INTERNAL. */
cote_status_t cote_query_build(cote_analyser_t *an, const char *text, size_t len,
                               cote_parsed_query_t *out, cote_error_t *err);
/* The same, calling clause(ctx, ...) for each clause (clause may be NULL).
 * Statuses: those of cote_query_build and of the callback. */
cote_status_t cote_query_build_ex(cote_analyser_t *an, const char *text, size_t len,
                                  cote_query_clause_fn clause, void *ctx, cote_parsed_query_t *out,
                                  cote_error_t *err);
/* Called for each stem term ("Zcooper") a free word searches (and an
 * excluded one excludes), at the word's query position: *out, when the
 * callback sets it, is searched in its place (stem_forms.h: since schema 8
 * the index holds the stem's words, not the stem). Left NULL, the stem term
 * itself is searched, as --explain shows it. */
typedef cote_status_t (*cote_query_stem_fn)(void *ctx, const char *zterm, unsigned pos, cote_xquery_t **out,
                                            cote_error_t *err);
typedef struct {
    cote_query_clause_fn clause; /* NULL: none */
    cote_query_stem_fn stem;     /* NULL: none */
    void *ctx;                   /* passed to both */
} cote_query_hooks_t;
/* The same with both callbacks (hooks may be NULL). */
cote_status_t cote_query_build_with(cote_analyser_t *an, const char *text, size_t len,
                                    const cote_query_hooks_t *hooks, cote_parsed_query_t *out, cote_error_t *err);
void cote_parsed_query_free(cote_parsed_query_t *q);

/* The operator s[0..n) is, as a whole word typed unmarked: AND (AND, ET,
 * &&), OR (OR, OU, |, ||), NOT (NOT, SAUF), or none. Pure. */
typedef enum { COTE_QOP_NONE, COTE_QOP_AND, COTE_QOP_OR, COTE_QOP_NOT } cote_query_op_t;
cote_query_op_t cote_query_operator(const char *s, size_t n);

/* Appends, in French, how a repaired query was read:
 *   requête lue comme : paix (opérateur sans opérande ignoré)
 * (no NUL). Statuses: OK, NOMEM. */
cote_status_t cote_parsed_query_note(const cote_parsed_query_t *q, cote_strbuf_t *out);

/* Every passage (what a query of only exclusions or only filters starts
 * from), weighing nothing. Statuses: OK, NOMEM, INTERNAL. */
cote_status_t cote_query_all_passages(cote_xquery_t **out, cote_error_t *err);

/* True when term is one of q's positive terms. */
int cote_parsed_query_has_term(const cote_parsed_query_t *q, const char *term);

#endif
