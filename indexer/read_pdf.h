/* read_pdf.h: the text layer of a PDF file, through poppler (libpoppler-glib).
 *
 * The text comes out page by page, in reading order, each page followed by a
 * form feed (`\f`), as `pdftotext` writes it without -layout: the cleaner
 * (clean.h) then finds the running headers and footers, footnotes and
 * paragraphs as it does in any extracted text. GLib and poppler stay inside
 * read_pdf.c: nothing here names them, and poppler's own diagnostics are
 * silenced (each problem becomes a status and one message instead).
 *
 * Ownership: on success *out is a malloc'ed, NUL-terminated UTF-8 string
 * (free()); on failure *out is NULL and *len 0.
 *
 * Memory: the file is read whole (at most max_bytes), poppler builds its
 * object tree from that copy, and the text may not exceed max_bytes either.
 *
 * Thread rule: any thread; poppler documents are not shared.
 */
#ifndef COTE_READ_PDF_H
#define COTE_READ_PDF_H

#include <stddef.h>

#include "error.h"

/* Extracts the text of the PDF at path.
 * Statuses: OK; NOT_FOUND, IO (cannot open or read); TOO_LARGE (the file or
 * its text over max_bytes); BAD_INPUT (empty file, damaged or not a PDF,
 * encrypted with a password, no text layer: a scanned PDF); NOMEM. */
cote_status_t cote_read_pdf(const char *path, size_t max_bytes, char **out, size_t *len, cote_error_t *err);

/* The same for a PDF already in memory (data[0..n) is borrowed for the call).
 * Statuses as cote_read_pdf, without NOT_FOUND and IO. */
cote_status_t cote_read_pdf_data(const char *data, size_t n, size_t max_bytes, char **out, size_t *len,
                                 cote_error_t *err);

#endif
