/* xdb.h: the C face of Xapian, and the only door to it.
 *
 * cote's C code never names a Xapian type: it holds opaque handles declared
 * here, implemented in C++ in the xdb_*.cc files. No C++ exception crosses this line:
 * every call that can fail returns a cote_status_t and, when the caller passes
 * a cote_error_t, the exception's message. Xapian's error classes map to
 * domain statuses (xdb_guard.hh): DatabaseLockError -> COTE_DB_LOCKED,
 * DatabaseModifiedError -> COTE_DB_MODIFIED (reopen and retry),
 * DatabaseNotFound/Opening/VersionError -> COTE_DB_OPEN, DatabaseCorruptError
 * -> COTE_DB_CORRUPT, QueryParserError -> COTE_QUERY_SYNTAX, WildcardError ->
 * COTE_QUERY_TOO_BROAD, NetworkError -> COTE_REMOTE, InvalidArgumentError ->
 * COTE_INVALID_ARG, DocNotFoundError -> COTE_NOT_FOUND, bad_alloc ->
 * COTE_NOMEM, anything else -> COTE_INTERNAL.
 *
 * Ownership: every handle returned through an out-parameter belongs to the
 * caller and is released by its own *_free (or cote_xdb_close). On failure the
 * out-parameter is set to NULL. Queries copy what they are built from, so
 * sub-queries may be freed as soon as the combined query exists. An enquire
 * borrows its database: the database must outlive it, and an mset must not
 * outlive its enquire. Strings returned as `char *` are the caller's (free());
 * `const char *` results are borrowed, with the lifetime stated.
 *
 * Thread rule: a handle is used by one thread at a time. Open one read-only
 * database per thread; Xapian handles are not thread-safe.
 */
#ifndef COTE_XDB_H
#define COTE_XDB_H

#include <stddef.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cote_xdb cote_xdb_t;
typedef struct cote_xdoc cote_xdoc_t;
typedef struct cote_xquery cote_xquery_t;
typedef struct cote_xenquire cote_xenquire_t;
typedef struct cote_xmset cote_xmset_t;
typedef struct cote_xstem cote_xstem_t;

typedef unsigned cote_docid_t;

/* Xapian's library version, e.g. "1.4.22". Borrowed, static. */
const char *cote_xdb_version(void);

/* ---- Databases ------------------------------------------------------- */

/* Opens read-only: a database directory, or a stub file naming several
 * databases (local directories and `remote :host:port` lines for
 * xapian-tcpsrv shards), searched as one.
 * Statuses: OK, DB_OPEN, DB_CORRUPT, REMOTE, NOMEM, INTERNAL. */
cote_status_t cote_xdb_open(const char *path, cote_xdb_t **out, cote_error_t *err);

/* Opens read-only one database served by xapian-tcpsrv at host:port.
 * timeout_ms bounds each network operation (0: Xapian's default).
 * Statuses: OK, REMOTE, DB_OPEN, NOMEM, INTERNAL. */
cote_status_t cote_xdb_open_remote(const char *host, unsigned port, unsigned timeout_ms,
                                   cote_xdb_t **out, cote_error_t *err);

/* Adds the databases of `shard` to the read-only database `db`; searches then
 * cover both. shard may be freed afterwards.
 * Statuses: OK, INVALID_ARG (db is writable), NOMEM, INTERNAL. */
cote_status_t cote_xdb_add_shard(cote_xdb_t *db, const cote_xdb_t *shard, cote_error_t *err);

typedef enum {
    COTE_XDB_CREATE_OR_OPEN = 0, /* open, creating an empty database if none */
    COTE_XDB_CREATE_OR_OVERWRITE = 1, /* start again from empty */
    COTE_XDB_OPEN = 2,           /* fail with DB_OPEN when there is no database */
} cote_xdb_mode_t;

/* Or'ed into a mode: commits do not wait for the disk (Xapian's DB_NO_SYNC).
 * A killed process loses nothing committed (the kernel has it); a power cut
 * may damage what was written since the last synced commit. For a database
 * being built, which becomes durable when the build ends (cote_xdb_compact's
 * output is synced; or the caller syncs the files). */
