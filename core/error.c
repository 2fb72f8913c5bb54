/* error.c: formatting of error details into the caller's fixed buffer. */
#include "error.h"
#include "utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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
    if (n < 0) {
        err->msg[0] = '\0';
    } else if ((size_t)n >= sizeof err->msg) {
        /* Truncated: never leave half a UTF-8 sequence (the message may reach JSON). */
        size_t len = strlen(err->msg), lead = len;
        while (lead > 0 && ((unsigned char)err->msg[lead - 1] & 0xC0) == 0x80)
            lead--;
        uint32_t cp;
        if (lead > 0 && (unsigned char)err->msg[lead - 1] >= 0x80 &&
            cote_utf8_decode(err->msg + lead - 1, len - lead + 1, &cp) == 0)
            err->msg[lead - 1] = '\0';
    }
    return st;
}

const char *cote_error_text(const cote_error_t *err)
{
    if (!err)
        return "";
    return err->msg[0] ? err->msg : cote_status_message(err->status);
}
