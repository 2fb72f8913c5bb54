/* utf8.h: bounds-checked UTF-8 validation and stepping.
 *
 * Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above
 * U+10FFFF. All functions are pure and thread-safe; none allocates.
 */
#ifndef COTE_UTF8_H
#define COTE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Decodes one code point at s[0..n). Returns its length in bytes (1..4) and
 * stores it in *cp, or returns 0 for an invalid or truncated sequence. */
size_t cote_utf8_decode(const char *s, size_t n, uint32_t *cp);

/* True when s[0..n) is entirely valid UTF-8. When it is not and bad_offset is
 * not NULL, stores the byte offset of the first invalid sequence there. */
bool cote_utf8_valid(const char *s, size_t n, size_t *bad_offset);

/* The largest length <= max at which s[0..n) can be cut without splitting a
 * sequence (assumes valid UTF-8). */
size_t cote_utf8_floor(const char *s, size_t n, size_t max);

/* Writes code point c (a Unicode scalar value) as UTF-8 into out and
 * returns its length, 1 to 4. Pure. */
size_t cote_utf8_encode(uint32_t c, char out[4]);

/* The base letter, in lower case, of a Latin-1 letter with a diacritic that
 * French uses (À..Ý, à..ÿ: 'a', 'c', 'e', 'i', 'n', 'o', 'u', 'y'); any
 * other code point unchanged. Pure. */
uint32_t cote_utf8_unaccent(uint32_t c);

#ifdef __cplusplus
}
#endif

#endif