#define COTE_XDB_NO_SYNC 16

/* Opens for writing (one writer at a time per database).
 * Statuses: OK, DB_LOCKED, DB_OPEN, DB_CORRUPT, DB_READONLY, NOMEM, INTERNAL. */
cote_status_t cote_xdb_open_writable(const char *path, cote_xdb_mode_t mode,
                                     cote_xdb_t **out, cote_error_t *err);

/* Closes and frees. For a writable database Xapian commits pending changes
 * unless a transaction is open (whose changes are discarded). NULL is allowed.
 * Errors while closing are swallowed: call cote_xdb_commit first to see them. */
void cote_xdb_close(cote_xdb_t *db);

/* Brings a read-only handle up to the latest commit. *changed (may be NULL)
 * is set to 1 when it moved. Statuses: OK, DB_OPEN, DB_CORRUPT, REMOTE, INTERNAL. */
cote_status_t cote_xdb_reopen(cote_xdb_t *db, int *changed, cote_error_t *err);

/* Statuses: OK, INVALID_ARG (read-only handle), IO-like DB errors, NOMEM, INTERNAL. */
cote_status_t cote_xdb_commit(cote_xdb_t *db, cote_error_t *err);
cote_status_t cote_xdb_begin_transaction(cote_xdb_t *db, int flushed, cote_error_t *err);
cote_status_t cote_xdb_commit_transaction(cote_xdb_t *db, cote_error_t *err);
cote_status_t cote_xdb_cancel_transaction(cote_xdb_t *db, cote_error_t *err);

/* Replaces every document indexed by the term `unique` with doc (adding it if
 * none). *docid (may be NULL) receives the document's id.
 * Statuses: OK, INVALID_ARG, DB_* , NOMEM, INTERNAL. */
cote_status_t cote_xdb_replace_by_term(cote_xdb_t *db, const char *unique, const cote_xdoc_t *doc,
                                       cote_docid_t *docid, cote_error_t *err);
/* Adds doc as a new document: for a caller that knows no document holds its
 * unique terms (it deleted them first), a replace without the look-up.
 * Statuses: OK, INVALID_ARG, DB_*, NOMEM, INTERNAL. */
cote_status_t cote_xdb_add_document(cote_xdb_t *db, const cote_xdoc_t *doc, cote_error_t *err);
/* Deletes every document indexed by `unique` (none is not an error). */
cote_status_t cote_xdb_delete_by_term(cote_xdb_t *db, const char *unique, cote_error_t *err);

/* Number of documents. Statuses: OK, DB_MODIFIED, REMOTE, INTERNAL. */
cote_status_t cote_xdb_doc_count(cote_xdb_t *db, unsigned long *out, cote_error_t *err);
/* Number of documents indexed by term (0 when absent). */
cote_status_t cote_xdb_term_freq(cote_xdb_t *db, const char *term, unsigned long *out,
                                 cote_error_t *err);
/* Sum of term's wdf over the documents (0 when absent). */
cote_status_t cote_xdb_collection_freq(cote_xdb_t *db, const char *term, unsigned long *out,
                                       cote_error_t *err);
/* The lowest docid indexed by term. Statuses: OK, NOT_FOUND, DB_MODIFIED, ... */
cote_status_t cote_xdb_find_by_term(cote_xdb_t *db, const char *term, cote_docid_t *out,
                                    cote_error_t *err);
/* Fetches a stored document. Statuses: OK, NOT_FOUND, DB_MODIFIED, REMOTE, ... */
cote_status_t cote_xdb_get_document(cote_xdb_t *db, cote_docid_t docid, cote_xdoc_t **out,
                                    cote_error_t *err);

/* Calls fn for each term starting with prefix, in byte order, with its
 * document frequency; fn returns non-zero to stop early. */
typedef int (*cote_xdb_term_fn)(const char *term, size_t len, unsigned long freq, void *ctx);
/* Calls fn for each docid indexed by term, in increasing order (passed as
 * freq, with term and len those given); fn returns non-zero to stop. */
