/* ascii.h: byte-level tests on ASCII text, locale-free (unlike <ctype.h>).
 * Pure, thread-safe, no allocation.
 */
#ifndef COTE_ASCII_H
#define COTE_ASCII_H

#include <stdbool.h>
#include <stddef.h>

/* True when s[0..n) is one or more ASCII digits 0-9. */
static inline bool cote_ascii_all_digits(const char *s, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

#endif
