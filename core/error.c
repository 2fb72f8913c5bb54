/* error.c: formatting of error details into the caller's fixed buffer. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>

void cote_error_clear(cote_error_t *err)
{
    if (!err)
        return;
    err->status = COTE_OK;
    err->msg[0] = '\0';
}

cote_status_t cote_error_set(cote_error_t *err, cote_status_t st, const char *fmt, ...)
{
    if (!err)
        return st;
    err->status = st;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    if (n < 0)
        err->msg[0] = '\0';
    return st;
}

const char *cote_error_text(const cote_error_t *err)
{
    if (!err)
        return "";
    return err->msg[0] ? err->msg : cote_status_message(err->status);
}
