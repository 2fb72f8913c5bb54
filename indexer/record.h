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
#include "schema.h"
#include "xdb.h"

typedef struct {
    const char *file;     /* path as given at index time (UTF-8) */
    const char *doc;      /* stable document id */
    const char *text;     /* UTF-8 */
    size_t len;
} cote_record_input_t;

cote_status_t cote_record_build(cote_analyser_t *an, cote_token_list_t *scratch,
                                const cote_record_input_t *in, cote_xdoc_t **out, cote_error_t *err);

/* The document's title as far as the text tells: its first heading lines, or
 * the file name (without directory and extension) when the text opens with a
 * summary. Writes a malloc'ed string to *out. Statuses: OK, NOMEM. */
cote_status_t cote_record_title(const char *file, const char *text, size_t len, char **out);

#endif
