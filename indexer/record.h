/* record.h: one source text -> one Xapian document, laid out as core/schema.h
 * says (terms with positions, the id and document terms, values, and the JSON
 * data the searcher reads back).
 *
 * Ownership: *out is the caller's (cote_xdoc_free). The analyser and token
 * list are borrowed scratch space, reused across calls.
 * Statuses: OK, BAD_INPUT (text not UTF-8), NOMEM, INTERNAL.
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

typedef struct {
    const char *file;              /* path as given at index time (UTF-8) */
    const char *doc;               /* stable document id */
    const cote_clean_doc_t *clean; /* the repaired text and its blocks */
    const cote_doc_entities_t *entities; /* may be NULL: no entity terms */
    const cote_gazetteer_t *gazetteer;   /* names of organisations; NULL when entities is */
} cote_record_input_t;

cote_status_t cote_record_build(cote_analyser_t *an, cote_token_list_t *scratch,
                                const cote_record_input_t *in, cote_xdoc_t **out, cote_error_t *err);

/* The document's title: its title block when the repair found one, else the
 * file name without directory and extension. Writes a malloc'ed string to
 * *out. Statuses: OK, NOMEM. */
cote_status_t cote_record_title(const char *file, const cote_clean_doc_t *clean, char **out);

/* record_entities.c: the entities as terms and values (statuses OK, NOMEM,
 * INVALID_ARG), and as members of the stored JSON object o (returns non-zero
 * when jansson failed). */
cote_status_t cote_record_entity_terms(cote_xdoc_t *d, const cote_doc_entities_t *e, cote_error_t *err);
typedef struct json_t json_t;
int cote_record_entities_json(json_t *o, const cote_doc_entities_t *e, const cote_gazetteer_t *g, const char *text);

#endif