cote_status_t cote_xdb_postings(cote_xdb_t *db, const char *term, cote_xdb_term_fn fn, void *ctx, cote_error_t *err);
cote_status_t cote_xdb_allterms(cote_xdb_t *db, const char *prefix, cote_xdb_term_fn fn, void *ctx,
                                cote_error_t *err);

/* Calls fn(value, len, docid, ctx) for each document with a value in slot,
 * in docid order (the docid passed as freq); fn returns non-zero to stop.
 * Reads the value stream only: no document is fetched. */
cote_status_t cote_xdb_values(cote_xdb_t *db, unsigned slot, cote_xdb_term_fn fn, void *ctx, cote_error_t *err);

/* Calls fn(value, len, docid, ctx) with the value in slot of each of the
 * documents docids[0..n) that has one, in increasing docid order, reading the
 * value stream (no document is fetched: much cheaper than cote_xdoc_value on
 * each). docids is sorted in place. fn returns non-zero to stop. */
cote_status_t cote_xdb_values_of(cote_xdb_t *db, unsigned slot, cote_docid_t *docids, size_t n, cote_xdb_term_fn fn,
                                 void *ctx, cote_error_t *err);

/* Writes a compacted copy of the database at src (a folder or a stub of
 * one) into the new folder dst, keeping document ids: B-tree blocks packed
 * full, where an index grown by batches has them about half full. src may be
 * open for writing meanwhile (committed changes are what is copied).
 * Statuses: OK, INVALID_ARG, DB_OPEN, DB_CORRUPT, IO, NOMEM, INTERNAL. */
cote_status_t cote_xdb_compact(const char *src, const char *dst, cote_error_t *err);

/* Checks the integrity of the database held in the folder path itself (a
 * glass database, not a stub: as xapian-check): *errors receives how many
 * problems were found, *report Xapian's account of them, table by table,
 * with each table's statistics when stats (malloc'ed, the caller's: free()). Statuses: OK (even with errors: see *errors), DB_OPEN
 * (no database there), DB_CORRUPT (too damaged to check), NOMEM, INTERNAL. */
cote_status_t cote_xdb_check(const char *path, int stats, unsigned long *errors, char **report,
                             cote_error_t *err);

/* User metadata. get: *out is a malloc'ed copy (free()), "" when unset.
 * set: an empty value removes the key (writable handles only). */
cote_status_t cote_xdb_get_metadata(cote_xdb_t *db, const char *key, char **out, size_t *len,
                                    cote_error_t *err);
cote_status_t cote_xdb_set_metadata(cote_xdb_t *db, const char *key, const char *value, size_t len,
                                    cote_error_t *err);

/* Spelling dictionary (writable) and suggestion. The suggestion is a malloc'ed
 * copy, "" when the index has nothing better within max_edit edits. */
cote_status_t cote_xdb_add_spelling(cote_xdb_t *db, const char *word, unsigned freq, cote_error_t *err);
cote_status_t cote_xdb_spelling_suggestion(cote_xdb_t *db, const char *word, unsigned max_edit,
                                           char **out, cote_error_t *err);

/* Synonyms (writable) and look-up; fn gets each synonym of term (freq is 0). */
cote_status_t cote_xdb_add_synonym(cote_xdb_t *db, const char *term, const char *synonym,
                                   cote_error_t *err);
cote_status_t cote_xdb_synonyms(cote_xdb_t *db, const char *term, cote_xdb_term_fn fn, void *ctx,
                                cote_error_t *err);

/* ---- Documents ------------------------------------------------------- */

/* A new empty document. Statuses: OK, NOMEM. */
cote_status_t cote_xdoc_new(cote_xdoc_t **out, cote_error_t *err);
void cote_xdoc_free(cote_xdoc_t *doc);

/* A free-text term at position pos, adding wdf_inc to its within-document
 * frequency. Terms longer than Xapian's limit (245 bytes) give INVALID_ARG at
 * write time, so callers should not pass them. */
cote_status_t cote_xdoc_add_posting(cote_xdoc_t *doc, const char *term, size_t len, unsigned pos,
                                    unsigned wdf_inc, cote_error_t *err);
