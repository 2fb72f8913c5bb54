/* error.h: the detail that goes with a status.
 *
 * A cote_error_t is owned by the caller (usually on its stack) and passed down
 * as an optional last argument; every function accepts NULL there. Library code
 * never prints: it fills this buffer, and only the CLI or the server decides
 * what a person sees. Messages are truncated to fit, never overflow.
 */
#ifndef COTE_ERROR_H
#define COTE_ERROR_H

#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define COTE_ERROR_MSG_MAX 512

typedef struct {
    cote_status_t status;
    char msg[COTE_ERROR_MSG_MAX];
} cote_error_t;

/* Resets err (if not NULL) to OK with an empty message. */
void cote_error_clear(cote_error_t *err);

/* Records st and a printf-style message in err (if not NULL) and returns st,
 * so a failing function can `return cote_error_set(err, COTE_IO, "...", ...)`. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
cote_status_t cote_error_set(cote_error_t *err, cote_status_t st, const char *fmt, ...);

/* The message of err, or the status's generic sentence when it has none. */
const char *cote_error_text(const cote_error_t *err);

#ifdef __cplusplus
}
#endif

#endif
