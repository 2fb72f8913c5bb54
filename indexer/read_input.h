/* read_input.h: the text of an input file, whatever its kind.
 *
 * The kind is told by the name's suffix, in any case: `.txt` is read by
 * read_text.h (UTF-8, or converted to it), `.pdf` by read_pdf.h (poppler's
 * text layer, pages ending with a form feed). Either way the caller gets
 * UTF-8 text for the cleaner. Other files are not inputs.
 *
 * Ownership: on success *out is a malloc'ed, NUL-terminated UTF-8 string
 * (free()); on failure *out is NULL and *len 0. Thread rule: any thread.
 */
#ifndef COTE_READ_INPUT_H
#define COTE_READ_INPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

typedef enum {
    COTE_INPUT_NONE, /* not a kind of file cote reads */
    COTE_INPUT_TEXT, /* .txt */
    COTE_INPUT_PDF,  /* .pdf */
} cote_input_kind_t;

/* The kind of input path names, from its suffix (case-insensitive). */
cote_input_kind_t cote_input_kind(const char *path);

/* What cote reads, for messages about other files: "a .txt or .pdf file". */
const char *cote_input_kinds_text(void);

/* Reads path as its kind says, at most max_bytes of file and of text.
 * Statuses: those of cote_read_text() and cote_read_pdf(); UNSUPPORTED when
 * the path is not a kind cote reads. */
cote_status_t cote_read_input(const char *path, size_t max_bytes, char **out, size_t *len, cote_error_t *err);

#endif
