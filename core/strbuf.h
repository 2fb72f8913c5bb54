/* strbuf.h: a growable byte buffer with an explicit length.
 *
 * The caller owns the cote_strbuf_t (usually on its stack) and releases its
 * memory with cote_strbuf_free(). The content is always NUL-terminated after a
 * successful call, so buf.data can be used as a C string when it holds no NUL.
 * Growth is checked for overflow; on allocation failure the buffer is left as
 * it was and COTE_NOMEM is returned.
 */
#ifndef COTE_STRBUF_H
#define COTE_STRBUF_H

#include <stddef.h>

#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    char *data; /* NULL until the first append */
    size_t len;
    size_t cap;
} cote_strbuf_t;

#define COTE_STRBUF_INIT {NULL, 0, 0}

/* COTE_OK or COTE_NOMEM. */
cote_status_t cote_strbuf_reserve(cote_strbuf_t *sb, size_t extra);
cote_status_t cote_strbuf_append(cote_strbuf_t *sb, const char *s, size_t n);
cote_status_t cote_strbuf_puts(cote_strbuf_t *sb, const char *s);
cote_status_t cote_strbuf_putc(cote_strbuf_t *sb, char c);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
cote_status_t cote_strbuf_printf(cote_strbuf_t *sb, const char *fmt, ...);

/* Empties the buffer but keeps its memory. */
void cote_strbuf_reset(cote_strbuf_t *sb);
/* Hands the content to the caller (free() it); the buffer is left empty. Never NULL
 * on success: an empty buffer yields "". Returns NULL only on allocation failure. */
char *cote_strbuf_take(cote_strbuf_t *sb);
void cote_strbuf_free(cote_strbuf_t *sb);

#ifdef __cplusplus
}
#endif

#endif
