/* strbuf.c: growable buffer; doubles its capacity, checks for size_t overflow. */
#include "strbuf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

cote_status_t cote_strbuf_reserve(cote_strbuf_t *sb, size_t extra)
{
    if (extra > SIZE_MAX - sb->len - 1)
        return COTE_NOMEM;
    size_t need = sb->len + extra + 1;
    if (need <= sb->cap)
        return COTE_OK;
    size_t cap = sb->cap ? sb->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = realloc(sb->data, cap);
    if (!p)
        return COTE_NOMEM;
    sb->data = p;
    sb->cap = cap;
    return COTE_OK;
}

cote_status_t cote_strbuf_append(cote_strbuf_t *sb, const char *s, size_t n)
{
    if (cote_strbuf_reserve(sb, n) != COTE_OK)
        return COTE_NOMEM;
    if (n)
        memcpy(sb->data + sb->len, s, n);
    sb->len += n;
    sb->data[sb->len] = '\0';
    return COTE_OK;
}

cote_status_t cote_strbuf_puts(cote_strbuf_t *sb, const char *s)
{
    return cote_strbuf_append(sb, s, strlen(s));
}

cote_status_t cote_strbuf_putc(cote_strbuf_t *sb, char c)
{
    return cote_strbuf_append(sb, &c, 1);
}

cote_status_t cote_strbuf_printf(cote_strbuf_t *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || cote_strbuf_reserve(sb, (size_t)n) != COTE_OK) {
        va_end(ap2);
        return COTE_NOMEM;
    }
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    sb->len += (size_t)n;
    return COTE_OK;
}

void cote_strbuf_reset(cote_strbuf_t *sb)
{
    sb->len = 0;
    if (sb->data)
        sb->data[0] = '\0';
}

char *cote_strbuf_take(cote_strbuf_t *sb)
{
    if (!sb->data && cote_strbuf_reserve(sb, 0) != COTE_OK)
        return NULL;
    sb->data[sb->len] = '\0';
    char *p = sb->data;
    sb->data = NULL;
    sb->len = sb->cap = 0;
    return p;
}

void cote_strbuf_free(cote_strbuf_t *sb)
{
    free(sb->data);
    sb->data = NULL;
    sb->len = sb->cap = 0;
}
