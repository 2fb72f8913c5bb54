/* searcher.h: run a search request against an index and get a response.
 *
 * One searcher holds one read-only database handle and one analyser: use it
 * from one thread at a time (the web server keeps one per worker thread).
 * cote_searcher_refresh() moves it to the index's latest commit, so a server
 * sees what a running indexer has committed.
 *
 * Ownership: the caller owns the searcher and every response or document
 * returned through an out-parameter, and frees them with the matching *_free.
 * All strings inside a response belong to it.
 *
 * The JSON written by cote_search_response_json() is the public format of
 * both `cote search --json` and GET /api/v1/search (docs/api.md):
 *   {"query": str, "total": int, "offset": int, "limit": int,
 *    "hits": [{"rank", "file", "doc", "symbols", "title", "paragraph",
 *              "score", "snippet"}],
 *    "facets": {"org": [{"value", "label", "label_en", "count"}], "year": [...], "type": [...], "organ": [...]},
 *    "notes": [str]}
 */
#ifndef COTE_SEARCHER_H
#define COTE_SEARCHER_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "strbuf.h"

typedef struct cote_searcher cote_searcher_t;

/* Bounds every front end applies before building a request. */
#define COTE_QUERY_MAX_BYTES 2048
#define COTE_LIMIT_MAX 100
#define COTE_OFFSET_MAX 10000
#define COTE_TIME_LIMIT_MAX_MS 3600000u /* an hour */

typedef struct {
    const char *query; /* UTF-8 text typed by a person; need not be valid UTF-8; may be
                        * empty when a filter below is given */
    unsigned offset;   /* first hit, 0-based (<= COTE_OFFSET_MAX) */
    unsigned limit;    /* hits wanted (1..COTE_LIMIT_MAX) */
    /* filters (NULL or "" when unused), as the query's fields (entity_query.h) */
    const char *from, *to; /* dates: YYYY, YYYY-MM or YYYY-MM-DD */
    const char *org, *symbol, *type, *organ;
    int by_date;       /* 0: by relevance; 1: newest documents first (their own date), then relevance */
    const char *within; /* a document reference (as cote_searcher_document takes): list every
                         * matching passage of that document, not the best passage per
                         * document; NULL or "" for the whole index */
    int no_suggest;    /* 1: neither suggest a spelling nor search a corrected query */
    unsigned time_limit_ms; /* 0: none; else a match still running this long after the
                             * search began is stopped and the search fails with TIMEOUT
                             * (local shards only: xdb.h, cote_xenquire_set_deadline) */
} cote_search_request_t;

typedef struct {
    unsigned rank;     /* 1-based */
    char *file;        /* the path given at index time */
    char *doc;         /* stable document id */
    char **symbols;    /* the document's own symbols */
    size_t n_symbols;
    char *title;
    long paragraph;    /* number of the paragraph the passage is or continues, or -1 */
    double score;
    char *snippet;     /* plain text */
    size_t *highlights; /* 2 * n_highlights code point offsets in snippet: start, end... */
    size_t n_highlights;
    char *kind;        /* the passage: title, heading, paragraph, item, footnote */
    char *label;       /* its label: "12", "a", "I", a footnote's number; "" */
    long block;        /* its index among the document's blocks */
    long section_first, section_last; /* the blocks of the section it was found in (the
                                       * unit Xapian matched: docs/schema.md) */
    long page;
    unsigned long others; /* at least this many other passages of the document match */
    char date[11];     /* the document's own date: "YYYY-MM-DD", "YYYY-MM", "YYYY", or "" */
    char *type;        /* its type (rapport, résolution...), "" when unknown */
    char *organ;       /* its organ's gazetteer id, "" when unknown */
    char *organ_label; /* that organ's French name ("" when unknown) */
    char *organ_label_en; /* its English name, else the French one ("" when unknown) */
    char *type_en;     /* the type in English ("report"; "" when none) */
} cote_hit_t;

typedef struct {
    char *value;         /* the facet value: an organisation id, a year, a type */
    char *label;         /* for people: the organisation's name; else the value */
    char *label_en;      /* the same in English: the organisation's English name, the type
                          * translated, the year */
    unsigned long count; /* matching documents with it */
} cote_facet_value_t;

typedef struct {
    const char *name;    /* "org", "year", "type", "organ" (static) */
    cote_facet_value_t *values;
    size_t n;
} cote_facet_t;

#define COTE_FACETS 4

typedef struct {
    char *query;             /* the query as received (valid UTF-8) */
    unsigned long total;     /* estimated number of matching documents */
    unsigned offset, limit;
    cote_hit_t *hits;
    size_t n_hits;
    cote_strbuf_t notes;     /* how the query was read, NUL-separated sentences */
    size_t n_notes;
    cote_facet_t facets[COTE_FACETS];
    char *suggestion;        /* the query with its unknown words corrected from the index's
                              * vocabulary (suggest.h), NULL when none */
    bool corrected;          /* nothing matched the query as typed, and the hits are those
                              * of the suggestion (one typo in long words is forgiven) */
} cote_search_response_t;