/* A term without position. */
cote_status_t cote_xdoc_add_term(cote_xdoc_t *doc, const char *term, size_t len, unsigned wdf_inc,
                                 cote_error_t *err);
/* A term used for filtering only (wdf 0: it does not change document length). */
cote_status_t cote_xdoc_add_boolean_term(cote_xdoc_t *doc, const char *term, size_t len,
                                         cote_error_t *err);
cote_status_t cote_xdoc_set_value(cote_xdoc_t *doc, unsigned slot, const char *value, size_t len,
                                  cote_error_t *err);
cote_status_t cote_xdoc_set_data(cote_xdoc_t *doc, const char *data, size_t len, cote_error_t *err);

/* Stored data and values of a fetched document. The returned pointer is
 * borrowed and valid until the next call on doc or its free.
 * Statuses: OK, DB_MODIFIED, REMOTE, NOMEM, INTERNAL. */
cote_status_t cote_xdoc_data(cote_xdoc_t *doc, const char **data, size_t *len, cote_error_t *err);
cote_status_t cote_xdoc_value(cote_xdoc_t *doc, unsigned slot, const char **value, size_t *len,
                              cote_error_t *err);
/* The docid of a fetched document (0 for one built in memory). */
cote_docid_t cote_xdoc_docid(const cote_xdoc_t *doc);
/* Calls fn for each term of the document with its wdf (passed as freq). */
cote_status_t cote_xdoc_terms(cote_xdoc_t *doc, cote_xdb_term_fn fn, void *ctx, cote_error_t *err);

/* ---- Queries --------------------------------------------------------- */

typedef enum {
    COTE_XQ_AND,
    COTE_XQ_OR,
    COTE_XQ_AND_NOT,   /* first minus the union of the rest */
    COTE_XQ_FILTER,    /* first, restricted to the rest, which do not weigh */
    COTE_XQ_AND_MAYBE, /* first, weighted up by the rest */
    COTE_XQ_PHRASE,    /* in order, within `window` positions (0: exact) */
    COTE_XQ_NEAR,      /* any order, within `window` positions */
    COTE_XQ_SYNONYM,   /* the union, weighted as if one term */
    COTE_XQ_MAX,       /* the union, weighted by the best sub-query */
} cote_xquery_op_t;

/* A term; wqf is its within-query frequency (1 normally), pos its position
 * in the query (0 when it has none). */
cote_status_t cote_xquery_term(const char *term, unsigned wqf, unsigned pos, cote_xquery_t **out,
                               cote_error_t *err);
/* Any of the terms prefix+values[i] (n >= 1; the values NUL-separated one
 * after another in values), as one flat OR: for filters of many terms,
 * without a handle per term. Statuses: OK, INVALID_ARG, NOMEM, INTERNAL. */
cote_status_t cote_xquery_any_term(const char *prefix, const char *values, size_t n, cote_xquery_t **out,
                                   cote_error_t *err);
/* Combines n >= 1 sub-queries. Statuses: OK, INVALID_ARG, NOMEM, INTERNAL. */
cote_status_t cote_xquery_combine(cote_xquery_op_t op, cote_xquery_t *const *subs, size_t n,
                                  unsigned window, cote_xquery_t **out, cote_error_t *err);
/* Documents whose value in slot lies within [lo, hi] (byte order); NULL for an
 * open end. */
cote_status_t cote_xquery_value_range(unsigned slot, const char *lo, const char *hi,
                                      cote_xquery_t **out, cote_error_t *err);
/* Multiplies the weight of q by factor (>= 0). */
cote_status_t cote_xquery_scale(const cote_xquery_t *q, double factor, cote_xquery_t **out,
                                cote_error_t *err);
/* What a wildcard does when more than max_expansion terms start with its
 * prefix (Xapian's WILDCARD_LIMIT_*). */
