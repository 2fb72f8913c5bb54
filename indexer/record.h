/* record.h: one source text -> its Xapian records, laid out as core/schema.h
 * says: a document record, and a section record per run of consecutive
 * blocks (terms with positions, entity terms, the id and document terms,
 * values, and the JSON data the searcher reads back).
 *
 * Ownership: records are built, handed to the callback and freed. The
 * analyser and token list are borrowed scratch space, reused across calls.
 */
#ifndef COTE_RECORD_H
#define COTE_RECORD_H

#include <stddef.h>

#include "analysis.h"
#include "clean.h"
#include "doc_entities.h"
#include "schema.h"
#include "xdb.h"

/* Positions left empty between two blocks: phrases never span paragraphs. */
#define COTE_BLOCK_POSITION_GAP 8

/* Words a section gathers before it ends (at a block's end), unless the
 * index says otherwise (`cote index --section-words N`, kept in the index's
 * metadata COTE_META_SECTION_WORDS): one Xapian record holds consecutive
 * blocks up to this size. Fewer, larger records make a smaller index
 * written faster (a word repeated in a section is one posting with one
 * position-table entry, and each record pays its own data, values and id
 * terms); but the query's AND, NOT and ranking hold over a section, so it
 * stays a few pages. Measured in docs/schema.md, "Sections"; the searcher
 * finds the matching block inside (searcher/best_block.h). */
#define COTE_SECTION_WORDS_DEFAULT 2000 /* at most COTE_SECTION_WORDS_MAX (schema.h) */

typedef struct {
    const char *file;              /* path as given at index time (UTF-8) */
    const char *doc;               /* stable document id */
    const cote_clean_doc_t *clean; /* the repaired text and its blocks */
    const cote_doc_entities_t *entities; /* may be NULL: no entity terms */
    const cote_gazetteer_t *gazetteer;   /* names of organisations; NULL when entities is */
    const char *source;            /* the file's stamp (COTE_SLOT_SOURCE) for the document
                                    * record, or NULL */
    const cote_token_list_t *tokens; /* the analysis of clean's whole text from position 1
                                      * (the organisation recogniser made it), whose
                                      * blocks' tokens are reused; NULL: each block is
                                      * analysed */
    unsigned section_words;        /* words a section gathers; 0: COTE_SECTION_WORDS_DEFAULT */
} cote_record_input_t;

/* Called with each record of a document, in order; the callback owns the
 * record (it frees it, also when it fails). Returns a status to stop the build. */
typedef cote_status_t (*cote_record_fn)(const char *unique, cote_xdoc_t *record, void *ctx, cote_error_t *err);

/* Builds the records of one document: first the document record (unique
 * term Q<doc>: the stored JSON of the whole document, its id terms and
 * XKIND:doc, the document-wide symbol and organisation filters, no text
 * terms: `cote show` reads it, searches never match it), then one section
 * record per run of blocks of about in->section_words words (Q<doc>#<n>
 * for its first block n: the blocks' text terms and the entities in them,
 * the document's type, organ, date and values, XKIND:passage).
 * Statuses: OK, BAD_INPUT, NOMEM, INTERNAL, or fn's. */
cote_status_t cote_record_build(cote_analyser_t *an, cote_token_list_t *scratch, const cote_record_input_t *in,
                                cote_record_fn fn, void *ctx, cote_error_t *err);

/* The texts indexed after a document's blocks, each on positions of its
 * own: its page furniture (running headers) in order, then the symbols of
 * its undocs.org links ("https://undocs.org/fr/A/RES/74/239" ->
 * "A/RES/74/239"; other links are skipped). The texts point into clean.
 * Usage: cote_metadata_iter_t it = {0}; while (cote_record_metadata_next(clean, &it, &s, &n)) ... */
typedef struct {
    size_t i;      /* texts walked so far, furniture then links */
    const char *p; /* the next one; NULL before the first call */
} cote_metadata_iter_t;
int cote_record_metadata_next(const cote_clean_doc_t *clean, cote_metadata_iter_t *it, const char **text, size_t *n);

/* The document's title: its title block when the repair found one, else the
 * file name without directory and extension. Writes a malloc'ed string to
 * *out. Statuses: OK, NOMEM. */
cote_status_t cote_record_title(const char *file, const cote_clean_doc_t *clean, char **out);

/* record_entities.c: the entities as terms and values (statuses OK, NOMEM,
 * INVALID_ARG): those of a span of the text (first: the document's first
 * passage, which also takes its own symbols and the symbols of its links),
 * those every passage of the document carries, those only the document
 * record carries (the whole document's symbols and organisations: filters
 * and facet); and as members of the stored JSON object o (returns non-zero
 * when jansson failed). */
cote_status_t cote_record_span_terms(cote_xdoc_t *d, const cote_doc_entities_t *e, size_t from, size_t to, int first,
                                     cote_error_t *err);
cote_status_t cote_record_doc_terms(cote_xdoc_t *d, const cote_doc_entities_t *e, cote_error_t *err);
cote_status_t cote_record_doc_filters(cote_xdoc_t *d, const cote_doc_entities_t *e, cote_error_t *err);
typedef struct json_t json_t;
int cote_record_entities_json(json_t *o, const cote_doc_entities_t *e, const cote_gazetteer_t *g, const char *text);

#endif