/* A stored document, as `cote show` prints it. */
typedef struct {
    char *file;
    char *doc;
    char *title;
    char **symbols;
    size_t n_symbols;
    char *text;
    unsigned long terms; /* distinct terms indexed (over its passages) */
    unsigned long passages; /* passages (blocks) of its sections */
    char *record;        /* the whole stored record (JSON, docs/api.md): entities,
                          * blocks, furniture, links, repairs */
} cote_document_t;

/* Opens the index at path (a directory or a stub file naming shards).
 * Statuses: OK, DB_OPEN, DB_CORRUPT, REMOTE, NOMEM, INTERNAL. */
cote_status_t cote_searcher_open(const char *path, cote_searcher_t **out, cote_error_t *err);
void cote_searcher_free(cote_searcher_t *s);

/* Moves to the latest commit; *changed (may be NULL) tells whether it moved. */
cote_status_t cote_searcher_refresh(cote_searcher_t *s, bool *changed, cote_error_t *err);

/* The searcher's read-only database handle (borrowed; valid while s is),
 * for modules of the searcher that read the index directly (stats.c). */
typedef struct cote_xdb cote_xdb_t;
cote_xdb_t *cote_searcher_db(cote_searcher_t *s);

/* How the index's text usually writes the accent-free indexed word bare
 * (written_form.h), read from at most max_records records; *out is
 * malloc'ed, the caller's. Statuses: those of cote_written_form. */
cote_status_t cote_searcher_written_form(cote_searcher_t *s, const char *bare, unsigned max_records, char **out,
                                         cote_error_t *err);

/* Number of indexed records. Statuses: OK, DB_MODIFIED, REMOTE, INTERNAL. */
cote_status_t cote_searcher_count(cote_searcher_t *s, unsigned long *out, cote_error_t *err);

/* Statuses: OK (even with no hits), INVALID_ARG (bad bounds), TOO_LARGE
 * (query over COTE_QUERY_MAX_BYTES), BAD_INPUT (query not UTF-8),
 * QUERY_TOO_BROAD, DB_MODIFIED (after one retry), REMOTE, TIMEOUT (past
 * req->time_limit_ms), NOMEM, INTERNAL. */
cote_status_t cote_searcher_search(cote_searcher_t *s, const cote_search_request_t *req,
                                   cote_search_response_t **out, cote_error_t *err);
void cote_search_response_free(cote_search_response_t *r);

/* Documents or passages like the one ref names ("more like this"): ref is a
 * document reference (cote_searcher_document), or one with `#N` (its
 * paragraph N), `#note-N` (footnote N) or `#bN` (block N) for a passage. The
 * terms that best tell it from the rest of the index (Xapian's relevance
 * feedback) are searched, its own document left out. For a document, the
 * best passage of each other document; for a passage, the passages most like
 * it. req gives the paging and filters (its query must be ""); the
 * response's query is ref and its notes name the terms used.
 * Statuses: as cote_searcher_search, and NOT_FOUND (no such document or passage). */
cote_status_t cote_searcher_similar(cote_searcher_t *s, const char *ref, const cote_search_request_t *req,
                                    cote_search_response_t **out, cote_error_t *err);

/* The spelling suggestion for query (valid UTF-8, at most COTE_QUERY_MAX_BYTES):
 * *out is malloc'ed, NULL when the index has nothing better.
 * Statuses: OK, TOO_LARGE, BAD_INPUT, DB_MODIFIED, REMOTE, NOMEM, INTERNAL. */
cote_status_t cote_searcher_suggest(cote_searcher_t *s, const char *query, char **out, cote_error_t *err);

/* How req's query is read, without searching: *reading is the word query in
 * canonical form (query.h: `paix ET (climat OU énergie) SAUF guerre`; "" when
 * it has no word), *xapian the whole Xapian query with entities and filters
 * (cote_xquery_describe; "" when nothing is asked), as the search runs it:
 * each stem as the SYNONYM of the index's words that have it; only org: and
 * symbol: filters show their document term rather than the documents'
 * list. Both are the caller's (free()); NULL on failure. Statuses: OK,
 * INVALID_ARG, TOO_LARGE, BAD_INPUT (as cote_searcher_search), DB_MODIFIED
 * (after one retry), REMOTE, NOMEM, INTERNAL. */
cote_status_t cote_searcher_explain(cote_searcher_t *s, const cote_search_request_t *req, char **reading,
                                    char **xapian, cote_error_t *err);

/* Finds a document by reference: its stable id, an indexed path, or one of
 * its own symbols (A/75/371, in any usual spelling).
 * Statuses: OK, NOT_FOUND, DB_*, NOMEM, INTERNAL. */
cote_status_t cote_searcher_document(cote_searcher_t *s, const char *ref, cote_document_t **out,
                                     cote_error_t *err);
void cote_document_free(cote_document_t *d);

/* Appends the response as one JSON object (no trailing newline).
 * Statuses: OK, NOMEM. */
cote_status_t cote_search_response_json(const cote_search_response_t *r, cote_strbuf_t *out);
/* Appends the document as one JSON object: its stored record with "terms";
 * with_text false leaves out "text", "blocks" and "repairs". */
cote_status_t cote_document_json(const cote_document_t *d, bool with_text, cote_strbuf_t *out);

#endif