typedef enum {
    COTE_XWILDCARD_ERROR,         /* the query fails with QUERY_TOO_BROAD when it runs */
    COTE_XWILDCARD_FIRST,         /* the first max_expansion terms in byte order */
    COTE_XWILDCARD_MOST_FREQUENT, /* the max_expansion terms of highest document frequency */
} cote_xwildcard_limit_t;

/* Every term starting with `prefix`, as an OR (SYNONYM when as_synonym).
 * max_expansion bounds the terms (0: no limit) as `limit` says. Prefer
 * MOST_FREQUENT for what people type: with ERROR, Xapian 1.4 (seen with
 * 1.4.22) leaks the weight objects already built when the expansion aborts a
 * search (tests/unit/test_xdb.c). Statuses: OK, INVALID_ARG (empty prefix,
 * unknown limit), NOMEM, INTERNAL. */
cote_status_t cote_xquery_wildcard(const char *prefix, unsigned max_expansion, cote_xwildcard_limit_t limit,
                                   int as_synonym, cote_xquery_t **out, cote_error_t *err);
/* Every document. */
cote_status_t cote_xquery_match_all(cote_xquery_t **out, cote_error_t *err);
/* A readable form of the query (malloc'ed), for --explain and tests. */
cote_status_t cote_xquery_describe(const cote_xquery_t *q, char **out, cote_error_t *err);
void cote_xquery_free(cote_xquery_t *q);

/* ---- Searching -------------------------------------------------------- */

typedef struct {
    double k1, k2, k3, b, min_normlen; /* Xapian's defaults: 1, 0, 1, 0.5, 0.5 */
} cote_bm25_t;

/* Statuses: OK, NOMEM, INTERNAL. db is borrowed and must outlive the enquire. */
cote_status_t cote_xenquire_new(cote_xdb_t *db, cote_xenquire_t **out, cote_error_t *err);
void cote_xenquire_free(cote_xenquire_t *e);
cote_status_t cote_xenquire_set_query(cote_xenquire_t *e, const cote_xquery_t *q, cote_error_t *err);
cote_status_t cote_xenquire_set_bm25(cote_xenquire_t *e, const cote_bm25_t *p, cote_error_t *err);
/* At most max_per_key hits share a value in slot (0 turns collapsing off). */
cote_status_t cote_xenquire_set_collapse_key(cote_xenquire_t *e, unsigned slot,
                                             unsigned max_per_key, cote_error_t *err);
/* Sort by the value in slot (byte order; descending when reverse), ties broken
 * by relevance. */
cote_status_t cote_xenquire_set_sort_by_value(cote_xenquire_t *e, unsigned slot, int reverse,
                                              cote_error_t *err);
/* Stops a run still matching at deadline_ns (CLOCK_MONOTONIC, nanoseconds;
 * 0: never) with TIMEOUT. Checked on the run's candidates in local
 * databases, every few dozen; Xapian's remote shards cannot run this check
 * (xapian-tcpsrv's own --timeout bounds them), so a database with remote
 * shards is matched without it. */
cote_status_t cote_xenquire_set_deadline(cote_xenquire_t *e, unsigned long long deadline_ns, cote_error_t *err);
/* Counts the values in slot over every matching document (a facet); read the
 * counts with cote_xenquire_facet after cote_xenquire_run. */
cote_status_t cote_xenquire_add_facet(cote_xenquire_t *e, unsigned slot, cote_error_t *err);
/* Calls fn(value, len, count) for the facet on slot, most frequent first, at
 * most max values (0: all). Statuses: OK, NOT_FOUND (no such facet). */
cote_status_t cote_xenquire_facet(cote_xenquire_t *e, unsigned slot, unsigned max,
                                  cote_xdb_term_fn fn, void *ctx, cote_error_t *err);

/* Runs the query: hits first..first+max-1, counting at least check_at_least
 * matches exactly. Statuses: OK, INVALID_ARG (no query), DB_MODIFIED,
 * QUERY_TOO_BROAD, REMOTE, TIMEOUT (the deadline passed), NOMEM, INTERNAL. */
cote_status_t cote_xenquire_run(cote_xenquire_t *e, unsigned first, unsigned max,
                                unsigned check_at_least, cote_xmset_t **out, cote_error_t *err);

