/* read_text.h: reads a text file whole, refusing what is not UTF-8 text.
 *
 * Ownership: on success *out is a malloc'ed, NUL-terminated copy (free()).
 * Statuses: OK; NOT_FOUND, IO (cannot open or read); TOO_LARGE (over
 * max_bytes); BAD_INPUT (empty, NUL bytes, or invalid UTF-8: the message gives
 * the byte offset); NOMEM.
 */
#ifndef COTE_READ_TEXT_H
#define COTE_READ_TEXT_H

#include <stddef.h>

#include "error.h"

cote_status_t cote_read_text(const char *path, size_t max_bytes, char **out, size_t *len,
                             cote_error_t *err);

#endif
