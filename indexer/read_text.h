/* read_text.h: reads a text file whole and returns it as UTF-8, refusing what
 * is not text.
 *
 * UTF-8 is read as is (a leading byte order mark is dropped). Other encodings
 * are converted with ICU when they can be told for sure: UTF-16 and UTF-32
 * with a byte order mark, and text that ICU's charset detector recognises as
 * ISO-8859-1 or windows-1252 (French text saved by older Windows and Mac
 * tools) with a confidence of at least COTE_READ_TEXT_MIN_CONFIDENCE. Anything
 * else that is not UTF-8 is refused with the offset of the first bad byte,
 * and so is a file mixing valid UTF-8 with stray bytes (converting it would
 * garble the part that was right).
 *
 * Lines are bounded (COTE_READ_TEXT_MAX_LINE): text extracted from documents
 * has lines of at most a few thousand bytes, and a file that is one line of
 * megabytes is a dump, not a document; the cleaner and the passages are made
 * for paragraphs.
 *
 * Ownership: on success *out is a malloc'ed, NUL-terminated copy (free());
 * on failure *out is NULL and *len 0. Thread rule: any thread.
 */
#ifndef COTE_READ_TEXT_H
#define COTE_READ_TEXT_H

#include <stddef.h>

#include "error.h"

/* The least confidence (0-100) of ICU's detector for a conversion. French
 * text in windows-1252 scores 88 to 98 from one sentence up (the seed
 * reports, whole or their first 300 bytes); a line of four words scores 57:
 * too little text to tell, so it is refused rather than guessed. */
#define COTE_READ_TEXT_MIN_CONFIDENCE 60
/* The longest line accepted, in bytes of UTF-8. */
#define COTE_READ_TEXT_MAX_LINE ((size_t)1 << 20)

/* Reads the file at path as text.
 * Statuses: OK; NOT_FOUND, IO (cannot open or read, not a regular file);
 * TOO_LARGE (over max_bytes, before or after conversion; a line over
 * COTE_READ_TEXT_MAX_LINE); BAD_INPUT (empty, NUL bytes, an encoding that
 * cannot be told, mixed encodings, control characters after conversion:
 * the message gives the byte offset); NOMEM. */
cote_status_t cote_read_text(const char *path, size_t max_bytes, char **out, size_t *len,
                             cote_error_t *err);

/* The same checks and conversions on bytes already in memory (borrowed).
 * Statuses as cote_read_text, without NOT_FOUND and IO. */
cote_status_t cote_read_text_data(const char *data, size_t n, size_t max_bytes, char **out, size_t *len,
                                  cote_error_t *err);

/* Reads a regular file whole, as bytes, with no check of its content: *out
 * is malloc'ed and NUL-terminated after its *len bytes (free()).
 * Statuses: OK; NOT_FOUND, IO; TOO_LARGE (over max_bytes); NOMEM. */
cote_status_t cote_read_file(const char *path, size_t max_bytes, char **out, size_t *len, cote_error_t *err);

#endif