/* Calls fn for each query term that document i of mset matches. */
cote_status_t cote_xenquire_matching_terms(cote_xenquire_t *e, const cote_xmset_t *ms, size_t i,
                                           cote_xdb_term_fn fn, void *ctx, cote_error_t *err);

/* Relevance feedback ("more like this"): the terms that best tell the
 * documents docids[0..n) from the rest of the database (Xapian's ESet over an
 * RSet of them), best first, at most max_terms of them. keep(term, len,
 * keep_ctx) chooses which terms may be returned (non-zero keeps; NULL keeps
 * all); fn(term, len, weight, ctx) gets each, and returns non-zero to stop.
 * Statuses: OK, INVALID_ARG (n == 0), DB_MODIFIED, REMOTE, NOMEM, INTERNAL. */
typedef int (*cote_xdb_term_keep_fn)(const char *term, size_t len, void *ctx);
typedef int (*cote_xdb_weighted_term_fn)(const char *term, size_t len, double weight, void *ctx);
cote_status_t cote_xenquire_expand(cote_xenquire_t *e, const cote_docid_t *docids, size_t n,
                                   unsigned max_terms, cote_xdb_term_keep_fn keep, void *keep_ctx,
                                   cote_xdb_weighted_term_fn fn, void *ctx, cote_error_t *err);

void cote_xmset_free(cote_xmset_t *ms);
size_t cote_xmset_size(const cote_xmset_t *ms);
/* Estimated number of matches, and its certain bounds. */
unsigned long cote_xmset_estimate(const cote_xmset_t *ms, unsigned long *lower, unsigned long *upper);

typedef struct {
    cote_docid_t docid;
    unsigned rank;           /* 0-based over the whole result list */
    double weight;
    unsigned collapse_count; /* how many more hits shared this hit's collapse key (lower bound) */
} cote_xhit_t;

/* Statuses: OK, INVALID_ARG (i out of range). */
cote_status_t cote_xmset_hit(const cote_xmset_t *ms, size_t i, cote_xhit_t *out, cote_error_t *err);
/* The collapse key of hit i (the value the enquire collapsed on; "" when it
 * did not collapse), NUL-terminated in out[0..cap), its length in *len. The
 * MSet carries it: no value is read. Statuses: OK, INVALID_ARG, TOO_LARGE. */
cote_status_t cote_xmset_collapse_key(const cote_xmset_t *ms, size_t i, char *out, size_t cap, size_t *len,
                                      cote_error_t *err);
/* The document of hit i. Statuses: OK, INVALID_ARG, DB_MODIFIED, REMOTE, ... */
cote_status_t cote_xmset_document(const cote_xmset_t *ms, size_t i, cote_xdoc_t **out,
                                  cote_error_t *err);

/* ---- Stemming -------------------------------------------------------- */

/* A Snowball stemmer for lang, one of Xapian's names ("french", "fr",
 * "english"...). The handle is the caller's (cote_xstem_free) and, like every
 * handle, used by one thread at a time.
 * Statuses: OK, INVALID_ARG (lang unknown to Xapian), NOMEM, INTERNAL. */
cote_status_t cote_xstem_new(const char *lang, cote_xstem_t **out, cote_error_t *err);

/* Stems word[0..len) (UTF-8, already case-folded: Snowball expects lower case)
 * into out[0..cap) as a NUL-terminated string of *out_len bytes. Nothing is
 * allocated once the handle has seen a word this long, except by Xapian for
 * stems over the standard library's short-string size (15 bytes in libstdc++).
 * On failure out is "" (when cap > 0) and *out_len 0.
 * Statuses: OK, INVALID_ARG (NULL out or cap 0), TOO_LARGE (the stem needs
 * cap bytes or more), NOMEM, INTERNAL. */
cote_status_t cote_xstem_apply(cote_xstem_t *st, const char *word, size_t len, char *out, size_t cap,
                               size_t *out_len, cote_error_t *err);

/* NULL is allowed. */
void cote_xstem_free(cote_xstem_t *st);

#ifdef __cplusplus
}
#endif

#endif
