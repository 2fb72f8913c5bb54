/* passage.h: one passage of a stored document (a numbered paragraph, a
 * footnote, a block), for `cote show A/75/371#9` and the document view.
 *
 * A selector names it: "9" or "par-9" (numbered paragraph 9), "note-3" or
 * "n3" (footnote 3), "block-12" (the 13th block, counting from 0).
 *
 * Ownership: out->text points into d->text and is valid while d is; nothing
 * is allocated. Statuses: OK, NOT_FOUND (no such passage, or a selector that
 * names none), INVALID_ARG (d holds no blocks).
 */
#ifndef COTE_PASSAGE_H
#define COTE_PASSAGE_H

#include <stddef.h>

#include "searcher.h"

typedef struct {
    char kind[16];  /* title, heading, paragraph, item, footnote */
    char label[16];
    long block;
    long page;
    const char *text; /* into the document's text */
    size_t len;
} cote_passage_t;

cote_status_t cote_document_passage(const cote_document_t *d, const char *selector, cote_passage_t *out,
                                    cote_error_t *err);

#endif
